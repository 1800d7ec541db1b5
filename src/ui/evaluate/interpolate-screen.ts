// The Interpolate stage's screen: the pipeline's weight interpolation (settings, Run / Pause / Cancel)
// and its sweep: macro-F1 against alpha on ID validation and on the held-out DASA samples, the alpha
// the stage chose, and every point's numbers.
import { css, html, nothing } from 'lit';
import { PipelineElement } from '../pipeline/pipeline-element';
import type { PipelineInterpolationView } from '../../engine/pipeline-types';
import { formatCount } from '../format';
import '../pipeline/pipeline-card';
import '../stage-header';
import { STAGE_IDS, type StageDefinition } from '../stage';
import { screenElement } from '../theme';
import { formatMetric } from '../format-metric';
import './index';
import type { SweepPoint } from './alpha-sweep-chart';

export class InterpolateScreen extends PipelineElement {
  static override properties = { stage: { attribute: false } };
  declare stage: StageDefinition | null;
  #points: { key: string; points: SweepPoint[] } | null = null;

  static override styles = [
    screenElement,
    css`
      p { font-size: 0.9rem; }
      tr.chosen td { font-weight: 600; background: #fff3ec; }
      .scroll { overflow-x: auto; }
    `,
  ];

  constructor() {
    super();
    this.stage = null;
  }

  #pointsOf(view: PipelineInterpolationView): SweepPoint[] {
    if (this.#points?.key !== view.stage.key) {
      this.#points = { key: view.stage.key, points: view.record.sweep.map((point) => ({ alpha: point.alpha, id: point.val.macro_f1, ood: point.dasa?.macro_f1 ?? null })) };
    }
    return this.#points.points;
  }

  #results(view: PipelineInterpolationView) {
    const { record } = view;
    return html`<section class="card" aria-labelledby="sweep-title">
      <h3 id="sweep-title">The sweep</h3>
      <lab-alpha-sweep data-testid="interpolate-sweep" .points=${this.#pointsOf(view)} .chosen=${record.alpha} .metric=${'macro-F1'}
        .idLabel=${`ID validation (${formatCount(record.rows.val)})`} .oodLabel=${`held-out DASA samples (${formatCount(record.rows.dasa)})`}></lab-alpha-sweep>
      <p data-testid="interpolate-chosen">The stage kept <strong>alpha = ${record.alpha}</strong>: theta = ${(1 - record.alpha).toFixed(2)} theta_start + ${record.alpha.toFixed(2)} theta_FT, the best macro-F1 on ID validation and the held-out DASA samples together (ties go to the larger alpha). theta_start is the probe (or the pretrained model without LP).</p>
      <div class="scroll"><table data-testid="interpolate-combined">
        <caption class="visually-hidden">Each alpha on ID validation and the held-out DASA samples together</caption>
        <thead><tr><th class="num" scope="col">alpha</th><th class="num" scope="col">n</th><th class="num" scope="col">accuracy</th><th class="num" scope="col">macro-F1 (chooses alpha)</th></tr></thead>
        <tbody>${record.sweep.map((point) => html`<tr class=${point.alpha === record.alpha ? 'chosen' : ''}>
          <td class="num">${point.alpha}</td><td class="num">${formatCount(point.combined.n)}</td><td class="num">${formatMetric(point.combined.accuracy)}</td><td class="num">${formatMetric(point.combined.macro_f1)}</td>
        </tr>`)}</tbody>
      </table></div>
    </section>`;
  }

  override render() {
    const { stage, state } = this;
    if (!stage || !state) return nothing;
    const view = this.session.results?.interpolation ?? null;
    return html`<lab-stage-header .stage=${stage} .position=${STAGE_IDS.indexOf(stage.id) + 1}></lab-stage-header>
      <lab-pipeline-card .lab=${this.lab} .state=${state} .stage=${'interpolate'} .definition=${stage}></lab-pipeline-card>
      ${view
        ? this.#results(view)
        : html`<section class="card"><h3>The sweep</h3><p class="muted" data-testid="interpolate-empty">No sweep stored for these settings yet: run Interpolate.</p></section>`}`;
  }
}

customElements.define('lab-interpolate-screen', InterpolateScreen);

declare global {
  interface HTMLElementTagNameMap {
    'lab-interpolate-screen': InterpolateScreen;
  }
}
