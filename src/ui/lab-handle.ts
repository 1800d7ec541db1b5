// The console handle `window.lab`: the engine, and a promise for the started backend. Power users and
// the browser tests drive the lab through it; main.ts adds further handles (storage) beside these.
import type { Remote } from 'comlink';
import type { BackendInfo, BackendPreference } from '../core/backend/types';
import type { LabEngine } from '../core/engine/types';
import {
  resolveBackendPreference,
  resolveTrainingThreads,
  resolveWasmThreads,
  saveBackendPreference,
  withoutBackendParameter,
  type ResolvedPreference,
} from './backend-preference';
import type { EngineClient } from './engine-client';

export interface EngineHandle {
  engine: Remote<LabEngine>;
  /** The latest backend start-up; replaced by switchBackend(). */
  ready: Promise<BackendInfo>;
  /** What was asked for and where it came from; null when the request itself was invalid. */
  preference: ResolvedPreference | null;
  /** Saves the setting, drops `?backend=` from the address and restarts the engine on that backend. */
  switchBackend(preference: BackendPreference): Promise<BackendInfo>;
}

/** window.lab: the engine handle plus whatever other parts of the lab add in main.ts. */
export interface LabHandle extends EngineHandle {
  [part: string]: unknown;
}

declare global {
  interface Window {
    lab: LabHandle;
  }
}

function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined); // the page shows the failure; the console needs no second report
  return promise;
}

export function createEngineHandle(client: EngineClient): LabHandle {
  let wasmThreads: number | undefined;
  let trainingThreads: number | undefined;
  const start = (backend: BackendPreference) => quiet(Promise.race([client.engine.init({ backend, wasmThreads, trainingThreads }), client.crashed]));
  let preference: ResolvedPreference | null = null;
  let ready: Promise<BackendInfo>;
  try {
    wasmThreads = resolveWasmThreads(location.search);
    trainingThreads = resolveTrainingThreads(location.search);
    preference = resolveBackendPreference(location.search, localStorage);
    ready = start(preference.preference);
  } catch (error) {
    ready = quiet(Promise.reject(error));
  }
  const handle: LabHandle = {
    engine: client.engine,
    ready,
    preference,
    switchBackend(next) {
      saveBackendPreference(next, localStorage);
      history.replaceState(history.state, '', withoutBackendParameter(location.href));
      handle.preference = { preference: next, source: 'setting' };
      handle.ready = start(next);
      return handle.ready;
    },
  };
  return handle;
}
