// Progress of the inference-heavy stages (DASA features, alpha sweep, evaluation): one
// {stage, step, total, etaSeconds, figures} event per batch, counted in rows over the whole stage,
// with a pause/cancel check between batches.
import { estimateEtaSeconds, type JobControl } from '../job/job-control';
import type { ProgressCallback } from '../job/progress';
import type { ProgressStage } from '../job/stages';

export class RowProgress {
  #done = 0;
  readonly #started = performance.now();

  constructor(
    readonly stage: ProgressStage,
    readonly total: number,
    readonly control?: JobControl,
    readonly onProgress?: ProgressCallback,
  ) {}

  /** An onBatch callback for one inference call over the next rows of the stage. */
  part(): (done: number) => Promise<void> {
    const base = this.#done;
    return async (done) => {
      this.#done = base + done;
      await this.control?.betweenSteps();
      const elapsed = (performance.now() - this.#started) / 1000;
      await this.onProgress?.({
        stage: this.stage,
        step: this.#done,
        total: this.total,
        etaSeconds: estimateEtaSeconds(elapsed, this.#done, this.total),
        elapsedSeconds: elapsed,
        figures: { rowsPerSecond: elapsed > 0 ? this.#done / elapsed : 0 },
      });
    };
  }
}
