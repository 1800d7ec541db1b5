// The pipeline's default settings, in one place. Two budgets per model preset:
//   full  - what the model needs to learn the task: for `small`, the recommended recipe
//           (src/core/trainer/recipe.ts); about an hour per seed of the six-variant experiment
//           on a 2-core CPU.
//   quick - lengths and row caps that fit one seed of that experiment in about ten minutes on an
//           idle 2-core CPU. The model then stays near the chance plateau: for smoke tests and demos.
// Losses are not part of a budget: each variant sets its own (src/core/experiment/variants.ts).
import { DEFAULT_MAX_COSINE } from '../dasa/select';
import { DEFAULT_BUDGET_FRACTION } from '../dasa/budget';
import { DEFAULT_QUANTILE } from '../dasa/scoring';
import { GPT_PRESETS, type GptPresetName } from '../model/gpt';
import { DEFAULT_KNN_K } from '../ood/knn';
import { DEFAULT_OCC } from '../training/losses';
import { SMALL_RECIPE } from '../trainer/recipe';
import type { PipelineSettings, TrainingLength } from './settings';

export type PipelineBudget = 'full' | 'quick';
export const PIPELINE_BUDGETS: readonly PipelineBudget[] = ['full', 'quick'];

interface StageBudget {
  length: TrainingLength;
  learningRate: number;
}

interface PresetBudget {
  pretrain: StageBudget;
  probe: StageBudget;
  /** ID train rows the probe computes features of and trains on. */
  probeTrainRows: number | null;
  finetune: StageBudget;
  /** DASA: ID train rows the detectors are fitted on, ID val rows for the thresholds, pool rows scored. */
  dasaFitRows: number | null;
  dasaValRows: number | null;
  dasaPoolRows: number | null;
  /** Interpolation: ID val rows per alpha. */
  interpolateValRows: number | null;
  /** Evaluation: ID train rows the Mahalanobis / kNN detectors are fitted on. */
  evaluateFitRows: number | null;
  alphas: number[];
}

const recipe = SMALL_RECIPE;
const lr = { pretrain: recipe.pretrain.learningRate, probe: recipe.probe.learningRate, finetune: recipe.finetune.learningRate };

const NANO: PresetBudget = {
  pretrain: { length: { steps: 40 }, learningRate: lr.pretrain },
  probe: { length: { epochs: 3 }, learningRate: lr.probe },
  probeTrainRows: null,
  finetune: { length: { epochs: 2 }, learningRate: lr.finetune },
  dasaFitRows: null,
  dasaValRows: null,
  dasaPoolRows: null,
  interpolateValRows: null,
  evaluateFitRows: null,
  alphas: [0, 0.25, 0.5, 0.75, 1],
};

const SMALL_QUICK: PresetBudget = {
  pretrain: { length: { steps: 150 }, learningRate: lr.pretrain },
  probe: { length: { epochs: 4 }, learningRate: lr.probe },
  probeTrainRows: 2000,
  finetune: { length: { steps: 100 }, learningRate: lr.finetune },
  dasaFitRows: 1000,
  dasaValRows: 500,
  dasaPoolRows: 3000,
  interpolateValRows: 250,
  evaluateFitRows: 500,
  alphas: [0, 0.25, 0.5, 0.75, 1],
};

/** The recipe's training lengths, on every ID train row. */
const RECIPE_LENGTHS: Pick<PresetBudget, 'pretrain' | 'probe' | 'probeTrainRows' | 'finetune'> = {
  pretrain: { length: { steps: recipe.pretrain.steps }, learningRate: lr.pretrain },
  probe: { length: { epochs: recipe.probe.epochs }, learningRate: lr.probe },
  probeTrainRows: null,
  finetune: { length: { epochs: recipe.finetune.epochs }, learningRate: lr.finetune },
};

export const PRESET_BUDGETS: Record<GptPresetName, Record<PipelineBudget, PresetBudget>> = {
  nano: { full: NANO, quick: NANO },
  small: {
    full: {
      ...SMALL_QUICK,
      ...RECIPE_LENGTHS,
      dasaPoolRows: null,
      interpolateValRows: 500,
    },
    quick: SMALL_QUICK,
  },
  // No measured recipe for base yet: the small recipe's lengths, which base needs at least.
  base: {
    full: {
      ...SMALL_QUICK,
      ...RECIPE_LENGTHS,
      dasaFitRows: 2000,
      dasaValRows: null,
      dasaPoolRows: null,
      interpolateValRows: 1000,
      evaluateFitRows: 2000,
    },
    quick: SMALL_QUICK,
  },
};

/** Full DaRL (the `darl` variant) for a preset, seed and budget. */
export function defaultPipelineSettings(preset: GptPresetName, seed = 1, budget: PipelineBudget = 'full'): PipelineSettings {
  const b = PRESET_BUDGETS[preset][budget];
  const batchSize = recipe.finetune.batchSize;
  const inferenceBatch = 64;
  const checkpointEvery = 50;
  return {
    pretrain: {
      preset,
      vocabSize: Math.max(512, GPT_PRESETS[preset].vocabSize),
      length: b.pretrain.length,
      learningRate: b.pretrain.learningRate,
      batchSize: recipe.pretrain.batchSize,
      seed,
      checkpointEvery,
      heldOutFraction: 0.05,
      pairs: recipe.pretrain.pairs,
    },
    probe: { ...b.probe, batchSize: recipe.probe.batchSize, seed, checkpointEvery, loss: { ...DEFAULT_OCC }, trainRows: b.probeTrainRows },
    selection: 'dasa',
    dasa: {
      quantile: DEFAULT_QUANTILE,
      candidates: 'combined',
      weights: {},
      budgetFraction: DEFAULT_BUDGET_FRACTION,
      budget: null,
      maxCosine: DEFAULT_MAX_COSINE,
      centerFeatures: true,
      fillBelowThreshold: false,
      knnK: DEFAULT_KNN_K,
      shrinkage: 'ledoit-wolf',
      fitRows: b.dasaFitRows,
      valRows: b.dasaValRows,
      poolRows: b.dasaPoolRows,
      seed,
      batchSize: inferenceBatch,
    },
    randomSelect: { seed },
    annotate: { annotator: { kind: 'oracle' }, holdoutFraction: 0.2, seed },
    finetune: { ...b.finetune, batchSize, seed, checkpointEvery, loss: { ...DEFAULT_OCC }, trainRows: null },
    interpolate: { alphas: b.alphas, valRows: b.interpolateValRows, seed, batchSize: inferenceBatch },
    evaluate: { fitRows: b.evaluateFitRows, testRows: null, knnK: DEFAULT_KNN_K, shrinkage: 'ledoit-wolf', seed, batchSize: inferenceBatch },
  };
}
