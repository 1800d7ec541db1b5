// The stored model checkpoints: stage, step, state, model size, dataset and stored size; Resume for
// an unfinished stage, Export as a .safetensors file or for Hugging Face (a GPT-2 folder in a .zip),
// Delete (asks once more), and Import a file or a Hugging Face GPT-2 folder.
// Every refresh also tells the stage sessions their latest checkpoint (for the stepper). The list is
// read again when a DaRL pipeline job ends, since its stages store checkpoints too.
import { css, html, LitElement, nothing } from 'lit';
import type { ModelCheckpointSummary } from '../../engine/model-types';
import { asError } from '../errors';
import { formatBytes, formatCount } from '../format';
import { downloadBytes } from '../download';
import type { Lab } from '../lab/lab';
import { runPanelAction } from '../panel-action';
import { blockElement } from '../theme';
import { describeParameters, STAGE_WORDS } from './describe';
import { exportForHuggingFace, importFromHuggingFace } from './huggingface-actions';
import { TRAINING_STAGES, type TrainingStage } from '../../core/job/stages';

export class CheckpointPanel extends LitElement {
  static override properties = {
    lab: { attribute: false },
    stage: { attribute: false },
    refreshKey: { attribute: false },
    resumeDisabled: { type: Boolean },
    checkpoints: { state: true },
    confirming: { state: true },
    problem: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  /** The page's lab: its engine, and the training sessions told the latest checkpoints. */
  declare lab: Lab | null;
  /** The host's stage: its checkpoints are marked and can be resumed here. */
  declare stage: TrainingStage | null;
  /** Change it to make the panel read the store again. */
  declare refreshKey: number;
  declare resumeDisabled: boolean;
  declare checkpoints: ModelCheckpointSummary[] | null;
  declare confirming: string | null;
  declare problem: Error | null;
  declare message: string | null;
  declare busy: boolean;

  static override styles = [
    blockElement,
    css`
      .head { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; margin-bottom: 0.75rem; }
      h3 { margin: 0; font-size: 1.1rem; }
      .table-scroll { overflow-x: auto; }
      tr.mine td:first-child { box-shadow: inset 4px 0 0 var(--accent); }
      .name { font-weight: 600; overflow-wrap: anywhere; }
      .sub { font-size: 0.8rem; color: var(--ink-muted); }
      .actions { display: flex; gap: 0.4rem; flex-wrap: wrap; }
      .state-unfinished { color: var(--warn-line); font-weight: 600; }
      .state-running { color: var(--accent); font-weight: 600; }
      .empty { color: var(--ink-muted); margin: 0; }
      label.import { display: inline-flex; align-items: center; gap: 0.5rem; font-size: 0.875rem; }
    `,
  ];

  constructor() {
    super();
    this.lab = null;
    this.stage = null;
    this.refreshKey = 0;
    this.resumeDisabled = false;
    this.checkpoints = null;
    this.confirming = null;
    this.problem = null;
    this.message = null;
    this.busy = false;
  }

  #offJobEnd: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listenForJobEnds();
    // Shown again after a while away (a job may have ended meanwhile): read the list again.
    if (this.lab && this.checkpoints !== null) void this.refresh();
  }

  override disconnectedCallback(): void {
    this.#offJobEnd?.();
    this.#offJobEnd = null;
    super.disconnectedCallback();
  }

  #listenForJobEnds(): void {
    if (this.lab) this.#offJobEnd ??= this.lab.pipeline.onJobEnd(() => void this.refresh());
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    this.#listenForJobEnds();
    if ((changed.has('lab') || changed.has('refreshKey')) && this.lab) void this.refresh();
  }

  async refresh(): Promise<void> {
    const lab = this.lab;
    if (!lab) return;
    try {
      const checkpoints = await lab.handle.engine.listModelCheckpoints();
      this.checkpoints = checkpoints;
      for (const stage of TRAINING_STAGES) lab.training.of(stage).setLatest(checkpoints.find((entry) => entry.stage === stage) ?? null);
      this.dispatchEvent(new CustomEvent<ModelCheckpointSummary[]>('checkpoints-listed', { detail: checkpoints, bubbles: true, composed: true }));
    } catch (error) {
      this.problem = asError(error);
    }
  }

  #act(work: () => Promise<string | null>): Promise<void> {
    return runPanelAction(this, work, () => this.refresh());
  }

  #export(entry: ModelCheckpointSummary): Promise<void> {
    return this.#act(async () => {
      const file = await this.lab!.handle.engine.exportModelCheckpoint(entry.id);
      downloadBytes(file.bytes, file.fileName);
      return `Exported "${entry.name}" as ${file.fileName} (${formatBytes(file.bytes.byteLength)}).`;
    });
  }

  #importHf(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length === 0) return Promise.resolve();
    return this.#act(() => importFromHuggingFace(this.lab!.handle, files));
  }

  #delete(entry: ModelCheckpointSummary): Promise<void> {
    this.confirming = null;
    return this.#act(async () => {
      await this.lab!.handle.engine.deleteModelCheckpoint(entry.id);
      return `Deleted "${entry.name}".`;
    });
  }

  #import(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return Promise.resolve();
    return this.#act(async () => {
      const stored = await this.lab!.handle.engine.importModelCheckpoint(file, { fileName: file.name });
      return `Imported ${file.name} as "${stored.name}" (${stored.id}).`;
    });
  }

  #resume(entry: ModelCheckpointSummary): void {
    this.dispatchEvent(new CustomEvent<ModelCheckpointSummary>('checkpoint-resume', { detail: entry, bubbles: true, composed: true }));
  }

  #row(entry: ModelCheckpointSummary) {
    const mine = this.stage !== null && entry.stage === this.stage;
    const failed = entry.state === 'unfinished' && entry.runStatus === 'failed';
    const stateWord = failed ? `failed: ${entry.runError?.name ?? 'error'}` : entry.state === 'unfinished' ? 'unfinished' : entry.state === 'running' ? 'training now' : 'finished';
    return html`<tr class=${mine ? 'mine' : ''} data-testid="checkpoint-item" data-id=${entry.id} data-state=${entry.state}>
      <td><div class="name">${entry.name}</div><div class="sub">${entry.id} · saved ${new Date(entry.createdAt).toLocaleString('en')}</div></td>
      <td>${entry.stage ? STAGE_WORDS[entry.stage] : 'weights only'}<div class="sub">${entry.datasetName ?? 'dataset not recorded'}</div></td>
      <td class="num">${formatCount(entry.step)} / ${formatCount(entry.totalSteps)}<div class="sub state-${entry.state}" title=${failed ? (entry.runError?.message ?? '') : ''}>${stateWord}</div></td>
      <td>${entry.preset ?? 'custom'}<div class="sub">${describeParameters(entry.parameters.total)}, vocab ${formatCount(entry.config.vocabSize)}</div></td>
      <td class="num">${entry.lastLoss === null ? '–' : entry.lastLoss.toFixed(4)}</td>
      <td class="num" data-testid="checkpoint-size">${formatBytes(entry.byteSize)}</td>
      <td><div class="actions">
        ${mine && entry.state === 'unfinished' && !failed
          ? html`<button class="primary" data-testid="checkpoint-resume" ?disabled=${this.resumeDisabled || this.busy} @click=${() => this.#resume(entry)}>Resume</button>`
          : nothing}
        <button data-testid="checkpoint-export" ?disabled=${this.busy || entry.state === 'running'} @click=${() => void this.#export(entry)} aria-label="Export ${entry.name}">Export</button>
        <button data-testid="checkpoint-export-hf" ?disabled=${this.busy || entry.state === 'running'} title="A GPT-2 folder in a .zip for Hugging Face transformers"
          @click=${() => void this.#act(() => exportForHuggingFace(this.lab!.handle, entry, downloadBytes))} aria-label="Export ${entry.name} for Hugging Face">Hugging Face .zip</button>
        ${this.confirming === entry.id
          ? html`<button class="danger" data-testid="checkpoint-delete-confirm" @click=${() => void this.#delete(entry)}>Delete for good</button>
              <button data-testid="checkpoint-delete-keep" @click=${() => (this.confirming = null)}>Keep</button>`
          : html`<button class="danger" data-testid="checkpoint-delete" ?disabled=${this.busy || entry.state === 'running'} aria-label="Delete ${entry.name}" @click=${() => (this.confirming = entry.id)}>Delete</button>`}
      </div></td>
    </tr>`;
  }

  override render() {
    const checkpoints = this.checkpoints;
    return html`<div class="head">
        <h3 id="checkpoints-title">Stored checkpoints</h3>
        <label class="import">Import a checkpoint file
          <input type="file" accept=".safetensors" data-testid="checkpoint-import" ?disabled=${this.busy || !this.lab} @change=${(event: Event) => void this.#import(event)} />
        </label>
        <label class="import">Import a Hugging Face GPT-2 (.zip, or config.json, model.safetensors and tokenizer.json together)
          <input type="file" multiple accept=".zip,.json,.safetensors" data-testid="checkpoint-import-hf" ?disabled=${this.busy || !this.lab} @change=${(event: Event) => void this.#importHf(event)} />
        </label>
      </div>
      ${this.problem ? html`<p class="error" role="alert" data-testid="checkpoint-error">${this.problem.name}: ${this.problem.message}</p>` : nothing}
      ${this.message ? html`<p class="muted" role="status" data-testid="checkpoint-message">${this.message}</p>` : nothing}
      ${checkpoints === null
        ? html`<p class="empty">Reading the stored checkpoints…</p>`
        : checkpoints.length === 0
          ? html`<p class="empty" data-testid="no-checkpoints">No checkpoints yet. Training stores one every few steps; a .safetensors file from this lab can be imported.</p>`
          : html`<div class="table-scroll"><table data-testid="checkpoint-list" aria-labelledby="checkpoints-title">
              <thead><tr><th scope="col">Checkpoint</th><th scope="col">Stage and data</th><th class="num" scope="col">Step</th><th scope="col">Model</th><th class="num" scope="col">Last loss</th><th class="num" scope="col">Stored</th><th scope="col">Actions</th></tr></thead>
              <tbody>${checkpoints.map((entry) => this.#row(entry))}</tbody>
            </table></div>`}`;
  }
}

customElements.define('lab-checkpoint-panel', CheckpointPanel);

declare global {
  interface HTMLElementTagNameMap {
    'lab-checkpoint-panel': CheckpointPanel;
  }
}
