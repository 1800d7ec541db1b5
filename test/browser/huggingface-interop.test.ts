// Hugging Face GPT-2 folders in the page: a trained nano model exported as a .zip from the
// checkpoint panel, imported into a fresh profile through the panel, scores the same pairs the same.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nanoPretrainRequest } from './nano-pretrain-request';
import { launchLab, type LabBrowser } from './launch';

const TINY = { seed: 12, sizes: { train: 48, val: 12, test_id: 6, test_ood: 6, pool: 12 } };
const PAIRS = [
  { query: 'life cover for a 30 year old', item: 'Term life plan' },
  { query: 'dog insurance', item: ['Pet cover', 'dogs and cats'] },
  { query: 'café 保险 👍', item: 'Travel cover abroad' },
];

function clean(lab: LabBrowser): void {
  expect(lab.errors).toEqual([]);
  const origin = new URL(lab.baseURL).origin;
  expect(lab.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
}

describe('Hugging Face export and import in the page', () => {
  it('exports a trained nano model as a .zip and a fresh profile imports it with the same predictions', async () => {
    const from = await launchLab();
    let zipPath: string;
    let before: { probs: number[] }[];
    try {
      const page = await from.newPage('?backend=wasm');
      await page.evaluate(() => window.lab.ready);
      const datasetId = await page.evaluate((config) => window.lab.engine.generateDataset(config).then((summary) => summary.info.id), TINY);
      const tokenizerId = await page.evaluate((id) => window.lab.engine.trainTokenizer(id, { vocabSize: 512 }).then((summary) => summary.id), datasetId);
      await page.evaluate((request) => window.lab.engine.trainModel(request), nanoPretrainRequest({ datasetId, tokenizerId }, 'pre'));
      await page.evaluate(
        (id) => window.lab.engine.trainModel({ stage: 'probe', datasetId: id, init: { from: 'checkpoint', checkpointId: 'pre' }, epochs: 1, batchSize: 8, checkpointId: 'probed', evaluate: false }),
        datasetId,
      );
      before = await page.evaluate((pairs) => window.lab.engine.scorePairs('probed', pairs), PAIRS);
      await page.goto(new URL('?backend=wasm#stage=pretrain', from.baseURL).toString());
      const row = page.locator('[data-testid="checkpoint-item"][data-id="probed"]');
      const download = page.waitForEvent('download');
      await row.getByTestId('checkpoint-export-hf').click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/-hf\.zip$/);
      zipPath = join(mkdtempSync(join(tmpdir(), 'hf-zip-')), file.suggestedFilename());
      await file.saveAs(zipPath);
      await expect.poll(() => page.getByTestId('checkpoint-message').textContent()).toMatch(/for Hugging Face as .*-hf\.zip/);
      const to = await launchLab();
      try {
        const fresh = await to.newPage('?backend=wasm#stage=pretrain');
        await fresh.evaluate(() => window.lab.ready);
        expect(await fresh.evaluate(() => window.lab.engine.listModelCheckpoints().then((list) => list.length))).toBe(0);
        await fresh.getByTestId('checkpoint-import-hf').setInputFiles(zipPath);
        await expect.poll(() => fresh.getByTestId('checkpoint-message').textContent(), { timeout: 30_000 }).toMatch(/^Imported .*-hf\.zip as ".*" \(hf-.*\)\.$/);
        const imported = await fresh.evaluate(() => window.lab.engine.listModelCheckpoints().then((list) => list[0]));
        expect(imported).toMatchObject({ preset: 'nano', state: 'finished' });
        expect(await fresh.locator(`[data-testid="checkpoint-item"][data-id="${imported.id}"]`).count()).toBe(1);
        const after = await fresh.evaluate(([id, pairs]) => window.lab.engine.scorePairs(id as string, pairs as never), [imported.id, PAIRS] as const);
        after.forEach((score, i) => score.probs.forEach((p, k) => expect(Math.abs(p - before[i].probs[k])).toBeLessThan(1e-6)));

        // A folder that is not a GPT-2 is refused by name, and nothing is stored.
        await fresh.getByTestId('checkpoint-import-hf').setInputFiles({ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from('{"model_type": "llama"}') });
        await expect.poll(() => fresh.getByTestId('checkpoint-error').textContent()).toMatch(/HuggingFaceImportError: .*config\.json: model_type is "llama"/);
        expect(await fresh.evaluate(() => window.lab.engine.listModelCheckpoints().then((list) => list.length))).toBe(1);
        clean(to);
      } finally {
        await to.close();
      }
      clean(from);
    } finally {
      await from.close();
    }
  });
});
