// The reliability diagram: per confidence bin, the share of right predictions (bars) against the mean
// confidence (points), with the diagonal of perfect calibration, and the ECE. Bins as evaluateSplit
// returns them (15 equal-width bins over the top-class confidence, docs/METRICS.md).
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { css, html, LitElement } from 'lit';
import type { ReliabilityBin } from '../../core/metrics';
import { formatCount } from '../format';
import { blockElement } from '../theme';
import { canvasChart } from '../chart-controller';
import { formatMetric } from '../format-metric';
import { SET_COLOURS, withAlpha } from '../palette';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export class ReliabilityDiagram extends LitElement {
  static override properties = {
    bins: { attribute: false },
    ece: { attribute: false },
    caption: { attribute: false },
  };

  declare bins: readonly ReliabilityBin[];
  declare ece: number | null;
  declare caption: string;
  readonly #charts = canvasChart(this, () => this.#config());

  static override styles = [
    blockElement,
    css`
      h4 { margin: 0 0 0.4rem; font-size: 0.95rem; }
      .plot { position: relative; height: 16rem; }
      .ece { font-variant-numeric: tabular-nums; }
      details { margin-top: 0.5rem; font-size: 0.85rem; }
    `,
  ];

  constructor() {
    super();
    this.bins = [];
    this.ece = null;
    this.caption = 'Reliability diagram';
  }

  #config(): ChartConfiguration | null {
    const bins = this.bins;
    if (bins.length === 0) return null;
    const labels = bins.map((bin) => ((bin.lower + bin.upper) / 2).toFixed(2));
    return {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { type: 'bar', label: 'Accuracy in the bin', data: bins.map((bin) => bin.accuracy), backgroundColor: withAlpha(SET_COLOURS.id, 0.7), borderColor: SET_COLOURS.id, borderWidth: 1, barPercentage: 1, categoryPercentage: 0.92, order: 2 },
          { type: 'line', label: 'Mean confidence', data: bins.map((bin) => bin.confidence), borderColor: SET_COLOURS.ood, backgroundColor: SET_COLOURS.ood, showLine: false, pointRadius: 3.5, order: 1 },
          { type: 'line', label: 'Perfect calibration', data: bins.map((bin) => (bin.lower + bin.upper) / 2), borderColor: SET_COLOURS.reference, borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0, order: 0 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: 'Confidence (top-class probability), bin centre' }, grid: { display: false } },
          y: { min: 0, max: 1, title: { display: true, text: 'Accuracy' } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: {
              label: (item) => {
                const bin = bins[item.dataIndex];
                return `${item.dataset.label}: ${formatMetric(item.parsed.y)} (${formatCount(bin.count)} predictions)`;
              },
            },
          },
        },
      },
    };
  }

  override render() {
    const bins = this.bins;
    if (bins.length === 0) return html`<p class="muted">No predictions yet.</p>`;
    const filled = bins.filter((bin) => bin.count > 0);
    return html`<h4>${this.caption}: <span class="ece" data-testid="reliability-ece">ECE ${formatMetric(this.ece)}</span></h4>
      <div class="plot"><canvas role="img" data-testid="reliability-chart" aria-label="${this.caption}: accuracy against confidence in ${bins.length} bins, ECE ${formatMetric(this.ece)}"></canvas></div>
      <details>
        <summary>Numbers (${filled.length} of ${bins.length} bins hold predictions)</summary>
        <table data-testid="reliability-table">
          <caption class="visually-hidden">Reliability bins with predictions</caption>
          <thead><tr><th scope="col">Confidence bin</th><th class="num" scope="col">Predictions</th><th class="num" scope="col">Mean confidence</th><th class="num" scope="col">Accuracy</th><th class="num" scope="col">Accuracy − confidence</th></tr></thead>
          <tbody>${filled.map((bin) => html`<tr><td>(${bin.lower.toFixed(3)}, ${bin.upper.toFixed(3)}]</td><td class="num">${formatCount(bin.count)}</td><td class="num">${formatMetric(bin.confidence)}</td><td class="num">${formatMetric(bin.accuracy)}</td><td class="num">${formatMetric((bin.accuracy ?? 0) - (bin.confidence ?? 0))}</td></tr>`)}</tbody>
        </table>
      </details>`;
  }
}

customElements.define('lab-reliability-diagram', ReliabilityDiagram);

declare global {
  interface HTMLElementTagNameMap {
    'lab-reliability-diagram': ReliabilityDiagram;
  }
}
