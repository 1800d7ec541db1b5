// Score a file: every pair of a CSV, TSV, JSONL or Parquet file scored in the engine worker with the
// playground's checkpoint (grade, probabilities, expected grade) and judged by its OOD detectors,
// the first rows shown as a table and the whole result offered as CSV and JSONL downloads. The file
// is read by the importers, so a bad row is named in place with its file, line and column.
import { css, html, LitElement, nothing } from 'lit';
import type { FilePreview } from '../../engine/data-types';
import type { PlaygroundReferenceOptions } from '../../engine/playground-types';
import type { PairFileMapping, ScoredFile } from '../../engine/score-file-types';
import { guessColumn } from '../data/column-guess';
import { errorPlaceView, placeOf, type ErrorPlace } from '../data/error-place';
import { formatBytes, formatCount, formatSeconds } from '../format';
import { JobRunner } from '../job/job-runner';
import '../job/job-controls';
import type { LabHandle } from '../lab-handle';
import { blockElement, controls } from '../theme';
import { downloadBytes } from '../download';
import './scored-table';

type MappedColumn = 'query' | 'title' | 'label' | 'id';
const COLUMNS: { key: MappedColumn; label: string; required: boolean }[] = [
  { key: 'query', label: 'Query', required: true },
  { key: 'title', label: 'Item title', required: true },
  { key: 'label', label: "The file's grade (0/1/2)", required: false },
  { key: 'id', label: 'Row id', required: false },
];

export class ScoreFilePanel extends LitElement {
  static override properties = {
    handle: { attribute: false },
    checkpointId: { attribute: false },
    datasetId: { attribute: false },
    reference: { attribute: false },
    labelNames: { attribute: false },
    blocked: { attribute: false },
    file: { state: true },
    preview: { state: true },
    mapping: { state: true },
    textColumns: { state: true },
    skipBadRows: { state: true },
    failure: { state: true },
  };

  /** The engine handle (`window.lab`). */
  declare handle: LabHandle | null;
  declare checkpointId: string | null;
  declare datasetId: string | null;
  declare reference: PlaygroundReferenceOptions;
  declare labelNames: readonly string[];
  /** Why scoring cannot start now ('' when it can). */
  declare blocked: string;
  declare file: File | null;
  declare preview: FilePreview | null;
  declare mapping: Record<MappedColumn, string>;
  declare textColumns: string[];
  declare skipBadRows: boolean;
  declare failure: ErrorPlace | null;
  readonly runner = new JobRunner<ScoredFile>(this, () => this.handle);

  static override styles = [
    blockElement,
    css`
      .row { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; margin: 0.6rem 0; }
      .row label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.85rem; font-weight: 500; }
      .checks { display: flex; flex-wrap: wrap; gap: 0.35rem 1rem; font-size: 0.85rem; margin: 0.4rem 0 0.8rem; }
      .checks label { display: flex; gap: 0.35rem; align-items: center; font-weight: 400; }
      .downloads { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.6rem 0; }
      p { font-size: 0.9rem; }
    `,
  ];

  constructor() {
    super();
    this.handle = null;
    this.checkpointId = null;
    this.datasetId = null;
    this.reference = {};
    this.labelNames = ['irrelevant', 'weak', 'strong'];
    this.blocked = '';
    this.file = null;
    this.preview = null;
    this.mapping = { query: '', title: '', label: '', id: '' };
    this.textColumns = [];
    this.skipBadRows = false;
    this.failure = null;
  }

  async #choose(file: File | undefined): Promise<void> {
    if (!file || !this.handle) return;
    this.file = file;
    this.failure = null;
    try {
      [this.preview] = await this.handle.engine.previewImport([file], { rows: 3 });
      const columns = this.preview.columns;
      this.mapping = Object.fromEntries(COLUMNS.map(({ key }) => [key, guessColumn(key, columns, this.mapping[key])])) as Record<MappedColumn, string>;
      const mapped = new Set(Object.values(this.mapping));
      this.textColumns = columns.filter((column) => !mapped.has(column));
      if (this.preview.problem) this.failure = placeOf(this.preview.problem);
    } catch (error) {
      this.preview = null;
      this.failure = placeOf(error as Error & { details?: Record<string, unknown> });
    }
  }

  get #pairMapping(): PairFileMapping {
    const { query, title, label, id } = this.mapping;
    const taken = new Set([query, title, label, id]);
    return { query, title, label: label || undefined, id: id || undefined, text: this.textColumns.filter((column) => !taken.has(column)) };
  }

  get #reason(): string {
    if (this.blocked) return this.blocked;
    if (!this.file) return 'Choose a file first.';
    if (!this.mapping.query || !this.mapping.title) return 'Choose the query and item title columns.';
    return '';
  }

  async #score(): Promise<void> {
    const { handle, file, checkpointId, datasetId } = this;
    if (!handle || !file || !checkpointId || !datasetId || this.#reason) return;
    this.failure = null;
    const request = { mapping: this.#pairMapping, skipBadRows: this.skipBadRows, reference: this.reference };
    await this.runner.run((onProgress) => handle.engine.scorePlaygroundFile(checkpointId, datasetId, file, request, onProgress));
    if (this.runner.state === 'failed' && this.runner.error) this.failure = placeOf(this.runner.error as Error & { details?: Record<string, unknown> });
  }

  #mappingView() {
    const columns = this.preview?.columns ?? [];
    if (columns.length === 0) return nothing;
    const mapped = new Set(Object.values(this.mapping));
    return html`<div class="row">${COLUMNS.map(({ key, label, required }) => html`<label>${label}${required ? ' (required)' : ''}
        <select data-testid="score-map-${key}" @change=${(e: Event) => (this.mapping = { ...this.mapping, [key]: (e.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!this.mapping[key]}>${required ? 'choose a column' : 'none'}</option>
          ${columns.map((column) => html`<option value=${column} ?selected=${this.mapping[key] === column}>${column}</option>`)}
        </select></label>`)}</div>
      <div class="checks"><span>More item text:</span>${columns.filter((column) => !mapped.has(column)).map(
        (column) => html`<label><input type="checkbox" .checked=${this.textColumns.includes(column)}
          @change=${(e: Event) => (this.textColumns = (e.target as HTMLInputElement).checked ? [...this.textColumns, column] : this.textColumns.filter((c) => c !== column))} />${column}</label>`,
      )}</div>`;
  }

  #resultView() {
    const result = this.runner.state === 'done' ? this.runner.result : null;
    if (!result) return nothing;
    const { reference } = result;
    return html`<p role="status" data-testid="score-file-summary">Scored ${formatCount(result.rows)} pairs of ${result.file} in ${formatSeconds(result.seconds)}.
        OOD scores: Mahalanobis and kNN (k ${reference.knn.k}) on the pooled features, fitted on ${formatCount(reference.trainRows)} ID train pairs, with percentiles among ${formatCount(reference.valRows)} ID val pairs; a higher score means more OOD, and ▲ marks a pair above DASA's threshold.
        ${result.truncated > 0 ? ` ${formatCount(result.truncated)} prompts were longer than the model reads and were cut (keeping [CLS]).` : ''}</p>
      ${result.skippedTotal > 0
        ? html`<p class="notice" data-testid="score-file-skipped">${formatCount(result.skippedTotal)} bad rows skipped${result.skippedTotal > result.skipped.length ? ` (first ${result.skipped.length} listed)` : ''}:
            ${result.skipped.map((row) => html`<br />${row.file}:${row.line ?? '?'}${row.column ? `:${row.column}` : ''}: ${row.problem}`)}</p>`
        : nothing}
      <div class="downloads">
        <button data-testid="score-file-download-csv" @click=${() => downloadBytes(result.csv.bytes, result.csv.fileName)}>Download CSV (${formatBytes(result.csv.bytes.length)})</button>
        <button data-testid="score-file-download-jsonl" @click=${() => downloadBytes(result.jsonl.bytes, result.jsonl.fileName)}>Download JSONL (${formatBytes(result.jsonl.bytes.length)})</button>
      </div>
      <p class="muted">The first ${formatCount(result.preview.length)} of ${formatCount(result.rows)} rows:</p>
      <lab-scored-table .rows=${result.preview} .labelNames=${this.labelNames}></lab-scored-table>`;
  }

  override render() {
    const reason = this.#reason;
    return html`<p class="muted">Every pair of a CSV, TSV, JSONL or Parquet file, scored in this browser with the checkpoint above: the grade, its three probabilities and how OOD the pair looks. Columns are guessed from their names; a file's grade column is optional and is copied to the result.</p>
      <div class="row">
        <label>File <input type="file" data-testid="score-file-input" accept=".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.json,.parquet,.parq,.pq"
          @change=${(e: Event) => void this.#choose((e.target as HTMLInputElement).files?.[0])} /></label>
        ${this.file ? html`<span class="muted">${this.file.name} (${formatBytes(this.file.size)})</span>` : nothing}
      </div>
      ${this.#mappingView()}
      <div class="checks"><label><input type="checkbox" data-testid="score-file-skip-bad" .checked=${this.skipBadRows}
        @change=${(e: Event) => (this.skipBadRows = (e.target as HTMLInputElement).checked)} />Skip bad rows and list them (otherwise the first bad row stops)</label></div>
      <lab-job-controls quietErrors .runner=${this.runner} .runLabel=${'Score the file'} .testIds=${'score-file'} ?disabled=${reason !== ''} .disabledReason=${reason}
        @run=${() => void this.#score()}></lab-job-controls>
      ${errorPlaceView(this.failure, 'score-file-error')}
      ${this.#resultView()}`;
  }
}

customElements.define('lab-score-file', ScoreFilePanel);

declare global {
  interface HTMLElementTagNameMap {
    'lab-score-file': ScoreFilePanel;
  }
}
