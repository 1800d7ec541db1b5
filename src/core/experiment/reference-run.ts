// The reference run the page shows beside its own: a trimmed copy of an experiment report (report.ts)
// holding each variant's scalar test metrics per seed (the page computes mean and spread from them as
// the report does, with seedStat), the classical baselines, and how the run was made. Written by
// scripts/build-reference.ts to public/reference/, read by the Evaluate screen (parse-reference-run.ts).
import { LabError, registerLabError } from '../errors';
import { REPORT_FORMAT, REPORT_VERSION, SUMMARY_METRICS, type ExperimentReport, type SummaryMetric } from './report';

export const REFERENCE_FORMAT = 'relevance-lab/reference-run';
export const REFERENCE_VERSION = 1;

/** A report that is not an experiment report of the version this build reads. */
export class ReferenceSourceError extends LabError {}
registerLabError(ReferenceSourceError);

/** One split's scalar metrics; null where the metric was undefined (e.g. AUC with one grade present). */
export type ReferenceMetrics = Partial<Record<SummaryMetric, number | null>>;

export interface ReferenceSeed {
  seed: number;
  id: ReferenceMetrics;
  ood: ReferenceMetrics;
}

export interface ReferenceVariant {
  variant: string;
  description: string;
  seeds: ReferenceSeed[];
}

/** A baseline fitted on train: no model seed, one value per metric. */
export interface ReferenceBaseline {
  name: string;
  description: string;
  id: ReferenceMetrics;
  ood: ReferenceMetrics;
}

export interface ReferenceProvenance {
  /** The commands that made the report, one a line. */
  command: string[];
  /** Where it ran: cores, processor, runtime, threads. */
  machine: string;
  /** When the report was written (ISO 8601, the report's createdAt). */
  date: string;
  backend: string | null;
  wallSeconds: number;
}

export interface ReferenceRun {
  format: typeof REFERENCE_FORMAT;
  version: typeof REFERENCE_VERSION;
  preset: string;
  budget: string;
  seeds: number[];
  /** Examples per split of the data it ran on. */
  examples: Record<string, number>;
  made: ReferenceProvenance;
  variants: ReferenceVariant[];
  baselines: ReferenceBaseline[];
}

/** Six decimals: the page shows three, and the file stays small. */
function rounded(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : null;
}

function scalarMetrics(metrics: Partial<Record<SummaryMetric, number | null>>): ReferenceMetrics {
  return Object.fromEntries(SUMMARY_METRICS.map((metric) => [metric, rounded(metrics[metric])]));
}

function checkReport(value: unknown, source: string): asserts value is ExperimentReport {
  const report = value as Partial<ExperimentReport> | null;
  if (typeof report !== 'object' || report === null || report.format !== REPORT_FORMAT) {
    throw new ReferenceSourceError(`${source} is not an experiment report (its "format" is not "${REPORT_FORMAT}").`, { source });
  }
  if (report.version !== REPORT_VERSION) {
    throw new ReferenceSourceError(`${source} is experiment report version ${String(report.version)}; this build reads version ${REPORT_VERSION}.`, { source });
  }
  if (!report.config || !report.results) throw new ReferenceSourceError(`${source} has no "config" or "results".`, { source });
}

/** The default command line of a report: what `run` needs to make it again on the same data. */
export function reportCommand(report: ExperimentReport): string {
  const { preset, budget, seeds, variants } = report.config;
  return `npm run darl -- run --data DATA --out OUT --preset ${preset} --budget ${budget} --seeds ${seeds.join(',')} --variants ${variants.join(',')}`;
}

/** The reference run of `report` (parsed report.json, named `source` in errors), made by `command` on `machine`. */
export function referenceRunFromReport(report: unknown, source: string, made: { command?: string[]; machine: string }): ReferenceRun {
  checkReport(report, source);
  const { config } = report;
  const variants = config.variants.map((variant): ReferenceVariant => {
    const bySeed = report.results[variant];
    if (!bySeed) throw new ReferenceSourceError(`${source} lists variant ${variant} in its config but has no results for it.`, { source, variant });
    return {
      variant,
      description: config.variant_descriptions[variant] ?? '',
      seeds: config.seeds
        .filter((seed) => bySeed[String(seed)])
        .map((seed) => ({ seed, id: scalarMetrics(bySeed[String(seed)].test_id), ood: scalarMetrics(bySeed[String(seed)].test_ood) })),
    };
  });
  const baselines = Object.entries(report.baselines ?? {}).map(([name, baseline]) => ({
    name,
    description: baseline.description,
    id: scalarMetrics(baseline.test_id),
    ood: scalarMetrics(baseline.test_ood),
  }));
  return {
    format: REFERENCE_FORMAT,
    version: REFERENCE_VERSION,
    preset: config.preset,
    budget: config.budget,
    seeds: [...config.seeds],
    examples: { ...config.data.examples },
    made: {
      command: made.command && made.command.length > 0 ? made.command : [reportCommand(report)],
      machine: made.machine,
      date: report.createdAt,
      backend: config.backend,
      wallSeconds: Math.round(report.seconds.wall),
    },
    variants,
    baselines,
  };
}
