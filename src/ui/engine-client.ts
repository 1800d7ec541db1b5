// Starts the engine worker and wraps it with Comlink. The page talks to tfjs only through this.
import * as Comlink from 'comlink';
import { installErrorTransfer } from '../core/engine/error-transfer';
import type { LabEngine } from '../core/engine/types';
import { EngineWorkerError } from './errors';

export interface EngineClient {
  engine: Comlink.Remote<LabEngine>;
  /** Rejects with EngineWorkerError if the worker fails to load or throws at top level. */
  crashed: Promise<never>;
  terminate(): void;
}

export function startEngineWorker(): EngineClient {
  installErrorTransfer();
  const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'relevance-lab-engine',
  });
  const crashed = new Promise<never>((_resolve, reject) => {
    worker.addEventListener('error', (event) => {
      const where = event.filename ? ` (${event.filename}:${event.lineno})` : '';
      reject(new EngineWorkerError(`The engine worker failed: ${event.message || 'it could not be loaded'}${where}.`));
    });
  });
  crashed.catch(() => undefined);
  return { engine: Comlink.wrap<LabEngine>(worker), crashed, terminate: () => worker.terminate() };
}
