// A person grades the DASA selection, one sample at a time, from the keyboard:
//   0 / 1 / 2  grade the sample (and move to the next)     j or Down / Right  next sample
//   u          undo the last grade                         k or Up / Left     previous sample
//   r          reveal the oracle's grade, when the run allows it
// The grades so far are `grades` (a Map from id to grade); every change fires `annotation-change`.
import { css, html, LitElement, nothing } from 'lit';
import type { Grade } from '../../core/data/schema';
import { DEFAULT_LABEL_NAMES } from '../../core/data/schema';
import { blockElement } from '../theme';
import { AnnotationSession } from './annotation-session';
import type { SampleText } from './sample-text';

export interface AnnotationDetail {
  grades: Map<string, Grade>;
  graded: number;
  total: number;
  complete: boolean;
}

/** Asks for the hidden gold grade of one sample (null: the dataset has none). */
export type RevealGrade = (id: string) => Promise<Grade | null>;

const GRADE_KEYS: Record<string, Grade> = { '0': 0, '1': 1, '2': 2 };

export class AnnotationView extends LitElement {
  static override properties = {
    samples: { attribute: false },
    labelNames: { attribute: false },
    reveal: { attribute: false },
    initialGrades: { attribute: false },
    gradedBy: { attribute: false },
    revealed: { state: true },
    message: { state: true },
  };

  /** The selected samples in selection order. */
  declare samples: readonly SampleText[];
  declare labelNames: readonly string[];
  /** Reveals the oracle grade; null when this run does not allow it. */
  declare reveal: RevealGrade | null;
  /** Grades already given (e.g. restored); only read when `samples` changes. */
  declare initialGrades: ReadonlyMap<string, Grade>;
  /** Whose grades the session holds: a comparison with the oracle only means something for a person's. */
  declare gradedBy: 'person' | 'oracle';
  declare revealed: ReadonlyMap<string, Grade | null>;
  declare message: string;
  #session = new AnnotationSession([]);

  static override styles = [
    blockElement,
    css`
      .frame:focus-visible { outline: 3px solid #8fb0f0; outline-offset: 3px; border-radius: var(--radius); }
      .top { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; margin-bottom: 0.75rem; }
      progress { flex: 1 1 12rem; height: 0.6rem; appearance: none; border: none; border-radius: 999px; background: #e4e8ef; overflow: hidden; }
      progress::-webkit-progress-bar { background: #e4e8ef; border-radius: 999px; }
      progress::-webkit-progress-value { background: var(--ok); border-radius: 999px; }
      .sample { border: 1px solid var(--line); border-radius: var(--radius); padding: 0.9rem 1rem; background: var(--surface); }
      .position { font-size: 0.8rem; color: var(--ink-muted); margin: 0 0 0.35rem; }
      .query { font-size: 1.1rem; font-weight: 600; margin: 0 0 0.5rem; overflow-wrap: anywhere; }
      .title { margin: 0; overflow-wrap: anywhere; }
      .fields { color: var(--ink-muted); font-size: 0.85rem; margin: 0.2rem 0 0; overflow-wrap: anywhere; }
      .tag { display: inline-block; font-size: 0.72rem; padding: 0.05rem 0.4rem; border-radius: 4px; background: #eef0f4; color: #3b4352; margin: 0.4rem 0.2rem 0 0; }
      .grades { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.9rem 0 0.5rem; }
      .grades button[aria-pressed='true'] { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); font-weight: 600; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      kbd { font: inherit; font-size: 0.75rem; border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 0.3rem; background: var(--surface); color: var(--ink); }
      .oracle { margin: 0.6rem 0 0; font-size: 0.9rem; }
      .list { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.75rem 0 0; padding: 0; list-style: none; }
      .list button { min-width: 2.2rem; padding: 0.2rem 0.45rem; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
      .list button.current { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); }
      .list .g0 { background: #eceef2; }
      .list .g1 { background: #fdf0cf; }
      .list .g2 { background: #dfe7fa; }
      .keys { font-size: 0.8rem; margin: 0.6rem 0 0; }
    `,
  ];

  constructor() {
    super();
    this.samples = [];
    this.labelNames = DEFAULT_LABEL_NAMES;
    this.reveal = null;
    this.initialGrades = new Map();
    this.gradedBy = 'person';
    this.revealed = new Map();
    this.message = '';
  }

  /** The grades given so far, by sample id (a copy). */
  get grades(): Map<string, Grade> {
    return this.#session.grades();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('samples')) {
      this.#session = new AnnotationSession(this.samples.map((sample) => sample.id), this.initialGrades);
      this.revealed = new Map();
      this.message = '';
    }
  }

  #changed(): void {
    this.requestUpdate();
    const session = this.#session;
    const detail: AnnotationDetail = { grades: session.grades(), graded: session.graded, total: session.ids.length, complete: session.complete };
    this.dispatchEvent(new CustomEvent<AnnotationDetail>('annotation-change', { detail, bubbles: true, composed: true }));
  }

  #grade(grade: Grade): void {
    if (this.#session.currentId === null) return;
    this.#session.grade(grade);
    this.message = '';
    this.#changed();
  }

  #undo(): void {
    this.message = this.#session.undo() ? 'Last grade undone.' : 'Nothing to undo.';
    this.#changed();
  }

  #move(by: number): void {
    this.#session.move(by);
    this.message = '';
    this.requestUpdate();
  }

  async #reveal(): Promise<void> {
    const id = this.#session.currentId;
    if (id === null) return;
    if (!this.reveal) {
      this.message = 'Revealing the oracle grade is not allowed in this run.';
      return;
    }
    try {
      const grade = await this.reveal(id);
      this.revealed = new Map(this.revealed).set(id, grade);
      this.message = '';
    } catch (error) {
      this.message = `Could not reveal the grade: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  #keys(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (target?.matches?.('input, select, textarea')) return;
    const key = event.key;
    if (key in GRADE_KEYS) this.#grade(GRADE_KEYS[key]);
    else if (key === 'j' || key === 'ArrowDown' || key === 'ArrowRight') this.#move(1);
    else if (key === 'k' || key === 'ArrowUp' || key === 'ArrowLeft') this.#move(-1);
    else if (key === 'u') this.#undo();
    else if (key === 'r') void this.#reveal();
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  #gradeName(grade: Grade): string {
    return `${grade} ${this.labelNames[grade] ?? ''}`.trim();
  }

  #oracleLine(id: string) {
    if (!this.revealed.has(id)) return nothing;
    const gold = this.revealed.get(id)!;
    if (gold === null) return html`<p class="oracle muted" data-testid="annotation-oracle">The oracle has no grade for this sample.</p>`;
    const mine = this.gradedBy === 'oracle' ? undefined : this.#session.gradeOf(id);
    const agreement = mine === undefined ? '' : mine === gold ? ' (agrees with yours)' : ` (yours: ${this.#gradeName(mine)})`;
    return html`<p class="oracle" data-testid="annotation-oracle">Oracle grade: <strong>${this.#gradeName(gold)}</strong>${agreement}</p>`;
  }

  override render() {
    const session = this.#session;
    const total = session.ids.length;
    if (total === 0) return html`<p class="muted">No samples to grade.</p>`;
    const sample = this.samples[session.cursor];
    const current = session.gradeOf(sample.id);
    const fields = Object.entries(sample.item.fields);
    return html`<div class="frame" tabindex="0" role="group" data-testid="annotation-view"
        aria-label="Grade the selected samples. Keys: 0, 1, 2 grade; j or k move; u undoes; r reveals the oracle grade."
        aria-keyshortcuts="0 1 2 j k u r" @keydown=${this.#keys}>
      <div class="top">
        <progress max=${total} .value=${session.graded} aria-label="Samples graded"></progress>
        <span data-testid="annotation-progress" aria-live="polite">${session.graded} of ${total} graded${session.complete ? ': done' : ''}</span>
      </div>
      <div class="sample" data-testid="annotation-sample" data-id=${sample.id}>
        <p class="position">Sample ${session.cursor + 1} of ${total}</p>
        <p class="query" data-testid="annotation-query">${sample.query}</p>
        <p class="title">${sample.item.title}</p>
        ${fields.length > 0 ? html`<p class="fields">${fields.map(([name, value]) => `${name}: ${value}`).join(' · ')}</p>` : nothing}
        ${sample.tags.map((tag) => html`<span class="tag">${tag}</span>`)}
        <div class="grades" role="group" aria-label="Grade">
          ${([0, 1, 2] as Grade[]).map((grade) => html`<button aria-pressed=${current === grade ? 'true' : 'false'} data-testid="annotation-grade-${grade}" @click=${() => this.#grade(grade)}><kbd>${grade}</kbd> ${this.labelNames[grade]}</button>`)}
        </div>
        <div class="actions">
          <button data-testid="annotation-prev" ?disabled=${session.cursor === 0} @click=${() => this.#move(-1)}><kbd>k</kbd> Previous</button>
          <button data-testid="annotation-next" ?disabled=${session.cursor === total - 1} @click=${() => this.#move(1)}><kbd>j</kbd> Next</button>
          <button data-testid="annotation-undo" ?disabled=${!session.canUndo} @click=${() => this.#undo()}><kbd>u</kbd> Undo</button>
          <button data-testid="annotation-reveal" ?disabled=${!this.reveal} title=${this.reveal ? 'Show the hidden gold grade' : 'Not allowed in this run'} @click=${() => void this.#reveal()}><kbd>r</kbd> Reveal oracle grade</button>
        </div>
        ${this.#oracleLine(sample.id)}
        ${this.message ? html`<p class="oracle muted" role="status" data-testid="annotation-message">${this.message}</p>` : nothing}
      </div>
      <ol class="list" aria-label="All samples">
        ${session.ids.map((id, index) => {
          const grade = session.gradeOf(id);
          return html`<li><button class="${grade === undefined ? '' : `g${grade}`} ${index === session.cursor ? 'current' : ''}"
            aria-current=${index === session.cursor ? 'true' : 'false'}
            aria-label="Sample ${index + 1}: ${grade === undefined ? 'not graded' : this.#gradeName(grade)}"
            @click=${() => { session.goTo(index); this.requestUpdate(); }}>${index + 1}${grade === undefined ? '' : `·${grade}`}</button></li>`;
        })}
      </ol>
      <p class="keys muted">Keys (focus this box): <kbd>0</kbd> <kbd>1</kbd> <kbd>2</kbd> grade and move on, <kbd>j</kbd> / <kbd>k</kbd> or arrows move, <kbd>u</kbd> undoes, <kbd>r</kbd> reveals the oracle grade${this.reveal ? '' : ' (not allowed in this run)'}.</p>
    </div>`;
  }
}

customElements.define('lab-annotation-view', AnnotationView);

declare global {
  interface HTMLElementTagNameMap {
    'lab-annotation-view': AnnotationView;
  }
}
