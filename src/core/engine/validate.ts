// Range checks for engine options, with errors that name the option and the allowed range.
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
