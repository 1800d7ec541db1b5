// Which saves keep the checkpoint they replace as a fallback slot. tfjs-free: the run stores the
// page reaches import it.
import type { ModelCheckpoint } from './types';

/** A checkpoint taken before its stage's last step: the store keeps the one it replaces, in case it turns out damaged. */
export function isPeriodicCheckpoint(checkpoint: Pick<ModelCheckpoint, 'training'>): boolean {
  return checkpoint.training !== null && checkpoint.training.step < checkpoint.training.totalSteps;
}
