// How a setting's page value stands for a value in the pipeline's settings, when it is not the value
// itself: a length in steps or epochs, a choice that sends a fixed object, a count of even alphas.
// `decode` is the inverse, for reading a stored run's settings back into page values.
import type { SettingValue } from './settings-spec';

export type Decoded = { ok: true; value: SettingValue; at?: string } | { ok: false; reason: string };

export interface SettingCodec {
  encode(value: SettingValue): unknown;
  decode(setting: unknown): Decoded;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(b);
  return Object.keys(a).length === keys.length && keys.every((key) => key in a && deepEqual(a[key], b[key]));
}

/** The value as it is (whether it fits the setting is its range's question). */
export const AS_IS: SettingCodec = {
  encode: (value) => value,
  decode: (setting) => ({ ok: true, value: setting as SettingValue }),
};

/** A training length ({steps: n} or {epochs: n}) set in one unit. */
export function lengthIn(unit: 'steps' | 'epochs'): SettingCodec {
  return {
    encode: (value) => ({ [unit]: value }),
    decode: (setting) =>
      isPlainObject(setting) && Object.keys(setting).length === 1 && unit in setting && typeof setting[unit] === 'number'
        ? { ok: true, value: setting[unit], at: unit }
        : { ok: false, reason: `the page sets this length in ${unit}` },
  };
}

/** A choice (or switch) whose non-default values each send one fixed setting; the default sends nothing. */
export function sends(entries: readonly (readonly [SettingValue, unknown])[]): SettingCodec {
  return {
    encode: (value) => structuredClone(entries.find(([page]) => page === value)?.[1]),
    decode: (setting) => {
      const found = entries.find(([, sent]) => deepEqual(setting, sent));
      return found ? { ok: true, value: found[0] } : { ok: false, reason: 'none of its values sends this' };
    },
  };
}

/** Alphas 0 to 1 in `points` even steps, rounded to 4 decimals. */
export function evenAlphas(points: number): number[] {
  return Array.from({ length: points }, (_, i) => Number((i / (points - 1)).toFixed(4)));
}

const numbers = (setting: unknown): number[] | null => (Array.isArray(setting) && setting.every((item) => typeof item === 'number') ? (setting as number[]) : null);

/** A number of alphas evenly spaced from 0 to 1. */
export const EVEN_ALPHAS: SettingCodec = {
  encode: (value) => evenAlphas(value as number),
  decode: (setting) => {
    const alphas = numbers(setting);
    return alphas && alphas.length >= 2 && deepEqual(evenAlphas(alphas.length), alphas) ? { ok: true, value: alphas.length } : { ok: false, reason: 'not alphas evenly spaced from 0 to 1' };
  },
};

/** One alpha. */
export const ONE_ALPHA: SettingCodec = {
  encode: (value) => [value],
  decode: (setting) => {
    const alphas = numbers(setting);
    return alphas?.length === 1 ? { ok: true, value: alphas[0]! } : { ok: false, reason: 'not one alpha' };
  },
};

/** A count where 0 means "unset" (the value is left out). */
export const ZERO_UNSET: SettingCodec = {
  encode: (value) => (value === 0 ? undefined : value),
  decode: (setting) => (setting === undefined ? { ok: true, value: 0 } : AS_IS.decode(setting)),
};
