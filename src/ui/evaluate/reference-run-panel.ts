// <lab-reference-run>: the reference run shipped with the page (public/reference/), every variant's
// mean ± spread over its seeds in the same table as the page's own variants, the page's run set beside
// the reference's same variant, and how the reference was made. Nothing is computed here: the numbers
// come from the committed report, loaded from the page's origin (offline too, from the service worker).
import { css, html, LitElement, nothing } from 'lit';
import type { PipelineEvaluationView } from '../../engine/pipeline-types';
import type { ReferenceRun } from '../../core/experiment/reference-run';
import { formatCount, formatSeconds } from '../format';
import { screenCard } from '../theme';
import { ownBesideReference, ownRun, referenceRows, referenceTitle } from './reference-rows';
import { DEFAULT_COLUMNS } from './variant-summary';
import './variants-table';

export class ReferenceRunPanel extends LitElement {
  static override properties = { load: { attribute: false }, evaluation: { attribute: false }, reference: { state: true }, loadError: { state: true } };
  /** Reads the shipped reference run (the page's lab reads it once). */
  declare load: (() => Promise<ReferenceRun>) | null;
  /** The page's own evaluation for its settings, or null before there is one. */
  declare evaluation: PipelineEvaluationView | null;
  declare reference: ReferenceRun | null;
  declare loadError: string | null;

  static override styles = [
    screenCard,
    css`
      h4 { margin: 0.9rem 0 0.3rem; font-size: 0.95rem; }
      p { font-size: 0.9rem; }
      .beside { font-weight: 600; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.9rem; margin: 0; font-size: 0.85rem; }
      dt { color: var(--ink-muted); }
      dd { margin: 0; }
      pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.8rem; background: var(--canvas); border: 1px solid var(--line); border-radius: 4px; padding: 0.4rem 0.6rem; }
    `,
  ];

  constructor() {
    super();
    this.load = null;
    this.evaluation = null;
    this.reference = null;
    this.loadError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.reference || !this.load) return;
    this.load().then(
      (reference) => {
        this.reference = reference;
        this.loadError = null;
      },
      (error: unknown) => (this.loadError = error instanceof Error ? error.message : String(error)),
    );
  }

  #made(reference: ReferenceRun) {
    const { made } = reference;
    const examples = Object.entries(reference.examples).map(([split, count]) => `${split} ${formatCount(count)}`).join(', ');
    return html`<h4>How it was made</h4>
      <dl data-testid="reference-made">
        <dt>Commands</dt><dd><pre>${made.command.join('\n')}</pre></dd>
        <dt>Date</dt><dd>${made.date.slice(0, 10)}</dd>
        <dt>Machine</dt><dd>${made.machine}${made.backend ? `, ${made.backend} backend` : ''}</dd>
        <dt>Run time</dt><dd>${formatSeconds(made.wallSeconds)} (runs merged into one report add up)</dd>
        <dt>Model, seeds</dt><dd>${reference.preset} preset, ${reference.budget} budget, seeds ${reference.seeds.join(', ')}</dd>
        <dt>Data</dt><dd>${examples} examples</dd>
      </dl>`;
  }

  override render() {
    const { reference } = this;
    if (!reference) {
      return html`<section class="card" data-testid="reference-run" aria-labelledby="reference-title">
        <h3 id="reference-title">Reference run</h3>
        ${this.loadError ? html`<p class="error" role="alert" data-testid="reference-error">The reference run could not be read: ${this.loadError}</p>` : html`<p class="muted">Reading the reference run…</p>`}
      </section>`;
    }
    const beside = ownBesideReference(reference, ownRun(this.evaluation));
    return html`<section class="card" data-testid="reference-run" aria-labelledby="reference-title">
      <h3 id="reference-title" data-testid="reference-title">${referenceTitle(reference)}</h3>
      <p class="muted">What the lab measured with every variant at the ${reference.budget} budget of the ${reference.preset} preset, shipped with the page: a yardstick for the run above, not computed in this browser. Runs with other settings or data are not expected to match it.</p>
      <lab-variants-table .tableTestId=${'reference-table'} .variants=${referenceRows(reference)} .columns=${DEFAULT_COLUMNS}></lab-variants-table>
      ${beside ? html`<p class="beside" data-testid="reference-beside">${beside}</p>` : nothing}
      ${this.#made(reference)}
    </section>`;
  }
}

customElements.define('lab-reference-run', ReferenceRunPanel);

declare global {
  interface HTMLElementTagNameMap {
    'lab-reference-run': ReferenceRunPanel;
  }
}
