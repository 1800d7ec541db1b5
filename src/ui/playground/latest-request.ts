// Typing asks for a new score on every key; the engine runs one job at a time. This waits until the
// typing pauses (debounce), keeps at most one request in flight, and when that one returns sends
// only the newest input that arrived meanwhile. Answers to inputs that were replaced are dropped.
import { asError } from '../errors';

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type Answer<I, O> = { input: I; ok: true; value: O } | { input: I; ok: false; error: Error };

export class LatestRequest<I, O> {
  #latest: { input: I; sequence: number } | null = null;
  #sequence = 0;
  #timer: unknown = null;
  #inFlight = false;
  #sendWhenFree = false;

  constructor(
    private readonly work: (input: I) => Promise<O>,
    private readonly onAnswer: (answer: Answer<I, O>) => void,
    private readonly delayMs = 300,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** True while a request is waiting for the pause or running. */
  get pending(): boolean {
    return this.#timer !== null || this.#inFlight || this.#sendWhenFree;
  }

  /** A new input: sent once no newer one arrives for `delayMs`. */
  request(input: I): void {
    this.#latest = { input, sequence: ++this.#sequence };
    this.#clearTimer();
    this.#timer = this.timers.set(() => {
      this.#timer = null;
      this.#send();
    }, this.delayMs);
  }

  /** A new input sent without waiting (a click, not typing). */
  now(input: I): void {
    this.#latest = { input, sequence: ++this.#sequence };
    this.#clearTimer();
    this.#send();
  }

  /** Forgets the waiting input; an answer in flight is dropped. */
  cancel(): void {
    this.#clearTimer();
    this.#latest = null;
    this.#sequence++;
    this.#sendWhenFree = false;
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.timers.clear(this.#timer);
    this.#timer = null;
  }

  #send(): void {
    const latest = this.#latest;
    if (!latest) return;
    if (this.#inFlight) {
      this.#sendWhenFree = true;
      return;
    }
    this.#inFlight = true;
    this.#sendWhenFree = false;
    const answered = (answer: Answer<I, O>) => {
      this.#inFlight = false;
      if (this.#sendWhenFree) this.#send();
      else if (latest.sequence === this.#sequence) this.onAnswer(answer);
    };
    this.work(latest.input).then(
      (value) => answered({ input: latest.input, ok: true, value }),
      (error: unknown) => answered({ input: latest.input, ok: false, error: asError(error) }),
    );
  }
}
