// The numbers the settings table shows as defaults, taken from the pipeline's defaults (the `small`
// preset's demo budget, the page's default, budgets.ts, which follows src/core/training/loop/recipe.ts)
// and the method's constants. Nothing is restated here; tfjs-free files only, since the page imports them.
import { DEFAULT_BUDGET_FRACTION } from '../dasa/budget';
import { DEFAULT_QUANTILE } from '../dasa/scoring';
import { DEFAULT_MAX_COSINE } from '../dasa/select';
import { DEFAULT_KNN_K } from '../ood/knn-defaults';
import { PIPELINE_CHECKPOINT_EVERY, PRESET_BUDGETS } from './budgets';
import type { TrainingLength } from './settings';
import { SMALL_RECIPE } from '../training/loop/recipe';
import { DEFAULT_OCC } from '../training/step/occ-config';

/** The preset whose defaults the settings show (the Model stage's default preset). */
export const SHOWN_PRESET = 'small';
/** The budget whose defaults the settings show (the Model stage's default budget). */
export const SHOWN_BUDGET = 'demo';
const budget = PRESET_BUDGETS[SHOWN_PRESET][SHOWN_BUDGET];

function steps(length: TrainingLength, what: string): number {
  if (!('steps' in length)) throw new Error(`${what}: the pipeline's default length is in epochs, the setting in steps.`);
  return length.steps;
}

function epochs(length: TrainingLength, what: string): number {
  if (!('epochs' in length)) throw new Error(`${what}: the pipeline's default length is in steps, the setting in epochs.`);
  return length.epochs;
}

export const SHOWN_DEFAULTS = {
  pretrain: {
    steps: steps(budget.pretrain.length, 'pretrain'),
    learningRate: budget.pretrain.learningRate,
    batchSize: SMALL_RECIPE.pretrain.batchSize,
    checkpointEvery: PIPELINE_CHECKPOINT_EVERY,
    matchSignals: SMALL_RECIPE.pretrain.matchSignals,
    pairsWeight: SMALL_RECIPE.pretrain.pairsWeight,
  },
  probe: { epochs: epochs(budget.probe.length, 'probe'), learningRate: budget.probe.learningRate, batchSize: SMALL_RECIPE.probe.batchSize },
  finetune: { epochs: epochs(budget.finetune.length, 'finetune'), learningRate: budget.finetune.learningRate, batchSize: SMALL_RECIPE.finetune.batchSize, loss: DEFAULT_OCC },
  dasa: { k: DEFAULT_KNN_K, quantile: DEFAULT_QUANTILE, budgetFraction: DEFAULT_BUDGET_FRACTION, maxCosine: DEFAULT_MAX_COSINE },
  interpolate: { points: budget.alphas.length },
  evaluate: { k: DEFAULT_KNN_K },
} as const;

/** The note under a length setting: other presets keep their own budget unless the value is changed. */
export const PRESET_NOTE = `Shown: the ${SHOWN_PRESET} preset's ${SHOWN_BUDGET} budget. In the pipeline, other presets and budgets keep their own lengths unless you change it.`;
