// The first rows of a scored file: line, query, item title, the file's grade, the predicted grade,
// the three probabilities, and each OOD score with its percentile (▲ above DASA's threshold).
import { css, html, LitElement, nothing } from 'lit';
import type { ScoredPair } from '../../engine/score-file-types';
import { blockElement } from '../theme';

const percent = (p: number) => `${(100 * p).toFixed(1)}%`;

export class ScoredTable extends LitElement {
  static override properties = {
    rows: { attribute: false },
    labelNames: { attribute: false },
  };

  declare rows: ScoredPair[];
  declare labelNames: readonly string[];

  static override styles = [
    blockElement,
    css`
      .scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
      td.text { max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .above { color: var(--danger); font-weight: 600; }
    `,
  ];

  constructor() {
    super();
    this.rows = [];
    this.labelNames = ['irrelevant', 'weak', 'strong'];
  }

  #ood(row: ScoredPair, detector: 'mahalanobis' | 'knn') {
    const ood = row.ood[detector];
    return html`<td class="num ${ood.aboveThreshold ? 'above' : ''}" title="${ood.percentile.toFixed(1)}th percentile of ID val${ood.aboveThreshold ? ', above DASA\'s threshold' : ''}">${ood.score.toFixed(2)} (${ood.percentile.toFixed(0)}%)${ood.aboveThreshold ? ' ▲' : nothing}</td>`;
  }

  override render() {
    return html`<div class="scroll"><table data-testid="scored-table">
      <thead><tr>
        <th class="num" scope="col">Line</th><th scope="col">Query</th><th scope="col">Item title</th><th class="num" scope="col">File's grade</th><th scope="col">Grade</th>
        ${[0, 1, 2].map((grade) => html`<th class="num" scope="col">P(${grade})</th>`)}
        <th class="num" scope="col">Mahalanobis (pct.)</th><th class="num" scope="col">kNN (pct.)</th>
      </tr></thead>
      <tbody>${this.rows.map((row) => html`<tr data-testid="scored-row">
        <td class="num">${row.line}</td>
        <td class="text" title=${row.query}>${row.query}</td>
        <td class="text" title=${row.item.title}>${row.item.title}</td>
        <td class="num">${row.gold ?? '–'}</td>
        <td data-testid="scored-grade">${row.grade} ${this.labelNames[row.grade] ?? ''}</td>
        ${row.probs.map((p) => html`<td class="num">${percent(p)}</td>`)}
        ${this.#ood(row, 'mahalanobis')}${this.#ood(row, 'knn')}
      </tr>`)}</tbody>
    </table></div>`;
  }
}

customElements.define('lab-scored-table', ScoredTable);

declare global {
  interface HTMLElementTagNameMap {
    'lab-scored-table': ScoredTable;
  }
}
