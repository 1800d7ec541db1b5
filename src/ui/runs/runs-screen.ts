// The Runs and storage screen: what this browser keeps (run records with their checkpoints,
// checkpoints, datasets, tokenizers) with sizes, the origin's quota, delete (asks once more), and a
// run exported or imported as one .labrun file (src/storage/run-file.ts). A DaRL pipeline run is one
// entry with its stages inside it, exported, imported and deleted whole (run-links.ts). The store is
// read on the page (no tfjs needed); .labrun files are read and written in the engine worker, so a
// large or hostile one never blocks the page, and deletions of checkpoints, datasets and tokenizers
// go through the engine, so the checkpoint of a stage training now cannot be deleted under it.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { StoredItemNotFoundError, type LabStore } from '../../storage';
import { RUN_FILE_EXTENSION } from '../../storage/run-file';
import { asError } from '../errors';
import { formatBytes, formatCount } from '../format';
import type { Lab } from '../lab/lab';
import { StateController, type LabState } from '../lab/lab-state';
import { runPanelAction } from '../panel-action';
import type { StageDefinition } from '../stage';
import { blockElement } from '../theme';
import { downloadBytes } from '../download';
import { afterPipelineImport } from './pipeline-import';
import { readStorageSnapshot, type RunRow, type StorageSnapshot } from './storage-snapshot';

type Deletable = 'run' | 'checkpoint' | 'dataset' | 'tokenizer';
const STORE_WAIT_MS = 15_000;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('en') : '–');
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export class RunsScreen extends LitElement {
  static override properties = {
    lab: { attribute: false },
    state: { attribute: false },
    stage: { attribute: false },
    snapshot: { state: true },
    trainingNow: { state: true },
    engineIdle: { state: true },
    persisted: { state: true },
    confirming: { state: true },
    busy: { state: true },
    message: { state: true },
    problem: { state: true },
  };

  declare lab: Lab | null;
  declare state: LabState | null;
  declare stage: StageDefinition | null;
  declare snapshot: StorageSnapshot | null;
  /** Checkpoints a training stage of this page is writing: not deleted or exported from here. */
  declare trainingNow: Set<string>;
  /** No job runs in the engine: a run stored as "running" was cut off by a reload or a closed tab. */
  declare engineIdle: boolean;
  declare persisted: boolean | null;
  /** `<kind>:<id>` of the item whose deletion waits for a second click. */
  declare confirming: string | null;
  declare busy: boolean;
  declare message: string | null;
  declare problem: Error | null;
  readonly #follow = new StateController(this);

  static override styles = [
    blockElement,
    css`
      .eyebrow { font-size: 0.75rem; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--accent); margin: 0; }
      h2 { font-size: 1.5rem; margin: 0.15rem 0 0.5rem; }
      .lead { margin: 0 0 1.25rem; color: var(--ink-muted); max-width: 52rem; }
      section { margin-bottom: 1.25rem; }
      .head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; margin-bottom: 0.75rem; }
      h3 { margin: 0; font-size: 1.1rem; }
      .table-scroll { overflow-x: auto; }
      .name { font-weight: 600; overflow-wrap: anywhere; }
      .sub { font-size: 0.8rem; color: var(--ink-muted); overflow-wrap: anywhere; }
      .actions { display: flex; gap: 0.4rem; flex-wrap: wrap; align-items: center; }
      .confirm { font-size: 0.8rem; color: var(--danger); flex-basis: 100%; }
      .meter { height: 0.75rem; background: #e4e8ef; border-radius: 999px; overflow: hidden; position: relative; margin: 0.5rem 0; }
      .meter span { position: absolute; inset: 0 auto 0 0; }
      .meter .lab { background: var(--accent); }
      .meter .other { background: #9fb4e4; }
      .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75rem; margin: 0; }
      .figures div { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
      .figures dt { font-size: 0.8rem; color: var(--ink-muted); }
      .figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
      label.import { display: inline-flex; align-items: center; gap: 0.5rem; font-size: 0.875rem; }
      .missing { color: var(--danger); }
      .empty { color: var(--ink-muted); margin: 0; }
      ol.stages { margin: 0; padding-left: 1.1rem; }
    `,
  ];

  constructor() {
    super();
    this.lab = null;
    this.state = null;
    this.stage = null;
    this.snapshot = null;
    this.trainingNow = new Set();
    this.engineIdle = false;
    this.persisted = null;
    this.confirming = null;
    this.busy = false;
    this.message = null;
    this.problem = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
    if (changed.has('lab') && this.lab) void this.refresh();
  }

  protected override updated(): void {
    const state = this.state;
    const snapshot = this.snapshot;
    if (!state || !snapshot) return;
    const summary = `${formatCount(snapshot.runs.length)} run${snapshot.runs.length === 1 ? '' : 's'}, ${formatBytes(snapshot.usage.totalBytes)} stored`;
    state.showStatus('runs', { state: 'not-run', summary });
  }

  /** The page's own store handle (main.ts sets `window.lab.storage` once it is open). */
  async #store(): Promise<LabStore> {
    const started = Date.now();
    for (;;) {
      const store = this.lab?.handle.storage as LabStore | undefined;
      if (store) return store;
      if (Date.now() - started > STORE_WAIT_MS) throw new Error('The browser storage did not open: IndexedDB may be disabled in this browser (private mode?).');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async refresh(): Promise<void> {
    try {
      const store = await this.#store();
      this.snapshot = await readStorageSnapshot(store);
      const checkpoints = await this.lab!.handle.engine.listModelCheckpoints().catch(() => []);
      this.trainingNow = new Set(checkpoints.filter((entry) => entry.state === 'running').map((entry) => entry.id));
      this.engineIdle = (await this.lab!.handle.engine.jobStatus().catch(() => null))?.state === 'idle';
      this.persisted = (await navigator.storage?.persisted?.().catch(() => null)) ?? null;
    } catch (error) {
      this.problem = asError(error);
    }
  }

  #act(work: () => Promise<string | null>): Promise<void> {
    this.confirming = null;
    return runPanelAction(this, work, () => this.refresh());
  }

  #exportRun(id: string): Promise<void> {
    return this.#act(async () => {
      const file = await this.lab!.handle.engine.exportRunFile(id);
      downloadBytes(file.bytes, file.fileName);
      const records = file.recordIds.length > 0 ? `${plural(file.recordIds.length, 'stage record')}, ` : '';
      return `Exported run "${id}" with ${records}${plural(file.checkpointIds.length, 'checkpoint')} as ${file.fileName} (${formatBytes(file.bytes.byteLength)}).`;
    });
  }

  #importRun(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return Promise.resolve();
    return this.#act(async () => {
      const store = await this.#store();
      // Read and checked in the engine worker: a large or hostile file never blocks the page.
      const result = await this.lab!.handle.engine.importRunFile(file, { fileName: file.name });
      const records = result.recordIds.length > 0 ? `${plural(result.recordIds.length, 'stage record')}, ` : '';
      const reused = result.reused.length > 0 ? ` ${plural(result.reused.length, 'stage item')} already stored for another run ${result.reused.length === 1 ? 'was' : 'were'} kept.` : '';
      const shown = this.lab ? await afterPipelineImport(this.lab, await store.loadRun(result.runId)) : null;
      return `Imported run "${result.runId}" from ${file.name} with ${records}${plural(result.checkpointIds.length, 'checkpoint')} (${formatBytes(result.checkpointBytes)} of weights).${reused}${shown ? ` ${shown}` : ''}`;
    });
  }

  #delete(kind: Deletable, id: string): Promise<void> {
    const engine = this.lab!.handle.engine;
    return this.#act(async () => {
      if (kind === 'run') {
        const row = this.snapshot?.runs.find((entry) => entry.id === id);
        const plan = row?.deletion ?? { records: [], checkpoints: [] };
        const store = await this.#store();
        const deleteRun = (runId: string) =>
          store.deleteRun(runId).catch((error: unknown) => {
            if (!(error instanceof StoredItemNotFoundError)) throw error;
          });
        // The engine deletes a checkpoint with its training record, and refuses one that is training now.
        for (const checkpoint of plan.checkpoints) await engine.deleteModelCheckpoint(checkpoint.id);
        for (const record of plan.records) await deleteRun(record);
        await deleteRun(id);
        if (row?.members) void this.lab?.pipeline.refresh(true);
        const parts = [
          ...(plan.records.length > 0 ? [plural(plan.records.length, 'stage record')] : []),
          ...(plan.checkpoints.length > 0 ? [plan.checkpoints.length > 3 ? plural(plan.checkpoints.length, 'checkpoint') : plan.checkpoints.map((entry) => `checkpoint "${entry.id}"`).join(', ')] : []),
        ];
        return `Deleted run "${id}"${parts.length > 0 ? ` and ${parts.join(' and ')}` : ''}.`;
      }
      if (kind === 'checkpoint') await engine.deleteModelCheckpoint(id);
      if (kind === 'dataset') {
        await engine.deleteDataset(id);
        if (this.state?.dataset?.info.id === id) this.state.update({ dataset: null });
      }
      if (kind === 'tokenizer') await engine.deleteModelTokenizer(id);
      return `Deleted ${kind} "${id}".`;
    });
  }

  async #persist(): Promise<void> {
    this.persisted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
    this.message = this.persisted ? 'The browser will keep this data until you delete it.' : 'The browser did not agree to keep the data for good; it may still clear it when space runs low.';
  }

  /** Delete, then "Delete for good" / "Keep" with what will go. */
  #deleteCell(kind: Deletable, id: string, label: string, consequence: string, blocked: string | null): TemplateResult {
    const key = `${kind}:${id}`;
    if (this.confirming === key) {
      return html`<span class="confirm" role="status">${consequence}</span>
        <button class="danger" data-testid="${kind}-delete-confirm" @click=${() => void this.#delete(kind, id)}>Delete for good</button>
        <button data-testid="${kind}-delete-keep" @click=${() => (this.confirming = null)}>Keep</button>`;
    }
    return html`<button class="danger" data-testid="${kind}-delete" ?disabled=${this.busy || blocked !== null} title=${blocked ?? ''}
      aria-label="Delete ${label}" @click=${() => (this.confirming = key)}>Delete</button>`;
  }

  #quota(snapshot: StorageSnapshot) {
    const { quota, usage, totalBytes } = snapshot.usage;
    const share = (bytes: number) => (quota ? `${Math.min(100, (100 * bytes) / quota).toFixed(2)}%` : '0%');
    return html`<section class="card" aria-labelledby="quota-title" data-testid="storage-quota">
      <div class="head"><h3 id="quota-title">Storage in this browser</h3>
        ${this.persisted === false ? html`<button data-testid="storage-persist" @click=${() => void this.#persist()}>Ask the browser to keep this data</button>` : nothing}</div>
      ${quota !== undefined && usage !== undefined
        ? html`<div class="meter" role="img" aria-label="${formatBytes(usage)} of ${formatBytes(quota)} used">
            <span class="other" style=${styleMap({ width: share(usage) })}></span><span class="lab" style=${styleMap({ width: share(Math.min(totalBytes, usage)) })}></span>
          </div>`
        : html`<p class="muted">This browser does not say how much it lets the lab store (navigator.storage.estimate is missing).</p>`}
      <dl class="figures">
        <div><dt>The lab's data</dt><dd data-testid="storage-lab-bytes">${formatBytes(totalBytes)}</dd></div>
        <div><dt>This site uses</dt><dd data-testid="storage-used">${usage === undefined ? 'unknown' : formatBytes(usage)}</dd></div>
        <div><dt>Available</dt><dd data-testid="storage-available">${quota === undefined || usage === undefined ? 'unknown' : formatBytes(Math.max(0, quota - usage))}</dd></div>
        <div><dt>Quota</dt><dd data-testid="storage-quota-bytes">${quota === undefined ? 'unknown' : formatBytes(quota)}</dd></div>
        <div><dt>Kept for good</dt><dd>${this.persisted === null ? 'unknown' : this.persisted ? 'yes' : 'no: the browser may clear it when space runs low'}</dd></div>
      </dl>
      <p class="sub">"The lab's data" counts the stored payloads (weights, example and record JSON); the browser's own figure for the site adds its bookkeeping and may lag a few seconds.</p>
    </section>`;
  }

  #runs(snapshot: StorageSnapshot) {
    return html`<section class="card" aria-labelledby="runs-title">
      <div class="head"><h3 id="runs-title">Runs</h3>
        <label class="import">Import a run file
          <input type="file" accept=${RUN_FILE_EXTENSION} data-testid="run-import" ?disabled=${this.busy} @change=${(event: Event) => void this.#importRun(event)} />
        </label></div>
      <p class="sub">A run is the record a training stage or a pipeline keeps: settings, curve, outcome and the checkpoints it wrote. A DaRL pipeline run holds its stages: they are exported, imported and deleted with it, and a stage another pipeline run shares stays until that run goes too. Export saves the record, its stages and their checkpoints as one ${RUN_FILE_EXTENSION} file; import checks the whole file before it stores anything.</p>
      ${snapshot.runs.length === 0
        ? html`<p class="empty" data-testid="no-runs">No runs are stored yet. Each training stage keeps one.</p>`
        : html`<div class="table-scroll"><table data-testid="run-list" aria-labelledby="runs-title">
            <thead><tr><th scope="col">Run</th><th scope="col">Kind and status</th><th scope="col">Created</th><th scope="col">Stages and checkpoints</th><th class="num" scope="col">Size</th><th scope="col">Actions</th></tr></thead>
            <tbody>${snapshot.runs.map((run) => this.#runRow(run))}</tbody>
          </table></div>`}
    </section>`;
  }

  #runRow(run: RunRow): TemplateResult {
    const plan = run.deletion;
    const training = run.checkpoints.find((entry) => this.trainingNow.has(entry.id));
    const pipelineBusy = run.members !== null && this.lab?.pipeline.runner.active ? 'A pipeline job is running: wait for it or cancel it first.' : null;
    const blocked = training ? `Checkpoint "${training.id}" is training now.` : pipelineBusy;
    const missing = run.checkpoints.filter((entry) => entry.byteSize === null);
    const missingMembers = (run.members ?? []).filter((entry) => entry.recordBytes === null);
    const goes = [
      ...(plan.records.length > 0 ? [plural(plan.records.length, 'stage record')] : []),
      ...(plan.checkpoints.length > 0 ? [`${plural(plan.checkpoints.length, 'checkpoint')} (${formatBytes(plan.checkpoints.reduce((sum, entry) => sum + (entry.byteSize ?? 0), 0))})`] : []),
    ];
    const consequence = `Deletes the run record${goes.length ? ` and ${goes.join(' and ')}` : ''}, freeing ${formatBytes(plan.freedBytes)}${plan.kept.length ? `; keeps ${plan.kept.map((entry) => `"${entry.id}" (used by ${entry.by.join(', ')})`).join(', ')}` : ''}.`;
    const unexportable = missing.length > 0 ? 'A linked checkpoint is no longer stored.' : missingMembers.length > 0 ? 'A stage record it links is no longer stored.' : null;
    return html`<tr data-testid="run-item" data-id=${run.id} data-kind=${run.kind}>
      <td><div class="name">${run.name ?? run.id}</div>${run.name ? html`<div class="sub">${run.id}</div>` : nothing}
        ${run.dataset && !run.dataset.stored ? html`<div class="sub missing" data-testid="run-dataset-missing">Dataset ${run.dataset.name ? `"${run.dataset.name}" ` : ''}(${run.dataset.id}) is not stored here: its results show once that dataset is imported.</div>` : nothing}</td>
      <td>${run.kind}<div class="sub" data-testid="run-status">${run.status === 'running' && this.engineIdle ? 'interrupted (the page closed while it ran)' : (run.status ?? 'no status')}</div></td>
      <td>${when(run.created)}</td>
      <td>${run.members ? this.#members(run) : this.#linkedCheckpoints(run)}</td>
      <td class="num" data-testid="run-size">${formatBytes(run.totalBytes)}<div class="sub">record ${formatBytes(run.recordBytes)}</div>
        ${run.sharedBytes > 0 ? html`<div class="sub" data-testid="run-shared">${formatBytes(run.sharedBytes)} shared with other runs</div>` : nothing}</td>
      <td><div class="actions">
        <button data-testid="run-export" ?disabled=${this.busy || blocked !== null || unexportable !== null}
          title=${blocked ?? unexportable ?? ''} aria-label="Export run ${run.id}" @click=${() => void this.#exportRun(run.id)}>Export</button>
        ${this.#deleteCell('run', run.id, `run ${run.id}`, consequence, blocked)}
      </div></td>
    </tr>`;
  }

  #linkedCheckpoints(run: RunRow) {
    return run.checkpoints.length === 0
      ? html`<span class="sub">none</span>`
      : run.checkpoints.map((entry) => html`<div class="sub ${entry.byteSize === null ? 'missing' : ''}" data-testid="run-checkpoint" data-id=${entry.id}>${entry.id}${entry.byteSize === null ? ' (no longer stored)' : ` · ${formatBytes(entry.byteSize)}`}</div>`);
  }

  /** A group's members: one line per stage, with when, how long and its checkpoint's size. */
  #members(run: RunRow) {
    const members = run.members ?? [];
    if (members.length === 0) return html`<span class="sub">no stages yet</span>`;
    return html`<ol class="stages" data-testid="run-stages">${members.map((entry) => {
      const label = entry.stage ?? (entry.id.startsWith('view/dasa-pca-') ? 'DASA picture' : entry.id);
      const checkpoint = entry.checkpoint
        ? entry.checkpoint.byteSize === null ? ' · checkpoint no longer stored' : ` · checkpoint ${formatBytes(entry.checkpoint.byteSize)}`
        : '';
      return html`<li class="sub ${entry.recordBytes === null ? 'missing' : ''}" data-testid="run-stage" data-id=${entry.id} data-stage=${entry.stage ?? ''} title=${entry.id}>
        <strong>${label}</strong>${entry.recordBytes === null
          ? ' (no longer stored)'
          : `${entry.finishedAt ? ` · ${when(entry.finishedAt)}` : ''}${entry.seconds !== null ? ` · ${entry.seconds.toFixed(1)} s` : ''}${checkpoint}`}${entry.sharedWith.length > 0 ? html` · <span data-testid="run-stage-shared">shared with ${entry.sharedWith.join(', ')}</span>` : nothing}
      </li>`;
    })}</ol>`;
  }

  #checkpoints(snapshot: StorageSnapshot) {
    return html`<section class="card" aria-labelledby="stored-checkpoints-title">
      <div class="head"><h3 id="stored-checkpoints-title">Checkpoints</h3></div>
      ${snapshot.checkpoints.length === 0
        ? html`<p class="empty">No checkpoints are stored.</p>`
        : html`<div class="table-scroll"><table data-testid="stored-checkpoint-list" aria-labelledby="stored-checkpoints-title">
            <thead><tr><th scope="col">Checkpoint</th><th scope="col">Stage</th><th scope="col">Saved</th><th scope="col">Runs</th><th class="num" scope="col">Size</th><th scope="col">Actions</th></tr></thead>
            <tbody>${snapshot.checkpoints.map((entry) => {
              const blocked = this.trainingNow.has(entry.id) ? 'It is training now: cancel the stage first.' : null;
              const consequence = `Deletes the checkpoint (${formatBytes(entry.byteSize)})${entry.runIds.includes(`training/${entry.id}`) ? ' and its training record' : ''}.`;
              return html`<tr data-testid="stored-checkpoint" data-id=${entry.id}>
                <td><div class="name">${entry.name}</div><div class="sub">${entry.id}</div></td>
                <td>${entry.stage ?? 'weights only'}</td>
                <td>${when(entry.createdAt)}</td>
                <td>${entry.runIds.length === 0 ? html`<span class="sub">none</span>` : entry.runIds.map((id) => html`<div class="sub">${id}</div>`)}</td>
                <td class="num" data-testid="stored-checkpoint-size">${formatBytes(entry.byteSize)}</td>
                <td><div class="actions">${this.#deleteCell('checkpoint', entry.id, `checkpoint ${entry.name}`, consequence, blocked)}</div></td>
              </tr>`;
            })}</tbody>
          </table></div>`}
    </section>`;
  }

  #dataAndTokenizers(snapshot: StorageSnapshot) {
    return html`<section class="card" aria-labelledby="stored-data-title">
      <div class="head"><h3 id="stored-data-title">Datasets and tokenizers</h3></div>
      ${snapshot.datasets.length + snapshot.tokenizers.length === 0
        ? html`<p class="empty">No datasets or tokenizers are stored.</p>`
        : html`<div class="table-scroll"><table data-testid="stored-data-list" aria-labelledby="stored-data-title">
            <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Saved</th><th class="num" scope="col">Size</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              ${snapshot.datasets.map((entry) => html`<tr data-testid="stored-dataset" data-id=${entry.id}>
                <td><div class="name">${entry.name}</div><div class="sub">${entry.id}</div></td>
                <td>dataset<div class="sub">${formatCount(entry.examples)} examples</div></td>
                <td>${when(entry.createdAt)}</td>
                <td class="num" data-testid="stored-dataset-size">${formatBytes(entry.byteSize)}</td>
                <td><div class="actions">${this.#deleteCell('dataset', entry.id, `dataset ${entry.name}`, `Deletes the dataset (${formatBytes(entry.byteSize)}); checkpoints trained on it stay.`, null)}</div></td>
              </tr>`)}
              ${snapshot.tokenizers.map((entry) => html`<tr data-testid="stored-tokenizer" data-id=${entry.id}>
                <td><div class="name">${entry.name}</div><div class="sub">${entry.id}</div></td>
                <td>tokenizer</td>
                <td>${when(entry.savedAt)}</td>
                <td class="num">${formatBytes(entry.byteSize)}</td>
                <td><div class="actions">${this.#deleteCell('tokenizer', entry.id, `tokenizer ${entry.name}`, 'Deletes the tokenizer; checkpoints keep their own copy.', null)}</div></td>
              </tr>`)}
            </tbody>
          </table></div>`}
    </section>`;
  }

  override render() {
    const snapshot = this.snapshot;
    return html`<p class="eyebrow">Lab storage</p>
      <h2 data-testid="stage-title">${this.stage?.title ?? 'Runs and storage'}</h2>
      <p class="lead">${this.stage?.what ?? ''}</p>
      ${this.problem ? html`<p class="error" role="alert" data-testid="runs-error">${this.problem.name}: ${this.problem.message}</p>` : nothing}
      ${this.message ? html`<p class="notice" role="status" data-testid="runs-message">${this.message}</p>` : nothing}
      ${snapshot === null
        ? html`<p class="muted">Reading what this browser stores…</p>`
        : html`${this.#quota(snapshot)}${this.#runs(snapshot)}${this.#checkpoints(snapshot)}${this.#dataAndTokenizers(snapshot)}`}`;
  }
}

customElements.define('lab-runs-screen', RunsScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lab-runs-screen': RunsScreen;
  }
}
