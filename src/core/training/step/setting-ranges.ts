// Sane ranges of the numeric training settings, in one table. The engine, the pipeline and the
// stage runner check against it, so the page and the command line refuse the same values, each
// with its own named error, a message that names the setting and the allowed range.

export interface SettingRange {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** min itself is not allowed (the value must be above it). */
  aboveMin?: boolean;
}

export const TRAINING_RANGES = {
  /** AdamW's peak step size; above 1 every step moves each weight by about its own size or more. */
  learningRate: { min: 1e-8, max: 1 },
  batchSize: { min: 1, max: 4096, integer: true },
  steps: { min: 1, max: 10_000_000, integer: true },
  epochs: { min: 0, max: 10_000, aboveMin: true },
  /** 0: a checkpoint only at the end. */
  checkpointEvery: { min: 0, max: 10_000_000, integer: true },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true },
  /** Read the loss back every N steps (trainer/stage-runner.ts); 1 reads every step. */
  lossEvery: { min: 1, max: 10_000, integer: true },
  /** Global gradient norm clip; Infinity only measures the norm. */
  clipNorm: { min: 0, max: Number.POSITIVE_INFINITY, aboveMin: true },
  /** Matched-vs-shuffled pairs: what one decision counts for, in LM tokens. */
  pairsWeight: { min: 0, max: 1000 },
  beta1: { min: 0, max: 0.9999 },
  beta2: { min: 0, max: 0.99999 },
  epsilon: { min: 1e-12, max: 1 },
  weightDecay: { min: 0, max: 1 },
  vocabSize: { min: 512, max: 8192, integer: true },
  heldOutFraction: { min: 0, max: 0.49 },
} satisfies Record<string, SettingRange>;

function describeRange(range: SettingRange): string {
  const kind = range.integer ? 'a whole number' : 'a number';
  return range.aboveMin ? `${kind} above ${range.min} and at most ${range.max}` : `${kind} from ${range.min} to ${range.max}`;
}

/** Null when `value` is inside `range`, else the sentence that says what `name` must be. */
export function rangeProblem(name: string, value: unknown, range: SettingRange): string | null {
  const inside =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (range.aboveMin ? value > range.min : value >= range.min) &&
    value <= range.max &&
    (!range.integer || Number.isInteger(value));
  return inside ? null : `${name} must be ${describeRange(range)}; got ${typeof value === 'number' ? value : JSON.stringify(value) ?? String(value)}.`;
}

/** A named error class (a LabError, or the command line's usage error). */
type NamedErrorClass = new (message: string, details?: Record<string, unknown>) => Error;

/** Returns `value` when inside `range`; otherwise throws `ErrorClass` naming the setting and the range. */
export function requireInRange(name: string, value: unknown, range: SettingRange, ErrorClass: NamedErrorClass): number {
  const problem = rangeProblem(name, value, range);
  if (problem) throw new ErrorClass(problem, { setting: name, value: String(value), min: range.min, max: range.max });
  return value as number;
}
