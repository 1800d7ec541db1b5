// The screen of a training stage (Pretrain, Probe, Fine-tune): where it starts from, its settings,
// Run / Pause / Cancel, the live loss curve and tokens/s, what it measured, resuming a stage that
// stopped (a reload, a cancel), and the stored checkpoints.
import { css, html, LitElement, nothing } from 'lit';
import type { ModelCheckpointSummary } from '../../engine/model-types';
import { formatCount, formatSeconds } from '../format';
import '../job/job-controls';
import type { Lab } from '../lab/lab';
import { StateController, type LabState } from '../lab/lab-state';
import '../settings/settings-form';
import type { SettingChange } from '../settings/settings-form';
import '../stage-header';
import { STAGE_IDS, type StageDefinition } from '../stage';
import { controls, screenElement } from '../theme';
import './checkpoint-panel';
import { chosenTokenizer } from './chosen-tokenizer';
import { describeParameters, STAGE_WORDS } from './describe';
import './loss-chart';
import { defaultStart, trainingRequest, type StartPoint } from './training-requests';
import type { TrainingSession } from '../lab/training-session';
import { WatchController } from '../watch-controller';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import type { TrainingStage } from '../../core/job/stages';

const LOSS_LABELS: Record<TrainingStage, string> = {
  pretrain: 'next-token loss (nats)',
  probe: 'classification loss',
  finetune: 'classification loss',
};

export class TrainingScreen extends LitElement {
  static override properties = {
    lab: { attribute: false },
    state: { attribute: false },
    stage: { attribute: false },
    checkpoints: { state: true },
    start: { state: true },
    refreshKey: { state: true },
  };

  declare lab: Lab | null;
  declare state: LabState | null;
  declare stage: StageDefinition | null;
  declare checkpoints: ModelCheckpointSummary[];
  /** Null until the person picks one: then the method's default is used. */
  declare start: StartPoint | null;
  declare refreshKey: number;
  readonly #follow = new StateController(this);
  readonly #training = new WatchController<TrainingSession>(this);

  static override styles = [
    screenElement,
    css`
      .start { display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.875rem; margin-bottom: 1rem; max-width: 40rem; }
      .start span { font-weight: 500; }
      .results { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem; margin: 0.75rem 0 0; }
      .results div { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.75rem; }
      .results dt { font-size: 0.8rem; color: var(--ink-muted); }
      .results dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
      .banner { display: flex; gap: 1rem; align-items: center; justify-content: space-between; flex-wrap: wrap; }
    `,
  ];

  constructor() {
    super();
    this.lab = null;
    this.state = null;
    this.stage = null;
    this.checkpoints = [];
    this.start = null;
    this.refreshKey = 0;
  }

  get #stageId(): TrainingStage {
    return this.stage!.id as TrainingStage;
  }

  /** This stage's training session, kept on the page's lab. */
  get #session(): TrainingSession | null {
    return this.#training.source;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
    if (changed.has('stage') && this.stage) this.start = null;
    this.#training.follow(this.lab && this.stage ? this.lab.training.of(this.#stageId) : null);
    if (changed.has('lab') || changed.has('state')) this.lab?.ensureDataset();
  }

  #listed(checkpoints: ModelCheckpointSummary[]): void {
    this.checkpoints = checkpoints;
    const session = this.#session;
    if (!session || session.runner.active) return;
    const shown = session.checkpointId && checkpoints.some((entry) => entry.id === session.checkpointId) ? session.checkpointId : (session.latest?.id ?? null);
    if (shown !== session.checkpointId || session.points.length === 0) void session.show(shown);
  }

  #startPoint(): StartPoint {
    const start = this.start ?? defaultStart(this.#stageId, this.checkpoints);
    if (start.kind === 'checkpoint' && !this.checkpoints.some((entry) => entry.id === start.id && entry.state === 'finished')) return { kind: 'new' };
    return start;
  }

  async #run(): Promise<void> {
    const { lab, state, stage } = this;
    const session = this.#session;
    const dataset = state?.dataset;
    if (!lab || !state || !stage || !session || !dataset) return;
    const stageId = this.#stageId;
    const start = this.#startPoint();
    const checkpointId = `${stageId}-${Date.now().toString(36)}`;
    const from = start.kind === 'new' ? String(state.values['model.preset'] ?? 'small') : start.id;
    const name = `${STAGE_WORDS[stageId]} from ${from} on ${dataset.info.name}`;
    const request = trainingRequest({
      stage: stageId,
      values: state.values,
      rows: SETTINGS_TABLE,
      datasetId: dataset.info.id,
      start,
      tokenizerId: chosenTokenizer(),
      checkpointId,
      name,
    });
    await session.run(checkpointId, [], (onProgress) => lab.handle.engine.trainModel(request, onProgress));
    this.refreshKey += 1;
  }

  async #resume(entry: ModelCheckpointSummary): Promise<void> {
    const lab = this.lab;
    const session = this.#session;
    if (!lab || !session) return;
    const record = await lab.handle.engine.trainingRun(entry.id);
    const history = (record?.history ?? []).filter((point) => point.step <= entry.step);
    await session.run(entry.id, history, (onProgress) => lab.handle.engine.resumeTraining(entry.id, { datasetId: record?.datasetId ?? this.state?.dataset?.info.id }, onProgress));
    this.refreshKey += 1;
  }

  #startChoice() {
    const start = this.#startPoint();
    const finished = this.checkpoints.filter((entry) => entry.state === 'finished');
    const preset = String(this.state?.values['model.preset'] ?? 'small');
    const value = start.kind === 'new' ? 'new' : start.id;
    const onChange = (event: Event) => {
      const chosen = (event.target as HTMLSelectElement).value;
      this.start = chosen === 'new' ? { kind: 'new' } : { kind: 'checkpoint', id: chosen };
    };
    return html`<label class="start">
      <span>Start from</span>
      <select data-testid="training-start" ?disabled=${this.#session?.runner.active} @change=${onChange}>
        <option value="new" ?selected=${value === 'new'}>A new ${preset} model (Model stage settings${chosenTokenizer() ? '' : '; a tokenizer is trained first'})</option>
        ${finished.map((entry) => html`<option value=${entry.id} ?selected=${value === entry.id}>${entry.name} (${entry.stage ? STAGE_WORDS[entry.stage] : 'weights'}, ${describeParameters(entry.parameters.total)})</option>`)}
      </select>
    </label>`;
  }

  #blocker(): string {
    const state = this.state!;
    if (!state.engineReady) return 'Waiting for the engine…';
    if (!state.dataset) return 'Choose or make a dataset on the Data stage first.';
    if (this.#stageId === 'pretrain' && state.values['pretrain.enabled'] === false) return 'Pretraining is switched off in the settings above.';
    const active = this.lab?.training.activeStage() ?? null;
    if (active && active !== this.#stageId) return `The ${active} stage is training; one job runs at a time.`;
    return '';
  }

  #results() {
    const outcome = this.#session?.outcome;
    if (!outcome) return nothing;
    return html`<dl class="results" data-testid="training-results">
      <div><dt>Steps</dt><dd>${formatCount(outcome.startStep)} → ${formatCount(outcome.totalSteps)}</dd></div>
      <div><dt>Final loss</dt><dd data-testid="result-loss">${outcome.finalLoss.toFixed(4)}</dd></div>
      <div><dt>Time (this run)</dt><dd>${formatSeconds(outcome.seconds)}</dd></div>
      <div><dt>Tokens per second</dt><dd>${formatCount(Math.round(outcome.tokensPerSecond))}</dd></div>
      ${outcome.heldOutLoss !== undefined
        ? html`<div><dt>Held-out LM loss (unigram baseline)</dt><dd data-testid="result-heldout">${outcome.heldOutLoss.toFixed(3)} (${outcome.unigramEntropy?.toFixed(3) ?? '?'}) nats/token</dd></div>`
        : nothing}
      ${outcome.validation
        ? html`<div><dt>Validation macro-F1 / accuracy (n=${formatCount(outcome.validation.count)})</dt><dd data-testid="result-val">${outcome.validation.macroF1.toFixed(3)} / ${outcome.validation.accuracy.toFixed(3)}</dd></div>`
        : nothing}
    </dl>`;
  }

  #resumeBanner() {
    const session = this.#session!;
    const latest = session.latest;
    if (session.runner.active || latest?.state !== 'unfinished') return nothing;
    if (latest.runStatus === 'failed') {
      return html`<p class="error" role="status" data-testid="failed-banner">The last ${STAGE_WORDS[this.#stageId]} run, “${latest.name}”, stopped at step ${formatCount(latest.step)} of ${formatCount(latest.totalSteps)}: ${latest.runError?.name}: ${latest.runError?.message} Its last good checkpoint is kept; change the settings and run the stage again.</p>`;
    }
    const blocked = this.#blocker();
    return html`<div class="notice banner" role="status" data-testid="resume-banner">
      <span>The last ${STAGE_WORDS[this.#stageId]} run, “${latest.name}”, stopped at step ${formatCount(latest.step)} of ${formatCount(latest.totalSteps)}. Its checkpoint is stored: it continues exactly where it stopped.</span>
      <button class="primary" data-testid="resume-run" ?disabled=${blocked !== ''} @click=${() => void this.#resume(latest)}>Resume</button>
    </div>`;
  }

  override render() {
    const { stage, state } = this;
    const session = this.#session;
    if (!stage || !state || !session) return nothing;
    const position = STAGE_IDS.indexOf(stage.id) + 1;
    const blocker = this.#blocker();
    return html`<lab-stage-header .stage=${stage} .position=${position}></lab-stage-header>
      <slot name="pipeline"></slot>
      ${this.#resumeBanner()}
      <section class="card" aria-labelledby="train-title">
        <h3 id="train-title">Train</h3>
        ${state.dataset ? html`<p class="muted">Dataset: ${state.dataset.info.name}</p>` : nothing}
        ${this.#startChoice()}
        <lab-settings-form .specs=${stage.settings} .values=${state.values} ?disabled=${session.runner.active}
          @setting-change=${(e: CustomEvent<SettingChange>) => state.setValue(e.detail.key, e.detail.value)}></lab-settings-form>
        <lab-job-controls .runner=${session.runner} .runLabel=${`Run ${stage.title}`} ?disabled=${blocker !== ''} .disabledReason=${blocker}
          @run=${() => void this.#run()}></lab-job-controls>
      </section>
      <section class="card" aria-labelledby="curve-title">
        <h3 id="curve-title">Loss and speed${session.checkpointId ? html` <span class="muted">(${session.checkpointId})</span>` : nothing}</h3>
        <lab-loss-chart .points=${session.points} .label=${LOSS_LABELS[this.#stageId]}></lab-loss-chart>
        ${this.#results()}
      </section>
      <section class="card">
        <lab-checkpoint-panel .lab=${this.lab} .stage=${this.#stageId} .refreshKey=${this.refreshKey} ?resumeDisabled=${blocker !== ''}
          @checkpoints-listed=${(e: CustomEvent<ModelCheckpointSummary[]>) => this.#listed(e.detail)}
          @checkpoint-resume=${(e: CustomEvent<ModelCheckpointSummary>) => void this.#resume(e.detail)}></lab-checkpoint-panel>
      </section>`;
  }
}

customElements.define('lab-training-screen', TrainingScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lab-training-screen': TrainingScreen;
  }
}
