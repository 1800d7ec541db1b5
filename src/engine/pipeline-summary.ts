// One line per stored pipeline stage (what the page shows in the stepper and on the stage cards),
// the stages a set of settings has, and which variant the settings are.
import type { AnnotateRecord } from '../core/pipeline/stages/annotate';
import type { ClassifierRecord } from '../core/pipeline/stages/classifier';
import type { DasaRecord } from '../core/pipeline/stages/dasa';
import type { EvaluateRecord } from '../core/pipeline/stages/evaluate';
import type { InterpolateRecord } from '../core/pipeline/stages/interpolate';
import type { PretrainRecord } from '../core/pipeline/stages/pretrain';
import type { RandomSelectRecord } from '../core/pipeline/stages/random-select';
import type { BaselineSelectRecord } from '../core/pipeline/stages/baseline-select';
import type { PipelineSettings } from '../core/pipeline/settings';
import type { PipelineStage, StageRun } from '../core/pipeline/stage';
import { CROSS_ENTROPY, DEFAULT_OCC } from '../core/training/step/losses';
import type { OccConfig } from '../core/training/step/losses';
import type { PipelineStageInfo } from './pipeline-types';

const f3 = (value: number | null | undefined) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : '?');
const count = (value: number) => value.toLocaleString('en');

export function stageSummary(stage: PipelineStage, record: unknown): string {
  switch (stage) {
    case 'pretrain': {
      const r = record as PretrainRecord;
      if (r.imported) return `the Hugging Face GPT-2 folder ${r.imported.where} (imported; nothing trained)`;
      if (r.shipped) return `the shipped ${r.shipped.preset} model (${count(r.steps)} steps, held-out LM loss ${f3(r.lm?.heldOutLoss)})`;
      return r.steps === 0 ? 'not pretrained (fresh model)' : `${count(r.steps)} steps, loss ${f3(r.finalLoss)}`;
    }
    case 'probe':
    case 'finetune': {
      const r = record as ClassifierRecord;
      const added = r.added > 0 ? ` (${count(r.added)} from DASA)` : '';
      return `${count(r.steps)} steps on ${count(r.examples)} examples${added}, loss ${f3(r.finalLoss)}`;
    }
    case 'dasa': {
      const { stats } = (record as DasaRecord).selection;
      return `${count(stats.selected)} of ${count(stats.pool)} pool samples selected`;
    }
    case 'random-select':
      return `${count((record as RandomSelectRecord).selection.stats.selected)} pool samples drawn at random`;
    case 'baseline-select': {
      const { selection } = record as BaselineSelectRecord;
      return `${count(selection.stats.selected)} pool samples selected by ${selection.method}`;
    }
    case 'annotate': {
      const r = record as AnnotateRecord;
      return `${count(r.finetuneIds.length + r.holdoutIds.length)} graded (${r.annotator}), ${count(r.holdoutIds.length)} held out`;
    }
    case 'interpolate':
      return `alpha ${(record as InterpolateRecord).alpha}`;
    case 'evaluate': {
      const r = record as EvaluateRecord;
      return `macro-F1 ID ${f3(r.test_id.macro_f1)}, OOD ${f3(r.test_ood.macro_f1)}`;
    }
  }
}

export function stageInfo(run: StageRun<unknown>): PipelineStageInfo {
  return {
    stage: run.stage,
    key: run.key,
    name: `stage/${run.stage}-${run.key}`,
    status: run.status,
    seconds: run.seconds,
    finishedAt: run.finishedAt,
    hasCheckpoint: run.hasCheckpoint,
    resumedFromStep: run.resumedFromStep,
    summary: stageSummary(run.stage, run.record),
  };
}

/** The stages these settings have, in pipeline order. */
export function plannedStages(settings: PipelineSettings): PipelineStage[] {
  const stages: PipelineStage[] = ['pretrain'];
  if (settings.probe) stages.push('probe');
  const pool = settings.selection !== 'none' && settings.selection !== 'extra-id';
  if (pool) stages.push('dasa');
  if (settings.selection === 'random') stages.push('random-select');
  if (pool && settings.selection !== 'dasa' && settings.selection !== 'random') stages.push('baseline-select');
  if (pool) stages.push('annotate');
  stages.push('finetune');
  if (settings.interpolate) stages.push('interpolate');
  stages.push('evaluate');
  return stages;
}

const isCrossEntropy = (loss: OccConfig) => (Object.keys(CROSS_ENTROPY) as (keyof OccConfig)[]).every((key) => loss[key] === CROSS_ENTROPY[key]);

/** The OCC per-term ablation both losses make: the shipped composition with exactly that term at 0. */
function occTermOff(settings: PipelineSettings): string | null {
  const ablations: [keyof OccConfig, string][] = [['ordinalSmoothing', 'darl-occ-no-ordinal'], ['confidencePenalty', 'darl-occ-no-confidence'], ['marginWeight', 'darl-occ-no-margin']];
  const losses = [settings.finetune.loss, ...(settings.probe ? [settings.probe.loss] : [])];
  for (const [term, variant] of ablations) {
    const expected = { ...DEFAULT_OCC, [term]: 0 };
    if (losses.every((loss) => (Object.keys(expected) as (keyof OccConfig)[]).every((key) => loss[key] === expected[key]))) return variant;
  }
  return null;
}

/** The experiment variant (src/core/experiment/variants.ts) these settings switch to, or `custom`. */
export function variantOf(settings: PipelineSettings): string {
  const ce = isCrossEntropy(settings.finetune.loss) && (!settings.probe || isCrossEntropy(settings.probe.loss));
  const lp = settings.probe !== null;
  const wi = settings.interpolate !== null;
  const ceFt: Partial<Record<PipelineSettings['selection'], string>> = { none: 'ce-ft', dasa: 'ce-ft+dasa', random: 'ce-ft+random', 'extra-id': 'ce-ft+id' };
  if (!lp && !wi && ce && ceFt[settings.selection]) return ceFt[settings.selection]!;
  if (settings.selection === 'none' || settings.selection === 'extra-id') return 'custom';
  const baseline: Partial<Record<PipelineSettings['selection'], string>> = { random: 'darl-no-dasa', uncertainty: 'darl-uncertainty', coreset: 'darl-coreset', 'random-ood': 'darl-random-ood' };
  const lateStart = lp && settings.finetuneStart === 'pretrained' && 'darl-no-lp-init';
  const logisticProbe = lp && settings.probe!.logistic !== undefined && 'darl-lr-probe';
  const switches = [!lp && 'darl-no-lp', lateStart, logisticProbe, !wi && 'darl-no-wi', ce && 'darl-no-occ', !ce && occTermOff(settings), baseline[settings.selection]].filter(Boolean);
  if (switches.length === 0) return 'darl';
  return switches.length === 1 ? (switches[0] as string) : 'custom';
}
