// <lab-shipped-model-note>: on the Pretrain screen, when the pipeline uses the shipped model, what
// that model is and how it was made (read from models/<preset>/shipped.json on this origin).
import { css, html, LitElement, nothing } from 'lit';
import type { GptPresetName } from '../../core/model/gpt';
import { describeShippedModel, parseShippedManifest, SHIPPED_MANIFEST_FILE, SHIPPED_PRESETS, type ShippedManifest } from '../../core/pipeline/shipped/manifest';
import { StateController, type LabState } from '../lab/lab-state';
import { tokens } from '../theme';

type Loaded = { preset: string; manifest: ShippedManifest | null; problem: string | null };

async function loadManifest(preset: string): Promise<Loaded> {
  const url = `${import.meta.env.BASE_URL}models/${preset}/${SHIPPED_MANIFEST_FILE}`;
  try {
    const response = await fetch(url);
    if (!response.ok || response.headers.get('content-type')?.startsWith('text/html')) return { preset, manifest: null, problem: `no shipped model for the ${preset} preset` };
    return { preset, manifest: parseShippedManifest(await response.text(), url), problem: null };
  } catch (error) {
    return { preset, manifest: null, problem: (error as Error).message };
  }
}

export class ShippedModelNote extends LitElement {
  static override properties = { state: { attribute: false }, loaded: { state: true } };
  declare state: LabState | null;
  declare loaded: Loaded | null;
  readonly #follow = new StateController(this);
  #asked: string | null = null;

  static override styles = [tokens, css`:host { display: block; margin-bottom: 1rem; } p { margin: 0.35rem 0; font-size: 0.9rem; line-height: 1.5; } code { font-size: 0.85rem; }`];

  constructor() {
    super();
    this.state = null;
    this.loaded = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.#follow.follow(this.state);
    const preset = String(this.state?.values['model.preset'] ?? 'small');
    if (this.#shipped() && this.#asked !== preset && SHIPPED_PRESETS.includes(preset as GptPresetName)) {
      this.#asked = preset;
      void loadManifest(preset).then((loaded) => {
        if (loaded.preset === this.#asked) this.loaded = loaded;
      });
    }
  }

  #shipped(): boolean {
    return (this.state?.values['pretrain.source'] ?? 'shipped') === 'shipped';
  }

  override render() {
    if (!this.#shipped()) return nothing;
    const preset = String(this.state?.values['model.preset'] ?? 'small');
    if (!SHIPPED_PRESETS.includes(preset as GptPresetName)) return html`<p class="muted" data-testid="shipped-model-note">The ${preset} preset has no shipped model: the pipeline pretrains it here.</p>`;
    if (!this.loaded || this.loaded.preset !== preset) return nothing;
    const { manifest, problem } = this.loaded;
    if (!manifest) return html`<p class="error" data-testid="shipped-model-note">The shipped ${preset} model cannot be read (${problem}); choose “Pretrain here”.</p>`;
    return html`<p data-testid="shipped-model-note">Shipped model: ${describeShippedModel(manifest)}.</p>
      <p class="muted">Its corpus is generated text with a data seed of its own; every pair sharing a query or an item text with the evaluation splits of the default datasets was left out. Its tokenizer is used as it is, also on data you imported.</p>`;
  }
}

customElements.define('lab-shipped-model-note', ShippedModelNote);
