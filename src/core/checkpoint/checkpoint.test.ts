import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidCheckpointFileError } from '../io/errors';
import { createGpt, disposeGpt, gptConfig, type Gpt } from '../model/gpt';
import { sampleProductCorpus } from '../tokenizer/sample-corpus';
import { trainTokenizer, tokenizerToLabJson } from '../tokenizer';
import { AdamW } from '../training/step/adamw';
import { STAGE_GROUPS, paramSettings } from '../training/step/param-groups';
import { syntheticBatch } from '../training/step/synthetic-batch';
import { trainStep } from '../training/step/train-step';
import { useBackend } from '../backend/test-backends';
import { warmupCosine } from '../training/step/schedule';
import { captureCheckpoint, loadOptimizerInto, restoreModel } from './capture';
import { CheckpointMismatchError } from './errors';
import { modelCheckpointFromBytes, modelCheckpointToBytes } from './file';
import { fromStoredCheckpoint, toStoredCheckpoint } from './stored';
import type { ModelCheckpoint, TrainingState } from './types';

const tokenizer = trainTokenizer(sampleProductCorpus(300, 2), { vocabSize: 512 });
const config = gptConfig('nano', { vocabSize: tokenizer.vocabSize, padId: tokenizer.special.pad, clsId: tokenizer.special.cls, contextLength: 16 });
const training: TrainingState = {
  stage: 'finetune', step: 2, totalSteps: 10, seed: 3, batchSize: 4, schedule: warmupCosine(1e-3, 10), clipNorm: 1,
  groups: STAGE_GROUPS.finetune, loss: null, dataFingerprint: '4x40:abc', lastLoss: 1.25,
};

async function trainedCheckpoint(): Promise<{ model: Gpt; checkpoint: ModelCheckpoint }> {
  const model = createGpt(config, 'ckpt');
  const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.pretrain));
  for (let i = 0; i < 2; i++) await trainStep(model, syntheticBatch(config, 2, 8, `b${i}`), { kind: 'lm' }, optimizer, { learningRate: 1e-2 });
  const checkpoint = await captureCheckpoint(model, { tokenizer: tokenizerToLabJson(tokenizer), optimizer, training });
  optimizer.dispose();
  return { model, checkpoint };
}

function expectSame(a: ModelCheckpoint, b: ModelCheckpoint): void {
  expect(b.config).toEqual(a.config);
  expect(b.tokenizer).toBe(a.tokenizer);
  expect(b.training).toEqual(a.training);
  expect(b.optimizer!.step).toBe(a.optimizer!.step);
  for (const [mine, theirs] of [[a.weights, b.weights], [a.optimizer!.tensors, b.optimizer!.tensors]]) {
    expect(theirs.map((t) => t.name)).toEqual(mine.map((t) => t.name));
    mine.forEach((t, i) => {
      expect(theirs[i].shape).toEqual(t.shape);
      expect(Array.from(theirs[i].data)).toEqual(Array.from(t.data));
    });
  }
}

describe('model checkpoints', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('capture holds every parameter, the AdamW moments and step, the tokenizer and the training state', async () => {
    const { model, checkpoint } = await trainedCheckpoint();
    expect(checkpoint.weights.map((t) => t.name)).toEqual([...model.params.keys()]);
    expect(checkpoint.optimizer!.step).toBe(2);
    expect(checkpoint.optimizer!.tensors.some((t) => t.name === 'm.wte')).toBe(true);
    expect(checkpoint.optimizer!.tensors.some((t) => t.name.includes('classifier'))).toBe(false); // frozen in pretraining
    const restored = restoreModel(checkpoint);
    for (const [name, variable] of model.params) expect(Array.from(restored.params.get(name)!.dataSync())).toEqual(Array.from(variable.dataSync()));
    disposeGpt(restored);
    disposeGpt(model);
  });

  it('round-trips through a .safetensors file whose __metadata__ carries config, tokenizer and state', async () => {
    const { model, checkpoint } = await trainedCheckpoint();
    const bytes = modelCheckpointToBytes(checkpoint, 'run-1', 'my run');
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))));
    expect(header).toContain('__metadata__');
    expect(header).toContain('relevance-lab/gpt');
    expect(header).toContain('optimizer.m.wte');
    expectSame(checkpoint, modelCheckpointFromBytes(bytes, 'run-1.safetensors'));
    disposeGpt(model);
  });

  it('restores the optimizer from a checkpoint read back from its file, and refuses another stage\'s moments', async () => {
    const { model, checkpoint } = await trainedCheckpoint();
    const loaded = modelCheckpointFromBytes(modelCheckpointToBytes(checkpoint, 'run-7', 'run 7'));
    const optimizer = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.pretrain));
    loadOptimizerInto(optimizer, loaded);
    expect(optimizer.step).toBe(2);
    expect(Array.from(optimizer.stateTensors().get('v.wte')!.dataSync())).toEqual(Array.from(checkpoint.optimizer!.tensors.find((t) => t.name === 'v.wte')!.data));
    const wrongStage = new AdamW(model.params, paramSettings(model.params.keys(), STAGE_GROUPS.probe));
    expect(() => loadOptimizerInto(wrongStage, loaded)).toThrow(/m\.classifier\.w.*missing/);
    optimizer.dispose();
    wrongStage.dispose();
    disposeGpt(model);
  });

  it('loading validates shapes and names against the config, naming the parameter', async () => {
    const { model, checkpoint } = await trainedCheckpoint();
    disposeGpt(model);
    const stored = toStoredCheckpoint(checkpoint, 'x', 'x');
    const reshaped = { ...stored, tensors: stored.tensors.map((t) => (t.name === 'h1.mlp.fc.w' ? { ...t, shape: [t.shape[1], t.shape[0]] } : t)) };
    expect(() => fromStoredCheckpoint(reshaped)).toThrow(CheckpointMismatchError);
    expect(() => fromStoredCheckpoint(reshaped)).toThrow(/"h1\.mlp\.fc\.w" has shape \[128,32\].*needs \[32,128\]/);
    const missing = { ...stored, tensors: stored.tensors.filter((t) => t.name !== 'lnf.g') };
    expect(() => fromStoredCheckpoint(missing)).toThrow(/"lnf\.g" is missing/);
    const extra = { ...stored, tensors: [...stored.tensors, { name: 'h9.extra', dtype: 'float32' as const, shape: [1], data: new Float32Array(1) }] };
    expect(() => fromStoredCheckpoint(extra)).toThrow(/not in the model: h9\.extra/);
    const otherConfig = { ...stored, config: { ...checkpoint.config, dModel: 64 } };
    expect(() => fromStoredCheckpoint(otherConfig)).toThrow(/"wte" has shape \[512,32\]/);
    const notModel = { ...stored, metadata: { ...stored.metadata, format: 'something else' } };
    expect(() => fromStoredCheckpoint(notModel)).toThrow(/not a model checkpoint/);
    const badState = { ...stored, metadata: { ...stored.metadata, training: { ...training, stage: 'warmup' } } };
    expect(() => fromStoredCheckpoint(badState)).toThrow(/stage "warmup"/);
  });

  it('a damaged file is refused with the file named', async () => {
    const { model, checkpoint } = await trainedCheckpoint();
    disposeGpt(model);
    const bytes = modelCheckpointToBytes(checkpoint, 'run');
    expect(() => modelCheckpointFromBytes(bytes.subarray(0, bytes.length - 10), 'cut.safetensors')).toThrow(InvalidCheckpointFileError);
    expect(() => modelCheckpointFromBytes(bytes.subarray(0, bytes.length - 10), 'cut.safetensors')).toThrow(/cut\.safetensors/);
  });

  it('capture and restore leave no tensors behind beyond the restored model', async () => {
    const { model, checkpoint } = await trainedCheckpoint();
    const before = tf.memory().numTensors;
    const restored = restoreModel(checkpoint);
    expect(tf.memory().numTensors).toBe(before + restored.params.size);
    disposeGpt(restored);
    disposeGpt(model);
  });
});
