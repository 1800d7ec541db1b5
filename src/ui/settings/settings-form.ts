// A stage's settings as a form: one labelled control per setting, grouped, with its default shown and
// a message in place when a typed value is out of range. Fires `setting-change` with {key, value}.
import { css, html, LitElement, nothing } from 'lit';
import { blockElement } from '../theme';
import { formatSetting, parseSetting, type SettingSpec, type SettingValue, type SettingValues } from './spec';

export interface SettingChange {
  key: string;
  value: SettingValue;
}

function domId(key: string): string {
  return `setting-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export class SettingsForm extends LitElement {
  static override properties = {
    specs: { attribute: false },
    values: { attribute: false },
    disabled: { type: Boolean },
    problems: { state: true },
  };

  declare specs: readonly SettingSpec[];
  declare values: SettingValues;
  declare disabled: boolean;
  declare problems: Record<string, string>;

  static override styles = [
    blockElement,
    css`
      fieldset { border: none; margin: 0 0 1rem; padding: 0; min-width: 0; }
      legend { font-weight: 600; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--ink-muted); margin-bottom: 0.5rem; padding: 0; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(11.5rem, 1fr)); gap: 0.75rem 1rem; }
      .field { display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.875rem; min-width: 0; }
      .field > span { font-weight: 500; }
      .field input, .field select { width: 100%; box-sizing: border-box; }
      .pair { display: flex; flex-direction: column; gap: 0.35rem; font-size: 0.875rem; padding: 0.5rem 0.6rem; border: 1px solid var(--line); border-radius: 6px; }
      .toggle { display: flex; align-items: center; gap: 0.45rem; font-weight: 500; }
      .pair .sub { display: flex; align-items: center; gap: 0.5rem; color: var(--ink-muted); }
      .pair .sub input { width: 5.5rem; }
      .help { color: var(--ink-muted); font-size: 0.8rem; }
      .problem { color: var(--danger); font-size: 0.8rem; }
      input[aria-invalid='true'] { border-color: var(--danger); }
    `,
  ];

  constructor() {
    super();
    this.specs = [];
    this.values = {};
    this.disabled = false;
    this.problems = {};
  }

  #value(spec: SettingSpec): SettingValue {
    return this.values[spec.key] ?? spec.default;
  }

  #commit(spec: SettingSpec, text: string): void {
    const parsed = parseSetting(spec, text);
    const problems = { ...this.problems };
    if (!parsed.ok) {
      problems[spec.key] = `${parsed.problem} (default ${formatSetting(spec.default)}).`;
      this.problems = problems;
      return;
    }
    delete problems[spec.key];
    this.problems = problems;
    this.dispatchEvent(new CustomEvent<SettingChange>('setting-change', { detail: { key: spec.key, value: parsed.value }, bubbles: true, composed: true }));
  }

  #input(spec: SettingSpec, extraLabel?: string) {
    const id = domId(spec.key);
    const problem = this.problems[spec.key];
    const value = this.#value(spec);
    const off = spec.shownWhen !== undefined && this.values[spec.shownWhen] === false;
    const describedBy = problem ? `${id}-problem` : spec.help ? `${id}-help` : nothing;
    if (spec.kind === 'choice') {
      return html`<select id=${id} data-testid=${`setting-${spec.key}`} ?disabled=${this.disabled} aria-label=${extraLabel ?? nothing}
        @change=${(event: Event) => this.#commit(spec, (event.target as HTMLSelectElement).value)}>
        ${spec.options.map((option) => html`<option value=${option.value} ?selected=${option.value === value}>${option.label}</option>`)}
      </select>`;
    }
    if (spec.kind === 'bool') return nothing;
    return html`<input id=${id} data-testid=${`setting-${spec.key}`} type="number" inputmode="decimal"
      min=${spec.min} max=${spec.max} step=${spec.kind === 'int' ? 1 : spec.step}
      .value=${String(value)} ?disabled=${this.disabled || off} aria-invalid=${problem ? 'true' : 'false'}
      aria-describedby=${describedBy} aria-label=${extraLabel ?? nothing}
      @change=${(event: Event) => this.#commit(spec, (event.target as HTMLInputElement).value)} />`;
  }

  #notes(spec: SettingSpec) {
    const id = domId(spec.key);
    const problem = this.problems[spec.key];
    if (problem) return html`<span class="problem" id="${id}-problem" role="alert">${problem}</span>`;
    return spec.help ? html`<span class="help" id="${id}-help">${spec.help}</span>` : nothing;
  }

  #field(spec: SettingSpec, dependents: SettingSpec[]) {
    const id = domId(spec.key);
    if (spec.kind === 'bool') {
      return html`<div class="pair">
        <label class="toggle"><input type="checkbox" id=${id} data-testid=${`setting-${spec.key}`} .checked=${this.#value(spec) === true} ?disabled=${this.disabled}
          @change=${(event: Event) => this.#commit(spec, (event.target as HTMLInputElement).checked ? '1' : '0')} />${spec.label}</label>
        ${dependents.map((dependent) => html`<label class="sub">${dependent.label} ${this.#input(dependent, `${spec.label}: ${dependent.label}`)}</label>${this.#notes(dependent)}`)}
      </div>`;
    }
    return html`<label class="field" for=${id}><span>${spec.label}</span>${this.#input(spec)}${this.#notes(spec)}</label>`;
  }

  override render() {
    const groups = new Map<string, SettingSpec[]>();
    for (const spec of this.specs) {
      if (spec.shownWhen && this.specs.some((other) => other.key === spec.shownWhen && other.group === spec.group)) continue;
      const group = spec.group ?? '';
      groups.set(group, [...(groups.get(group) ?? []), spec]);
    }
    return [...groups].map(
      ([group, specs]) => html`<fieldset>
        ${group ? html`<legend>${group}</legend>` : nothing}
        <div class="grid">${specs.map((spec) => this.#field(spec, this.specs.filter((other) => other.shownWhen === spec.key && other.group === spec.group)))}</div>
      </fieldset>`,
    );
  }
}

customElements.define('lab-settings-form', SettingsForm);

declare global {
  interface HTMLElementTagNameMap {
    'lab-settings-form': SettingsForm;
  }
}
