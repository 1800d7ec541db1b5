// What is stored and how big it is, largest first, with the origin's quota when the browser tells it.
import type { IDBPDatabase } from 'idb';
import type { EstimateStorage } from './quota';
import type { LabDB } from './schema';
import { runRead } from './transactions';
import type { StorageUsage, StoredItemSize } from './types';

export async function listSizes(db: IDBPDatabase<LabDB>): Promise<StoredItemSize[]> {
  const items = await runRead(db, ['checkpoints', 'datasets', 'tokenizers', 'runs'], async (tx) => {
    const [checkpoints, datasets, tokenizers, runs] = await Promise.all([
      tx.objectStore('checkpoints').getAll(),
      tx.objectStore('datasets').getAll(),
      tx.objectStore('tokenizers').getAll(),
      tx.objectStore('runs').getAll(),
    ]);
    return [
      // A checkpoint's kept previous slot (checkpoints/slots.ts) takes room too.
      ...checkpoints.map(({ id, name, byteSize, previous }) => ({ kind: 'checkpoint' as const, id, name, byteSize: byteSize + (previous?.byteSize ?? 0) })),
      ...datasets.map(({ id, info, byteSize }) => ({ kind: 'dataset' as const, id, name: info.name, byteSize })),
      ...tokenizers.map(({ id, name, byteSize }) => ({ kind: 'tokenizer' as const, id, name, byteSize })),
      ...runs.map(({ id, byteSize }) => ({ kind: 'run' as const, id, name: id, byteSize })),
    ];
  });
  return items.sort((a, b) => b.byteSize - a.byteSize);
}

export async function storageUsage(db: IDBPDatabase<LabDB>, estimate: EstimateStorage): Promise<StorageUsage> {
  const perItem = await listSizes(db);
  const report: StorageUsage = { perItem, totalBytes: perItem.reduce((sum, item) => sum + item.byteSize, 0) };
  if (estimate) {
    const { quota, usage } = await estimate();
    if (typeof quota === 'number') report.quota = quota;
    if (typeof usage === 'number') report.usage = usage;
  }
  return report;
}
