// A generated tiny dataset, its tokenizer, and two nano checkpoints trained on it through the page's
// engine: a probe and a fine-tune from it, with the ids (and names) asked for.
import type { Page } from 'playwright-core';
import type { GeneratorConfigInput } from '../../src/engine/data-types';
import type { TrainingRequest } from '../../src/engine/model-types';

export interface NanoCheckpoints {
  probe: { id: string; name?: string };
  finetune: { id: string; name?: string };
}

/** Returns the dataset's id. */
export async function trainNanoCheckpoints(page: Page, data: GeneratorConfigInput, checkpoints: NanoCheckpoints): Promise<string> {
  const datasetId = await page.evaluate((config) => window.lab.engine.generateDataset(config).then((summary) => summary.info.id), data);
  const tokenizerId = await page.evaluate((id) => window.lab.engine.trainTokenizer(id, { vocabSize: 512 }).then((summary) => summary.id), datasetId);
  const base = { datasetId, batchSize: 8, seed: 2, evaluate: false, progressIntervalMs: 0 };
  const probe: TrainingRequest = { ...base, stage: 'probe', init: { from: 'preset', preset: 'nano', tokenizerId, contextLength: 32, seed: 3 }, steps: 8, learningRate: 1e-2, checkpointId: checkpoints.probe.id, name: checkpoints.probe.name };
  const finetune: TrainingRequest = { ...base, stage: 'finetune', init: { from: 'checkpoint', checkpointId: checkpoints.probe.id }, steps: 4, learningRate: 1e-3, checkpointId: checkpoints.finetune.id, name: checkpoints.finetune.name };
  await page.evaluate((request) => window.lab.engine.trainModel(request), probe);
  await page.evaluate((request) => window.lab.engine.trainModel(request), finetune);
  return datasetId;
}
