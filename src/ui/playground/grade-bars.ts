// The three grade probabilities as bars, the most probable grade, and the expected grade (the
// ranking score, sum_k k p_k / 2) on a 0-1 scale. Numbers are also written out for screen readers.
import { css, html, LitElement, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { blockElement } from '../theme';

const percent = (p: number) => `${(100 * p).toFixed(1)}%`;

export class GradeBars extends LitElement {
  static override properties = {
    probs: { attribute: false },
    expectedGrade: { attribute: false },
    labelNames: { attribute: false },
    stale: { type: Boolean },
  };

  declare probs: number[] | null;
  declare expectedGrade: number | null;
  declare labelNames: readonly string[];
  /** The inputs changed since these numbers: shown faded until the new ones arrive. */
  declare stale: boolean;

  static override styles = [
    blockElement,
    css`
      .rows { display: grid; grid-template-columns: max-content minmax(0, 1fr) 4.5rem; gap: 0.45rem 0.75rem; align-items: center; transition: opacity 0.2s; }
      .stale { opacity: 0.55; }
      .label { font-size: 0.9rem; }
      .label.top { font-weight: 700; }
      .track { height: 1.1rem; background: #edf0f5; border-radius: 4px; overflow: hidden; }
      .bar { height: 100%; border-radius: 4px; min-width: 1px; }
      .value { text-align: right; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
      .expected { margin-top: 1rem; }
      .scale { position: relative; height: 0.5rem; border-radius: 999px; background: linear-gradient(90deg, var(--grade-0), var(--grade-1), var(--grade-2)); margin: 0.4rem 0 0.2rem; }
      .marker { position: absolute; top: -0.3rem; width: 3px; height: 1.1rem; background: var(--ink); border-radius: 2px; transform: translateX(-1px); }
      .ends { display: flex; justify-content: space-between; font-size: 0.75rem; color: var(--ink-muted); }
      strong.figure { font-size: 1.15rem; font-variant-numeric: tabular-nums; }
    `,
  ];

  constructor() {
    super();
    this.probs = null;
    this.expectedGrade = null;
    this.labelNames = ['irrelevant', 'weak', 'strong'];
    this.stale = false;
  }

  override render() {
    const probs = this.probs;
    if (!probs) return nothing;
    const top = probs.indexOf(Math.max(...probs));
    const expected = this.expectedGrade ?? 0;
    // Strong first: the order people read relevance in.
    const order = probs.map((_, grade) => grade).reverse();
    return html`<div class="rows ${this.stale ? 'stale' : ''}" data-testid="grade-bars">
        ${order.map((grade) => html`
          <span class="label ${grade === top ? 'top' : ''}">${grade} ${this.labelNames[grade] ?? ''}</span>
          <span class="track" aria-hidden="true"><span class="bar" style=${styleMap({ display: 'block', width: percent(probs[grade]), background: `var(--grade-${grade})` })}></span></span>
          <span class="value" data-testid="grade-prob" data-grade=${grade}>${percent(probs[grade])}</span>`)}
      </div>
      <div class="expected">
        Expected grade <strong class="figure" data-testid="expected-grade">${expected.toFixed(3)}</strong>
        <span class="muted">(sum of k × p<sub>k</sub> / 2: the score a ranking sorts by; most probable: <span data-testid="top-grade">${top} ${this.labelNames[top] ?? ''}</span>)</span>
        <div class="scale" aria-hidden="true"><span class="marker" style=${styleMap({ left: `${(100 * Math.min(1, Math.max(0, expected))).toFixed(2)}%` })}></span></div>
        <div class="ends" aria-hidden="true"><span>0 · ${this.labelNames[0] ?? ''}</span><span>1 · ${this.labelNames[2] ?? ''}</span></div>
      </div>`;
  }
}

customElements.define('lab-grade-bars', GradeBars);

declare global {
  interface HTMLElementTagNameMap {
    'lab-grade-bars': GradeBars;
  }
}
