// A few pairs from the dataset's ID test and OOD test splits to try: clicking one puts it in the
// form. Their text comes from data, so it is rendered as text only.
import { css, html, LitElement, nothing } from 'lit';
import type { PlaygroundExample } from '../../engine/playground-types';
import { blockElement } from '../theme';

const SPLIT_WORDS: Record<PlaygroundExample['split'], string> = { test_id: 'ID test', test_ood: 'OOD test' };

export class ExamplePairs extends LitElement {
  static override properties = {
    examples: { attribute: false },
    labelNames: { attribute: false },
  };

  declare examples: PlaygroundExample[] | null;
  declare labelNames: readonly string[];

  static override styles = [
    blockElement,
    css`
      ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.5rem; }
      button { width: 100%; height: 100%; text-align: left; display: flex; flex-direction: column; gap: 0.2rem; padding: 0.55rem 0.7rem; }
      .meta { display: flex; gap: 0.4rem; flex-wrap: wrap; font-size: 0.75rem; color: var(--ink-muted); }
      .split { font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
      .split.test_ood { color: var(--warn-line); }
      .split.test_id { color: var(--accent); }
      .query { font-weight: 600; overflow-wrap: anywhere; }
      .title { font-size: 0.85rem; color: var(--ink-muted); overflow-wrap: anywhere; }
      .empty { margin: 0; color: var(--ink-muted); }
    `,
  ];

  constructor() {
    super();
    this.examples = null;
    this.labelNames = ['irrelevant', 'weak', 'strong'];
  }

  #pick(example: PlaygroundExample): void {
    this.dispatchEvent(new CustomEvent<PlaygroundExample>('example-pick', { detail: example, bubbles: true, composed: true }));
  }

  override render() {
    const examples = this.examples;
    if (examples === null) return html`<p class="empty">Reading examples…</p>`;
    if (examples.length === 0) return html`<p class="empty">This dataset has no ID test or OOD test examples.</p>`;
    return html`<ul data-testid="example-pairs">${examples.map((example) => html`<li>
      <button data-testid="example-pair" data-split=${example.split} data-id=${example.id} @click=${() => this.#pick(example)}>
        <span class="meta">
          <span class="split ${example.split}">${SPLIT_WORDS[example.split]}</span>
          ${example.grade === null ? nothing : html`<span>gold: ${example.grade} ${this.labelNames[example.grade] ?? ''}</span>`}
          ${example.tags.length > 0 ? html`<span>${example.tags.join(', ')}</span>` : nothing}
        </span>
        <span class="query">${example.query}</span>
        <span class="title">${example.item.title}</span>
      </button>
    </li>`)}</ul>`;
  }
}

customElements.define('lab-example-pairs', ExamplePairs);

declare global {
  interface HTMLElementTagNameMap {
    'lab-example-pairs': ExamplePairs;
  }
}
