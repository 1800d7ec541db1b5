import { describe, expect, it } from 'vitest';
import type { ModelCheckpointSummary } from '../../engine/model-types';
import { DEFAULT_LOSS_EVERY } from '../../core/training/loop/loss-every';
import { SHOWN_DEFAULTS } from '../../core/pipeline/settings-defaults';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { defaultStart, trainingRequest } from './training-requests';

const common = { rows: SETTINGS_TABLE, datasetId: 'd1', checkpointId: 'c1', name: 'run' };

function checkpoint(id: string, stage: ModelCheckpointSummary['stage'], state: ModelCheckpointSummary['state']): ModelCheckpointSummary {
  return { id, stage, state } as ModelCheckpointSummary;
}

describe('training requests from the stage settings', () => {
  it('pretrains a new model of the chosen preset with the stage settings, or trains a tokenizer of the set size', () => {
    const values = { 'model.preset': 'nano', 'model.seed': 4, 'model.lossEvery': 3, 'pretrain.steps': 300, 'pretrain.checkpointEvery': 25 };
    expect(trainingRequest({ ...common, stage: 'pretrain', values, start: { kind: 'new' }, tokenizerId: 'tok' })).toEqual({
      stage: 'pretrain', datasetId: 'd1', checkpointId: 'c1', name: 'run', seed: 4, batchSize: SHOWN_DEFAULTS.pretrain.batchSize, learningRate: SHOWN_DEFAULTS.pretrain.learningRate, steps: 300, checkpointEvery: 25, lossEvery: 3,
      init: { from: 'preset', preset: 'nano', seed: 4, dropout: 0, tokenizerId: 'tok' },
    });
    const fresh = trainingRequest({ ...common, stage: 'pretrain', values: { 'model.vocab': 1024 }, start: { kind: 'new' }, tokenizerId: null });
    expect(fresh.init).toEqual({ from: 'preset', preset: 'small', seed: 1, dropout: 0, vocabSize: 1024 });
    expect(fresh.lossEvery).toBe(DEFAULT_LOSS_EVERY);
  });

  it('probes and fine-tunes from a checkpoint with their losses', () => {
    const start = { kind: 'checkpoint' as const, id: 'pre' };
    const probe = trainingRequest({ ...common, stage: 'probe', values: { 'probe.loss': 'ce', 'probe.epochs': 5 }, start, tokenizerId: 'ignored' });
    expect(probe).toMatchObject({ stage: 'probe', init: { from: 'checkpoint', checkpointId: 'pre' }, epochs: 5, batchSize: SHOWN_DEFAULTS.probe.batchSize, learningRate: SHOWN_DEFAULTS.probe.learningRate, loss: 'ce' });
    const finetune = trainingRequest({ ...common, stage: 'finetune', values: { 'finetune.occMarginWeight': 0.5 }, start, tokenizerId: null });
    expect(finetune.loss).toEqual({ ordinalSmoothing: 0.1, confidencePenalty: 0.1, marginWeight: 0.5, labelSmoothing: 0 });
    expect(finetune).toMatchObject({ epochs: SHOWN_DEFAULTS.finetune.epochs, learningRate: SHOWN_DEFAULTS.finetune.learningRate });
  });

  it('starts each stage from the latest finished checkpoint of the stage before it', () => {
    const list = [checkpoint('p2', 'pretrain', 'unfinished'), checkpoint('p1', 'pretrain', 'finished'), checkpoint('lp', 'probe', 'finished')];
    expect(defaultStart('pretrain', list)).toEqual({ kind: 'new' });
    expect(defaultStart('probe', list)).toEqual({ kind: 'checkpoint', id: 'p1' });
    expect(defaultStart('finetune', list)).toEqual({ kind: 'checkpoint', id: 'lp' });
    expect(defaultStart('finetune', list.slice(0, 2))).toEqual({ kind: 'checkpoint', id: 'p1' });
    expect(defaultStart('probe', [])).toEqual({ kind: 'new' });
  });
});
