// The Data screen in Chromium: generate tiny data through the form (keyboard and clicks), see its
// statistics, chart and examples, find it again after a reload; settings travel in the link; imported
// files show their errors in place; markup in data is shown as text and never runs.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-results/screenshots';
let lab: LabBrowser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

async function engineReady(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('status-backend').textContent(), { timeout: 60_000 }).toBe('wasm');
}

async function typeSetting(page: Page, key: string, value: string): Promise<void> {
  const input = page.getByTestId(`setting-${key}`);
  await input.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Tab');
}

const PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">';
const PAYLOAD_SCRIPT = '<script>window.__pwned=1</script>';

describe('data screen', () => {
  it('generates tiny data from the form, shows stats, chart and examples, and keeps it after a reload', async () => {
    const page = await lab.newPage();
    await engineReady(page);
    expect(await page.getByTestId('stage-title').textContent()).toBe('Data');
    expect(await page.getByTestId('method-note').textContent()).toContain('reconstructed from the abstract; exact formulas of the paper are not public in our sources');
    expect(await page.getByTestId('no-datasets').isVisible()).toBe(true);

    await typeSetting(page, 'data.seed', '7');
    for (const [split, size] of [['train', '60'], ['val', '15'], ['test_id', '15'], ['test_ood', '30'], ['pool', '30']]) await typeSetting(page, `data.${split}`, size);
    await page.getByTestId('setting-data.unseen_brand').uncheck();
    // The form's values are in the address, ready to be shared.
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#data.seed=7&data.train=60&data.val=15&data.test_id=15&data.test_ood=30&data.pool=30&data.unseen_brand=0');

    await page.getByTestId('job-run').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('explore').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('step-data').getAttribute('data-state')).toBe('done');
    expect(await page.getByTestId('step-data-status').textContent()).toContain('150 examples');

    const stats = page.getByTestId('split-stats');
    expect(await stats.locator('tbody tr').count()).toBe(5);
    expect(await stats.locator('tbody tr').first().textContent()).toMatch(/^Train\s*60/);
    expect(await page.getByTestId('grade-chart').isVisible()).toBe(true);
    const chartPixels = await page.getByTestId('grade-chart').evaluate((canvas: HTMLCanvasElement) => canvas.width * canvas.height);
    expect(chartPixels).toBeGreaterThan(0);

    const rows = page.getByTestId('browse-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(25);
    expect(await page.getByTestId('browse-count').textContent()).toBe('1–25 of 60 matching (60 in the split)');
    await page.getByTestId('browse-next').click();
    await expect.poll(() => page.getByTestId('browse-count').textContent()).toBe('26–50 of 60 matching (60 in the split)');
    await page.getByTestId('browse-grade').selectOption('2');
    await expect.poll(() => page.getByTestId('browse-count').textContent()).toMatch(/^1–\d+ of \d+ matching \(60 in the split\)$/);
    const grades = await page.getByTestId('browse-table').locator('tbody td:nth-child(4)').allTextContents();
    expect(grades.length).toBeGreaterThan(0);
    expect(grades.every((text) => text.trim() === '2 strong')).toBe(true);
    await page.getByTestId('browse-split').selectOption('test_ood');
    await page.getByTestId('browse-tag').selectOption('conversational');
    await expect.poll(async () => (await page.getByTestId('browse-table').locator('tbody td:nth-child(5)').allTextContents()).every((text) => text.includes('conversational'))).toBe(true);
    expect(await page.getByTestId('browse-tag').locator('option').allTextContents()).not.toContain('unseen_brand');
    await page.screenshot({ path: `${SHOTS}/data-generated.png`, fullPage: true });

    await page.reload();
    await engineReady(page);
    await expect.poll(() => page.getByTestId('dataset-item').count()).toBe(1);
    expect(await page.getByTestId('dataset-item').textContent()).toContain('seed 7');
    await page.getByTestId('explore').waitFor();
    await expect.poll(() => page.getByTestId('step-data').getAttribute('data-state')).toBe('done');
    // The settings came back from the address too.
    expect(await page.getByTestId('setting-data.train').inputValue()).toBe('60');
    await page.close();
  });

  it('pauses, resumes and cancels a generation from the page, keeping nothing', async () => {
    // 212,000 examples: long enough that the pause lands while it runs, even on a loaded machine.
    const page = await lab.newPage('#data.train=100000&data.pool=100000');
    await engineReady(page);
    await expect.poll(() => page.getByTestId('dataset-item').count()).toBe(1);
    await page.getByTestId('job-run').first().click();
    await page.getByTestId('job-pause').first().click();
    // The pause takes effect at the next step boundary, after the (synchronous) generation itself.
    await expect.poll(() => page.getByTestId('step-data').getAttribute('data-state'), { timeout: 120_000 }).toBe('paused');
    expect(await page.evaluate(() => window.lab.engine.jobStatus())).toEqual({ state: 'paused', job: 'generate dataset' });
    await page.getByTestId('job-resume').first().click();
    await page.getByTestId('job-cancel').first().click();
    await page.getByText('Cancelled: nothing was kept.').waitFor();
    expect(await page.evaluate(() => window.lab.engine.jobStatus())).toEqual({ state: 'idle', job: null });
    expect(await page.getByTestId('dataset-item').count()).toBe(1);
    expect(await page.evaluate(() => window.lab.engine.listDatasets().then((list) => list.length))).toBe(1);
    await page.close();
  });

  it('restores the knobs from a shared link and names the invalid ones', async () => {
    const page = await lab.newPage('#data.seed=42&data.pool=12&data.conversational=0&data.oodMix=0.5&data.train=lots&data.colour=red');
    expect(await page.getByTestId('setting-data.seed').inputValue()).toBe('42');
    expect(await page.getByTestId('setting-data.pool').inputValue()).toBe('12');
    expect(await page.getByTestId('setting-data.oodMix').inputValue()).toBe('0.5');
    expect(await page.getByTestId('setting-data.conversational').isChecked()).toBe(false);
    expect(await page.getByTestId('setting-data.conversational.strength').isDisabled()).toBe(true);
    expect(await page.getByTestId('setting-data.train').inputValue()).toBe('6000');
    const problems = await page.getByTestId('link-problems').textContent();
    expect(problems).toContain('data.train="lots": Train must be a whole number from 0 to 100000; the default 6000 is kept.');
    expect(problems).toContain('"data.colour" is not a setting of this lab');

    // A stage in the link opens that stage; the stepper and [ ] move between stages.
    await page.goto(new URL('#stage=dasa&dasa.budget=50', lab.baseURL).toString());
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('DASA');
    expect(await page.getByTestId('setting-dasa.budget').inputValue()).toBe('50');
    expect(await page.getByTestId('pipeline-job-run').textContent()).toBe('Run DASA and grade with the oracle');
    await page.getByTestId('stage-title').click();
    await page.keyboard.press(']');
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('Fine-tune (FT)');
    await page.close();
  });

  it('shows every screen, at 1280x720 and on a narrow screen', async () => {
    const page = await lab.newPage();
    await engineReady(page);
    for (const stage of ['data', 'model', 'pretrain', 'probe', 'dasa', 'finetune', 'interpolate', 'evaluate', 'playground']) {
      await page.getByTestId(`step-${stage}`).click();
      await expect.poll(() => page.evaluate(() => document.querySelector('relevance-lab')!.state.stage)).toBe(stage);
      await page.screenshot({ path: `${SHOTS}/${stage}.png` });
    }
    // Keyboard through the stepper: Home, then ArrowDown, Enter.
    await page.getByTestId('step-playground').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('stage-title').textContent()).toBe('Model');

    await page.setViewportSize({ width: 400, height: 800 });
    await page.getByTestId('step-data').click();
    await page.getByTestId('explore').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/data-narrow.png`, fullPage: true });
    await page.close();
  });

  it('imports a file through the form, and shows an importer error in place with file, line and column', async () => {
    const page = await lab.newPage();
    await engineReady(page);
    await page.getByTestId('tab-import').click();
    const bad = 'query,title,label\nq1,t1,2\nq2,t2,maybe\n';
    await page.getByTestId('import-files').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await expect.poll(() => page.getByTestId('import-preview').count()).toBe(1);
    expect(await page.getByTestId('map-query').inputValue()).toBe('query');
    expect(await page.getByTestId('map-label').inputValue()).toBe('label');
    await page.getByTestId('job-run').last().click();
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error-file').textContent()).toBe('bad.csv');
    expect(await page.getByTestId('import-error-line').textContent()).toBe('3');
    expect((await page.getByTestId('import-error-column').textContent())?.trim()).toBe('3 (label)');
    expect(await page.getByTestId('import-error-problem').textContent()).toContain('maybe');
    await page.screenshot({ path: `${SHOTS}/data-import-error.png`, fullPage: true });

    const rows = ['query,title,label'];
    for (let q = 0; q < 10; q++) for (let g = 0; g < 3; g++) rows.push(`"${q === 0 ? PAYLOAD_SCRIPT.replaceAll('"', '""') : `find ${q}`}","${PAYLOAD_IMG.replaceAll('"', '""')} item ${q}-${g}",${g}`);
    await page.getByTestId('import-files').setInputFiles({ name: 'payloads.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await expect.poll(() => page.getByTestId('import-preview').textContent()).toContain('payloads.csv');
    expect(await page.getByTestId('import-preview').textContent()).toContain(PAYLOAD_IMG);
    await page.getByTestId('import-name').fill('Payload import');
    await page.getByTestId('import-name').press('Tab');
    await page.getByTestId('job-run').last().click();
    await page.getByTestId('import-result').waitFor();
    await expect.poll(() => page.getByTestId('dataset-item').allTextContents()).toContainEqual(expect.stringContaining('Payload import'));
    await expect.poll(() => page.getByTestId('browse-table').textContent()).toContain(PAYLOAD_IMG);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('shows stored script and markup payloads as text without running them', async () => {
    const page = await lab.newPage();
    await engineReady(page);
    await page.waitForFunction(() => window.lab.storage !== undefined);
    await page.evaluate(async ({ img, script }) => {
      const examples = Array.from({ length: 3 }, (_, grade) => ({
        id: `train-${grade}`,
        query: `${script} query ${grade}`,
        item: { title: `${img} title ${grade}`, fields: { brand: `<b onmouseover=window.__pwned=1>bold</b>`, note: '<svg onload=window.__pwned=1>' } },
        grade,
        split: 'train',
        tags: ['<i>tag</i>'],
      }));
      const info = {
        id: 'payloads',
        name: `${img} dataset`,
        source: { kind: 'imported', files: [`${script}.csv`], preset: 'csv', options: {} },
        labelNames: ['<u>irrelevant</u>', 'weak', 'strong'],
        splits: { train: { count: 3, grades: [1, 1, 1], queries: 3, meanQueryChars: 40 } },
        createdAt: new Date().toISOString(),
      };
      await (window.lab.storage as { saveDataset: (i: unknown, e: unknown) => Promise<unknown> }).saveDataset(info, { train: examples });
    }, { img: PAYLOAD_IMG, script: PAYLOAD_SCRIPT });
    await page.reload();
    await engineReady(page);
    await page.locator('[data-testid="dataset-item"][data-id="payloads"]').getByTestId('dataset-use').click();
    await expect.poll(() => page.getByTestId('browse-table').textContent()).toContain(`${PAYLOAD_SCRIPT} query 0`);
    const table = await page.getByTestId('browse-table').textContent();
    expect(table).toContain(`${PAYLOAD_IMG} title 0`);
    expect(table).toContain('<b onmouseover=window.__pwned=1>bold</b>');
    expect(table).toContain('<i>tag</i>');
    expect(await page.getByTestId('split-stats').textContent()).toContain('<u>irrelevant</u>');
    expect(await page.getByTestId('dataset-list').textContent()).toContain(`${PAYLOAD_IMG} dataset`);
    // No element was made from the data: no img, script, svg, b or u anywhere in the shadow trees.
    const injected = await page.evaluate(() => {
      const found: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const element of root.querySelectorAll('*')) {
          if (['IMG', 'SVG', 'B', 'U', 'I'].includes(element.tagName.toUpperCase()) || (element.tagName === 'SCRIPT' && !element.hasAttribute('src') && element.textContent?.includes('__pwned'))) found.push(element.tagName);
          if (element.shadowRoot) walk(element.shadowRoot);
        }
      };
      walk(document);
      return found;
    });
    expect(injected).toEqual([]);
    await page.getByTestId('browse-table').locator('tbody tr').first().hover();
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.screenshot({ path: `${SHOTS}/data-payloads.png`, fullPage: true });

    await page.locator('[data-testid="dataset-item"][data-id="payloads"]').getByTestId('dataset-delete').click();
    await page.getByTestId('dataset-delete-confirm').click();
    await expect.poll(() => page.locator('[data-testid="dataset-item"][data-id="payloads"]').count()).toBe(0);
    await page.close();
  });

  it('logged no errors and requested nothing from other origins', () => {
    expect(lab.errors).toEqual([]);
    const origin = new URL(lab.baseURL).origin;
    expect(lab.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  });
});
