// `npm run darl -- run --data DIR --out DIR [--preset nano|small|base] [--budget full|quick|demo] [--seeds 1,2,3]
//     [--variants ce-ft,darl,darl-no-occ,darl-no-dasa,darl-no-lp,darl-no-wi] [--backend wasm|cpu]
//     [--store DIR] [--settings FILE.json] [--annotator oracle|FILE] [--pretrain-steps N]
//     [--probe-epochs E] [--ft-steps N | --ft-epochs E] [--ft-lr X] [--budget-fraction F]
//     [--progress-seconds S] [--jobs N] [--threads N] [--pretrained shipped|DIR] [--kernels lab|tfjs]`
// --kernels tfjs runs the tfjs composition instead of the lab's fused kernels (for checking them;
// one training thread, since helper threads keep their own kernels).
// The DaRL experiment: every variant for every seed. Without --variants, the six of METHOD.md; the
// controls (ce-ft+dasa, ce-ft+random, ce-ft+id, darl-uncertainty, darl-coreset, darl-random-ood,
// darl-no-lp-init, darl-lr-probe, darl-occ-no-ordinal, darl-occ-no-confidence, darl-occ-no-margin;
// docs/PIPELINE.md) run when named. Stage outputs go to the run store (default
// OUT/store), so running the same command again reuses them, a changed setting re-runs only the
// stages it affects, and Ctrl-C followed by the same command resumes where it stopped.
// Writes OUT/report.json, OUT/report.md and OUT/predictions/<variant>/seed<N>/<split>.jsonl, then the
// paired bootstrap intervals and claims from those predictions (report.ts, the `report` command's code).
// --jobs N runs the seeds in N processes at once (run-jobs.ts); --threads N splits each training batch
// over N threads (default: the logical cores shared between the jobs, at most 4; cli-threads.ts).
// --pretrained starts from a shipped pretrained model instead of pretraining (pretrained-flag.ts).
import { setFusedKernels } from '../../core/model/fused-switch';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CancelledError } from '../../core/job/errors';
import { predictionPath, predictionsToJsonl } from '../../core/experiment/predictions';
import { reportMarkdown } from '../../core/experiment/report-md';
import type { ExperimentReport } from '../../core/experiment/report';
import type { ExperimentOutcome } from '../../core/experiment/run-experiment';
import { mergeOverrides, type SettingsOverrides } from '../../core/experiment/overrides';
import { parseVariants, VARIANTS } from '../../core/experiment/variants';
import { GPT_PRESETS, type GptPresetName } from '../../core/model/gpt';
import { PIPELINE_BUDGETS, type PipelineBudget } from '../../core/pipeline/defaults';
import { TEST_SPLITS } from '../../core/pipeline/stages/evaluate';
import { readPipelineData } from '../../engine/node-host-files';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';
import { startEngine, withInterrupt } from './cli-engine';
import { threadsFlag } from './cli-threads';
import { formatSeconds } from './format-seconds';
import { pretrainedFlag } from './pretrained-flag';
import { rewriteReport } from './report';
import { runSeedJobs } from './run-jobs';

export function parseSeeds(text: string): number[] {
  const seeds = text.split(',').map((part) => part.trim()).filter(Boolean).map(Number);
  if (seeds.length === 0 || seeds.some((seed) => !Number.isInteger(seed) || seed < 0)) throw new CliUsageError(`--seeds must be whole numbers separated by commas, got "${text}"`);
  return [...new Set(seeds)];
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`${flag}: cannot read ${path} (${(error as Error).message})`);
  }
}

/** --settings FILE, then the shortcut flags on top. */
async function settingsOverrides(args: ParsedArgs): Promise<SettingsOverrides> {
  const shipped: SettingsOverrides = args.flags.pretrained !== undefined ? { pretrain: { source: 'shipped' } } : {};
  let overrides: SettingsOverrides = {};
  if (args.flags.settings !== undefined) {
    const path = stringFlag(args, 'settings');
    const text = await readText(path, '--settings');
    try {
      overrides = JSON.parse(text) as SettingsOverrides;
    } catch (error) {
      throw new CliUsageError(`--settings ${path} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const flags: SettingsOverrides = {};
  const has = (name: string) => args.flags[name] !== undefined;
  if (has('pretrain-steps')) flags.pretrain = { length: { steps: numberFlag(args, 'pretrain-steps') } };
  if (has('probe-epochs')) flags.probe = { length: { epochs: numberFlag(args, 'probe-epochs') } };
  if (has('ft-steps') && has('ft-epochs')) throw new CliUsageError('give --ft-steps or --ft-epochs, not both');
  if (has('ft-steps') || has('ft-epochs') || has('ft-lr')) {
    flags.finetune = {
      ...(has('ft-steps') ? { length: { steps: numberFlag(args, 'ft-steps') } } : has('ft-epochs') ? { length: { epochs: numberFlag(args, 'ft-epochs') } } : {}),
      ...(has('ft-lr') ? { learningRate: numberFlag(args, 'ft-lr') } : {}),
    };
  }
  if (has('budget-fraction')) flags.dasa = { budgetFraction: numberFlag(args, 'budget-fraction') };
  if (has('annotator')) {
    const annotator = stringFlag(args, 'annotator');
    flags.annotate = { annotator: annotator === 'oracle' ? { kind: 'oracle' } : { kind: 'file', fileName: annotator, text: await readText(annotator, '--annotator') } };
  }
  return mergeOverrides(mergeOverrides(overrides, shipped), flags);
}

async function writeOutputs(out: string, outcome: ExperimentOutcome): Promise<void> {
  const { report, runs } = outcome;
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  await writeFile(join(out, 'report.md'), reportMarkdown(report), 'utf8');
  for (const [variant, bySeed] of Object.entries(runs)) {
    for (const [seed, pipeline] of Object.entries(bySeed)) {
      for (const split of TEST_SPLITS) {
        const path = join(out, predictionPath(variant, seed, split));
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, predictionsToJsonl(pipeline.evaluate.record.predictions[split]), 'utf8');
      }
    }
  }
}

export async function runRun(args: ParsedArgs, log: (line: string) => void = console.log): Promise<ExperimentReport | null> {
  const dir = stringFlag(args, 'data');
  const out = stringFlag(args, 'out');
  const preset = stringFlag(args, 'preset', 'small');
  if (!(preset in GPT_PRESETS)) throw new CliUsageError(`--preset must be one of ${Object.keys(GPT_PRESETS).join(', ')}, got "${preset}"`);
  const budget = stringFlag(args, 'budget', 'full');
  if (!(PIPELINE_BUDGETS as readonly string[]).includes(budget)) throw new CliUsageError(`--budget must be one of ${PIPELINE_BUDGETS.join(', ')}, got "${budget}"`);
  const backend = stringFlag(args, 'backend', 'wasm');
  if (backend !== 'wasm' && backend !== 'cpu') throw new CliUsageError(`--backend must be wasm or cpu, got "${backend}"`);
  const seeds = parseSeeds(stringFlag(args, 'seeds', '1'));
  const variants = parseVariants(stringFlag(args, 'variants', VARIANTS.join(',')));
  const overrides = await settingsOverrides(args);
  const shippedModels = pretrainedFlag(args, preset as GptPresetName, log);
  const storeDir = stringFlag(args, 'store', join(out, 'store'));
  const progressMs = numberFlag(args, 'progress-seconds', 30) * 1000;
  const jobs = numberFlag(args, 'jobs', 1);
  if (!Number.isInteger(jobs) || jobs < 1) throw new CliUsageError(`--jobs must be a whole number of at least 1, got "${String(args.flags.jobs)}"`);
  if (jobs > 1 && seeds.length > 1) {
    await readPipelineData(dir); // a bad --data fails here, before any process starts
    log(`${variants.length} variants x ${seeds.length} seeds, preset ${preset}, budget ${budget}, backend ${backend}; ${Math.min(jobs, seeds.length)} seeds at a time; run store ${storeDir}`);
    const merged = await runSeedJobs(args, seeds, jobs, out, storeDir, log);
    if (!merged) return null;
    const report = await rewriteReport(out, dir);
    logSummary(report, out, log);
    return report;
  }

  const threads = threadsFlag(args, backend);
  const kernels = stringFlag(args, 'kernels', 'lab');
  if (kernels !== 'lab' && kernels !== 'tfjs') throw new CliUsageError(`--kernels must be lab or tfjs, got "${kernels}"`);
  if (kernels === 'tfjs' && threads !== 1) throw new CliUsageError('--kernels tfjs needs --threads 1 (helper threads would keep the lab kernels)');
  setFusedKernels(kernels === 'lab');
  const engine = await startEngine(backend, threads);
  try {
    const data = await engine.readPipelineFolder(dir);
    log(`data ${dir}: train ${data.train.length}, val ${data.val.length}, test_id ${data.test_id.length}, test_ood ${data.test_ood.length}, pool ${data.pool.length}${data.poolGold ? ' (with gold grades)' : ''}`);
    log(`${variants.length} variants x ${seeds.length} seeds, preset ${preset}, budget ${budget}, backend ${backend}, ${threads} training thread${threads === 1 ? '' : 's'}; run store ${storeDir}`);

    const lastLog = new Map<string, number>();
    let outcome: ExperimentOutcome;
    try {
      const config = { preset: preset as GptPresetName, budget: budget as PipelineBudget, seeds, variants, overrides, dataSource: dir };
      outcome = await withInterrupt(
        engine,
        () =>
          engine.runExperimentOnFolder(config, data, storeDir, {
            shippedModels,
            onProgress: ({ variant, seed }, p) => {
              const id = `${variant}/${seed}/${p.stage}`;
              const now = performance.now();
              if (p.step !== p.total && now - (lastLog.get(id) ?? -Infinity) < progressMs) return;
              lastLog.set(id, now);
              const loss = p.figures.loss !== undefined ? `  loss ${p.figures.loss.toFixed(4)}` : '';
              log(`[seed ${seed} ${variant}] ${p.stage} ${p.step}/${p.total}${loss}  elapsed ${formatSeconds(p.elapsedSeconds)}  ETA ${formatSeconds(p.etaSeconds)}`);
            },
            onStage: ({ variant, seed }, run, use) => {
              const how =
                use.status === 'computed'
                  ? `computed in ${run.seconds.toFixed(1)} s${run.resumedFromStep !== null ? ` (resumed at step ${run.resumedFromStep})` : ''}`
                  : use.status === 'shared'
                    ? `shared (computed for ${use.computed_by})`
                    : 'reused from the run store';
              log(`[seed ${seed} ${variant}] ${run.stage}: ${how}`);
            },
          }),
        () => log('stopping after the current step (Ctrl-C again to force)...'),
      );
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      log(`stopped. Finished stages are in ${storeDir}; run the same command again to resume.`);
      return null;
    }
    await writeOutputs(out, outcome);
    const report = await rewriteReport(out, dir);
    logSummary(report, out, log);
    return report;
  } finally {
    await engine.close();
  }
}

export function logSummary(report: ExperimentReport, out: string, log: (line: string) => void): void {
  for (const variant of report.config.variants) {
    const s = report.summary[variant];
    const f = (x: number | null) => (x === null ? '-' : x.toFixed(4));
    log(`${variant.padEnd(12)} macro-F1 ID ${f(s.test_id.macro_f1.mean)}  OOD ${f(s.test_ood.macro_f1.mean)}  gap ${f(s.id_ood_gap.macro_f1.mean)}`);
  }
  log(`wrote ${join(out, 'report.json')}, report.md and predictions/ in ${formatSeconds(report.seconds.wall)}`);
}

const command: CliCommand = {
  summary: 'run the DaRL experiment: variants x seeds, report.json, report.md and predictions',
  async run(args) {
    return (await runRun(args)) ? 0 : 130;
  },
};

export default command;
