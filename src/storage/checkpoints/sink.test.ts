import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleModelCheckpoint } from '../../core/checkpoint/test-support';
import { openLabStore } from '../lab-store';
import { freshDbName } from '../test-support';
import { StoreCheckpointSink } from './sink';

describe('the IndexedDB checkpoint sink', () => {
  it('has nothing before the first save, then gives back the last checkpoint whole: config, tokenizer, weights, optimizer and training state', async () => {
    const store = await openLabStore(freshDbName('model-ckpt'), { estimate: null });
    const sink = new StoreCheckpointSink(store, 'run-7', 'run 7');
    expect(await sink.latest()).toBeNull();
    const checkpoint = { ...sampleModelCheckpoint(1, 2, 10), tokenizer: '{"model":"lab"}' };
    await sink.save(checkpoint);
    expect(await sink.latest()).toEqual(checkpoint);
    const next = sampleModelCheckpoint(2, 3, 10);
    await sink.save(next);
    expect(await sink.latest()).toEqual(next);
    expect((await store.listCheckpoints()).map((summary) => [summary.id, summary.name])).toEqual([['run-7', 'run 7']]);
    store.close();
  });
});
