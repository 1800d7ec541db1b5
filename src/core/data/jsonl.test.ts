import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, MalformedJsonError } from './import/errors';
import { examplesFromJsonl, examplesToJsonl, labelsFromJsonl, labelsToJsonl, withoutGrades } from './jsonl';
import type { Example } from './schema';

const example: Example = {
  id: 'train-000000',
  query: 'critical illness cover age 67 "quoted"\nnext',
  item: { title: 'BluePeak Lite Critical Illness Plan', fields: { category: 'critical illness', 'eligible ages': '18-60' } },
  grade: 1,
  split: 'train',
  tags: [],
};

describe('JSONL of examples', () => {
  it('writes one line per example with keys in a fixed order, whatever order they came in', () => {
    const shuffled = { tags: [], split: 'pool', grade: null, item: { fields: { b: '2', a: '1' }, title: 't' }, query: 'q', id: 'pool-1' } as unknown as Example;
    const text = examplesToJsonl([example, shuffled]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toBe('{"id":"pool-1","query":"q","item":{"title":"t","fields":{"b":"2","a":"1"}},"grade":null,"split":"pool","tags":[]}');
  });

  it('reads back exactly what it wrote, including quotes and newlines inside text', () => {
    const pool: Example = { ...example, id: 'pool-000001', split: 'pool', grade: 2, tags: ['conversational'] };
    const back = examplesFromJsonl(examplesToJsonl([example, pool]));
    expect(back).toEqual([example, pool]);
  });

  it('keeps pool labels apart from the pool and reads them back', () => {
    const pool: Example[] = [{ ...example, id: 'p1', split: 'pool', grade: 2 }, { ...example, id: 'p2', split: 'pool', grade: 0 }];
    expect(examplesFromJsonl(examplesToJsonl(withoutGrades(pool))).map((e) => e.grade)).toEqual([null, null]);
    expect(labelsToJsonl(pool)).toBe('{"id":"p1","grade":2}\n{"id":"p2","grade":0}\n');
    expect([...labelsFromJsonl(labelsToJsonl(pool))]).toEqual([['p1', 2], ['p2', 0]]);
  });

  it('names the file, line and column of a bad record', () => {
    const good = examplesToJsonl([example]);
    expect(() => examplesFromJsonl(`${good}{not json}\n`, 'train.jsonl')).toThrow(MalformedJsonError);
    expect(() => examplesFromJsonl(`${good}{not json}\n`, 'train.jsonl')).toThrow(/^train\.jsonl:2:2: malformed JSON/);
    const badGrade = good.replace('"grade":1', '"grade":3');
    expect(() => examplesFromJsonl(badGrade, 'x.jsonl')).toThrow(/^x\.jsonl:1:\d+: column "grade": must be 0, 1, 2 or null, got 3/);
    const badSplit = good.replace('"split":"train"', '"split":"dev"');
    expect(() => examplesFromJsonl(badSplit)).toThrow(/column "split": must be one of/);
    expect(() => labelsFromJsonl('{"id":"a","grade":"2"}\n', 'pool_labels.jsonl')).toThrow(/^pool_labels\.jsonl:1:\d+: column "grade"/);
  });

  it('refuses a duplicate key, at the second key', () => {
    const line = examplesToJsonl([example]).replace('"tags":[]', '"tags":[],"grade":2');
    expect(() => examplesFromJsonl(line, 'train.jsonl')).toThrow(DuplicateKeyError);
    expect(() => examplesFromJsonl(line, 'train.jsonl')).toThrow(new RegExp(`^train\\.jsonl:1:${line.lastIndexOf('"grade"') + 1}: duplicate key "grade"`));
  });

  it('refuses an id given twice in pool labels, naming both lines', () => {
    expect(() => labelsFromJsonl('{"id":"p1","grade":1}\n{"id":"p2","grade":0}\n{"id":"p1","grade":2}\n', 'pool_labels.jsonl')).toThrow(
      /^pool_labels\.jsonl:3:2: column "id": duplicate id "p1": already used at pool_labels\.jsonl:1/,
    );
  });
});
