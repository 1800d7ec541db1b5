// What long jobs report while they run, from the training loop up to the page.

/** What long operations report while they run. `figures` holds stage numbers such as the loss. */
export interface JobProgress {
  stage: string;
  step: number;
  total: number;
  etaSeconds: number | null;
  elapsedSeconds: number;
  figures: Record<string, number>;
}

export type ProgressCallback = (progress: JobProgress) => void | Promise<void>;
