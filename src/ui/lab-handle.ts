// The console handle `window.lab`: the engine, and a promise for the started backend. Power users and
// the browser tests drive the lab through it; app/main.ts adds further handles (storage) beside these.
// The engine is supervised (engine-supervisor.ts): when its worker dies, pending calls fail with
// EngineCrashedError and a new worker starts on the same backend; `ready` is then that start-up.
import type { Remote } from 'comlink';
import type { BackendInfo, BackendPreference } from '../core/backend/types';
import type { LabEngine } from '../engine/types';
import {
  resolveBackendPreference,
  resolveTrainingThreads,
  resolveWasmThreads,
  saveBackendPreference,
  withoutBackendParameter,
  type ResolvedPreference,
} from './backend-preference';
import type { EngineClient } from './engine-client';
import { EngineSupervisor } from './engine-supervisor';
import type { EngineCrashedError } from './errors';

export interface EngineHandle {
  engine: Remote<LabEngine>;
  /** The latest backend start-up; replaced by switchBackend(). */
  ready: Promise<BackendInfo>;
  /** What was asked for and where it came from; null when the request itself was invalid. */
  preference: ResolvedPreference | null;
  /** Saves the setting, drops `?backend=` from the address and restarts the engine on that backend. */
  switchBackend(preference: BackendPreference): Promise<BackendInfo>;
  /** Calls `listener` after the engine worker died and a new one is starting (`ready` is its start-up). Returns the unsubscribe. */
  onEngineRestart(listener: (crash: EngineCrashedError) => void): () => void;
}

/** window.lab: the engine handle plus whatever other parts of the lab add in app/main.ts. */
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

export function createEngineHandle(startWorker: () => EngineClient): LabHandle {
  let wasmThreads: number | undefined;
  let trainingThreads: number | undefined;
  const restartListeners = new Set<(crash: EngineCrashedError) => void>();
  const supervisor: EngineSupervisor = new EngineSupervisor({
    startWorker,
    onRestart(crash) {
      handle.ready = start(handle.preference?.preference ?? 'auto');
      for (const listener of restartListeners) listener(crash);
      return handle.ready;
    },
  });
  const start = (backend: BackendPreference) => quiet(supervisor.startup(supervisor.engine.init({ backend, wasmThreads, trainingThreads })));
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
    engine: supervisor.engine,
    ready,
    preference,
    switchBackend(next) {
      saveBackendPreference(next, localStorage);
      history.replaceState(history.state, '', withoutBackendParameter(location.href));
      handle.preference = { preference: next, source: 'setting' };
      handle.ready = start(next);
      return handle.ready;
    },
    onEngineRestart(listener) {
      restartListeners.add(listener);
      return () => restartListeners.delete(listener);
    },
  };
  return handle;
}
