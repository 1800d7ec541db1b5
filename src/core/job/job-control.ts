// Pause, resume and cancel for long jobs. A training loop calls `await control.betweenSteps()` before
// each step: it yields to the event loop (so pause/cancel messages get through), blocks while paused,
// and throws CancelledError once cancel() was called. Every request takes effect within one step.
import { CancelledError } from './errors';

export type JobState = 'running' | 'paused' | 'cancelled';

/** Lets queued messages (for example a cancel() from the page) run before the next step. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class JobControl {
  #state: JobState = 'running';
  #wake: (() => void) | null = null;
  /** Set by abort(): the job must stop with this error, not a CancelledError. */
  #abortError: Error | null = null;
  #rejectAborted: (error: Error) => void = () => undefined;
  /** Rejects with the abort error: JobSlot races the job against it, so a job stuck on a dead backend still ends. */
  readonly aborted = new Promise<never>((_resolve, reject) => (this.#rejectAborted = reject));
  readonly #startedAt = performance.now();
  #pausedMs = 0;
  #pausedAt = 0;

  constructor(readonly jobName: string) {
    this.aborted.catch(() => undefined);
  }

  get state(): JobState {
    return this.#state;
  }

  pause(): void {
    if (this.#state !== 'running') return;
    this.#state = 'paused';
    this.#pausedAt = performance.now();
  }

  resume(): void {
    if (this.#state !== 'paused') return;
    this.#state = 'running';
    this.#pausedMs += performance.now() - this.#pausedAt;
    this.#wakeUp();
  }

  cancel(): void {
    if (this.#state === 'cancelled') return;
    if (this.#state === 'paused') this.#pausedMs += performance.now() - this.#pausedAt;
    this.#state = 'cancelled';
    this.#wakeUp();
  }

  /** Stops the job from outside (e.g. its backend died): it fails with `error` at once and at its next step. */
  abort(error: Error): void {
    if (this.#abortError) return;
    this.cancel();
    this.#abortError = error;
    this.#rejectAborted(error);
  }

  /** Throws the abort error if abort() was called; saves call it so nothing from a dead backend is kept. */
  throwIfAborted(): void {
    if (this.#abortError) throw this.#abortError;
  }

  /** Seconds spent running, not counting pauses: the base for ETA estimates. */
  activeSeconds(): number {
    const pausedNow = this.#state === 'paused' ? performance.now() - this.#pausedAt : 0;
    return (performance.now() - this.#startedAt - this.#pausedMs - pausedNow) / 1000;
  }

  /** Call between steps: returns when the job may go on, throws CancelledError when it must stop. */
  async betweenSteps(): Promise<void> {
    await yieldToEventLoop();
    while (this.#state === 'paused') {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    this.throwIfAborted();
    if (this.#state === 'cancelled') {
      throw new CancelledError(`"${this.jobName}" was cancelled.`, { job: this.jobName });
    }
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}

/** Remaining seconds from the active time so far, or null before the first step finishes. */
export function estimateEtaSeconds(activeSeconds: number, step: number, total: number): number | null {
  if (step <= 0 || total <= 0) return null;
  return Math.max(0, (activeSeconds / step) * (total - step));
}
