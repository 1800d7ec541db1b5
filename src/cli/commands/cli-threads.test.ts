import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { ParsedArgs } from '../args';
import { defaultCliThreads, threadsFlag } from './cli-threads';

const args = (flags: Record<string, string | true>): ParsedArgs => ({ positional: [], flags });

describe('--threads', () => {
  it('defaults to the logical cores shared between the processes, 1 to 4, and to 1 off wasm', () => {
    const cores = availableParallelism();
    expect(threadsFlag(args({}), 'wasm')).toBe(Math.max(1, Math.min(4, cores)));
    expect(defaultCliThreads('wasm', cores)).toBe(1);
    expect(defaultCliThreads('wasm', cores * 8)).toBe(1);
    expect(threadsFlag(args({}), 'cpu')).toBe(1);
    expect(threadsFlag(args({ threads: '3' }), 'wasm')).toBe(3);
  });

  it.each(['0', '9', '1.5', 'two'])('rejects --threads %s, naming the flag', (value) => {
    expect(() => threadsFlag(args({ threads: value }), 'wasm')).toThrow(/--threads must be (a whole number from 1 to 8|a number)/);
  });

});
