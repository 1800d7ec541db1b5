// Which backend the person asked for: `?backend=` in the address wins over the saved setting,
// which wins over `auto`.
import { parseBackendPreference, parseTrainingThreads, parseWasmThreads } from '../core/backend/policy';
import type { BackendPreference } from '../core/backend/types';

export const BACKEND_STORAGE_KEY = 'relevance-lab.backend';
export const BACKEND_URL_PARAMETER = 'backend';
/** `?wasmThreads=N`: wasm threads past tfjs's cap (InitOptions.wasmThreads); for measurements. */
export const WASM_THREADS_URL_PARAMETER = 'wasmThreads';

/** The `?wasmThreads=` of the address, or undefined; a bad value throws, naming the address. */
export function resolveWasmThreads(search: string): number | undefined {
  const value = new URLSearchParams(search).get(WASM_THREADS_URL_PARAMETER);
  return value === null ? undefined : parseWasmThreads(value, `the address (?${WASM_THREADS_URL_PARAMETER}=${value})`);
}

/** `?trainingThreads=N`: threads a training step splits its batch over (InitOptions.trainingThreads). */
export const TRAINING_THREADS_URL_PARAMETER = 'trainingThreads';

/** The `?trainingThreads=` of the address, or undefined (the engine's default); a bad value throws, naming the address. */
export function resolveTrainingThreads(search: string): number | undefined {
  const value = new URLSearchParams(search).get(TRAINING_THREADS_URL_PARAMETER);
  return value === null ? undefined : parseTrainingThreads(value, `the address (?${TRAINING_THREADS_URL_PARAMETER}=${value})`);
}

export type PreferenceSource = 'url' | 'setting' | 'default';

export interface ResolvedPreference {
  preference: BackendPreference;
  source: PreferenceSource;
}

/** Throws UnknownBackendError (naming where the bad value came from) for an unknown name. */
export function resolveBackendPreference(search: string, storage: Pick<Storage, 'getItem'>): ResolvedPreference {
  const fromUrl = new URLSearchParams(search).get(BACKEND_URL_PARAMETER);
  if (fromUrl !== null) {
    return { preference: parseBackendPreference(fromUrl, `the address (?${BACKEND_URL_PARAMETER}=${fromUrl})`), source: 'url' };
  }
  const saved = storage.getItem(BACKEND_STORAGE_KEY);
  if (saved !== null && saved !== '') {
    return { preference: parseBackendPreference(saved, 'the saved backend setting'), source: 'setting' };
  }
  return { preference: 'auto', source: 'default' };
}

export function saveBackendPreference(preference: BackendPreference, storage: Pick<Storage, 'setItem'>): void {
  storage.setItem(BACKEND_STORAGE_KEY, preference);
}

/** The address without `?backend=`, so a chosen setting is not overridden again on reload. */
export function withoutBackendParameter(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(BACKEND_URL_PARAMETER);
  return url.toString();
}
