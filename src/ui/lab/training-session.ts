// The training jobs of the page, one per training stage (pretrain, probe, finetune), kept on the
// page's lab (lab.ts) outside the screens: a job goes on in the worker while the person looks at
// another stage, and its screen finds its progress and curve again when it comes back. Each session
// also keeps its stage's line in the stepper current.
import type { ModelCheckpointSummary, TrainingOutcome, TrainingPoint, TrainingRunRecord } from '../../engine/model-types';
import type { JobProgress } from '../../core/job/progress';
import { formatCount } from '../format';
import { JobRunner, pageHost } from '../job/job-runner';
import type { LabHandle } from '../lab-handle';
import type { LabState, StageStatus } from './lab-state';
import { TRAINING_STAGES, type TrainingStage } from '../../core/job/stages';

/** The DaRL pipeline's line for a training stage (running, done for the current settings), or null. */
export type PipelineStatusSource = (stage: TrainingStage) => StageStatus | null;

export class TrainingSession {
  readonly runner: JobRunner<TrainingOutcome>;
  /** The curve of the run shown: live points while it trains, the stored history otherwise. */
  points: TrainingPoint[] = [];
  /** The checkpoint the curve belongs to. */
  checkpointId: string | null = null;
  /** What the shown run measured when it finished (null while it runs or when it stopped early). */
  outcome: TrainingRunRecord['outcome'] = null;
  /** The latest checkpoint of this stage as stored (from the checkpoint list). */
  latest: ModelCheckpointSummary | null = null;
  readonly #watchers = new Set<() => void>();

  constructor(
    readonly stage: TrainingStage,
    private readonly handle: LabHandle,
    private readonly state: LabState,
    private readonly pipelineStatus: PipelineStatusSource,
  ) {
    this.runner = new JobRunner<TrainingOutcome>(pageHost, () => handle);
    this.runner.watch(() => this.#onRunnerChange());
  }

  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    const unwatchRunner = this.runner.watch(onChange);
    return () => {
      this.#watchers.delete(onChange);
      unwatchRunner();
    };
  }

  #changed(): void {
    for (const watcher of this.#watchers) watcher();
    this.#publishStatus();
  }

  #onRunnerChange(): void {
    const progress: JobProgress | null = this.runner.progress;
    if (progress && progress.stage === this.stage && Number.isFinite(progress.figures.loss)) {
      const last = this.points.at(-1);
      if (!last || progress.step > last.step) {
        this.points = [...this.points, {
          step: progress.step,
          loss: progress.figures.loss,
          tokensPerSecond: progress.figures.tokensPerSecond ?? 0,
          learningRate: progress.figures.learningRate ?? 0,
          gradNorm: progress.figures.gradNorm ?? 0,
          tensors: progress.figures.tensors ?? 0,
          elapsedSeconds: progress.elapsedSeconds,
        }];
      }
    }
    this.#publishStatus();
  }

  /** Starts a stage: the curve restarts (or continues from `history` when resuming). */
  async run(checkpointId: string, history: TrainingPoint[], start: Parameters<JobRunner<TrainingOutcome>['run']>[0]): Promise<TrainingOutcome | null> {
    this.checkpointId = checkpointId;
    this.points = history;
    this.outcome = null;
    this.#changed();
    const outcome = await this.runner.run(start);
    if (outcome) {
      const { losses: _losses, checkpoint: _checkpoint, ...kept } = outcome;
      this.outcome = kept;
    }
    this.#changed();
    return outcome;
  }

  /** Shows a stored run's curve (after a reload, or another checkpoint chosen). */
  async show(checkpointId: string | null): Promise<void> {
    if (this.runner.active) return;
    this.checkpointId = checkpointId;
    const run = checkpointId ? await this.handle.engine.trainingRun(checkpointId) : null;
    if (this.runner.active || this.checkpointId !== checkpointId) return;
    this.points = run?.history ?? [];
    this.outcome = run?.outcome ?? null;
    this.#changed();
  }

  setLatest(latest: ModelCheckpointSummary | null): void {
    this.latest = latest;
    this.#changed();
  }

  status(): StageStatus {
    const runner = this.runner;
    const progress = runner.progress;
    if (runner.state === 'running' || runner.state === 'cancelling') {
      const step = progress && progress.stage === this.stage ? `step ${formatCount(progress.step)} of ${formatCount(progress.total)}` : 'preparing…';
      return { state: 'running', summary: `Training, ${step}` };
    }
    if (runner.state === 'paused') return { state: 'paused', summary: 'Paused' };
    if (runner.state === 'failed') return { state: 'failed', summary: runner.error?.name ?? 'Failed' };
    const latest = this.latest;
    if (latest?.state === 'unfinished' && latest.runStatus === 'failed') return { state: 'failed', summary: `Stopped at step ${formatCount(latest.step)}: ${latest.runError?.name ?? 'error'}` };
    if (latest?.state === 'unfinished') return { state: 'paused', summary: `Stopped at step ${formatCount(latest.step)} of ${formatCount(latest.totalSteps)}: resume it` };
    const fromPipeline = this.pipelineStatus(this.stage);
    if (fromPipeline) return fromPipeline;
    if (latest?.state === 'finished') return { state: 'done', summary: `${formatCount(latest.totalSteps)} steps, loss ${latest.lastLoss?.toFixed(3) ?? '?'}` };
    return { state: 'not-run', summary: '' };
  }

  /** Publishes the stage's line again (the pipeline's status changed). */
  refreshStatus(): void {
    this.#publishStatus();
  }

  #publishStatus(): void {
    this.state.showStatus(this.stage, this.status());
  }
}

/** The page's training sessions, one per training stage. */
export class TrainingSessions {
  readonly #sessions: ReadonlyMap<TrainingStage, TrainingSession>;
  #pipelineStatus: PipelineStatusSource = () => null;

  constructor(handle: LabHandle, state: LabState) {
    const pipelineStatus: PipelineStatusSource = (stage) => this.#pipelineStatus(stage);
    this.#sessions = new Map(TRAINING_STAGES.map((stage) => [stage, new TrainingSession(stage, handle, state, pipelineStatus)]));
  }

  /** The pipeline session's lines for the training stages; a stage's own training job comes first. */
  showPipelineStatus(source: PipelineStatusSource): void {
    this.#pipelineStatus = source;
    this.refreshStatuses();
  }

  of(stage: TrainingStage): TrainingSession {
    return this.#sessions.get(stage)!;
  }

  /** The stage whose job runs now, if any: the engine runs one job at a time. */
  activeStage(): TrainingStage | null {
    for (const [stage, session] of this.#sessions) if (session.runner.active) return stage;
    return null;
  }

  /** Publishes every stage's line again (the pipeline's lines changed). */
  refreshStatuses(): void {
    for (const session of this.#sessions.values()) session.refreshStatus();
  }
}
