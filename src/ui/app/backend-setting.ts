// The backend setting: auto or a forced backend. Fires `backend-change` with the chosen value.
import { css, html, LitElement } from 'lit';
import { BACKEND_PREFERENCES, type BackendPreference } from '../../core/backend/types';
import type { PreferenceSource } from '../backend-preference';

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
    :host { display: block; margin: 0.6rem 0 0; font-size: 0.85rem; color: #1b2230; }
    label { display: flex; align-items: center; gap: 0.5rem; font-weight: 500; }
    select { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid #b9bfca; border-radius: 6px; background: #fff; }
    select:focus-visible { outline: 3px solid #8fb0f0; outline-offset: 1px; }
    .note { display: block; color: #4d5668; font-size: 0.8rem; margin-top: 0.25rem; }
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
