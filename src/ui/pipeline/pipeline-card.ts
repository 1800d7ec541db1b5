// <lab-pipeline-card>: one stage of the DaRL pipeline run: whether it is stored for the current
// settings, the settings the engine resolved, and Run / Pause / Cancel. On the training screens
// (Pretrain, Probe, Fine-tune) it sits above the hand training, which makes a separate checkpoint;
// DASA, Interpolate and Evaluate build on the pipeline's stages. With `definition` it also shows
// that stage's settings form (the Interpolate and Evaluate screens).
import { css, html, nothing } from 'lit';
import { PipelineElement } from './pipeline-element';
import type { PipelineStage } from '../../engine/pipeline-types';
import '../job/job-controls';
import '../settings/settings-form';
import type { SettingChange } from '../settings/settings-form';
import type { StageDefinition } from '../stage';
import { controls, screenCard } from '../theme';
import { describeStageSettings } from './describe-settings';
import { PIPELINE_CANCELLED_NOTE, pipelineBlocker } from '../lab/pipeline-blocker';
import './stage-status';

const TITLES: Partial<Record<PipelineStage, string>> = { pretrain: 'Pretrain', probe: 'Probe', finetune: 'Fine-tune', interpolate: 'Interpolate', evaluate: 'Evaluate' };

export class PipelineCard extends PipelineElement {
  static override properties = { stage: { attribute: false }, definition: { attribute: false } };
  declare stage: PipelineStage;
  /** The page stage whose settings the card shows; null when the screen shows them itself. */
  declare definition: StageDefinition | null;

  static override styles = [
    screenCard,
    css`
      p { margin: 0.35rem 0; font-size: 0.9rem; }
      .card { border-left: 4px solid var(--accent); }
    `,
  ];

  constructor() {
    super();
    this.stage = 'pretrain';
    this.definition = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('lab') || changed.has('state')) this.page.ensureDataset();
  }

  #trainingData() {
    const results = this.session.results;
    if (this.stage !== 'finetune' || !results) return nothing;
    const annotation = results.dasa?.annotation;
    if (!annotation) return html`<p class="muted" data-testid="pipeline-finetune-data">The annotated DASA samples join once DASA has run and its selection is graded (DASA stage).</p>`;
    const { record } = annotation;
    return html`<p data-testid="pipeline-finetune-data">Training data: ID train plus <strong>${record.finetuneIds.length}</strong> DASA samples graded by the ${record.annotator === 'manual' ? 'person' : record.annotator} (${record.holdoutIds.length} held out to choose alpha).</p>`;
  }

  override render() {
    const session = this.session;
    const blocker = pipelineBlocker(this.page);
    const settings = session.results?.status.settings;
    const title = TITLES[this.stage] ?? this.stage;
    const definition = this.definition;
    const state = this.state;
    return html`<section class="card" aria-labelledby="pipeline-title">
      <h3 id="pipeline-title">${definition ? 'Run' : 'In the DaRL pipeline run'}</h3>
      ${definition && state
        ? html`${state.dataset ? html`<p class="muted">Dataset: ${state.dataset.info.name}</p>` : nothing}
            <lab-settings-form .specs=${definition.settings} .values=${state.values} ?disabled=${session.runner.active}
              @setting-change=${(e: CustomEvent<SettingChange>) => state.setValue(e.detail.key, e.detail.value)}></lab-settings-form>`
        : nothing}
      <lab-pipeline-stage-status .session=${this.session} .stages=${[this.stage]}></lab-pipeline-stage-status>
      ${settings ? html`<p class="muted" data-testid="pipeline-effective">Runs with: ${describeStageSettings(this.stage, settings)}.</p>` : nothing}
      ${this.#trainingData()}
      <p class="muted">${definition
        ? 'The stages before it that are not stored for these settings run first.'
        : 'Stages before it that are not stored for these settings run first. The training section below makes a separate checkpoint by hand; the DASA, Interpolate and Evaluate stages build on the pipeline run.'}</p>
      <lab-job-controls .runner=${session.runner} .runLabel=${`Run ${title} in the pipeline`} ?disabled=${blocker !== ''} .disabledReason=${blocker}
        .cancelledNote=${PIPELINE_CANCELLED_NOTE} .testIds=${'pipeline-job'} quietErrors @run=${() => void session.run(this.stage)}></lab-job-controls>
    </section>`;
  }
}

customElements.define('lab-pipeline-card', PipelineCard);

declare global {
  interface HTMLElementTagNameMap {
    'lab-pipeline-card': PipelineCard;
  }
}
