// The Evaluate stage's results as files: every test prediction (split, id, texts, shift tags, gold
// and predicted grade, the three probabilities) as CSV or JSON, and the report (every metric of both
// test splits, the OOD detectors and the ID-OOD gap, with what was evaluated) as JSON or as a CSV of
// metric paths and values.
import type { Example, Grade } from '../data/schema';
import { toCsv, type CsvCell } from '../io/csv';
import type { EvaluateRecord, TestSplit } from './stages/evaluate';
import { predictedGrades } from './stages/predict';

export interface PredictionRow {
  split: TestSplit;
  id: string;
  query: string;
  title: string;
  tags: string[];
  gold: Grade;
  predicted: Grade;
  probs: number[];
}

/** What was evaluated, written at the head of the report. */
export interface EvaluationAbout {
  dataset: string;
  datasetId: string;
  variant: string;
  /** The evaluate stage's key in the run store. */
  stageKey: string;
  finishedAt: string;
}

export type EvaluationReport = Omit<EvaluateRecord, 'predictions'>;

/** The predictions of both test splits in order, joined with their examples' text. */
export function predictionRows(predictions: EvaluateRecord['predictions'], examples: ReadonlyMap<string, Example>): PredictionRow[] {
  return (['test_id', 'test_ood'] as const).flatMap((split) => {
    const grades = predictedGrades(predictions[split]);
    return predictions[split].map((prediction, i) => {
      const example = examples.get(prediction.id);
      return { split, id: prediction.id, query: example?.query ?? '', title: example?.item.title ?? '', tags: example?.tags ?? [], gold: prediction.label, predicted: grades[i], probs: prediction.probs };
    });
  });
}

export function predictionsCsv(rows: readonly PredictionRow[], labelNames: readonly string[]): string {
  const header = ['split', 'id', 'query', 'title', 'tags', 'gold_grade', 'gold_name', 'predicted_grade', 'predicted_name', 'correct', 'p0', 'p1', 'p2'];
  return toCsv(header, rows.map((row): CsvCell[] => [
    row.split, row.id, row.query, row.title, row.tags.join(' '), row.gold, labelNames[row.gold] ?? '', row.predicted, labelNames[row.predicted] ?? '', row.gold === row.predicted, ...row.probs,
  ]));
}

export function predictionsJson(rows: readonly PredictionRow[], about: EvaluationAbout): string {
  return `${JSON.stringify({ about, predictions: rows }, null, 1)}\n`;
}

export function reportJson(report: EvaluationReport, about: EvaluationAbout): string {
  return `${JSON.stringify({ about, ...report }, null, 2)}\n`;
}

/** Every number and text leaf of the value as [dotted path, value], in key order. */
export function flattenLeaves(value: unknown, path = ''): [string, CsvCell][] {
  if (value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return [[path, value]];
  if (typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flattenLeaves(inner, path === '' ? key : `${path}.${key}`));
}

/** One line per metric: `metric,value`, e.g. `test_ood.macro_f1,0.512` or `ood.knn.auroc,0.81`. */
export function reportCsv(report: EvaluationReport, about: EvaluationAbout): string {
  return toCsv(['metric', 'value'], flattenLeaves({ about, ...report }));
}
