// Settings -> trainStage's steps/epochs, and the periodic checkpoint interval it implies.
import { PipelineInputError } from '../errors';
import type { TrainingLength } from '../settings';

export function stageLength(length: TrainingLength, stage: string): { steps?: number; epochs?: number } {
  if ('steps' in length) {
    if (!Number.isInteger(length.steps) || length.steps < 1) throw new PipelineInputError(`${stage}: steps must be a positive whole number, got ${length.steps}.`, { stage });
    return { steps: length.steps };
  }
  if (!(length.epochs > 0)) throw new PipelineInputError(`${stage}: epochs must be above 0, got ${length.epochs}.`, { stage });
  return { epochs: length.epochs };
}
