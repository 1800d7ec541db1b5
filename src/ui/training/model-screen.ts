// The Model stage: the transformer's size (presets with their parameter counts), the byte-level BPE
// tokenizer trained on the dataset's text (stored tokenizers, the one new models use), and the
// stored checkpoints, where a checkpoint file can be imported in place of training.
import { css, html, LitElement, nothing } from 'lit';
import type { ModelPresetSummary, ModelTokenizerSummary } from '../../engine/model-types';
import { asError } from '../errors';
import { formatBytes, formatCount } from '../format';
import { JobRunner } from '../job/job-runner';
import '../job/job-controls';
import type { Lab } from '../lab/lab';
import { StateController, type LabState, type StageStatus } from '../lab/lab-state';
import '../settings/settings-form';
import type { SettingChange } from '../settings/settings-form';
import '../stage-header';
import { STAGE_IDS, type StageDefinition } from '../stage';
import { controls, screenElement, tokens } from '../theme';
import './checkpoint-panel';
import { chooseTokenizer, chosenTokenizer } from './chosen-tokenizer';
import { describeParameters } from './describe';

export class ModelScreen extends LitElement {
  static override properties = {
    lab: { attribute: false },
    state: { attribute: false },
    stage: { attribute: false },
    presets: { state: true },
    tokenizers: { state: true },
    chosen: { state: true },
    problem: { state: true },
    confirming: { state: true },
  };

  declare lab: Lab | null;
  declare state: LabState | null;
  declare stage: StageDefinition | null;
  declare presets: ModelPresetSummary[] | null;
  declare tokenizers: ModelTokenizerSummary[] | null;
  declare chosen: string | null;
  declare problem: Error | null;
  declare confirming: string | null;
  readonly #follow = new StateController(this);
  readonly tokenizerJob = new JobRunner<ModelTokenizerSummary>(this, () => this.lab?.handle ?? null);
  #presetsFor: number | null | undefined = undefined;

  static override styles = [
    screenElement,
    css`
      .table-scroll { overflow-x: auto; margin-top: 1rem; }
      tr.chosen td:first-child { box-shadow: inset 4px 0 0 var(--accent); font-weight: 600; }
      ul { list-style: none; margin: 1rem 0 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
      li { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; padding: 0.6rem 0.85rem; border: 1px solid var(--line); border-radius: 6px; }
      li.chosen { border-color: var(--accent); box-shadow: inset 4px 0 0 var(--accent); }
      .name { font-weight: 600; overflow-wrap: anywhere; }
      .sub { font-size: 0.82rem; color: var(--ink-muted); }
      .actions { display: flex; gap: 0.5rem; align-items: center; }
      .in-use { font-size: 0.8rem; font-weight: 600; color: var(--accent); }
    `,
  ];

  constructor() {
    super();
    this.lab = null;
    this.state = null;
    this.stage = null;
    this.presets = null;
    this.tokenizers = null;
    this.chosen = chosenTokenizer();
    this.problem = null;
    this.confirming = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
    if (changed.has('lab') && this.lab) void this.#refreshTokenizers();
    if (changed.has('lab') || changed.has('state')) this.lab?.ensureDataset();
    const vocab = this.#chosenTokenizer()?.vocabSize ?? null;
    if (this.lab && this.state?.engineReady && vocab !== this.#presetsFor) {
      this.#presetsFor = vocab;
      void this.lab.handle.engine.modelPresets(vocab === null ? {} : { vocabSize: vocab }).then((presets) => (this.presets = presets), (error) => (this.problem = error));
    }
  }

  protected override updated(): void {
    this.state?.showStatus('model', this.#status());
  }

  #status(): StageStatus {
    if (this.tokenizerJob.active) return { state: 'running', summary: 'Training the tokenizer…' };
    if (this.tokenizerJob.state === 'failed') return { state: 'failed', summary: this.tokenizerJob.error?.name ?? 'Failed' };
    const tokenizer = this.#chosenTokenizer();
    const preset = String(this.state?.values['model.preset'] ?? 'small');
    if (tokenizer) return { state: 'done', summary: `${preset}, ${formatCount(tokenizer.vocabSize)}-token tokenizer` };
    return { state: 'not-run', summary: '' };
  }

  #chosenTokenizer(): ModelTokenizerSummary | null {
    return this.tokenizers?.find((entry) => entry.id === this.chosen) ?? null;
  }

  async #refreshTokenizers(): Promise<void> {
    if (!this.lab) return;
    try {
      this.tokenizers = await this.lab.handle.engine.listModelTokenizers();
      if (this.chosen && !this.tokenizers.some((entry) => entry.id === this.chosen)) this.#choose(null);
    } catch (error) {
      this.problem = asError(error);
    }
  }

  #choose(id: string | null): void {
    chooseTokenizer(id);
    this.chosen = id;
  }

  async #trainTokenizer(): Promise<void> {
    const lab = this.lab;
    const dataset = this.state?.dataset;
    if (!lab || !dataset) return;
    const vocabSize = Number(this.state?.values['model.vocab'] ?? 2048);
    const trained = await this.tokenizerJob.run((onProgress) => lab.handle.engine.trainTokenizer(dataset.info.id, { vocabSize }, onProgress));
    if (trained) this.#choose(trained.id);
    await this.#refreshTokenizers();
  }

  async #deleteTokenizer(id: string): Promise<void> {
    this.confirming = null;
    try {
      await this.lab?.handle.engine.deleteModelTokenizer(id);
    } catch (error) {
      this.problem = asError(error);
    }
    await this.#refreshTokenizers();
  }

  #presetTable() {
    const presets = this.presets;
    if (!presets) return nothing;
    const chosen = String(this.state?.values['model.preset'] ?? 'small');
    const vocab = this.#chosenTokenizer()?.vocabSize;
    return html`<div class="table-scroll"><table data-testid="preset-table">
      <caption class="visually-hidden">Model presets and their sizes</caption>
      <thead><tr><th scope="col">Preset</th><th class="num" scope="col">Layers</th><th class="num" scope="col">Heads</th><th class="num" scope="col">Width</th><th class="num" scope="col">Context</th><th class="num" scope="col">Vocabulary</th><th class="num" scope="col">Parameters</th><th class="num" scope="col">of which head</th></tr></thead>
      <tbody>${presets.map((preset) => html`<tr class=${preset.name === chosen ? 'chosen' : ''} data-testid="preset-row" data-preset=${preset.name}>
        <td>${preset.name}${preset.name === chosen ? html` <span class="visually-hidden">(chosen)</span>` : nothing}</td>
        <td class="num">${preset.config.nLayers}</td><td class="num">${preset.config.nHeads}</td><td class="num">${preset.config.dModel}</td>
        <td class="num">${preset.config.contextLength}</td><td class="num">${formatCount(preset.config.vocabSize)}</td>
        <td class="num" data-testid="preset-parameters">${formatCount(preset.parameters.total)}</td><td class="num">${formatCount(preset.parameters.head)}</td>
      </tr>`)}</tbody>
    </table></div>
    <p class="sub">${vocab ? `Counts for the chosen tokenizer's ${formatCount(vocab)} tokens.` : 'Counts for each preset\'s default vocabulary; the tokenizer sets the real one.'} The token embedding is shared with the language-model head.</p>`;
  }

  #tokenizerList() {
    const tokenizers = this.tokenizers;
    if (tokenizers === null) return html`<p class="sub">Reading the stored tokenizers…</p>`;
    if (tokenizers.length === 0) return html`<p class="sub" data-testid="no-tokenizers">No tokenizer yet. Without one, the first training stage trains one with the vocabulary above.</p>`;
    return html`<ul data-testid="tokenizer-list" aria-label="Stored tokenizers">${tokenizers.map((entry) => {
      const chosen = entry.id === this.chosen;
      return html`<li class=${chosen ? 'chosen' : ''} data-testid="tokenizer-item" data-id=${entry.id}>
        <div><div class="name">${entry.name}</div><div class="sub">${formatCount(entry.vocabSize)} tokens · ${formatBytes(entry.byteSize)} · saved ${new Date(entry.savedAt).toLocaleString('en')}</div></div>
        <div class="actions">
          ${chosen ? html`<span class="in-use" aria-current="true">New models use it</span>` : html`<button data-testid="tokenizer-use" @click=${() => this.#choose(entry.id)}>Use</button>`}
          ${this.confirming === entry.id
            ? html`<button class="danger" data-testid="tokenizer-delete-confirm" @click=${() => void this.#deleteTokenizer(entry.id)}>Delete for good</button><button @click=${() => (this.confirming = null)}>Keep</button>`
            : html`<button class="danger" data-testid="tokenizer-delete" aria-label="Delete ${entry.name}" @click=${() => (this.confirming = entry.id)}>Delete</button>`}
        </div>
      </li>`;
    })}</ul>`;
  }

  override render() {
    const { stage, state } = this;
    if (!stage || !state) return nothing;
    const ready = state.engineReady && state.dataset !== null;
    const reason = !state.engineReady ? 'Waiting for the engine…' : state.dataset ? '' : 'Choose or make a dataset on the Data stage first.';
    const chosen = this.presets?.find((preset) => preset.name === state.values['model.preset']) ?? this.presets?.find((preset) => preset.name === 'small');
    return html`<lab-stage-header .stage=${stage} .position=${STAGE_IDS.indexOf(stage.id) + 1}></lab-stage-header>
      ${this.problem ? html`<p class="error" role="alert">${this.problem.name}: ${this.problem.message}</p>` : nothing}
      <section class="card" aria-labelledby="model-title">
        <h3 id="model-title">Model${chosen ? html` <span class="muted" data-testid="model-size">(${describeParameters(chosen.parameters.total)})</span>` : nothing}</h3>
        <lab-settings-form .specs=${stage.settings} .values=${state.values}
          @setting-change=${(e: CustomEvent<SettingChange>) => state.setValue(e.detail.key, e.detail.value)}></lab-settings-form>
        ${this.#presetTable()}
      </section>
      <section class="card" aria-labelledby="tokenizer-title">
        <h3 id="tokenizer-title">Tokenizer</h3>
        <p class="sub">Byte-level BPE learned from the distinct queries and item texts of the train, validation and pool splits${state.dataset ? ` of “${state.dataset.info.name}”` : ''} (never the test splits).</p>
        <lab-job-controls .runner=${this.tokenizerJob} .runLabel=${'Train tokenizer'} ?disabled=${!ready} .disabledReason=${reason}
          @run=${() => void this.#trainTokenizer()}></lab-job-controls>
        ${this.#tokenizerList()}
      </section>
      <section class="card">
        <lab-checkpoint-panel .lab=${this.lab}></lab-checkpoint-panel>
      </section>`;
  }
}

customElements.define('lab-model-screen', ModelScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lab-model-screen': ModelScreen;
  }
}
