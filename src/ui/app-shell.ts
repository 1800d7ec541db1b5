// <relevance-lab>: the page frame. Header, engine status and settings; later screens go in <main>.
import { css, html, LitElement } from 'lit';
import type { BackendInfo, BackendPreference } from '../core/backend/types';
import type { MemoryInfo } from '../core/engine/types';
import './backend-setting';
import type { LabHandle } from './lab-handle';
import './status-panel';

const STATUS_REFRESH_MS = 2000;

export class AppShell extends LitElement {
  static override properties = {
    lab: { attribute: false },
    info: { state: true },
    memory: { state: true },
    error: { state: true },
    switching: { state: true },
  };

  declare lab: LabHandle | null;
  declare info: BackendInfo | null;
  declare memory: MemoryInfo | null;
  declare error: Error | null;
  declare switching: boolean;
  #timer: ReturnType<typeof setInterval> | undefined;

  static override styles = css`
    :host { display: block; font-family: system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1c2330; }
    header h1 { margin: 0 0 1rem; font-size: 1.6rem; }
  `;

  constructor() {
    super();
    this.lab = null;
    this.info = null;
    this.memory = null;
    this.error = null;
    this.switching = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#timer = setInterval(() => void this.#refresh(), STATUS_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    clearInterval(this.#timer);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('lab') && this.lab) void this.#follow(this.lab.ready);
  }

  async #follow(ready: Promise<BackendInfo>): Promise<void> {
    this.info = null;
    this.error = null;
    try {
      this.info = await ready;
      await this.#refresh();
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Keeps memory (and the backend, if switched from the console) current. */
  async #refresh(): Promise<void> {
    if (!this.lab || !this.info || this.switching || document.hidden) return;
    try {
      this.memory = await this.lab.engine.memory();
      const info = await this.lab.engine.backendInfo();
      if (info.backend !== this.info.backend || info.setupMs !== this.info.setupMs) this.info = info;
    } catch {
      // A long job may hold the engine; the next refresh tries again.
    }
  }

  async #switch(event: CustomEvent<BackendPreference>): Promise<void> {
    if (!this.lab) return;
    this.switching = true;
    try {
      await this.#follow(this.lab.switchBackend(event.detail));
    } finally {
      this.switching = false;
    }
  }

  override render() {
    const preference = this.lab?.preference;
    return html`<header><h1>Relevance Lab</h1></header>
      <lab-status-panel .info=${this.info} .memory=${this.memory} .error=${this.error}></lab-status-panel>
      <lab-backend-setting
        .value=${preference?.preference ?? 'auto'}
        .source=${preference?.source ?? null}
        ?busy=${this.switching}
        @backend-change=${this.#switch}
      ></lab-backend-setting>
      <main><slot></slot></main>`;
  }
}

customElements.define('relevance-lab', AppShell);

declare global {
  interface HTMLElementTagNameMap {
    'relevance-lab': AppShell;
  }
}
