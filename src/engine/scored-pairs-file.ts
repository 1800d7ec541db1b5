// A scored file as CSV (one row per pair: id, line, the texts, gold and predicted grade, the three
// probabilities, the expected grade and each OOD score with its percentile and threshold flag) and
// as JSONL (one object per pair, the ScoredPair as it is).
import type { PlaygroundDetector } from './playground-types';
import type { ScoredPair } from './score-file-types';
import { toCsv, type CsvCell } from '../core/io/csv';

const DETECTORS: readonly PlaygroundDetector[] = ['mahalanobis', 'knn'];

/** Six significant digits: plenty for a spreadsheet; the JSONL keeps every digit. */
const short = (value: number) => Number(value.toPrecision(6));

/** The field names of the items, in order of first appearance. */
function fieldNames(rows: readonly ScoredPair[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row.item.fields)) names.add(name);
  return [...names];
}

export function scoredPairsCsv(rows: readonly ScoredPair[], labelNames: readonly string[]): string {
  const fields = fieldNames(rows);
  const header = [
    'id', 'line', 'query', 'title', ...fields.map((name) => `field:${name}`),
    'gold_grade', 'grade', 'grade_name', 'p0', 'p1', 'p2', 'expected_grade',
    ...DETECTORS.flatMap((detector) => [detector, `${detector}_percentile`, `${detector}_above_threshold`]),
  ];
  const lines = rows.map((row): CsvCell[] => [
    row.id, row.line, row.query, row.item.title, ...fields.map((name) => row.item.fields[name] ?? ''),
    row.gold, row.grade, labelNames[row.grade] ?? '', ...row.probs.map(short), short(row.expectedGrade),
    ...DETECTORS.flatMap((detector) => [short(row.ood[detector].score), short(row.ood[detector].percentile), row.ood[detector].aboveThreshold]),
  ]);
  return toCsv(header, lines);
}

export function scoredPairsJsonl(rows: readonly ScoredPair[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}
