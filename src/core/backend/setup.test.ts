import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BackendSetupError } from './errors';
import { activateBackend, activeBackendName } from './setup';
import { nodeWasmPaths } from './wasm-paths-node';

describe('backend set-up in Node', () => {
  it('finds the three wasm binaries in node_modules', () => {
    const folder = nodeWasmPaths() as string;
    for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
      expect(existsSync(`${folder}${name}`), name).toBe(true);
    }
  });

  it('starts wasm and cpu, and explains that this host cannot load webgpu', async () => {
    const modules = { wasmPaths: nodeWasmPaths };
    const base = { forced: true, adapterInfo: null, reason: '', threads: 1 };
    await expect(activateBackend({ ...base, backend: 'wasm' }, modules)).resolves.toEqual({ threads: 1 });
    expect(activeBackendName()).toBe('wasm');
    await expect(activateBackend({ ...base, backend: 'cpu' }, modules)).resolves.toEqual({ threads: 1 });
    expect(activeBackendName()).toBe('cpu');
    await expect(activateBackend({ ...base, backend: 'webgpu' }, modules)).rejects.toBeInstanceOf(BackendSetupError);
  });
});
