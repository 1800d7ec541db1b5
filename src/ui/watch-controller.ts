// Re-renders an element whenever a watched source changes, while the element is connected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Anything with `watch(listener)` returning its unsubscribe function (the pipeline session, variant runs). */
export interface Watchable {
  watch(listener: () => void): () => void;
}

export class WatchController<T extends Watchable> implements ReactiveController {
  readonly source: T;
  readonly #host: ReactiveControllerHost;
  #unwatch: (() => void) | null = null;

  constructor(host: ReactiveControllerHost, source: T) {
    this.#host = host;
    this.source = source;
    host.addController(this);
  }

  hostConnected(): void {
    this.#unwatch ??= this.source.watch(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = null;
  }
}
