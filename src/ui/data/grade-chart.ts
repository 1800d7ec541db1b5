// Grade distribution per split: a Chart.js bar chart (share of each grade) and the counts as a table,
// which is also what screen readers get.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { css, html, LitElement, nothing } from 'lit';
import { SPLITS, type DatasetInfo, type Split } from '../../core/data/schema';
import { canvasChart } from '../chart-controller';
import { formatCount } from '../format';
import { blockElement } from '../theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export const SPLIT_NAMES: Record<Split, string> = { train: 'Train', val: 'Validation', test_id: 'ID test', test_ood: 'OOD test', pool: 'Pool (hidden grades)' };
const GRADE_COLOURS = ['#9aa3b2', '#e0a526', '#2456c8'];

export class GradeChart extends LitElement {
  static override properties = { info: { attribute: false } };
  declare info: DatasetInfo | null;
  readonly #charts = canvasChart(this, () => this.#config());

  static override styles = [
    blockElement,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 1.5rem; align-items: start; }
      .canvas { position: relative; height: 15rem; min-width: 0; }
      .table-scroll { overflow-x: auto; min-width: 0; }
      th { white-space: nowrap; }
      @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.info = null;
  }

  #splits(): Split[] {
    return SPLITS.filter((split) => (this.info?.splits[split]?.count ?? 0) > 0);
  }

  #config(): ChartConfiguration | null {
    const info = this.info;
    if (!info) return null;
    const splits = this.#splits();
    const datasets = info.labelNames.map((name, grade) => ({
      label: `${grade} ${name}`,
      backgroundColor: GRADE_COLOURS[grade],
      borderRadius: 3,
      data: splits.map((split) => {
        const stats = info.splits[split]!;
        const graded = stats.grades[0] + stats.grades[1] + stats.grades[2];
        return graded > 0 ? (100 * stats.grades[grade]) / graded : 0;
      }),
    }));
    const labels = splits.map((split) => SPLIT_NAMES[split]);
    return {
      type: 'bar',
      data: { labels, datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, max: 100, title: { display: true, text: '% of graded examples' }, ticks: { callback: (value) => `${value}%` } },
          x: { grid: { display: false } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${(item.raw as number).toFixed(1)}%` } },
        },
      },
    };
  }

  override render() {
    const info = this.info;
    if (!info) return nothing;
    const splits = this.#splits();
    const summary = splits
      .map((split) => `${SPLIT_NAMES[split]}: ${info.splits[split]!.grades.map((count, grade) => `${count} ${info.labelNames[grade]}`).join(', ')}`)
      .join('; ');
    return html`<div class="layout">
      <div class="canvas"><canvas role="img" aria-label="Grade distribution per split. ${summary}" data-testid="grade-chart"></canvas></div>
      <div class="table-scroll"><table data-testid="split-stats">
        <caption class="visually-hidden">Examples, queries and grade counts per split</caption>
        <thead><tr><th scope="col">Split</th><th class="num" scope="col">Examples</th><th class="num" scope="col">Queries</th>${info.labelNames.map((name, grade) => html`<th class="num" scope="col">${grade} ${name}</th>`)}</tr></thead>
        <tbody>
          ${splits.map((split) => {
            const stats = info.splits[split]!;
            return html`<tr><th scope="row">${SPLIT_NAMES[split]}</th><td class="num">${formatCount(stats.count)}</td><td class="num">${formatCount(stats.queries)}</td>${stats.grades.map((count) => html`<td class="num">${formatCount(count)}</td>`)}</tr>`;
          })}
        </tbody>
      </table></div>
    </div>`;
  }
}

customElements.define('lab-grade-chart', GradeChart);

declare global {
  interface HTMLElementTagNameMap {
    'lab-grade-chart': GradeChart;
  }
}
