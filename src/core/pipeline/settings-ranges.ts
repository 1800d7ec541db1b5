// The pipeline's numeric training settings against the lab's sane ranges (training/setting-ranges.ts),
// checked before any stage runs: a bad fine-tuning rate is refused before hours of pretraining.
import { requireInRange, TRAINING_RANGES } from '../training/step/setting-ranges';
import { PipelineInputError } from './errors';
import type { PipelineSettings, TrainingSettings } from './settings';

type Check = (path: string, setting: keyof typeof TRAINING_RANGES, value: unknown) => void;

const check: Check = (path, setting, value) => void requireInRange(path, value, TRAINING_RANGES[setting], PipelineInputError);

function checkTraining(path: string, settings: TrainingSettings): void {
  const { length } = settings;
  if ('steps' in length) check(`${path}.length.steps`, 'steps', length.steps);
  else check(`${path}.length.epochs`, 'epochs', length.epochs);
  for (const setting of ['learningRate', 'batchSize', 'seed', 'checkpointEvery'] as const) check(`${path}.${setting}`, setting, settings[setting]);
}

export function checkSettingRanges(settings: PipelineSettings): void {
  checkTraining('settings.pretrain', settings.pretrain);
  for (const setting of ['vocabSize', 'heldOutFraction', 'pairsWeight'] as const) check(`settings.pretrain.${setting}`, setting, settings.pretrain[setting]);
  if (settings.probe) checkTraining('settings.probe', settings.probe);
  checkTraining('settings.finetune', settings.finetune);
  check('settings.dasa.batchSize', 'batchSize', settings.dasa.batchSize);
  if (settings.interpolate) check('settings.interpolate.batchSize', 'batchSize', settings.interpolate.batchSize);
  check('settings.evaluate.batchSize', 'batchSize', settings.evaluate.batchSize);
}
