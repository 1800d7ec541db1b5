// The stepper: every stage in order, where the person is, and what each stage did (not run, running,
// done with a one-line summary). Arrow keys move between stages; Enter or Space opens one.
import { css, html, LitElement } from 'lit';
import type { LabState, StageState } from '../lab/lab-state';
import { StateController } from '../lab/lab-state';
import { STAGES } from '../stages';
import type { StageId } from '../stage';
import { tokens } from '../theme';

const STATE_WORDS: Record<StageState, string> = { 'not-run': 'not run', running: 'running', paused: 'paused', done: 'done', failed: 'failed' };

export class Stepper extends LitElement {
  static override properties = { state: { attribute: false } };
  declare state: LabState | null;
  readonly #follow = new StateController(this);

  static override styles = [
    tokens,
    css`
      :host { display: block; }
      ol { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
      button {
        display: grid; grid-template-columns: 1.75rem 1fr; gap: 0 0.6rem; align-items: start; width: 100%; text-align: left; position: relative;
        font: inherit; background: none; border: 1px solid transparent; border-radius: 6px; padding: 0.45rem 0.5rem; cursor: pointer; color: var(--ink);
      }
      button:hover { background: #eef1f6; }
      button:focus-visible { outline: 3px solid #8fb0f0; outline-offset: 0; }
      button[aria-current='step'] { background: var(--surface); border-color: var(--line); box-shadow: inset 3px 0 0 var(--accent); }
      .dot {
        grid-row: span 2; width: 1.5rem; height: 1.5rem; border-radius: 50%; display: grid; place-items: center;
        font-size: 0.75rem; font-weight: 700; border: 2px solid #b9c0cc; color: var(--ink-muted); background: var(--surface); box-sizing: border-box;
      }
      .done .dot { background: var(--ok); border-color: var(--ok); color: #fff; }
      .running .dot, .paused .dot { border-color: var(--accent); color: var(--accent); }
      .failed .dot { border-color: var(--danger); color: var(--danger); }
      .title { font-weight: 600; font-size: 0.92rem; }
      .line { font-size: 0.78rem; color: var(--ink-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .running .line { color: var(--accent); }
      .failed .line { color: var(--danger); }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      @media (max-width: 800px) {
        ol { flex-direction: row; overflow-x: auto; gap: 0.25rem; padding-bottom: 0.25rem; scroll-snap-type: x proximity; }
        li { flex: 0 0 auto; scroll-snap-align: start; }
        button { grid-template-columns: 1.5rem auto; width: auto; max-width: 11rem; }
      }
    `,
  ];

  constructor() {
    super();
    this.state = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
  }

  #keys(event: KeyboardEvent, index: number): void {
    const last = STAGES.length - 1;
    const target = { ArrowDown: index + 1, ArrowRight: index + 1, ArrowUp: index - 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const buttons = this.renderRoot.querySelectorAll<HTMLButtonElement>('button');
    buttons[Math.max(0, Math.min(last, target))]?.focus();
  }

  #open(id: StageId): void {
    this.state?.goTo(id);
  }

  override render() {
    const state = this.state;
    if (!state) return html``;
    return html`<nav aria-label="Stages of the method"><ol>
      ${STAGES.map((stage, index) => {
        const status = state.status(stage.id);
        const current = state.stage === stage.id;
        const symbol = status.state === 'done' ? '✓' : status.state === 'failed' ? '!' : String(index + 1);
        const line = status.summary || (stage.unavailable ? 'not available in this build' : STATE_WORDS[status.state]);
        return html`<li class=${status.state}>
          <button data-testid="step-${stage.id}" data-state=${status.state} aria-current=${current ? 'step' : 'false'} tabindex=${current ? 0 : -1}
            @click=${() => this.#open(stage.id)} @keydown=${(event: KeyboardEvent) => this.#keys(event, index)}>
            <span class="dot" aria-hidden="true">${symbol}</span>
            <span class="title">${stage.title}</span>
            <span class="line" data-testid="step-${stage.id}-status"><span class="visually-hidden">${STATE_WORDS[status.state]}: </span>${line}</span>
          </button>
        </li>`;
      })}
    </ol></nav>`;
  }
}

customElements.define('lab-stepper', Stepper);

declare global {
  interface HTMLElementTagNameMap {
    'lab-stepper': Stepper;
  }
}
