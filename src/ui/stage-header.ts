// The top of every stage screen: its number and title, what it does and why.
import { css, html, LitElement, nothing } from 'lit';
import type { StageDefinition } from './stage';
import { tokens } from './theme';

export class StageHeader extends LitElement {
  static override properties = { stage: { attribute: false }, position: { type: Number } };
  declare stage: StageDefinition | null;
  declare position: number;

  static override styles = [
    tokens,
    css`
      :host { display: block; margin-bottom: 1.25rem; }
      .eyebrow { font-size: 0.75rem; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; color: var(--accent); margin: 0; }
      h2 { font-size: 1.5rem; margin: 0.15rem 0 0.75rem; color: var(--ink); }
      .explain { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
      .explain div { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.75rem 1rem; }
      h3 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--ink-muted); margin: 0 0 0.35rem; }
      p { margin: 0; line-height: 1.5; font-size: 0.925rem; color: var(--ink); }
      @media (max-width: 760px) { .explain { grid-template-columns: 1fr; } }
    `,
  ];

  constructor() {
    super();
    this.stage = null;
    this.position = 0;
  }

  override render() {
    const stage = this.stage;
    if (!stage) return nothing;
    return html`<p class="eyebrow">Stage ${this.position} of 9</p>
      <h2 data-testid="stage-title">${stage.title}</h2>
      <div class="explain">
        <div><h3>What it does</h3><p>${stage.what}</p></div>
        <div><h3>Why</h3><p>${stage.why}</p></div>
      </div>`;
  }
}

customElements.define('lab-stage-header', StageHeader);

declare global {
  interface HTMLElementTagNameMap {
    'lab-stage-header': StageHeader;
  }
}
