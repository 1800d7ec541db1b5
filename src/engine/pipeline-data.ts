// A stored dataset as pipeline data: the labelled splits, the pool with its grades hidden, and the
// pool's gold grades for the oracle. Fingerprinting every example costs a moment on a large
// dataset, so the last one read is kept (per dataset id and save time).
import type { Grade } from '../core/data/schema';
import { pipelineData, type PipelineData } from '../core/pipeline/data';
import type { LabStore } from '../storage';

export interface LoadedPipelineData {
  datasetId: string;
  datasetName: string;
  data: PipelineData;
  /** At least one pool sample has a gold grade: the oracle can annotate. */
  poolHasGold: boolean;
}

export class PipelineDataCache {
  #key: string | null = null;
  #loaded: Promise<LoadedPipelineData> | null = null;

  async get(store: LabStore, datasetId: string): Promise<LoadedPipelineData> {
    const info = await store.loadDatasetInfo(datasetId);
    const key = `${datasetId}\u0000${info.createdAt}`;
    if (this.#key !== key || !this.#loaded) {
      this.#key = key;
      this.#loaded = load(store, datasetId, info.name);
      this.#loaded.catch(() => {
        if (this.#key === key) this.#key = null;
      });
    }
    return this.#loaded;
  }

  forget(): void {
    this.#key = null;
    this.#loaded = null;
  }
}

async function load(store: LabStore, datasetId: string, datasetName: string): Promise<LoadedPipelineData> {
  const read = (split: 'train' | 'val' | 'test_id' | 'test_ood' | 'pool') => store.loadExamples(datasetId, split);
  const [train, val, test_id, test_ood, poolStored] = [await read('train'), await read('val'), await read('test_id'), await read('test_ood'), await read('pool')];
  const gold = new Map<string, Grade | null>(poolStored.map((example) => [example.id, example.grade]));
  const pool = poolStored.map((example) => ({ ...example, grade: null }));
  const data = pipelineData({ train, val, test_id, test_ood, pool }, gold, `dataset "${datasetName}"`);
  return { datasetId, datasetName, data, poolHasGold: [...gold.values()].some((grade) => grade !== null) };
}
