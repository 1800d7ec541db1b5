import { describe, expect, it } from 'vitest';
import { SMALL_RECIPE } from '../trainer/recipe';
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
});
