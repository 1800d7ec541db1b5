import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCheckpoint } from '../checkpoint/capture';
import { createGpt, disposeGpt, gptConfig } from '../model/gpt';
import { useBackend } from '../backend/test-backends';
import { RunStoreError } from './errors';
import { MemoryRunStore } from './memory-run-store';
import { DirectoryRunStore } from './node-run-store';
import type { RunStore } from './run-store';

let dir: string;

describe.each([
  ['directory', () => new DirectoryRunStore(dir)],
  ['memory', () => new MemoryRunStore()],
])('%s run store', (_name, make: () => RunStore) => {
  beforeAll(async () => {
    await useBackend('cpu');
    dir = await mkdtemp(join(tmpdir(), 'darl-run-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps records and checkpoints by name, replaces them, and deletes both', async () => {
    const store = make();
    expect(await store.getRecord('stage/probe-1')).toBeNull();
    expect(await store.getCheckpoint('stage/probe-1')).toBeNull();
    await store.putRecord('stage/probe-1', { a: 1, b: [NaN, 2] });
    expect(await store.getRecord('stage/probe-1')).toEqual({ a: 1, b: [null, 2] });
    await store.putRecord('stage/probe-1', { a: 2 });
    expect(await store.getRecord('stage/probe-1')).toEqual({ a: 2 });

    const model = createGpt(gptConfig('nano'), 1);
    const checkpoint = await captureCheckpoint(model, { tokenizer: '{"x":1}' });
    disposeGpt(model);
    await store.putCheckpoint('stage/probe-1', checkpoint);
    const back = (await store.getCheckpoint('stage/probe-1'))!;
    expect(back.tokenizer).toBe('{"x":1}');
    expect(back.weights.map((t) => t.name)).toEqual(checkpoint.weights.map((t) => t.name));
    expect(Array.from(back.weights[0].data.slice(0, 5))).toEqual(Array.from(checkpoint.weights[0].data.slice(0, 5)));

    await store.delete('stage/probe-1');
    expect(await store.getRecord('stage/probe-1')).toBeNull();
    expect(await store.getCheckpoint('stage/probe-1')).toBeNull();
    await store.delete('stage/never-there');
  });

  it('refuses names that could leave the store', async () => {
    const store = make();
    for (const name of ['../x', 'a/../../b', '/abs', 'Upper', 'a//b', '']) {
      await expect(store.putRecord(name, {})).rejects.toThrow(RunStoreError);
    }
  });
});

describe('directory run store files', () => {
  it('leaves no temporary files and names a corrupt record', async () => {
    const root = await mkdtemp(join(tmpdir(), 'darl-run-store-files-'));
    try {
      const store = new DirectoryRunStore(root);
      await store.putRecord('stage/a', { ok: true });
      expect(await readdir(join(root, 'stage'))).toEqual(['a.json']);
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(root, 'stage', 'b.json'), '{"half":', 'utf8');
      await expect(store.getRecord('stage/b')).rejects.toThrow(/b\.json is not valid JSON.*delete it to recompute/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
