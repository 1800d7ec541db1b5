// The training curve: loss by step (left axis) and tokens per second (right axis), a Chart.js line
// chart updated in place as progress arrives, with the latest figures as text for screen readers.
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { css, html, LitElement, nothing } from 'lit';
import type { TrainingPoint } from '../../engine/model-types';
import { canvasChart } from '../chart-controller';
import { formatCount } from '../format';
import { blockElement } from '../theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

const LOSS_COLOUR = '#2456c8';
const SPEED_COLOUR = '#b98100';

export class LossChart extends LitElement {
  static override properties = { points: { attribute: false }, label: { attribute: false } };
  declare points: TrainingPoint[];
  /** What the loss is (e.g. "next-token loss, nats"). */
  declare label: string;
  readonly #charts = canvasChart(this, () => this.#config());

  static override styles = [
    blockElement,
    css`
      .canvas { position: relative; height: 16rem; min-width: 0; }
      .empty { color: var(--ink-muted); margin: 0; }
      .figures { display: flex; gap: 1.5rem; flex-wrap: wrap; font-size: 0.875rem; margin-top: 0.5rem; }
      .figures strong { font-variant-numeric: tabular-nums; }
    `,
  ];

  constructor() {
    super();
    this.points = [];
    this.label = 'loss';
  }

  #config(): ChartConfiguration {
    const loss = this.points.map((point) => ({ x: point.step, y: point.loss }));
    const speed = this.points.map((point) => ({ x: point.step, y: point.tokensPerSecond }));
    return {
      type: 'line',
      data: {
        datasets: [
          { label: this.label, data: loss, borderColor: LOSS_COLOUR, backgroundColor: LOSS_COLOUR, yAxisID: 'loss', pointRadius: 0, borderWidth: 2, tension: 0.15 },
          { label: 'tokens/s', data: speed, borderColor: SPEED_COLOUR, backgroundColor: SPEED_COLOUR, yAxisID: 'speed', pointRadius: 0, borderWidth: 1.5, borderDash: [4, 3] },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' }, ticks: { precision: 0 } },
          loss: { type: 'linear', position: 'left', title: { display: true, text: this.label } },
          speed: { type: 'linear', position: 'right', beginAtZero: true, title: { display: true, text: 'tokens/s' }, grid: { drawOnChartArea: false } },
        },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
      },
    };
  }

  override render() {
    const last = this.points.at(-1);
    if (!last) return html`<p class="empty" data-testid="loss-chart-empty">No curve yet: run the stage to see its loss step by step.</p>`;
    const first = this.points[0];
    const summary = `${this.label} from ${first.loss.toFixed(3)} at step ${first.step} to ${last.loss.toFixed(3)} at step ${last.step}; ${formatCount(Math.round(last.tokensPerSecond))} tokens per second`;
    return html`<div class="canvas"><canvas role="img" aria-label=${summary} data-testid="loss-chart"></canvas></div>
      <div class="figures" aria-live="polite">
        <span>Step <strong data-testid="figure-step">${formatCount(last.step)}</strong></span>
        <span>Loss <strong data-testid="figure-loss">${last.loss.toFixed(4)}</strong></span>
        <span><strong data-testid="figure-speed">${formatCount(Math.round(last.tokensPerSecond))}</strong> tokens/s</span>
        <span>Learning rate <strong>${last.learningRate.toExponential(2)}</strong></span>
        ${last.tensors > 0 ? html`<span>Tensors <strong>${formatCount(last.tensors)}</strong></span>` : nothing}
      </div>`;
  }
}

customElements.define('lab-loss-chart', LossChart);

declare global {
  interface HTMLElementTagNameMap {
    'lab-loss-chart': LossChart;
  }
}
