// The selection baselines on DASA's pool rows, each taking as many samples as DASA selected:
// uncertainty (the probe's predictive entropy, with DASA's diversity rule), core-set (greedy
// k-center on the features DASA uses, ID train as covered centres) and random among the OOD-tagged
// samples (an upper bound: it reads the generator's tags). DASA's scores are kept on the records.
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import type { ModelCheckpoint } from '../../checkpoint/types';
import { selectCoreset } from '../../dasa/coreset-select';
import { selectRandomOod } from '../../dasa/random-ood-select';
import type { SelectionResult } from '../../dasa/types';
import { predictiveEntropy, selectUncertainty } from '../../dasa/uncertainty-select';
import type { Example } from '../../data/schema';
import { probabilities } from '../../training/loop/score';
import type { PipelineData } from '../data';
import { PipelineInputError } from '../errors';
import { inferExamples, pooledMatrix, withModel } from '../model-io';
import { RowProgress } from '../progress';
import type { DasaSettings, PipelineSettings, PoolSelection } from '../settings';
import type { StageOutput, StageThreads } from '../stage';
import { dasaRows, type DasaRecord } from './dasa';
import { dasaPoolRows } from './random-select';

export type BaselineSelection = Exclude<PoolSelection, 'dasa' | 'random'>;
export const BASELINE_SELECTIONS: readonly BaselineSelection[] = ['uncertainty', 'coreset', 'random-ood'];

export function isBaselineSelection(selection: string): selection is BaselineSelection {
  return (BASELINE_SELECTIONS as readonly string[]).includes(selection);
}

/** Each method's settings hold only what it reads, so a change elsewhere keeps its key. */
export type BaselineSelectSettings =
  | { method: 'uncertainty'; maxCosine: number; centerFeatures: boolean; batchSize: number; logitNormTau: number | null }
  | { method: 'coreset'; batchSize: number }
  | { method: 'random-ood'; seed: number };

export interface BaselineSelectRecord {
  selection: SelectionResult;
  /** Uncertainty: each pool row's predictive entropy (nats) under the probe, in selection.perSample order. */
  entropy?: number[];
}

/** The stage's settings from the pipeline's: DASA's diversity rule and batch size, the random selection's seed, the probe's LogitNorm. */
export function baselineSelectSettings(method: BaselineSelection, settings: PipelineSettings): BaselineSelectSettings {
  const { dasa } = settings;
  switch (method) {
    case 'uncertainty':
      return { method, maxCosine: dasa.maxCosine, centerFeatures: dasa.centerFeatures, batchSize: dasa.batchSize, logitNormTau: settings.probe?.loss.logitNormTau ?? null };
    case 'coreset':
      return { method, batchSize: dasa.batchSize };
    case 'random-ood':
      return { method, seed: settings.randomSelect.seed };
  }
}

export interface BaselineSelectInputs extends StageThreads {
  dasa: DasaRecord;
  dasaSettings: DasaSettings;
  data: PipelineData;
  /** Uncertainty: the probe; core-set: the model DASA read its features from; random-ood: none. */
  model: ModelCheckpoint | null;
}

function requireModel(model: ModelCheckpoint | null, method: BaselineSelection): ModelCheckpoint {
  if (!model) throw new PipelineInputError(`The ${method} selection needs a model and was given none.`, { method });
  return model;
}

export async function runBaselineSelect(settings: BaselineSelectSettings, inputs: BaselineSelectInputs, control?: JobControl, onProgress?: ProgressCallback): Promise<StageOutput<BaselineSelectRecord>> {
  const { poolIds, scores, tags, ...options } = dasaPoolRows(inputs.dasa, inputs.data);
  const byId = new Map(inputs.data.pool.map((example) => [example.id, example]));
  const pool = poolIds.map((id) => byId.get(id)!);
  switch (settings.method) {
    case 'random-ood':
      return { record: { selection: selectRandomOod({ poolIds, scores, tags }, { seed: settings.seed, ...options }) } };
    case 'uncertainty': {
      const progress = new RowProgress('baseline-select', pool.length, control, onProgress);
      const { features, entropy } = await withModel(requireModel(inputs.model, 'uncertainty'), 'uncertainty selection model', async (model, tokenizer) => {
        const output = await inferExamples(model, tokenizer, pool, { batchSize: settings.batchSize, pooled: true, progress, pool: inputs.pool });
        const classes = model.config.numClasses;
        const entropy = pool.map((_, i) => predictiveEntropy(probabilities(output.logits.subarray(i * classes, (i + 1) * classes), settings.logitNormTau)));
        return { features: pooledMatrix(output, model), entropy };
      });
      const selection = selectUncertainty({ poolIds, scores, tags, entropy, poolFeatures: features }, { ...options, maxCosine: settings.maxCosine, centerFeatures: settings.centerFeatures });
      return { record: { selection, entropy } };
    }
    case 'coreset': {
      const fit = dasaRows(inputs.dasaSettings, inputs.data).fit;
      const progress = new RowProgress('baseline-select', fit.length + pool.length, control, onProgress);
      const features = await withModel(requireModel(inputs.model, 'coreset'), 'core-set selection model', async (model, tokenizer) => {
        const matrix = async (examples: Example[]) =>
          pooledMatrix(await inferExamples(model, tokenizer, examples, { batchSize: settings.batchSize, pooled: true, progress, pool: inputs.pool }), model);
        return { fit: await matrix(fit), pool: await matrix(pool) };
      });
      await control?.betweenSteps();
      return { record: { selection: selectCoreset({ poolIds, scores, tags, poolFeatures: features.pool, coveredFeatures: features.fit }, options) } };
    }
  }
}
