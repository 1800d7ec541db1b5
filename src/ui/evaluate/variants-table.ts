// Every variant side by side: mean ± standard deviation over seeds for each metric column, the best
// of each column marked (★, and named for screen readers). A baseline row (no model seed) is set
// apart below the variants, and competes for ★ like them.
import { css, html, LitElement } from 'lit';
import { blockElement } from '../theme';
import { formatMetric } from '../format-metric';
import { DEFAULT_COLUMNS, summariseVariants, type VariantColumn, type VariantResult } from './variant-summary';

/** Short descriptions of the lab's standard variants (METHOD.md, "Baselines and ablations"). */
const VARIANT_NOTES: Record<string, string> = {
  'ce-ft': 'plain cross-entropy fine-tuning on ID train',
  darl: 'the full pipeline',
  'darl-no-occ': 'without the OCC loss',
  'darl-no-dasa': 'random pool samples instead of DASA',
  'darl-no-lp': 'without linear probing',
  'darl-no-wi': 'without weight interpolation',
  'overlap baseline': 'no transformer: overlap features and boosted trees, fitted on train',
};

export class VariantsTable extends LitElement {
  static override properties = {
    variants: { attribute: false },
    columns: { attribute: false },
    tableTestId: { attribute: false },
  };

  declare variants: readonly VariantResult[];
  declare columns: readonly VariantColumn[];
  /** The table's data-testid: tests tell the page's own variants table from the reference run's by it. */
  declare tableTestId: string;

  static override styles = [
    blockElement,
    css`
      .scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
      table { min-width: 40rem; }
      th.num { white-space: normal; min-width: 6rem; }
      th[scope='row'] { min-width: 12rem; }
      td.num { white-space: nowrap; }
      td.best { background: #e7f4ec; font-weight: 700; color: #145233; }
      .std { color: var(--ink-muted); font-weight: 400; }
      .note { font-size: 0.8rem; color: var(--ink-muted); display: block; }
      .own { font-size: 0.75rem; font-weight: 600; color: var(--accent); display: block; }
      .direction { font-weight: 400; font-size: 0.75rem; display: block; }
      .legend { font-size: 0.8rem; margin: 0.4rem 0 0; }
      tr.baseline th, tr.baseline td { border-top: 2px solid var(--line); background: #f6f6f4; }
      tr.baseline th { font-style: italic; }
    `,
  ];

  constructor() {
    super();
    this.variants = [];
    this.columns = DEFAULT_COLUMNS;
    this.tableTestId = 'variants-table';
  }

  override render() {
    if (this.variants.length === 0) return html`<p class="muted">No variants evaluated yet.</p>`;
    const rows = summariseVariants(this.variants, this.columns);
    return html`<div class="scroll"><table data-testid=${this.tableTestId}>
        <caption class="visually-hidden">Mean ± standard deviation over seeds; ★ marks the best variant of each column</caption>
        <thead><tr>
          <th scope="col">Variant</th><th class="num" scope="col">Seeds</th>
          ${this.columns.map((column) => html`<th class="num" scope="col">${column.label}<span class="direction">${column.better === 'higher' ? 'higher is better' : 'lower is better'}</span></th>`)}
        </tr></thead>
        <tbody>${rows.map((row) => html`<tr class=${row.baseline ? 'baseline' : ''} data-variant=${row.variant} data-own=${row.own ? 'true' : 'false'} data-baseline=${row.baseline ? 'true' : 'false'}>
          <th scope="row">${row.variant}${row.own ? html`<span class="own" data-testid="variant-own">this page's run</span>` : ''}${VARIANT_NOTES[row.variant] ? html`<span class="note">${VARIANT_NOTES[row.variant]}</span>` : ''}</th>
          <td class="num">${row.baseline ? html`<span aria-label="no model seed">—</span>` : row.seeds}</td>
          ${row.cells.map((cell) => html`<td class="num ${cell.best ? 'best' : ''}" data-best=${cell.best ? 'true' : 'false'}>${cell.summary === null
            ? '—'
            : html`${formatMetric(cell.summary.mean)}${cell.summary.std === null ? '' : html` <span class="std">± ${formatMetric(cell.summary.std)}</span>`}`}${cell.best ? html` <span aria-label="best">★</span>` : ''}</td>`)}
        </tr>`)}</tbody>
      </table></div>
      <p class="legend muted">Mean ± sample standard deviation over seeds (no spread with one seed). ★ best in the column. Gap = ID − OOD.${rows.some((row) => row.baseline) ? ' A baseline has no model seed: it is fitted once on the dataset\'s train split.' : ''}</p>`;
  }
}

customElements.define('lab-variants-table', VariantsTable);

declare global {
  interface HTMLElementTagNameMap {
    'lab-variants-table': VariantsTable;
  }
}
