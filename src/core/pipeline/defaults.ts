// The pipeline's default settings, in one place. Two budgets per model preset:
//   full  - what the model needs to learn the task: for `small`, the recommended recipe
//           (src/core/training/loop/recipe.ts); 55 minutes per seed of the six-variant experiment on
//           a 2-core CPU with 2 fine-tuning epochs, before the recipe's 4 (not yet re-measured).
//   quick - lengths and row caps that fit one seed of that experiment in about ten minutes on an
//           idle 2-core CPU. Pretraining here that briefly leaves the model near chance: smoke tests.
//   demo  - the page's default: from the shipped pretrained model, ce-ft and darl within three
//           minutes of an idle 2-core CPU (budgets.ts).
// Losses are not part of a budget: each variant sets its own (src/core/experiment/variants.ts).
import { DEFAULT_MAX_COSINE } from '../dasa/select';
import { DEFAULT_BUDGET_FRACTION } from '../dasa/budget';
import { DEFAULT_QUANTILE } from '../dasa/scoring';
import { GPT_PRESETS, type GptPresetName } from '../model/gpt';
import { DEFAULT_KNN_K } from '../ood/knn-defaults';
import { DEFAULT_OCC } from '../training/step/occ-config';
import {
  PIPELINE_CHECKPOINT_EVERY,
  PIPELINE_HOLDOUT_FRACTION,
  PIPELINE_INFERENCE_BATCH,
  PIPELINE_LM_HELD_OUT_FRACTION,
  PRESET_BUDGETS,
  type PipelineBudget,
} from './budgets';
import { SMALL_RECIPE } from '../training/loop/recipe';
import { SHIPPED_PRESETS } from './shipped/manifest';
import type { LogisticProbeSettings, PipelineSettings } from './settings';

export { PIPELINE_BUDGETS, PRESET_BUDGETS, type PipelineBudget } from './budgets';

const recipe = SMALL_RECIPE;
/** ID val rows for the post-hoc temperature: enough for one parameter, a small extra forward pass. */
const EVALUATE_CALIBRATION_ROWS = 500;

/**
 * The logistic-regression probe (the `darl-lr-probe` variant; no budget sets it): L2 strengths
 * log-spaced over five decades, chosen on 500 ID val rows; a fit converges in tens to hundreds of
 * iterations on a few thousand rows.
 */
export const DEFAULT_LOGISTIC_PROBE: Readonly<LogisticProbeSettings> = Object.freeze({
  l2Grid: [1e-4, 1e-3, 1e-2, 1e-1, 1, 10],
  valRows: 500,
  maxIterations: 500,
  gradientTolerance: 1e-6,
});

/** Full DaRL (the `darl` variant) for a preset, seed and budget. */
export function defaultPipelineSettings(preset: GptPresetName, seed = 1, budget: PipelineBudget = 'full'): PipelineSettings {
  const b = PRESET_BUDGETS[preset][budget];
  const batchSize = recipe.finetune.batchSize;
  const inferenceBatch = PIPELINE_INFERENCE_BATCH;
  const checkpointEvery = PIPELINE_CHECKPOINT_EVERY;
  return {
    pretrain: {
      preset,
      // The demo budget is defined from the shipped model (presets that have one).
      source: budget === 'demo' && SHIPPED_PRESETS.includes(preset) ? 'shipped' : 'here',
      vocabSize: Math.max(512, GPT_PRESETS[preset].vocabSize),
      length: b.pretrain.length,
      learningRate: b.pretrain.learningRate,
      batchSize: recipe.pretrain.batchSize,
      seed,
      checkpointEvery,
      heldOutFraction: PIPELINE_LM_HELD_OUT_FRACTION,
      pairs: recipe.pretrain.pairs,
      matchSignals: recipe.pretrain.matchSignals,
      relatedWords: 'wordnet',
      pairsWeight: recipe.pretrain.pairsWeight,
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
      knnKFraction: null,
      maxPerQuery: null,
      shrinkage: 'ledoit-wolf',
      fitRows: b.dasaFitRows,
      valRows: b.dasaValRows,
      poolRows: b.dasaPoolRows,
      seed,
      batchSize: inferenceBatch,
    },
    randomSelect: { seed },
    annotate: { annotator: { kind: 'oracle' }, holdoutFraction: PIPELINE_HOLDOUT_FRACTION, holdoutBy: 'sample', seed },
    finetune: { ...b.finetune, batchSize, seed, checkpointEvery, loss: { ...DEFAULT_OCC }, trainRows: b.finetuneTrainRows },
    interpolate: { alphas: b.alphas, valRows: b.interpolateValRows, seed, batchSize: inferenceBatch },
    evaluate: { fitRows: b.evaluateFitRows, testRows: b.evaluateTestRows, calibrationRows: EVALUATE_CALIBRATION_ROWS, knnK: DEFAULT_KNN_K, knnKFraction: null, shrinkage: 'ledoit-wolf', seed, batchSize: inferenceBatch },
  };
}
