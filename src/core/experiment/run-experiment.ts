// Runs every variant for every seed on one run store and builds the report. Shared work is found
// by content key: the first pipeline that needs a stage computes it, the others read it back
// ("shared"); outputs left by an earlier run of the same experiment are "stored".
import { BASELINE_DESCRIPTIONS, measureBaselines } from '../baseline/baselines';
import type { JobControl } from '../job/job-control';
import type { JobProgress } from '../job/progress';
import type { GradientPool } from '../parallel/gradient-pool';
import type { GptPresetName } from '../model/gpt';
import type { PipelineData } from '../pipeline/data';
import { defaultPipelineSettings, type PipelineBudget } from '../pipeline/defaults';
import { hashText } from '../pipeline/keys';
import { runPipeline, type PipelineStageRuns } from '../pipeline/pipeline';
import type { RunStore } from '../pipeline/run-store';
import type { PipelineSettings } from '../pipeline/settings';
import type { ShippedModels } from '../pipeline/shipped/source';
import type { PipelineStage, StageRun } from '../pipeline/stage';
import { applyOverrides, type SettingsOverrides } from './overrides';
import { REPORT_FORMAT, REPORT_VERSION, type ExperimentReport, type ReportBaseline, type ReuseEntry, type StageUse, type VariantSeedResult } from './report';
import { seedResult, summarizeSeeds } from './summarize';
import { VARIANT_DESCRIPTIONS, variantSettings, type Variant } from './variants';

export interface ExperimentConfig {
  preset: GptPresetName;
  /** Training lengths and row caps (docs/PIPELINE.md); default full. */
  budget?: PipelineBudget;
  seeds: number[];
  variants: Variant[];
  /** Laid over the defaults of every variant and seed (seed fields still follow the seed). */
  overrides?: SettingsOverrides;
  /** Where the data came from, for the report (e.g. the folder). */
  dataSource: string;
  backend?: string | null;
  /** Training threads the host started (reported only: results differ by float rounding at most). */
  trainingThreads?: number | null;
}

export interface RunContext {
  variant: Variant;
  seed: number;
}

export interface ExperimentOptions {
  control?: JobControl;
  onProgress?: (context: RunContext, progress: JobProgress) => void | Promise<void>;
  onStage?: (context: RunContext, run: StageRun<unknown>, use: StageUse) => void | Promise<void>;
  /** The shipped pretrained models, for settings with `pretrain.source: 'shipped'`. */
  shippedModels?: ShippedModels;
  /** Helper threads the pipelines' training steps and forward passes share (src/core/parallel). */
  pool?: GradientPool | null;
}

export interface ExperimentOutcome {
  report: ExperimentReport;
  /** The pipelines' stage runs, results[variant][seed] (predictions are in evaluate.record). */
  runs: Record<string, Record<string, PipelineStageRuns>>;
}

/** The settings of one variant and seed: defaults for the preset and seed, the overrides, then the variant's switch. */
export function experimentSettings(config: Pick<ExperimentConfig, 'preset' | 'budget' | 'overrides'>, variant: Variant, seed: number): PipelineSettings {
  return variantSettings(variant, applyOverrides(defaultPipelineSettings(config.preset, seed, config.budget), config.overrides ?? {}));
}

/** Settings as the report shows them: a file annotator's text replaced by its name and hash. */
function reportedSettings(settings: PipelineSettings): PipelineSettings {
  const annotator = settings.annotate.annotator;
  if (annotator.kind !== 'file') return settings;
  return { ...settings, annotate: { ...settings.annotate, annotator: { kind: 'file', fileName: annotator.fileName, text: `<${annotator.text.length} characters, hash ${hashText(annotator.text)}>` } } };
}

export async function runExperiment(config: ExperimentConfig, data: PipelineData, store: RunStore, options: ExperimentOptions = {}): Promise<ExperimentOutcome> {
  const started = performance.now();
  const reuse = new Map<string, ReuseEntry>();
  const results: ExperimentReport['results'] = {};
  const runs: ExperimentOutcome['runs'] = {};
  const perSeed: ExperimentReport['seconds']['per_seed'] = {};
  const computedByStage: ExperimentReport['seconds']['computed_by_stage'] = {};
  const byStage: ExperimentReport['seconds']['by_stage'] = {};

  for (const seed of config.seeds) {
    perSeed[seed] = {};
    for (const variant of config.variants) {
      const context: RunContext = { variant, seed };
      const who = `${variant}/seed${seed}`;
      const uses: Partial<Record<PipelineStage, StageUse>> = {};
      const pipeline = await runPipeline(experimentSettings(config, variant, seed), data, store, {
        control: options.control,
        shippedModels: options.shippedModels,
        pool: options.pool,
        onProgress: options.onProgress && ((progress) => options.onProgress!(context, progress)),
        onStage: async (run) => {
          const id = `${run.stage}:${run.key}`;
          let entry = reuse.get(id);
          if (!entry) {
            entry = { stage: run.stage, key: run.key, computed_by: run.status === 'computed' ? who : null, status: run.status, used_by: [] };
            reuse.set(id, entry);
            // A stored output counts with the seconds it took when it was computed, so a report
            // rebuilt from a store (or assembled from runs of one seed each) still gives the cost.
            byStage[run.stage] = (byStage[run.stage] ?? 0) + run.seconds;
            perSeed[seed][run.stage] = (perSeed[seed][run.stage] ?? 0) + run.seconds;
            if (run.status === 'computed') computedByStage[run.stage] = (computedByStage[run.stage] ?? 0) + run.seconds;
          }
          entry.used_by.push(who);
          const status = entry.computed_by === who ? 'computed' : entry.status === 'computed' ? 'shared' : 'stored';
          const use: StageUse = { key: run.key, status, computed_by: entry.computed_by, seconds: run.seconds, resumed_from_step: run.resumedFromStep };
          uses[run.stage] = use;
          await options.onStage?.(context, run, use);
        },
      });
      (runs[variant] ??= {})[seed] = pipeline;
      (results[variant] ??= {})[seed] = seedResult(pipeline, uses);
    }
  }

  // The classical baselines: fitted on train only, no model seed, so once for the data (a few seconds).
  const baselines = Object.fromEntries(
    Object.entries(measureBaselines(data)).map(([name, result]) => [name, { description: BASELINE_DESCRIPTIONS[name as keyof typeof BASELINE_DESCRIPTIONS], ...result }]),
  ) as Record<keyof typeof BASELINE_DESCRIPTIONS, ReportBaseline>;
  const summary = Object.fromEntries(
    config.variants.map((variant) => [variant, summarizeSeeds(config.seeds.map((seed) => results[variant][seed] as VariantSeedResult))]),
  );
  const report: ExperimentReport = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    createdAt: new Date().toISOString(),
    config: {
      data: {
        source: config.dataSource,
        fingerprint: data.fingerprint,
        examples: { train: data.train.length, val: data.val.length, test_id: data.test_id.length, test_ood: data.test_ood.length, pool: data.pool.length },
        pool_gold: data.poolGold !== null,
      },
      preset: config.preset,
      budget: config.budget ?? 'full',
      seeds: config.seeds,
      variants: config.variants,
      backend: config.backend ?? null,
      training_threads: config.trainingThreads ?? null,
      variant_descriptions: Object.fromEntries(config.variants.map((variant) => [variant, VARIANT_DESCRIPTIONS[variant]])),
      settings: Object.fromEntries(config.variants.map((variant) => [variant, reportedSettings(experimentSettings(config, variant, config.seeds[0]))])),
    },
    results,
    summary,
    baselines,
    reuse: [...reuse.values()],
    seconds: { wall: (performance.now() - started) / 1000, computed_by_stage: computedByStage, by_stage: byStage, per_seed: perSeed },
  };
  return { report, runs };
}
