// report.md's "Claims" and "Paired differences" tables, from report.json's claims and pairedDifferences.
import { table } from './md-table';
import type { ExperimentReport } from './report';
import type { PairedDifference } from './paired-differences';
import { BOOTSTRAP_METRICS, type BootstrapMetric } from './score-sums';

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
const interval = (d: { low: number; high: number }) => `[${signed(d.low)}, ${signed(d.high)}]`;
const SPLIT_NAMES = { test_id: 'ID', test_ood: 'OOD' } as const;
const METRIC_NAMES: Record<BootstrapMetric, string> = { macro_f1: 'macro-F1', ece: 'ECE', nll: 'NLL', brier: 'Brier' };

function methodNote(report: ExperimentReport): string {
  const entries = [...(report.pairedDifferences ?? []), ...(report.claims ?? [])];
  const first = report.pairedDifferences?.[0];
  const sizes = (['test_id', 'test_ood'] as const)
    .map((split) => entries.find((entry) => entry.split === split))
    .filter((entry) => entry !== undefined)
    .map((entry) => `${entry.queries} queries of ${SPLIT_NAMES[entry.split]} test`);
  return (
    `Paired bootstrap${first ? ` (${first.replicates} replicates, seed ${first.rng_seed})` : ''}: each replicate draws the model seeds and the test queries with replacement (a query's rows together; the same draw for every variant) and averages each variant's metric over the drawn seeds; ` +
    `the interval is the 2.5% and 97.5% percentiles of (a - b) over the replicates, the mean difference is on all rows${entries[0] ? ` (${entries[0].seeds} seeds; ${sizes.join(', ')})` : ''}. docs/METRICS.md, "Paired bootstrap intervals".`
  );
}

/** Claim | comparison | mean difference | interval | seeds | verdict; null when no claim's two variants ran. */
export function claimsSection(report: ExperimentReport): string[] | null {
  const claims = report.claims ?? [];
  if (claims.length === 0) return null;
  return [
    '## Claims',
    '',
    `Each claim with the comparison that isolates it. ${methodNote(report)} A claim is *shown* only when its interval excludes zero on the claimed side (above zero; below zero where lower is better); *opposite shown* when it excludes zero on the other side. The last column is the 95% t-interval of the per-seed differences over the model seeds alone, for comparison: with few seeds the bootstrap's seed draws take few distinct values, so where the two disagree the t-interval is the cautious reading.`,
    '',
    table(
      ['claim', 'comparison', 'mean difference', '95% bootstrap interval', 'seeds', 'verdict', 't over seeds alone'],
      claims.map((claim) => [
        claim.text,
        `\`${claim.a}\` - \`${claim.b}\`, ${SPLIT_NAMES[claim.split]} ${METRIC_NAMES[claim.metric]}${claim.temperatureScaled ? ' after temperature scaling' : ''} (${claim.better} is better)`,
        signed(claim.mean),
        interval(claim),
        String(claim.seeds),
        claim.verdict,
        claim.seedT ? `${interval(claim.seedT)} ${claim.seedT.verdict}` : '–',
      ]),
    ),
  ];
}

/** One row per pair and split, each metric's mean difference with its interval. */
export function pairedDifferencesSection(report: ExperimentReport): string[] | null {
  const rows = new Map<string, Map<BootstrapMetric, PairedDifference>>();
  for (const d of report.pairedDifferences ?? []) {
    const key = `${d.a}\u0000${d.b}\u0000${d.split}`;
    if (!rows.has(key)) rows.set(key, new Map());
    rows.get(key)!.set(d.metric, d);
  }
  // Each pair's ID row beside its OOD row, pairs in the order compared.
  const pairOrder = [...new Set([...rows.keys()].map((key) => key.split('\u0000').slice(0, 2).join('\u0000')))];
  const ordered = [...rows.entries()].sort(([x], [y]) => pairOrder.indexOf(x.split('\u0000').slice(0, 2).join('\u0000')) - pairOrder.indexOf(y.split('\u0000').slice(0, 2).join('\u0000')) || x.localeCompare(y));
  if (rows.size === 0) return null;
  return [
    '## Paired differences (bootstrap)',
    '',
    `a - b on each test split for every pair compared (the claims' pairs, then each other variant against darl and against ce-ft): mean difference and 95% interval. ${methodNote(report)} Higher is better for macro-F1, lower for ECE, NLL and Brier.`,
    '',
    table(
      ['a - b', 'split', ...BOOTSTRAP_METRICS.map((metric) => METRIC_NAMES[metric])],
      ordered.map(([, byMetric]) => {
        const any = byMetric.values().next().value!;
        return [`\`${any.a}\` - \`${any.b}\``, SPLIT_NAMES[any.split], ...BOOTSTRAP_METRICS.map((metric) => {
          const d = byMetric.get(metric);
          return d ? `${signed(d.mean)} ${interval(d)}` : '–';
        })];
      }),
    ),
  ];
}

/** One row per pair and shift tag of the OOD test rows: macro-F1 and ECE differences with their intervals. */
export function shiftDifferencesSection(report: ExperimentReport): string[] | null {
  const entries = report.pairedDifferencesByShift ?? [];
  if (entries.length === 0) return null;
  const rows = new Map<string, Map<BootstrapMetric, PairedDifference & { shift: string }>>();
  for (const d of entries) {
    const key = `${d.a}\u0000${d.b}\u0000${d.shift}`;
    if (!rows.has(key)) rows.set(key, new Map());
    rows.get(key)!.set(d.metric, d);
  }
  const cell = (d: PairedDifference | undefined) => (d ? `${signed(d.mean)} ${interval(d)}` : '–');
  return [
    '## OOD test by shift: paired differences (bootstrap)',
    '',
    "The same paired bootstrap on the OOD test rows that carry each shift tag (a row may carry several; each shift's own queries are resampled). A shift the pool left out (the dataset's `poolExcludeShifts`) tests a shift no DASA label came from.",
    '',
    table(
      ['a - b', 'shift', 'queries', 'macro-F1', 'ECE'],
      [...rows.values()].map((byMetric) => {
        const any = byMetric.values().next().value!;
        return [`\`${any.a}\` - \`${any.b}\``, any.shift, String(any.queries), cell(byMetric.get('macro_f1')), cell(byMetric.get('ece'))];
      }),
    ),
  ];
}
