// The experiment's variants for the page's settings: which ones have an evaluation stored
// (`engine.pipelineVariantResults`, a lookup), the dataset's classical baselines (computed in the
// engine, `engine.pipelineBaselines`), and running the missing ones one after another, each as
// an engine job (`engine.runPipelineAll({ ...request, variant })`). One on the page's lab, like the
// pipeline session, whose job runner it uses: the variants' jobs are the page's pipeline job, so the
// other pipeline buttons wait for them, and their progress, pause and cancel are the usual ones.
import type { PipelineBaselines, PipelineResults, PipelineVariantResult, Variant } from '../../engine/pipeline-types';
import { asError } from '../errors';
import type { LabHandle } from '../lab-handle';
import type { PipelineSession } from './pipeline-session';
import { runVariantJob } from './variant-job';

/** One entry of `engine.pipelineVariantResults`. */
export interface VariantLookup {
  variant: Variant;
  result: PipelineVariantResult | null;
}

export class VariantRuns {
  /** What is stored for the request in `lookupsFor` (null before the first read). */
  lookups: VariantLookup[] | null = null;
  /** JSON of the page's request the lookups were read for. */
  lookupsFor: string | null = null;
  loadError: Error | null = null;
  /** The baselines of the dataset of the last read (null before it, or when they could not be computed). */
  baselines: PipelineBaselines | null = null;
  baselineError: Error | null = null;
  /** The variant the running job computes and its place among those asked for. */
  current: { variant: Variant; index: number; total: number } | null = null;
  readonly #session: PipelineSession;
  readonly #watchers = new Set<() => void>();
  #reading = false;
  #readAgain = false;

  /** The error that stopped the last variants' job (the runner's error while it is still the runner's last). */
  error: Error | null = null;

  constructor(
    private readonly handle: LabHandle,
    session: PipelineSession,
  ) {
    this.#session = session;
    // Any pipeline job may store stages of a variant: once one ends, read the lookups again.
    let wasActive = false;
    session.runner.watch(() => {
      const active = session.runner.active;
      if (wasActive && !active) this.lookupsFor = null;
      wasActive = active;
    });
  }

  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  #changed(): void {
    for (const watcher of this.#watchers) watcher();
  }

  /** Reads every variant's stored evaluation for the page's request, unless already read (or a job runs). */
  async refresh(force = false): Promise<void> {
    const request = this.#session.request();
    if (!request || this.#session.runner.active) return;
    const key = JSON.stringify(request);
    if (!force && key === this.lookupsFor) return;
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = true;
    try {
      const lookups = await this.handle.engine.pipelineVariantResults(request);
      // Read before the lookups count as fresh, so a fresh table always has the baseline's row.
      await this.#readBaselines(request.datasetId);
      this.lookups = lookups;
      this.lookupsFor = key;
      this.loadError = null;
    } catch (error) {
      this.loadError = asError(error);
      this.lookups = null;
      this.lookupsFor = null;
    } finally {
      this.#reading = false;
    }
    this.#changed();
    if (this.#readAgain) {
      this.#readAgain = false;
      await this.refresh();
    }
  }

  /** The dataset's baselines: computed by the engine on the first read, then kept there while the data is unchanged. */
  async #readBaselines(datasetId: string): Promise<void> {
    try {
      this.baselines = await this.handle.engine.pipelineBaselines(datasetId);
      this.baselineError = null;
    } catch (error) {
      // The table still shows the variants; the error is shown beside it.
      this.baselines = null;
      this.baselineError = asError(error);
    }
  }

  /**
   * Runs each variant as one engine job, in order, with the page's request (the stages stored for it
   * are reused). A failure or a cancel stops the rest; the variants that finished stay stored. Then
   * the lookups and the page's own results are read again.
   */
  async run(variants: readonly Variant[]): Promise<void> {
    const session = this.#session;
    const runner = session.runner;
    const request = session.request();
    if (!request || runner.active || variants.length === 0) return;
    await runner.run(async (onProgress) => {
      let last: PipelineResults | null = null;
      for (const [index, variant] of variants.entries()) {
        this.current = { variant, index, total: variants.length };
        this.#changed();
        last = await runVariantJob(this.handle, runner, request, variant, onProgress);
      }
      return last!;
    });
    this.current = null;
    this.error = runner.state === 'failed' ? runner.error : null;
    this.#changed();
    await this.refresh(true);
    await session.refresh(true);
  }
}
