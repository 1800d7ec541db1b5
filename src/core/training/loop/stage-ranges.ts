// The stage runner's numeric options against the lab's sane ranges (training/setting-ranges.ts),
// checked before anything runs. Steps and epochs are checked where they are resolved.
import { requireInRange, TRAINING_RANGES } from '../step/setting-ranges';
import { TrainerInputError } from './errors';
import type { TrainStageOptions } from './stage-runner';

export function checkStageRanges(options: TrainStageOptions): void {
  const check = (name: keyof typeof TRAINING_RANGES, value: unknown) => requireInRange(name, value, TRAINING_RANGES[name], TrainerInputError);
  check('learningRate', options.learningRate);
  check('batchSize', options.batchSize);
  check('seed', options.seed);
  if (options.clipNorm !== undefined) check('clipNorm', options.clipNorm);
  if (options.pairsWeight !== undefined) check('pairsWeight', options.pairsWeight);
  if (options.checkpointEvery !== undefined) check('checkpointEvery', options.checkpointEvery);
  if (options.lossEvery !== undefined) check('lossEvery', options.lossEvery);
  for (const name of ['beta1', 'beta2', 'epsilon', 'weightDecay'] as const) {
    if (options.adamw?.[name] !== undefined) check(name, options.adamw[name]);
  }
}

export function checkStageLength(name: 'steps' | 'epochs', value: number): number {
  return requireInRange(name, value, TRAINING_RANGES[name], TrainerInputError);
}
