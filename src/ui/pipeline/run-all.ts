// <lab-run-all>: the whole DaRL pipeline in one go, from the side bar: a dataset from the Data stage's
// generator settings when none is chosen, then Pretrain -> Probe -> DASA (with the chosen annotator)
// -> Fine-tune -> Interpolate -> Evaluate, reusing every stage already stored for these settings.
import { css, html, nothing } from 'lit';
import { PipelineElement } from './pipeline-element';
import '../job/job-controls';
import { ALL_SETTINGS, stageById } from '../stages';
import { controls, tokens } from '../theme';
import { ensureDataset } from '../training/dataset-choice';
import { PIPELINE_CANCELLED_NOTE, pipelineBlocker } from './pipeline-blocker';
import { changedPipelineSettings, RUN_ALL_STEPS } from './pipeline-request';

export class RunAll extends PipelineElement {

  static override styles = [
    tokens,
    controls,
    css`
      :host { display: block; }
      section { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 0.75rem 0.9rem; }
      h2 { font-size: 0.95rem; margin: 0 0 0.35rem; }
      p { margin: 0.3rem 0; font-size: 0.8rem; }
      .step { font-weight: 600; color: var(--accent); }
    `,
  ];

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('lab') || changed.has('state')) ensureDataset(this.lab, this.state);
  }

  #step() {
    const session = this.session;
    if (session.running !== 'all' || !session.runner.active) return nothing;
    const active = session.activeStage;
    const index = active === null ? -1 : RUN_ALL_STEPS.indexOf(active as (typeof RUN_ALL_STEPS)[number]);
    if (index < 0) return html`<p class="step" data-testid="run-all-step">Starting…</p>`;
    const title = active === 'data' ? 'Data' : stageById(active as never).title;
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

  override render() {
    const state = this.state;
    if (!state) return nothing;
    const changed = changedPipelineSettings(state.values, ALL_SETTINGS);
    const label = changed.length === 0 ? 'Run all with defaults' : `Run all (${changed.length} changed setting${changed.length === 1 ? '' : 's'})`;
    const blocker = pipelineBlocker(state, { needsDataset: false });
    const preset = String(state.values['model.preset'] ?? 'small');
    const annotator = state.values['dasa.annotator'] === 'person' ? 'your grades' : 'the oracle';
    return html`<section aria-labelledby="run-all-title" data-testid="run-all">
      <h2 id="run-all-title">The whole pipeline</h2>
      <p class="muted">${state.dataset ? 'On the chosen dataset' : 'A generated dataset (Data settings)'}, the ${preset} preset: Pretrain, Probe, DASA graded by ${annotator}, Fine-tune, Interpolate, Evaluate. Stored stages are reused.</p>
      <lab-job-controls .runner=${this.session.runner} .runLabel=${label} ?disabled=${blocker !== ''} .disabledReason=${blocker}
        .cancelledNote=${PIPELINE_CANCELLED_NOTE} .testIds=${'run-all'} data-testid="run-all-controls" @run=${() => void this.session.run('all')}></lab-job-controls>
      ${this.#step()}${this.#outcome()}
    </section>`;
  }
}

customElements.define('lab-run-all', RunAll);

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-all': RunAll;
  }
}
