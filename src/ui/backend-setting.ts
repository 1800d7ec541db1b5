// The backend setting: auto or a forced backend. Fires `backend-change` with the chosen value.
import { css, html, LitElement } from 'lit';
import { BACKEND_PREFERENCES, type BackendPreference } from '../core/backend/types';
import type { PreferenceSource } from './backend-preference';

export class BackendSetting extends LitElement {
  static override properties = {
    value: { attribute: false },
    source: { attribute: false },
    busy: { type: Boolean },
  };

  declare value: BackendPreference;
  declare source: PreferenceSource | null;
  declare busy: boolean;

  static override styles = css`
    :host { display: block; margin: 0.75rem 0; }
    .note { color: #4a5261; font-size: 0.9em; margin-left: 0.5rem; }
  `;

  constructor() {
    super();
    this.value = 'auto';
    this.source = null;
    this.busy = false;
  }

  #changed(event: Event) {
    const value = (event.target as HTMLSelectElement).value as BackendPreference;
    this.dispatchEvent(new CustomEvent<BackendPreference>('backend-change', { detail: value, bubbles: true, composed: true }));
  }

  override render() {
    return html`<label
        >Backend
        <select data-testid="backend-select" .value=${this.value} ?disabled=${this.busy} @change=${this.#changed}>
          ${BACKEND_PREFERENCES.map((name) => html`<option value=${name} ?selected=${name === this.value}>${name}</option>`)}
        </select></label
      >${this.source === 'url' ? html`<span class="note">set by ?backend= in the address</span>` : ''}`;
  }
}

customElements.define('lab-backend-setting', BackendSetting);

declare global {
  interface HTMLElementTagNameMap {
    'lab-backend-setting': BackendSetting;
  }
}
