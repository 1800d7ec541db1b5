import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DATASET_LIMITS } from './dataset-limits';
import { saveDataset } from './dataset-store';
import { StorageLimitError } from './errors';
import { openLabStore } from './lab-store';
import { openWithMigrations } from './migrations';
import { freshDbName, sampleDatasetInfo, sampleExamples } from './test-support';

describe('dataset limits', () => {
  it('refuse an example whose JSON is above the per-example cap, naming it, and keep what was stored', async () => {
    const store = await openLabStore(freshDbName('dataset-limits'), { estimate: null });
    const before = sampleExamples('train', 3, 1);
    await store.saveDataset(sampleDatasetInfo('d'), { train: before });
    const examples = sampleExamples('train', 5, 2);
    examples[3] = { ...examples[3], query: 'q'.repeat(DATASET_LIMITS.exampleBytes) };
    const saving = store.saveDataset(sampleDatasetInfo('d'), { train: examples });
    await expect(saving).rejects.toThrow(StorageLimitError);
    await expect(saving).rejects.toThrow(
      new RegExp(`^dataset "dataset d": example 3 of the train split \\(id "train-2-3"\\) is \\d+ bytes as JSON; the lab stores examples of at most ${DATASET_LIMITS.exampleBytes} bytes`),
    );
    expect(await store.loadExamples('d', 'train')).toEqual(before);
    store.close();
  });

  it('refuse more examples, or more bytes, than a dataset may hold, before writing anything', async () => {
    const dbName = freshDbName('dataset-count');
    const db = await openWithMigrations(dbName);
    const context = { db, examplesPerChunk: 10, estimate: null, listSizes: async () => [] };
    const examples = { train: sampleExamples('train', 30, 1), val: sampleExamples('val', 11, 2) };
    await expect(saveDataset({ ...context, limits: { ...DATASET_LIMITS, examples: 40 } }, sampleDatasetInfo('d'), examples)).rejects.toThrow(
      'dataset "dataset d": 41 examples; the lab stores at most 40 in one dataset. Nothing was stored.',
    );
    await expect(saveDataset({ ...context, limits: { ...DATASET_LIMITS, totalBytes: 1000 } }, sampleDatasetInfo('d'), examples)).rejects.toThrow(
      /^dataset "dataset d": \d+ bytes of examples as JSON; the lab stores at most 1000 bytes in one dataset\. Nothing was stored\./,
    );
    expect(await db.getAllKeys('exampleChunks')).toEqual([]);
    expect(await db.getAll('datasets')).toEqual([]);
    db.close();
  });
});
