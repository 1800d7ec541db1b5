// <lab-pipeline-stage-status>: one line saying whether pipeline stages are stored for the current
// settings (with what they did and when), running, or not run; and why the last job stopped.
import { css, html, LitElement, nothing } from 'lit';
import type { PipelineStage } from '../../engine/pipeline-types';
import { formatSeconds } from '../format';
import { blockElement } from '../theme';
import { WatchController } from '../watch-controller';
import type { PipelineSession } from '../lab/pipeline-session';

export class PipelineStageStatus extends LitElement {
  static override properties = { session: { attribute: false }, stages: { attribute: false } };
  /** The page's pipeline session. */
  declare session: PipelineSession | null;
  declare stages: readonly PipelineStage[];
  readonly #follow = new WatchController<PipelineSession>(this);

  static override styles = [
    blockElement,
    css`
      p { margin: 0.35rem 0; font-size: 0.9rem; }
      .done { color: var(--ok); font-weight: 600; }
    `,
  ];

  constructor() {
    super();
    this.session = null;
    this.stages = [];
  }

  protected override willUpdate(): void {
    this.#follow.follow(this.session);
  }

  #failure(session: PipelineSession) {
    const last = session.results?.status.lastRun;
    const runner = session.runner;
    if (runner.state === 'failed' && runner.error) return html`<p class="error" role="alert" data-testid="pipeline-error">${runner.error.name}: ${runner.error.message}</p>`;
    if (session.loadError) return html`<p class="error" role="alert" data-testid="pipeline-error">${session.loadError.name}: ${session.loadError.message}</p>`;
    if (!runner.active && last && (last.status === 'interrupted' || last.status === 'cancelled') && this.stages.some((stage) => !session.stage(stage))) {
      const why = last.status === 'interrupted' ? 'was interrupted (the page closed or reloaded)' : 'was cancelled';
      return html`<p class="muted" data-testid="pipeline-stopped">The last pipeline job ${why}; running again reuses the stored stages and resumes an unfinished training stage from its last checkpoint.</p>`;
    }
    return nothing;
  }

  override render() {
    const session = this.session;
    if (!session) return nothing;
    const line = session.line(this.stages);
    const stored = this.stages.map((stage) => session.stage(stage)).filter((entry) => entry !== null);
    const state = line?.state ?? 'not-run';
    const text =
      state === 'done'
        ? html`<span class="done">Done for these settings:</span> ${line!.summary} <span class="muted">(${stored.map((entry) => `${entry.status === 'computed' ? 'computed' : 'stored'} ${new Date(entry.finishedAt).toLocaleString()}, ${formatSeconds(entry.seconds)}`).join('; ')})</span>`
        : state === 'running' || state === 'paused'
          ? html`${line!.summary}…`
          : html`<span class="muted">Not run with these settings yet.</span>`;
    return html`<p data-testid="pipeline-stage-status" data-state=${state} data-current=${session.current ? 'true' : 'false'}>${text}</p>${this.#failure(session)}`;
  }
}

customElements.define('lab-pipeline-stage-status', PipelineStageStatus);

declare global {
  interface HTMLElementTagNameMap {
    'lab-pipeline-stage-status': PipelineStageStatus;
  }
}
