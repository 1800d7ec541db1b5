// The page's DaRL pipeline: one session on the page's lab (lab.ts), so the screens come and go while
// the job and its results stay. It builds the engine request from the settings and the dataset,
// reads back what is stored for exactly that request (after a run, a settings change, a reload),
// runs one stage or all of them as the engine's job, keeps the person's grades of the DASA
// selection, and keeps the stepper's lines of the pipeline stages current.
import type { Grade } from '../../core/data/schema';
import type { ProgressCallback } from '../../core/job/progress';
import type { PipelineRequest, PipelineResults, PipelineStage, PipelineStageInfo, Variant } from '../../engine/pipeline-types';
import { SELECTED_DATASET_KEY } from './dataset-choice';
import { asError } from '../errors';
import { formatCount } from '../format';
import { JobRunner, pageHost } from '../job/job-runner';
import type { LabHandle } from '../lab-handle';
import type { LabState, StageStatus } from './lab-state';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { generatorConfigFrom } from '../stages/data';
import type { StageId } from '../stage';
import type { TrainingSessions } from './training-session';
import { pipelineRequest, progressStage } from './pipeline-request';
import { runVariantJob } from './variant-job';

const REFRESH_DELAY_MS = 200;
/** Run all ends with both sides of the method's comparison stored: the full method and plain fine-tuning. */
const COMPARED: readonly Variant[] = ['darl', 'ce-ft'];
const gradesKey = (datasetId: string, dasaKey: string) => `relevance-lab.grades.${datasetId}.${dasaKey}`;

/** The page's stages that show a pipeline stage (DASA shows dasa and annotate). */
const SHOWN_STAGES: Record<'dasa' | 'interpolate' | 'evaluate', PipelineStage[]> = { dasa: ['dasa', 'annotate'], interpolate: ['interpolate'], evaluate: ['evaluate'] };

export type RunTarget = PipelineStage | 'all';

export class PipelineSession {
  readonly runner: JobRunner<PipelineResults>;
  /** What is stored for the current request (null before the first read, or without a dataset). */
  results: PipelineResults | null = null;
  /** The read failed (e.g. a settings value the engine refuses); shown in place. */
  loadError: Error | null = null;
  /** What the running job computes up to. */
  running: RunTarget | null = null;
  /** The comparison variant Run all's job is computing after the page's run, if any. */
  comparing: Variant | null = null;
  /** What the last Run all's comparison runs returned (their stages and the seconds each took). */
  comparisonResults: PipelineResults[] = [];
  #resultsFor: string | null = null;
  #grades = new Map<string, Grade>();
  #gradesFor: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #reading = false;
  #readAgain = false;
  readonly #watchers = new Set<() => void>();
  readonly #jobEndWatchers = new Set<() => void>();

  /** Reads what is stored again on every change of the page state, and lends its lines to the training stages. */
  constructor(
    private readonly handle: LabHandle,
    private readonly state: LabState,
    private readonly training: TrainingSessions,
  ) {
    this.runner = new JobRunner<PipelineResults>(pageHost, () => handle);
    this.runner.watch(() => this.#changed());
    state.watch(() => this.#schedule());
    training.showPipelineStatus((stage) => this.line([stage]));
    this.#schedule();
  }

  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  /**
   * Called once each pipeline job has ended (done, failed or cancelled) and its results are read:
   * the stages may have stored or removed checkpoints (the training screens' lists read them again).
   */
  onJobEnd(listener: () => void): () => void {
    this.#jobEndWatchers.add(listener);
    return () => this.#jobEndWatchers.delete(listener);
  }

  #changed(): void {
    for (const watcher of this.#watchers) watcher();
    this.#publish();
  }

  /** The engine request for the page's settings and dataset (null without a dataset). */
  request(datasetId = this.state.dataset?.info.id): PipelineRequest | null {
    const state = this.state;
    if (!datasetId) return null;
    return pipelineRequest({ values: state.values, rows: SETTINGS_TABLE, datasetId, manualGrades: this.#grades });
  }

  /**
   * False for the moment between a settings change and the read of what is stored for the new
   * settings: the results shown are still the previous ones (the screens fade them).
   */
  get current(): boolean {
    const request = this.request();
    return request !== null && this.#resultsFor === JSON.stringify(request);
  }

  stage(stage: PipelineStage): PipelineStageInfo | null {
    return this.results?.status.stages.find((entry) => entry.stage === stage) ?? null;
  }

  /** The person's grades of the current DASA selection (a copy). */
  grades(): Map<string, Grade> {
    return new Map(this.#grades);
  }

  setGrades(grades: ReadonlyMap<string, Grade>): void {
    this.#grades = new Map(grades);
    const dataset = this.state.dataset?.info.id;
    const dasa = this.results?.dasa?.stage.key;
    if (dataset && dasa) localStorage.setItem(gradesKey(dataset, dasa), JSON.stringify(Object.fromEntries(this.#grades)));
    this.#schedule();
    this.#changed();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Reads what is stored for the current request, unless the results already are its. */
  async refresh(force = false): Promise<void> {
    const request = this.request();
    if (!this.state.engineReady || this.runner.active) return;
    if (!request) {
      if (this.results) {
        this.results = null;
        this.#resultsFor = null;
        this.#changed();
      }
      return;
    }
    const key = JSON.stringify(request);
    if (!force && key === this.#resultsFor) return;
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = true;
    try {
      const results = await this.handle.engine.pipelineResults(request);
      this.results = results;
      this.#resultsFor = key;
      this.loadError = null;
      this.#restoreGrades(results);
    } catch (error) {
      this.loadError = asError(error);
      this.results = null;
      this.#resultsFor = null;
    } finally {
      this.#reading = false;
    }
    this.#changed();
    if (this.#readAgain) {
      this.#readAgain = false;
      this.#schedule();
    }
  }

  /** The grades of this selection as last given: this tab, this browser, or the last run's manual annotator. */
  #restoreGrades(results: PipelineResults): void {
    const dasa = results.dasa;
    if (!dasa) return;
    const key = gradesKey(results.status.datasetId, dasa.stage.key);
    if (this.#gradesFor === key) return;
    this.#gradesFor = key;
    const selected = new Set(dasa.record.selection.selected);
    let saved: Record<string, Grade> = {};
    try {
      saved = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, Grade>;
    } catch {
      saved = {};
    }
    const annotator = results.status.lastRun?.request.settings.annotate?.annotator;
    if (Object.keys(saved).length === 0 && annotator && 'grades' in annotator && annotator.grades) saved = annotator.grades as Record<string, Grade>;
    const grades = new Map(Object.entries(saved).filter(([id, grade]) => selected.has(id) && (grade === 0 || grade === 1 || grade === 2)) as [string, Grade][]);
    const before = JSON.stringify([...this.#grades]);
    this.#grades = grades;
    if (JSON.stringify([...grades]) !== before) this.#schedule();
  }

  /** Runs the pipeline up to a stage (or all of it; without a dataset, Run all generates one first). */
  async run(target: RunTarget): Promise<PipelineResults | null> {
    const state = this.state;
    if (this.runner.active) return null;
    this.running = target;
    let used: PipelineRequest | null = null;
    const results = await this.runner.run(async (onProgress) => {
      let dataset = state.dataset;
      if (!dataset) {
        if (target !== 'all') throw new Error('Choose or make a dataset on the Data stage first.');
        dataset = await this.handle.engine.generateDataset(generatorConfigFrom(state.values), onProgress);
        localStorage.setItem(SELECTED_DATASET_KEY, dataset.info.id);
        state.update({ dataset });
      }
      used = this.request(dataset.info.id)!;
      if (target !== 'all') return this.handle.engine.runPipelineStage(used, target, onProgress);
      const own = await this.handle.engine.runPipelineAll(used, onProgress);
      await this.#runComparisons(used, own.evaluation?.variant, onProgress);
      return own;
    });
    this.running = null;
    this.comparing = null;
    if (results && used) {
      this.results = results;
      this.#resultsFor = JSON.stringify(used);
      this.#restoreGrades(results);
      this.#changed();
      this.#schedule(); // settings changed while it ran: read what is stored for them
    } else {
      await this.refresh(true); // a failed or cancelled job may still have stored stages
    }
    for (const listener of this.#jobEndWatchers) listener();
    return results;
  }

  /** The variants of COMPARED the page's own run is not, each as the next engine job (stored stages are reused). */
  async #runComparisons(request: PipelineRequest, own: string | undefined, onProgress: ProgressCallback): Promise<void> {
    this.comparisonResults = [];
    for (const variant of COMPARED.filter((name) => name !== own)) {
      this.comparing = variant;
      this.#changed();
      this.comparisonResults.push(await runVariantJob(this.handle, this.runner, request, variant, onProgress));
    }
  }

  /** The pipeline stage the running job is at, from its progress events. */
  get activeStage(): PipelineStage | 'data' | null {
    if (!this.runner.active) return null;
    const progress = this.runner.progress;
    return progress ? progressStage(progress.stage) : null;
  }

  /** The line of a pipeline stage for the stepper, or null when the pipeline has nothing to say. */
  line(stages: readonly PipelineStage[]): StageStatus | null {
    const active = this.activeStage;
    if (active && stages.includes(active as PipelineStage)) {
      const progress = this.runner.progress!;
      const step = progress.total > 1 ? `, ${formatCount(progress.step)} of ${formatCount(progress.total)}` : '';
      return this.runner.state === 'paused' ? { state: 'paused', summary: 'Pipeline paused' } : { state: 'running', summary: `Pipeline${step}` };
    }
    const stored = stages.map((stage) => this.stage(stage)).filter((entry): entry is PipelineStageInfo => entry !== null);
    if (stored.length > 0) return { state: 'done', summary: stored.map((entry) => entry.summary).join('; ') };
    const lastError = this.runner.state === 'failed' ? this.runner.error : null;
    if (lastError && this.#failedStage() && stages.includes(this.#failedStage()!)) return { state: 'failed', summary: lastError.name };
    return null;
  }

  /** After a failed job: the first planned stage that is not stored. */
  #failedStage(): PipelineStage | null {
    const status = this.results?.status;
    if (!status) return null;
    return status.planned.find((stage) => !status.stages.some((entry) => entry.stage === stage)) ?? null;
  }

  #publish(): void {
    for (const [page, stages] of Object.entries(SHOWN_STAGES) as [StageId, PipelineStage[]][]) {
      this.state.showStatus(page, this.line(stages) ?? { state: 'not-run', summary: '' });
    }
    this.training.refreshStatuses();
  }
}
