import { describe, expect, it } from 'vitest';
import { BackendSetupError, UnknownBackendError } from '../core/backend/errors';
import { BACKEND_STORAGE_KEY, resolveBackendPreference, resolveTrainingThreads, resolveWasmThreads, saveBackendPreference, withoutBackendParameter } from './backend-preference';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}

describe('resolveBackendPreference', () => {
  it('defaults to auto', () => {
    expect(resolveBackendPreference('', memoryStorage())).toEqual({ preference: 'auto', source: 'default' });
  });

  it('uses the saved setting, and the URL parameter over it', () => {
    const storage = memoryStorage();
    saveBackendPreference('cpu', storage);
    expect(storage.getItem(BACKEND_STORAGE_KEY)).toBe('cpu');
    expect(resolveBackendPreference('?x=1', storage)).toEqual({ preference: 'cpu', source: 'setting' });
    expect(resolveBackendPreference('?backend=WebGPU', storage)).toEqual({ preference: 'webgpu', source: 'url' });
  });

  it('names the address when the URL parameter is unknown', () => {
    expect(() => resolveBackendPreference('?backend=nonsense', memoryStorage())).toThrow(UnknownBackendError);
    expect(() => resolveBackendPreference('?backend=nonsense', memoryStorage())).toThrow(/in the address \(\?backend=nonsense\)/);
  });

  it('names the saved setting when it holds an unknown value', () => {
    expect(() => resolveBackendPreference('', memoryStorage({ [BACKEND_STORAGE_KEY]: 'tpu' }))).toThrow(/saved backend setting/);
  });
});

describe('withoutBackendParameter', () => {
  it('removes only the backend parameter', () => {
    expect(withoutBackendParameter('http://127.0.0.1:4173/?backend=cpu&x=1#a')).toBe('http://127.0.0.1:4173/?x=1#a');
  });
});

describe('resolveWasmThreads', () => {
  it('reads ?wasmThreads= as a thread count, and nothing when it is absent', () => {
    expect(resolveWasmThreads('?backend=wasm&wasmThreads=2')).toBe(2);
    expect(resolveWasmThreads('?backend=wasm')).toBeUndefined();
  });

  it('names the address and the allowed range for a bad count', () => {
    for (const bad of ['0', '9', '1.5', 'two', '']) {
      expect(() => resolveWasmThreads(`?wasmThreads=${bad}`)).toThrow(BackendSetupError);
      expect(() => resolveWasmThreads(`?wasmThreads=${bad}`)).toThrow(new RegExp(`the address \\(\\?wasmThreads=${bad}\\): wasm threads must be a whole number from 1 to 8`));
    }
  });
});

describe('resolveTrainingThreads', () => {
  it('reads ?trainingThreads= as a thread count, and nothing when it is absent', () => {
    expect(resolveTrainingThreads('?backend=wasm&trainingThreads=2')).toBe(2);
    expect(resolveTrainingThreads('?trainingThreads=8')).toBe(8);
    expect(resolveTrainingThreads('?wasmThreads=2')).toBeUndefined();
  });

  it('names the address and the allowed range for a bad count', () => {
    for (const bad of ['0', '9', '1.5', 'abc', '']) {
      expect(() => resolveTrainingThreads(`?trainingThreads=${bad}`)).toThrow(BackendSetupError);
      expect(() => resolveTrainingThreads(`?trainingThreads=${bad}`)).toThrow(new RegExp(`the address \\(\\?trainingThreads=${bad}\\): training threads must be a whole number from 1 to 8`));
    }
  });
});
