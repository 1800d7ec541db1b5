import { describe, expect, it } from 'vitest';
import { scanJson } from './json-scan';

describe('scanJson', () => {
  it('accepts valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {"c": {}}} ', '"s"', '0', '[[],[{}]]']) {
      expect(scanJson(text), text).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('finds the first character that cannot belong there', () => {
    const cases: [string, number][] = [['{"a":1,}', 7], ['{"a" 1}', 5], ['[1 2]', 3], ['{"a":01}', 6], ['{"a":tru}', 5], ['"a\\x"', 2], ['{"a":"b', 7], ['', 0], ['{} x', 3], ['-', 0], ['"a\tb"', 2]];
    for (const [text, index] of cases) {
      expect(scanJson(text), text).toEqual({ kind: 'syntax', index });
      expect(() => JSON.parse(text)).toThrow();
    }
  });

  it('names a duplicate key at its second place, also nested and written with escapes', () => {
    expect(scanJson('{"a":1,"b":2,"a":3}')).toEqual({ kind: 'duplicate-key', index: 13, key: 'a', firstIndex: 1 });
    expect(scanJson('{"x":{"f":{"a":"1","\\u0061":"2"}}}')).toEqual({ kind: 'duplicate-key', index: 19, key: 'a', firstIndex: 11 });
    expect(scanJson('[{"a":1},{"a":2}]')).toBeNull();
  });

  it('stops at the nesting limit, and without one scans 200,000 levels without recursion', () => {
    expect(scanJson('[[[1]]]', 2)).toEqual({ kind: 'too-deep', index: 2, limit: 2 });
    const n = 200_000;
    expect(scanJson(`${'['.repeat(n)}${']'.repeat(n)}`, Infinity)).toBeNull();
    expect(scanJson(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`, Infinity)).toBeNull();
    expect(scanJson(`${'['.repeat(n)}}`, Infinity)).toEqual({ kind: 'syntax', index: n });
  });
});
