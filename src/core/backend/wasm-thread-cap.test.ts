import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it, vi } from 'vitest';
import { liftWasmThreadCap } from './wasm-thread-cap';

// tfjs-wasm keeps the requested count private until its backend starts; watch the call instead.
vi.mock('@tensorflow/tfjs-backend-wasm', () => ({ setThreadsCount: vi.fn() }));

describe('liftWasmThreadCap', () => {
  it('shows tfjs at least twice the threads as logical cores, never fewer than the real count', () => {
    const small = { navigator: { hardwareConcurrency: 2 } };
    liftWasmThreadCap(2, small);
    expect(small.navigator.hardwareConcurrency).toBe(4);
    const large = { navigator: { hardwareConcurrency: 16 } };
    liftWasmThreadCap(2, large);
    expect(large.navigator.hardwareConcurrency).toBe(16);
  });

  it('works where there is no navigator (the count then only reaches tfjs)', () => {
    expect(() => liftWasmThreadCap(3, {})).not.toThrow();
  });

  it('asks tfjs-wasm for the threads', () => {
    liftWasmThreadCap(3, {});
    expect(setThreadsCount).toHaveBeenLastCalledWith(3);
  });
});
