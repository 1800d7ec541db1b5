// Turns per-detector scores into thresholds, a combined score and candidate flags.
// Combined score: the weighted mean over detectors of each sample's normalised rank among ID val
// and pool together, so detectors on different scales count alike and val and pool share one scale.
import { DasaInputError } from './errors';
import { normalizedRanks, quantile } from './ranks';
import type { CandidateRule, DetectorScores, SampleRecord, ScoredPoolInput, ScoringOptions, Thresholds } from './types';

export const DEFAULT_QUANTILE = 0.95;
const CANDIDATE_RULES: readonly CandidateRule[] = ['combined', 'any', 'all'];

export interface ScoredPool {
  thresholds: Thresholds;
  /** In pool order; selection fields still unset. */
  records: SampleRecord[];
  /** Pool indices, highest combined score first (ties: lower index first). */
  order: number[];
  settings: { quantile: number; weights: Record<string, number>; candidates: CandidateRule };
}

function checkScores(name: string, set: 'val' | 'pool', values: ArrayLike<number>, expected?: number): void {
  if (expected !== undefined && values.length !== expected) {
    throw new DasaInputError(`DASA: detector "${name}" has ${values.length} pool scores for ${expected} pool ids.`, { detector: name, set });
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new DasaInputError(`DASA: detector "${name}", ${set} score ${i} is ${values[i]}; scores must be finite.`, { detector: name, set, index: i });
    }
  }
}

export function checkPoolIds(poolIds: readonly string[]): void {
  const seen = new Set<string>();
  poolIds.forEach((id, index) => {
    if (seen.has(id)) throw new DasaInputError(`DASA: pool id "${id}" appears twice (again at position ${index}).`, { id, index });
    seen.add(id);
  });
}

function resolveWeights(detectors: string[], weights: Readonly<Record<string, number>> = {}): Record<string, number> {
  for (const [name, weight] of Object.entries(weights)) {
    if (!detectors.includes(name)) {
      throw new DasaInputError(`DASA: a weight is given for detector "${name}", which has no scores (detectors: ${detectors.join(', ')}).`, { detector: name });
    }
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new DasaInputError(`DASA: weight ${weight} for detector "${name}" must be a finite number of at least 0.`, { detector: name, weight });
    }
  }
  const resolved = Object.fromEntries(detectors.map((name) => [name, weights[name] ?? 1]));
  const total = Object.values(resolved).reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) throw new DasaInputError('DASA: the detector weights are all 0; give at least one a positive weight.', { weights: resolved });
  return resolved;
}

/** Weighted mean of normalised ranks over val + pool, split back into val and pool parts. */
function combinedScores(scores: Readonly<Record<string, DetectorScores>>, weights: Record<string, number>, valSize: number, poolSize: number) {
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  const combined = new Float64Array(valSize + poolSize);
  for (const [name, { val, pool }] of Object.entries(scores)) {
    if (weights[name] === 0) continue;
    const joint = new Float64Array(valSize + poolSize);
    joint.set(Array.from(val));
    joint.set(Array.from(pool), valSize);
    const ranks = normalizedRanks(joint);
    for (let i = 0; i < ranks.length; i++) combined[i] += (weights[name] / total) * ranks[i];
  }
  return { val: combined.subarray(0, valSize), pool: combined.subarray(valSize) };
}

export function scorePool(input: ScoredPoolInput, options: ScoringOptions = {}): ScoredPool {
  const q = options.quantile ?? DEFAULT_QUANTILE;
  if (!(q > 0 && q < 1)) throw new DasaInputError(`DASA: quantile ${q} must lie strictly between 0 and 1 (0.95 keeps 95% of ID val).`, { quantile: q });
  const rule = options.candidates ?? 'combined';
  if (!CANDIDATE_RULES.includes(rule)) {
    throw new DasaInputError(`DASA: candidate rule "${String(rule)}" is not one of ${CANDIDATE_RULES.join(', ')}.`, { candidates: rule });
  }
  const detectors = Object.keys(input.scores);
  if (detectors.length === 0) throw new DasaInputError('DASA: no detector scores were given.', {});
  checkPoolIds(input.poolIds);
  const valSize = input.scores[detectors[0]].val.length;
  for (const name of detectors) {
    const { val, pool } = input.scores[name];
    if (val.length === 0) throw new DasaInputError(`DASA: detector "${name}" has no ID-validation scores to set its threshold.`, { detector: name });
    if (val.length !== valSize) {
      throw new DasaInputError(`DASA: detector "${name}" has ${val.length} val scores, "${detectors[0]}" has ${valSize}; score the same val set.`, { detector: name });
    }
    checkScores(name, 'val', val);
    checkScores(name, 'pool', pool, input.poolIds.length);
  }
  const weights = resolveWeights(detectors, options.weights);
  const combined = combinedScores(input.scores, weights, valSize, input.poolIds.length);

  const perDetector: Record<string, number> = {};
  const idValKept: Record<string, number> = {};
  for (const name of detectors) {
    const { val } = input.scores[name];
    perDetector[name] = quantile(val, q);
    let kept = 0;
    for (let i = 0; i < val.length; i++) if (val[i] <= perDetector[name]) kept++;
    idValKept[name] = kept / val.length;
  }
  const combinedThreshold = quantile(combined.val, q);
  let combinedKept = 0;
  for (const value of combined.val) if (value <= combinedThreshold) combinedKept++;
  idValKept.combined = combinedKept / valSize;

  const records: SampleRecord[] = input.poolIds.map((id, index) => {
    const scores: Record<string, number> = {};
    const aboveDetectorThreshold: Record<string, boolean> = {};
    for (const name of detectors) {
      scores[name] = input.scores[name].pool[index];
      aboveDetectorThreshold[name] = scores[name] > perDetector[name];
    }
    const flags = Object.values(aboveDetectorThreshold);
    const aboveThreshold =
      rule === 'combined' ? combined.pool[index] > combinedThreshold : rule === 'any' ? flags.some(Boolean) : flags.every(Boolean);
    return { id, scores, combined: combined.pool[index], rank: 0, aboveThreshold, aboveDetectorThreshold, selected: false, selectionOrder: null, nearDuplicateOf: null };
  });
  const order = records.map((_, index) => index).sort((a, b) => records[b].combined - records[a].combined || a - b);
  order.forEach((index, position) => (records[index].rank = position + 1));

  return {
    thresholds: { quantile: q, perDetector, combined: combinedThreshold, idValKept },
    records,
    order,
    settings: { quantile: q, weights, candidates: rule },
  };
}
