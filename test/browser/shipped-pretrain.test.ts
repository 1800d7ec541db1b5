// The Pretrain stage with "Use the shipped model" (the page's default), in Chromium with the nano
// preset: the engine worker fetches models/nano from the page's own origin, the stage is done at
// once, the screen says which model and how it was made, and another dataset reuses the stored
// stage. "Pretrain here" still trains on the dataset. Offline after the first load, the service
// worker serves the model from its cache. Screenshots go to test-artifacts/shipped-pretrain/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-artifacts/shipped-pretrain';
const SIZES = { train: 64, val: 24, test_id: 24, test_ood: 24, pool: 48 };
const SETTINGS = `model.preset=nano&data.seed=7&${Object.entries(SIZES).map(([split, n]) => `data.${split}=${n}`).join('&')}`;
const WAIT = { timeout: 90_000 };

let lab: LabBrowser;

async function open(page: Page, stage: string, title: string): Promise<void> {
  await page.getByTestId(`step-${stage}`).click();
  await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe(title);
}

async function stageDone(page: Page): Promise<void> {
  const status = page.locator('lab-pipeline-card [data-testid="pipeline-stage-status"]').first();
  await expect.poll(async () => `${await status.getAttribute('data-state')}/${await status.getAttribute('data-current')}`, WAIT).toBe('done/true');
}

interface StageLookup {
  status: { stages: { stage: string; status: string; key: string; summary: string }[] };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

describe('the Pretrain stage with the shipped model', () => {
  it('completes at once from the shipped nano model, says how it was made, and is reused for another dataset', async () => {
    const page = await lab.newPage(`?backend=wasm#stage=data&${SETTINGS}`);
    await expect.poll(() => page.getByTestId('status-backend').textContent(), WAIT).toBe('wasm');
    await page.getByRole('button', { name: 'Generate dataset' }).click();
    await expect.poll(() => page.getByTestId('dataset-item').count(), WAIT).toBe(1);

    await open(page, 'pretrain', 'Pretrain');
    const note = page.getByTestId('shipped-model-note').first();
    await expect.poll(() => note.textContent(), WAIT).toContain('made by `npm run darl -- pretrain-shipped --preset nano --out public/models/nano');
    expect(await note.textContent()).toMatch(/pretrained [\d,]+ steps with seed 1 .* held-out LM loss \d\.\d{3} nats\/token against a unigram entropy of \d\.\d{3}/);

    const started = performance.now();
    await page.locator('lab-pipeline-card [data-testid="pipeline-job-run"]').click();
    await stageDone(page);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(15);
    expect(await page.locator('lab-pipeline-card').getByTestId('pipeline-effective').textContent()).toContain('the shipped nano model and its tokenizer');
    expect(await page.locator('lab-pipeline-card [data-testid="pipeline-stage-status"]').first().textContent()).toMatch(/Done for these settings: the shipped nano model \([\d,]+ steps, held-out LM loss \d\.\d{3}\)/);
    await page.screenshot({ path: `${SHOTS}/1-shipped.png`, fullPage: true });

    // Another dataset, another seed: the same stored stage (keyed by the files), nothing fetched or computed again.
    const origin = new URL(lab.baseURL).origin;
    const weightsFetches = () => lab.requests.filter((url) => url === `${origin}/models/nano/model.safetensors`).length;
    const fetchedBefore = weightsFetches();
    const [first, second] = (await page.evaluate(async (sizes) => {
      const engine = window.lab.engine as {
        generateDataset(config: unknown): Promise<{ info: { id: string } }>;
        pipelineResults(request: unknown): Promise<unknown>;
        runPipelineStage(request: unknown, stage: string): Promise<unknown>;
      };
      const datasetId = localStorage.getItem('relevance-lab.dataset')!;
      const other = (await engine.generateDataset({ seed: 8, sizes })).info.id;
      return [await engine.pipelineResults({ datasetId, preset: 'nano', seed: 1 }), await engine.runPipelineStage({ datasetId: other, preset: 'nano', seed: 2 }, 'pretrain')];
    }, SIZES)) as StageLookup[];
    expect(second.status.stages).toEqual([expect.objectContaining({ stage: 'pretrain', status: 'stored', key: first.status.stages[0].key })]);
    expect(weightsFetches()).toBe(fetchedBefore);
    expect(lab.requests.filter((url) => url.includes('/models/') && !url.startsWith(`${origin}/models/`))).toEqual([]);

    // "Pretrain here" trains on the dataset as before.
    await page.locator('lab-training-screen').getByTestId('setting-pretrain.source').selectOption('here');
    await expect.poll(() => page.getByTestId('shipped-model-note').count()).toBe(0);
    await expect.poll(() => page.locator('lab-pipeline-card').getByTestId('pipeline-effective').textContent()).toContain('nano model, 40 steps');
    expect(lab.errors).toEqual([]);
  }, 180_000);

  it('works offline after the first load: the service worker has cached the shipped model', async () => {
    const offline = await launchLab();
    try {
      const page = await offline.newPage(`?backend=wasm#stage=data&${SETTINGS}`);
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), WAIT).toBe('activated');
      await offline.context.setOffline(true);
      try {
        await page.reload();
        await expect.poll(() => page.getByTestId('status-backend').textContent(), WAIT).toBe('wasm');
        await page.getByRole('button', { name: 'Generate dataset' }).click();
        await expect.poll(() => page.getByTestId('dataset-item').count(), WAIT).toBe(1);
        await open(page, 'pretrain', 'Pretrain');
        await expect.poll(() => page.getByTestId('shipped-model-note').first().textContent(), WAIT).toContain('pretrain-shipped --preset nano');
        await page.locator('lab-pipeline-card [data-testid="pipeline-job-run"]').click();
        await stageDone(page);
        expect(await page.locator('lab-pipeline-card [data-testid="pipeline-stage-status"]').first().textContent()).toContain('the shipped nano model');
      } finally {
        await offline.context.setOffline(false);
      }
    } finally {
      await offline.close();
    }
  }, 180_000);
});
