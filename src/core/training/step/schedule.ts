// Learning rate by step: linear warm-up to the peak, then cosine decay to a floor.

export interface WarmupCosineSchedule {
  peakLr: number;
  warmupSteps: number;
  /** Step at which the cosine reaches minLr; later steps stay at minLr. */
  totalSteps: number;
  minLr: number;
}

/** Defaults around a peak learning rate: 5% warm-up, floor at a tenth of the peak. */
export function warmupCosine(peakLr: number, totalSteps: number, overrides: Partial<WarmupCosineSchedule> = {}): WarmupCosineSchedule {
  return { peakLr, totalSteps, warmupSteps: Math.ceil(0.05 * totalSteps), minLr: 0.1 * peakLr, ...overrides };
}

/** Learning rate for a 0-based step. Step 0 already gets a non-zero rate during warm-up. */
export function learningRateAt(step: number, schedule: WarmupCosineSchedule): number {
  const { peakLr, warmupSteps, totalSteps, minLr } = schedule;
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`Schedule: step must be a non-negative integer, got ${step}.`);
  if (step < warmupSteps) return (peakLr * (step + 1)) / warmupSteps;
  const decaySteps = Math.max(1, totalSteps - warmupSteps);
  const progress = Math.min(1, (step - warmupSteps) / decaySteps);
  return minLr + 0.5 * (peakLr - minLr) * (1 + Math.cos(Math.PI * progress));
}
