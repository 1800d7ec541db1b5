// The Playground stage: pick a stored checkpoint, type a query and an item (title and "name: value"
// lines), and see the grade probabilities, the expected grade and how OOD the pair looks. The OOD
// detectors are fitted once per checkpoint and dataset in the engine worker; typing only scores.
// Below: the pair's attention maps (attention-map.ts) and a whole file scored and downloaded
// (score-file-panel.ts), both computed in the engine worker with the same checkpoint.
import { css, html, LitElement, nothing } from 'lit';
import type { PairAttention } from '../../engine/attention-types';
import type { ModelCheckpointSummary } from '../../engine/model-types';
import type { PlaygroundExample, PlaygroundPair, PlaygroundReference, PlaygroundReferenceOptions, PlaygroundScore } from '../../engine/playground-types';
import { JobRunner } from '../job/job-runner';
import '../job/job-controls';
import { asError } from '../errors';
import type { Lab } from '../lab/lab';
import { StateController, type LabState, type StageStatus } from '../lab/lab-state';
import '../settings/settings-form';
import type { SettingChange } from '../settings/settings-form';
import '../stage-header';
import { STAGE_IDS, type StageDefinition } from '../stage';
import { controls, screenElement, tokens } from '../theme';
import { STAGE_WORDS } from '../training/describe';
import { defaultPlaygroundCheckpoint, isInterpolated, scorableCheckpoints } from './default-checkpoint';
import './attention-map';
import './example-pairs';
import './grade-bars';
import { formatItemFields, parseItemFields } from './item-fields';
import { LatestRequest, type Answer } from './latest-request';
import './ood-scores';
import './score-file-panel';

interface ScoreInput {
  checkpointId: string;
  datasetId: string;
  options: PlaygroundReferenceOptions;
  pair: PlaygroundPair;
}

/** What the person typed and chose, kept while they visit other stages. */
const draft = { query: '', title: '', fields: '', checkpointId: null as string | null };

const keyOf = (value: unknown) => JSON.stringify(value);

function checkpointLabel(entry: ModelCheckpointSummary): string {
  const stage = entry.stage ? STAGE_WORDS[entry.stage] : isInterpolated(entry) ? 'Interpolated (WI)' : 'weights only';
  return `${entry.name} · ${stage}${entry.state === 'unfinished' ? ', unfinished' : ''}`;
}

export class PlaygroundScreen extends LitElement {
  static override properties = {
    lab: { attribute: false },
    state: { attribute: false },
    stage: { attribute: false },
    checkpoints: { state: true },
    listError: { state: true },
    examples: { state: true },
    result: { state: true },
    resultKey: { state: true },
    scoreError: { state: true },
    attention: { state: true },
    attentionKey: { state: true },
    attentionError: { state: true },
    attentionBusy: { state: true },
  };

  declare lab: Lab | null;
  declare state: LabState | null;
  declare stage: StageDefinition | null;
  declare checkpoints: ModelCheckpointSummary[] | null;
  declare listError: Error | null;
  declare examples: PlaygroundExample[] | null;
  declare result: PlaygroundScore | null;
  declare resultKey: string | null;
  declare scoreError: Error | null;
  declare attention: PairAttention | null;
  /** The pair (and checkpoint) the attention maps are of. */
  declare attentionKey: string | null;
  declare attentionError: Error | null;
  declare attentionBusy: boolean;
  readonly #follow = new StateController(this);
  readonly fit = new JobRunner<PlaygroundReference>(this, () => this.lab?.handle ?? null);
  /** The reference the last fit was started for. */
  #fitKey: string | null = null;
  #examplesFor: string | null = null;
  readonly #requests = new LatestRequest<ScoreInput, PlaygroundScore>(
    (input) => this.lab!.handle.engine.scorePlaygroundPair(input.checkpointId, input.datasetId, input.pair, input.options),
    (answer) => this.#answered(answer),
  );

  static override styles = [
    screenElement,
    css`
      h4 { margin: 1.25rem 0 0.5rem; font-size: 0.95rem; }
      label.field { display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.875rem; font-weight: 500; margin-bottom: 0.75rem; }
      label.field input, label.field select, label.field textarea { font-weight: 400; }
      textarea { resize: vertical; min-height: 4.5rem; font-family: inherit; }
      .hint { font-size: 0.8rem; color: var(--ink-muted); font-weight: 400; }
      .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.25rem; }
      .pair .query { grid-column: 1 / -1; }
      .results { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr); gap: 1.5rem; }
      .problems { margin: 0 0 0.75rem; padding-left: 1.1rem; font-size: 0.8rem; color: var(--warn-line); }
      details { margin-top: 0.75rem; }
      .row { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; margin-bottom: 0.6rem; }
      summary { cursor: pointer; font-size: 0.9rem; font-weight: 600; }
      @media (max-width: 900px) { .pair, .results { grid-template-columns: minmax(0, 1fr); } }
    `,
  ];

  constructor() {
    super();
    this.lab = null;
    this.state = null;
    this.stage = null;
    this.checkpoints = null;
    this.listError = null;
    this.examples = null;
    this.result = null;
    this.resultKey = null;
    this.scoreError = null;
    this.attention = null;
    this.attentionKey = null;
    this.attentionError = null;
    this.attentionBusy = false;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
    if (changed.has('lab') || changed.has('state')) this.lab?.ensureDataset();
    if (changed.has('lab') && this.lab) void this.#listCheckpoints();
    const datasetId = this.state?.dataset?.info.id ?? null;
    if (this.lab && datasetId && datasetId !== this.#examplesFor) void this.#loadExamples(datasetId);
  }

  protected override updated(): void {
    this.#maybeFit();
    this.state?.showStatus('playground', this.#status());
  }

  override disconnectedCallback(): void {
    this.#requests.cancel();
    void this.lab?.handle.engine.releasePlayground().catch(() => undefined);
    super.disconnectedCallback();
  }

  async #listCheckpoints(): Promise<void> {
    try {
      this.checkpoints = await this.lab!.handle.engine.listModelCheckpoints();
      this.listError = null;
    } catch (error) {
      this.listError = asError(error);
    }
  }

  async #loadExamples(datasetId: string): Promise<void> {
    this.#examplesFor = datasetId;
    this.examples = null;
    try {
      const examples = await this.lab!.handle.engine.playgroundExamples(datasetId, { perSplit: 3 });
      if (this.#examplesFor === datasetId) this.examples = examples;
    } catch {
      if (this.#examplesFor === datasetId) this.examples = [];
    }
  }

  get #checkpointId(): string | null {
    const list = scorableCheckpoints(this.checkpoints ?? []);
    if (draft.checkpointId && list.some((entry) => entry.id === draft.checkpointId)) return draft.checkpointId;
    return defaultPlaygroundCheckpoint(list);
  }

  get #options(): PlaygroundReferenceOptions {
    const values = this.state?.values ?? {};
    const setting = (key: string, fallback: number) => (typeof values[key] === 'number' ? (values[key] as number) : fallback);
    return {
      trainRows: setting('playground.trainRows', 1000),
      valRows: setting('playground.valRows', 500),
      k: setting('dasa.k', 50),
      keep: setting('dasa.keep', 0.95),
    };
  }

  /** The reference to fit for the chosen checkpoint, dataset and settings; null when one is missing. */
  get #reference(): { key: string; checkpointId: string; datasetId: string; options: PlaygroundReferenceOptions } | null {
    const checkpointId = this.#checkpointId;
    const datasetId = this.state?.dataset?.info.id;
    if (!checkpointId || !datasetId || !this.state?.engineReady) return null;
    const options = this.#options;
    return { key: keyOf([checkpointId, datasetId, options]), checkpointId, datasetId, options };
  }

  get #input(): ScoreInput | null {
    const reference = this.#reference;
    if (!reference || draft.query.trim() === '' || draft.title.trim() === '') return null;
    const item = { title: draft.title.trim(), fields: parseItemFields(draft.fields).fields };
    return { checkpointId: reference.checkpointId, datasetId: reference.datasetId, options: reference.options, pair: { query: draft.query.trim(), item } };
  }

  #fitted(): boolean {
    return this.fit.state === 'done' && this.#fitKey === this.#reference?.key;
  }

  #maybeFit(force = false): void {
    const reference = this.#reference;
    if (!reference || this.fit.active || (!force && reference.key === this.#fitKey)) return;
    this.#fitKey = reference.key;
    this.result = null;
    this.resultKey = null;
    this.scoreError = null;
    void this.fit.run((onProgress) => this.lab!.handle.engine.preparePlayground(reference.checkpointId, reference.datasetId, reference.options, onProgress)).then((done) => {
      if (done) this.#score(true);
    });
  }

  /** Sends the current pair: at once (a click, a finished fit) or after typing pauses. */
  #score(immediately: boolean): void {
    const input = this.#input;
    if (!input || !this.#fitted()) return;
    if (keyOf(input) === this.resultKey && !this.scoreError) return;
    if (immediately) this.#requests.now(input);
    else this.#requests.request(input);
  }

  #answered(answer: Answer<ScoreInput, PlaygroundScore>): void {
    if (answer.ok) {
      this.result = answer.value;
      this.resultKey = keyOf(answer.input);
      this.scoreError = null;
    } else {
      this.scoreError = answer.error;
    }
  }

  #edit(part: 'query' | 'title' | 'fields', value: string): void {
    draft[part] = value;
    this.requestUpdate();
    this.#score(false);
  }

  #pickExample(example: PlaygroundExample): void {
    draft.query = example.query;
    draft.title = example.item.title;
    draft.fields = formatItemFields(example.item.fields);
    this.requestUpdate();
    this.#score(true);
  }

  #chooseCheckpoint(id: string): void {
    draft.checkpointId = id;
    this.requestUpdate();
  }

  #status(): StageStatus {
    if (this.fit.active) return { state: 'running', summary: 'Fitting the OOD detectors…' };
    if (this.fit.state === 'failed') return { state: 'failed', summary: this.fit.error?.name ?? 'Failed' };
    const result = this.result;
    if (result) {
      const label = this.state?.dataset?.info.labelNames[result.grade] ?? '';
      return { state: 'done', summary: `Last pair: ${result.grade} ${label}, ${(100 * result.probs[result.grade]).toFixed(0)}%` };
    }
    return { state: 'not-run', summary: '' };
  }

  #modelSection() {
    const state = this.state!;
    const dataset = state.dataset;
    const list = scorableCheckpoints(this.checkpoints ?? []);
    const chosenId = this.#checkpointId;
    const chosen = list.find((entry) => entry.id === chosenId) ?? null;
    return html`<section class="card" aria-labelledby="playground-model-title">
      <h3 id="playground-model-title">Model and reference data</h3>
      ${this.listError ? html`<p class="error" role="alert">${this.listError.name}: ${this.listError.message}</p>` : nothing}
      ${this.checkpoints === null
        ? html`<p class="muted">Reading the stored checkpoints…</p>`
        : list.length === 0
          ? html`<p class="notice" data-testid="playground-no-checkpoint">No trained checkpoint is stored yet: run Probe (LP) or Fine-tune (FT) first, or import a checkpoint file on the Model stage.</p>`
          : html`<label class="field">Checkpoint
              <select data-testid="playground-checkpoint" @change=${(event: Event) => this.#chooseCheckpoint((event.target as HTMLSelectElement).value)}>
                ${list.map((entry) => html`<option value=${entry.id} ?selected=${entry.id === chosenId}>${checkpointLabel(entry)}</option>`)}
              </select>
              <span class="hint">Default: the newest finished fine-tuned or interpolated model, else the newest probe.</span>
            </label>`}
      ${chosen?.stage === 'pretrain'
        ? html`<p class="notice" role="note">This checkpoint was only pretrained: its classifier head was never trained, so its probabilities are noise. Its features still feed the OOD detectors.</p>`
        : nothing}
      ${dataset
        ? html`<p class="muted">OOD reference: the ID train and val splits of <strong>${dataset.info.name}</strong> (the dataset chosen on the Data stage).
            ${chosen?.datasetId && chosen.datasetId !== dataset.info.id ? html`The checkpoint was trained on ${chosen.datasetName ?? chosen.datasetId}.` : nothing}</p>`
        : html`<p class="notice" data-testid="playground-no-dataset">Choose or generate a dataset on the Data stage: the OOD detectors are fitted on its ID train split.</p>`}
      <lab-job-controls .runner=${this.fit} .runLabel=${'Fit the OOD detectors again'} ?disabled=${this.#reference === null}
        .disabledReason=${state.engineReady ? '' : 'Waiting for the engine…'} @run=${() => this.#maybeFit(true)}></lab-job-controls>
      <details>
        <summary>Reference settings</summary>
        <lab-settings-form .specs=${this.stage?.settings ?? []} .values=${state.values} ?disabled=${this.fit.active}
          @setting-change=${(e: CustomEvent<SettingChange>) => state.setValue(e.detail.key, e.detail.value)}></lab-settings-form>
        <p class="hint">kNN's k and the threshold (the share of ID val kept) are the DASA stage's settings, so the playground judges a pair as DASA would.</p>
      </details>
    </section>`;
  }

  #pairSection() {
    const parsed = parseItemFields(draft.fields);
    return html`<section class="card" aria-labelledby="playground-pair-title">
      <h3 id="playground-pair-title">Query and item</h3>
      <div class="pair">
        <label class="field query">Query
          <input data-testid="playground-query" .value=${draft.query} placeholder="e.g. term life cover for a 40 year old" autocomplete="off"
            @input=${(event: Event) => this.#edit('query', (event.target as HTMLInputElement).value)} />
        </label>
        <label class="field">Item title
          <input data-testid="playground-title" .value=${draft.title} placeholder="e.g. Acme Term Life 20" autocomplete="off"
            @input=${(event: Event) => this.#edit('title', (event.target as HTMLInputElement).value)} />
        </label>
        <label class="field">Item fields <span class="hint">One "name: value" per line, optional</span>
          <textarea data-testid="playground-fields" .value=${draft.fields} placeholder=${'category: term life\nbrand: Acme\nages: 18-65'}
            @input=${(event: Event) => this.#edit('fields', (event.target as HTMLTextAreaElement).value)}></textarea>
        </label>
      </div>
      ${parsed.problems.length > 0 ? html`<ul class="problems" data-testid="playground-fields-problems">${parsed.problems.map((problem) => html`<li>${problem}</li>`)}</ul>` : nothing}
      <h4>Try a pair from the dataset</h4>
      <lab-example-pairs .examples=${this.examples} .labelNames=${this.state?.dataset?.info.labelNames ?? ['irrelevant', 'weak', 'strong']}
        @example-pick=${(event: CustomEvent<PlaygroundExample>) => this.#pickExample(event.detail)}></lab-example-pairs>
    </section>`;
  }

  #resultSection() {
    const result = this.result;
    const input = this.#input;
    const stale = result !== null && (input === null || keyOf(input) !== this.resultKey);
    const waiting = input === null
      ? 'Type a query and an item title to score the pair.'
      : !this.#fitted()
        ? 'The pair is scored once the OOD detectors are fitted.'
        : result === null && !this.scoreError
          ? 'Scoring…'
          : null;
    return html`<section class="card" aria-labelledby="playground-result-title" data-testid="playground-result" aria-busy=${stale ? 'true' : 'false'}>
      <h3 id="playground-result-title">Scores</h3>
      ${this.scoreError ? html`<p class="error" role="alert" data-testid="playground-error">${this.scoreError.name}: ${this.scoreError.message}</p>` : nothing}
      ${waiting ? html`<p class="muted" data-testid="playground-waiting">${waiting}</p>` : nothing}
      ${result
        ? html`<div class="results">
            <div><h4>Grade probabilities</h4>
              <lab-grade-bars .probs=${result.probs} .expectedGrade=${result.expectedGrade} .labelNames=${this.state?.dataset?.info.labelNames ?? ['irrelevant', 'weak', 'strong']} ?stale=${stale}></lab-grade-bars>
              ${result.promptTokens > result.contextLength
                ? html`<p class="notice" role="note">The prompt is ${result.promptTokens} tokens; the model reads ${result.contextLength}, so the rest is cut (the [CLS] token is kept).</p>`
                : html`<p class="hint">The prompt is ${result.promptTokens} tokens of the ${result.contextLength} the model reads.</p>`}
            </div>
            <div><h4>How out-of-distribution the pair looks</h4>
              <lab-ood-scores .scores=${result.ood} .reference=${result.reference} ?stale=${stale}></lab-ood-scores>
            </div>
          </div>`
        : nothing}
    </section>`;
  }

  async #showAttention(): Promise<void> {
    const input = this.#input;
    if (!input || this.attentionBusy) return;
    this.attentionBusy = true;
    this.attentionError = null;
    try {
      this.attention = await this.lab!.handle.engine.pairAttention(input.checkpointId, input.pair);
      this.attentionKey = keyOf([input.checkpointId, input.pair]);
    } catch (error) {
      this.attentionError = asError(error);
    } finally {
      this.attentionBusy = false;
    }
  }

  #attentionSection() {
    const input = this.#input;
    const stale = this.attention !== null && (input === null || keyOf([input.checkpointId, input.pair]) !== this.attentionKey);
    const blocked = input === null ? 'Type a query and an item title first.' : this.fit.active ? 'Waiting for the OOD detectors to be fitted…' : '';
    return html`<section class="card" aria-labelledby="playground-attention-title">
      <h3 id="playground-attention-title">Inside the model: attention</h3>
      <p class="hint">For each layer and head, how much each token of the prompt reads each earlier token (one forward pass in the engine worker).</p>
      <div class="row">
        <button data-testid="attention-run" ?disabled=${blocked !== '' || this.attentionBusy} @click=${() => void this.#showAttention()}>${this.attention ? 'Show the attention of this pair again' : 'Show the attention of this pair'}</button>
        ${blocked ? html`<span class="hint">${blocked}</span>` : stale ? html`<span class="hint">The maps below are of an earlier pair.</span>` : nothing}
      </div>
      ${this.attentionError ? html`<p class="error" role="alert" data-testid="attention-error">${this.attentionError.name}: ${this.attentionError.message}</p>` : nothing}
      <lab-attention-map .attention=${this.attention} ?stale=${stale}></lab-attention-map>
    </section>`;
  }

  #fileSection() {
    const state = this.state!;
    const reference = this.#reference;
    const blocked = !state.engineReady
      ? 'Waiting for the engine…'
      : reference === null
        ? 'Choose a checkpoint, and a dataset on the Data stage (the OOD detectors are fitted on it).'
        : this.fit.active
          ? 'Waiting for the OOD detectors to be fitted…'
          : '';
    return html`<section class="card" aria-labelledby="playground-file-title">
      <h3 id="playground-file-title">Score a file</h3>
      <lab-score-file .handle=${this.lab?.handle ?? null} .checkpointId=${reference?.checkpointId ?? null} .datasetId=${reference?.datasetId ?? null} .reference=${this.#options}
        .labelNames=${state.dataset?.info.labelNames ?? ['irrelevant', 'weak', 'strong']} .blocked=${blocked}></lab-score-file>
    </section>`;
  }

  override render() {
    const { state, stage } = this;
    if (!state || !stage) return nothing;
    return html`<lab-stage-header .stage=${stage} .position=${STAGE_IDS.indexOf(stage.id) + 1}></lab-stage-header>
      ${this.#modelSection()}
      ${this.#pairSection()}
      ${this.#resultSection()}
      ${this.#attentionSection()}
      ${this.#fileSection()}`;
  }
}

customElements.define('lab-playground-screen', PlaygroundScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lab-playground-screen': PlaygroundScreen;
  }
}
