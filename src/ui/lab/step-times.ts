// This machine's step times, kept in this browser: a timed training step (engine.benchmarkTraining)
// and, per stage, the seconds per unit of work it took when a pipeline stage last ran here. Kept per
// backend, thread count and preset, since each changes the speed.
import type { PipelineResults, PipelineStage } from '../../engine/pipeline-types';
import { pipelineWork, type SplitSizes } from './pipeline-work';
import type { StepTimes } from './run-all-plan';

const STORAGE_KEY = 'relevance-lab.step-times';

export interface MachineKey {
  backend: string;
  threads: number;
  preset: string;
}

interface Stored {
  rowSeconds: number | null;
  stages: Partial<Record<PipelineStage, number>>;
}

const keyOf = (machine: MachineKey) => `${machine.backend}/${machine.threads}/${machine.preset}`;

function readAll(): Record<string, Stored> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Stored>) : {};
  } catch {
    return {};
  }
}

function write(machine: MachineKey, change: (stored: Stored) => Stored): void {
  const all = readAll();
  all[keyOf(machine)] = change(all[keyOf(machine)] ?? { rowSeconds: null, stages: {} });
  localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
}

/** The step times known for this machine, or null before a step was timed here. */
export function readStepTimes(machine: MachineKey): StepTimes | null {
  const stored = readAll()[keyOf(machine)];
  if (!stored || !(typeof stored.rowSeconds === 'number' && stored.rowSeconds > 0)) return null;
  return { rowSeconds: stored.rowSeconds, stages: stored.stages ?? {} };
}

/** How many stages have a time recorded by an earlier run here. */
export function recordedStageCount(times: StepTimes | null): number {
  return times ? Object.keys(times.stages).length : 0;
}

export function saveRowSeconds(machine: MachineKey, rowSeconds: number): void {
  write(machine, (stored) => ({ ...stored, rowSeconds }));
}

/**
 * Keeps the time per unit of work of every stage a job computed from scratch (a resumed stage's
 * seconds cover only part of it).
 */
export function recordStageTimes(machine: MachineKey, results: PipelineResults, sizes: SplitSizes): void {
  const work = new Map(pipelineWork(results.status.settings, sizes).map((entry) => [entry.stage, entry.work]));
  const measured: Partial<Record<PipelineStage, number>> = {};
  for (const stage of results.status.stages) {
    const units = work.get(stage.stage) ?? 0;
    if (stage.status === 'computed' && stage.resumedFromStep === null && units > 0 && stage.seconds > 0) measured[stage.stage] = stage.seconds / units;
  }
  if (Object.keys(measured).length > 0) write(machine, (stored) => ({ ...stored, stages: { ...stored.stages, ...measured } }));
}
