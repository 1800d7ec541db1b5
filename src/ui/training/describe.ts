// Words and numbers the training screens share.
import type { TrainingStage } from '../../engine/model-types';

export const STAGE_WORDS: Record<TrainingStage, string> = { pretrain: 'Pretrain', probe: 'Probe (LP)', finetune: 'Fine-tune (FT)' };

/** "36 K parameters", "1.1 M parameters". */
export function describeParameters(count: number): string {
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)} M parameters`;
  if (count >= 1e3) return `${Math.round(count / 1e3)} K parameters`;
  return `${count} parameters`;
}
