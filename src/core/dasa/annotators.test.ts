import { describe, expect, it } from 'vitest';
import type { Grade } from '../data/schema';
import { fromFile, labelAll, manual, oracle } from './annotators';
import { AnnotationFileError, DasaInputError, UnlabelledSamplesError } from './errors';

describe('annotators', () => {
  it('oracle reveals gold grades, leaves null gold unlabelled and rejects ids it never saw', async () => {
    const gold = new Map<string, Grade | null>([['a', 2], ['b', 0], ['c', null]]);
    const annotator = oracle(gold);
    expect(await annotator.label(['b', 'a', 'c'])).toEqual(new Map([['b', 0], ['a', 2]]));
    expect(annotator.unlabelled(['a', 'c'])).toEqual(['c']);
    await expect(annotator.label(['a', 'x'])).rejects.toThrow(DasaInputError);
    await expect(annotator.label(['x'])).rejects.toThrow(/no sample with id "x"/);
  });

  it('fromFile checks the file when it is made and answers from it', async () => {
    const annotator = fromFile('id,grade\na,1\nb,2\n', { fileName: 'grades.csv', knownIds: ['a', 'b', 'c'] });
    expect(annotator.kind).toBe('file');
    expect(await annotator.label(['a', 'c'])).toEqual(new Map([['a', 1]]));
    expect(() => fromFile('id,grade\nq,1\n', { fileName: 'grades.csv', knownIds: ['a'] })).toThrow(AnnotationFileError);
  });

  it('manual reports which ids still need a grade, and labelAll insists on all of them', async () => {
    const annotator = manual(new Map<string, Grade>([['a', 0]]));
    expect(annotator.unlabelled(['a', 'b', 'c'])).toEqual(['b', 'c']);
    await expect(labelAll(annotator, ['a'])).resolves.toEqual(new Map([['a', 0]]));
    const failure = labelAll(annotator, ['a', 'b', 'c']);
    await expect(failure).rejects.toThrow(UnlabelledSamplesError);
    await expect(failure).rejects.toThrow('2 of 3 selected samples have no grade from the manual annotator ("b", "c").');
    expect(() => manual(new Map([['a', 3 as Grade]]))).toThrow(/"a" is 3/);
  });
});
