// The stored datasets: name, source, size; choose one to explore, or delete it (asks once more).
import { css, html, LitElement, nothing } from 'lit';
import type { DatasetSummary } from '../../engine/data-types';
import { formatBytes, formatCount } from '../format';
import { blockElement } from '../theme';

function exampleCount(summary: DatasetSummary): number {
  return Object.values(summary.info.splits).reduce((sum, stats) => sum + (stats?.count ?? 0), 0);
}

export function describeSource(summary: DatasetSummary): string {
  const source = summary.info.source;
  if (source.kind === 'generated') {
    const mode = (source.config as { mode?: string } | null)?.mode;
    return mode && mode !== 'rules' ? `generated (${mode}), seed ${source.seed}` : `generated, seed ${source.seed}`;
  }
  return `imported (${source.preset}) from ${source.files.map((file) => file.split(/[\\/]/).pop()).join(', ')}`;
}

export class DatasetList extends LitElement {
  static override properties = {
    datasets: { attribute: false },
    selected: { attribute: false },
    confirming: { state: true },
  };

  declare datasets: DatasetSummary[] | null;
  declare selected: string | null;
  declare confirming: string | null;

  static override styles = [
    blockElement,
    css`
      ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
      li { display: flex; gap: 1rem; align-items: center; justify-content: space-between; padding: 0.65rem 0.85rem; border: 1px solid var(--line); border-radius: 6px; background: var(--surface); flex-wrap: wrap; }
      li.selected { border-color: var(--accent); box-shadow: inset 4px 0 0 var(--accent); background: #fbfcff; }
      .name { font-weight: 600; overflow-wrap: anywhere; }
      .meta { font-size: 0.82rem; color: var(--ink-muted); margin-top: 0.15rem; overflow-wrap: anywhere; }
      .actions { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
      .chosen { font-size: 0.8rem; font-weight: 600; color: var(--accent); }
      .empty { color: var(--ink-muted); margin: 0; }
    `,
  ];

  constructor() {
    super();
    this.datasets = null;
    this.selected = null;
    this.confirming = null;
  }

  #fire(name: 'dataset-select' | 'dataset-delete', id: string): void {
    this.dispatchEvent(new CustomEvent<string>(name, { detail: id, bubbles: true, composed: true }));
  }

  override render() {
    if (this.datasets === null) return html`<p class="empty">Reading the stored datasets…</p>`;
    if (this.datasets.length === 0) return html`<p class="empty" data-testid="no-datasets">No datasets yet: generate one or import your own.</p>`;
    return html`<ul data-testid="dataset-list" aria-label="Stored datasets">
      ${this.datasets.map((summary) => {
        const id = summary.info.id;
        const selected = id === this.selected;
        return html`<li class=${selected ? 'selected' : ''} data-testid="dataset-item" data-id=${id}>
          <div>
            <div class="name">${summary.info.name}</div>
            <div class="meta">${describeSource(summary)} · ${formatCount(exampleCount(summary))} examples · ${formatBytes(summary.byteSize)} · saved ${new Date(summary.info.createdAt).toLocaleString('en')}</div>
          </div>
          <div class="actions">
            ${selected
              ? html`<span class="chosen" aria-current="true">In use</span>`
              : html`<button data-testid="dataset-use" @click=${() => this.#fire('dataset-select', id)} aria-label="Use ${summary.info.name}">Use</button>`}
            ${this.confirming === id
              ? html`<button class="danger" data-testid="dataset-delete-confirm" @click=${() => { this.confirming = null; this.#fire('dataset-delete', id); }}>Delete for good</button>
                  <button data-testid="dataset-delete-keep" @click=${() => (this.confirming = null)}>Keep</button>`
              : html`<button class="danger" data-testid="dataset-delete" aria-label="Delete ${summary.info.name}" @click=${() => (this.confirming = id)}>Delete</button>`}
          </div>
        </li>`;
      })}
    </ul>${nothing}`;
  }
}

customElements.define('lab-dataset-list', DatasetList);

declare global {
  interface HTMLElementTagNameMap {
    'lab-dataset-list': DatasetList;
  }
}
