// How long Run all should take on this machine, before it starts: the plan (run-all-plan.ts) for
// the page's settings, dataset and what is stored, timed by this machine's step times (step-times.ts).
// The first time, one short timing run measures a training step in the engine: 1 warm-up and 2 timed
// steps, a second or two: a fine-tuning (classification) step when the run starts from a shipped
// model, else a pretraining step. It is an engine job, so it runs only when asked
// (the person reaches the Run all card, or starts it), never on its own while other jobs may start.
import { applyOverrides } from '../../core/experiment/overrides';
import type { PipelineSettings } from '../../engine/pipeline-types';
import { SPLITS } from '../../core/data/schema';
import { asError } from '../errors';
import type { LabHandle } from '../lab-handle';
import type { LabState } from './lab-state';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { generatorConfigFrom } from '../stages/data';
import { pipelineRequest } from './pipeline-request';
import type { PipelineSession } from './pipeline-session';
import { ceFtShape, pipelineWork, type SplitSizes } from './pipeline-work';
import type { Comparison, RunComparison } from './run-comparison';
import { planSeconds, runAllPlan, type PlanEntry, type StepTimes } from './run-all-plan';
import { readStepTimes, recordedStageCount, saveRowSeconds, type MachineKey } from './step-times';

export interface RunAllEstimate {
  plan: PlanEntry[];
  seconds: number;
  /** Stages whose time comes from an earlier run here (the rest: the timed step). */
  recordedStages: number;
}

/** Examples per split of the chosen dataset, or of the one Run all would generate. */
export function splitSizes(state: LabState): SplitSizes {
  const info = state.dataset?.info;
  const generated = generatorConfigFrom(state.values).sizes ?? {};
  const size = (split: (typeof SPLITS)[number]) => (info ? (info.splits[split]?.count ?? 0) : (generated[split] ?? 0));
  return { train: size('train'), val: size('val'), test_id: size('test_id'), test_ood: size('test_ood'), pool: size('pool') };
}

export class RunAllEstimator {
  estimate: RunAllEstimate | null = null;
  /** No step time measured here yet for this backend and preset. */
  unmeasured = false;
  measuring: Promise<void> | null = null;
  error: Error | null = null;
  readonly #defaults = new Map<string, Promise<PipelineSettings>>();
  readonly #watchers = new Set<() => void>();
  #signature = '';

  constructor(
    private readonly handle: LabHandle,
    private readonly state: LabState,
    private readonly session: PipelineSession,
    private readonly comparison: RunComparison,
  ) {}

  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  #changed(): void {
    for (const watcher of this.#watchers) watcher();
  }

  async machine(): Promise<MachineKey> {
    const info = await this.handle.ready;
    return { backend: info.backend, threads: Math.max(info.threads, info.trainingThreads), preset: String(this.state.values['model.preset'] ?? 'small') };
  }

  /** The settings the engine will resolve for the page's request (its defaults with the changed settings over them). */
  async #settings(): Promise<PipelineSettings> {
    const request = pipelineRequest({ values: this.state.values, rows: SETTINGS_TABLE, datasetId: '', manualGrades: new Map() });
    const key = JSON.stringify([request.preset, request.seed, request.budget]);
    if (!this.#defaults.has(key)) {
      const asked = this.handle.engine.pipelineDefaults(request.preset!, { seed: request.seed, budget: request.budget });
      asked.catch(() => this.#defaults.delete(key)); // ask again next time
      this.#defaults.set(key, asked);
    }
    return applyOverrides(await this.#defaults.get(key)!, request.settings);
  }

  /** Works the estimate out again when anything it depends on changed (cheap: no engine job). */
  async update(): Promise<void> {
    const { state, session } = this;
    const comparison = this.comparison.for(session.request());
    if (!state.engineReady || session.runner.active) return;
    const stored = session.current ? (session.results?.status.stages ?? []).map((stage) => stage.stage) : [];
    const signature = JSON.stringify([state.values, state.dataset?.info.id, stored, comparison, this.measuring !== null]);
    if (signature === this.#signature) return;
    this.#signature = signature;
    try {
      const [machine, settings] = await Promise.all([this.machine(), this.#settings()]);
      const times = readStepTimes(machine);
      this.unmeasured = times === null;
      this.estimate = times ? this.#plan(settings, splitSizes(state), stored, comparison, session, times) : null;
      this.error = null;
    } catch (error) {
      this.estimate = null;
      this.error = asError(error);
    }
    this.#changed();
  }

  #plan(settings: PipelineSettings, sizes: SplitSizes, stored: string[], comparison: Comparison | null, session: PipelineSession, times: StepTimes): RunAllEstimate {
    const ownWork = pipelineWork(settings, sizes);
    const ownVariant = session.current ? (session.results?.evaluation?.variant ?? 'darl') : 'darl';
    const comparisons = [];
    if (!comparison?.ceFt) comparisons.push({ run: 'ce-ft' as const, work: pipelineWork(ceFtShape(settings), sizes).filter((entry) => entry.stage !== 'pretrain') });
    if (ownVariant !== 'darl' && !comparison?.darl) comparisons.push({ run: 'darl' as const, work: ownWork.filter((entry) => entry.stage !== 'pretrain') });
    const plan = runAllPlan({
      generateExamples: session.request() ? 0 : Object.values(sizes).reduce((sum, count) => sum + count, 0),
      page: ownWork.filter((entry) => !stored.includes(entry.stage)),
      comparisons,
      times,
    });
    return { plan, seconds: planSeconds(plan), recordedStages: recordedStageCount(times) };
  }

  /** Times a training step in the engine when none is known for this machine; resolves once done (or failed). */
  measure(): Promise<void> {
    if (this.measuring || !this.unmeasured || !this.state.engineReady) return this.measuring ?? Promise.resolve();
    this.measuring = this.#measure().finally(() => {
      this.measuring = null;
      this.#signature = '';
      this.#changed();
    });
    this.#changed();
    return this.measuring;
  }

  async #measure(): Promise<void> {
    try {
      if ((await this.handle.engine.jobStatus()).state !== 'idle') return; // another job runs: time a step later
      const [machine, settings] = await Promise.all([this.machine(), this.#settings()]);
      const presets = await this.handle.engine.modelPresets();
      const context = presets.find((preset) => preset.name === machine.preset)?.config.contextLength ?? 64;
      // From a shipped model the run is grade classification and forward passes; pretraining here is
      // language modelling, whose softmax over the vocabulary at every position costs more per row.
      const classify = settings.pretrain.source === 'shipped';
      const batch = classify ? settings.finetune.batchSize : settings.pretrain.batchSize;
      const objective = classify ? 'classify' : 'lm';
      const timed = await this.handle.engine.benchmarkTraining({ preset: machine.preset, batch, length: context, steps: 2, warmup: 1, objective });
      saveRowSeconds(machine, timed.stepMs / 1000 / batch);
      this.unmeasured = false;
    } catch (error) {
      this.error = asError(error);
    }
  }
}
