// <lab-run-all-time>: Run all's time. Before it starts, how long it should take on this machine (an
// estimate, run-all-estimate.ts), with the time of each part; while it runs, one bar for the whole
// pipeline with the time left (overall-progress.ts), beside the running stage's own bar.
import { css, html, nothing } from 'lit';
import { formatSeconds } from '../format';
import { stageById } from '../stages';
import { blockElement } from '../theme';
import { OverallProgress } from '../lab/overall-progress';
import { PipelineElement } from './pipeline-element';
import { progressStage } from '../lab/pipeline-request';
import type { PlanEntry } from '../lab/run-all-plan';

const now = () => performance.now() / 1000;

function partName(entry: PlanEntry): string {
  const page = entry.stage === 'annotate' || entry.stage === 'random-select' || entry.stage === 'baseline-select' ? 'dasa' : entry.stage;
  const stage = page === 'data' ? 'Generate the dataset' : stageById(page).title;
  return entry.run === 'page' ? stage : `${entry.run}: ${stage}`;
}

export class RunAllTime extends PipelineElement {
  readonly #estimator = this.followLab((lab) => lab.runAllEstimator);
  readonly #comparison = this.followLab((lab) => lab.runComparison);
  #overall: OverallProgress | null = null;
  #following = false;
  #reported: unknown = null;

  static override styles = [
    blockElement,
    css`
      p { margin: 0.3rem 0; font-size: 0.8rem; }
      progress { width: 100%; height: 0.6rem; appearance: none; border: none; border-radius: 999px; background: #e4e8ef; overflow: hidden; }
      progress::-webkit-progress-bar { background: #e4e8ef; border-radius: 999px; }
      progress::-webkit-progress-value { background: var(--ink); border-radius: 999px; }
      .line { display: flex; justify-content: space-between; gap: 0.5rem; flex-wrap: wrap; font-size: 0.8rem; color: var(--ink-muted); }
      details { font-size: 0.8rem; }
      ul { margin: 0.2rem 0; padding-left: 1.1rem; }
      button { font-size: 0.75rem; padding: 0.15rem 0.5rem; }
    `,
  ];

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    void this.#comparison().refresh();
    void this.#estimator().update();
    this.#follow();
  }

  /** Starts the whole-pipeline bar when Run all starts, and feeds it the job's progress. */
  #follow(): void {
    const { session } = this;
    const running = session.running === 'all' && session.runner.active;
    if (!running) {
      this.#overall = null;
      this.#following = false;
      return;
    }
    if (!this.#following) {
      // Without a plan (no step could be timed) the stage's own bar is all there is.
      const plan = this.#estimator().estimate?.plan ?? [];
      this.#overall = plan.length > 0 ? new OverallProgress(plan) : null;
      this.#following = true;
    }
    const progress = session.runner.progress;
    const stage = progress ? progressStage(progress.stage) : null;
    if (!this.#overall || !progress || !stage || progress === this.#reported) return;
    this.#reported = progress;
    const fraction = progress.total > 0 ? progress.step / progress.total : null;
    this.#overall.report({ run: session.comparing ?? 'page', stage, fraction, etaSeconds: progress.etaSeconds }, now());
  }

  #running() {
    const view = this.#overall!.view();
    const left = this.session.runner.state === 'paused' ? 'paused' : `about ${formatSeconds(view.secondsLeft)} left`;
    return html`<div data-testid="run-all-overall">
      <div class="line"><span>Whole pipeline: ${Math.round(view.fraction * 100)}%</span><span data-testid="run-all-overall-eta">${left}</span></div>
      <progress aria-label="Whole pipeline progress" max="1" .value=${view.fraction}></progress>
    </div>`;
  }

  #before() {
    const estimator = this.#estimator();
    if (estimator.measuring) return html`<p data-testid="run-all-estimate" data-state="measuring">Timing a training step of this machine…</p>`;
    const estimate = estimator.estimate;
    if (!estimate) {
      if (!estimator.unmeasured) return estimator.error ? html`<p class="muted" data-testid="run-all-estimate" data-state="error">No time estimate: ${estimator.error.message}</p>` : nothing;
      return html`<p data-testid="run-all-estimate" data-state="unmeasured">Time on this machine: not measured yet.
        <button data-testid="run-all-measure" @click=${() => void estimator.measure()}>Estimate (times 3 steps)</button></p>`;
    }
    if (estimate.plan.length === 0) return html`<p data-testid="run-all-estimate" data-state="stored">Everything is stored for these settings: Run all reads it back.</p>`;
    const source = estimate.recordedStages > 0 ? 'step times of earlier runs here' : 'a timed training step here';
    return html`<p data-testid="run-all-estimate" data-state="estimated" data-seconds=${Math.round(estimate.seconds)}>
        Expected on this machine: <strong>about ${formatSeconds(estimate.seconds)}</strong> (an estimate from ${source} and each stage's steps).</p>
      <details><summary>By part</summary><ul>${estimate.plan.map((entry) => html`<li>${partName(entry)}: ${formatSeconds(entry.seconds)}</li>`)}</ul></details>`;
  }

  override render() {
    if (!this.state) return nothing;
    if (this.#following) return this.#overall ? this.#running() : nothing;
    return this.#before();
  }
}

customElements.define('lab-run-all-time', RunAllTime);

declare global {
  interface HTMLElementTagNameMap {
    'lab-run-all-time': RunAllTime;
  }
}
