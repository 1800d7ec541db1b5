// How much computing each pipeline stage does for given settings and split sizes, in one unit: a
// training row (one sequence through forward and backward). Pure: the time estimate multiplies it
// by a measured time per row.
import type { PipelineSettings, PipelineStage } from '../../engine/pipeline-types';

/** A forward pass costs about a third of a training step (the backward pass is about twice the forward). */
export const FORWARD_SHARE = 1 / 3;

export interface SplitSizes {
  train: number;
  val: number;
  test_id: number;
  test_ood: number;
  pool: number;
}

export interface StageWork {
  stage: PipelineStage;
  /** Training rows, counting a forward-only row as FORWARD_SHARE of one. */
  work: number;
}

function trainingSteps(length: PipelineSettings['finetune']['length'], rows: number, batchSize: number): number {
  return 'steps' in length ? length.steps : Math.ceil((length.epochs * rows) / batchSize);
}

/** Pool samples DASA selects, and how many of them join fine-tuning (the rest choose alpha). */
function selectedSamples(settings: PipelineSettings, sizes: SplitSizes): { added: number; heldOut: number } {
  if (settings.selection === 'none') return { added: 0, heldOut: 0 };
  const budget = Math.min(sizes.pool, settings.dasa.budget ?? Math.round(settings.dasa.budgetFraction * sizes.train));
  const heldOut = budget >= 2 ? Math.max(1, Math.round(budget * settings.annotate.holdoutFraction)) : 0;
  return { added: budget - heldOut, heldOut };
}

/** The stages these settings run, in order, with the work of each (annotate and random selection are free). */
export function pipelineWork(settings: PipelineSettings, sizes: SplitSizes): StageWork[] {
  const forward = (rows: number) => rows * FORWARD_SHARE;
  const { pretrain, probe, dasa, finetune, interpolate, evaluate } = settings;
  const { added, heldOut } = selectedSamples(settings, sizes);
  const corpus = sizes.train + sizes.val + sizes.pool;
  const pretrainSteps = trainingSteps(pretrain.length, corpus, pretrain.batchSize);
  const finetuneRows = (finetune.trainRows ?? sizes.train) + added;
  const shipped = 'source' in pretrain && pretrain.source === 'shipped'; // loaded, not trained
  const stages: StageWork[] = [{ stage: 'pretrain', work: shipped ? 0 : pretrainSteps * pretrain.batchSize + forward(corpus * pretrain.heldOutFraction) }];
  if (probe) stages.push({ stage: 'probe', work: forward(probe.trainRows ?? sizes.train) });
  if (settings.selection === 'dasa') {
    stages.push({ stage: 'dasa', work: forward((dasa.fitRows ?? sizes.train) + (dasa.valRows ?? sizes.val) + (dasa.poolRows ?? sizes.pool)) });
    stages.push({ stage: 'annotate', work: 0 });
  }
  stages.push({ stage: 'finetune', work: trainingSteps(finetune.length, finetuneRows, finetune.batchSize) * finetune.batchSize });
  if (interpolate) stages.push({ stage: 'interpolate', work: forward(interpolate.alphas.length * ((interpolate.valRows ?? sizes.val) + heldOut)) });
  const testRows = (split: number) => (evaluate.testRows === null ? split : Math.min(split, evaluate.testRows));
  // The temperature's ID val rows (and the optional val_id rows) are scored too.
  const valRows = (rows: number | null | undefined) => (rows === undefined ? 0 : rows === null ? sizes.val : Math.min(sizes.val, rows));
  const evaluateRows = (evaluate.fitRows ?? sizes.train) + testRows(sizes.test_id) + testRows(sizes.test_ood) + valRows(evaluate.calibrationRows) + valRows(evaluate.valRows ?? undefined);
  stages.push({ stage: 'evaluate', work: forward(evaluateRows) });
  return stages;
}

/**
 * The ce-ft variant's settings: no probe, no selection, no interpolation (src/core/experiment/variants.ts,
 * which the page cannot import: its loss constants load tfjs). Its loss does not change the work.
 */
export function ceFtShape(settings: PipelineSettings): PipelineSettings {
  return { ...settings, probe: null, selection: 'none', interpolate: null };
}
