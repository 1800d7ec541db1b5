// The model kept loaded for scoring: one checkpoint at a time. Asking for another one, or for one
// that was saved again since it was loaded, disposes the old tensors first.
import { restoreModel } from '../core/checkpoint/capture';
import { fromStoredCheckpoint } from '../core/checkpoint/stored';
import { disposeGpt, type Gpt } from '../core/model/gpt';
import type { BpeTokenizer } from '../core/tokenizer';
import { checkpointTokenizer } from '../core/training/loop/model-setup';
import { StoredItemNotFoundError, type LabStore } from '../storage';

export interface LoadedModel {
  id: string;
  createdAt: string;
  model: Gpt;
  tokenizer: BpeTokenizer;
  /** LogitNorm temperature the model was trained with: scoring applies it as training did. */
  logitNormTau: number | null;
}

export class LoadedModelCache {
  #loaded: LoadedModel | null = null;

  get current(): LoadedModel | null {
    return this.#loaded;
  }

  async get(store: LabStore, id: string): Promise<LoadedModel> {
    const manifest = (await store.listCheckpoints()).find((entry) => entry.id === id);
    if (!manifest) throw new StoredItemNotFoundError(`No model checkpoint with id "${id}" is stored.`, { kind: 'checkpoint', id });
    const loaded = this.#loaded;
    if (loaded && loaded.id === id && loaded.createdAt === manifest.createdAt) return loaded;
    this.release();
    const stored = await store.loadCheckpoint(id);
    const where = `checkpoint "${stored.name}"`;
    const checkpoint = fromStoredCheckpoint(stored, where);
    const tokenizer = checkpointTokenizer(checkpoint, where);
    this.#loaded = { id, createdAt: stored.createdAt, model: restoreModel(checkpoint, where), tokenizer, logitNormTau: checkpoint.training?.loss?.logitNormTau ?? null };
    return this.#loaded;
  }

  /** Disposes the loaded model when it is `id` (or any, without an id). */
  release(id?: string): void {
    if (!this.#loaded || (id !== undefined && this.#loaded.id !== id)) return;
    disposeGpt(this.#loaded.model);
    this.#loaded = null;
  }
}
