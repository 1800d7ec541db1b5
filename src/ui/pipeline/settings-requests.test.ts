// The requests the page sends for given page values, written out in full: the same JSON as the
// hand-written mappings gave before the settings table replaced them (a change here changes what runs).
import { describe, expect, it } from 'vitest';
import { LEGACY_SETTING_IDS, SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import type { SettingValues } from '../settings/spec';
import { decodeSettings } from '../settings/url-state';
import { STAGE_IDS } from '../stage';
import { generatorConfigFrom } from '../stages/data';
import { trainingRequest } from '../training/training-requests';
import { pipelineRequest } from '../lab/pipeline-request';

const grades = new Map<string, 0 | 1 | 2>([['p1', 2]]);
const pipeline = (values: SettingValues) => pipelineRequest({ values, rows: SETTINGS_TABLE, datasetId: 'd', manualGrades: grades });
const training = (stage: 'pretrain' | 'probe' | 'finetune', values: SettingValues) =>
  trainingRequest({ stage, values, rows: SETTINGS_TABLE, datasetId: 'd', start: { kind: 'new' }, tokenizerId: null, checkpointId: 'c', name: 'n' });
const request = { datasetId: 'd', preset: 'small', seed: 1, budget: 'demo' };
const init = { from: 'preset', preset: 'small', seed: 1, dropout: 0, vocabSize: 2048 };
const common = { datasetId: 'd', init, seed: 1, lossEvery: 8, checkpointId: 'c', name: 'n' };
const OCC_OFF = { labelSmoothing: 0, ordinalSmoothing: 0, ordinalDecay: 0.5, confidencePenalty: 0, logitNormTau: null, marginWeight: 0, margin: 1 };

describe('the requests generated from the settings table', () => {
  it('sends nothing but the preset, seed and budget for the defaults, and the shown defaults to a hand-run stage', () => {
    expect(pipeline({})).toEqual({ ...request, settings: {} });
    expect(training('pretrain', {})).toEqual({ ...common, stage: 'pretrain', batchSize: 16, learningRate: 0.002, steps: 1500, checkpointEvery: 50 });
    expect(training('probe', {})).toEqual({ ...common, stage: 'probe', batchSize: 16, learningRate: 0.01, epochs: 4, loss: 'occ' });
    expect(training('finetune', {})).toEqual({
      ...common, stage: 'finetune', batchSize: 16, learningRate: 0.001, epochs: 1, loss: { ordinalSmoothing: 0.1, confidencePenalty: 0.1, marginWeight: 0.2, labelSmoothing: 0 },
    });
  });

  it('sends a setting added as one table row (the alpha hold-out unit) at its path, and reads it back from a link', () => {
    expect(pipeline({ 'dasa.holdoutBy': 'query' })).toEqual({ ...request, settings: { annotate: { holdoutBy: 'query' } } });
    expect(decodeSettings('#stage=dasa&dasa.holdoutBy=query', SETTINGS_TABLE, STAGE_IDS).values['dasa.holdoutBy']).toBe('query');
  });

  it('sends the changed settings at their PipelineSettings paths', () => {
    const values = {
      'model.vocab': 1024, 'pretrain.steps': 12, 'pretrain.lr': 0.001, 'probe.loss': 'ce', 'probe.epochs': 2, 'finetune.lr': 0.0005, 'finetune.ordinal': 0.2,
      'dasa.k': 5, 'dasa.keep': 0.9, 'dasa.budget': 30, 'dasa.detector': 'knn', 'dasa.annotator': 'person', 'interpolate.points': 3, 'evaluate.knn': 7,
    };
    expect(pipeline(values)).toEqual({
      ...request,
      settings: {
        pretrain: { vocabSize: 1024, length: { steps: 12 }, learningRate: 0.001 },
        probe: { length: { epochs: 2 }, loss: OCC_OFF },
        finetune: { learningRate: 0.0005, loss: { ordinalSmoothing: 0.2 } },
        dasa: { knnK: 5, quantile: 0.9, budget: 30, weights: { mahalanobis: 0 } },
        annotate: { annotator: { kind: 'manual', grades: { p1: 2 } } },
        interpolate: { alphas: [0, 0.5, 1] },
        evaluate: { knnK: 7 },
      },
    });
    expect(pipeline({ 'pretrain.enabled': false, 'pretrain.steps': 99 }).settings).toEqual({ pretrain: { length: { steps: 0 } } });
    expect(pipeline({ 'interpolate.choice': 'manual', 'interpolate.alpha': 0.35 }).settings).toEqual({ interpolate: { alphas: [0.35] } });
    expect(pipeline({ 'interpolate.choice': 'manual' }).settings).toEqual({ interpolate: { alphas: [0.5] } });
  });

  it('sends the OCC margin weight as marginWeight, from its new id and from an old link', () => {
    const changes = { 'finetune.occMarginWeight': 0.5, 'finetune.penalty': 0.3, 'finetune.smoothing': 0.05, 'finetune.epochs': 3, 'finetune.batch': 8 };
    expect(pipeline(changes).settings).toEqual({ finetune: { length: { epochs: 3 }, batchSize: 8, loss: { confidencePenalty: 0.3, marginWeight: 0.5, labelSmoothing: 0.05 } } });
    expect(training('finetune', changes)).toEqual({
      ...common, stage: 'finetune', batchSize: 8, learningRate: 0.001, epochs: 3, loss: { ordinalSmoothing: 0.1, confidencePenalty: 0.3, marginWeight: 0.5, labelSmoothing: 0.05 },
    });
    expect(LEGACY_SETTING_IDS['finetune.margin']).toBe('finetune.occMarginWeight');
    const old = decodeSettings('#stage=finetune&finetune.margin=0.5', SETTINGS_TABLE, STAGE_IDS);
    expect(old.problems).toEqual([]);
    expect(old.values['finetune.occMarginWeight']).toBe(0.5);
    expect(pipeline(old.values).settings).toEqual({ finetune: { loss: { marginWeight: 0.5 } } });
  });

  it('gives the data generator its input', () => {
    const values = { 'data.seed': 9, 'data.mode': 'realistic', 'data.itemsPerQuery': 7, 'data.train': 50, 'data.conversational': false, 'data.unseen_brand.strength': 0.9 };
    expect(generatorConfigFrom(values)).toEqual({
      mode: 'realistic', seed: 9, itemsPerQuery: 7, oodMix: 0.3,
      sizes: { train: 50, val: 1000, test_id: 2000, test_ood: 2000, pool: 10000 },
      shifts: {
        unseen_category: { enabled: true, strength: 0.5 }, conversational: { enabled: false, strength: 0.5 },
        colloquial_typo: { enabled: true, strength: 0.5 }, unseen_brand: { enabled: true, strength: 0.9 },
      },
    });
    expect(generatorConfigFrom({})).not.toHaveProperty('itemsPerQuery');
  });
});
