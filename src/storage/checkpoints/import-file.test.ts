import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_METADATA_KEY, checkpointFileName, exportCheckpointFile } from '../../core/checkpoint/file-format';
import { InvalidCheckpointFileError } from '../../core/io/errors';
import { decodeSafetensors, encodeSafetensors } from '../../core/io/safetensors';
import { openLabStore } from '../lab-store';
import { freshDbName, sameTensors, sampleCheckpoint } from '../test-support';
import { importCheckpointFile } from './import-file';

describe('checkpoint files into the store', () => {
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

  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  it.each([
    ['not safetensors', new TextEncoder().encode('{"hello": 1}')],
    ['safetensors without lab metadata', encodeSafetensors(sampleCheckpoint('x', 1, [2]).tensors)],
    [
      'a lab header nested too deep',
      encodeSafetensors(sampleCheckpoint('x', 1, [2]).tensors, {
        [CHECKPOINT_METADATA_KEY]: `{"format":"relevance-lab/checkpoint","formatVersion":1,"id":"x","name":"x","metadata":{},"config":{"a":${deep}}}`,
      }),
    ],
  ])('stores nothing from %s', async (_case, bytes) => {
    const store = await openLabStore(freshDbName('bad-file'));
    await expect(importCheckpointFile(store, bytes, { fileName: 'upload.safetensors' })).rejects.toThrow(InvalidCheckpointFileError);
    expect(await store.listCheckpoints()).toEqual([]);
    expect((await store.usage()).perItem).toEqual([]);
    store.close();
  });
});
