// The WebGPU device's buffer limits on SwiftShader: the device is granted the adapter's largest
// binding and buffer sizes (more than WebGPU's 128 MiB default, which GPT-2 small's token embedding
// exceeds), the compute-engine panel shows them, and an import that fits them is stored.
import { describe, expect, it } from 'vitest';
import { WEBGPU_DEFAULT_LIMITS } from '../../src/core/backend/webgpu-limits';
import { huggingFaceFolder } from '../../src/core/huggingface/export-folder';
import { sampleLabCheckpoint, sampleTokenizer } from '../../src/core/huggingface/test-support';
import { launchLab } from './launch';

describe('WebGPU buffer limits', () => {
  it("grants the adapter's limits, shows them, and imports a model that fits", async () => {
    const lab = await launchLab();
    try {
      const page = await lab.newPage('?backend=webgpu#stage=pretrain');
      const info = await page.evaluate(() => window.lab.ready);
      expect(info.backend).toBe('webgpu');
      const limits = info.webgpuLimits!;
      expect(limits.adapter).not.toBeNull();
      expect(limits.granted).toEqual(limits.adapter);
      expect(limits.granted.maxStorageBufferBindingSize).toBeGreaterThan(WEBGPU_DEFAULT_LIMITS.maxStorageBufferBindingSize);
      console.info(`SwiftShader grants ${JSON.stringify(limits.granted)}`);
      const shown = page.getByTestId('status-webgpu-limits').first();
      await expect.poll(() => shown.getAttribute('data-binding')).toBe(String(limits.granted.maxStorageBufferBindingSize));
      expect(await shown.textContent()).toMatch(/per binding, .* per buffer \(granted; the adapter offers /);

      const files = huggingFaceFolder(sampleLabCheckpoint(sampleTokenizer(), 4), { head: false })
        .filter((file) => ['config.json', 'model.safetensors', 'tokenizer.json'].includes(file.name))
        .map((file) => ({ name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) }));
      await page.getByTestId('checkpoint-import-hf').setInputFiles(files);
      await expect.poll(() => page.getByTestId('checkpoint-message').textContent(), { timeout: 30_000 }).toMatch(/^Imported /);
      expect(lab.errors).toEqual([]);

      // wasm has no device: no row.
      const wasm = await lab.newPage('?backend=wasm');
      expect((await wasm.evaluate(() => window.lab.ready)).webgpuLimits).toBeUndefined();
      expect(await wasm.getByTestId('status-webgpu-limits').count()).toBe(0);
    } finally {
      await lab.close();
    }
  });
});
