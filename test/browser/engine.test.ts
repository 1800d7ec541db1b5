// The engine worker in Debian's Chromium: it starts, picks wasm over the SwiftShader WebGPU adapter,
// and can be forced onto WebGPU, where a real GPU kernel (no CPU forwarding) matches the cpu backend.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendInfo } from '../../src/core/backend/types';
import type { MatMulCheckResult } from '../../src/engine/types';
import { launchLab, type LabBrowser } from './launch';

let lab: LabBrowser;

beforeAll(async () => {
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

async function ready(page: Page): Promise<BackendInfo> {
  return page.evaluate(() => window.lab.ready);
}

const shown = (page: Page, testId: string) => page.getByTestId(testId).first();

describe('engine worker', () => {
  it('starts, answers, and picks wasm with threads over the software WebGPU adapter by default', async () => {
    const page = await lab.newPage();
    const info = await ready(page);
    expect(info.probe.host).toBe('browser-worker');
    expect(info.probe.webgpu).toMatchObject({ available: true, software: true });
    expect(info.probe.webgpu.adapterInfo?.architecture).toBe('swiftshader');
    expect(info.probe.crossOriginIsolated).toBe(true);
    expect(info).toMatchObject({ backend: 'wasm', forced: false, requested: 'auto' });
    // Threads are available (isolated page, threaded SIMD binary); tfjs sizes the pool itself.
    expect(info.probe.wasm).toEqual({ available: true, simd: true, threads: true });
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(info.reason).toMatch(/software fallback \(SwiftShader\).*using wasm with SIMD and \d+ threads?/);

    await expect.poll(() => shown(page, 'status-backend').textContent()).toBe('wasm');
    expect(await shown(page, 'status-reason').textContent()).toBe(info.reason);
    expect(await shown(page, 'status-threads').textContent()).toBe(String(info.threads));
    // The lab's wasm module loaded in the worker (shared memory, relaxed SIMD in Chromium).
    expect(info.kernels).toBe('lab wasm kernels (SIMD + relaxed SIMD), tfjs for the rest');
    expect(await shown(page, 'status-kernels').textContent()).toBe(info.kernels);
    expect(await shown(page, 'status-warning').textContent()).toMatch(/only WebGPU adapter .* software fallback/);
    await expect.poll(() => shown(page, 'status-memory').textContent()).toMatch(/in \d+ tensors/);

    const check = await page.evaluate(() => window.lab.engine.matMulCheck(48, { seed: 2 }));
    expect(check.backend).toBe('wasm');
    expect(check.maxAbsDiff).toBeLessThan(1e-3);
    console.info(`wasm in the worker: XNNPACK threads = ${info.threads}, 48x48 matMul ${check.ms.toFixed(1)} ms`);
    await page.close();
  });

  it('starts two wasm threads past the tfjs cap with ?wasmThreads=2, and the products stay right', async () => {
    const page = await lab.newPage('?backend=wasm&wasmThreads=2');
    const info = await ready(page);
    expect(info).toMatchObject({ backend: 'wasm', threads: 2 });
    expect(info.reason).toMatch(/using wasm with SIMD and 2 threads/);
    const check = await page.evaluate(() => window.lab.engine.matMulCheck(96, { seed: 3 }));
    expect(check.maxAbsDiff).toBeLessThan(1e-3);
    await page.close();
    const bad = await lab.newPage('?backend=wasm&wasmThreads=12');
    await expect(bad.evaluate(() => window.lab.ready)).rejects.toThrow(/\?wasmThreads=12\): wasm threads must be a whole number from 1 to 8/);
    await bad.close();
  });

  it('runs a real WebGPU kernel on SwiftShader when forced, and it matches the cpu backend', async () => {
    const page = await lab.newPage('?backend=webgpu');
    const info = await ready(page);
    expect(info).toMatchObject({ backend: 'webgpu', forced: true, requested: 'webgpu' });
    expect(info.adapterInfo?.architecture).toBe('swiftshader');
    await expect.poll(() => shown(page, 'status-backend').textContent()).toBe('webgpu');
    expect(await shown(page, 'status-warning').textContent()).toMatch(/software fallback adapter/);

    const flags = await page.evaluate(() => window.lab.engine.setFlags({ WEBGPU_CPU_FORWARD: false }));
    expect(flags).toEqual({ WEBGPU_CPU_FORWARD: false });
    const check: MatMulCheckResult = await page.evaluate(() => window.lab.engine.matMulCheck(16, { seed: 4 }));
    expect(check.backend).toBe('webgpu');
    expect(check.gpuPipelines).toBeGreaterThan(0);
    expect(check.maxAbsDiff).toBeLessThan(1e-3);
    console.info(`first WebGPU matMul (16x16, shader compilation included): ${check.ms.toFixed(0)} ms`);
    await page.close();
  });

  it('shows a clear error for an unknown ?backend= and named errors cross the worker boundary', async () => {
    const page = await lab.newPage('?backend=nonsense');
    const failure = await page.evaluate(() => window.lab.ready.then(() => null, (error: Error) => ({ name: error.name, message: error.message })));
    expect(failure?.name).toBe('UnknownBackendError');
    await expect.poll(() => shown(page, 'status-error').textContent()).toMatch(/UnknownBackendError: Unknown backend "nonsense" in the address/);
    expect(await shown(page, 'status-error').textContent()).toMatch(/Choose one of: auto, webgpu, wasm, webgl, cpu/);

    const remote = await page.evaluate(() =>
      window.lab.engine.setFlags({ NO_SUCH_FLAG: 1 }).then(
        () => null,
        (error: Error & { details?: Record<string, unknown> }) => ({ name: error.name, details: error.details }),
      ),
    );
    expect(remote).toEqual({ name: 'UnknownFlagError', details: { flag: 'NO_SUCH_FLAG', similar: [] } });
    await page.close();
  });

  it('pauses, refuses a second job, and cancels a long job in the worker from the page', async () => {
    const page = await lab.newPage('?backend=cpu');
    expect((await ready(page)).backend).toBe('cpu');
    const outcome = await page.evaluate(async () => {
      const engine = window.lab.engine;
      const job = engine.fitDemo({ steps: 100_000 }).then(
        () => 'finished',
        (error: Error) => error.name,
      );
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      await wait(300);
      const paused = await engine.pause();
      const second = await engine.fitDemo({ steps: 1 }).then(
        () => 'started',
        (error: Error) => error.name,
      );
      const resumed = await engine.resume();
      await wait(100);
      const cancelling = await engine.cancel();
      const result = await job;
      return { paused, second, resumed, cancelling, result, after: await engine.jobStatus() };
    });
    expect(outcome).toEqual({
      paused: { state: 'paused', job: 'fit demo' },
      second: 'BusyError',
      resumed: { state: 'running', job: 'fit demo' },
      cancelling: { state: 'cancelling', job: 'fit demo' },
      result: 'CancelledError',
      after: { state: 'idle', job: null },
    });
    await page.close();
  });

  it('sent no request to any other origin', () => {
    const origin = new URL(lab.baseURL).origin;
    const foreign = lab.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(lab.requests.length).toBeGreaterThan(0);
  });
});
