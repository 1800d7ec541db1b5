// The model method group: tokenizers, training stages (pretrain, probe, finetune) with checkpoints
// in IndexedDB and exact resume, checkpoint files, and scoring from a stored checkpoint. Training
// runs as the engine's one job, so pause, resume and cancel reach it through the job slot.
import { fromStoredCheckpoint } from '../core/checkpoint/stored';
import { countParameters, GPT_PRESETS, type GptConfig, type GptPresetName } from '../core/model/gpt';
import { features, score } from '../core/training/loop/score';
import { StoredItemNotFoundError } from '../storage';
import { BusyError } from '../core/job/errors';
import { InvalidOptionError } from './errors';
import type { EngineContext } from './lab-engine';
import {
  checkpointSummary,
  exportModelCheckpoint,
  importModelCheckpoint,
  listModelCheckpoints,
  loadRunRecord,
  runIdOf,
} from './model-checkpoints';
import { LoadedModelCache } from './model-scoring';
import { listLabTokenizers, trainAndStoreTokenizer } from './model-tokenizers';
import { runTrainingStage, type TrainingJob, type TrainingCall } from './model-training';
import type { ModelEngine, QueryItemPair, TrainingOutcome, TrainingRequest, TrainingRunRecord } from './model-types';
import type { ProgressCallback } from '../core/job/progress';
import { integerInRange } from './validate';

function checkPairs(pairs: QueryItemPair[]): void {
  if (!Array.isArray(pairs)) throw new InvalidOptionError('pairs must be a list of {query, item}.', { option: 'pairs' });
  pairs.forEach((pair, i) => {
    if (typeof pair?.query !== 'string' || pair.item === undefined || pair.item === null) {
      throw new InvalidOptionError(`pairs[${i}] must be {query: string, item: Item | string | string[]}.`, { option: 'pairs', index: i });
    }
  });
}

export function createModelMethods(context: EngineContext): ModelEngine {
  const cache = new LoadedModelCache();
  let running: TrainingRunRecord | null = null;
  const runningId = () => running?.checkpointId ?? null;

  const train = (jobName: string, run: (job: TrainingJob) => Promise<TrainingCall>, onProgress: ProgressCallback | undefined): Promise<TrainingOutcome> => {
    context.requireInfo('trainModel');
    const report = context.reporter(onProgress);
    return context.slot.run(jobName, async (control) => {
      const store = await context.store();
      const job: TrainingJob = {
        store,
        control,
        report,
        onRecord: (record) => (running = record),
        onCheckpointSaved: (id) => cache.release(id),
        pool: context.trainingPool(),
      };
      const stage = await run(job);
      if (stage.checkpointId === cache.current?.id) cache.release();
      try {
        const outcome = await runTrainingStage(job, stage);
        running = null; // the summary below reads the checkpoint as finished, not as running
        return { ...outcome, checkpoint: await checkpointSummary(store, stage.checkpointId, null) };
      } finally {
        running = null;
      }
    });
  };

  return {
    async modelPresets(options = {}) {
      if (options.vocabSize !== undefined) integerInRange('vocabSize', options.vocabSize, 1, 1_000_000);
      return (Object.entries(GPT_PRESETS) as [GptPresetName, GptConfig][]).map(([name, preset]) => {
        const config = { ...preset, vocabSize: options.vocabSize ?? preset.vocabSize };
        return { name, config, parameters: countParameters(config) };
      });
    },

    async trainTokenizer(datasetId, options = {}, onProgress) {
      const report = context.reporter(onProgress);
      return context.slot.run('train tokenizer', async (control) => {
        const store = await context.store();
        return (await trainAndStoreTokenizer({ store, datasetId, vocabSize: options.vocabSize, id: options.id, name: options.name, control, report })).summary;
      });
    },

    async listModelTokenizers() {
      return listLabTokenizers(await context.store());
    },

    async deleteModelTokenizer(id) {
      await (await context.store()).deleteTokenizer(id);
    },

    trainModel(request: TrainingRequest, onProgress) {
      const checkpointId = request?.checkpointId ?? `${request?.stage}-${Date.now().toString(36)}`;
      return train(`${request?.stage} training`, async () => ({ request, checkpointId }), onProgress);
    },

    resumeTraining(checkpointId, options = {}, onProgress) {
      return train('resume training', async ({ store }) => {
        const where = `checkpoint "${checkpointId}"`;
        const checkpoint = fromStoredCheckpoint(await store.loadCheckpoint(checkpointId), where);
        const state = checkpoint.training;
        if (!state) throw new InvalidOptionError(`${where} holds no training state: it can start a stage (init), not continue one.`, { checkpointId });
        if (state.step >= state.totalSteps) {
          throw new InvalidOptionError(`${where}: the ${state.stage} stage already finished (step ${state.step} of ${state.totalSteps}); start a new stage from it instead.`, { checkpointId });
        }
        if (!checkpoint.optimizer) throw new InvalidOptionError(`${where} has no optimizer state, so it cannot continue exactly.`, { checkpointId });
        const record = await loadRunRecord(store, checkpointId);
        const datasetId = options.datasetId ?? record?.datasetId;
        if (!datasetId) {
          throw new InvalidOptionError(`${where} has no run record saying which dataset it trained on (an imported file?): name the dataset with resumeTraining(id, { datasetId }).`, { checkpointId });
        }
        const base: TrainingRequest = record?.request ?? { stage: state.stage, datasetId, init: { from: 'checkpoint', checkpointId } };
        const request: TrainingRequest = {
          ...base,
          datasetId,
          ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
          ...(options.checkpointEvery !== undefined ? { checkpointEvery: options.checkpointEvery } : {}),
        };
        return { request, checkpointId, resumeFrom: { checkpoint, record } };
      }, onProgress);
    },

    async listModelCheckpoints() {
      return listModelCheckpoints(await context.store(), runningId());
    },

    async trainingRun(checkpointId) {
      if (running && running.checkpointId === checkpointId) return structuredClone(running);
      return loadRunRecord(await context.store(), checkpointId);
    },

    async deleteModelCheckpoint(id) {
      if (id === runningId()) {
        throw new BusyError(`Checkpoint "${id}" belongs to the stage that is training now: cancel it first, then delete.`, { checkpointId: id });
      }
      const store = await context.store();
      cache.release(id);
      await store.deleteCheckpoint(id);
      await store.deleteRun(runIdOf(id)).catch((error) => {
        if (!(error instanceof StoredItemNotFoundError)) throw error;
      });
    },

    async exportModelCheckpoint(id) {
      return exportModelCheckpoint(await context.store(), id);
    },

    async importModelCheckpoint(file, options = {}) {
      const store = await context.store();
      if (options.id !== undefined) {
        if (options.id === runningId()) throw new BusyError(`Checkpoint "${options.id}" is being trained now: import under another id.`, { checkpointId: options.id });
        cache.release(options.id);
      }
      const id = await importModelCheckpoint(store, file, options);
      return checkpointSummary(store, id, runningId());
    },

    async scorePairs(checkpointId, pairs, options = {}) {
      context.requireInfo('scorePairs');
      checkPairs(pairs);
      const batchSize = integerInRange('batchSize', options.batchSize ?? 32, 1, 4096);
      return context.slot.run('score pairs', async () => {
        const loaded = await cache.get(await context.store(), checkpointId);
        return score(loaded.model, loaded.tokenizer, pairs, { batchSize, logitNormTau: loaded.logitNormTau, pool: context.trainingPool() });
      });
    },

    async pairFeatures(checkpointId, pairs, options = {}) {
      context.requireInfo('pairFeatures');
      checkPairs(pairs);
      const batchSize = integerInRange('batchSize', options.batchSize ?? 32, 1, 4096);
      return context.slot.run('pair features', async () => {
        const loaded = await cache.get(await context.store(), checkpointId);
        return features(loaded.model, loaded.tokenizer, pairs, { batchSize, pool: context.trainingPool() });
      });
    },

    async releaseModel() {
      // As a job of its own: freeing the tensors under a running score or features job would break it.
      await context.slot.run('release model', async () => cache.release());
    },
  };
}
