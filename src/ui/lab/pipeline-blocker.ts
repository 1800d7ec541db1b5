// Why a pipeline job cannot start now, or '' when it can.
import type { Lab } from './lab';

export function pipelineBlocker(lab: Pick<Lab, 'state' | 'training'>, options: { needsDataset?: boolean } = {}): string {
  const state = lab.state;
  if (!state.engineReady) return 'Waiting for the engine…';
  if (options.needsDataset !== false && !state.dataset) return 'Choose or make a dataset on the Data stage first.';
  const training = lab.training.activeStage();
  if (training) return `The ${training} stage is training; one job runs at a time.`;
  return '';
}

/** What a cancelled pipeline job leaves behind. */
export const PIPELINE_CANCELLED_NOTE = 'Cancelled: the stages that finished are kept, and an unfinished training stage resumes from its last checkpoint.';
