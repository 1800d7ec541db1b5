// The pipeline method group: the DaRL pipeline (src/core/pipeline) on a dataset of the lab's store,
// its stage outputs in IndexedDB through the IndexedDB run store (same content keys as the command
// line's directory store), run one stage or all of them as the engine's job, and read back.
//
// A job also keeps the run `pipeline/<dataset id>`: the request it ran (with the grades of a manual
// annotator), its stages and its status, so the page shows the run again after a reload. It links
// the run records it is made of in `recordIds` (each stage's record and the DASA picture), so the
// Runs screen exports, imports and deletes the pipeline run as one (src/storage/run-links.ts).
// A request with an experiment variant runs `variantSettings(variant, settings)` (the command
// line's settings for it, so the stages are shared by key) and keeps its own run,
// `pipeline/<dataset id>/<variant>`, so it never replaces the page's own pipeline run.
import { BASELINE_DESCRIPTIONS, BASELINES, measureBaselines } from '../core/baseline/baselines';
import { fromStoredCheckpoint, toStoredCheckpoint } from '../core/checkpoint/stored';
import type { Grade } from '../core/data/schema';
import { applyOverrides } from '../core/experiment/overrides';
import { ALL_VARIANTS, isVariant, VARIANTS, variantSettings, type Variant } from '../core/experiment/variants';
import { GPT_PRESETS, type GptPresetName } from '../core/model/gpt';
import { defaultPipelineSettings, PIPELINE_BUDGETS, type PipelineBudget } from '../core/pipeline/defaults';
import { SHIPPED_PRESETS } from '../core/pipeline/shipped/manifest';
import { runPipelineStages, type PipelineStageRuns } from '../core/pipeline/pipeline';
import type { PipelineSettings } from '../core/pipeline/settings';
import { PIPELINE_STAGES, type PipelineStage } from '../core/pipeline/stage';
import type { DasaFeatures } from '../core/pipeline/stages/dasa';
import { projectSets2d } from '../core/projection/pca';
import { IdbRunStore } from '../storage/idb-run-store';
import { StoredItemNotFoundError, type LabStore, type RunRecord } from '../storage';
import { CancelledError } from '../core/job/errors';
import { InvalidOptionError } from './errors';
import type { EngineContext } from './lab-engine';
import { PipelineDataCache, type LoadedPipelineData } from './pipeline-data';
import { dasaPoints } from './pipeline-dasa-points';
import { checkEvaluationFile, evaluationDownload } from './pipeline-export';
import { plannedStages, stageInfo, variantOf } from './pipeline-summary';
import type {
  DasaProjection,
  PipelineBaselines,
  PipelineEngine,
  PipelineRequest,
  PipelineResults,
  PipelineRunRecord,
  PipelineStageInfo,
  PipelineVariantResult,
  ResolvedPipelineRequest,
  ScalarSplitMetrics,
} from './pipeline-types';
import type { ProgressCallback } from '../core/job/progress';
import { integerInRange } from './validate';

/** The run a pipeline job keeps: the page's own on a dataset, or one per variant beside it. */
export const pipelineRunId = (datasetId: string, variant?: Variant) => (variant ? `pipeline/${datasetId}/${variant}` : `pipeline/${datasetId}`);
export const projectionName = (dasaKey: string) => `view/dasa-pca-${dasaKey}`;

interface Resolved {
  request: ResolvedPipelineRequest;
  settings: PipelineSettings;
}

/**
 * The defaults a request starts from. A host with shipped models (the page's engine worker) starts
 * the presets that have one from it; the command line and hosts without them pretrain here.
 */
function hostDefaults(preset: GptPresetName, seed: number, budget: PipelineBudget, hasShipped: boolean): PipelineSettings {
  const settings = defaultPipelineSettings(preset, seed, budget);
  if (hasShipped && SHIPPED_PRESETS.includes(preset)) settings.pretrain.source = 'shipped';
  return settings;
}

function resolveWithDefaults(request: PipelineRequest, hasShipped: boolean): Resolved {
  if (!request || typeof request.datasetId !== 'string' || request.datasetId === '') {
    throw new InvalidOptionError('Name a stored dataset by its id: { datasetId }.', { option: 'datasetId' });
  }
  const preset = request.preset ?? 'small';
  if (!(preset in GPT_PRESETS)) throw new InvalidOptionError(`preset must be one of ${Object.keys(GPT_PRESETS).join(', ')}; got ${String(preset)}.`, { option: 'preset' });
  const seed = integerInRange('seed', request.seed ?? 1, 0, 2 ** 32 - 1);
  const budget = request.budget ?? 'full';
  if (!PIPELINE_BUDGETS.includes(budget)) throw new InvalidOptionError(`budget must be one of ${PIPELINE_BUDGETS.join(', ')}; got ${String(budget)}.`, { option: 'budget' });
  const variant = request.variant;
  if (variant !== undefined && !isVariant(variant)) throw new InvalidOptionError(`variant must be one of ${ALL_VARIANTS.join(', ')}; got ${String(variant)}.`, { option: 'variant' });
  const overrides = request.settings ?? {};
  const settings = applyOverrides(hostDefaults(preset as GptPresetName, seed, budget, hasShipped), overrides);
  const resolved: ResolvedPipelineRequest = { datasetId: request.datasetId, preset: preset as GptPresetName, seed, budget, settings: overrides };
  // The same order as the command line's experimentSettings: defaults, overrides, then the variant's switch.
  return variant ? { request: { ...resolved, variant }, settings: variantSettings(variant, settings) } : { request: resolved, settings };
}

/** The scalar metrics of a split, without per-class scores, confusion matrix and reliability bins. */
function scalars(metrics: ScalarSplitMetrics & Partial<Record<'per_class' | 'confusion_matrix' | 'reliability', unknown>>): ScalarSplitMetrics {
  const { per_class: _perClass, confusion_matrix: _confusion, reliability: _reliability, ...rest } = metrics;
  return rest;
}

function checkStage(stage: unknown): PipelineStage {
  if (!PIPELINE_STAGES.includes(stage as PipelineStage)) {
    throw new InvalidOptionError(`stage must be one of ${PIPELINE_STAGES.join(', ')}; got ${String(stage)}.`, { option: 'stage' });
  }
  return stage as PipelineStage;
}

/** Four significant digits are plenty for a picture and keep the stored record small. */
const round = (values: Float32Array) => Array.from(values, (value) => Number(value.toPrecision(4)));

function project(features: DasaFeatures): DasaProjection {
  const { points, explainedRatio, converged } = projectSets2d([features.fit, features.pool]);
  return { idPoints: round(points[0]), idIds: features.fitIds, poolPoints: round(points[1]), poolIds: features.poolIds, explainedRatio, converged };
}

async function storedRun(store: LabStore, id: string, runningId: string | null): Promise<PipelineRunRecord | null> {
  let run: RunRecord;
  try {
    run = await store.loadRun(id);
  } catch (error) {
    if (error instanceof StoredItemNotFoundError) return null;
    throw error;
  }
  if (run.kind !== 'pipeline-run') return null;
  const record = run as unknown as PipelineRunRecord;
  return record.status === 'running' && runningId !== record.id ? { ...record, status: 'interrupted' } : record;
}

/** Fits both baselines on the data's train split and keeps their scalar metrics. */
function computeBaselines(loaded: LoadedPipelineData): PipelineBaselines {
  const measured = measureBaselines(loaded.data);
  const baselines = Object.fromEntries(
    BASELINES.map((name) => {
      const { test_id, test_ood, id_ood_gap, seconds } = measured[name];
      return [name, { description: BASELINE_DESCRIPTIONS[name], test_id: scalars(test_id), test_ood: scalars(test_ood), id_ood_gap, seconds }];
    }),
  ) as PipelineBaselines['baselines'];
  return { datasetId: loaded.datasetId, fingerprint: loaded.data.fingerprint, baselines };
}

export function createPipelineMethods(context: EngineContext): PipelineEngine {
  const resolveRequest = (request: PipelineRequest) => resolveWithDefaults(request, context.host.shippedModels !== undefined);
  const dataCache = new PipelineDataCache();
  /** The last datasets' baselines by data fingerprint (the same data gives the same baselines). */
  const baselineCache = new Map<string, PipelineBaselines>();
  let runStore: IdbRunStore | null = null;
  let runningId: string | null = null;
  const runStoreOf = (store: LabStore) => (runStore ??= new IdbRunStore(store, { toStored: toStoredCheckpoint, fromStored: fromStoredCheckpoint }));

  async function results(store: LabStore, loaded: LoadedPipelineData, resolved: Resolved, runs: Partial<PipelineStageRuns>): Promise<PipelineResults> {
    const info = (stage: PipelineStage): PipelineStageInfo | null => (runs[stage] ? stageInfo(runs[stage]) : null);
    const stages = PIPELINE_STAGES.map(info).filter((entry): entry is PipelineStageInfo => entry !== null);
    const byId = new Map(loaded.data.pool.map((example) => [example.id, example]));
    let dasa: PipelineResults['dasa'] = null;
    if (runs.dasa) {
      const record = runs.dasa.record;
      dasa = {
        stage: info('dasa')!,
        record,
        samples: record.selection.selected.map((id) => {
          const example = byId.get(id);
          return example ? { id, query: example.query, item: example.item, tags: example.tags } : { id, query: '', item: { title: '', fields: {} }, tags: [] };
        }),
        projection: await runStoreOf(store).getRecord<DasaProjection>(projectionName(runs.dasa.key)),
        annotation: runs.annotate ? { stage: info('annotate')!, record: runs.annotate.record } : null,
      };
    }
    const evaluate = runs.evaluate?.record;
    const { predictions: _predictions, ...metrics } = evaluate ?? { predictions: null };
    return {
      status: {
        datasetId: loaded.datasetId,
        datasetName: loaded.datasetName,
        request: resolved.request,
        settings: resolved.settings,
        planned: plannedStages(resolved.settings),
        stages,
        poolHasGold: loaded.poolHasGold,
        lastRun: await storedRun(store, pipelineRunId(loaded.datasetId, resolved.request.variant), runningId),
      },
      dasa,
      interpolation: runs.interpolate ? { stage: info('interpolate')!, record: runs.interpolate.record } : null,
      evaluation: evaluate ? { stage: info('evaluate')!, record: metrics as Omit<typeof evaluate, 'predictions'>, variant: variantOf(resolved.settings) } : null,
    };
  }

  /** The request resolved, its data, and the stage outputs stored for it (nothing computed). */
  async function storedRuns(request: PipelineRequest) {
    const resolved = resolveRequest(request);
    const store = await context.store();
    const loaded = await dataCache.get(store, resolved.request.datasetId);
    const runs = await runPipelineStages(resolved.settings, loaded.data, runStoreOf(store), { until: null, shippedModels: context.host.shippedModels });
    return { resolved, store, loaded, runs };
  }

  async function run(request: PipelineRequest, until: PipelineStage, onProgress: ProgressCallback | undefined): Promise<PipelineResults> {
    context.requireInfo('runPipelineStage');
    const resolved = resolveRequest(request);
    const report = context.reporter(onProgress);
    return context.slot.run(`DaRL pipeline up to ${until}`, async (control) => {
      const store = await context.store();
      const loaded = await dataCache.get(store, resolved.request.datasetId);
      const runs = runStoreOf(store);
      const variant = resolved.request.variant;
      const id = pipelineRunId(loaded.datasetId, variant);
      const now = new Date().toISOString();
      const previous = await storedRun(store, id, null);
      const record: PipelineRunRecord & { recordIds: string[] } = {
        id,
        kind: 'pipeline-run',
        name: variant ? `DaRL variant ${variant} on ${loaded.datasetName}` : `DaRL pipeline on ${loaded.datasetName}`,
        datasetId: loaded.datasetId,
        datasetName: loaded.datasetName,
        request: resolved.request,
        until,
        status: 'running',
        error: null,
        stages: [],
        checkpointIds: [],
        recordIds: [],
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      };
      const save = () => store.saveRun({ ...record, updatedAt: new Date().toISOString() } as unknown as RunRecord);
      await save();
      runningId = id;
      let projection: DasaProjection | null = null;
      try {
        const stageRuns = await runPipelineStages(resolved.settings, loaded.data, runs, {
          until,
          control,
          pool: context.trainingPool(),
          shippedModels: context.host.shippedModels,
          onProgress: report,
          onDasaFeatures: (features) => void (projection = project(features)),
          onStage: async (stage) => {
            if (stage.stage === 'dasa' && stage.status === 'computed' && projection) await runs.putRecord(projectionName(stage.key), projection);
            record.stages.push(stageInfo(stage));
            record.recordIds.push(stageInfo(stage).name);
            if (stage.stage === 'dasa' && (await runs.getRecord(projectionName(stage.key))) !== null) record.recordIds.push(projectionName(stage.key));
            if (stage.hasCheckpoint) record.checkpointIds.push(`stage/${stage.stage}-${stage.key}`);
            await save();
          },
        });
        record.status = 'done';
        await save();
        runningId = null;
        return await results(store, loaded, resolved, stageRuns);
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        record.status = failure instanceof CancelledError || failure.name === 'CancelledError' ? 'cancelled' : 'failed';
        record.error = { name: failure.name, message: failure.message };
        await save().catch(() => undefined); // the error itself matters more than its record
        throw error;
      } finally {
        runningId = null;
      }
    });
  }

  return {
    async pipelineDefaults(preset, options = {}) {
      return resolveRequest({ datasetId: '-', preset, seed: options.seed, budget: options.budget }).settings;
    },

    async runPipelineStage(request, stage, onProgress) {
      return run(request, checkStage(stage), onProgress);
    },

    async runPipelineAll(request, onProgress) {
      return run(request, 'evaluate', onProgress);
    },

    async pipelineResults(request) {
      const { resolved, store, loaded, runs } = await storedRuns(request);
      return results(store, loaded, resolved, runs);
    },

    async pipelineVariantResults(request, variants = VARIANTS) {
      if (!Array.isArray(variants)) throw new InvalidOptionError(`Name the variants as a list (${VARIANTS.join(', ')}).`, { option: 'variants' });
      const base = resolveRequest({ ...request, variant: undefined });
      const asked = variants.map((variant) => resolveRequest({ ...request, variant }));
      const store = await context.store();
      const loaded = await dataCache.get(store, base.request.datasetId);
      const found: { variant: Variant; result: PipelineVariantResult | null }[] = [];
      for (const resolved of asked) {
        const variant = resolved.request.variant!;
        const runs = await runPipelineStages(resolved.settings, loaded.data, runStoreOf(store), { until: null, shippedModels: context.host.shippedModels });
        const evaluate = runs.evaluate;
        found.push({
          variant,
          result: evaluate
            ? { variant, stage: stageInfo(evaluate), test_id: scalars(evaluate.record.test_id), test_ood: scalars(evaluate.record.test_ood), id_ood_gap: evaluate.record.id_ood_gap }
            : null,
        });
      }
      return found;
    },

    async pipelineBaselines(datasetId) {
      if (typeof datasetId !== 'string' || datasetId === '') throw new InvalidOptionError('Name a stored dataset by its id.', { option: 'datasetId' });
      const loaded = await dataCache.get(await context.store(), datasetId);
      const key = loaded.data.fingerprint;
      let found = baselineCache.get(key);
      if (!found) {
        found = computeBaselines(loaded);
        if (baselineCache.size >= 4) baselineCache.delete(baselineCache.keys().next().value!);
        baselineCache.set(key, found);
      }
      // The same data under another id (a copy) has the same baselines.
      return { ...found, datasetId: loaded.datasetId };
    },

    async exportPipelineEvaluation(request, file, format) {
      checkEvaluationFile(file, format);
      const { resolved, store, loaded, runs } = await storedRuns(request);
      if (!runs.evaluate) throw new InvalidOptionError(`No evaluation is stored for these settings on "${loaded.datasetName}": run Evaluate first.`, { datasetId: loaded.datasetId });
      return evaluationDownload(runs.evaluate, loaded, await store.loadDatasetInfo(loaded.datasetId), variantOf(resolved.settings), file, format);
    },

    async pipelineDasaPoints(request) {
      const { store, loaded, runs } = await storedRuns(request);
      const projection = runs.dasa ? await runStoreOf(store).getRecord<DasaProjection>(projectionName(runs.dasa.key)) : null;
      return projection ? dasaPoints(projection, loaded.data, runs.annotate?.record ?? null) : null;
    },

    async revealPoolGrade(datasetId, id): Promise<Grade | null> {
      if (typeof id !== 'string') throw new InvalidOptionError('Name the pool sample by its id.', { option: 'id' });
      const loaded = await dataCache.get(await context.store(), datasetId);
      const gold = loaded.data.poolGold;
      if (!gold?.has(id)) throw new InvalidOptionError(`Dataset "${loaded.datasetName}" has no pool sample "${id}".`, { datasetId, id });
      return gold.get(id) ?? null;
    },
  };
}
