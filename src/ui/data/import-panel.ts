// Import your own graded pairs: choose or drop files, pick a preset, map the columns with a preview of
// the first rows, set the split, and import in the worker. The importer's errors show in place
// (file, line, column, problem); skipped rows are listed the same way.
import { css, html, LitElement, nothing } from 'lit';
import type { DataImportOptions, FilePreview, ImportSummary, OodRule } from '../../engine/data-types';
import { formatBytes, formatCount } from '../format';
import { JobRunner } from '../job/job-runner';
import '../job/job-controls';
import type { LabHandle } from '../lab-handle';
import { blockElement, controls } from '../theme';
import { guessColumn } from './column-guess';
import { errorPlaceView, placeOf, type ErrorPlace } from './error-place';

interface PresetChoice {
  name: string;
  label: string;
  files: string;
  format?: 'tsv';
  labelHint: string;
}

const PRESETS: PresetChoice[] = [
  { name: 'csv', label: 'Any CSV, TSV, JSONL or Parquet', files: 'one or more tables with a query, an item title and a label column', labelHint: 'labels 0/1/2 by default' },
  { name: 'wands', label: 'Wayfair WANDS', files: 'query.csv, product.csv and label.csv (tab-separated)', format: 'tsv', labelHint: 'Exact=2, Partial=1, Irrelevant=0' },
  { name: 'esci', label: 'Amazon ESCI', files: 'the examples and the products files as released (Parquet) or as CSV, and optionally the query sources CSV', labelHint: 'E=2, S=1, C=1, I=0' },
  { name: 'scores', label: 'Averaged rater scores', files: "scored pairs such as Home Depot's train.csv (and product_descriptions.csv)", labelHint: 'a score cut into grades by two thresholds' },
];

type EsciVersion = 'all' | 'small' | 'large';

type MappingKey = 'query' | 'title' | 'label' | 'id' | 'queryId' | 'itemId';
const REQUIRED: MappingKey[] = ['query', 'title', 'label'];
const OPTIONAL: MappingKey[] = ['id', 'queryId', 'itemId'];
const MAPPING_LABELS: Record<MappingKey, string> = { query: 'Query', title: 'Item title', label: 'Label', id: 'Row id', queryId: 'Query id', itemId: 'Item id' };
export class ImportPanel extends LitElement {
  static override properties = {
    handle: { attribute: false },
    ready: { type: Boolean },
    files: { state: true },
    preset: { state: true },
    previews: { state: true },
    mapping: { state: true },
    textColumns: { state: true },
    labels: { state: true },
    thresholds: { state: true },
    encoding: { state: true },
    seed: { state: true },
    poolFraction: { state: true },
    oodKind: { state: true },
    oodColumn: { state: true },
    oodValues: { state: true },
    oodClusters: { state: true },
    skipBadRows: { state: true },
    esciVersion: { state: true },
    officialSplit: { state: true },
    name: { state: true },
    dragging: { state: true },
    failure: { state: true },
  };

  /** The engine handle (`window.lab`). */
  declare handle: LabHandle | null;
  declare ready: boolean;
  declare files: File[];
  declare preset: string;
  declare previews: FilePreview[] | null;
  declare mapping: Partial<Record<MappingKey, string>>;
  declare textColumns: string[];
  declare labels: string;
  declare thresholds: string;
  declare encoding: 'utf-8' | 'latin1';
  declare seed: number;
  declare poolFraction: number;
  declare oodKind: OodRule['kind'];
  declare oodColumn: string;
  declare oodValues: string;
  declare oodClusters: number;
  declare skipBadRows: boolean;
  declare esciVersion: EsciVersion;
  declare officialSplit: boolean;
  declare name: string;
  declare dragging: boolean;
  declare failure: ErrorPlace | null;
  readonly runner = new JobRunner<ImportSummary>(this, () => this.handle);

  static override styles = [
    blockElement,
    css`
      .step { margin-bottom: 1.25rem; }
      .step h4 { margin: 0 0 0.5rem; font-size: 0.95rem; }
      .drop { border: 2px dashed #b9c3d6; border-radius: var(--radius); padding: 1.25rem; text-align: center; background: #fafbfd; color: var(--ink-muted); }
      .drop.over { border-color: var(--accent); background: var(--accent-soft); color: var(--ink); }
      .drop label.pick { color: var(--accent); font-weight: 600; cursor: pointer; text-decoration: underline; }
      .row { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; }
      .row label, .field { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.85rem; font-weight: 500; }
      .checks { display: flex; flex-wrap: wrap; gap: 0.35rem 1rem; font-size: 0.85rem; }
      .checks label { display: flex; gap: 0.35rem; align-items: center; font-weight: 400; }
      .file { margin-top: 0.75rem; }
      .file-name { font-weight: 600; font-size: 0.9rem; overflow-wrap: anywhere; }
      .scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; margin-top: 0.35rem; }
      .scroll td { max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      tr.bad td { background: var(--danger-bg); }
      .error table { margin-top: 0.4rem; background: rgba(255, 255, 255, 0.6); }
      .error th, .error td.num { white-space: nowrap; }
      .result { margin-top: 0.75rem; }
    `,
  ];

  constructor() {
    super();
    this.handle = null;
    this.ready = false;
    this.files = [];
    this.preset = 'csv';
    this.previews = null;
    this.mapping = {};
    this.textColumns = [];
    this.labels = '';
    this.thresholds = '';
    this.encoding = 'utf-8';
    this.seed = 1;
    this.poolFraction = 0.2;
    this.oodKind = 'none';
    this.oodColumn = '';
    this.oodValues = '';
    this.oodClusters = 2;
    this.skipBadRows = false;
    this.esciVersion = 'all';
    this.officialSplit = false;
    this.name = '';
    this.dragging = false;
    this.failure = null;
  }

  get #presetChoice(): PresetChoice {
    return PRESETS.find((preset) => preset.name === this.preset)!;
  }

  get #columns(): string[] {
    return [...new Set((this.previews ?? []).flatMap((preview) => preview.columns))];
  }

  async #choose(files: File[]): Promise<void> {
    if (files.length === 0) return;
    this.files = files;
    this.failure = null;
    await this.#preview();
  }

  async #preview(): Promise<void> {
    if (!this.handle || this.files.length === 0) return;
    try {
      this.previews = await this.handle.engine.previewImport(this.files, { format: this.#presetChoice.format, encoding: this.encoding, rows: 6 });
      const columns = this.#columns;
      const mapping: Partial<Record<MappingKey, string>> = {};
      for (const key of [...REQUIRED, ...OPTIONAL]) {
        mapping[key] = guessColumn(key, columns, this.mapping[key]);
      }
      this.mapping = mapping;
      this.textColumns = this.textColumns.filter((column) => columns.includes(column));
    } catch (error) {
      this.previews = null;
      this.failure = placeOf(error as Error & { details?: Record<string, unknown> });
    }
  }

  #dropped(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    void this.#choose([...(event.dataTransfer?.files ?? [])]);
  }

  #options(): DataImportOptions {
    const ood: OodRule =
      this.oodKind === 'column'
        ? { kind: 'column', column: this.oodColumn, values: this.oodValues.split(',').map((value) => value.trim()).filter(Boolean) }
        : this.oodKind === 'clusters'
          ? { kind: 'clusters', heldOut: this.oodClusters }
          : { kind: 'none' };
    const options: DataImportOptions = {
      preset: this.preset,
      name: this.name,
      labels: this.labels,
      thresholds: this.thresholds,
      encoding: this.encoding,
      split: { seed: this.seed, poolFraction: this.poolFraction, ood },
      skipBadRows: this.skipBadRows,
    };
    if (this.preset === 'esci') {
      options.smallVersion = this.esciVersion === 'small';
      options.largeVersion = this.esciVersion === 'large';
      options.officialSplit = this.officialSplit;
    }
    if (this.preset === 'csv') {
      const mapping = Object.fromEntries(Object.entries(this.mapping).filter(([, column]) => column));
      options.mapping = { ...mapping, text: this.textColumns };
    }
    return options;
  }

  async #import(): Promise<void> {
    const handle = this.handle;
    if (!handle || this.files.length === 0) return;
    this.failure = null;
    const files = this.files;
    const options = this.#options();
    const result = await this.runner.run((onProgress) => handle.engine.importDataset(files, options, onProgress));
    if (this.runner.state === 'failed' && this.runner.error) this.failure = placeOf(this.runner.error as Error & { details?: Record<string, unknown> });
    if (result) this.dispatchEvent(new CustomEvent<ImportSummary>('dataset-imported', { detail: result, bubbles: true, composed: true }));
  }

  #failureView() {
    return errorPlaceView(this.failure, 'import-error');
  }

  #previewView(preview: FilePreview) {
    const badLine = this.failure?.file === preview.file ? this.failure.line : undefined;
    return html`<div class="file" data-testid="import-preview">
      <div class="file-name">${preview.file} <span class="muted">(${preview.format}, first ${preview.rows.length} rows)</span></div>
      ${preview.problem ? html`<p class="error" role="alert">${preview.problem.name}: ${preview.problem.message}</p>` : nothing}
      ${preview.columns.length > 0
        ? html`<div class="scroll"><table>
            <thead><tr><th class="num" scope="col">Line</th>${preview.columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
            <tbody>${preview.rows.map((row) => html`<tr class=${row.line === badLine ? 'bad' : ''}><td class="num">${row.line}</td>${row.cells.map((cell) => html`<td title=${cell}>${cell}</td>`)}</tr>`)}</tbody>
          </table></div>`
        : nothing}
    </div>`;
  }

  #select(key: MappingKey, required: boolean) {
    return html`<label>${MAPPING_LABELS[key]}${required ? ' (required)' : ''}
      <select data-testid="map-${key}" @change=${(e: Event) => (this.mapping = { ...this.mapping, [key]: (e.target as HTMLSelectElement).value })}>
        <option value="" ?selected=${!this.mapping[key]}>${required ? 'choose a column' : 'none'}</option>
        ${this.#columns.map((column) => html`<option value=${column} ?selected=${this.mapping[key] === column}>${column}</option>`)}
      </select></label>`;
  }

  #mappingView() {
    if (!this.previews) return nothing;
    if (this.preset !== 'csv') {
      return html`<p class="muted">The ${this.#presetChoice.label} preset knows its files' columns; the preview shows what it will read.</p>`;
    }
    const mapped = new Set(Object.values(this.mapping));
    return html`<div class="row">${REQUIRED.map((key) => this.#select(key, true))}${OPTIONAL.map((key) => this.#select(key, false))}</div>
      <div class="field" style="margin-top:0.6rem">More item text
        <div class="checks">${this.#columns.filter((column) => !mapped.has(column)).map(
          (column) => html`<label><input type="checkbox" .checked=${this.textColumns.includes(column)}
            @change=${(e: Event) => (this.textColumns = (e.target as HTMLInputElement).checked ? [...this.textColumns, column] : this.textColumns.filter((c) => c !== column))} />${column}</label>`,
        )}</div></div>`;
  }

  #esciView() {
    return html`<div class="row" style="margin-top:0.6rem">
      <label>ESCI version
        <select data-testid="import-esci-version" @change=${(e: Event) => (this.esciVersion = (e.target as HTMLSelectElement).value as EsciVersion)}>
          <option value="all" ?selected=${this.esciVersion === 'all'}>Every row</option>
          <option value="small" ?selected=${this.esciVersion === 'small'}>Small (small_version = 1)</option>
          <option value="large" ?selected=${this.esciVersion === 'large'}>Large (large_version = 1)</option>
        </select></label>
      <div class="checks"><label><input type="checkbox" data-testid="import-official-split" .checked=${this.officialSplit}
        @change=${(e: Event) => (this.officialSplit = (e.target as HTMLInputElement).checked)} />ESCI's own train/test split (its split column; test queries only in test_id and test_ood)</label></div>
    </div>`;
  }

  #resultView() {
    const result = this.runner.state === 'done' ? this.runner.result : null;
    if (!result) return nothing;
    return html`<div class="result notice" role="status" data-testid="import-result">
      Imported ${formatCount(result.rowsImported)} rows into “${result.dataset.info.name}”. Grades: ${result.labelRule}. OOD rule: ${result.oodRule}.
      ${result.repeatedPairs ? ` ${formatCount(result.repeatedPairs)} exact repeats dropped.` : ''}${result.droppedRows ? ` ${formatCount(result.droppedRows)} rows dropped by the OOD rule.` : ''}
      ${result.skippedTotal > 0
        ? html`<p>${formatCount(result.skippedTotal)} bad rows skipped${result.skippedTotal > result.skipped.length ? ` (first ${result.skipped.length} listed)` : ''}:</p>
            <div class="scroll"><table data-testid="import-skipped"><thead><tr><th scope="col">File</th><th class="num" scope="col">Line</th><th class="num" scope="col">Column</th><th scope="col">Problem</th></tr></thead>
            <tbody>${result.skipped.map((row) => html`<tr><td>${row.file}</td><td class="num">${row.line ?? '–'}</td><td class="num">${row.column ?? '–'}</td><td>${row.problem}</td></tr>`)}</tbody></table></div>`
        : nothing}
    </div>`;
  }

  override render() {
    const choice = this.#presetChoice;
    return html`
      <div class="step">
        <h4>1. Format</h4>
        <div class="row">
          <label>Preset
            <select data-testid="import-preset" @change=${(e: Event) => { this.preset = (e.target as HTMLSelectElement).value; void this.#preview(); }}>
              ${PRESETS.map((preset) => html`<option value=${preset.name} ?selected=${preset.name === this.preset}>${preset.label}</option>`)}
            </select></label>
          <label>Encoding
            <select data-testid="import-encoding" @change=${(e: Event) => { this.encoding = (e.target as HTMLSelectElement).value as 'utf-8' | 'latin1'; void this.#preview(); }}>
              <option value="utf-8" ?selected=${this.encoding === 'utf-8'}>UTF-8</option>
              <option value="latin1" ?selected=${this.encoding === 'latin1'}>Latin-1 (windows-1252)</option>
            </select></label>
        </div>
        <p class="muted">Files: ${choice.files}. Grades: ${choice.labelHint}.</p>
      </div>
      <div class="step">
        <h4>2. Files</h4>
        <div class="drop ${this.dragging ? 'over' : ''}" data-testid="import-drop"
          @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragging = true; }}
          @dragleave=${() => (this.dragging = false)}
          @drop=${this.#dropped}>
          Drop files here, or <label class="pick" for="import-files">choose files</label>
          <input id="import-files" class="visually-hidden" type="file" multiple accept=".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.json,.parquet,.parq,.pq" data-testid="import-files"
            @change=${(e: Event) => void this.#choose([...((e.target as HTMLInputElement).files ?? [])])} />
          ${this.files.length > 0 ? html`<div style="margin-top:0.5rem">${this.files.map((file) => `${file.name} (${formatBytes(file.size)})`).join(', ')}</div>` : nothing}
        </div>
        ${(this.previews ?? []).map((preview) => this.#previewView(preview))}
      </div>
      ${this.previews ? html`<div class="step"><h4>3. Columns</h4>${this.#mappingView()}</div>` : nothing}
      ${this.previews
        ? html`<div class="step">
            <h4>4. Grades and splits</h4>
            <div class="row">
              <label>Label map <input data-testid="import-labels" placeholder="e.g. E=2,S=1,C=1,I=0" .value=${this.labels} @change=${(e: Event) => (this.labels = (e.target as HTMLInputElement).value)} /></label>
              <label>Score thresholds <input data-testid="import-thresholds" placeholder="e.g. 1.67,2.34" .value=${this.thresholds} @change=${(e: Event) => (this.thresholds = (e.target as HTMLInputElement).value)} /></label>
              <label>Split seed <input type="number" min="0" .value=${String(this.seed)} @change=${(e: Event) => (this.seed = Number((e.target as HTMLInputElement).value))} /></label>
              <label>Pool share <input type="number" min="0" max="0.95" step="0.05" .value=${String(this.poolFraction)} @change=${(e: Event) => (this.poolFraction = Number((e.target as HTMLInputElement).value))} /></label>
              <label>OOD test split
                <select data-testid="import-ood" @change=${(e: Event) => (this.oodKind = (e.target as HTMLSelectElement).value as OodRule['kind'])}>
                  <option value="none" ?selected=${this.oodKind === 'none'}>None</option>
                  <option value="column" ?selected=${this.oodKind === 'column'}>Held-out values of a column</option>
                  <option value="clusters" ?selected=${this.oodKind === 'clusters'}>Held-out query clusters</option>
                </select></label>
              ${this.oodKind === 'column'
                ? html`<label>Column <select @change=${(e: Event) => (this.oodColumn = (e.target as HTMLSelectElement).value)}>
                      <option value="">choose</option>${this.#columns.map((column) => html`<option ?selected=${column === this.oodColumn}>${column}</option>`)}</select></label>
                    <label>Held-out values <input placeholder="a,b" .value=${this.oodValues} @change=${(e: Event) => (this.oodValues = (e.target as HTMLInputElement).value)} /></label>`
                : nothing}
              ${this.oodKind === 'clusters'
                ? html`<label>Clusters held out <input type="number" min="1" max="7" .value=${String(this.oodClusters)} @change=${(e: Event) => (this.oodClusters = Number((e.target as HTMLInputElement).value))} /></label>`
                : nothing}
              <label>Dataset name <input data-testid="import-name" placeholder="from the file names" .value=${this.name} @change=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} /></label>
            </div>
            ${this.preset === 'esci' ? this.#esciView() : nothing}
            <div class="checks" style="margin-top:0.6rem"><label><input type="checkbox" data-testid="import-skip-bad" .checked=${this.skipBadRows} @change=${(e: Event) => (this.skipBadRows = (e.target as HTMLInputElement).checked)} />Skip bad rows and list them (otherwise the first bad row stops the import)</label></div>
          </div>`
        : nothing}
      <lab-job-controls quietErrors .runner=${this.runner} .runLabel=${'Import'} ?disabled=${!this.ready || this.files.length === 0}
        .disabledReason=${!this.ready ? 'Waiting for the engine…' : this.files.length === 0 ? 'Choose files first.' : ''} @run=${() => void this.#import()}></lab-job-controls>
      ${this.#failureView()}
      ${this.#resultView()}`;
  }
}

customElements.define('lab-import-panel', ImportPanel);

declare global {
  interface HTMLElementTagNameMap {
    'lab-import-panel': ImportPanel;
  }
}
