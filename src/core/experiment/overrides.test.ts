import { describe, expect, it } from 'vitest';
import { defaultPipelineSettings } from '../pipeline/defaults';
import { PipelineInputError } from '../pipeline/errors';
import { applyOverrides, mergeOverrides } from './overrides';

describe('settings overrides', () => {
  const base = defaultPipelineSettings('small', 1);

  it('merge objects key by key and replace lengths, annotators, arrays and nulls whole', () => {
    const out = applyOverrides(base, {
      finetune: { learningRate: 5e-4, length: { epochs: 1 } },
      interpolate: { alphas: [0, 1] },
      annotate: { annotator: { kind: 'manual', grades: { p1: 2 } } },
      probe: null,
    });
    expect(out.finetune).toEqual({ ...base.finetune, learningRate: 5e-4, length: { epochs: 1 } });
    expect(out.interpolate!.alphas).toEqual([0, 1]);
    expect(out.annotate.annotator).toEqual({ kind: 'manual', grades: { p1: 2 } });
    expect(out.probe).toBeNull();
    expect(out.pretrain).toBe(base.pretrain);
    expect(base.finetune.learningRate).not.toBe(5e-4);
  });

  it('refuses a setting that does not exist, naming its path', () => {
    expect(() => applyOverrides(base, { finetune: { learningrate: 1 } })).toThrow(PipelineInputError);
    expect(() => applyOverrides(base, { finetune: { learningrate: 1 } })).toThrow(/settings\.finetune\.learningrate is not a setting/);
  });

  it('sets the optional settings the defaults lack', () => {
    expect(base.evaluate.valRows).toBeUndefined();
    expect(applyOverrides(base, { evaluate: { valRows: 500 } }).evaluate).toEqual({ ...base.evaluate, valRows: 500 });
    const logistic = { l2Grid: [0.1, 1], valRows: 20, maxIterations: 50, gradientTolerance: 1e-5 };
    expect(applyOverrides(base, { probe: { logistic } }).probe!.logistic).toEqual(logistic);
    expect(applyOverrides(base, { finetuneStart: 'pretrained' }).finetuneStart).toBe('pretrained');
    expect(() => applyOverrides(base, { evaluate: { valrows: 500 } })).toThrow(/settings\.evaluate\.valrows is not a setting/);
  });

  it('merges two sets of overrides, the second winning', () => {
    expect(mergeOverrides({ finetune: { learningRate: 1, length: { steps: 3 } } }, { finetune: { length: { epochs: 2 } }, dasa: { budget: 5 } })).toEqual({
      finetune: { learningRate: 1, length: { epochs: 2 } },
      dasa: { budget: 5 },
    });
  });
});
