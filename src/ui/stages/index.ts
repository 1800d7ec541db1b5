// The stages in order. Each lives in its own file; their settings are the rows of the settings table
// (src/core/pipeline/settings-table.ts) for the stage.
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
import type { StageDefinition, StageId } from '../stage';

export const STAGES: readonly StageDefinition[] = [
  dataStage, modelStage, pretrainStage, probeStage, dasaStage, finetuneStage, interpolateStage, evaluateStage, playgroundStage,
  runsStage,
];

export function stageById(id: StageId): StageDefinition {
  return STAGES.find((stage) => stage.id === id)!;
}
