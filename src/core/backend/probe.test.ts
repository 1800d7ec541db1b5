import { describe, expect, it } from 'vitest';
import { chooseBackend } from './policy';
import { detectHost, probeBackends, summariseAdapter } from './probe';

describe('probeBackends in Node', () => {
  it('finds wasm with SIMD but no threads, no WebGPU or WebGL, and so chooses wasm', async () => {
    const probe = await probeBackends({ logicalCores: 4 });
    expect(detectHost()).toBe('node');
    expect(probe.host).toBe('node');
    expect(probe.wasm).toEqual({ available: true, simd: true, threads: false });
    expect(probe.webgpu.available).toBe(false);
    expect(probe.webgl.available).toBe(false);
    expect(probe.logicalCores).toBe(4);
    const choice = chooseBackend(probe);
    expect(choice).toMatchObject({ backend: 'wasm', threads: 1 });
    expect(choice.reason).toMatch(/Node has no WebGPU/);
  });
});

describe('summariseAdapter', () => {
  it('reads adapter.info and the legacy isFallbackAdapter flag', () => {
    const adapter = { info: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' }, isFallbackAdapter: true };
    expect(summariseAdapter(adapter as unknown as GPUAdapter)).toEqual({
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: '',
      isFallbackAdapter: true,
    });
  });
});
