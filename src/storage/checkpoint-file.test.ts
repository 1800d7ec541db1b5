import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { InvalidCheckpointFileError } from '../core/io/errors';
import { decodeSafetensors, encodeSafetensors } from '../core/io/safetensors';
import { CHECKPOINT_METADATA_KEY, checkpointFileName, exportCheckpointFile, importCheckpointFile, parseCheckpointFile } from './checkpoint-file';
import { openLabStore } from './lab-store';
import { freshDbName, sameTensors, sampleCheckpoint } from './test-support';

function withHeader(header: unknown): Uint8Array {
  const { tensors } = sampleCheckpoint('x', 1, [2]);
  return encodeSafetensors(tensors, { [CHECKPOINT_METADATA_KEY]: typeof header === 'string' ? header : JSON.stringify(header) });
}

const GOOD_HEADER = { format: 'relevance-lab/checkpoint', formatVersion: 1, id: 'x', name: 'x', config: {}, metadata: {} };

describe('checkpoint files', () => {
  it('exports a stored checkpoint as safetensors and imports it back', async () => {
    const store = await openLabStore(freshDbName('file'), { checkpointChunkBytes: 1024 });
    const checkpoint = sampleCheckpoint('a', 1, [300, 5, 40], 'my model');
    await store.saveCheckpoint(checkpoint);
    const stored = await store.loadCheckpoint('a');
    const bytes = exportCheckpointFile(stored);

    const plain = decodeSafetensors(bytes);
    expect(plain.tensors.map((tensor) => tensor.name)).toEqual(checkpoint.tensors.map((tensor) => tensor.name));
    expect(JSON.parse(plain.metadata[CHECKPOINT_METADATA_KEY])).toMatchObject({ formatVersion: 1, id: 'a', name: 'my model', config: checkpoint.config });

    const summary = await importCheckpointFile(store, bytes, { fileName: checkpointFileName(stored), id: 'copy' });
    expect(summary).toMatchObject({ id: 'copy', name: 'my model' });
    const copy = await store.loadCheckpoint('copy');
    expect(copy).toMatchObject({ config: checkpoint.config, metadata: checkpoint.metadata });
    expect(sameTensors(copy.tensors, checkpoint.tensors)).toBe(true);
    store.close();
  });

  it('names the file after the checkpoint', () => {
    expect(checkpointFileName({ id: 'x', name: 'DaRL stage 2 / run #3' })).toBe('DaRL-stage-2-run-3.safetensors');
    expect(checkpointFileName({ id: 'abc', name: '' })).toBe('abc.safetensors');
  });

  it.each([
    ['not safetensors', new TextEncoder().encode('{"hello": 1}'), /header length .* (above|beyond)/],
    ['safetensors without lab metadata', encodeSafetensors(sampleCheckpoint('x', 1, [2]).tensors), /not a Relevance Lab checkpoint: .* holds 1 tensors: layer0.weight/],
    ['metadata not JSON', withHeader('{oops'), /"relevance_lab_checkpoint" in __metadata__ is not valid JSON/],
    ['another format', withHeader({ ...GOOD_HEADER, format: 'other' }), /"format" is "other"/],
    ['newer version', withHeader({ ...GOOD_HEADER, formatVersion: 9 }), /format version 9 is newer than this lab reads/],
    ['missing id', withHeader({ ...GOOD_HEADER, id: '' }), /"id" must be a non-empty string/],
    ['metadata not an object', withHeader({ ...GOOD_HEADER, metadata: [1] }), /"metadata" must be an object/],
    ['missing config', withHeader({ ...GOOD_HEADER, config: undefined }), /"config" is missing/],
  ])('rejects %s with a clear error and stores nothing', async (_case, bytes, message) => {
    expect(() => parseCheckpointFile(bytes, 'upload.safetensors')).toThrow(InvalidCheckpointFileError);
    expect(() => parseCheckpointFile(bytes, 'upload.safetensors')).toThrow(message);
    expect(() => parseCheckpointFile(bytes, 'upload.safetensors')).toThrow(/^upload\.safetensors: /);
    const store = await openLabStore(freshDbName('bad-file'));
    await expect(importCheckpointFile(store, bytes, { fileName: 'upload.safetensors' })).rejects.toThrow(InvalidCheckpointFileError);
    expect(await store.listCheckpoints()).toEqual([]);
    expect((await store.usage()).perItem).toEqual([]);
    store.close();
  });

  it('refuses a lab header nested deeper than lab records go, before anything could overflow the stack storing it', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const bytes = withHeader(`{"format":"relevance-lab/checkpoint","formatVersion":1,"id":"x","name":"x","metadata":{},"config":{"a":${deep}}}`);
    expect(() => parseCheckpointFile(bytes, 'deep.safetensors')).toThrow(InvalidCheckpointFileError);
    expect(() => parseCheckpointFile(bytes, 'deep.safetensors')).toThrow(/^deep\.safetensors: "relevance_lab_checkpoint" nests deeper than 64 levels/);
    const store = await openLabStore(freshDbName('deep-file'));
    await expect(importCheckpointFile(store, bytes, { fileName: 'deep.safetensors' })).rejects.toThrow(InvalidCheckpointFileError);
    expect(await store.listCheckpoints()).toEqual([]);
    store.close();
  });

  it('accepts a good header', () => {
    expect(parseCheckpointFile(withHeader(GOOD_HEADER)).id).toBe('x');
  });
});
