// Re-renders an element whenever a watched source changes, while the element is connected. The
// source may come later (from a property) and change: follow() moves the watch to it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Anything with `watch(listener)` returning its unsubscribe function (the page state, the pipeline session, variant runs). */
export interface Watchable {
  watch(listener: () => void): () => void;
}

export class WatchController<T extends Watchable> implements ReactiveController {
  #source: T | null = null;
  #connected = false;
  readonly #host: ReactiveControllerHost;
  #unwatch: (() => void) | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The source followed now (null before the first follow()). */
  get source(): T | null {
    return this.#source;
  }

  follow(source: T | null): void {
    if (source === this.#source) return;
    this.#stop();
    this.#source = source;
    if (this.#connected) this.#start();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#start();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #start(): void {
    this.#unwatch ??= this.#source?.watch(() => this.#host.requestUpdate()) ?? null;
  }

  #stop(): void {
    this.#unwatch?.();
    this.#unwatch = null;
  }
}
