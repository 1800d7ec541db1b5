// The DASA picture: ID data and the pool projected on their top two principal components (computed in
// the engine by src/core/projection/pca.ts), the selected pool samples highlighted. Draws only.
import { Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip, type ChartConfiguration } from 'chart.js';
import { css, html, LitElement } from 'lit';
import { ChartController } from '../evaluate/chart-controller';
import { formatPercent } from '../evaluate/format-metric';
import { SET_COLOURS, withAlpha } from '../evaluate/palette';
import { controls, tokens } from '../theme';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

interface Point {
  x: number;
  y: number;
  id?: string;
}

function pairs(values: ArrayLike<number>, ids?: readonly string[], keep?: (index: number) => boolean): Point[] {
  const points: Point[] = [];
  for (let i = 0; 2 * i + 1 < values.length; i++) {
    if (keep && !keep(i)) continue;
    points.push({ x: values[2 * i], y: values[2 * i + 1], id: ids?.[i] });
  }
  return points;
}

export class ProjectionScatter extends LitElement {
  static override properties = {
    idPoints: { attribute: false },
    poolPoints: { attribute: false },
    poolIds: { attribute: false },
    selected: { attribute: false },
    explainedRatio: { attribute: false },
    idLabel: { attribute: false },
  };

  /** ID points as x, y pairs (projectPca's row-major output). */
  declare idPoints: ArrayLike<number>;
  /** Pool points as x, y pairs, in poolIds order. */
  declare poolPoints: ArrayLike<number>;
  declare poolIds: readonly string[];
  /** Ids of the selected pool samples. */
  declare selected: readonly string[];
  /** Share of variance along x and y, shown on the axes. */
  declare explainedRatio: readonly [number, number] | null;
  declare idLabel: string;
  readonly #charts = new ChartController(this, () => this.renderRoot.querySelector('canvas'), () => this.#config());

  static override styles = [
    tokens,
    controls,
    css`
      :host { display: block; }
      .plot { position: relative; height: 20rem; }
      .summary { margin: 0.5rem 0 0; font-size: 0.85rem; }
    `,
  ];

  constructor() {
    super();
    this.idPoints = [];
    this.poolPoints = [];
    this.poolIds = [];
    this.selected = [];
    this.explainedRatio = null;
    this.idLabel = 'ID validation';
  }

  #counts() {
    const chosen = new Set(this.selected);
    const selectedInPool = this.poolIds.filter((id) => chosen.has(id)).length;
    return { id: Math.floor(this.idPoints.length / 2), pool: Math.floor(this.poolPoints.length / 2), selected: selectedInPool, chosen };
  }

  #axis(index: 0 | 1): string {
    const ratio = this.explainedRatio?.[index];
    return `PC${index + 1}${ratio === undefined ? '' : ` (${formatPercent(ratio)} of variance)`}`;
  }

  #config(): ChartConfiguration | null {
    const { id, pool, selected, chosen } = this.#counts();
    if (id + pool === 0) return null;
    const isSelected = (i: number) => chosen.has(this.poolIds[i]);
    return {
      type: 'scatter',
      data: {
        datasets: [
          { label: `${this.idLabel} (${id})`, data: pairs(this.idPoints), backgroundColor: withAlpha(SET_COLOURS.id, 0.45), borderWidth: 0, pointRadius: 2.5, order: 3 },
          { label: `Pool, not selected (${pool - selected})`, data: pairs(this.poolPoints, this.poolIds, (i) => !isSelected(i)), backgroundColor: withAlpha(SET_COLOURS.pool, 0.4), borderWidth: 0, pointRadius: 2.5, order: 2 },
          { label: `Selected by DASA (${selected})`, data: pairs(this.poolPoints, this.poolIds, isSelected), backgroundColor: withAlpha(SET_COLOURS.ood, 0.85), borderColor: '#ffffff', borderWidth: 1, pointRadius: 5, pointStyle: 'rectRot', order: 1 },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: this.#axis(0) } },
          y: { type: 'linear', title: { display: true, text: this.#axis(1) } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 10, usePointStyle: true } },
          tooltip: {
            callbacks: {
              label: (item) => {
                const point = item.raw as Point;
                return `${point.id ?? item.dataset.label}: (${point.x.toFixed(2)}, ${point.y.toFixed(2)})`;
              },
            },
          },
        },
      },
    };
  }

  override render() {
    const { id, pool, selected } = this.#counts();
    const summary = `${id} ${this.idLabel} points, ${pool} pool points, ${selected} selected, on ${this.#axis(0)} and ${this.#axis(1)}`;
    return html`<div class="plot"><canvas role="img" aria-label="Projection of the features: ${summary}" data-testid="scatter-chart"></canvas></div>
      <p class="summary muted" data-testid="scatter-summary">${summary}. Selected samples should sit where the ID points are sparse.</p>`;
  }
}

customElements.define('lab-projection-scatter', ProjectionScatter);

declare global {
  interface HTMLElementTagNameMap {
    'lab-projection-scatter': ProjectionScatter;
  }
}
