// report.md: the tables a reader wants from report.json, mean +/- std over seeds.
import { meanInterval } from './stats';
import { PIPELINE_STAGES } from '../pipeline/stage';
import type { OodDetector } from '../pipeline/stages/evaluate';
import type { BaselineName } from '../baseline/baselines';
import { NLL_EPSILON } from '../metrics/proper-scores';
import type { ExperimentReport, ReportBaseline, SplitSummaryMetric, VariantSummary } from './report';
import type { SeedStat } from './stats';
import { baselineVerdicts, type BaselineVerdict } from './summarize';
import { table } from './md-table';
import { claimsSection, pairedDifferencesSection, shiftDifferencesSection } from './report-claims-md';

const fixed = (value: number | null, digits = 3) => (value === null ? '–' : value.toFixed(digits));

export function formatStat(stat: SeedStat, digits = 3): string {
  if (stat.mean === null) return '–';
  return stat.std === null ? fixed(stat.mean, digits) : `${fixed(stat.mean, digits)} ± ${fixed(stat.std, digits)}`;
}

const METRIC_COLUMNS: [SplitSummaryMetric, string][] = [
  ['accuracy', 'accuracy'],
  ['macro_f1', 'macro-F1'],
  ['qwk', 'QWK'],
  ['ece', 'ECE'],
  ['auc', 'AUC'],
  ['ndcg@5', 'nDCG@5'],
  ['ndcg@10', 'nDCG@10'],
];

const DETECTOR_NAMES: Record<OodDetector, string> = { mahalanobis: 'Mahalanobis', knn: 'kNN', msp: 'MSP', energy: 'energy' };

const BASELINE_ROWS: [BaselineName, string][] = [
  ['overlap', 'overlap baseline'],
  ['bag-of-words', 'bag-of-words baseline'],
];

function baselineEntries(report: ExperimentReport): [string, ReportBaseline][] {
  const baselines = report.baselines;
  return baselines ? BASELINE_ROWS.filter(([name]) => baselines[name]).map(([name, label]) => [label, baselines[name]]) : [];
}

function resultsTable(report: ExperimentReport, split: 'test_id' | 'test_ood'): string {
  return table(
    ['variant', ...METRIC_COLUMNS.map(([, name]) => name)],
    [
      ...report.config.variants.map((variant) => [variant, ...METRIC_COLUMNS.map(([metric]) => formatStat(report.summary[variant][split][metric]))]),
      ...baselineEntries(report).map(([label, baseline]) => [`*${label}*`, ...METRIC_COLUMNS.map(([metric]) => fixed(baseline[split][metric]))]),
      ...randomRankingRow(report, split),
    ],
  );
}

/** ID val (settings.evaluate.valRows), for the variants evaluated on it; null when none was. */
function valTable(report: ExperimentReport): string | null {
  const variants = report.config.variants.filter((variant) => report.summary[variant].val_id);
  if (variants.length === 0) return null;
  return table(['variant', ...METRIC_COLUMNS.map(([, name]) => name)], variants.map((variant) => [variant, ...METRIC_COLUMNS.map(([metric]) => formatStat(report.summary[variant].val_id![metric]))]));
}

const RANDOM_RANKING: Partial<Record<SplitSummaryMetric, SplitSummaryMetric>> = { 'ndcg@5': 'random_ndcg@5', 'ndcg@10': 'random_ndcg@10' };

/** The expected nDCG of a random order of the same rows (it depends on the grades only, so on no variant or seed). */
function randomRankingRow(report: ExperimentReport, split: 'test_id' | 'test_ood'): string[][] {
  const first = report.summary[report.config.variants[0]]?.[split];
  if (!first || first['random_ndcg@5']?.mean == null) return [];
  return [['*random ranking (expected)*', ...METRIC_COLUMNS.map(([metric]) => (RANDOM_RANKING[metric] ? fixed(first[RANDOM_RANKING[metric]!].mean) : '–'))]];
}

const hasScaled = (report: ExperimentReport) => report.config.variants.some((variant) => report.summary[variant].temperature_scaled?.test_id.T.mean != null);

/** ECE, NLL and Brier per split, before and after the post-hoc temperature; null for reports made before NLL. */
function calibrationTable(report: ExperimentReport): string | null {
  const { variants } = report.config;
  if (!variants.some((variant) => report.summary[variant].test_id.nll?.mean != null)) return null;
  const scaled = hasScaled(report);
  const splitCells = (s: VariantSummary, split: 'test_id' | 'test_ood') => [
    formatStat(s[split].ece),
    formatStat(s[split].nll),
    formatStat(s[split].brier),
    ...(scaled ? [formatStat(s.temperature_scaled[split].ece), formatStat(s.temperature_scaled[split].nll), formatStat(s.temperature_scaled[split].brier)] : []),
  ];
  const splitHeader = (name: string) => [`${name} ECE`, `${name} NLL`, `${name} Brier`, ...(scaled ? [`${name} ECE (T)`, `${name} NLL (T)`, `${name} Brier (T)`] : [])];
  const baselineCells = (baseline: ReportBaseline, split: 'test_id' | 'test_ood') => [fixed(baseline[split].ece), fixed(baseline[split].nll ?? null), fixed(baseline[split].brier ?? null), ...(scaled ? ['–', '–', '–'] : [])];
  return table(
    ['variant', ...(scaled ? ['T'] : []), ...splitHeader('ID'), ...splitHeader('OOD')],
    [
      ...variants.map((variant) => {
        const s = report.summary[variant];
        return [variant, ...(scaled ? [formatStat(s.temperature_scaled.test_id.T, 2)] : []), ...splitCells(s, 'test_id'), ...splitCells(s, 'test_ood')];
      }),
      ...baselineEntries(report).map(([label, baseline]) => [`*${label}*`, ...(scaled ? ['–'] : []), ...baselineCells(baseline, 'test_id'), ...baselineCells(baseline, 'test_ood')]),
    ],
  );
}

function calibrationNote(report: ExperimentReport): string {
  const settings = report.config.settings[report.config.variants[0]];
  const rows = settings?.evaluate?.calibrationRows;
  const rowsText = rows === undefined ? 'ID val rows' : rows === null ? 'every ID val row' : `up to ${rows} ID val rows (a seeded sample)`;
  return (
    `Lower is better for all three. NLL is the mean of -ln p(gold grade) with p clipped below at ${NLL_EPSILON}; Brier is the mean over rows of the sum over the three grades of (p - one-hot gold)². ` +
    (hasScaled(report)
      ? `(T): after post-hoc temperature scaling, softmax(ln p / T) with one T per model fitted on ${rowsText} by minimising NLL (golden-section search on ln T); the arg-max, so accuracy and macro-F1, does not change.`
      : '')
  );
}

/** Macro-F1 on OOD test per shift tag (mean over seeds); null when the report has no breakdown. */
function shiftTable(report: ExperimentReport): string | null {
  const { variants } = report.config;
  const tags = [...new Set(variants.flatMap((variant) => Object.keys(report.summary[variant].test_ood_by_shift ?? {})))].sort();
  if (tags.length === 0) return null;
  const count = (tag: string) => {
    const n = variants.map((variant) => report.summary[variant].test_ood_by_shift?.[tag]?.n.mean).find((value) => value != null);
    return n == null ? '' : ` (n ${Number.isInteger(n) ? n : n.toFixed(1)})`;
  };
  return table(
    ['variant', ...tags.map((tag) => `${tag}${count(tag)}`)],
    variants.map((variant) => [variant, ...tags.map((tag) => {
      const stat = report.summary[variant].test_ood_by_shift?.[tag];
      return stat ? formatStat(stat.macro_f1) : '–';
    })]),
  );
}

function verdictText(verdict: BaselineVerdict, split: string): string {
  const numbers = `${fixed(verdict.variant)} vs ${fixed(verdict.baseline)}`;
  const seeds = verdict.seeds > 1 ? `; ${verdict.seedsBeating} of ${verdict.seeds} seeds above it` : '';
  const d = verdict.difference;
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
  // "shown" only when the 95% interval of the difference over seeds excludes zero.
  const interval = d ? `; difference ${signed(d.mean)}, 95% interval [${signed(d.low)}, ${signed(d.high)}]${d.low > 0 || d.high < 0 ? ', shown' : ', not shown'}` : '';
  return `${verdict.beats ? 'beats' : '**does not beat**'} it on ${split} macro-F1 (${numbers}${seeds}${interval})`;
}

/** One plain line per variant: does it beat the overlap baseline on ID and on OOD macro-F1? */
function overlapVerdictLines(report: ExperimentReport): string[] | null {
  const overlap = report.baselines?.overlap;
  if (!overlap) return null;
  const verdicts = baselineVerdicts(report, overlap);
  return report.config.variants.map((variant) => `- ${variant} ${verdictText(verdicts[variant].test_id, 'ID')} and ${verdictText(verdicts[variant].test_ood, 'OOD')}.`);
}

/** Lines of (a - b) per split, paired by seed, with 95% intervals; null unless both ran on two or more common seeds. */
function pairedLines(report: ExperimentReport, a: string, b: string): string[] | null {
  const ra = report.results[a];
  const rb = report.results[b];
  if (!ra || !rb) return null;
  const seeds = Object.keys(ra).filter((seed) => seed in rb);
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
  const lines: string[] = [];
  for (const [split, name] of [['test_id', 'ID'], ['test_ood', 'OOD']] as const) {
    for (const [metric, label] of [['macro_f1', 'macro-F1'], ['ece', 'ECE']] as const) {
      const d = meanInterval(seeds.map((seed) => ra[seed][split][metric] - rb[seed][split][metric]));
      if (!d) return null;
      const verdict = d.low > 0 || d.high < 0 ? 'shown' : 'not shown';
      lines.push(`- ${name} ${label}: ${signed(d.mean)}, 95% interval [${signed(d.low)}, ${signed(d.high)}] over ${d.n} seeds (${verdict}).`);
    }
  }
  return lines;
}

function difference(a: SeedStat, b: SeedStat): string {
  if (a.mean === null || b.mean === null) return '–';
  const d = a.mean - b.mean;
  return `${d >= 0 ? '+' : ''}${d.toFixed(3)}`;
}

function ablationTable(report: ExperimentReport): string | null {
  const darl = report.summary.darl;
  if (!darl) return null;
  const row = (variant: string, s: VariantSummary) => [
    variant,
    formatStat(s.test_id.macro_f1),
    formatStat(s.test_ood.macro_f1),
    formatStat(s.id_ood_gap.macro_f1),
    formatStat(s.test_ood.ece),
    variant === 'darl' ? '' : difference(s.test_id.macro_f1, darl.test_id.macro_f1),
    variant === 'darl' ? '' : difference(s.test_ood.macro_f1, darl.test_ood.macro_f1),
  ];
  return table(
    ['variant', 'ID macro-F1', 'OOD macro-F1', 'ID-OOD gap', 'OOD ECE', 'Δ ID macro-F1 vs darl', 'Δ OOD macro-F1 vs darl'],
    report.config.variants.map((variant) => row(variant, report.summary[variant])),
  );
}

/** Reports made before the ID-positive FPR have no such column. */
const hasIdPositiveFpr = (report: ExperimentReport) => report.config.variants.some((variant) => report.summary[variant].ood.msp.fpr_at_95_tpr_id?.mean != null);

function oodTable(report: ExperimentReport): string {
  const detectors = Object.keys(DETECTOR_NAMES) as OodDetector[];
  const idPositive = hasIdPositiveFpr(report);
  return table(
    ['variant', ...detectors.flatMap((d) => [`${DETECTOR_NAMES[d]} AUROC`, `${DETECTOR_NAMES[d]} FPR@95`, ...(idPositive ? [`${DETECTOR_NAMES[d]} FPR@95 (ID+)`] : [])])],
    report.config.variants.map((variant) => [
      variant,
      ...detectors.flatMap((d) => {
        const stats = report.summary[variant].ood[d];
        return [formatStat(stats.auroc), formatStat(stats.fpr95), ...(idPositive ? [formatStat(stats.fpr_at_95_tpr_id)] : [])];
      }),
    ]),
  );
}

function dasaTable(report: ExperimentReport): string | null {
  const rows: string[][] = [];
  for (const variant of report.config.variants) {
    for (const [seed, result] of Object.entries(report.results[variant])) {
      const dasa = result.dasa;
      if (!dasa) continue;
      const tagged = dasa.stats.oodTagged;
      const share = (value: number | undefined) => (value === undefined ? '–' : `${(100 * value).toFixed(0)}%`);
      rows.push([
        variant,
        seed,
        dasa.method,
        String(dasa.stats.pool),
        String(dasa.stats.candidates),
        String(dasa.stats.budget),
        String(dasa.stats.selected),
        `${share(tagged?.pool)} / ${share(tagged?.candidates)} / ${share(tagged?.selected)}`,
        `${dasa.finetune} / ${dasa.holdout}`,
        dasa.grades.join('/'),
        fixed(result.interpolation?.alpha ?? null, 2),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return table(['variant', 'seed', 'selection', 'pool scored', 'candidates', 'budget', 'selected', 'OOD-tagged: pool / candidates / selected', 'fine-tune / held out', 'grades 0/1/2', 'alpha'], rows);
}

function secondsTable(report: ExperimentReport): string {
  const stages = PIPELINE_STAGES.filter((stage) => report.seconds.by_stage[stage] !== undefined);
  const seeds = Object.keys(report.seconds.per_seed);
  const cell = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));
  return table(
    ['seed', ...stages, 'total'],
    [
      ...seeds.map((seed) => {
        const perStage = report.seconds.per_seed[seed];
        const total = Object.values(perStage).reduce((a, b) => a + (b ?? 0), 0);
        return [seed, ...stages.map((stage) => cell(perStage[stage])), total.toFixed(1)];
      }),
      ['all', ...stages.map((stage) => cell(report.seconds.by_stage[stage])), Object.values(report.seconds.by_stage).reduce((a, b) => a + (b ?? 0), 0).toFixed(1)],
      ['computed in this run', ...stages.map((stage) => cell(report.seconds.computed_by_stage[stage])), Object.values(report.seconds.computed_by_stage).reduce((a, b) => a + (b ?? 0), 0).toFixed(1)],
    ],
  );
}

function reuseLines(report: ExperimentReport): string[] {
  return report.reuse
    .filter((entry) => entry.used_by.length > 1 || entry.status === 'stored')
    .map((entry) => `- ${entry.stage} \`${entry.key}\`: ${entry.status === 'stored' ? 'from an earlier run' : `computed for ${entry.computed_by}`}, used by ${entry.used_by.join(', ')}`);
}

export function reportMarkdown(report: ExperimentReport): string {
  const { config } = report;
  const n = config.seeds.length;
  const spread = n > 1 ? `mean ± sample standard deviation over ${n} seeds (${config.seeds.join(', ')})` : `one seed (${config.seeds[0]}), so no spread`;
  const sections = [
    '# DaRL experiment',
    '',
    `Data: \`${config.data.source}\` (${Object.entries(config.data.examples).map(([split, count]) => `${split} ${count}`).join(', ')}). ` +
      `Model preset: ${config.preset}, budget ${config.budget}. Backend: ${config.backend ?? 'unknown'}${config.training_threads ? `, ${config.training_threads} training thread${config.training_threads === 1 ? '' : 's'}` : ''}. Wall time: ${report.seconds.wall.toFixed(0)} s.`,
    '',
    'The method is reconstructed from the paper\'s abstract and secondary summaries (arXiv 2412.12504); the exact formulas of the paper are not public in our sources. ' +
      'Variants and settings: report.json `config`; pipeline: docs/PIPELINE.md.',
    '',
    `Every number: ${spread}. Metric definitions: docs/METRICS.md.`,
    '',
    '## Results: ID test',
    '',
    resultsTable(report, 'test_id'),
    '',
    '## Results: OOD test',
    '',
    resultsTable(report, 'test_ood'),
  ];
  const baselines = baselineEntries(report);
  if (baselines.length > 0) {
    sections.push(
      '',
      `The *baseline* rows are classical models fitted on train and nothing else (no model seed, so no spread): ${baselines.map(([label, baseline]) => `${label}: ${baseline.description}`).join('; ')}. docs/DATA.md has their features and models.`,
    );
  }
  if (randomRankingRow(report, 'test_id').length > 0) {
    sections.push('', 'The *random ranking* row is the expected nDCG of a uniformly random order of each query\'s items, computed exactly (mean grade × the discounts of the first k positions, over the ideal DCG) on the same queries as the variants\' nDCG.');
  }
  const val = valTable(report);
  if (val) sections.push('', '## Results: ID val', '', 'A seeded sample of ID val evaluated like the test splits (evaluate.valRows): the split settings are chosen on, never a test split.', '', val);
  const calibration = calibrationTable(report);
  if (calibration) sections.push('', '## Calibration', '', calibrationNote(report), '', calibration);
  const verdicts = overlapVerdictLines(report);
  if (verdicts) {
    sections.push('', '## Against the overlap baseline', '', 'The bar the transformer must clear. Each variant\'s mean macro-F1 over seeds against the overlap baseline\'s; the interval is the 95% t-interval of (variant - baseline) over the model seeds (one data seed), and a difference is called shown only when it excludes zero:', '', ...verdicts);
  }
  const claims = claimsSection(report);
  if (claims) sections.push('', ...claims);
  const differences = pairedDifferencesSection(report);
  if (differences) sections.push('', ...differences);
  const byShift = shiftDifferencesSection(report);
  if (byShift) sections.push('', ...byShift);
  const paired = pairedLines(report, 'darl', 'ce-ft');
  if (paired) sections.push('', '## darl against ce-ft', '', 'Paired by seed: the mean of (darl - ce-ft) with its 95% t-interval over the seeds.', '', ...paired);
  const ablation = ablationTable(report);
  if (ablation) sections.push('', '## Ablations', '', 'Δ is the variant minus darl (mean over seeds). The ID-OOD gap is macro-F1(ID test) - macro-F1(OOD test).', '', ablation);
  const idPositive = hasIdPositiveFpr(report)
    ? ' FPR@95 (ID+) takes ID as the positive class instead: the share of OOD test accepted as ID at the threshold where 95% of ID test is accepted.'
    : '';
  sections.push(
    '',
    '## OOD detection (ID test vs OOD test)',
    '',
    'A higher detector score means more OOD; AUROC higher is better, FPR lower is better. ' +
      `FPR@95 takes OOD as the positive class: the share of ID test flagged as OOD at the highest threshold where at least 95% of OOD test is flagged (tied scores flagged together).${idPositive}`,
    '',
    oodTable(report),
  );
  const shifts = shiftTable(report);
  if (shifts) {
    sections.push('', '## OOD test by shift', '', 'Macro-F1 on the OOD test rows of each shift tag (n: rows with the tag; a row with several tags counts in each). Accuracy and counts per seed: report.json `results[variant][seed].test_ood_by_shift`.', '', shifts);
  }
  const dasa = dasaTable(report);
  if (dasa) sections.push('', '## DASA selection', '', dasa);
  sections.push('', '## Seconds per stage (each output counted once, with the time it took when computed, in this run or an earlier one sharing the store)', '', secondsTable(report));
  const reuse = reuseLines(report);
  if (reuse.length > 0) sections.push('', '## Reused stage outputs', '', ...reuse);
  return `${sections.join('\n')}\n`;
}
