// The attention of one pair as a heat map: rows are the positions that read (queries), columns the
// tokens they read (keys); darker is more weight, each row shaded relative to its own largest weight
// so a position's spread shows even when it reads many tokens. A layer and a head (or the mean of
// the layer's heads) are chosen above it; hovering a cell names the two tokens and the weight, and
// a sentence says what [CLS], the position the classifier reads, looks at most.
import { css, html, LitElement, nothing } from 'lit';
import type { PairAttention } from '../../engine/attention-types';
import { controls, tokens as themeTokens } from '../theme';
import { attentionMap, tokenLabel, topKeys } from './attention-math';

const LABEL_WIDTH = 92;
const FONT = '11px system-ui, sans-serif';

export class AttentionMap extends LitElement {
  static override properties = {
    attention: { attribute: false },
    stale: { type: Boolean },
    layer: { state: true },
    head: { state: true },
    hovered: { state: true },
  };

  declare attention: PairAttention | null;
  declare stale: boolean;
  declare layer: number;
  declare head: number | 'mean';
  declare hovered: { query: number; key: number } | null;

  static override styles = [
    themeTokens,
    controls,
    css`
      :host { display: block; }
      .row { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; margin-bottom: 0.6rem; }
      .row label { display: flex; flex-direction: column; gap: 0.2rem; font-size: 0.85rem; font-weight: 500; }
      .plot { overflow: auto; max-width: 100%; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
      canvas { display: block; }
      .stale { opacity: 0.55; }
      .line { font-size: 0.85rem; min-height: 1.3em; margin: 0.4rem 0 0; }
    `,
  ];

  constructor() {
    super();
    this.attention = null;
    this.stale = false;
    this.layer = 0;
    this.head = 'mean';
    this.hovered = null;
  }

  get #map(): Float32Array | null {
    const attention = this.attention;
    if (!attention) return null;
    return attentionMap(attention, Math.min(this.layer, attention.layers - 1), this.head === 'mean' ? 'mean' : Math.min(this.head, attention.heads - 1));
  }

  get #cell(): number {
    const length = this.attention?.length ?? 1;
    return Math.max(6, Math.min(16, Math.floor(640 / length)));
  }

  protected override updated(): void {
    this.#draw();
  }

  #draw(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    const attention = this.attention;
    const map = this.#map;
    if (!canvas || !attention || !map) return;
    const { length, tokens } = attention;
    const cell = this.#cell;
    const size = LABEL_WIDTH + cell * length;
    const scale = window.devicePixelRatio || 1;
    canvas.width = size * scale;
    canvas.height = size * scale;
    canvas.style.width = `${size}px`;
    canvas.style.height = `${size}px`;
    const context = canvas.getContext('2d');
    if (!context) return;
    context.scale(scale, scale);
    context.clearRect(0, 0, size, size);
    for (let q = 0; q < length; q++) {
      const row = map.subarray(q * length, (q + 1) * length);
      const largest = row.reduce((max, weight) => Math.max(max, weight), 0) || 1;
      for (let k = 0; k < length; k++) {
        const share = row[k] / largest;
        context.fillStyle = `rgba(36, 86, 200, ${share.toFixed(3)})`;
        context.fillRect(LABEL_WIDTH + k * cell, LABEL_WIDTH + q * cell, cell, cell);
      }
    }
    context.fillStyle = '#1b2230';
    context.font = FONT;
    context.textBaseline = 'middle';
    const labelled = cell >= 9;
    tokens.forEach((token, i) => {
      if (!labelled && i % 2 === 1) return;
      const label = tokenLabel(token);
      context.textAlign = 'right';
      context.fillText(label, LABEL_WIDTH - 4, LABEL_WIDTH + (i + 0.5) * cell, LABEL_WIDTH - 6);
      context.save();
      context.translate(LABEL_WIDTH + (i + 0.5) * cell, LABEL_WIDTH - 4);
      context.rotate(-Math.PI / 2);
      context.textAlign = 'left';
      context.fillText(label, 0, 0, LABEL_WIDTH - 6);
      context.restore();
    });
    const hovered = this.hovered;
    if (hovered) {
      context.strokeStyle = '#b3261e';
      context.lineWidth = 1.5;
      context.strokeRect(LABEL_WIDTH + hovered.key * cell, LABEL_WIDTH + hovered.query * cell, cell, cell);
    }
  }

  #hover(event: MouseEvent): void {
    const length = this.attention?.length ?? 0;
    const cell = this.#cell;
    const key = Math.floor((event.offsetX - LABEL_WIDTH) / cell);
    const query = Math.floor((event.offsetY - LABEL_WIDTH) / cell);
    this.hovered = key >= 0 && query >= 0 && key < length && query < length ? { query, key } : null;
  }

  #hoverLine(map: Float32Array) {
    const attention = this.attention!;
    const hovered = this.hovered;
    if (!hovered) return 'Point at a cell to read it.';
    const weight = map[hovered.query * attention.length + hovered.key];
    return `“${attention.tokens[hovered.query]}” (position ${hovered.query}) reads “${attention.tokens[hovered.key]}” (position ${hovered.key}) with weight ${(100 * weight).toFixed(1)}%${hovered.key > hovered.query ? ': a later token, never read' : ''}.`;
  }

  override render() {
    const attention = this.attention;
    const map = this.#map;
    if (!attention || !map) return nothing;
    const last = attention.length - 1;
    const read = topKeys(map, attention.length, last, attention.tokens);
    const which = `layer ${this.layer + 1}, ${this.head === 'mean' ? `the mean of its ${attention.heads} heads` : `head ${this.head + 1}`}`;
    return html`<div class="row">
        <label>Layer <select data-testid="attention-layer" @change=${(e: Event) => (this.layer = Number((e.target as HTMLSelectElement).value))}>
          ${Array.from({ length: attention.layers }, (_, i) => html`<option value=${i} ?selected=${i === this.layer}>${i + 1}</option>`)}
        </select></label>
        <label>Head <select data-testid="attention-head" @change=${(e: Event) => { const value = (e.target as HTMLSelectElement).value; this.head = value === 'mean' ? 'mean' : Number(value); }}>
          <option value="mean" ?selected=${this.head === 'mean'}>Mean of the heads</option>
          ${Array.from({ length: attention.heads }, (_, i) => html`<option value=${i} ?selected=${i === this.head}>${i + 1}</option>`)}
        </select></label>
      </div>
      <div class="plot ${this.stale ? 'stale' : ''}">
        <canvas data-testid="attention-canvas" role="img" aria-label="Attention of ${which} over ${attention.length} tokens; rows read, columns are read"
          @mousemove=${(e: MouseEvent) => this.#hover(e)} @mouseleave=${() => (this.hovered = null)}></canvas>
      </div>
      <p class="line" aria-live="polite" data-testid="attention-hover">${this.#hoverLine(map)}</p>
      <p class="line muted" data-testid="attention-summary">Rows are the positions that read, columns the tokens they read; darker is more weight (each row scaled to its own largest weight; point at a cell for the number). Nothing reads a later token. In ${which}, ${attention.tokens[last]} (what the classifier reads) reads most: ${read.map((key) => `“${key.token}” ${(100 * key.weight).toFixed(0)}%`).join(', ')}.</p>`;
  }
}

customElements.define('lab-attention-map', AttentionMap);

declare global {
  interface HTMLElementTagNameMap {
    'lab-attention-map': AttentionMap;
  }
}
