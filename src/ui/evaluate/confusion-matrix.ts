// A confusion matrix as a table: rows are gold grades, columns predicted grades (confusion_matrix[true][predicted]),
// each cell shaded by its share of the row, with the count and that share.
import { css, html, LitElement } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { DEFAULT_LABEL_NAMES } from '../../core/data/schema';
import { formatCount } from '../format';
import { blockElement } from '../theme';
import { formatPercent } from '../format-metric';

export class ConfusionMatrixView extends LitElement {
  static override properties = {
    matrix: { attribute: false },
    labelNames: { attribute: false },
    caption: { attribute: false },
  };

  declare matrix: readonly (readonly number[])[];
  declare labelNames: readonly string[];
  declare caption: string;

  static override styles = [
    blockElement,
    css`
      table { width: auto; border-collapse: separate; border-spacing: 3px; }
      caption { text-align: left; font-weight: 600; margin-bottom: 0.3rem; color: var(--ink); }
      th, td { border: none; }
      td.cell { width: 6.5rem; height: 3.2rem; text-align: center; vertical-align: middle; border-radius: 4px; font-variant-numeric: tabular-nums; }
      td.cell .share { display: block; font-size: 0.75rem; opacity: 0.85; }
      td.diagonal { outline: 2px solid var(--ok); outline-offset: -2px; }
      th.axis { background: none; text-align: center; font-size: 0.8rem; }
      .total { color: var(--ink-muted); font-size: 0.8rem; vertical-align: middle; }
      th[scope='row'] { vertical-align: middle; }
    `,
  ];

  constructor() {
    super();
    this.matrix = [];
    this.labelNames = DEFAULT_LABEL_NAMES;
    this.caption = 'Confusion matrix';
  }

  override render() {
    const matrix = this.matrix;
    if (matrix.length === 0) return html`<p class="muted">No predictions yet.</p>`;
    const names = matrix.map((_, grade) => `${grade} ${this.labelNames[grade] ?? ''}`.trim());
    return html`<table data-testid="confusion-matrix">
      <caption>${this.caption}</caption>
      <thead>
        <tr><td></td><th class="axis" scope="colgroup" colspan=${matrix.length}>Predicted</th><td></td></tr>
        <tr><th scope="col">Gold</th>${names.map((name) => html`<th scope="col">${name}</th>`)}<th class="num" scope="col">Total</th></tr>
      </thead>
      <tbody>${matrix.map((row, gold) => {
        const total = row.reduce((sum, count) => sum + count, 0);
        return html`<tr><th scope="row">${names[gold]}</th>${row.map((count, predicted) => {
          const share = total > 0 ? count / total : 0;
          const style = { background: `rgba(36, 86, 200, ${(0.08 + 0.82 * share).toFixed(3)})`, color: share > 0.5 ? '#ffffff' : '#1b2230' };
          return html`<td class="cell ${gold === predicted ? 'diagonal' : ''}" style=${styleMap(style)} data-gold=${gold} data-predicted=${predicted}>${formatCount(count)}<span class="share">${formatPercent(share)} of row</span></td>`;
        })}<td class="num total">${formatCount(total)}</td></tr>`;
      })}</tbody>
    </table>`;
  }
}

customElements.define('lab-confusion-matrix', ConfusionMatrixView);

declare global {
  interface HTMLElementTagNameMap {
    'lab-confusion-matrix': ConfusionMatrixView;
  }
}
