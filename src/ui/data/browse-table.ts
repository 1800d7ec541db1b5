// Browses one split of a stored dataset, a page at a time (the worker filters and slices; the page
// never holds more than one page of rows). Filters: split, grade, shift tag, and text.
import { css, html, LitElement, nothing } from 'lit';
import { SPLITS, type Example, type Split } from '../../core/data/schema';
import { ANY_TAG, NO_TAG, type BrowsePage } from '../../engine/data-types';
import { asError } from '../errors';
import { formatCount } from '../format';
import type { LabHandle } from '../lab-handle';
import { blockElement } from '../theme';
import { SPLIT_NAMES } from './grade-chart';

const PAGE_SIZES = [25, 50, 100];
const TEXT_DELAY_MS = 250;

export class BrowseTable extends LitElement {
  static override properties = {
    handle: { attribute: false },
    datasetId: { attribute: false },
    labelNames: { attribute: false },
    split: { state: true },
    grade: { state: true },
    tag: { state: true },
    text: { state: true },
    offset: { state: true },
    limit: { state: true },
    page: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  /** The engine handle (`window.lab`). */
  declare handle: LabHandle | null;
  declare datasetId: string | null;
  declare labelNames: readonly string[];
  declare split: Split;
  declare grade: string;
  declare tag: string;
  declare text: string;
  declare offset: number;
  declare limit: number;
  declare page: BrowsePage | null;
  declare error: Error | null;
  declare loading: boolean;
  #request = 0;
  #textTimer: ReturnType<typeof setTimeout> | undefined;

  static override styles = [
    blockElement,
    css`
      .filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; margin-bottom: 0.75rem; }
      .filters label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.8rem; color: var(--ink-muted); font-weight: 500; }
      .filters input[type='search'] { width: 14rem; max-width: 100%; }
      .scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
      table { min-width: 40rem; }
      td.query { max-width: 18rem; overflow-wrap: anywhere; }
      td.item { max-width: 28rem; overflow-wrap: anywhere; }
      .fields { color: var(--ink-muted); font-size: 0.8rem; margin-top: 0.15rem; }
      .grade { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.78rem; font-weight: 600; white-space: nowrap; }
      .g0 { background: #eceef2; color: #3b4352; }
      .g1 { background: #fdf0cf; color: #6b4a00; }
      .g2 { background: #dfe7fa; color: #1b3f93; }
      .hidden-grade { color: var(--ink-muted); font-style: italic; font-size: 0.8rem; }
      .tag { display: inline-block; font-size: 0.72rem; padding: 0.05rem 0.4rem; border-radius: 4px; background: #eef0f4; color: #3b4352; margin: 0 0.2rem 0.2rem 0; white-space: nowrap; }
      .pager { display: flex; gap: 0.75rem; align-items: center; justify-content: space-between; margin-top: 0.6rem; flex-wrap: wrap; font-size: 0.85rem; }
      .pager .buttons { display: flex; gap: 0.5rem; align-items: center; }
      .empty { padding: 1rem; color: var(--ink-muted); }
    `,
  ];

  constructor() {
    super();
    this.handle = null;
    this.datasetId = null;
    this.labelNames = ['irrelevant', 'weak', 'strong'];
    this.split = 'train';
    this.grade = '';
    this.tag = ANY_TAG;
    this.text = '';
    this.offset = 0;
    this.limit = PAGE_SIZES[0];
    this.page = null;
    this.error = null;
    this.loading = false;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('datasetId') && changed.get('datasetId') !== undefined) {
      this.offset = 0;
      this.tag = ANY_TAG;
    }
    const keys = ['lab', 'datasetId', 'split', 'grade', 'tag', 'text', 'offset', 'limit'];
    if (keys.some((key) => changed.has(key))) void this.#load();
  }

  async #load(): Promise<void> {
    const handle = this.handle;
    const id = this.datasetId;
    if (!handle || !id) return;
    const request = ++this.#request;
    this.loading = true;
    try {
      const grade = this.grade === '' ? undefined : this.grade === 'unknown' ? 'unknown' : (Number(this.grade) as 0 | 1 | 2);
      const page = await handle.engine.browseExamples(id, { split: this.split, grade, tag: this.tag, text: this.text, offset: this.offset, limit: this.limit });
      if (request !== this.#request) return;
      this.page = page;
      this.error = null;
    } catch (error) {
      if (request !== this.#request) return;
      this.error = asError(error);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  #filter(change: Partial<Pick<BrowseTable, 'split' | 'grade' | 'tag' | 'limit'>>): void {
    Object.assign(this, change, { offset: 0 });
    if (change.split !== undefined) {
      this.tag = ANY_TAG;
      if (change.split === 'pool') this.grade = '';
    }
  }

  #typed(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.#textTimer);
    this.#textTimer = setTimeout(() => {
      this.text = value;
      this.offset = 0;
    }, TEXT_DELAY_MS);
  }

  #turn(pages: number): void {
    const total = this.page?.total ?? 0;
    const next = this.offset + pages * this.limit;
    if (next < 0 || next >= total) return;
    this.offset = next;
  }

  #keys(event: KeyboardEvent): void {
    const target = event.composedPath()[0] as HTMLElement;
    if (target.matches?.('input, select, textarea')) return;
    if (event.key === 'ArrowRight' || event.key === 'PageDown') this.#turn(1);
    else if (event.key === 'ArrowLeft' || event.key === 'PageUp') this.#turn(-1);
    else return;
    event.preventDefault();
  }

  #gradeCell(example: Example) {
    if (example.split === 'pool') return html`<span class="hidden-grade">hidden</span>`;
    if (example.grade === null) return html`<span class="hidden-grade">unknown</span>`;
    return html`<span class="grade g${example.grade}">${example.grade} ${this.labelNames[example.grade]}</span>`;
  }

  #row(example: Example, index: number) {
    const fields = Object.entries(example.item.fields);
    return html`<tr>
      <td class="num">${formatCount(this.offset + index + 1)}</td>
      <td class="query">${example.query}</td>
      <td class="item"><div>${example.item.title}</div>${fields.length > 0 ? html`<div class="fields">${fields.map(([name, value]) => `${name}: ${value}`).join(' · ')}</div>` : nothing}</td>
      <td>${this.#gradeCell(example)}</td>
      <td>${example.tags.length === 0 ? html`<span class="muted">ID</span>` : example.tags.map((tag) => html`<span class="tag">${tag}</span>`)}</td>
    </tr>`;
  }

  override render() {
    const page = this.page;
    const total = page?.total ?? 0;
    const first = total === 0 ? 0 : this.offset + 1;
    const last = Math.min(this.offset + this.limit, total);
    return html`<div class="filters">
        <label>Split
          <select data-testid="browse-split" @change=${(e: Event) => this.#filter({ split: (e.target as HTMLSelectElement).value as Split })}>
            ${SPLITS.map((split) => html`<option value=${split} ?selected=${split === this.split}>${SPLIT_NAMES[split]}</option>`)}
          </select></label>
        <label>Grade
          <select data-testid="browse-grade" ?disabled=${this.split === 'pool'} @change=${(e: Event) => this.#filter({ grade: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${this.grade === ''}>All grades</option>
            ${this.labelNames.map((name, grade) => html`<option value=${String(grade)} ?selected=${this.grade === String(grade)}>${grade} ${name}</option>`)}
          </select></label>
        <label>Shift
          <select data-testid="browse-tag" @change=${(e: Event) => this.#filter({ tag: (e.target as HTMLSelectElement).value })}>
            <option value=${ANY_TAG} ?selected=${this.tag === ANY_TAG}>All examples</option>
            <option value=${NO_TAG} ?selected=${this.tag === NO_TAG}>No shift (ID)</option>
            ${(page?.tags ?? []).map((tag) => html`<option value=${tag} ?selected=${tag === this.tag}>${tag}</option>`)}
          </select></label>
        <label>Search query or title
          <input type="search" data-testid="browse-text" placeholder="e.g. travel" @input=${this.#typed} /></label>
        <label>Rows per page
          <select data-testid="browse-limit" @change=${(e: Event) => this.#filter({ limit: Number((e.target as HTMLSelectElement).value) })}>
            ${PAGE_SIZES.map((size) => html`<option value=${String(size)} ?selected=${size === this.limit}>${size}</option>`)}
          </select></label>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error.name}: ${this.error.message}</p>` : nothing}
      <div class="scroll" tabindex="0" role="region" aria-label="Examples; left and right arrow keys turn the page" @keydown=${this.#keys} data-testid="browse-region">
        <table data-testid="browse-table" aria-busy=${this.loading ? 'true' : 'false'}>
          <thead><tr><th class="num" scope="col">#</th><th scope="col">Query</th><th scope="col">Item</th><th scope="col">Grade</th><th scope="col">Shift</th></tr></thead>
          <tbody>${(page?.examples ?? []).map((example, index) => this.#row(example, index))}</tbody>
        </table>
        ${page && total === 0 ? html`<p class="empty">No examples match these filters.</p>` : nothing}
      </div>
      <div class="pager">
        <span data-testid="browse-count" aria-live="polite">${page ? `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)} matching (${formatCount(page.splitTotal)} in the split)` : 'Loading…'}</span>
        <span class="buttons">
          <button data-testid="browse-prev" ?disabled=${this.offset === 0} @click=${() => this.#turn(-1)}>Previous</button>
          <button data-testid="browse-next" ?disabled=${last >= total} @click=${() => this.#turn(1)}>Next</button>
        </span>
      </div>`;
  }
}

customElements.define('lab-browse-table', BrowseTable);

declare global {
  interface HTMLElementTagNameMap {
    'lab-browse-table': BrowseTable;
  }
}
