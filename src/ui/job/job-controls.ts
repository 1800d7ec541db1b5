// Run / pause / resume / cancel buttons, the progress bar with its ETA, and the job's error.
import { css, html, LitElement, nothing } from 'lit';
import { progressWords } from '../../core/job/stages';
import { blockElement, controls } from '../theme';
import { formatSeconds } from '../format';
import type { JobRunner } from './job-runner';

export class JobControls extends LitElement {
  static override properties = {
    runner: { attribute: false },
    runLabel: { attribute: false },
    disabled: { type: Boolean },
    disabledReason: { attribute: false },
    quietErrors: { type: Boolean },
    cancelledNote: { attribute: false },
    testIds: { attribute: false },
  };

  declare runner: JobRunner<unknown> | null;
  declare runLabel: string;
  declare disabled: boolean;
  declare disabledReason: string;
  /** The host shows the job's error itself (e.g. in place, with file and line). */
  declare quietErrors: boolean;
  /** What a cancel leaves behind, said after it. */
  declare cancelledNote: string;
  /** Prefix of the buttons' data-testid (`job-run`, ...), so two sets of controls on a page stay apart. */
  declare testIds: string;

  static override styles = [
    blockElement,
    css`
      .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      .progress { margin-top: 0.75rem; }
      progress { width: 100%; height: 0.6rem; appearance: none; border: none; border-radius: 999px; background: #e4e8ef; overflow: hidden; }
      progress::-webkit-progress-bar { background: #e4e8ef; border-radius: 999px; }
      progress::-webkit-progress-value { background: var(--accent); border-radius: 999px; }
      .line { display: flex; justify-content: space-between; gap: 1rem; font-size: 0.85rem; color: var(--ink-muted); margin-top: 0.3rem; flex-wrap: wrap; }
      .reason { font-size: 0.85rem; color: var(--ink-muted); }
    `,
  ];

  constructor() {
    super();
    this.runner = null;
    this.runLabel = 'Run';
    this.disabled = false;
    this.disabledReason = '';
    this.quietErrors = false;
    this.cancelledNote = 'Cancelled: nothing was kept.';
    this.testIds = 'job';
  }

  #unwatch: (() => void) | null = null;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('runner')) {
      this.#unwatch?.();
      this.#unwatch = this.runner?.watch(() => this.requestUpdate()) ?? null;
    }
  }

  override disconnectedCallback(): void {
    this.#unwatch?.();
    this.#unwatch = null;
    super.disconnectedCallback();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.runner && !this.#unwatch) this.#unwatch = this.runner.watch(() => this.requestUpdate());
  }

  #fire(name: string): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true }));
  }

  #progress() {
    const runner = this.runner;
    if (!runner || !runner.active) return nothing;
    const progress = runner.progress;
    const fraction = progress && progress.total > 0 ? progress.step / progress.total : null;
    const what = progress ? progressWords(progress.stage) : 'Starting';
    const state = runner.state === 'paused' ? 'paused' : runner.state === 'cancelling' ? 'cancelling…' : `${fraction === null ? '' : `${Math.round(fraction * 100)}%`}`;
    const eta = progress?.etaSeconds !== null && progress?.etaSeconds !== undefined && runner.state === 'running' ? `about ${formatSeconds(progress.etaSeconds)} left` : '';
    return html`<div class="progress" data-testid="${this.testIds}-progress">
      <progress aria-label="${what} progress" max="1" .value=${fraction ?? 0}></progress>
      <div class="line" aria-live="polite">
        <span>${what}${progress && progress.total > 1 ? ` (step ${progress.step} of ${progress.total})` : ''} ${state}</span>
        <span data-testid="${this.testIds}-eta">${eta}</span>
      </div>
    </div>`;
  }

  override render() {
    const runner = this.runner;
    const state = runner?.state ?? 'idle';
    const active = runner?.active ?? false;
    return html`<div class="buttons">
        <button class="primary" data-testid="${this.testIds}-run" ?disabled=${this.disabled || active} @click=${() => this.#fire('run')}>${this.runLabel}</button>
        ${state === 'paused'
          ? html`<button data-testid="${this.testIds}-resume" @click=${() => void runner?.resume()}>Resume</button>`
          : html`<button data-testid="${this.testIds}-pause" ?disabled=${state !== 'running'} @click=${() => void runner?.pause()}>Pause</button>`}
        <button data-testid="${this.testIds}-cancel" ?disabled=${!active || state === 'cancelling'} @click=${() => void runner?.cancel()}>Cancel</button>
        ${this.disabled && this.disabledReason ? html`<span class="reason">${this.disabledReason}</span>` : nothing}
        ${state === 'cancelled' ? html`<span class="reason" role="status">${this.cancelledNote}</span>` : nothing}
      </div>
      ${this.#progress()}
      ${state === 'failed' && runner?.error && !this.quietErrors ? html`<p class="error" role="alert" data-testid="${this.testIds}-error">${runner.error.name}: ${runner.error.message}</p>` : nothing}`;
  }
}

customElements.define('lab-job-controls', JobControls);

declare global {
  interface HTMLElementTagNameMap {
    'lab-job-controls': JobControls;
  }
}
