// Re-renders an element whenever the page-wide pipeline session changes, while it is connected.
import type { ReactiveControllerHost } from 'lit';
import { WatchController } from '../watch-controller';
import { pipelineSession, type PipelineSession } from './pipeline-session';

export class PipelineSessionController extends WatchController<PipelineSession> {
  constructor(host: ReactiveControllerHost) {
    super(host, pipelineSession());
  }

  get session(): PipelineSession {
    return this.source;
  }
}
