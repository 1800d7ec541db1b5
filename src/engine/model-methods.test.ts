import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParameters, GPT_PRESETS, gptConfig, headInputSize } from '../core/model/gpt';
import { InvalidCheckpointFileError, openLabStore } from '../storage';
import { NonFiniteLossError } from '../core/training/loop/errors';
import { BusyError, CancelledError } from '../core/job/errors';
import { InvalidOptionError } from './errors';
import { createLabEngine } from './lab-engine';
import type { TrainingRequest } from './model-types';
import { nodeEngineHost } from './node-engine';
import type { JobProgress } from '../core/job/progress';
import type { LabEngine } from './types';

const TINY = { seed: 5, sizes: { train: 48, val: 12, test_id: 6, test_ood: 6, pool: 24 } };

let engine: LabEngine;
let datasetId: string;
let tokenizerId: string;

/** nano with a short context, 12 steps of 8, checkpoints every 4. */
function pretrainRequest(checkpointId: string, overrides: Partial<TrainingRequest> = {}): TrainingRequest {
  return {
    stage: 'pretrain',
    datasetId,
    init: { from: 'preset', preset: 'nano', tokenizerId, contextLength: 24, seed: 3 },
    steps: 12,
    batchSize: 8,
    learningRate: 3e-3,
    seed: 2,
    checkpointEvery: 4,
    checkpointId,
    lmPairs: false,
    ...overrides,
  };
}

const pairs = [
  { query: 'term life cover for a 40 year old', item: { title: 'Term life plan', fields: { category: 'term life' } } },
  { query: 'pet insurance', item: 'Travel medical cover' },
  { query: 'critical illness', item: ['Critical illness plan', 'cancer, heart attack'] },
];

beforeAll(async () => {
  engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore('model-methods', { estimate: null }) });
  await engine.init({ backend: 'wasm' });
  datasetId = (await engine.generateDataset(TINY)).info.id;
  tokenizerId = (await engine.trainTokenizer(datasetId, { vocabSize: 512 })).id;
});

describe('model methods', () => {
  it('lists the presets with their parameter counts', async () => {
    const presets = await engine.modelPresets();
    expect(presets.map((preset) => preset.name)).toEqual(Object.keys(GPT_PRESETS));
    expect(presets[0].parameters).toEqual(countParameters(GPT_PRESETS.nano));
    const withVocab = await engine.modelPresets({ vocabSize: 512 });
    expect(withVocab[0].parameters.total - presets[0].parameters.total).toBe((512 - 256) * GPT_PRESETS.nano.dModel);
  });

  it('trains a tokenizer on the dataset text, stores and lists it', async () => {
    const progress: JobProgress[] = [];
    const summary = await engine.trainTokenizer(datasetId, { vocabSize: 600, id: 'tok-600' }, (p) => void progress.push(p));
    expect(summary.vocabSize).toBeGreaterThan(300);
    expect(summary.vocabSize).toBeLessThanOrEqual(600);
    expect(progress.at(-1)).toMatchObject({ stage: 'tokenizer' });
    const listed = await engine.listModelTokenizers();
    expect(listed.map((entry) => entry.id).sort()).toEqual(['tok-600', tokenizerId].sort());
    await engine.deleteModelTokenizer('tok-600');
    expect((await engine.listModelTokenizers()).map((entry) => entry.id)).toEqual([tokenizerId]);
    await expect(engine.trainTokenizer(datasetId, { vocabSize: 100 })).rejects.toThrow(/vocabSize must be a whole number from 512 to 8192/);
  });

  it('pretrains with progress, periodic checkpoints and a run record; a cancelled stage resumes to the same end', async () => {
    const events: JobProgress[] = [];
    const full = await engine.trainModel(pretrainRequest('full', { progressIntervalMs: 0 }), (p) => void events.push(p));
    expect(full).toMatchObject({ checkpointId: 'full', stage: 'pretrain', startStep: 0, steps: 12, totalSteps: 12 });
    expect(full.losses).toHaveLength(12);
    expect(full.finalLoss).toBe(full.losses[11]);
    expect(full.losses[11]).toBeLessThan(full.losses[0]);
    expect(full.heldOutLoss).toBeGreaterThan(0);
    expect(full.checkpoint).toMatchObject({ id: 'full', stage: 'pretrain', step: 12, totalSteps: 12, state: 'finished', preset: 'nano', datasetId, hasOptimizer: true });
    expect(full.checkpoint.byteSize).toBeGreaterThan(full.checkpoint.parameters.total * 4);
    const steps = events.filter((e) => e.stage === 'pretrain');
    expect(steps.map((e) => e.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const key of ['loss', 'tokensPerSecond', 'tensors']) expect(Number.isFinite(steps[5].figures[key]), key).toBe(true);
    // The tensor count after each step is flat: nothing leaks per step.
    expect(new Set(steps.map((e) => e.figures.tensors)).size).toBe(1);
    const record = (await engine.trainingRun('full'))!;
    expect(record).toMatchObject({ status: 'done', step: 12, totalSteps: 12, datasetId });
    expect(record.history.map((point) => point.step)).toEqual(steps.map((e) => e.step));

    // The same stage, cancelled after step 6: the checkpoint of step 4 stays and is listed as unfinished.
    // (The loss read every step, so the progress of step 6 comes before step 8's checkpoint.)
    const stopped = engine.trainModel(pretrainRequest('stopped', { progressIntervalMs: 0, lossEvery: 1 }), (p) => {
      if (p.stage === 'pretrain' && p.step === 6) void engine.cancel();
    });
    await expect(stopped).rejects.toBeInstanceOf(CancelledError);
    const unfinished = (await engine.listModelCheckpoints()).find((entry) => entry.id === 'stopped')!;
    expect(unfinished).toMatchObject({ state: 'unfinished', step: 4, totalSteps: 12 });
    expect((await engine.trainingRun('stopped'))!.status).toBe('stopped');

    const resumed = await engine.resumeTraining('stopped');
    expect(resumed).toMatchObject({ startStep: 4, steps: 8, totalSteps: 12 });
    resumed.losses.forEach((loss, i) => expect(loss).toBeCloseTo(full.losses[4 + i], 6));
    expect(Math.abs(resumed.finalLoss - full.finalLoss)).toBeLessThan(1e-6);
    expect(resumed.checkpoint.state).toBe('finished');
    const resumedRecord = (await engine.trainingRun('stopped'))!;
    expect(resumedRecord.status).toBe('done');
    expect(resumedRecord.history.map((point) => point.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    await expect(engine.resumeTraining('stopped')).rejects.toThrow(/already finished/);
  });

  it('probes from a stored checkpoint, scores and exports, and an imported file scores the same', async () => {
    const probe = await engine.trainModel({ stage: 'probe', datasetId, init: { from: 'checkpoint', checkpointId: 'full' }, epochs: 2, batchSize: 8, checkpointId: 'probe' });
    expect(probe.totalSteps).toBe(12); // 48 train examples / 8 per batch, 2 epochs
    expect(probe.validation?.count).toBe(12);
    const scores = await engine.scorePairs('probe', pairs);
    expect(scores).toHaveLength(3);
    for (const { probs, expectedGrade } of scores) {
      expect(probs.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      expect(expectedGrade).toBeCloseTo((probs[1] + 2 * probs[2]) / 2, 6);
    }
    const pooled = await engine.pairFeatures('probe', pairs);
    const width = headInputSize(gptConfig('nano')); // the pooled state and the match features
    expect(pooled).toMatchObject({ rows: 3, columns: width });
    expect(pooled.data).toHaveLength(3 * width);

    const file = await engine.exportModelCheckpoint('probe');
    expect(file.fileName).toBe('probe.safetensors');
    const imported = await engine.importModelCheckpoint(file.bytes, { fileName: file.fileName });
    expect(imported).toMatchObject({ id: 'probe-2', stage: 'probe', state: 'finished', datasetId, byteSize: probe.checkpoint.byteSize });
    expect(await engine.scorePairs('probe-2', pairs)).toEqual(scores);
    expect(await engine.scorePairs('probe', pairs)).toEqual(scores);

    const before = (await engine.listModelCheckpoints()).length;
    const damaged = file.bytes.slice(0, file.bytes.length - 8);
    await expect(engine.importModelCheckpoint(damaged, { fileName: 'cut.safetensors' })).rejects.toBeInstanceOf(InvalidCheckpointFileError);
    expect((await engine.listModelCheckpoints()).length).toBe(before);

    await engine.deleteModelCheckpoint('probe-2');
    expect((await engine.listModelCheckpoints()).map((entry) => entry.id)).not.toContain('probe-2');
    expect(await engine.trainingRun('probe-2')).toBeNull();
    await expect(engine.scorePairs('probe-2', pairs)).rejects.toThrow(/No model checkpoint with id "probe-2"/);
  });

  it('stops on a non-finite loss with NonFiniteLossError and records the failure', async () => {
    // Weights so large that the first forward pass overflows: a stored checkpoint gone bad.
    const store = await openLabStore('model-methods', { estimate: null });
    const full = await store.loadCheckpoint('full');
    const huge = full.tensors.map((tensor) => (tensor.name.startsWith('optimizer.') ? tensor : { ...tensor, data: (tensor.data as Float32Array).map((value) => value * 1e36) }));
    await store.saveCheckpoint({ ...full, id: 'huge', name: 'huge', tensors: huge });
    store.close();
    const failing = engine.trainModel(pretrainRequest('nan', { init: { from: 'checkpoint', checkpointId: 'huge' }, checkpointEvery: 1 }));
    await expect(failing).rejects.toBeInstanceOf(NonFiniteLossError);
    await expect(failing).rejects.toThrow(/lower learning rate/);
    expect((await engine.trainingRun('nan'))!).toMatchObject({ status: 'failed', error: { name: 'NonFiniteLossError' } });
    // Nothing was saved: no step gave finite weights to keep.
    expect((await engine.listModelCheckpoints()).some((entry) => entry.id === 'nan')).toBe(false);
  });

  it('refuses bad requests by name, and a second job while one runs', async () => {
    await expect(engine.trainModel({ ...pretrainRequest('x'), stage: 'warmup' as never })).rejects.toThrow(/stage must be one of pretrain, probe, finetune/);
    await expect(engine.trainModel(pretrainRequest('x', { steps: 2, epochs: 1 }))).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(engine.trainModel(pretrainRequest('x', { datasetId: 'nope' }))).rejects.toThrow(/nope/);
    const insane = engine.trainModel(pretrainRequest('x', { learningRate: Number.MAX_VALUE }));
    await expect(insane).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(insane).rejects.toThrow(`learningRate must be a number from 1e-8 to 1; got ${Number.MAX_VALUE}.`);
    await expect(engine.trainModel(pretrainRequest('x', { heldOutFraction: 0.7 }))).rejects.toThrow(/heldOutFraction must be a number from 0 to 0\.49/);
    expect((await engine.listModelCheckpoints()).some((entry) => entry.id === 'x')).toBe(false);
    const long = engine.trainModel(pretrainRequest('busy', { steps: 200 }));
    await expect.poll(async () => (await engine.jobStatus()).state).toBe('running');
    await expect(engine.scorePairs('full', pairs)).rejects.toBeInstanceOf(BusyError);
    await expect.poll(async () => (await engine.listModelCheckpoints()).find((entry) => entry.id === 'busy')?.state ?? null).toBe('running');
    await expect(engine.deleteModelCheckpoint('busy')).rejects.toBeInstanceOf(BusyError);
    await expect(engine.releaseModel()).rejects.toBeInstanceOf(BusyError);
    await engine.cancel();
    await expect(long).rejects.toBeInstanceOf(CancelledError);
  });

  it('frees every tensor it made once the scoring model is released', async () => {
    await engine.releaseModel();
    const before = (await engine.memory()).numTensors;
    await engine.trainModel(pretrainRequest('leak', { steps: 6, evaluate: true }));
    await engine.scorePairs('leak', pairs);
    expect((await engine.memory()).numTensors).toBeGreaterThan(before);
    await engine.releaseModel();
    expect((await engine.memory()).numTensors).toBe(before);
  });
});
