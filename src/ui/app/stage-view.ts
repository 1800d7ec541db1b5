// The screen of a stage without a screen of its own: explanation, settings with their defaults, the
// job controls, and a plain statement when this build cannot run the stage. No results are invented.
import { css, html, LitElement, nothing } from 'lit';
import '../job/job-controls';
import type { Lab } from '../lab/lab';
import { StateController, type LabState } from '../lab/lab-state';
import '../settings/settings-form';
import type { SettingChange } from '../settings/settings-form';
import '../stage-header';
import type { StageDefinition } from '../stage';
import { controls, screenElement } from '../theme';

export class StageView extends LitElement {
  static override properties = {
    lab: { attribute: false },
    state: { attribute: false },
    stage: { attribute: false },
    position: { type: Number },
  };

  declare lab: Lab | null;
  declare state: LabState | null;
  declare stage: StageDefinition | null;
  declare position: number;
  readonly #follow = new StateController(this);

  static override styles = [
    screenElement,
    css`
      .results { color: var(--ink-muted); margin: 0; }
    `,
  ];

  constructor() {
    super();
    this.lab = null;
    this.state = null;
    this.stage = null;
    this.position = 0;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
  }

  override render() {
    const stage = this.stage;
    const state = this.state;
    if (!stage || !state) return nothing;
    return html`<lab-stage-header .stage=${stage} .position=${this.position}></lab-stage-header>
      ${stage.unavailable ? html`<p class="notice" role="note" data-testid="stage-unavailable">${stage.unavailable}</p>` : nothing}
      <section class="card">
        <h3>Settings</h3>
        ${stage.settings.length > 0
          ? html`<lab-settings-form .specs=${stage.settings} .values=${state.values}
              @setting-change=${(e: CustomEvent<SettingChange>) => state.setValue(e.detail.key, e.detail.value)}></lab-settings-form>`
          : html`<p class="muted">This stage has no settings.</p>`}
        <lab-job-controls .runLabel=${`Run ${stage.title}`} ?disabled=${stage.unavailable !== null}
          .disabledReason=${stage.unavailable ? 'Not available in this build.' : ''}></lab-job-controls>
      </section>
      <section class="card">
        <h3>Results</h3>
        <p class="results">${stage.unavailable ? 'None: this build cannot run this stage yet.' : 'Run the stage to see its results.'}</p>
      </section>`;
  }
}

customElements.define('lab-stage-view', StageView);

declare global {
  interface HTMLElementTagNameMap {
    'lab-stage-view': StageView;
  }
}
