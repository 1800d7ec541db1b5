// What Run all will compute and how long each part should take on this machine: the stages of the
// page's run not stored yet, then the comparison runs (ce-ft, which shares the pretrained model),
// each stage's work times a measured time per training row. Pure.
import type { PipelineStage, Variant } from '../../engine/pipeline-types';
import type { StageWork } from './pipeline-work';

/** `data`: generating the dataset when none is chosen. */
export type PlanStage = PipelineStage | 'data';

/** Which job a plan entry belongs to: the page's own run, or a comparison variant's. */
export type PlanRun = 'page' | Variant;

export interface PlanEntry {
  run: PlanRun;
  stage: PlanStage;
  seconds: number;
}

/** Seconds per training row: measured by a timed step, and per stage from earlier runs on this machine. */
export interface StepTimes {
  rowSeconds: number;
  /** Seconds per unit of work that stage took when it last ran here (it knows its real sequence lengths). */
  stages: Partial<Record<PipelineStage, number>>;
}

/** Generating and storing a dataset, per example (measured: 21,000 examples in about 10 s). */
export const GENERATE_SECONDS_PER_EXAMPLE = 0.0005;

export interface PlanInputs {
  /** Examples to generate first; 0 when a dataset is chosen. */
  generateExamples: number;
  /** The page's run, its stored stages left out. */
  page: StageWork[];
  /** Comparison runs after it, each with the stages it still has to compute. */
  comparisons: { run: Variant; work: StageWork[] }[];
  times: StepTimes;
}

export function stageSeconds(work: StageWork, times: StepTimes): number {
  return work.work * (times.stages[work.stage] ?? times.rowSeconds);
}

export function runAllPlan(inputs: PlanInputs): PlanEntry[] {
  const entries: PlanEntry[] = [];
  if (inputs.generateExamples > 0) entries.push({ run: 'page', stage: 'data', seconds: inputs.generateExamples * GENERATE_SECONDS_PER_EXAMPLE });
  const add = (run: PlanRun, work: StageWork[]) => {
    for (const stage of work) if (stage.work > 0) entries.push({ run, stage: stage.stage, seconds: stageSeconds(stage, inputs.times) });
  };
  add('page', inputs.page);
  for (const comparison of inputs.comparisons) add(comparison.run, comparison.work);
  return entries;
}

export function planSeconds(plan: readonly PlanEntry[]): number {
  return plan.reduce((sum, entry) => sum + entry.seconds, 0);
}
