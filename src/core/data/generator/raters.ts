// Simulated raters for the realistic mode. Each rater has a bias (lenient or strict) and a noise
// level; judging a pair, a rater sees the latent score plus the bias plus fresh noise and answers
// 0, 1 or 2 by two thresholds. A pair is judged by 3-5 raters drawn from a pool, and its grade is
// the mean rounded to the nearest grade, ties (x.5) going to 1: how averaged-score datasets (Home
// Depot's 1-3 means, WANDS' majority labels) are cut into grades. A second, fresh panel judging the
// same pairs shows how many labels are noise: the flip rate no model can get under.
import type { Grade } from '../schema';
import type { Rng } from '../../random';

export interface Rater {
  /** Added to every score this rater sees: > 0 lenient, < 0 strict. */
  bias: number;
  /** Standard deviation of this rater's per-judgement noise. */
  noise: number;
}

export const RATER_SETTINGS = {
  poolSize: 40,
  minPanel: 3,
  maxPanel: 5,
  biasSd: 0.05,
  noiseMin: 0.06,
  noiseMax: 0.13,
  /** Scores below the first threshold are irrelevant (0), at or above the second strong (2). */
  thresholds: [0.37, 0.8] as readonly [number, number],
} as const;

export function createRaterPool(rng: Rng, size: number = RATER_SETTINGS.poolSize): Rater[] {
  const pool: Rater[] = [];
  for (let i = 0; i < size; i++) {
    pool.push({
      bias: RATER_SETTINGS.biasSd * rng.normal(),
      noise: RATER_SETTINGS.noiseMin + (RATER_SETTINGS.noiseMax - RATER_SETTINGS.noiseMin) * rng.next(),
    });
  }
  return pool;
}

/** One rater's grade for a latent score. */
export function raterGrade(rng: Rng, rater: Rater, latent: number): Grade {
  const seen = latent + rater.bias + rater.noise * rng.normal();
  const [low, high] = RATER_SETTINGS.thresholds;
  return seen < low ? 0 : seen < high ? 1 : 2;
}

/** The grade of a mean of votes: nearest grade, ties going to 1 (0.5 -> 1, 1.5 -> 1). */
export function meanToGrade(mean: number): Grade {
  if (mean < 0.5) return 0;
  if (mean > 1.5) return 2;
  return 1;
}

export interface PanelJudgement {
  grade: Grade;
  votes: Grade[];
}

/** 3-5 distinct raters from the pool judge one pair. */
export function panelGrade(rng: Rng, pool: readonly Rater[], latent: number): PanelJudgement {
  const size = RATER_SETTINGS.minPanel + rng.int(RATER_SETTINGS.maxPanel - RATER_SETTINGS.minPanel + 1);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(size, pool.length)) chosen.add(rng.int(pool.length));
  const votes = [...chosen].map((index) => raterGrade(rng, pool[index], latent));
  const mean = votes.reduce((sum: number, vote) => sum + vote, 0) / votes.length;
  return { grade: meanToGrade(mean), votes };
}
