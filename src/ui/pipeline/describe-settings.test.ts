import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../core/experiment/overrides';
import { defaultPipelineSettings } from '../../core/pipeline/defaults';
import { describeStageSettings } from './describe-settings';

const demo = defaultPipelineSettings('small', 1, 'demo');

describe('the one-line description of a stage\'s resolved settings', () => {
  it('says the shipped model, or the pretraining settings by their labels, the preset first', () => {
    expect(describeStageSettings('pretrain', demo)).toBe('the shipped small model and its tokenizer, as they are (nothing is trained here)');
    const here = applyOverrides(defaultPipelineSettings('nano', 1, 'quick'), { pretrain: { source: 'here' } });
    expect(describeStageSettings('pretrain', here)).toMatch(/^nano model, 40 steps, batch size 16, learning rate 0\.002, match signals on, .*tokenizer vocabulary 512 tokens/);
    expect(describeStageSettings('pretrain', applyOverrides(here, { pretrain: { length: { steps: 0 } } }))).toBe('nano model, no pretraining');
  });

  it('names every table setting of the stage with its value, and the rest in words', () => {
    const changed = applyOverrides(demo, {
      finetune: { length: { epochs: 1 }, loss: { marginWeight: 0.5 } },
      dasa: { weights: { knn: 0 }, budget: 30 },
      annotate: { annotator: { kind: 'manual', grades: {} } },
      interpolate: { alphas: [0.35] },
    });
    expect(describeStageSettings('finetune', changed)).toBe(
      '1 epoch, batch size 16, learning rate 0.001, ordinal smoothing s 0.1, confidence penalty beta 0.1, margin weight lambda 0.5, label smoothing eps 0, on 1,600 ID train rows plus the annotated DASA samples',
    );
    expect(describeStageSettings('dasa', changed)).toMatch(/^detectors: Mahalanobis only, k 50, .*budget 30 samples; grades from a person, 20% held out for alpha$/);
    expect(describeStageSettings('interpolate', changed)).toMatch(/^fixed alpha 0\.35 on /);
    expect(describeStageSettings('interpolate', applyOverrides(demo, { interpolate: { alphas: [0, 0.3, 1] } }))).toMatch(/^alphas 0, 0\.3, 1 on /);
    expect(describeStageSettings('probe', applyOverrides(demo, { probe: { loss: { marginWeight: 0 } } }))).toContain('OCC (ordinal 0.1, penalty 0.1)');
    expect(describeStageSettings('evaluate', demo)).toContain('test rows of each test split');
  });
});
