// The fused webgpu kernels (src/core/model/webgpu) against the tfjs composition they replace, on
// WebGPU (SwiftShader) in Chromium: each kernel's values and gradients on the same inputs, the `nano`
// model's loss and every parameter gradient (LM and classification), and three AdamW steps (one unclipped);
// one case has more rows than a dispatch axis holds.
// A kernel whose gradient is made wrong through the test hook must show up as a mismatch.
// The kernels and the comparisons are bundled for this test only (fused-kernels-fixture.ts, vite's
// build API, in memory) and served to a blank page of the lab's origin through a Playwright route.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FusedKernelName } from '../../src/core/model/webgpu/fused-ops';
import type { Difference, ParityReport } from './fused-kernels-fixture';
import { launchLab, type LabBrowser } from './launch';

const FIXTURE_URL = '/__test__/fused-kernels.js';
const BLANK_URL = '/__test__/fused-kernels.html';
/**
 * Largest |fused - unfused| allowed, relative to the largest |unfused| of the same quantity. Both
 * sides are float32 and sum in different orders (a tree per workgroup against tfjs's reductions and
 * products). Measured on SwiftShader: at most 2.7e-7 for a kernel alone, 1.8e-6 through the model and
 * AdamW; a wrong kernel moves them by far more (a gradient off by half: 0.5).
 */
const KERNEL_TOLERANCE = 1e-5;
/**
 * The model's gradients pass through every kernel of 2 blocks and the loss, and a column sum over
 * 66,000 rows (the large LayerNorm case, 5e-6 measured) sums long float32 runs: the roundings add up.
 */
const MODEL_TOLERANCE = 1e-4;
const KERNELS: FusedKernelName[] = ['matMul', 'linear', 'linearGelu', 'layerNorm', 'crossEntropy', 'maskedSoftmax'];

let lab: LabBrowser;
let page: Page;
/** Chromium reports WebGPU validation errors (a shader that does not compile, a bad binding) as console warnings. */
const gpuWarnings: string[] = [];

async function bundleFixture(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, target: 'es2022', minify: false, rolldownOptions: { input: resolve('test/browser/fused-kernels-fixture.ts'), output: { format: 'es', entryFileNames: 'fused-kernels.js', codeSplitting: false } } },
  })) as Rolldown.RolldownOutput;
  const chunks = output.output.filter((item) => item.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.map((chunk) => chunk.fileName).join(', ')}`);
  return chunks[0].code;
}

const relative = (d: Difference) => d.maxAbs / Math.max(d.scale, 1e-6);

function report(differences: Difference[]): string {
  return differences.map((d) => `${d.name}: ${d.maxAbs.toExponential(2)} of ${d.scale.toExponential(2)} (${relative(d).toExponential(2)})`).join('\n');
}

beforeAll(async () => {
  const code = await bundleFixture();
  lab = await launchLab();
  await lab.context.route(`**${FIXTURE_URL}`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: code }));
  await lab.context.route(`**${BLANK_URL}`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fused kernels</title></head><body></body></html>' }));
  page = await lab.newPage(BLANK_URL);
  page.on('console', (message) => {
    if (message.type() === 'warning' && /WebGPU|WGSL|GPU/i.test(message.text())) gpuWarnings.push(message.text());
  });
  await page.addScriptTag({ url: FIXTURE_URL, type: 'module' });
  await page.waitForFunction(() => typeof window.fusedKernelParity === 'function');
});

afterAll(async () => {
  await lab?.close();
});

describe('fused webgpu kernels', () => {
  it('equal the tfjs composition in values and gradients, alone, in the nano model and in AdamW', async () => {
    const result: ParityReport = await page.evaluate(() => window.fusedKernelParity());
    console.info(`fused vs unfused on ${result.backend}, max |difference| of max |unfused| (relative):\n${report(result.differences)}`);
    expect(result.backend).toBe('webgpu');
    expect(result.leakedTensors).toBe(0);
    const kernels = result.differences.filter((d) => !d.name.startsWith('nano') && !d.name.startsWith('AdamW'));
    expect(kernels.length).toBe(3 + 4 * 4 + 2 * 2);
    for (const d of kernels) expect(relative(d), d.name).toBeLessThan(d.name.includes('66,000 rows') ? MODEL_TOLERANCE : KERNEL_TOLERANCE);
    const rest = result.differences.filter((d) => !kernels.includes(d));
    expect(rest.length).toBeGreaterThan(20);
    for (const d of rest) expect(relative(d), d.name).toBeLessThan(MODEL_TOLERANCE);
    expect(lab.errors).toEqual([]);
    expect(gpuWarnings).toEqual([]);
  });

  it('notices a broken gradient in each kernel', async () => {
    for (const kernel of KERNELS) {
      const result: ParityReport = await page.evaluate((k) => window.fusedKernelParity(k), kernel);
      const own = result.differences.filter((d) => d.name.startsWith(`${kernel} `));
      console.info(`${kernel} broken:\n${report(own)}`);
      expect(own.filter((d) => d.name.endsWith('value')).every((d) => relative(d) < KERNEL_TOLERANCE), `${kernel} values`).toBe(true);
      const worst = Math.max(...own.filter((d) => d.name.includes('gradient')).map(relative));
      expect(worst, `${kernel}'s broken gradient`).toBeGreaterThan(0.1);
      const others = result.differences.filter((d) => !d.name.startsWith(`${kernel} `));
      for (const d of others) expect(relative(d), d.name).toBeLessThan(KERNEL_TOLERANCE);
    }
  });
});
