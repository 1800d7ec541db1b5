// One experiment variant's pipeline as the next engine job of a page job made of several (Run all's
// comparison run, Evaluate's "Run the other variants"). Between two engine jobs none runs, so a
// pause or cancel given then is kept by the page's runner and passed on here.
import * as Comlink from 'comlink';
import type { PipelineRequest, PipelineResults, Variant } from '../../engine/pipeline-types';
import type { JobProgress, ProgressCallback } from '../../core/job/progress';
import type { JobRunner } from '../job/job-runner';
import type { LabHandle } from '../lab-handle';

/** Waits out a pause given between two jobs; a cancel given then stops before the next one. */
async function gate(runner: JobRunner<PipelineResults>, next: Variant): Promise<void> {
  while (runner.state === 'paused') await new Promise<void>((resolve) => { const stop = runner.watch(() => { stop(); resolve(); }); });
  if (runner.state === 'cancelling') {
    const error = new Error(`Cancelled before variant ${next}.`);
    error.name = 'CancelledError';
    throw error;
  }
}

export async function runVariantJob(
  lab: LabHandle, runner: JobRunner<PipelineResults>, request: PipelineRequest, variant: Variant, onProgress: ProgressCallback,
): Promise<PipelineResults> {
  await gate(runner, variant);
  // A pause or cancel that arrived while no job ran reaches this one at its first step.
  const forward = Comlink.proxy((progress: JobProgress) => {
    if (runner.state === 'paused') void lab.engine.pause();
    if (runner.state === 'cancelling') void lab.engine.cancel();
    return onProgress(progress);
  });
  return lab.engine.runPipelineAll({ ...request, variant }, forward);
}
