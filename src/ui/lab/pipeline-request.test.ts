import { describe, expect, it } from 'vitest';
import type { ProgressStage } from '../../core/job/stages';
import { applyOverrides } from '../../core/experiment/overrides';
import { defaultPipelineSettings } from '../../core/pipeline/defaults';
import { CROSS_ENTROPY } from '../../core/training/step/occ-config';
import { defaultValues } from '../settings/spec';
import { evenAlphas } from '../../core/pipeline/settings-codecs';
import { SHOWN_DEFAULTS } from '../../core/pipeline/settings-defaults';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { changedPipelineSettings, pipelineRequest, progressStage } from './pipeline-request';

const defaults = defaultValues(SETTINGS_TABLE);
const request = (changes: Record<string, number | boolean | string>, grades: [string, 0 | 1 | 2][] = []) =>
  pipelineRequest({ values: { ...defaults, ...changes }, rows: SETTINGS_TABLE, datasetId: 'd', manualGrades: new Map(grades) });

describe('the pipeline request from the page settings', () => {
  it('shows the pipeline\'s own defaults, so settings left alone change nothing', () => {
    const small = defaultPipelineSettings('small', 1, 'demo');
    expect(SHOWN_DEFAULTS.pretrain).toEqual({ steps: (small.pretrain.length as { steps: number }).steps, learningRate: small.pretrain.learningRate, batchSize: small.pretrain.batchSize, checkpointEvery: small.pretrain.checkpointEvery, matchSignals: small.pretrain.matchSignals, pairsWeight: small.pretrain.pairsWeight });
    expect(SHOWN_DEFAULTS.probe).toEqual({ epochs: (small.probe!.length as { epochs: number }).epochs, learningRate: small.probe!.learningRate, batchSize: small.probe!.batchSize });
    expect(SHOWN_DEFAULTS.finetune).toMatchObject({ epochs: (small.finetune.length as { epochs: number }).epochs, learningRate: small.finetune.learningRate, batchSize: small.finetune.batchSize, loss: small.finetune.loss });
    expect(SHOWN_DEFAULTS.dasa).toEqual({ k: small.dasa.knnK, quantile: small.dasa.quantile, budgetFraction: small.dasa.budgetFraction, maxCosine: small.dasa.maxCosine });
    expect(SHOWN_DEFAULTS.interpolate.points).toBe(small.interpolate!.alphas.length);
    expect(evenAlphas(SHOWN_DEFAULTS.interpolate.points)).toEqual(small.interpolate!.alphas);
    expect(SHOWN_DEFAULTS.evaluate.k).toBe(small.evaluate.knnK);

    expect(request({})).toEqual({ datasetId: 'd', preset: 'small', seed: 1, budget: 'demo', settings: {} });
    expect(request({ 'model.budget': 'full' })).toEqual({ datasetId: 'd', preset: 'small', seed: 1, budget: 'full', settings: {} });
    // nano keeps nano's short stages: nothing is overridden.
    const nano = request({ 'model.preset': 'nano', 'model.seed': 4 });
    expect(nano).toEqual({ datasetId: 'd', preset: 'nano', seed: 4, budget: 'demo', settings: {} });
    expect(changedPipelineSettings({ ...defaults, 'model.preset': 'nano', 'dasa.annotator': 'person' }, SETTINGS_TABLE)).toEqual([]);
  });

  it('turns match signals and the real-vs-shuffled pairs off from the Pretrain screen', () => {
    expect(request({ 'pretrain.matchSignals': false }).settings).toEqual({ pretrain: { matchSignals: false } });
    expect(request({ 'pretrain.pairsWeight': 0 }).settings).toEqual({ pretrain: { pairsWeight: 0 } });
  });

  it('lays the changed settings over the preset\'s defaults, in the shape the engine takes', () => {
    const values = {
      'model.vocab': 1024, 'pretrain.steps': 12, 'pretrain.lr': 0.001, 'probe.loss': 'ce', 'probe.epochs': 2,
      'finetune.lr': 0.0005, 'finetune.ordinal': 0.2, 'dasa.k': 5, 'dasa.keep': 0.9, 'dasa.budget': 30, 'dasa.detector': 'knn',
      'dasa.annotator': 'person', 'interpolate.points': 3, 'evaluate.knn': 7,
    };
    const { settings } = request(values, [['p1', 2], ['p2', 0]]);
    expect(settings).toEqual({
      pretrain: { vocabSize: 1024, length: { steps: 12 }, learningRate: 0.001 },
      probe: { length: { epochs: 2 }, loss: { ...CROSS_ENTROPY } },
      finetune: { learningRate: 0.0005, loss: { ordinalSmoothing: 0.2 } },
      dasa: { knnK: 5, quantile: 0.9, budget: 30, weights: { mahalanobis: 0 } },
      annotate: { annotator: { kind: 'manual', grades: { p1: 2, p2: 0 } } },
      interpolate: { alphas: [0, 0.5, 1] },
      evaluate: { knnK: 7 },
    });
    const resolved = applyOverrides(defaultPipelineSettings('nano'), settings);
    expect(resolved.finetune.loss).toMatchObject({ ordinalSmoothing: 0.2, confidencePenalty: SHOWN_DEFAULTS.finetune.loss.confidencePenalty });
    expect(resolved.finetune.length).toEqual(defaultPipelineSettings('nano').finetune.length);
    expect(changedPipelineSettings({ ...defaults, ...values }, SETTINGS_TABLE)).toHaveLength(12);

    expect(request({ 'pretrain.enabled': false, 'pretrain.steps': 99 }).settings).toEqual({ pretrain: { length: { steps: 0 } } });
    expect(request({ 'interpolate.choice': 'manual', 'interpolate.alpha': 0.35 }).settings).toEqual({ interpolate: { alphas: [0.35] } });
    expect(request({ 'dasa.detector': 'mahalanobis' }).settings).toEqual({ dasa: { weights: { knn: 0 } } });
  });

  it('names the pipeline stage of each progress event', () => {
    expect(['generate', 'store', 'pretrain', 'probe-features', 'probe', 'dasa-features', 'finetune', 'interpolate', 'evaluate', 'read'].map((name) => progressStage(name as ProgressStage))).toEqual([
      'data', 'data', 'pretrain', 'probe', 'probe', 'dasa', 'finetune', 'interpolate', 'evaluate', null,
    ]);
  });
});
