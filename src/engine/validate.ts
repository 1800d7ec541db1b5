// Range checks for engine options, with errors that name the option and the allowed range.
import { rangeProblem, TRAINING_RANGES } from '../core/training/step/setting-ranges';
import { InvalidOptionError } from './errors';

export function integerInRange(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(`${name} must be a whole number from ${min} to ${max}; got ${String(value)}.`, {
      option: name,
      value: String(value),
      min,
      max,
    });
  }
  return value;
}

export function numberInRange(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= min || value > max) {
    throw new InvalidOptionError(`${name} must be a number above ${min} and at most ${max}; got ${String(value)}.`, {
      option: name,
      value: String(value),
      min,
      max,
    });
  }
  return value;
}

/** A training setting against the lab's sane range for it (training/setting-ranges.ts), as the trainer and the pipeline check it. */
export function trainingSetting(option: string, setting: keyof typeof TRAINING_RANGES, value: unknown): number {
  const range = TRAINING_RANGES[setting];
  const problem = rangeProblem(option, value, range);
  if (problem) throw new InvalidOptionError(problem, { option, value: String(value), min: range.min, max: range.max });
  return value as number;
}
