import { describe, expect, it } from 'vitest';
import { PipelineInputError } from './errors';
import { MemoryRunStore } from './memory-run-store';
import { runPipeline } from './pipeline';
import { checkSettingRanges } from './settings-ranges';
import { tinyPipelineData, tinyPipelineSettings } from './test-support';

describe('pipeline settings ranges', () => {
  it('refuses a learning rate outside the sane range before any stage runs, naming the setting', async () => {
    const settings = tinyPipelineSettings();
    const store = new MemoryRunStore();
    const run = runPipeline({ ...settings, finetune: { ...settings.finetune, learningRate: Number.MAX_VALUE } }, tinyPipelineData(), store);
    await expect(run).rejects.toBeInstanceOf(PipelineInputError);
    await expect(run).rejects.toThrow(`settings.finetune.learningRate must be a number from 1e-8 to 1; got ${Number.MAX_VALUE}.`);
    expect(store.records.size + store.checkpoints.size).toBe(0);
  });

  it('checks every training stage\'s numbers and the inference batch sizes', () => {
    const settings = tinyPipelineSettings();
    const refused = (change: (s: typeof settings) => void) => {
      const copy = structuredClone(settings);
      change(copy);
      return () => checkSettingRanges(copy);
    };
    expect(() => checkSettingRanges(settings)).not.toThrow();
    expect(refused((s) => (s.pretrain.batchSize = 0))).toThrow('settings.pretrain.batchSize must be a whole number from 1 to 4096; got 0.');
    expect(refused((s) => (s.pretrain.length = { steps: 2.5 }))).toThrow(/settings\.pretrain\.length\.steps must be a whole number/);
    expect(refused((s) => (s.probe!.length = { epochs: -1 }))).toThrow(/settings\.probe\.length\.epochs must be a number above 0/);
    expect(refused((s) => (s.pretrain.vocabSize = 100_000))).toThrow(/settings\.pretrain\.vocabSize must be a whole number from 512 to 8192/);
    expect(refused((s) => (s.pretrain.pairsWeight = -1))).toThrow(/settings\.pretrain\.pairsWeight/);
    expect(refused((s) => (s.finetune.checkpointEvery = 1.5))).toThrow(/settings\.finetune\.checkpointEvery/);
    expect(refused((s) => (s.evaluate.batchSize = 1e6))).toThrow(/settings\.evaluate\.batchSize/);
    expect(() => checkSettingRanges({ ...settings, probe: null })).not.toThrow();
  });
});
