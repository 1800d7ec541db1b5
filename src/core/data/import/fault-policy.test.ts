// skipBadRows: bad rows are skipped and listed (file, line, problem) up to a cap; the import
// succeeds while any row remains.
import { describe, expect, it } from 'vitest';
import { importFiles, QTL } from './test-support';

const MIXED = [
  'q,t,g',
  'a,b,1', // 2 ok
  'c,d,7', // 3 unknown label
  ',e,1', // 4 empty query
  'f,g', // 5 wrong field count
  '"multi',
  'line",h,2', // 6-7 ok, spans two lines
  'i,,0', // 8 empty title
  'a,b,0', // 9 same pair, other grade
  'j,k,2', // 10 ok
].join('\n');

describe('skipBadRows', () => {
  it('stops at the first bad row by default', async () => {
    await expect(importFiles('csv', { 'm.csv': MIXED }, QTL)).rejects.toThrow(/^m\.csv:3:3: column "g": unknown label "7"/);
  });

  it('skips and lists every bad row with its place and fault', async () => {
    const { report, examples } = await importFiles('csv', { 'm.csv': MIXED }, QTL, { skipBadRows: true });
    expect(examples.train.map((e) => e.query)).toEqual(['a', 'multi\nline', 'j']);
    expect(report.skippedTotal).toBe(5);
    expect(report.skipped.map((s) => [s.line, s.fault])).toEqual([
      [3, 'UnknownLabelError'],
      [4, 'EmptyQueryError'],
      [5, 'FieldCountError'],
      [8, 'EmptyTitleError'],
      [9, 'ConflictingGradeError'],
    ]);
    expect(report.skipped.every((s) => s.file === 'm.csv')).toBe(true);
    expect(report.skipped[0].problem).toMatch(/unknown label "7"/);
  });

  it('lists at most the cap but counts every skipped row', async () => {
    const text = `q,t,g\nok,ok,1\n${Array.from({ length: 30 }, (_, i) => `q${i},t${i},x`).join('\n')}\n`;
    const { report } = await importFiles('csv', { 'c.csv': text }, QTL, { skipBadRows: true, maxListedBadRows: 4 });
    expect(report.skippedTotal).toBe(30);
    expect(report.skipped.map((s) => s.line)).toEqual([3, 4, 5, 6]);
  });

  it('fails when no row is left, showing the first problems', async () => {
    await expect(importFiles('csv', { 'b.csv': 'q,t,g\na,b,x\nc,d,y\n' }, QTL, { skipBadRows: true })).rejects.toThrow(
      /no rows left to import: all 2 rows were bad; first problems:\n {2}b\.csv:2:3: .*unknown label "x"/,
    );
  });

  it('still stops on faults that make the rest of the file unreadable', async () => {
    await expect(importFiles('csv', { 'u.csv': 'q,t,g\na,b,1\n"c,d,1\n' }, QTL, { skipBadRows: true })).rejects.toThrow(/UnterminatedQuote|unterminated quote/);
  });
});
