// The Playground and the Runs and storage screens in Chromium, on a tiny dataset and nano models
// trained through the engine: a typed pair is scored (probabilities, expected grade, OOD scores with
// percentiles), markup typed in stays text, a run is exported as one file, deleted, imported back
// whole, and a damaged file is refused with nothing stored; the status panel shows backend, reason,
// fallback warnings and memory.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';
import { trainNanoCheckpoints } from './nano-checkpoints';

const SHOTS = 'test-results/screenshots';
const TINY = { seed: 13, sizes: { train: 48, val: 12, test_id: 9, test_ood: 9, pool: 12 } };
const PAYLOAD = '<img src=x onerror=window.__pwned=1>';
const PAIR = { query: 'term life cover for a 40 year old', title: 'Acme Term Life 20', fields: 'category: term life\nbrand: Acme' };

let lab: LabBrowser;
let datasetId: string;

async function ready(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), { timeout: 60_000 }).toBe('wasm');
}

/** Every img or svg element in the page, shadow trees included: markup from text would make one. */
function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (['IMG', 'SVG'].includes(element.tagName.toUpperCase())) found.push(element.tagName);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}

/** What the store holds: run ids and checkpoint ids with their sizes. */
function stored(page: Page) {
  return page.evaluate(async () => {
    const store = window.lab.storage as { listRuns(): Promise<{ id: string }[]>; listCheckpoints(): Promise<{ id: string; byteSize: number }[]> };
    return {
      runs: (await store.listRuns()).map((run) => run.id).sort(),
      checkpoints: (await store.listCheckpoints()).map(({ id, byteSize }) => `${id}:${byteSize}`).sort(),
    };
  });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
  const page = await lab.newPage('?backend=wasm');
  expect((await page.evaluate(() => window.lab.ready)).backend).toBe('wasm');
  datasetId = await trainNanoCheckpoints(page, TINY, { probe: { id: 'probe-pg', name: `${PAYLOAD} probe` }, finetune: { id: 'finetune-pg', name: 'Fine-tune for the playground' } });
  await page.close();
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

describe('playground', () => {
  it('scores a typed pair with the newest fine-tuned checkpoint: probabilities summing to 1, the expected grade and OOD scores', async () => {
    const page = await lab.newPage('?backend=wasm#stage=playground&dasa.k=5');
    await ready(page);
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('Playground');
    await expect.poll(() => page.getByTestId('playground-checkpoint').inputValue()).toBe('finetune-pg');
    expect(await page.getByTestId('playground-checkpoint').locator('option').allTextContents()).toContainEqual(expect.stringContaining(`${PAYLOAD} probe`));
    await expect.poll(() => page.getByTestId('example-pair').count()).toBe(6);
    expect(await page.locator('[data-testid="example-pair"][data-split="test_ood"]').count()).toBe(3);

    // Every key asks for a score; the page sends one after the typing pauses, never two at once.
    await page.evaluate(() => {
      const original = window.lab.engine;
      const counter = { calls: 0, original };
      (window as unknown as { __scoring: typeof counter }).__scoring = counter;
      window.lab.engine = new Proxy(original, {
        get: (target, property) => {
          const value = Reflect.get(target, property) as (...args: unknown[]) => unknown;
          if (property !== 'scorePlaygroundPair') return value;
          return (...args: unknown[]) => {
            counter.calls++;
            return value(...args);
          };
        },
      });
    });
    await page.getByTestId('playground-title').fill(PAIR.title);
    await page.getByTestId('playground-fields').fill(PAIR.fields);
    await page.getByTestId('playground-query').pressSequentially(PAIR.query, { delay: 15 });
    await expect.poll(() => page.getByTestId('grade-prob').count(), { timeout: 60_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('playground-result').getAttribute('aria-busy')).toBe('false');
    const sent = await page.evaluate(() => {
      const counter = (window as unknown as { __scoring: { calls: number; original: typeof window.lab.engine } }).__scoring;
      window.lab.engine = counter.original;
      return counter.calls;
    });
    console.info(`playground: ${PAIR.query.length} keys typed, ${sent} score request(s) sent`);
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(3);

    // The bars show the engine's numbers for this pair.
    const pair = { query: PAIR.query, item: { title: PAIR.title, fields: { category: 'term life', brand: 'Acme' } } };
    const [expected] = await page.evaluate((p) => window.lab.engine.scorePairs('finetune-pg', [p]), pair);
    expect(expected.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    const shown = await Promise.all([0, 1, 2].map(async (grade) => Number.parseFloat((await page.locator(`[data-testid="grade-prob"][data-grade="${grade}"]`).textContent())!)));
    shown.forEach((percent, grade) => expect(Math.abs(percent - 100 * expected.probs[grade])).toBeLessThanOrEqual(0.051));
    expect(Math.abs(shown.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(0.15);
    expect(Number(await page.getByTestId('expected-grade').textContent())).toBeCloseTo(expected.expectedGrade, 3);

    const oodValues = (await page.getByTestId('ood-value').allTextContents()).map(Number);
    expect(oodValues).toHaveLength(2);
    oodValues.forEach((value) => expect(Number.isFinite(value) && value >= 0).toBe(true));
    const percentiles = (await page.getByTestId('ood-percentile').allTextContents()).map(Number);
    percentiles.forEach((value) => expect(value >= 0 && value <= 100).toBe(true));
    expect(await page.getByTestId('ood-direction').textContent()).toBe('A higher score means more OOD.');
    expect(await page.getByTestId('ood-reference').textContent()).toMatch(/48 of 48 ID train pairs;\s+percentiles among 12 of 12 ID val pairs/);
    const direct = await page.evaluate((p) => window.lab.engine.scorePlaygroundPair('finetune-pg', p.datasetId, p.pair, { k: 5 }), { pair, datasetId });
    expect(direct.reference.cached).toBe(true);
    direct.ood.forEach((entry, i) => expect(oodValues[i]).toBeCloseTo(entry.score, 3));
    await expect.poll(() => page.getByTestId('step-playground').getAttribute('data-state')).toBe('done');
    await page.screenshot({ path: `${SHOTS}/playground-scored.png`, fullPage: true });

    // An OOD test example is one click away and is scored at once.
    await page.locator('[data-testid="example-pair"][data-split="test_ood"]').first().click();
    const example = await page.locator('[data-testid="example-pair"][data-split="test_ood"]').first().locator('.query').textContent();
    expect(await page.getByTestId('playground-query').inputValue()).toBe(example);
    await expect.poll(() => page.getByTestId('playground-result').getAttribute('aria-busy')).toBe('false');
    await page.close();
  });

  it('shows pasted markup as text: nothing is made from it and nothing runs', async () => {
    const page = await lab.newPage('?backend=wasm#stage=playground&dasa.k=5');
    await ready(page);
    await expect.poll(() => page.getByTestId('playground-checkpoint').inputValue()).toBe('finetune-pg');
    await page.getByTestId('playground-query').fill(`${PAYLOAD} cover`);
    await page.getByTestId('playground-title').fill(PAYLOAD);
    await page.getByTestId('playground-fields').fill(`${PAYLOAD}\nbrand: ${PAYLOAD}`);
    await expect.poll(() => page.getByTestId('grade-prob').count(), { timeout: 60_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('playground-result').getAttribute('aria-busy')).toBe('false');
    expect(await page.getByTestId('playground-fields-problems').textContent()).toContain(`Line 1 ("${PAYLOAD}") is not "name: value"`);
    expect(await page.getByTestId('playground-title').inputValue()).toBe(PAYLOAD);
    expect(await injectedElements(page)).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.screenshot({ path: `${SHOTS}/playground-payload.png`, fullPage: true });
    await page.close();
  });
});

describe('runs and storage', () => {
  const runRow = (page: Page, id: string) => page.locator(`[data-testid="run-item"][data-id="${id}"]`);
  const checkpointRow = (page: Page, id: string) => page.locator(`[data-testid="stored-checkpoint"][data-id="${id}"]`);

  it('lists the run and its checkpoint with sizes, exports, deletes and imports it back whole; refuses a damaged file', async () => {
    const page = await lab.newPage('?backend=wasm');
    await ready(page);
    await page.getByTestId('step-runs').click();
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('Runs and storage');
    await expect.poll(() => runRow(page, 'training/probe-pg').count()).toBe(1);
    expect(await runRow(page, 'training/probe-pg').textContent()).toContain(`${PAYLOAD} probe`);
    expect(await runRow(page, 'training/probe-pg').getByTestId('run-status').textContent()).toBe('done');
    expect(await runRow(page, 'training/probe-pg').getByTestId('run-checkpoint').textContent()).toMatch(/^probe-pg · [\d.]+ KiB$/);
    expect(await runRow(page, 'training/probe-pg').getByTestId('run-size').textContent()).toMatch(/^[\d.]+ KiB/);
    expect(await checkpointRow(page, 'probe-pg').getByTestId('stored-checkpoint-size').textContent()).toMatch(/^[\d.]+ KiB$/);
    expect(await page.locator(`[data-testid="stored-dataset"][data-id="${datasetId}"]`).count()).toBe(1);
    expect(await page.getByTestId('storage-used').textContent()).toMatch(/B$/);
    expect(await page.getByTestId('storage-available').textContent()).toMatch(/B$/);
    await expect.poll(() => page.getByTestId('step-runs-status').textContent()).toMatch(/\d+ runs?, [\d.]+ (KiB|MiB) stored/);
    expect(await injectedElements(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/runs.png`, fullPage: true });

    const record = await page.evaluate(() => window.lab.engine.trainingRun('probe-pg'));
    const pairs = [{ query: 'pet insurance for an old dog', item: 'Pet cover' }];
    const scores = await page.evaluate((p) => window.lab.engine.scorePairs('probe-pg', p), pairs);

    const download = page.waitForEvent('download');
    await runRow(page, 'training/probe-pg').getByTestId('run-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('training-probe-pg.labrun');
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('RLAB-RUN');
    await expect.poll(() => page.getByTestId('runs-message').textContent()).toContain('Exported run "training/probe-pg" with 1 checkpoint');

    await runRow(page, 'training/probe-pg').getByTestId('run-delete').click();
    expect(await runRow(page, 'training/probe-pg').textContent()).toContain('Deletes the run record and 1 checkpoint');
    await runRow(page, 'training/probe-pg').getByTestId('run-delete-confirm').click();
    await expect.poll(() => runRow(page, 'training/probe-pg').count()).toBe(0);
    expect(await checkpointRow(page, 'probe-pg').count()).toBe(0);
    expect((await page.evaluate(() => window.lab.engine.listModelCheckpoints())).map((entry) => entry.id)).not.toContain('probe-pg');

    await page.getByTestId('run-import').setInputFiles({ name: 'training-probe-pg.labrun', mimeType: 'application/octet-stream', buffer: bytes });
    await expect.poll(() => page.getByTestId('runs-message').textContent()).toContain('Imported run "training/probe-pg" from training-probe-pg.labrun with 1 checkpoint');
    await expect.poll(() => runRow(page, 'training/probe-pg').count()).toBe(1);
    expect(await checkpointRow(page, 'probe-pg').count()).toBe(1);
    expect(await page.evaluate(() => window.lab.engine.trainingRun('probe-pg'))).toEqual(record);
    expect(await page.evaluate((p) => window.lab.engine.scorePairs('probe-pg', p), pairs)).toEqual(scores);
    expect((await page.evaluate(() => window.lab.engine.listModelCheckpoints())).find((entry) => entry.id === 'probe-pg')).toMatchObject({ stage: 'probe', state: 'finished' });

    // Damaged copies are refused by name, and the store is exactly as it was.
    const before = await stored(page);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100] ^= 0x20;
    const damaged: [string, Buffer, RegExp, string][] = [
      ['broken.labrun', flipped, /checkpoint 1 \("probe-pg"\) does not match its CRC-32: the file is damaged/, 'InvalidRunFileError'],
      ['cut.labrun', bytes.subarray(0, bytes.length - 1000), /cut short/, 'InvalidRunFileError'],
      ['again.labrun', bytes, /run "training\/probe-pg", checkpoint "probe-pg" are already stored/, 'RunImportConflictError'],
    ];
    for (const [name, buffer, message, errorName] of damaged) {
      await page.getByTestId('run-import').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
      await expect.poll(() => page.getByTestId('runs-error').textContent()).toContain(name);
      const text = await page.getByTestId('runs-error').textContent();
      expect(text).toMatch(message);
      expect(text).toMatch(new RegExp(`^${errorName}: `));
      expect(text).toContain('Nothing was stored.');
      expect(await stored(page)).toEqual(before);
      if (name === 'broken.labrun') await page.screenshot({ path: `${SHOTS}/runs-import-refused.png`, fullPage: true });
    }
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.close();
  });
});

describe('status panel', () => {
  it('shows the backend and why, memory in use, and warns about the software fallback adapter', async () => {
    const page = await lab.newPage('?backend=wasm');
    await ready(page);
    expect((await page.getByTestId('status-reason').textContent())!.length).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('status-memory').textContent()).toMatch(/[\d.]+ (B|KiB|MiB) in \d+ tensors/);
    expect(await page.getByTestId('status-heap').textContent()).toMatch(/[\d.]+ (KiB|MiB) of [\d.]+ (MiB|GiB)/);
    expect(await page.getByTestId('status-agent-memory').count()).toBe(1);
    await page.locator('lab-status-panel').screenshot({ path: `${SHOTS}/status-wasm.png` });
    const adapter = await page.getByTestId('status-adapter').textContent();
    if (adapter?.includes('(software)')) {
      expect(await page.getByTestId('status-warning').allTextContents()).toContainEqual(expect.stringContaining('software fallback'));
      const gpuPage = await lab.newPage('?backend=webgpu');
      await expect.poll(() => gpuPage.getByTestId('status-backend').textContent(), { timeout: 60_000 }).toBe('webgpu');
      expect(await gpuPage.getByTestId('status-warning').allTextContents()).toContainEqual(expect.stringContaining('WebGPU is running on a software fallback adapter'));
      await gpuPage.locator('lab-status-panel').screenshot({ path: `${SHOTS}/status-software-fallback.png` });
      await gpuPage.close();
    }
    await page.close();
  });

  it('logged no errors and requested nothing from other origins', () => {
    expect(lab.errors).toEqual([]);
    const origin = new URL(lab.baseURL).origin;
    expect(lab.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  });
});
