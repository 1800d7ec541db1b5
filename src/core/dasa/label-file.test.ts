import { describe, expect, it } from 'vitest';
import { AnnotationFileError } from './errors';
import { parseLabelFile } from './label-file';

function problemsOf(run: () => unknown): { line: number; problem: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AnnotationFileError);
    return (error as AnnotationFileError).details.problems as { line: number; problem: string }[];
  }
  throw new Error('expected an AnnotationFileError');
}

describe('label files', () => {
  it('reads JSONL with numeric, string and named grades', () => {
    const text = '{"id": "a", "grade": 2}\n\n{"id": "b", "grade": "0"}\r\n{"id": 7, "grade": "Weak"}\n';
    expect(parseLabelFile(text, { fileName: 'labels.jsonl' })).toEqual(new Map([['a', 2], ['b', 0], ['7', 1]]));
  });

  it('reads CSV and TSV with the columns in any order, quoted fields and a BOM', () => {
    const csv = '\uFEFFgrade,note,id\n2,"fine, really",a\n1,,"b,with comma"\n';
    expect(parseLabelFile(csv, { fileName: 'labels.csv' })).toEqual(new Map([['a', 2], ['b,with comma', 1]]));
    expect(parseLabelFile('id\tgrade\nx\tstrong\n')).toEqual(new Map([['x', 2]]));
  });

  it('names the line and the problem: unknown id, bad grade, duplicate, bad JSON', () => {
    const text = ['{"id": "a", "grade": 2}', '{"id": "zz", "grade": 1}', '{"id": "b", "grade": 5}', '{"id": "a", "grade": 0}', '{oops', '[1]', '{"grade": 1}'].join('\n');
    const problems = problemsOf(() => parseLabelFile(text, { knownIds: ['a', 'b'], fileName: 'mine.jsonl' }));
    expect(problems).toEqual([
      { line: 2, problem: 'unknown id "zz" (not among the samples to label)' },
      { line: 3, problem: 'grade 5 is not 0, 1, 2 or one of irrelevant/weak/strong' },
      { line: 4, problem: 'duplicate id "a" (first given on line 1)' },
      { line: 5, problem: 'not valid JSON' },
      { line: 6, problem: 'expected an object like {"id": "...", "grade": 2}' },
      { line: 7, problem: 'missing id' },
    ]);
    expect(() => parseLabelFile(text, { knownIds: ['a', 'b'], fileName: 'mine.jsonl' })).toThrow(/^mine\.jsonl has 6 problems: line 2: unknown id "zz".*; and 1 more\.$/);
  });

  it('checks the CSV header, unclosed quotes and missing grades', () => {
    expect(problemsOf(() => parseLabelFile('name,label\na,2\n', { format: 'csv' }))).toEqual([
      { line: 1, problem: 'the header must name an "id" and a "grade" column (found: name, label)' },
    ]);
    expect(problemsOf(() => parseLabelFile('id,grade\n"a,2\nb,\nc,2.5\n', { format: 'csv' }))).toEqual([
      { line: 2, problem: 'a quoted field is not closed' },
      { line: 3, problem: 'missing grade' },
      { line: 4, problem: 'grade "2.5" is not 0, 1, 2 or one of irrelevant/weak/strong' },
    ]);
  });
});
