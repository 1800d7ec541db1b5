// Per-class F1 as grouped bars (one group per grade, one bar per series such as ID test and OOD test),
// with precision, recall, F1 and support in a table beside it.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { css, html, LitElement } from 'lit';
import { DEFAULT_LABEL_NAMES } from '../../core/data/schema';
import type { ClassScores } from '../../core/metrics';
import { formatCount } from '../format';
import { blockElement } from '../theme';
import { canvasChart } from '../chart-controller';
import { formatMetric } from '../format-metric';
import { SET_COLOURS } from '../palette';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface ClassScoreSeries {
  label: string;
  perClass: readonly ClassScores[];
}

const SERIES_COLOURS = [SET_COLOURS.id, SET_COLOURS.ood, '#1f7a4a', '#7b4fb0', '#b0871f'];

export class ClassF1Chart extends LitElement {
  static override properties = {
    series: { attribute: false },
    labelNames: { attribute: false },
  };

  declare series: readonly ClassScoreSeries[];
  declare labelNames: readonly string[];
  readonly #charts = canvasChart(this, () => this.#config());

  static override styles = [
    blockElement,
    css`
      .plot { position: relative; height: 14rem; }
      .scroll { overflow-x: auto; margin-top: 0.6rem; }
    `,
  ];

  constructor() {
    super();
    this.series = [];
    this.labelNames = DEFAULT_LABEL_NAMES;
  }

  #names(): string[] {
    const grades = Math.max(0, ...this.series.map((series) => series.perClass.length));
    return Array.from({ length: grades }, (_, grade) => `${grade} ${this.labelNames[grade] ?? ''}`.trim());
  }

  #config(): ChartConfiguration | null {
    if (this.series.length === 0) return null;
    return {
      type: 'bar',
      data: {
        labels: this.#names(),
        datasets: this.series.map((series, index) => ({
          label: series.label,
          data: series.perClass.map((scores) => scores.f1),
          backgroundColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
          borderRadius: 3,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 1, title: { display: true, text: 'F1' } }, x: { grid: { display: false } } },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: F1 ${formatMetric(item.parsed.y)}` } },
        },
      },
    };
  }

  override render() {
    if (this.series.length === 0) return html`<p class="muted">No predictions yet.</p>`;
    const names = this.#names();
    return html`<div class="plot"><canvas role="img" data-testid="class-f1-chart" aria-label="F1 per grade for ${this.series.map((series) => series.label).join(' and ')}"></canvas></div>
      <div class="scroll"><table data-testid="class-f1-table">
        <caption class="visually-hidden">Precision, recall, F1 and support per grade</caption>
        <thead><tr><th scope="col">Set</th><th scope="col">Grade</th><th class="num" scope="col">Precision</th><th class="num" scope="col">Recall</th><th class="num" scope="col">F1</th><th class="num" scope="col">Support</th></tr></thead>
        <tbody>${this.series.flatMap((series) => series.perClass.map((scores, grade) => html`<tr>
          <td>${series.label}</td><td>${names[grade]}</td>
          <td class="num">${formatMetric(scores.precision)}</td><td class="num">${formatMetric(scores.recall)}</td><td class="num">${formatMetric(scores.f1)}</td><td class="num">${formatCount(scores.support)}</td>
        </tr>`))}</tbody>
      </table></div>`;
  }
}

customElements.define('lab-class-f1', ClassF1Chart);

declare global {
  interface HTMLElementTagNameMap {
    'lab-class-f1': ClassF1Chart;
  }
}
