import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore } from '../storage';
import { freshDbName } from '../storage/test-support';
import { toStoredCheckpoint } from '../core/checkpoint/stored';
import { HuggingFaceImportError } from '../core/huggingface/errors';
import { unzipFolder } from '../core/huggingface/zip-folder';
import { sampleLabCheckpoint, sampleTokenizer } from '../core/huggingface/test-support';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import type { LabEngine } from './types';

let engine: LabEngine;
const pairs = [{ query: 'term life for a 40 year old', item: 'Acme Term Life 20' }, { query: 'dog insurance', item: ['Pet cover', 'dogs and cats'] }];

beforeAll(async () => {
  const dbName = freshDbName('engine-hf');
  const store = await openLabStore(dbName, { estimate: null });
  await store.saveCheckpoint(toStoredCheckpoint(sampleLabCheckpoint(sampleTokenizer(), 2), 'tuned', 'Tuned nano'));
  store.close();
  engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore(dbName, { estimate: null }) });
  await engine.init({ backend: 'cpu' });
});

describe('Hugging Face folders in the engine', () => {
  it('exports a stored checkpoint as one .zip that imports back as a checkpoint scoring the same', async () => {
    const file = await engine.exportHuggingFaceModel('tuned', { head: true });
    expect(file.fileName).toBe('Tuned-nano-hf.zip');
    expect(unzipFolder(file.bytes, file.fileName).map((f) => f.name)).toEqual(['model.safetensors', 'config.json', 'tokenizer.json', 'tokenizer_config.json', 'lab.safetensors', 'README.md']);
    const { checkpoint, notes } = await engine.importHuggingFaceModel([new File([new Uint8Array(file.bytes)], file.fileName)]);
    expect(checkpoint).toMatchObject({ id: 'hf-tuned-nano-hf', name: 'Tuned-nano-hf', stage: null, state: 'finished', preset: 'nano' });
    expect(notes).toEqual([]);
    const before = await engine.scorePairs('tuned', pairs);
    const after = await engine.scorePairs(checkpoint.id, pairs);
    after.forEach((score, i) => score.probs.forEach((p, k) => expect(p).toBeCloseTo(before[i].probs[k], 6)));
  });

  it('takes the folder\'s files one by one, and stores nothing when one is missing', async () => {
    const files = unzipFolder((await engine.exportHuggingFaceModel('tuned')).bytes, 'x.zip');
    const { checkpoint } = await engine.importHuggingFaceModel(files.filter((f) => f.name !== 'README.md'));
    expect(checkpoint.name).toBe('GPT-2 import (2 layers, n_embd 32)');
    const count = (await engine.listModelCheckpoints()).length;
    await expect(engine.importHuggingFaceModel(files.filter((f) => f.name !== 'tokenizer.json'))).rejects.toThrow(HuggingFaceImportError);
    await expect(engine.importHuggingFaceModel(files.filter((f) => f.name !== 'tokenizer.json'))).rejects.toThrow(/the chosen files\/tokenizer\.json: missing/);
    expect((await engine.listModelCheckpoints()).length).toBe(count);
  });
});
