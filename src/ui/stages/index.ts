// The stages in order. Each lives in its own file; later work fills in their screens.
import { registerSettings } from '../settings/registry';
import type { SettingSpec } from '../settings/spec';
import { dasaStage } from './dasa';
import { dataStage } from './data';
import { evaluateStage } from './evaluate';
import { finetuneStage } from './finetune';
import { interpolateStage } from './interpolate';
import { modelStage } from './model';
import { playgroundStage } from './playground';
import { pretrainStage } from './pretrain';
import { probeStage } from './probe';
import { runsStage } from './runs';
import type { StageDefinition, StageId } from './stage';

export const STAGES: readonly StageDefinition[] = [
  dataStage, modelStage, pretrainStage, probeStage, dasaStage, finetuneStage, interpolateStage, evaluateStage, playgroundStage,
  runsStage,
];

export const ALL_SETTINGS: readonly SettingSpec[] = STAGES.flatMap((stage) => stage.settings);
registerSettings(ALL_SETTINGS);

export function stageById(id: StageId): StageDefinition {
  return STAGES.find((stage) => stage.id === id)!;
}
