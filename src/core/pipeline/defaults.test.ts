import { describe, expect, it } from 'vitest';
import { SMALL_RECIPE } from '../training/loop/recipe';
import { defaultPipelineSettings } from './defaults';

describe('default pipeline settings', () => {
  it('small, full budget: the recommended recipe, every ID row', () => {
    const settings = defaultPipelineSettings('small', 3);
    expect(settings.pretrain).toMatchObject({ length: { steps: SMALL_RECIPE.pretrain.steps }, learningRate: SMALL_RECIPE.pretrain.learningRate, batchSize: 16, pairs: true, seed: 3 });
    expect(settings.probe).toMatchObject({ length: { epochs: SMALL_RECIPE.probe.epochs }, learningRate: SMALL_RECIPE.probe.learningRate, trainRows: null });
    expect(settings.finetune).toMatchObject({ length: { epochs: SMALL_RECIPE.finetune.epochs }, learningRate: SMALL_RECIPE.finetune.learningRate, trainRows: null });
    expect(settings.evaluate.testRows).toBeNull();
    expect([settings.dasa.seed, settings.annotate.seed, settings.randomSelect.seed, settings.evaluate.seed]).toEqual([3, 3, 3, 3]);
  });

  it('small, quick budget: shorter training and capped inference rows, same learning rates', () => {
    const full = defaultPipelineSettings('small', 1);
    const quick = defaultPipelineSettings('small', 1, 'quick');
    expect(quick.pretrain.length).toEqual({ steps: 150 });
    expect(quick.finetune.length).toEqual({ steps: 100 });
    expect(quick.finetune.learningRate).toBe(full.finetune.learningRate);
    expect(quick.dasa.poolRows).toBe(3000);
    expect(quick.evaluate.testRows).toBeNull();
  });

  it('small, demo budget: from the shipped model, one epoch over a fixed sample of ID rows, capped test rows', () => {
    const quick = defaultPipelineSettings('small', 1, 'quick');
    const demo = defaultPipelineSettings('small', 2, 'demo');
    expect(demo.pretrain.source).toBe('shipped');
    expect(quick.pretrain.source).toBe('here');
    expect(demo.finetune).toMatchObject({ length: { epochs: 1 }, trainRows: 1600, learningRate: quick.finetune.learningRate, seed: 2 });
    expect(demo.probe).toMatchObject({ length: quick.probe!.length, trainRows: quick.probe!.trainRows });
    expect(demo.evaluate.testRows).toBe(1000);
  });

  it('base has no shipped model: its demo budget pretrains here', () => {
    expect(defaultPipelineSettings('base', 1, 'demo').pretrain.source).toBe('here');
    expect(defaultPipelineSettings('nano', 1, 'demo').pretrain.source).toBe('shipped');
  });
});
