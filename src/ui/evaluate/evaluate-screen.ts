// The Evaluate stage's screen: the pipeline's evaluation (settings, Run / Pause / Cancel), every
// experiment variant stored for these settings side by side (with a button to run the missing ones,
// and the overlap baseline's row beside them, computed in the engine: evaluate-variants.ts), and
// what the page's run measured on ID test and OOD test: the ID-OOD gap, confusion matrices,
// reliability diagrams, F1 per grade, and how well each OOD detector separates the two test splits;
// its predictions and report can be downloaded as CSV or JSON (evaluation-downloads.ts).
import { css, html, nothing } from 'lit';
import { PipelineElement } from '../pipeline/pipeline-element';
import type { PipelineEvaluationView } from '../../engine/pipeline-types';
import { DEFAULT_LABEL_NAMES } from '../../core/data/schema';
import { formatCount } from '../format';
import '../pipeline/pipeline-card';
import '../pipeline/run-verdict-line';
import '../stage-header';
import { STAGE_IDS, type StageDefinition } from '../stage';
import { screenElement } from '../theme';
import './evaluate-variants';
import './evaluation-downloads';
import { formatMetric } from '../format-metric';
import './index';
import './reference-run-panel';

export class EvaluateScreen extends PipelineElement {
  static override properties = { stage: { attribute: false } };
  declare stage: StageDefinition | null;

  static override styles = [
    screenElement,
    css`
      h4 { margin: 0 0 0.5rem; font-size: 0.95rem; }
      p { font-size: 0.9rem; }
      .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1.25rem; }
    `,
  ];

  constructor() {
    super();
    this.stage = null;
  }

  #results(view: PipelineEvaluationView) {
    const { record } = view;
    const names = this.state?.dataset?.info.labelNames ?? DEFAULT_LABEL_NAMES;
    const splits = [
      { label: `ID test (${formatCount(record.test_id.n)})`, metrics: record.test_id },
      { label: `OOD test (${formatCount(record.test_ood.n)})`, metrics: record.test_ood },
    ];
    return html`<section class="card" aria-labelledby="eval-run-title">
        <h3 id="eval-run-title">This page's run (${view.variant})</h3>
        <p data-testid="evaluate-gap">ID-OOD gap in macro-F1: <strong>${formatMetric(record.id_ood_gap.macro_f1)}</strong> (ID ${formatMetric(record.test_id.macro_f1)}, OOD ${formatMetric(record.test_ood.macro_f1)}).</p>
        <p class="muted">The views below are this run's. The command line's <code>run</code> also compares the variants over several seeds (docs/PIPELINE.md).</p>
      </section>
      <section class="card" aria-labelledby="eval-downloads-title">
        <h3 id="eval-downloads-title">Download the results</h3>
        <lab-evaluation-downloads .handle=${this.page.handle} .request=${this.session.request()}></lab-evaluation-downloads>
      </section>
      <section class="card" aria-labelledby="eval-confusion-title">
        <h3 id="eval-confusion-title">Confusion matrices (rows: gold grade)</h3>
        <div class="pair">${splits.map((split) => html`<lab-confusion-matrix .matrix=${split.metrics.confusion_matrix} .labelNames=${names} .caption=${split.label}></lab-confusion-matrix>`)}</div>
      </section>
      <section class="card" aria-labelledby="eval-calibration-title">
        <h3 id="eval-calibration-title">Calibration</h3>
        <div class="pair">${splits.map((split) => html`<lab-reliability-diagram .bins=${split.metrics.reliability} .ece=${split.metrics.ece} .caption=${split.label}></lab-reliability-diagram>`)}</div>
      </section>
      <section class="card" aria-labelledby="eval-f1-title">
        <h3 id="eval-f1-title">F1 per grade</h3>
        <lab-class-f1 .series=${splits.map((split) => ({ label: split.label, perClass: split.metrics.per_class }))} .labelNames=${names}></lab-class-f1>
      </section>
      <section class="card" aria-labelledby="eval-ood-title">
        <h3 id="eval-ood-title">OOD detection: ID test against OOD test</h3>
        <lab-ood-detection-table data-testid="evaluate-ood" .rows=${Object.entries(record.ood).map(([detector, report]) => ({ detector, report }))}></lab-ood-detection-table>
        <p class="muted">Mahalanobis and kNN are fitted on ${formatCount(record.rows.fit)} ID train rows of this model's features; MSP and energy read its logits.</p>
      </section>`;
  }

  override render() {
    const { stage, state } = this;
    if (!stage || !state) return nothing;
    const view = this.session.results?.evaluation ?? null;
    return html`<lab-stage-header .stage=${stage} .position=${STAGE_IDS.indexOf(stage.id) + 1}></lab-stage-header>
      <lab-pipeline-card .lab=${this.lab} .state=${state} .stage=${'evaluate'} .definition=${stage}></lab-pipeline-card>
      <lab-run-verdict .lab=${this.lab} .state=${state}></lab-run-verdict>
      <lab-evaluate-variants .lab=${this.lab} .state=${state}></lab-evaluate-variants>
      <lab-reference-run .load=${this.page.referenceRun} .evaluation=${view}></lab-reference-run>
      ${view
        ? this.#results(view)
        : html`<section class="card"><h3>Results</h3><p class="muted" data-testid="evaluate-empty">No evaluation stored for these settings yet: run Evaluate.</p></section>`}`;
  }
}

customElements.define('lab-evaluate-screen', EvaluateScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lab-evaluate-screen': EvaluateScreen;
  }
}
