import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ScoredPair } from './score-file-types';
import { scoredPairsCsv, scoredPairsJsonl } from './scored-pairs-file';

const ood = (score: number, above: boolean) => ({ score, percentile: 50, aboveThreshold: above });
const ROWS: ScoredPair[] = [
  { id: 'a', line: 2, query: 'term life', item: { title: 'Acme, Term', fields: { brand: 'Acme' } }, gold: 2, grade: 2, probs: [0.1, 0.2, 0.7], expectedGrade: 0.8, ood: { mahalanobis: ood(3.25, false), knn: ood(0.5, true) } },
  { id: 'b', line: 3, query: '=1+1', item: { title: 'Auto', fields: { colour: 'red' } }, gold: null, grade: 0, probs: [0.6, 0.3, 0.1], expectedGrade: 0.25, ood: { mahalanobis: ood(9.123456789, true), knn: ood(1, false) } },
];

describe('scored pairs as files', () => {
  it('writes one CSV row per pair, field columns in first-seen order, grade names and the OOD columns', () => {
    const [header, ...rows] = Papa.parse<string[]>(scoredPairsCsv(ROWS, ['irrelevant', 'weak', 'strong']).trimEnd()).data;
    expect(header).toEqual([
      'id', 'line', 'query', 'title', 'field:brand', 'field:colour', 'gold_grade', 'grade', 'grade_name', 'p0', 'p1', 'p2', 'expected_grade',
      'mahalanobis', 'mahalanobis_percentile', 'mahalanobis_above_threshold', 'knn', 'knn_percentile', 'knn_above_threshold',
    ]);
    expect(rows[0]).toEqual(['a', '2', 'term life', 'Acme, Term', 'Acme', '', '2', '2', 'strong', '0.1', '0.2', '0.7', '0.8', '3.25', '50', 'false', '0.5', '50', 'true']);
    expect(rows[1].slice(2, 9)).toEqual(["'=1+1", 'Auto', '', 'red', '', '0', 'irrelevant']);
    expect(rows[1][13]).toBe('9.12346');
  });

  it('writes each pair as one JSON line, every digit kept', () => {
    const lines = scoredPairsJsonl(ROWS).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(ROWS);
  });
});
