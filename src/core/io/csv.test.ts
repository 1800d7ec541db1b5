import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting, keeps numbers, and defuses spreadsheet formulas', () => {
    const text = toCsv(['a', 'b', 'c'], [['x, "y"', -0.5, '=cmd()'], ['line\nbreak', 2, null]]);
    expect(text).toBe('a,b,c\n"x, ""y""",-0.5,"\'=cmd()"\n"line\nbreak",2,\n');
    expect(Papa.parse<string[]>(text.trimEnd()).data).toEqual([['a', 'b', 'c'], ['x, "y"', '-0.5', "'=cmd()"], ['line\nbreak', '2', '']]);
  });

  it('writes a header line alone when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\n');
  });
});
