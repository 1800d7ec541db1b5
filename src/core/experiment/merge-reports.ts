// One experiment report from reports of the same experiment over different seeds: runs of one seed
// each, made at the same time (`run --jobs`, one process per seed, both cores busy) or on different
// machines sharing nothing but the data. Results are put together, mean +/- std recomputed over every
// seed, and the seconds recomputed from the stage outputs the results name (each output once).
import { LabError, registerLabError } from '../errors';
import { PIPELINE_STAGES, type PipelineStage } from '../pipeline/stage';
import type { ExperimentReport, ReuseEntry, VariantSeedResult } from './report';
import { summarizeSeeds } from './summarize';

/** Reports that are not the same experiment, or that share a seed. */
export class ReportMergeError extends LabError {}
registerLabError(ReportMergeError);

/** JSON of a value with every `seed` field removed (the only settings that differ between seeds). */
function withoutSeeds(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (key === 'seed' ? undefined : inner));
}

function checkSameExperiment(reports: readonly ExperimentReport[], names: readonly string[]): void {
  const first = reports[0];
  const fields: [string, (report: ExperimentReport) => unknown][] = [
    ['format', (r) => `${r.format} v${r.version}`],
    ['data fingerprint', (r) => r.config.data.fingerprint],
    ['preset', (r) => r.config.preset],
    ['budget', (r) => r.config.budget],
    ['variants', (r) => r.config.variants],
    ['backend', (r) => r.config.backend],
    ['settings (apart from seeds)', (r) => withoutSeeds(r.config.settings)],
  ];
  for (let i = 1; i < reports.length; i++) {
    for (const [field, read] of fields) {
      if (JSON.stringify(read(reports[i])) !== JSON.stringify(read(first))) {
        throw new ReportMergeError(`Cannot merge ${names[i]} with ${names[0]}: their ${field} differ (${JSON.stringify(read(reports[i]))} vs ${JSON.stringify(read(first))}).`);
      }
    }
  }
}

/**
 * Merge reports of disjoint seeds. `names` label the reports in errors (paths, say); `wallSeconds`
 * is the merged run's wall time when known (concurrent runs), else the sum of the reports' walls.
 */
export function mergeReports(reports: readonly ExperimentReport[], names: readonly string[] = reports.map((_, i) => `report ${i + 1}`), wallSeconds?: number): ExperimentReport {
  if (reports.length === 0) throw new ReportMergeError('No reports to merge.');
  checkSameExperiment(reports, names);
  const seedOwner = new Map<number, string>();
  reports.forEach((report, i) => {
    for (const seed of report.config.seeds) {
      const owner = seedOwner.get(seed);
      if (owner !== undefined) throw new ReportMergeError(`Seed ${seed} is in both ${owner} and ${names[i]}: merge reports of different seeds.`);
      seedOwner.set(seed, names[i]);
    }
  });
  const ordered = [...reports].sort((a, b) => Math.min(...a.config.seeds) - Math.min(...b.config.seeds));
  const seeds = [...seedOwner.keys()].sort((a, b) => a - b);
  const { variants } = ordered[0].config;

  const results: ExperimentReport['results'] = {};
  for (const variant of variants) {
    results[variant] = {};
    for (const seed of seeds) {
      const from = ordered.find((report) => report.config.seeds.includes(seed))!;
      const result = from.results[variant]?.[String(seed)];
      if (!result) throw new ReportMergeError(`${names[reports.indexOf(from)]} has no result for ${variant} seed ${seed}.`);
      results[variant][String(seed)] = result;
    }
  }

  // Seconds from the stage outputs, in the order a single run meets them (seed, variant, stage).
  const counted = new Set<string>();
  const byStage: ExperimentReport['seconds']['by_stage'] = {};
  const computedByStage: ExperimentReport['seconds']['computed_by_stage'] = {};
  const perSeed: ExperimentReport['seconds']['per_seed'] = {};
  const add = (into: Partial<Record<PipelineStage, number>>, stage: PipelineStage, seconds: number) => (into[stage] = (into[stage] ?? 0) + seconds);
  for (const seed of seeds) {
    perSeed[seed] = {};
    for (const variant of variants) {
      const result = results[variant][String(seed)] as VariantSeedResult;
      for (const stage of PIPELINE_STAGES) {
        const use = result.stages[stage];
        if (!use || counted.has(`${stage}:${use.key}`)) continue;
        counted.add(`${stage}:${use.key}`);
        add(byStage, stage, use.seconds);
        add(perSeed[seed], stage, use.seconds);
        if (use.status !== 'stored') add(computedByStage, stage, use.seconds);
      }
    }
  }

  const reuse = new Map<string, ReuseEntry>();
  for (const report of ordered) {
    for (const entry of report.reuse) {
      const id = `${entry.stage}:${entry.key}`;
      const known = reuse.get(id);
      if (!known) reuse.set(id, { ...entry, used_by: [...entry.used_by] });
      else {
        known.used_by.push(...entry.used_by);
        if (known.status === 'stored' && entry.status === 'computed') Object.assign(known, { status: 'computed', computed_by: entry.computed_by });
      }
    }
  }

  // The first report's intervals cover its own seeds only: dropped, recomputed from the merged predictions.
  const { pairedDifferences: _differences, claims: _claims, ...first } = ordered[0];
  return {
    ...first,
    createdAt: new Date().toISOString(),
    config: { ...first.config, seeds },
    results,
    summary: Object.fromEntries(variants.map((variant) => [variant, summarizeSeeds(seeds.map((seed) => results[variant][String(seed)] as VariantSeedResult))])),
    // Same data (checked above), so the same baselines: kept from the first report that has them.
    ...(reports.some((report) => report.baselines) ? { baselines: ordered.find((report) => report.baselines)!.baselines } : {}),
    reuse: [...reuse.values()],
    seconds: {
      wall: wallSeconds ?? reports.reduce((sum, report) => sum + report.seconds.wall, 0),
      computed_by_stage: computedByStage,
      by_stage: byStage,
      per_seed: perSeed,
    },
  };
}
