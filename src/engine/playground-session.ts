// What the playground's methods share in the engine worker: the one model kept loaded, the fitted
// OOD references, and the job wrapper that lets a release wait for the job using the model.
import { InvalidOptionError } from './errors';
import { estimateEtaSeconds, type JobControl } from '../core/job/job-control';
import type { EngineContext } from './lab-engine';
import { LoadedModelCache, type LoadedModel } from './model-scoring';
import { fitReference, ReferenceCache, type FittedReference, type ResolvedReferenceOptions } from './playground-reference';
import type { JobProgress } from '../core/job/progress';

export interface Prepared {
  loaded: LoadedModel;
  reference: FittedReference;
  cached: boolean;
}

export class PlaygroundSession {
  readonly models = new LoadedModelCache();
  readonly references = new ReferenceCache();
  #using = false;
  #releaseWhenDone = false;

  constructor(readonly context: EngineContext) {}

  /** Runs `work` as the engine's job; a release asked for meanwhile waits for it to end. */
  job<T>(name: string, work: (control: JobControl) => Promise<T>): Promise<T> {
    return this.context.slot.run(name, async (control) => {
      this.#using = true;
      try {
        return await work(control);
      } finally {
        this.#using = false;
        if (this.#releaseWhenDone) this.models.release();
        this.#releaseWhenDone = false;
      }
    });
  }

  release(): void {
    if (this.#using) this.#releaseWhenDone = true;
    else this.models.release();
  }

  /** The model (loaded once) of a stored checkpoint; call inside job(). */
  async model(checkpointId: string): Promise<LoadedModel> {
    if (typeof checkpointId !== 'string') throw new InvalidOptionError('Name a stored checkpoint by its id.', { option: 'checkpointId' });
    return this.models.get(await this.context.store(), checkpointId);
  }

  /** The model and the fitted reference for this checkpoint, dataset and options (fitted now when not cached). */
  async prepare(checkpointId: string, datasetId: string, options: ResolvedReferenceOptions, control: JobControl, report: (progress: JobProgress) => void): Promise<Prepared> {
    if (typeof checkpointId !== 'string' || typeof datasetId !== 'string') throw new InvalidOptionError('Name a stored checkpoint and a stored dataset by their ids.', {});
    const store = await this.context.store();
    const info = await store.loadDatasetInfo(datasetId);
    const loaded = await this.models.get(store, checkpointId);
    const key = JSON.stringify([checkpointId, loaded.createdAt, datasetId, info.createdAt, options]);
    const cached = this.references.get(key);
    if (cached) return { loaded, reference: cached, cached: true };
    const [train, val] = [await store.loadExamples(datasetId, 'train'), await store.loadExamples(datasetId, 'val')];
    const reference = await fitReference(loaded, { checkpointId, datasetId, datasetName: info.name, train, val }, options, async (done, total) => {
      report({ stage: 'playground-features', step: done, total, etaSeconds: estimateEtaSeconds(control.activeSeconds(), done, total), elapsedSeconds: control.activeSeconds(), figures: {} });
      await control.betweenSteps();
    }, this.context.trainingPool());
    this.references.set(key, reference);
    return { loaded, reference, cached: false };
  }
}
