// Starts the engine worker and wraps it with Comlink. The page talks to tfjs only through this.
// It also watches the worker for death at any time, not only while it starts (engine-supervisor.ts
// restarts it): an uncaught error, an answer that could not be read, or its liveness lock released.
import * as Comlink from 'comlink';
import { installErrorTransfer } from '../core/error-transfer';
// Registers every named error class the engine may throw, so each crosses the boundary as itself.
import '../engine/known-errors';
import { isLivenessAnnouncement, whenLockHolderDies } from '../engine/liveness-lock';
import type { LabEngine } from '../engine/types';
import { EngineCrashedError } from './errors';

export interface EngineClient {
  engine: Comlink.Remote<LabEngine>;
  /** Rejects with EngineCrashedError when the worker dies or fails to load; never after terminate(). */
  crashed: Promise<never>;
  terminate(): void;
}

export type CreateWorker = (name: string) => Worker;

const createModuleWorker: CreateWorker = (name) => new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name });

/** A name no other worker of any tab has: the worker's liveness lock is named after it. */
function uniqueWorkerName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8)); // an identifier, not an experiment's random choice
  return `relevance-lab-engine:${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export function startEngineWorker(createWorker: CreateWorker = createModuleWorker): EngineClient {
  installErrorTransfer();
  const name = uniqueWorkerName();
  const worker = createWorker(name);
  const ended = new AbortController();
  let reject!: (error: EngineCrashedError) => void;
  const crashed = new Promise<never>((_resolve, fail) => (reject = fail));
  crashed.catch(() => undefined);
  const crash = (why: string) => {
    if (!ended.signal.aborted) reject(new EngineCrashedError(`The engine worker stopped: ${why}.`, { worker: name }));
  };

  worker.addEventListener('error', (event) => {
    const { message, filename, lineno } = event as ErrorEvent;
    crash(`${message || 'it could not be loaded'}${filename ? ` (${filename}:${lineno})` : ''}`);
  });
  worker.addEventListener('messageerror', () => crash('one of its answers could not be read, so a call would wait forever'));
  worker.addEventListener('message', (event: MessageEvent) => {
    if (!isLivenessAnnouncement(event.data, name)) return;
    void whenLockHolderDies(name, ended.signal).then(() => crash('it ended without a word (for example, the browser stopped it when it ran out of memory)'));
  });
  return {
    engine: Comlink.wrap<LabEngine>(worker),
    crashed,
    terminate() {
      ended.abort();
      worker.terminate();
    },
  };
}
