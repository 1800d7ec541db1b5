// <relevance-lab>: the page frame. Header with the sharing link, the stepper and the engine status
// on the side, and the current stage's screen. Settings live in the address's hash (see url-state.ts).
import { css, html, LitElement, nothing } from 'lit';
import type { BackendInfo, BackendPreference } from '../../core/backend/types';
import type { MemoryInfo } from '../../engine/types';
import './backend-setting';
import '../pipeline/run-all';
import { asError } from '../errors';
import type { Lab } from '../lab/lab';
import { StateController, type LabState } from '../lab/lab-state';
import type { PageNotice, PageNotices } from './page-notices';
import { decodeSettings, encodeSettings } from '../settings/url-state';
import './stage-view';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { STAGES, stageById } from '../stages';
import { STAGE_SCREENS } from './stage-screens';
import { STAGE_IDS, type StageId } from '../stage';
import './status-panel';
import './stepper';
import { controls, tokens } from '../theme';

const STATUS_REFRESH_MS = 2000;
export const METHOD_NOTE = 'The method is reconstructed from the abstract; exact formulas of the paper are not public in our sources.';

export class AppShell extends LitElement {
  static override properties = {
    lab: { attribute: false },
    notices: { attribute: false },
    info: { state: true },
    memory: { state: true },
    error: { state: true },
    switching: { state: true },
    copied: { state: true },
    restartedAfter: { state: true },
  };

  /** The page's lab (main.ts); the shell shows nothing before it is given. */
  declare lab: Lab | null;
  /** Reload notices: a new version is ready, or another tab upgraded the stored data. */
  declare notices: PageNotices | null;
  declare info: BackendInfo | null;
  declare memory: MemoryInfo | null;
  declare error: Error | null;
  declare switching: boolean;
  declare copied: string | null;
  /** Why the engine worker was last restarted, shown beside the engine status. */
  declare restartedAfter: Error | null;
  #unwatchRestarts: (() => void) | null = null;
  #unwatchState: (() => void) | null = null;
  readonly #follow = new StateController(this);
  #timer: ReturnType<typeof setInterval> | undefined;
  #shownStage: StageId | null = null;

  static override styles = [
    tokens,
    controls,
    css`
      :host { display: block; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--ink); background: var(--canvas); min-height: 100vh; font-size: 15px; line-height: 1.45; }
      .top { display: flex; align-items: center; justify-content: space-between; gap: 1rem; padding: 0.75rem 1.5rem; background: var(--surface); border-bottom: 1px solid var(--line); flex-wrap: wrap; }
      h1 { margin: 0; font-size: 1.3rem; letter-spacing: -0.01em; }
      .subtitle { margin: 0.1rem 0 0; color: var(--ink-muted); font-size: 0.85rem; }
      .share { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      .share input { width: 18rem; max-width: 60vw; font-size: 0.8rem; }
      .note { margin: 0; padding: 0.45rem 1.5rem; background: var(--accent-soft); color: #1d3a7a; font-size: 0.85rem; border-bottom: 1px solid #d3ddf4; }
      .banner { margin: 1rem 1.5rem 0; }
      .banner ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
      .banner.reload { display: flex; gap: 0.75rem; align-items: center; justify-content: space-between; flex-wrap: wrap; }
      .banner.notice { padding: 0.6rem 0.8rem; background: var(--accent-soft); border-left: 4px solid var(--accent); border-radius: 4px; }
      .body { display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 1.5rem; padding: 1.25rem 1.5rem 2rem; max-width: 88rem; margin: 0 auto; align-items: start; }
      aside { display: flex; flex-direction: column; gap: 1rem; min-width: 0; }
      main { min-width: 0; }
      .keys { font-size: 0.78rem; color: var(--ink-muted); margin: 0; }
      .restarted { margin: 0.5rem 0 0; padding: 0.5rem 0.6rem; background: #fff5db; border-left: 4px solid #b98100; border-radius: 4px; font-size: 0.8rem; line-height: 1.4; }
      kbd { font: inherit; font-size: 0.75rem; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 0.3rem; background: var(--surface); }
      @media (max-width: 800px) {
        .top { padding: 0.6rem 1rem; }
        .note { padding: 0.45rem 1rem; }
        .banner { margin: 0.75rem 1rem 0; }
        .body { grid-template-columns: minmax(0, 1fr); padding: 0.75rem 1rem 1.5rem; gap: 1rem; }
        aside { position: static; display: contents; }
        lab-stepper { order: 0; }
        main { order: 1; }
        .engine { order: 2; min-width: 0; }
        lab-run-all { order: 2; min-width: 0; }
        lab-stepper { min-width: 0; }
        .keys { display: none; }
      }
    `,
  ];

  constructor() {
    super();
    this.lab = null;
    this.notices = null;
    this.info = null;
    this.memory = null;
    this.error = null;
    this.switching = false;
    this.copied = null;
    this.restartedAfter = null;
  }

  /** The page state: where the person is, every setting, the dataset, each stage's line. */
  get state(): LabState {
    return this.lab!.state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => void this.#refresh(), STATUS_REFRESH_MS);
    window.addEventListener('hashchange', this.#readAddress);
    window.addEventListener('keydown', this.#shortcuts);
  }

  override disconnectedCallback(): void {
    this.#unwatchRestarts?.();
    this.#unwatchRestarts = null;
    clearInterval(this.#timer);
    window.removeEventListener('hashchange', this.#readAddress);
    window.removeEventListener('keydown', this.#shortcuts);
    super.disconnectedCallback();
  }

  /** A link pasted into this tab's address bar replaces the settings (hashchange). */
  readonly #readAddress = () => {
    if (!this.lab) return;
    const decoded = decodeSettings(location.hash, SETTINGS_TABLE, STAGE_IDS);
    this.state.linkProblems = decoded.problems;
    if (decoded.stage) this.state.stage = decoded.stage as StageId;
    this.state.replaceValues(decoded.values);
  };

  #writeAddress(): void {
    const hash = encodeSettings(this.state.values, SETTINGS_TABLE, this.state.stage === 'data' ? null : this.state.stage);
    if (hash !== location.hash && !(hash === '' && location.hash === '#')) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    }
    this.copied = null;
  }

  /** [ and ] step through the stages when the focus is not in a form field. */
  readonly #shortcuts = (event: KeyboardEvent) => {
    if (!this.lab || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (target?.matches?.('input, select, textarea, [contenteditable]')) return;
    const step = event.key === ']' ? 1 : event.key === '[' ? -1 : 0;
    if (step === 0) return;
    const index = STAGE_IDS.indexOf(this.state.stage) + step;
    if (index < 0 || index >= STAGE_IDS.length) return;
    event.preventDefault();
    this.state.goTo(STAGE_IDS[index]);
  };

  readonly #noticesChanged = () => this.requestUpdate();

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('notices')) {
      (changed.get('notices') as PageNotices | null | undefined)?.removeEventListener('change', this.#noticesChanged);
      this.notices?.addEventListener('change', this.#noticesChanged);
    }
    if (!changed.has('lab')) return;
    this.#unwatchRestarts?.();
    this.#unwatchRestarts = null;
    this.#unwatchState?.();
    this.#unwatchState = null;
    this.#follow.follow(this.lab?.state ?? null);
    if (!this.lab) return;
    this.#unwatchState = this.lab.state.watch(() => this.#writeAddress());
    const handle = this.lab.handle;
    void this.#follow_(handle.ready);
    this.#unwatchRestarts = handle.onEngineRestart((crash) => {
      this.restartedAfter = crash;
      void this.#follow_(handle.ready);
    });
  }

  protected override shouldUpdate(): boolean {
    return this.lab !== null;
  }

  protected override updated(): void {
    // Moving to another stage puts the focus on its title, so keyboard and screen-reader users land there.
    if (this.#shownStage !== null && this.#shownStage !== this.state.stage) {
      window.scrollTo({ top: 0 });
      this.renderRoot.querySelector('main')?.focus({ preventScroll: true });
    }
    this.#shownStage = this.state.stage;
  }

  async #follow_(ready: Promise<BackendInfo>): Promise<void> {
    this.info = null;
    this.error = null;
    this.state.update({ engineReady: false });
    try {
      this.info = await ready;
      this.state.update({ engineReady: true });
      await this.#refresh();
    } catch (error) {
      this.error = asError(error);
    }
  }

  /** Keeps memory (and the backend, if switched from the console) current. */
  async #refresh(): Promise<void> {
    if (!this.lab || !this.info || this.switching || document.hidden) return;
    try {
      this.memory = await this.lab.handle.engine.memory();
      const info = await this.lab.handle.engine.backendInfo();
      if (info.backend !== this.info.backend || info.setupMs !== this.info.setupMs) this.info = info;
    } catch {
      // A long job may hold the engine; the next refresh tries again.
    }
  }

  async #switch(event: CustomEvent<BackendPreference>): Promise<void> {
    if (!this.lab) return;
    this.switching = true;
    try {
      await this.#follow_(this.lab.handle.switchBackend(event.detail));
    } finally {
      this.switching = false;
    }
  }

  async #copyLink(): Promise<void> {
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      this.copied = 'Link copied.';
    } catch {
      this.copied = 'Copy the link from the box.';
    }
    await this.updateComplete;
    const box = this.renderRoot.querySelector<HTMLInputElement>('#share-link');
    box?.select();
  }

  #notice(notice: PageNotice) {
    if (notice.kind === 'update-ready') {
      return html`<div class="banner reload notice" role="status" data-testid="update-ready">
        <span>A new version of the lab is ready. This page keeps running the version it loaded until you reload.</span>
        <button class="primary" data-testid="update-reload" @click=${() => notice.apply()}>Reload to update</button>
      </div>`;
    }
    const text =
      notice.kind === 'storage-upgraded'
        ? 'A newer version of the lab, open in another tab, upgraded the stored data. This page can no longer read or save it: reload to go on.'
        : notice.message;
    return html`<div class="banner reload error" role="alert" data-testid=${notice.kind}>
      <span>${text}</span>
      <button class="primary" data-testid="storage-reload" @click=${() => location.reload()}>Reload</button>
    </div>`;
  }

  #screen() {
    const stage = stageById(this.state.stage);
    const position = STAGES.indexOf(stage) + 1;
    const screen = STAGE_SCREENS[stage.id];
    if (screen) return screen({ lab: this.lab, state: this.state });
    return html`<lab-stage-view .lab=${this.lab} .state=${this.state} .stage=${stage} .position=${position}></lab-stage-view>`;
  }

  override render() {
    const preference = this.lab?.handle.preference;
    const problems = this.state.linkProblems;
    return html`<header class="top">
        <div>
          <h1>Relevance Lab</h1>
          <p class="subtitle">Graded query-item relevance with Distribution-Aware Robust Learning (DaRL), in your browser</p>
        </div>
        <div class="share">
          <button data-testid="share-link" @click=${() => void this.#copyLink()} title="The address holds every setting that differs from its default">Copy link to these settings</button>
          ${this.copied !== null
            ? html`<input id="share-link" readonly aria-label="Link to these settings" .value=${location.href} data-testid="share-link-text" /><span role="status">${this.copied}</span>`
            : nothing}
        </div>
      </header>
      <p class="note" role="note" data-testid="method-note">${METHOD_NOTE}</p>
      ${(this.notices?.list ?? []).map((notice) => this.#notice(notice))}
      ${problems.length > 0
        ? html`<div class="banner error" role="alert" data-testid="link-problems">
            <strong>Some settings in the link could not be used; their defaults are kept.</strong>
            <ul>${problems.map((problem) => html`<li>${problem}</li>`)}</ul>
          </div>`
        : nothing}
      <div class="body">
        <aside>
          <lab-stepper .state=${this.state}></lab-stepper>
          <lab-run-all .lab=${this.lab} .state=${this.state}></lab-run-all>
          <p class="keys">Keys: <kbd>[</kbd> <kbd>]</kbd> previous / next stage; arrow keys move in the stage list.</p>
          <div class="engine">
            <lab-status-panel .info=${this.info} .memory=${this.memory} .error=${this.error}></lab-status-panel>
            ${this.restartedAfter
              ? html`<p class="restarted" role="status" data-testid="engine-restarted">${this.restartedAfter.message} It was restarted; a job that was running failed, start it again (training resumes from its last checkpoint).</p>`
              : nothing}
            <lab-backend-setting
              .value=${preference?.preference ?? 'auto'}
              .source=${preference?.source ?? null}
              ?busy=${this.switching}
              @backend-change=${this.#switch}
            ></lab-backend-setting>
          </div>
        </aside>
        <main tabindex="-1" aria-label="${stageById(this.state.stage).title} stage">${this.#screen()}</main>
      </div>`;
  }
}

customElements.define('relevance-lab', AppShell);

declare global {
  interface HTMLElementTagNameMap {
    'relevance-lab': AppShell;
  }
}
