// Re-renders an element whenever the page-wide pipeline session changes, while it is connected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pipelineSession, type PipelineSession } from './pipeline-session';

export class PipelineSessionController implements ReactiveController {
  readonly session: PipelineSession = pipelineSession();
  readonly #host: ReactiveControllerHost;
  #unwatch: (() => void) | null = null;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#unwatch ??= this.session.watch(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = null;
  }
}
