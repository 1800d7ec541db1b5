// The Interpolate stage's sweep: a validation metric of theta = (1 - alpha) theta_LP + alpha theta_FT
// against alpha, on ID validation and on the OOD side (held-out DASA samples), with the chosen alpha marked.
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { css, html, LitElement, nothing } from 'lit';
import { blockElement } from '../theme';
import { canvasChart } from '../chart-controller';
import { formatMetric } from '../format-metric';
import { SET_COLOURS } from '../palette';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export interface SweepPoint {
  alpha: number;
  /** The metric on ID validation at this alpha. */
  id: number;
  /** The metric on the OOD validation samples at this alpha; null when there are none. */
  ood: number | null;
}

export class AlphaSweepChart extends LitElement {
  static override properties = {
    points: { attribute: false },
    chosen: { attribute: false },
    metric: { attribute: false },
    idLabel: { attribute: false },
    oodLabel: { attribute: false },
  };

  declare points: readonly SweepPoint[];
  /** The alpha the stage kept; null before a choice. */
  declare chosen: number | null;
  /** Name of the metric on the y axis, e.g. "macro-F1". */
  declare metric: string;
  declare idLabel: string;
  declare oodLabel: string;
  readonly #charts = canvasChart(this, () => this.#config());

  static override styles = [
    blockElement,
    css`
      .plot { position: relative; height: 16rem; }
      .chosen { margin: 0.5rem 0 0; font-size: 0.9rem; }
      tr.is-chosen td { font-weight: 600; background: #fff3ec; }
      details { margin-top: 0.5rem; font-size: 0.85rem; }
    `,
  ];

  constructor() {
    super();
    this.points = [];
    this.chosen = null;
    this.metric = 'macro-F1';
    this.idLabel = 'ID validation';
    this.oodLabel = 'OOD validation (held-out DASA samples)';
  }

  #sorted(): SweepPoint[] {
    return [...this.points].sort((a, b) => a.alpha - b.alpha);
  }

  #chosenPoint(): SweepPoint | null {
    if (this.chosen === null) return null;
    return this.points.find((point) => Math.abs(point.alpha - this.chosen!) < 1e-9) ?? null;
  }

  #config(): ChartConfiguration | null {
    const points = this.#sorted();
    if (points.length === 0) return null;
    const values = points.flatMap((point) => (point.ood === null ? [point.id] : [point.id, point.ood]));
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = Math.max(0.01, (high - low) * 0.1);
    const chosen = this.chosen;
    return {
      type: 'line',
      data: {
        datasets: [
          { label: this.idLabel, data: points.map((p) => ({ x: p.alpha, y: p.id })), borderColor: SET_COLOURS.id, backgroundColor: SET_COLOURS.id, pointRadius: 3, tension: 0 },
          { label: this.oodLabel, data: points.filter((p) => p.ood !== null).map((p) => ({ x: p.alpha, y: p.ood as number })), borderColor: SET_COLOURS.ood, backgroundColor: SET_COLOURS.ood, pointRadius: 3, tension: 0 },
          ...(chosen === null
            ? []
            : [{ label: `Chosen alpha = ${chosen}`, data: [{ x: chosen, y: low - pad }, { x: chosen, y: high + pad }], borderColor: '#1b2230', backgroundColor: '#1b2230', borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0 }]),
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', min: Math.min(0, points[0].alpha), max: Math.max(1, points[points.length - 1].alpha), title: { display: true, text: 'alpha (0 = probed, 1 = fine-tuned)' } },
          y: { type: 'linear', min: low - pad, max: high + pad, title: { display: true, text: this.metric } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatMetric(item.parsed.y)}` } },
        },
      },
    };
  }

  override render() {
    const points = this.#sorted();
    if (points.length === 0) return html`<p class="muted">No sweep yet.</p>`;
    const chosen = this.#chosenPoint();
    return html`<div class="plot"><canvas role="img" data-testid="sweep-chart" aria-label="${this.metric} against alpha on ${this.idLabel} and ${this.oodLabel}${chosen ? `; chosen alpha ${chosen.alpha}` : ''}"></canvas></div>
      ${chosen
        ? html`<p class="chosen" data-testid="sweep-chosen">Chosen alpha <strong>${chosen.alpha}</strong>: ${this.metric} ${formatMetric(chosen.id)} on ${this.idLabel}${chosen.ood === null ? '' : html`, ${formatMetric(chosen.ood)} on ${this.oodLabel}`}.</p>`
        : nothing}
      <details>
        <summary>Numbers</summary>
        <table data-testid="sweep-table">
          <caption class="visually-hidden">${this.metric} per alpha</caption>
          <thead><tr><th class="num" scope="col">alpha</th><th class="num" scope="col">${this.idLabel}</th><th class="num" scope="col">${this.oodLabel}</th></tr></thead>
          <tbody>${points.map((point) => html`<tr class=${point === chosen ? 'is-chosen' : ''}><td class="num">${point.alpha}${point === chosen ? ' (chosen)' : ''}</td><td class="num">${formatMetric(point.id)}</td><td class="num">${formatMetric(point.ood)}</td></tr>`)}</tbody>
        </table>
      </details>`;
  }
}

customElements.define('lab-alpha-sweep', AlphaSweepChart);

declare global {
  interface HTMLElementTagNameMap {
    'lab-alpha-sweep': AlphaSweepChart;
  }
}
