import { describe, expect, it } from 'vitest';
import { canonicalJson, hashText, stageKey } from './keys';

describe('stage keys', () => {
  it('do not depend on key order, and change with any setting or input', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}');
    const key = stageKey('probe', { lr: 0.01, epochs: 2 }, ['k1']);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(stageKey('probe', { epochs: 2, lr: 0.01 }, ['k1'])).toBe(key);
    expect(stageKey('probe', { epochs: 2, lr: 0.02 }, ['k1'])).not.toBe(key);
    expect(stageKey('probe', { epochs: 2, lr: 0.01 }, ['k2'])).not.toBe(key);
    expect(stageKey('finetune', { epochs: 2, lr: 0.01 }, ['k1'])).not.toBe(key);
    expect(hashText('ab')).not.toBe(hashText('ba'));
  });
});
