// Why a pipeline job cannot start now, or '' when it can.
import type { LabState } from '../lab-state';
import { activeTrainingStage } from '../training/training-session';

export function pipelineBlocker(state: LabState | null, options: { needsDataset?: boolean } = {}): string {
  if (!state?.engineReady) return 'Waiting for the engine…';
  if (options.needsDataset !== false && !state.dataset) return 'Choose or make a dataset on the Data stage first.';
  const training = activeTrainingStage();
  if (training) return `The ${training} stage is training; one job runs at a time.`;
  return '';
}

/** What a cancelled pipeline job leaves behind. */
export const PIPELINE_CANCELLED_NOTE = 'Cancelled: the stages that finished are kept, and an unfinished training stage resumes from its last checkpoint.';
