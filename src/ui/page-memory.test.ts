import { describe, expect, it } from 'vitest';
import { agentMemoryFrom, canMeasureAgent, readJsHeap } from './page-memory';

describe('page memory figures', () => {
  it('reads the JavaScript heap where the browser offers it', () => {
    expect(readJsHeap({ memory: { usedJSHeapSize: 12, jsHeapSizeLimit: 100 } })).toEqual({ used: 12, limit: 100 });
    expect(readJsHeap({})).toBeNull();
  });

  it('sums the whole page and the worker part of a user-agent memory measurement', () => {
    const result = {
      bytes: 1000,
      breakdown: [
        { bytes: 600, attribution: [{ scope: 'DedicatedWorkerGlobalScope' }] },
        { bytes: 300, attribution: [{ scope: 'Window' }] },
        { bytes: 100, attribution: [] },
      ],
    };
    expect(agentMemoryFrom(result)).toEqual({ bytes: 1000, workerBytes: 600 });
  });

  it('asks for the measurement only on a cross-origin isolated page that has the API', () => {
    const api = { measureUserAgentSpecificMemory: async () => ({ bytes: 0, breakdown: [] }) };
    expect(canMeasureAgent(api, true)).toBe(true);
    expect(canMeasureAgent(api, false)).toBe(false);
    expect(canMeasureAgent({}, true)).toBe(false);
  });
});
