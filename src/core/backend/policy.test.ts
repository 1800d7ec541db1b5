import { describe, expect, it } from 'vitest';
import { labErrorClass } from '../errors';
import { BackendUnavailableError, UnknownBackendError } from './errors';
import { chooseBackend, defaultTrainingThreads, describeAvailable, isSoftwareAdapter, parseBackendPreference } from './policy';
import type { BackendProbe, GpuAdapterSummary } from './types';

const swiftshader: GpuAdapterSummary = {
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: '',
  isFallbackAdapter: false,
};
const realGpu: GpuAdapterSummary = {
  vendor: 'nvidia',
  architecture: 'ampere',
  device: '',
  description: 'NVIDIA GeForce RTX 3060',
  isFallbackAdapter: false,
};

function probe(overrides: Partial<BackendProbe> = {}): BackendProbe {
  return {
    host: 'browser-worker',
    webgpu: { available: false, software: false, adapterInfo: null, problem: 'navigator.gpu is missing' },
    wasm: { available: true, simd: true, threads: true },
    webgl: { available: true, version: 2, renderer: 'ANGLE (SwiftShader)', software: true },
    cpu: { available: true },
    crossOriginIsolated: true,
    logicalCores: 2,
    ...overrides,
  };
}

describe('chooseBackend (automatic)', () => {
  it('picks webgpu on a hardware adapter and names the adapter', () => {
    const choice = chooseBackend(probe({ webgpu: { available: true, software: false, adapterInfo: realGpu } }));
    expect(choice).toMatchObject({ backend: 'webgpu', forced: false, threads: 1, adapterInfo: realGpu });
    expect(choice.reason).toContain('NVIDIA GeForce RTX 3060');
  });

  it('prefers wasm over a SwiftShader WebGPU adapter and says why', () => {
    const choice = chooseBackend(probe({ webgpu: { available: true, software: true, adapterInfo: swiftshader } }));
    expect(choice.backend).toBe('wasm');
    expect(choice.threads).toBe(1);
    expect(choice.reason).toMatch(/software fallback \(SwiftShader\)/);
    expect(choice.reason).toMatch(/wasm with SIMD and 1 thread \(tfjs uses half of the 2 logical cores/);
    expect(choice.adapterInfo).toEqual(swiftshader);
  });

  it('expects tfjs to use half the logical cores for wasm, at most 4, and takes the real count once known', () => {
    expect(chooseBackend(probe({ logicalCores: 8 })).threads).toBe(4);
    expect(chooseBackend(probe({ logicalCores: 16 })).threads).toBe(4);
    const actual = chooseBackend(probe({ logicalCores: 8 }), 'auto', { wasmThreads: 3 });
    expect(actual.threads).toBe(3);
    expect(actual.reason).toMatch(/wasm with SIMD and 3 threads\.$/);
  });

  it('uses one wasm thread without cross-origin isolation and explains the headers', () => {
    const choice = chooseBackend(probe({ crossOriginIsolated: false, wasm: { available: true, simd: true, threads: false } }));
    expect(choice).toMatchObject({ backend: 'wasm', threads: 1 });
    expect(choice.reason).toMatch(/1 thread .*COOP\/COEP/);
  });

  it('says that Node runs wasm single-threaded', () => {
    const choice = chooseBackend(
      probe({ host: 'node', crossOriginIsolated: false, wasm: { available: true, simd: true, threads: false } }),
    );
    expect(choice.reason).toMatch(/single-threaded in Node/);
  });

  it('falls back to webgl, then cpu', () => {
    const noWasm = { available: false, simd: false, threads: false, problem: 'WebAssembly is disabled' };
    expect(chooseBackend(probe({ wasm: noWasm })).backend).toBe('webgl');
    const cpu = chooseBackend(
      probe({ wasm: noWasm, webgl: { available: false, version: null, renderer: null, software: false } }),
    );
    expect(cpu.backend).toBe('cpu');
    expect(cpu.reason).toMatch(/cpu backend/);
  });
});

describe('chooseBackend (forced)', () => {
  it('forces webgpu even on a software adapter and warns about speed', () => {
    const choice = chooseBackend(probe({ webgpu: { available: true, software: true, adapterInfo: swiftshader } }), 'webgpu');
    expect(choice).toMatchObject({ backend: 'webgpu', forced: true });
    expect(choice.reason).toMatch(/slower than wasm/);
  });

  it('forces cpu while faster backends exist', () => {
    expect(chooseBackend(probe(), 'cpu')).toMatchObject({ backend: 'cpu', forced: true, threads: 1 });
  });

  it('rejects an unavailable backend with a named, registered error listing what is available', () => {
    let caught: unknown;
    try {
      chooseBackend(probe(), 'webgpu');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BackendUnavailableError);
    const error = caught as BackendUnavailableError;
    expect(error.name).toBe('BackendUnavailableError');
    expect(error.message).toContain('navigator.gpu is missing');
    expect(error.message).toContain('Available: wasm (SIMD, 1 thread), webgl (software renderer), cpu');
    expect(error.details.available).toEqual(['wasm', 'webgl', 'cpu']);
    expect(labErrorClass('BackendUnavailableError')).toBe(BackendUnavailableError);
  });
});

describe('parseBackendPreference', () => {
  it('reads names case-insensitively and treats empty as auto', () => {
    expect(parseBackendPreference(' WebGPU ', 'test')).toBe('webgpu');
    expect(parseBackendPreference('', 'test')).toBe('auto');
    expect(parseBackendPreference(null, 'test')).toBe('auto');
  });

  it('rejects unknown names and lists the choices', () => {
    expect(() => parseBackendPreference('nonsense', 'the URL parameter ?backend=')).toThrow(UnknownBackendError);
    expect(() => parseBackendPreference('nonsense', 'the URL parameter ?backend=')).toThrow(
      /Unknown backend "nonsense" in the URL parameter \?backend=\. Choose one of: auto, webgpu, wasm, webgl, cpu/,
    );
  });
});

describe('software adapter detection', () => {
  it('counts SwiftShader, llvmpipe and declared fallback adapters as software', () => {
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
    expect(isSoftwareAdapter({ ...realGpu, isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ ...realGpu, description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter(realGpu)).toBe(false);
  });

  it('lists what is available', () => {
    expect(describeAvailable(probe({ webgpu: { available: true, software: true, adapterInfo: swiftshader } }))).toBe(
      'webgpu (software fallback adapter), wasm (SIMD, 1 thread), webgl (software renderer), cpu',
    );
  });
});

describe('defaultTrainingThreads', () => {
  it('gives wasm one thread per logical core of the process share, 1 to 4, and other backends 1', () => {
    expect(defaultTrainingThreads({ backend: 'wasm', logicalCores: 2 })).toBe(2);
    expect(defaultTrainingThreads({ backend: 'wasm', logicalCores: 16 })).toBe(4);
    expect(defaultTrainingThreads({ backend: 'wasm', logicalCores: 8, jobs: 3 })).toBe(2);
    expect(defaultTrainingThreads({ backend: 'wasm', logicalCores: 2, jobs: 4 })).toBe(1);
    expect(defaultTrainingThreads({ backend: 'cpu', logicalCores: 8 })).toBe(1);
    expect(defaultTrainingThreads({ backend: 'webgpu', logicalCores: 8 })).toBe(1);
  });
});
