// How well each detector separates ID test from OOD test: AUROC, FPR@95TPR and the AUPRs, with the
// lab's sign convention stated where the numbers are (a higher score means more OOD).
import { css, html, LitElement } from 'lit';
import type { OodDetectionReport } from '../../core/metrics';
import { detectorName } from '../detector-names';
import { formatCount } from '../format';
import { blockElement } from '../theme';
import { formatMetric } from '../format-metric';

export interface DetectorReport {
  detector: string;
  report: OodDetectionReport;
}

export const SIGN_NOTE = 'A higher score means more OOD: OOD test samples are the positive class, ID test samples the negative class.';

type Column = { key: 'auroc' | 'fpr95' | 'aupr_in' | 'aupr_out'; label: string; better: 'higher' | 'lower' };
const COLUMNS: Column[] = [
  { key: 'auroc', label: 'AUROC', better: 'higher' },
  { key: 'fpr95', label: 'FPR@95TPR', better: 'lower' },
  { key: 'aupr_in', label: 'AUPR-In', better: 'higher' },
  { key: 'aupr_out', label: 'AUPR-Out', better: 'higher' },
];

export class OodDetectionTable extends LitElement {
  static override properties = { rows: { attribute: false } };
  declare rows: readonly DetectorReport[];

  static override styles = [
    blockElement,
    css`
      td.best { background: #e7f4ec; font-weight: 700; color: #145233; }
      .direction { font-weight: 400; font-size: 0.75rem; display: block; }
      .sign { margin: 0 0 0.5rem; }
    `,
  ];

  constructor() {
    super();
    this.rows = [];
  }

  #best(column: Column): number | null {
    if (this.rows.length < 2) return null;
    const values = this.rows.map((row) => row.report[column.key]);
    return column.better === 'higher' ? Math.max(...values) : Math.min(...values);
  }

  override render() {
    const best = COLUMNS.map((column) => this.#best(column));
    return html`<p class="notice sign" role="note" data-testid="ood-sign-note">${SIGN_NOTE}</p>
      ${this.rows.length === 0
        ? html`<p class="muted">No detector scores yet.</p>`
        : html`<table data-testid="ood-detection-table">
            <caption class="visually-hidden">OOD detection on ID test against OOD test, per detector; ★ marks the best</caption>
            <thead><tr><th scope="col">Detector</th>${COLUMNS.map((column) => html`<th class="num" scope="col">${column.label}<span class="direction">${column.better === 'higher' ? 'higher is better' : 'lower is better'}</span></th>`)}<th class="num" scope="col">ID / OOD samples</th></tr></thead>
            <tbody>${this.rows.map((row) => html`<tr data-detector=${row.detector}>
              <th scope="row">${detectorName(row.detector)}</th>
              ${COLUMNS.map((column, c) => {
                const isBest = best[c] !== null && row.report[column.key] === best[c];
                return html`<td class="num ${isBest ? 'best' : ''}" data-best=${isBest ? 'true' : 'false'}>${formatMetric(row.report[column.key])}${isBest ? html` <span aria-label="best">★</span>` : ''}</td>`;
              })}
              <td class="num">${formatCount(row.report.n_id)} / ${formatCount(row.report.n_ood)}</td>
            </tr>`)}</tbody>
          </table>`}`;
  }
}

customElements.define('lab-ood-detection-table', OodDetectionTable);

declare global {
  interface HTMLElementTagNameMap {
    'lab-ood-detection-table': OodDetectionTable;
  }
}
