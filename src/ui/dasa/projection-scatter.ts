// The DASA picture: ID data and the pool projected on their top two principal components (computed in
// the engine by src/core/projection/pca.ts), coloured by split (the selected pool samples
// highlighted), grade or shift tag (point-groups.ts). Pointing near a point shows its text, grade and
// tags under the plot (from the engine's pipelineDasaPoints, given as `points`). Draws only.
import { Chart, Legend, LinearScale, PointElement, ScatterController, Tooltip, type ChartConfiguration } from 'chart.js';
import { css, html, LitElement, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { DasaPoint, DasaPoints } from '../../engine/pipeline-types';
import { canvasChart } from '../chart-controller';
import { formatPercent } from '../format-metric';
import { SET_COLOURS, withAlpha } from '../palette';
import { blockElement } from '../theme';
import { pointGroups, type ColourBy } from './point-groups';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

interface Point {
  x: number;
  y: number;
  /** Index into the ID points or the pool points. */
  index: number;
  side: 'id' | 'pool';
}

function pairs(values: ArrayLike<number>, indices: readonly number[], side: Point['side']): Point[] {
  return indices.filter((i) => 2 * i + 1 < values.length).map((index) => ({ x: values[2 * index], y: values[2 * index + 1], index, side }));
}

const COLOUR_CHOICES: { value: ColourBy; label: string }[] = [
  { value: 'split', label: 'Split (ID train, pool, selected)' },
  { value: 'grade', label: 'Grade' },
  { value: 'tag', label: 'Shift tag' },
];

export class ProjectionScatter extends LitElement {
  static override properties = {
    idPoints: { attribute: false },
    poolPoints: { attribute: false },
    poolIds: { attribute: false },
    selected: { attribute: false },
    explainedRatio: { attribute: false },
    idLabel: { attribute: false },
    points: { attribute: false },
    labelNames: { attribute: false },
    colourBy: { state: true },
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
  /** Text, grade and tags of every point (ID in idPoints order, pool in poolIds order), or null while unknown. */
  declare points: DasaPoints | null;
  declare labelNames: readonly string[];
  declare colourBy: ColourBy;
  readonly #charts = canvasChart(this, () => this.#config());

  static override styles = [
    blockElement,
    css`
      .plot { position: relative; height: 20rem; }
      .summary { margin: 0.5rem 0 0; font-size: 0.85rem; }
      .controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-bottom: 0.5rem; font-size: 0.85rem; }
      .hover { margin: 0.5rem 0 0; font-size: 0.85rem; min-height: 2.6em; }
      .legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0.4rem 0 0; padding: 0; list-style: none; font-size: 0.8rem; }
      .swatch { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 50%; margin-right: 0.3rem; vertical-align: middle; }
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
    this.points = null;
    this.labelNames = ['irrelevant', 'weak', 'strong'];
    this.colourBy = 'split';
  }

  get #groups() {
    return pointGroups(this.colourBy, Math.floor(this.idPoints.length / 2), this.poolIds, this.selected, this.points, this.labelNames);
  }

  #detail(point: Point): DasaPoint | null {
    return (point.side === 'id' ? this.points?.id : this.points?.pool)?.[point.index] ?? null;
  }

  #describe(point: Point): string {
    const detail = this.#detail(point);
    const where = point.side === 'id' ? this.idLabel : 'Pool';
    if (!detail) return `${where}${point.side === 'pool' ? ` ${this.poolIds[point.index] ?? ''}` : ''} at (${point.x.toFixed(2)}, ${point.y.toFixed(2)})`;
    const grade = detail.grade === null ? 'grade hidden' : `grade ${detail.grade} ${this.labelNames[detail.grade] ?? ''}`.trim();
    return `${where} ${detail.id}: “${detail.query}” → “${detail.title}” (${grade}; ${detail.tags.length > 0 ? detail.tags.join(', ') : 'no shift tag'})`;
  }

  /** Writes the hovered point under the plot without re-rendering the chart. */
  #showHover(point: Point | null): void {
    const line = this.renderRoot.querySelector('[data-testid="scatter-hover"]');
    if (line) line.textContent = point ? this.#describe(point) : 'Point at the plot to read the nearest sample.';
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
    const { id, pool } = this.#counts();
    if (id + pool === 0) return null;
    const datasets = this.#groups.map((group, order) => ({
      label: `${group.label} (${group.id.length + group.pool.length})`,
      data: [...pairs(this.idPoints, group.id, 'id'), ...pairs(this.poolPoints, group.pool, 'pool')],
      backgroundColor: withAlpha(group.colour, group.emphasis ? 0.85 : 0.5),
      borderColor: group.emphasis ? '#ffffff' : undefined,
      borderWidth: group.emphasis ? 1 : 0,
      pointRadius: group.emphasis ? 5 : 2.5,
      pointStyle: group.emphasis ? 'rectRot' : 'circle',
      order: group.emphasis ? 0 : order + 1,
    }));
    return {
      type: 'scatter',
      data: { datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'nearest', intersect: false },
        onHover: (_event, elements, chart) => {
          const hit = elements[0];
          this.#showHover(hit ? (chart.data.datasets[hit.datasetIndex].data[hit.index] as unknown as Point) : null);
        },
        scales: {
          x: { type: 'linear', title: { display: true, text: this.#axis(0) } },
          y: { type: 'linear', title: { display: true, text: this.#axis(1) } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => this.#describe(item.raw as Point) } },
        },
      },
    };
  }

  override render() {
    const { id, pool, selected } = this.#counts();
    const summary = `${id} ${this.idLabel} points, ${pool} pool points, ${selected} selected, on ${this.#axis(0)} and ${this.#axis(1)}`;
    const groups = this.#groups;
    return html`<div class="controls">
        <label>Colour by <select data-testid="scatter-colour" @change=${(e: Event) => (this.colourBy = (e.target as HTMLSelectElement).value as ColourBy)}>
          ${COLOUR_CHOICES.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === this.colourBy} ?disabled=${choice.value !== 'split' && !this.points}>${choice.label}</option>`)}
        </select></label>
        ${this.points ? nothing : html`<span class="muted">Grade, shift tag and the text of each point come with the picture's details.</span>`}
      </div>
      <div class="plot"><canvas role="img" aria-label="Projection of the features: ${summary}" data-testid="scatter-chart" @mouseleave=${() => this.#showHover(null)}></canvas></div>
      <ul class="legend" data-testid="scatter-legend">${groups.map((group) => html`<li data-testid="scatter-group" data-count=${group.id.length + group.pool.length}><span class="swatch" style=${styleMap({ background: group.colour })}></span>${group.label}: ${group.id.length + group.pool.length}</li>`)}</ul>
      <p class="hover" aria-live="polite" data-testid="scatter-hover">Point at the plot to read the nearest sample.</p>
      <p class="summary muted" data-testid="scatter-summary">${summary}. Selected samples should sit where the ID points are sparse.</p>`;
  }
}

customElements.define('lab-projection-scatter', ProjectionScatter);

declare global {
  interface HTMLElementTagNameMap {
    'lab-projection-scatter': ProjectionScatter;
  }
}
