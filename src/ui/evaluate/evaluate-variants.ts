// <lab-evaluate-variants>: the Evaluate screen's variants side by side. Every experiment variant
// (src/core/experiment/variants.ts) whose evaluation is stored for the page's settings is a row of
// the table, the page's own run marked, with the overlap baseline's row beside them (computed in the
// engine) and a plain sentence for each variant that does not clear it; "Run the other variants" runs the missing ones one after
// another in the engine (the page's pipeline job: the usual progress, pause and cancel), then the
// table is read again.
import { css, html, nothing } from 'lit';
import { PipelineElement } from '../pipeline/pipeline-element';
import '../job/job-controls';
import { PIPELINE_CANCELLED_NOTE, pipelineBlocker } from '../lab/pipeline-blocker';
import { blockElement, controls } from '../theme';
import './variants-table';
import { baselineVerdicts } from './baseline-verdicts';
import { variantRows } from './variant-rows';
import { DEFAULT_COLUMNS } from './variant-summary';

export class EvaluateVariants extends PipelineElement {
  readonly #runs = this.followLab((lab) => lab.variantRuns);

  static override styles = [
    blockElement,
    css`
      h3 { margin: 0 0 0.75rem; font-size: 1.1rem; }
      p { font-size: 0.9rem; }
      .step { font-weight: 600; color: var(--accent); }
      .run { margin-top: 0.75rem; }
      .stale { opacity: 0.6; }
      .verdicts { margin: 0.6rem 0 0; padding-left: 1.2rem; font-size: 0.9rem; }
    `,
  ];

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // Re-rendered on every session change (settings read, a job's progress or end): read the lookups when they are stale.
    if (this.state?.engineReady) void this.#runs().refresh();
  }

  override render() {
    const session = this.session;
    const runs = this.#runs();
    const request = session.request();
    if (!this.state || !request) return nothing;
    const fresh = runs.lookupsFor === JSON.stringify(request) && session.current;
    const own = session.results?.evaluation ?? null;
    // Lookups read for other settings (or before the last job ended) are not shown: the page's own run alone until they are read.
    const overlap = runs.baselines?.datasetId === request.datasetId ? runs.baselines.baselines.overlap : null;
    const { rows, missing } = variantRows(own, request.seed ?? 1, fresh ? (runs.lookups ?? []) : [], overlap);
    const verdicts = baselineVerdicts(rows);
    const mine = runs.current !== null && session.runner.active;
    const blocker = pipelineBlocker(this.page) || (!fresh ? 'Reading what is stored for these settings…' : missing.length === 0 ? 'Every variant is stored for these settings.' : '');
    const label = missing.length === 6 ? 'Run the variants' : 'Run the other variants';
    return html`<section class="card ${fresh ? '' : 'stale'}" aria-labelledby="eval-variants-title" data-fresh=${fresh ? 'true' : 'false'}>
      <h3 id="eval-variants-title">Every variant side by side</h3>
      <lab-variants-table data-testid="evaluate-variants" .variants=${rows} .columns=${DEFAULT_COLUMNS}></lab-variants-table>
      <p class="muted">Seed ${request.seed ?? 1}. Each variant is these settings with one switch, as the command line's <code>run</code> makes it (docs/PIPELINE.md, "Variants"); the stages variants share are computed once.</p>
      ${verdicts.length > 0
        ? html`<ul class="verdicts" data-testid="baseline-verdicts">${verdicts.map((verdict) => html`<li data-variant=${verdict.variant}>${verdict.text}</li>`)}</ul>`
        : overlap && rows.some((row) => !row.baseline)
          ? html`<p data-testid="baseline-cleared">Every variant shown clears the overlap baseline on ID and OOD macro-F1.</p>`
          : nothing}
      ${runs.loadError ? html`<p class="error" role="alert" data-testid="variants-error">${runs.loadError.name}: ${runs.loadError.message}</p>` : nothing}
      ${runs.baselineError ? html`<p class="error" role="alert" data-testid="baselines-error">Baselines: ${runs.baselineError.name}: ${runs.baselineError.message}</p>` : nothing}
      <div class="run">
        ${missing.length > 0 && fresh ? html`<p data-testid="variants-missing">Not run with these settings yet: ${missing.join(', ')}.</p>` : nothing}
        <lab-job-controls .runner=${session.runner} .runLabel=${label} ?disabled=${blocker !== ''} .disabledReason=${blocker}
          .cancelledNote=${PIPELINE_CANCELLED_NOTE} .testIds=${'variants'} quietErrors
          @run=${() => void runs.run(missing)}></lab-job-controls>
        ${mine ? html`<p class="step" data-testid="variants-step" data-variant=${runs.current!.variant}>Variant ${runs.current!.index + 1} of ${runs.current!.total}: ${runs.current!.variant}</p>` : nothing}
        ${runs.error && session.runner.state === 'failed' && session.runner.error === runs.error
          ? html`<p class="error" role="alert" data-testid="variants-run-error">${runs.error.name}: ${runs.error.message}</p>`
          : nothing}
      </div>
    </section>`;
  }
}

customElements.define('lab-evaluate-variants', EvaluateVariants);

declare global {
  interface HTMLElementTagNameMap {
    'lab-evaluate-variants': EvaluateVariants;
  }
}
