// The DaRL pipeline (METHOD.md): Pretrain -> Probe -> DASA -> (annotate) -> Fine-tune ->
// Interpolate -> Evaluate. Each stage's output goes to the run store under a content key, so a
// stage found there is reused, a changed setting re-runs only that stage and those after it, and
// an interrupted training stage resumes from its last periodic checkpoint. Stages can also be
// called one by one (src/core/pipeline/stages); this file only wires them together.
import type { GradientPool } from '../parallel/gradient-pool';
import type { JobControl } from '../job/job-control';
import type { ProgressCallback } from '../job/progress';
import type { PipelineData } from './data';
import type { RunStore } from './run-store';
import type { GptPresetName } from '../model/gpt';
import { PipelineInputError } from './errors';
import { extraIdTrainRows } from './extra-id-rows';
import { POOL_SELECTIONS, PRETRAIN_SOURCES, type PipelineSettings, type PretrainSettings } from './settings';
import type { PretrainedModel, ShippedModels } from './shipped/source';
import { checkSettingRanges } from './settings-ranges';
import { findStage, PIPELINE_STAGES, runStage, type PipelineStage, type StageCall, type StageRun } from './stage';
import { annotatedExamples, runAnnotate, type AnnotateRecord } from './stages/annotate';
import { baselineSelectSettings, isBaselineSelection, runBaselineSelect, type BaselineSelectRecord } from './stages/baseline-select';
import { runFinetune, runProbe, type ClassifierRecord } from './stages/classifier';
import { runDasa, requirePool, type DasaFeatures, type DasaRecord } from './stages/dasa';
import { checkEvaluateValRows, runEvaluate, type EvaluateRecord } from './stages/evaluate';
import { checkLogisticProbeSettings } from './stages/logistic-probe';
import { checkAlphas, runInterpolate, type InterpolateRecord } from './stages/interpolate';
import { runPretrain, type PretrainRecord } from './stages/pretrain';
import { shippedPretrainCall } from './stages/pretrain-shipped';
import { runRandomSelect, type RandomSelectRecord } from './stages/random-select';

export interface PipelineStageRuns {
  pretrain: StageRun<PretrainRecord>;
  probe?: StageRun<ClassifierRecord>;
  dasa?: StageRun<DasaRecord>;
  'random-select'?: StageRun<RandomSelectRecord>;
  'baseline-select'?: StageRun<BaselineSelectRecord>;
  annotate?: StageRun<AnnotateRecord>;
  finetune: StageRun<ClassifierRecord>;
  interpolate?: StageRun<InterpolateRecord>;
  evaluate: StageRun<EvaluateRecord>;
}

export interface PipelineOptions {
  control?: JobControl;
  onProgress?: ProgressCallback;
  /** Called when each stage is done (computed or found in the store), in pipeline order. */
  onStage?: (run: StageRun<unknown>) => void | Promise<void>;
  /**
   * The last stage to compute (default `evaluate`: all of them). The stages after it are only looked
   * up in the store, and reported when they are there for the same settings and inputs; null looks
   * every stage up and computes none (what is stored for these settings).
   */
  until?: PipelineStage | null;
  /** Handed the pooled features when the DASA stage computes them (e.g. for a picture); not stored. */
  onDasaFeatures?: (features: DasaFeatures) => void | Promise<void>;
  /** The shipped pretrained models, for `settings.pretrain.source: 'shipped'`. */
  shippedModels?: ShippedModels;
  /** Helper threads the training steps and forward passes share (src/core/parallel); default none. */
  pool?: GradientPool | null;
}

/** Pretraining here is keyed without `source`, so its keys are those from before shipped models existed. */
function keyedPretrainSettings(settings: PretrainSettings): Omit<PretrainSettings, 'source'> {
  const { source: _source, ...rest } = settings;
  return rest;
}

async function shippedModel(options: PipelineOptions, preset: GptPresetName): Promise<PretrainedModel> {
  if (!options.shippedModels) throw new PipelineInputError('This host has no shipped pretrained models; set the Pretrain stage to pretrain here.', { setting: 'pretrain.source' });
  return options.shippedModels(preset);
}

/** The selection, the fine-tuning start and what they need from the data, checked before any training. */
function checkSelection(settings: PipelineSettings, data: PipelineData, computes: (stage: PipelineStage) => boolean): void {
  const selection = settings.selection as string;
  const fromPool = (POOL_SELECTIONS as readonly string[]).includes(selection);
  if (!fromPool && selection !== 'extra-id' && selection !== 'none') {
    throw new PipelineInputError(`settings.selection must be one of ${[...POOL_SELECTIONS, 'extra-id', 'none'].join(', ')}, got ${JSON.stringify(selection)}.`, { setting: 'selection' });
  }
  if (fromPool && computes('dasa')) requirePool(data);
  if (selection === 'uncertainty' && !settings.probe) {
    throw new PipelineInputError("The uncertainty selection ranks pool samples by the probe's predictive entropy, and these settings have no probe.", { setting: 'selection' });
  }
  if (selection === 'extra-id' && computes('finetune')) extraIdTrainRows(settings, data.train.length);
  if (settings.finetuneStart !== undefined && settings.finetuneStart !== 'probe' && settings.finetuneStart !== 'pretrained') {
    throw new PipelineInputError(`settings.finetuneStart must be probe or pretrained, got ${JSON.stringify(settings.finetuneStart)}.`, { setting: 'finetuneStart' });
  }
}

/** Thrown inside the orchestrator when a stage past `until` is not stored: the walk ends there. */
class NotStored {}

export async function runPipeline(settings: PipelineSettings, data: PipelineData, store: RunStore, options: PipelineOptions = {}): Promise<PipelineStageRuns> {
  return (await runPipelineStages(settings, data, store, { ...options, until: 'evaluate' })) as PipelineStageRuns;
}

/**
 * The pipeline up to `options.until`, then the stored outputs after it: every stage that ran or was
 * found, in order. Stages before `until` that are stored are reused, so running one stage runs the
 * missing ones before it.
 */
export async function runPipelineStages(settings: PipelineSettings, data: PipelineData, store: RunStore, options: PipelineOptions = {}): Promise<Partial<PipelineStageRuns>> {
  const runs: Partial<PipelineStageRuns> = {};
  try {
    await walk(settings, data, store, options, runs);
  } catch (error) {
    if (!(error instanceof NotStored)) throw error;
  }
  return runs;
}

async function walk(settings: PipelineSettings, data: PipelineData, store: RunStore, options: PipelineOptions, runs: Partial<PipelineStageRuns>): Promise<void> {
  const { control, onProgress } = options;
  const pool = options.pool ?? null;
  const until = options.until === undefined ? 'evaluate' : options.until;
  const last = until === null ? -1 : PIPELINE_STAGES.indexOf(until);
  const computes = (name: PipelineStage) => PIPELINE_STAGES.indexOf(name) <= last;
  // Check what can be checked before hours of training.
  if (last >= 0) {
    checkSettingRanges(settings);
    checkSelection(settings, data, computes);
    if (settings.interpolate && computes('interpolate')) checkAlphas(settings.interpolate.alphas);
    if (settings.probe?.logistic && computes('probe')) checkLogisticProbeSettings(settings.probe.logistic);
    if (computes('evaluate')) checkEvaluateValRows(settings.evaluate.valRows);
  }
  const stage = async <R>(call: StageCall<R>): Promise<StageRun<R>> => {
    const run = computes(call.stage) ? await runStage(store, call) : await findStage<R>(store, call);
    if (!run) throw new NotStored();
    await options.onStage?.(run as StageRun<unknown>);
    return run;
  };
  const tau = settings.finetune.loss.logitNormTau;

  const source = settings.pretrain.source ?? 'here';
  if (!PRETRAIN_SOURCES.includes(source)) throw new PipelineInputError(`settings.pretrain.source must be one of ${PRETRAIN_SOURCES.join(', ')}, got ${JSON.stringify(source)}.`, { setting: 'pretrain.source' });
  const pretrain = await stage(
    source === 'shipped'
      ? shippedPretrainCall(await shippedModel(options, settings.pretrain.preset))
      : {
          stage: 'pretrain',
          settings: keyedPretrainSettings(settings.pretrain),
          inputKeys: [data.fingerprint],
          run: (resume) => runPretrain(settings.pretrain, { data, resume, pool }, control, onProgress),
        },
  );
  runs.pretrain = pretrain;

  // Where fine-tuning starts and where interpolation begins (theta_LP): the probe, or the pretrained
  // model without LP; with finetuneStart 'pretrained', fine-tuning starts from the pretrained model
  // while interpolation still begins at the probe.
  let start: StageRun<unknown> = pretrain;
  let anchor: StageRun<unknown> = pretrain;
  const probe = settings.probe;
  if (probe) {
    runs.probe = await stage({
      stage: 'probe',
      settings: probe,
      inputKeys: [pretrain.key],
      run: async (resume) => runProbe(probe, { train: data.train, val: data.val, init: await pretrain.checkpoint(), resume, pool }, control, onProgress),
    });
    anchor = runs.probe;
    if (settings.finetuneStart !== 'pretrained') start = runs.probe;
  }

  let annotate: StageRun<AnnotateRecord> | null = null;
  if (settings.selection !== 'none' && settings.selection !== 'extra-id') {
    // Keyed on the backbone, not on the model: a probe and its pretrained start give the same
    // features, so one DASA selection serves the variants with and without LP.
    const dasa = await stage({
      stage: 'dasa',
      settings: settings.dasa,
      inputKeys: [data.fingerprint, `backbone:${anchor.backbone}`],
      run: async () => runDasa(settings.dasa, { data, model: await anchor.checkpoint(), onFeatures: options.onDasaFeatures, pool }, control, onProgress),
    });
    runs.dasa = dasa;
    let selection: StageRun<DasaRecord | RandomSelectRecord | BaselineSelectRecord> = dasa;
    const method = settings.selection;
    if (method === 'random') {
      selection = runs['random-select'] = await stage({
        stage: 'random-select',
        settings: settings.randomSelect,
        inputKeys: [dasa.key],
        run: async () => runRandomSelect(settings.randomSelect, { dasa: dasa.record, data }),
      });
    } else if (isBaselineSelection(method)) {
      // Uncertainty reads the probe's predictions (keyed on its weights); core-set, the backbone DASA read.
      const model = method === 'uncertainty' ? runs.probe! : method === 'coreset' ? anchor : null;
      const selectSettings = baselineSelectSettings(method, settings);
      const modelKey = method === 'uncertainty' ? [`model:${model!.model}`] : method === 'coreset' ? [`backbone:${anchor.backbone}`] : [];
      selection = runs['baseline-select'] = await stage({
        stage: 'baseline-select',
        settings: selectSettings,
        inputKeys: [dasa.key, ...modelKey],
        run: async () => runBaselineSelect(selectSettings, { dasa: dasa.record, dasaSettings: settings.dasa, data, model: model ? await model.checkpoint() : null, pool }, control, onProgress),
      });
    }
    annotate = runs.annotate = await stage({
      stage: 'annotate',
      settings: settings.annotate,
      inputKeys: [data.fingerprint, selection.key],
      run: () => runAnnotate(settings.annotate, { selection: selection.record.selection, data }),
    });
  }
  const { added, holdout } = annotate ? annotatedExamples(data, annotate.record) : { added: [], holdout: [] };
  const selectionKey = annotate ? annotate.key : 'no-selection';
  // extra-id: the same fine-tuning as on a larger ID train sample, keyed as that.
  const finetuneSettings = settings.selection === 'extra-id' ? { ...settings.finetune, trainRows: extraIdTrainRows(settings, data.train.length) } : settings.finetune;

  const finetune = (runs.finetune = await stage({
    stage: 'finetune',
    settings: finetuneSettings,
    inputKeys: [start.key, selectionKey],
    run: async (resume) => runFinetune(finetuneSettings, { train: data.train, added, init: await start.checkpoint(), resume, pool }, control, onProgress),
  }));

  let final: StageRun<unknown> = finetune;
  const interpolate = settings.interpolate;
  if (interpolate) {
    final = runs.interpolate = await stage({
      stage: 'interpolate',
      settings: interpolate,
      inputKeys: [anchor.key, finetune.key, selectionKey, `tau:${tau}`],
      run: async () =>
        runInterpolate(interpolate, { data, from: await anchor.checkpoint(), to: await finetune.checkpoint(), holdout, logitNormTau: tau, pool }, control, onProgress),
    });
  }

  runs.evaluate = await stage({
    stage: 'evaluate',
    settings: settings.evaluate,
    // Keyed on the weights: an interpolation that chose alpha = 1 is the fine-tuned model, evaluated once.
    inputKeys: [data.fingerprint, `model:${final.model}`, `tau:${tau}`],
    run: async () => runEvaluate(settings.evaluate, { data, model: await final.checkpoint(), logitNormTau: tau, pool }, control, onProgress),
  });
}
