// Runs one engine job for an element: progress arrives through a Comlink.proxy callback, and pause,
// resume and cancel go to the engine's job slot. The host element re-renders on every change.
import * as Comlink from 'comlink';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { JobProgress, ProgressCallback } from '../../core/job/progress';
import { asError } from '../errors';
import type { LabHandle } from '../lab-handle';

/** The host of a runner kept by a page-wide session rather than by an element: screens watch the runner. */
export const pageHost: ReactiveControllerHost = {
  addController: () => undefined,
  removeController: () => undefined,
  requestUpdate: () => undefined,
  updateComplete: Promise.resolve(true),
};

export type JobState = 'idle' | 'running' | 'paused' | 'cancelling' | 'done' | 'failed' | 'cancelled';

export class JobRunner<T> implements ReactiveController {
  state: JobState = 'idle';
  progress: JobProgress | null = null;
  result: T | null = null;
  error: Error | null = null;
  #lab: () => LabHandle | null;
  readonly #watchers = new Set<() => void>();

  constructor(private readonly host: ReactiveControllerHost, lab: () => LabHandle | null) {
    this.#lab = lab;
    host.addController(this);
  }

  hostConnected(): void {}

  get active(): boolean {
    return this.state === 'running' || this.state === 'paused' || this.state === 'cancelling';
  }

  /** Other elements showing this job (e.g. its controls) re-render through this. Returns the unsubscribe. */
  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }

  #set(change: Partial<Pick<JobRunner<T>, 'state' | 'progress' | 'result' | 'error'>>): void {
    Object.assign(this, change);
    this.host.requestUpdate();
    for (const watcher of this.#watchers) watcher();
  }

  /** Starts the job; resolves with its result, or null when it failed or was cancelled. */
  async run(start: (onProgress: ProgressCallback) => Promise<T>): Promise<T | null> {
    if (this.active) return null;
    this.#set({ state: 'running', progress: null, result: null, error: null });
    const onProgress = Comlink.proxy((progress: JobProgress) => {
      if (this.active) this.#set({ progress });
    });
    try {
      const result = await start(onProgress);
      this.#set({ state: 'done', result });
      return result;
    } catch (caught) {
      const error = asError(caught);
      this.#set(error.name === 'CancelledError' ? { state: 'cancelled', error: null } : { state: 'failed', error });
      return null;
    }
  }

  async pause(): Promise<void> {
    if (this.state !== 'running') return;
    if (await this.#tell('pause')) this.#set({ state: 'paused' });
  }

  async resume(): Promise<void> {
    if (this.state !== 'paused') return;
    if (await this.#tell('resume')) this.#set({ state: 'running' });
  }

  async cancel(): Promise<void> {
    if (!this.active) return;
    this.#set({ state: 'cancelling' });
    await this.#tell('cancel');
  }

  /** False when the engine could not take the request: its worker died, and run() fails with EngineCrashedError. */
  async #tell(request: 'pause' | 'resume' | 'cancel'): Promise<boolean> {
    try {
      await this.#lab()?.engine[request]();
      return true;
    } catch {
      return false;
    }
  }
}
