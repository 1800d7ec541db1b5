// One progress bar for the whole of Run all: where the job is in the plan, as a share of the
// planned seconds, and the time left. The stage running gives its own time left (the engine measures
// it); the stages after it take their planned seconds, scaled by how the finished stages compared
// with their plan. Pure: the caller passes the clock (seconds).
import { planSeconds, type PlanEntry, type PlanRun, type PlanStage } from './run-all-plan';

export interface StageReport {
  run: PlanRun;
  stage: PlanStage;
  /** Share of the stage done (null when the stage does not say). */
  fraction: number | null;
  /** The engine's time left in this stage. */
  etaSeconds: number | null;
}

export interface OverallView {
  fraction: number;
  secondsLeft: number;
  /** The plan entry running, null before the first report. */
  entry: PlanEntry | null;
  /** Position of that entry among the plan's, from 1. */
  position: number;
}

export class OverallProgress {
  #index = -1;
  #enteredAt = 0;
  #fraction = 0;
  #eta: number | null = null;
  /** Seconds the finished stages took and were planned to take (for the speed of the rest). */
  #actual = 0;
  #planned = 0;
  readonly #total: number;

  constructor(readonly plan: readonly PlanEntry[]) {
    this.#total = planSeconds(plan);
  }

  /** Takes a progress report; reports of stages outside the plan (or behind it) change nothing. */
  report(report: StageReport, now: number): void {
    const from = Math.max(this.#index, 0);
    const found = this.plan.findIndex((entry, i) => i >= from && entry.run === report.run && entry.stage === report.stage);
    if (found < 0) return;
    if (found !== this.#index) {
      if (this.#index >= 0) {
        this.#actual += now - this.#enteredAt;
        this.#planned += this.plan[this.#index].seconds;
      }
      this.#index = found;
      this.#enteredAt = now;
    }
    this.#fraction = Math.min(1, Math.max(0, report.fraction ?? 0));
    this.#eta = report.etaSeconds;
  }

  /** How much slower (above 1) or faster this machine runs than the plan, from the finished stages. */
  get speed(): number {
    return this.#planned > 1 ? this.#actual / this.#planned : 1;
  }

  view(): OverallView {
    const index = this.#index;
    if (index < 0 || this.#total <= 0) return { fraction: 0, secondsLeft: this.#total, entry: null, position: 0 };
    const before = planSeconds(this.plan.slice(0, index));
    const current = this.plan[index];
    const after = planSeconds(this.plan.slice(index + 1));
    const currentLeft = this.#eta ?? current.seconds * (1 - this.#fraction) * this.speed;
    return {
      fraction: Math.min(1, (before + current.seconds * this.#fraction) / this.#total),
      secondsLeft: currentLeft + after * this.speed,
      entry: current,
      position: index + 1,
    };
  }
}
