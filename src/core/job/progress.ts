// What long jobs report while they run, from the training loop up to the page.
import { estimateEtaSeconds, type JobControl } from './job-control';
import type { ProgressStage } from './stages';

/** What long operations report while they run. `figures` holds stage numbers such as the loss. */
export interface JobProgress {
  /** The stage, or the finer step of one (src/core/job/stages.ts). */
  stage: ProgressStage;
  step: number;
  total: number;
  etaSeconds: number | null;
  elapsedSeconds: number;
  figures: Record<string, number>;
}

export type ProgressCallback = (progress: JobProgress) => void | Promise<void>;

/** Reports one stage of a job with its own clock, so each stage's ETA stands on its own. */
export function stageReporter(control: JobControl, report: (progress: JobProgress) => void, stage: ProgressStage) {
  const startedAt = control.activeSeconds();
  return (step: number, total: number, figures: Record<string, number> = {}) => {
    const elapsedSeconds = control.activeSeconds() - startedAt;
    report({ stage, step, total, etaSeconds: estimateEtaSeconds(elapsedSeconds, step, total), elapsedSeconds, figures });
  };
}
