// Test support: a tiny generated dataset as pipeline data (pool grades hidden, kept as gold), and
// settings small enough for the nano model to run the whole pipeline in seconds.
import { generateDataset } from '../data/generator/generate';
import { pipelineData, type PipelineData } from './data';
import { defaultPipelineSettings } from './defaults';
import type { PipelineSettings } from './settings';

export function tinyPipelineData(seed = 3, sizes = { train: 96, val: 32, test_id: 40, test_ood: 30, pool: 80 }): PipelineData {
  const { examples } = generateDataset({ seed, sizes });
  const gold = new Map(examples.pool.map((example) => [example.id, example.grade]));
  const pool = examples.pool.map((example) => ({ ...example, grade: null }));
  return pipelineData({ train: examples.train, val: examples.val, test_id: examples.test_id, test_ood: examples.test_ood, pool }, gold, 'tiny test data');
}

export function tinyPipelineSettings(seed = 1): PipelineSettings {
  const settings = defaultPipelineSettings('nano', seed);
  return {
    ...settings,
    pretrain: { ...settings.pretrain, length: { steps: 6 }, checkpointEvery: 3 },
    probe: { ...settings.probe!, length: { epochs: 1 } },
    finetune: { ...settings.finetune, length: { steps: 8 }, checkpointEvery: 2 },
    interpolate: { ...settings.interpolate!, alphas: [0, 0.5, 1] },
  };
}
