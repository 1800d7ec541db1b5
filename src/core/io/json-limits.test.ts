import { describe, expect, it } from 'vitest';
import { jsonPreview, nestsDeeperThan } from './json-limits';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('JSON limits', () => {
  it('measure nesting without recursion, even 200,000 levels deep', () => {
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(nested(200_000), 64)).toBe(true);
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
  });

  it('render any value in a bounded preview', () => {
    expect(jsonPreview({ a: 1 })).toBe('{"a":1}');
    expect(jsonPreview('x'.repeat(100), 10)).toBe(`"${'x'.repeat(9)}...`);
    expect(jsonPreview(nested(200_000))).toBe('[...]');
    expect(jsonPreview(undefined)).toBe('undefined');
    expect(jsonPreview(10n)).toBe('10');
  });
});
