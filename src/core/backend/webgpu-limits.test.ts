// The WebGPU size check: the largest tensor against the granted binding and buffer sizes, named in
// the refusal; and the guard that tfjs still asks the adapter for its largest buffers.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTensorsFitWebGpu, GpuBufferLimitError, largestTensor, WEBGPU_DEFAULT_LIMITS } from './webgpu-limits';

/** GPT-2 small's tensors that matter here: the token embedding (with the lab's 7 special tokens) and a block's MLP. */
const GPT2_SMALL = [
  { name: 'h0.mlp.fc.w', shape: [768, 3072] },
  { name: 'wte', shape: [50264, 768] },
  { name: 'wpe', shape: [1024, 768] },
];

describe('the WebGPU size check', () => {
  it('finds the largest tensor in float32 bytes', () => {
    expect(largestTensor(GPT2_SMALL)).toEqual({ name: 'wte', shape: [50264, 768], bytes: 50264 * 768 * 4 });
    expect(largestTensor([])).toBeNull();
  });

  it("refuses GPT-2 small on WebGPU's default limits, naming the tensor, its size and the limit", () => {
    const check = () => checkTensorsFitWebGpu(GPT2_SMALL, WEBGPU_DEFAULT_LIMITS, 'gpt2.zip');
    expect(check).toThrow(GpuBufferLimitError);
    expect(check).toThrow('gpt2.zip: tensor "wte" [50264, 768] is 154,411,008 bytes, but this WebGPU device binds at most 134,217,728 bytes (maxStorageBufferBindingSize)');
    try {
      check();
    } catch (error) {
      expect((error as GpuBufferLimitError).details).toMatchObject({ tensor: 'wte', bytes: 154_411_008, limit: 'maxStorageBufferBindingSize', limitBytes: 134_217_728 });
    }
  });

  it('accepts it when the device was granted more, and a tensor of exactly the limit', () => {
    expect(() => checkTensorsFitWebGpu(GPT2_SMALL, { maxStorageBufferBindingSize: 2 ** 31 - 4, maxBufferSize: 2 ** 32 }, 'gpt2')).not.toThrow();
    expect(() => checkTensorsFitWebGpu([{ name: 'x', shape: [256] }], { maxStorageBufferBindingSize: 1024, maxBufferSize: 1024 }, 'm')).not.toThrow();
    expect(() => checkTensorsFitWebGpu([{ name: 'x', shape: [257] }], { maxStorageBufferBindingSize: 1024, maxBufferSize: 4096 }, 'm')).toThrow(/1,028 bytes, .* at most 1,024 bytes \(maxStorageBufferBindingSize\)/);
  });

  it('holds the tensor to maxBufferSize when that is the smaller limit', () => {
    expect(() => checkTensorsFitWebGpu([{ name: 'x', shape: [300] }], { maxStorageBufferBindingSize: 4096, maxBufferSize: 1024 }, 'm')).toThrow(/at most 1,024 bytes \(maxBufferSize\)/);
  });
});

describe("tfjs-backend-webgpu's device", () => {
  it("is created with the adapter's maxStorageBufferBindingSize and maxBufferSize (fails when a tfjs upgrade stops asking)", () => {
    const require = createRequire(import.meta.url);
    const base = readFileSync(join(dirname(require.resolve('@tensorflow/tfjs-backend-webgpu/package.json')), 'dist', 'base.js'), 'utf8');
    const code = base.slice(0, base.indexOf('//# sourceMappingURL'));
    expect(code).toMatch(/requestDevice\(deviceDescriptor\)/);
    expect(code).toMatch(/'maxStorageBufferBindingSize':\s*adapterLimits\.maxStorageBufferBindingSize/);
    expect(code).toMatch(/'maxBufferSize':\s*adapterLimits\.maxBufferSize/);
    expect(code).toMatch(/deviceDescriptor\.requiredLimits\s*=/);
  });
});
