// <lab-run-all>: the whole DaRL pipeline in one go, from the side bar: a dataset from the Data stage's
// generator settings when none is chosen, then Pretrain -> Probe -> DASA (with the chosen annotator)
// -> Fine-tune -> Interpolate -> Evaluate, reusing every stage already stored for these settings, then
// ce-ft (or darl, when the page's settings are another variant) to compare with. Before it starts it
// says how long it should take here; when it ends it opens Evaluate and says what the run showed.
import { css, html, nothing } from 'lit';
import { PipelineElement } from './pipeline-element';
import '../job/job-controls';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { stageById } from '../stages';
import { blockElement, controls } from '../theme';
import { PIPELINE_CANCELLED_NOTE, pipelineBlocker } from '../lab/pipeline-blocker';
import { changedPipelineSettings, RUN_ALL_STEPS } from '../lab/pipeline-request';
import { splitSizes } from '../lab/run-all-estimate';
import './run-all-time';
import { recordStageTimes } from '../lab/step-times';

export class RunAll extends PipelineElement {
  /** Between the click and the job's start (a step may be timed first). */
  #starting = false;

  static override styles = [
    blockElement,
    css`
      section { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.75rem 0.9rem; }
      h2 { font-size: 0.95rem; margin: 0 0 0.35rem; }
      p { margin: 0.3rem 0; font-size: 0.8rem; }
      .step { font-weight: 600; color: var(--accent); }
    `,
  ];

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('lab') || changed.has('state')) this.page.ensureDataset();
  }

  #step() {
    const session = this.session;
    if (session.running !== 'all' || !session.runner.active) return nothing;
    const active = session.activeStage;
    const index = active === null ? -1 : RUN_ALL_STEPS.indexOf(active as (typeof RUN_ALL_STEPS)[number]);
    if (index < 0) return html`<p class="step" data-testid="run-all-step">Starting…</p>`;
    const title = active === 'data' ? 'Data' : stageById(active as never).title;
    const comparing = session.comparing;
    if (comparing) return html`<p class="step" data-testid="run-all-step" data-stage=${active} data-variant=${comparing}>Comparison run, ${comparing}: ${title}</p>`;
    return html`<p class="step" data-testid="run-all-step" data-stage=${active}>Step ${index + 1} of ${RUN_ALL_STEPS.length}: ${title}</p>`;
  }

  #outcome() {
    const session = this.session;
    if (session.runner.active) return nothing;
    const evaluation = session.results?.evaluation;
    if (!evaluation || session.runner.state !== 'done') return nothing;
    const { test_id, test_ood } = evaluation.record;
    return html`<p data-testid="run-all-done">Done: macro-F1 ID ${test_id.macro_f1.toFixed(3)}, OOD ${test_ood.macro_f1.toFixed(3)} (Evaluate stage).</p>`;
  }

  /** Times a step first when none is known here (the plan needs it), runs, keeps the stage times, opens Evaluate. */
  async #run(): Promise<void> {
    const { state, session } = this;
    const estimator = this.page.runAllEstimator;
    if (!state || session.runner.active || this.#starting) return;
    this.#starting = true;
    this.requestUpdate();
    try {
      await this.#prepareEstimate();
    } finally {
      this.#starting = false;
      this.requestUpdate();
    }
    const own = await session.run('all');
    if (!own || session.runner.state !== 'done') return;
    const machine = await estimator.machine();
    for (const results of [own, ...session.comparisonResults]) recordStageTimes(machine, results, splitSizes(state));
    state.goTo('evaluate');
  }

  /** The plan the whole-pipeline bar follows, with a step timed first when none is known here. */
  async #prepareEstimate(): Promise<void> {
    const estimator = this.page.runAllEstimator;
    await estimator.update();
    await estimator.measure();
    await estimator.update();
  }

  override render() {
    const state = this.state;
    if (!state) return nothing;
    const changed = changedPipelineSettings(state.values, SETTINGS_TABLE);
    const label = changed.length === 0 ? 'Run all with defaults' : `Run all (${changed.length} changed setting${changed.length === 1 ? '' : 's'})`;
    const blocker = pipelineBlocker(this.page, { needsDataset: false });
    const preset = String(state.values['model.preset'] ?? 'small');
    const budget = String(state.values['model.budget'] ?? 'demo');
    const annotator = state.values['dasa.annotator'] === 'person' ? 'your grades' : 'the oracle';
    const measure = () => void this.page.runAllEstimator.measure();
    return html`<section aria-labelledby="run-all-title" data-testid="run-all" @pointerenter=${measure} @focusin=${measure}>
      <h2 id="run-all-title">The whole pipeline</h2>
      <p class="muted">${state.dataset ? 'On the chosen dataset' : 'A generated dataset (Data settings)'}, the ${preset} preset's ${budget} budget: Pretrain, Probe, DASA graded by ${annotator}, Fine-tune, Interpolate, Evaluate, then ce-ft to compare with. Stored stages are reused.</p>
      <lab-job-controls .runner=${this.session.runner} .runLabel=${label} ?disabled=${blocker !== '' || this.#starting} .disabledReason=${blocker}
        .cancelledNote=${PIPELINE_CANCELLED_NOTE} .testIds=${'run-all'} data-testid="run-all-controls" @run=${() => void this.#run()}></lab-job-controls>
      ${this.#step()}<lab-run-all-time .lab=${this.lab} .state=${state}></lab-run-all-time>${this.#outcome()}
    </section>`;
  }
}

customElements.define('lab-run-all', RunAll);

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-all': RunAll;
  }
}
