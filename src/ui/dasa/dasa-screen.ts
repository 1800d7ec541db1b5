// The DASA stage's screen: settings and Run / Pause / Cancel of the pipeline's DASA stage (the stages
// before it run first when they are not stored), then what it selected: the OOD score histograms with
// the threshold, the PCA picture, the selected samples with their scores, and the annotation: the
// oracle's grades, or a person grading from the keyboard, whose grades become the annotate stage's
// and so the fine-tuning data.
import { css, html, nothing } from 'lit';
import { PipelineElement } from '../pipeline/pipeline-element';
import type { Grade } from '../../core/data/schema';
import type { DasaPoints, PipelineDasaView, PoolSampleText } from '../../engine/pipeline-types';
import { formatCount, formatSeconds } from '../format';
import '../job/job-controls';
import { describeStageSettings } from '../pipeline/describe-settings';
import { PIPELINE_CANCELLED_NOTE, pipelineBlocker } from '../lab/pipeline-blocker';
import '../pipeline/stage-status';
import '../settings/settings-form';
import type { SettingChange } from '../settings/settings-form';
import '../stage-header';
import { STAGE_IDS, type StageDefinition } from '../stage';
import { controls, screenElement } from '../theme';
import './index';
import type { AnnotationDetail } from './annotation-view';
import type { DetectorScoreSets, ThresholdDetail } from './ood-histogram';

/** What the views draw, made once per stored DASA selection so they keep their state (threshold, cursor). */
interface Pictures {
  key: string;
  scores: Record<string, DetectorScoreSets>;
  thresholds: Record<string, number>;
  samples: PoolSampleText[];
  byId: Map<string, PoolSampleText>;
}

function pictures(view: PipelineDasaView): Pictures {
  const { selection, valScores } = view.record;
  const detectors = Object.keys(valScores);
  return {
    key: view.stage.key,
    scores: Object.fromEntries(detectors.map((name) => [name, { val: valScores[name], pool: selection.perSample.map((sample) => sample.scores[name]) }])),
    thresholds: selection.thresholds?.perDetector ?? {},
    samples: view.samples,
    byId: new Map(view.samples.map((sample) => [sample.id, sample])),
  };
}

export class DasaScreen extends PipelineElement {
  static override properties = {
    stage: { attribute: false },
    threshold: { state: true },
    points: { state: true },
  };

  declare stage: StageDefinition | null;
  /** The threshold the person moved the histogram's line to, if any. */
  declare threshold: ThresholdDetail | null;
  /** Text, grade and tags of the picture's points (pipelineDasaPoints), for hover and colouring. */
  declare points: DasaPoints | null;
  /** The DASA and annotate stages the points were read for. */
  #pointsKey: string | null = null;
  #pictures: Pictures | null = null;
  /** The annotation view's samples: a new array only for a new selection or another annotator. */
  #annotating: { key: string; samples: PoolSampleText[]; initial: Map<string, Grade> } | null = null;

  static override styles = [
    screenElement,
    css`
      p { font-size: 0.9rem; }
      .row { display: flex; gap: 0.75rem; align-items: center; flex-wrap: wrap; margin-top: 0.6rem; }
      .grades { display: flex; gap: 1rem; flex-wrap: wrap; margin: 0.5rem 0; padding: 0; list-style: none; font-size: 0.9rem; }
      .grades strong { font-variant-numeric: tabular-nums; }
      kbd { font: inherit; font-size: 0.75rem; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 0.3rem; background: var(--surface); }
    `,
  ];

  constructor() {
    super();
    this.stage = null;
    this.threshold = null;
    this.points = null;
  }

  /** Reads the points' details once per stored DASA picture and annotation (they colour and label the picture). */
  #loadPoints(view: PipelineDasaView): void {
    const key = `${view.stage.key}/${view.annotation?.stage.key ?? ''}`;
    const request = this.session.request();
    if (!view.projection || !request || key === this.#pointsKey) return;
    this.#pointsKey = key;
    this.points = null;
    void this.page.handle.engine.pipelineDasaPoints(request).then(
      (points) => void (this.#pointsKey === key && (this.points = points)),
      () => undefined, // the picture still shows, coloured by split
    );
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('lab') || changed.has('state')) this.page.ensureDataset();
  }

  protected override updated(): void {
    const view = this.#view();
    if (view) this.#loadPoints(view);
  }

  get #person(): boolean {
    return this.state?.values['dasa.annotator'] === 'person';
  }

  #view(): PipelineDasaView | null {
    return this.session.results?.dasa ?? null;
  }

  #picturesOf(view: PipelineDasaView): Pictures {
    if (this.#pictures?.key !== view.stage.key) {
      this.#pictures = pictures(view);
      this.threshold = null;
    }
    return this.#pictures;
  }

  #run(): void {
    // The oracle grades at once; a person grades after the selection is shown.
    void this.session.run(this.#person ? 'dasa' : 'annotate');
  }

  /** The histogram's line, as the threshold quantile of the next run. */
  #useThreshold(detail: ThresholdDetail): void {
    const kept = detail.idValTotal > 0 ? detail.idValKept / detail.idValTotal : 0.95;
    const value = Math.min(0.999, Math.max(0.5, Math.round(kept * 1000) / 1000));
    this.state?.setValue('dasa.keep', value);
  }

  #runCard() {
    const state = this.state!;
    const stage = this.stage!;
    const session = this.session;
    const blocker = pipelineBlocker(this.page);
    const settings = session.results?.status.settings;
    return html`<section class="card" aria-labelledby="dasa-run-title">
      <h3 id="dasa-run-title">Select</h3>
      ${state.dataset ? html`<p class="muted">Dataset: ${state.dataset.info.name}</p>` : nothing}
      <lab-settings-form .specs=${stage.settings} .values=${state.values} ?disabled=${session.runner.active}
        @setting-change=${(e: CustomEvent<SettingChange>) => state.setValue(e.detail.key, e.detail.value)}></lab-settings-form>
      ${settings ? html`<p class="muted" data-testid="pipeline-effective">Runs with: ${describeStageSettings('dasa', settings)}. The model is the pipeline's probe (Pretrain and Probe run first when they are not stored).</p>` : nothing}
      <lab-pipeline-stage-status .session=${this.session} .stages=${['dasa', 'annotate']}></lab-pipeline-stage-status>
      <lab-job-controls .runner=${session.runner} .runLabel=${this.#person ? 'Run DASA' : 'Run DASA and grade with the oracle'} ?disabled=${blocker !== ''}
        .disabledReason=${blocker} .cancelledNote=${PIPELINE_CANCELLED_NOTE} .testIds=${'pipeline-job'} quietErrors @run=${() => this.#run()}></lab-job-controls>
    </section>`;
  }

  #scoresCard(view: PipelineDasaView, shown: Pictures) {
    const moved = this.threshold;
    return html`<section class="card" aria-labelledby="dasa-scores-title">
      <h3 id="dasa-scores-title">OOD scores: ID validation against the pool</h3>
      <lab-ood-histogram data-testid="dasa-histogram" .scores=${shown.scores} .thresholds=${shown.thresholds}
        @threshold-change=${(e: CustomEvent<ThresholdDetail>) => (this.threshold = e.detail)}></lab-ood-histogram>
      <div class="row">
        <span class="muted">Thresholds of this run: the ${view.record.selection.thresholds?.quantile ?? '?'} quantile of ${formatCount(view.record.rows.val)} ID validation scores. Drag the line to explore; the selection changes when DASA runs again.</span>
        ${moved
          ? html`<button data-testid="use-threshold" @click=${() => this.#useThreshold(moved)}>Use ${moved.detector}'s line for the next run (keep ${((100 * moved.idValKept) / Math.max(1, moved.idValTotal)).toFixed(1)}% of ID val)</button>`
          : nothing}
      </div>
    </section>`;
  }

  #pictureCard(view: PipelineDasaView) {
    const projection = view.projection;
    return html`<section class="card" aria-labelledby="dasa-pca-title">
      <h3 id="dasa-pca-title">Features on their top two principal components</h3>
      ${projection
        ? html`<lab-projection-scatter data-testid="dasa-scatter" .idPoints=${projection.idPoints} .poolPoints=${projection.poolPoints} .poolIds=${projection.poolIds}
            .selected=${view.record.selection.selected} .explainedRatio=${projection.explainedRatio} .idLabel=${'ID train'}
            .points=${this.points} .labelNames=${this.state?.dataset?.info.labelNames ?? ['irrelevant', 'weak', 'strong']}></lab-projection-scatter>`
        : html`<p class="muted" data-testid="dasa-no-projection">The picture is made when the lab computes DASA; this selection was stored without it (computed elsewhere). Change a DASA setting and run it again to see it.</p>`}
    </section>`;
  }

  #gradeCounts(grades: Record<string, Grade>) {
    const counts = [0, 0, 0];
    for (const grade of Object.values(grades)) counts[grade] += 1;
    const names = this.state?.dataset?.info.labelNames ?? ['irrelevant', 'weak', 'strong'];
    return html`<ul class="grades" data-testid="annotation-grade-counts">${counts.map((count, grade) => html`<li>${grade} ${names[grade]}: <strong>${count}</strong></li>`)}</ul>`;
  }

  #annotationCard(view: PipelineDasaView, shown: Pictures) {
    const session = this.session;
    const person = this.#person;
    const datasetId = session.results?.status.datasetId ?? '';
    const poolHasGold = session.results?.status.poolHasGold ?? false;
    const annotation = view.annotation;
    const mode = person ? 'person' : 'oracle';
    const key = `${shown.key}/${mode}`;
    if (this.#annotating?.key !== key) {
      const initial = person ? session.grades() : new Map(Object.entries(annotation?.record.annotator === 'oracle' ? annotation.record.grades : {}) as [string, Grade][]);
      this.#annotating = { key, samples: [...shown.samples], initial };
    }
    const reveal = !person && poolHasGold ? (id: string) => this.page.handle.engine.revealPoolGrade(datasetId, id) : null;
    const grades = session.grades();
    const complete = shown.samples.length > 0 && shown.samples.every((sample) => grades.has(sample.id));
    const blocker = pipelineBlocker(this.page);
    return html`<section class="card" aria-labelledby="dasa-annotate-title">
      <h3 id="dasa-annotate-title">Annotate the selection</h3>
      ${person
        ? html`<p>Grade each selected sample from the keyboard (focus the box, then <kbd>0</kbd> <kbd>1</kbd> <kbd>2</kbd>). Your grades become the annotate stage's, so they are what fine-tuning learns from these samples.</p>`
        : html`<p>The oracle gives the hidden gold grades${poolHasGold ? '' : ', and this dataset has none: choose Annotator "A person" above'}. Browse the selection and press <kbd>r</kbd> to reveal a sample's grade; to grade them yourself, choose Annotator "A person" above.</p>`}
      <lab-annotation-view .samples=${this.#annotating.samples} .initialGrades=${this.#annotating.initial} .reveal=${reveal} .gradedBy=${person ? 'person' : 'oracle'}
        .labelNames=${this.state?.dataset?.info.labelNames ?? ['irrelevant', 'weak', 'strong']}
        @annotation-change=${(e: CustomEvent<AnnotationDetail>) => person && session.setGrades(e.detail.grades)}></lab-annotation-view>
      ${person
        ? html`<div class="row">
            <button class="primary" data-testid="use-grades" ?disabled=${!complete || blocker !== '' || session.runner.active} @click=${() => void session.run('annotate')}>Use my grades</button>
            <span class="muted" data-testid="use-grades-note">${complete ? 'Stores them as the annotate stage; Fine-tune then trains on them.' : `${grades.size} of ${shown.samples.length} graded; grade them all to use them.`}</span>
          </div>`
        : nothing}
      ${annotation
        ? html`<p data-testid="annotation-stored">Annotate stage (${annotation.record.annotator === 'manual' ? 'your grades' : `the ${annotation.record.annotator}`}): <strong>${annotation.record.finetuneIds.length}</strong> samples go to fine-tuning, <strong>${annotation.record.holdoutIds.length}</strong> are held out to choose alpha. Stored ${new Date(annotation.stage.finishedAt).toLocaleString()} (${formatSeconds(annotation.stage.seconds)}).</p>
            ${this.#gradeCounts(annotation.record.grades)}`
        : html`<p class="muted" data-testid="annotation-missing">${person ? 'Your grades are not stored as the annotate stage yet.' : 'Not graded yet: run DASA with the oracle.'}</p>`}
    </section>`;
  }

  override render() {
    const { stage, state } = this;
    if (!stage || !state) return nothing;
    const view = this.#view();
    const shown = view ? this.#picturesOf(view) : null;
    return html`<lab-stage-header .stage=${stage} .position=${STAGE_IDS.indexOf(stage.id) + 1}></lab-stage-header>
      ${this.#runCard()}
      ${view && shown
        ? html`${this.#scoresCard(view, shown)}${this.#pictureCard(view)}
            <section class="card" aria-labelledby="dasa-selected-title">
              <h3 id="dasa-selected-title">Selected samples</h3>
              <lab-selected-samples data-testid="dasa-selected" .result=${view.record.selection} .samples=${shown.byId}></lab-selected-samples>
            </section>
            ${this.#annotationCard(view, shown)}`
        : html`<section class="card"><h3>Results</h3><p class="muted" data-testid="dasa-empty">No selection stored for these settings yet: run DASA.</p></section>`}`;
  }
}

customElements.define('lab-dasa-screen', DasaScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lab-dasa-screen': DasaScreen;
  }
}
