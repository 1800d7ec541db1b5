// The DASA, Interpolate and Evaluate views on the built page, before the engine pipeline feeds them:
// each is mounted with fixed synthetic inputs of the engine's result shapes (metrics computed here by
// the real core functions), its numbers are checked, the histogram threshold and the annotation view
// are driven from the keyboard, markup in sample text stays text, and each view is photographed.
// The views are bundled for this test only (vite's build API, in memory) and served to the page through
// a Playwright route, so the shipped app carries no fixture code.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelectionResult } from '../../src/core/dasa/types';
import type { Example, Grade } from '../../src/core/data/schema';
import { calibration, evaluateSplit, oodDetectionMetrics, type GradeProbabilities, type SplitExample } from '../../src/core/metrics';
import { projectSets2d } from '../../src/core/projection/pca';
import { createRng } from '../../src/core/random';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-results/screenshots';
const FIXTURE_URL = '/__test__/lab-components.js';
const BLANK_URL = '/__test__/blank.html';
const PAYLOAD_IMG = '<img src=x onerror="window.__pwned=1">';
const PAYLOAD_SCRIPT = '<script>window.__pwned=1</script>';

let lab: LabBrowser;
let page: Page;

/** The DASA and Evaluate views as one ES module, built in memory from src/ui/{dasa,evaluate}/index.ts. */
async function bundleViews(): Promise<string> {
  const entry = 'lab-views-fixture';
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    plugins: [{
      name: 'lab-views-fixture',
      resolveId: (id) => (id === entry ? `\0${entry}` : null),
      load: (id) => (id === `\0${entry}` ? ['src/ui/dasa/index.ts', 'src/ui/evaluate/index.ts'].map((file) => `import ${JSON.stringify(resolve(file))};`).join('\n') : null),
    }],
    build: { write: false, target: 'es2022', minify: false, rolldownOptions: { input: entry, output: { format: 'es', entryFileNames: 'lab-components.js' } } },
  })) as Rolldown.RolldownOutput;
  const chunks = output.output.filter((item) => item.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.map((chunk) => chunk.fileName).join(', ')}`);
  return chunks[0].code;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const code = await bundleViews();
  lab = await launchLab();
  await lab.context.route(`**${FIXTURE_URL}`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: code }));
  // A blank page of the lab's origin: the app itself now defines these elements, and a second
  // definition of the same tag name would throw.
  await lab.context.route(`**${BLANK_URL}`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>views</title></head><body></body></html>' }));
  page = await lab.newPage(BLANK_URL);
  // A same-origin module script, as the page's content security policy requires.
  await page.addScriptTag({ url: FIXTURE_URL, type: 'module' });
  await page.waitForFunction(() => customElements.get('lab-ood-detection-table') !== undefined);
  await page.evaluate(() => {
    const area = document.createElement('div');
    area.id = 'fixtures';
    document.body.append(area);
  });
});

afterAll(async () => {
  await lab?.close();
});

/** Mounts `tag` in its own white frame; `props` are assigned as element properties. */
async function mount(name: string, tag: string, props: Record<string, unknown>): Promise<Locator> {
  await page.evaluate(({ name, tag, props }) => {
    const frame = document.createElement('div');
    frame.id = `fixture-${name}`;
    frame.style.cssText = 'width: 900px; padding: 16px; margin: 16px; background: #fff; border: 1px solid #d6dae2; font-family: system-ui, sans-serif; color: #1b2230;';
    const element = document.createElement(tag);
    Object.assign(element, props);
    frame.append(element);
    document.getElementById('fixtures')!.append(frame);
  }, { name, tag, props });
  return page.locator(`#fixture-${name}`);
}

async function shoot(frame: Locator, name: string): Promise<void> {
  await frame.scrollIntoViewIfNeeded();
  await frame.screenshot({ path: `${SHOTS}/components-${name}.png` });
}

/** Canvas pixels within a small distance of a #rrggbb colour: proof that Chart.js drew that series. */
async function pixelsNear(canvas: Locator, hex: string): Promise<number> {
  return canvas.evaluate((element: HTMLCanvasElement, colour) => {
    const target = [1, 3, 5].map((at) => Number.parseInt(colour.slice(at, at + 2), 16));
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]) < 90) count += 1;
    }
    return count;
  }, hex);
}

/** Every element in the page's shadow trees whose tag could only have come from markup in data. */
async function injectedElements(): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        const tag = element.tagName.toUpperCase();
        if (['IMG', 'B', 'SVG'].includes(tag) || (tag === 'SCRIPT' && element.textContent?.includes('__pwned'))) found.push(tag);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return found;
  });
}

// Scores on a grid far from every threshold the test sets, so the expected counts are exact.
const VAL_MAHALANOBIS = Array.from({ length: 20 }, (_, i) => 1 + i / 10); // 1.0 .. 2.9
const POOL_MAHALANOBIS = Array.from({ length: 40 }, (_, i) => 1.05 + i / 10); // 1.05 .. 4.95
const VAL_KNN = Array.from({ length: 20 }, (_, i) => 0.2 + i / 100);
const POOL_KNN = Array.from({ length: 40 }, (_, i) => 0.25 + i / 50);
const above = (values: number[], threshold: number) => values.filter((value) => value > threshold).length;

function sample(id: string, query: string, title: string, tags: string[] = []): Pick<Example, 'id' | 'query' | 'item' | 'tags'> {
  return { id, query, item: { title, fields: { brand: 'Acme', term: '1 year' } }, tags };
}

describe('DASA views', () => {
  it('histogram: shows the pool samples above the threshold and moves it with the keyboard and the pointer', async () => {
    const frame = await mount('histogram', 'lab-ood-histogram', {
      scores: { mahalanobis: { val: VAL_MAHALANOBIS, pool: POOL_MAHALANOBIS }, knn: { val: VAL_KNN, pool: POOL_KNN } },
      thresholds: { mahalanobis: 2.805, knn: 0.385 },
    });
    await frame.locator('lab-ood-histogram').evaluate((element) => {
      const log: unknown[] = [];
      (window as unknown as { thresholdLog: unknown[] }).thresholdLog = log;
      element.addEventListener('threshold-change', (event) => log.push((event as CustomEvent).detail));
    });
    const readout = frame.getByTestId('histogram-readout');
    // 1.05 + i/10 > 2.805 for i = 18..39: 22 of 40 pass; ID val 1.0 .. 2.8 stays below: 19 of 20.
    await expect.poll(() => frame.getByTestId('histogram-pool-above').textContent()).toBe('22');
    expect(await frame.getByTestId('histogram-id-kept').textContent()).toBe('95.0%');
    expect(await readout.textContent()).toContain('of 40 pool samples');
    expect(await pixelsNear(frame.getByTestId('histogram-chart'), '#2456c8')).toBeGreaterThan(50);

    // Range 1.0 .. 4.95, so a key step is 0.02: three steps right snap 2.805 to 2.82, 2.84, 2.86.
    const handle = frame.getByTestId('histogram-threshold');
    await handle.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => frame.getByTestId('histogram-threshold-value').textContent()).toBe('2.86');
    expect(await frame.getByTestId('histogram-pool-above').textContent()).toBe(String(above(POOL_MAHALANOBIS, 2.86)));
    expect(await handle.getAttribute('aria-valuenow')).toBe('2.86');
    await page.keyboard.press('PageUp'); // + 10 steps
    await expect.poll(() => frame.getByTestId('histogram-threshold-value').textContent()).toBe('3.06');
    expect(await frame.getByTestId('histogram-pool-above').textContent()).toBe('19');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await expect.poll(() => frame.getByTestId('histogram-pool-above').textContent()).toBe('40');
    const log = await page.evaluate(() => (window as unknown as { thresholdLog: { detector: string; threshold: number; poolAbove: number; poolTotal: number; idValKept: number }[] }).thresholdLog);
    expect(log.map((entry) => entry.threshold)).toEqual([2.82, 2.84, 2.86, 3.06, 3.04, 1]);
    expect(log[2]).toEqual({ detector: 'mahalanobis', threshold: 2.86, poolAbove: 21, poolTotal: 40, idValKept: 19, idValTotal: 20 });
    expect(log[5].poolAbove).toBe(40);

    // Drag the line to the right with the pointer: the threshold follows and the count agrees with it.
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    const dragged = (await page.evaluate(() => (window as unknown as { thresholdLog: { threshold: number; poolAbove: number }[] }).thresholdLog)).at(-1)!;
    expect(dragged.threshold).toBeGreaterThan(1.4);
    expect(dragged.poolAbove).toBe(above(POOL_MAHALANOBIS, dragged.threshold));
    expect(await frame.getByTestId('histogram-pool-above').textContent()).toBe(String(dragged.poolAbove));

    // The other detector keeps its own threshold.
    await frame.getByTestId('histogram-detector-knn').click();
    await expect.poll(() => frame.getByTestId('histogram-threshold-value').textContent()).toBe('0.385');
    expect(await frame.getByTestId('histogram-pool-above').textContent()).toBe(String(above(POOL_KNN, 0.385)));
    await frame.getByTestId('histogram-detector-mahalanobis').click();
    await shoot(frame, 'ood-histogram');
  });

  it('scatter: draws ID, pool and selected points from the PCA of the features', async () => {
    const rng = createRng(4);
    const features = (rows: number, shift: number) => {
      const data = new Float32Array(rows * 6);
      for (let i = 0; i < data.length; i++) data[i] = rng.normal() + (i % 6 === 0 ? shift : 0);
      return { data, rows, cols: 6 };
    };
    const projection = projectSets2d([features(30, 0), features(40, 3)]);
    const poolIds = Array.from({ length: 40 }, (_, i) => `pool-${i}`);
    const frame = await mount('scatter', 'lab-projection-scatter', {
      idPoints: Array.from(projection.points[0]),
      poolPoints: Array.from(projection.points[1]),
      poolIds,
      selected: ['pool-3', 'pool-9', 'pool-17', 'pool-22', 'pool-35'],
      explainedRatio: projection.explainedRatio,
    });
    const summary = await frame.getByTestId('scatter-summary').textContent();
    expect(summary).toContain('30 ID validation points, 40 pool points, 5 selected');
    expect(summary).toContain(`PC1 (${(100 * projection.explainedRatio[0]).toFixed(1)}% of variance)`);
    await expect.poll(() => pixelsNear(frame.getByTestId('scatter-chart'), '#d9480f')).toBeGreaterThan(20);
    await shoot(frame, 'projection-scatter');
  });

  it('selected samples: lists the selection with its scores, and markup in the text stays text', async () => {
    const ids = ['p-7', 'p-2', 'p-11'];
    const record = (id: string, order: number | null, maha: number, knn: number, rank: number) => ({
      id, scores: { mahalanobis: maha, knn }, combined: 1 - rank / 20, rank, aboveThreshold: order !== null,
      aboveDetectorThreshold: { mahalanobis: maha > 3, knn: knn > 0.5 }, selected: order !== null, selectionOrder: order, nearDuplicateOf: null,
    });
    const result: SelectionResult = {
      method: 'dasa',
      selected: ids,
      perSample: [record('p-2', 1, 3.5, 0.42, 2), record('p-7', 0, 4.14159, 0.61, 1), record('p-11', 2, 2.9, 0.55, 3), record('p-1', null, 1.2, 0.2, 9)],
      thresholds: { quantile: 0.95, perDetector: { mahalanobis: 3, knn: 0.5 }, combined: 0.9, idValKept: { mahalanobis: 0.95, knn: 0.95 } },
      stats: { pool: 20, candidates: 4, budget: 3, selected: 3, shortfall: 0, skippedNearDuplicates: 1, oodTagged: { pool: 0.3, candidates: 0.75, selected: 2 / 3 } },
      settings: {},
    };
    const samples = [
      sample('p-7', `${PAYLOAD_IMG} travel cover`, `${PAYLOAD_SCRIPT} Travel plan`, ['<b>unseen_brand</b>']),
      sample('p-2', 'dental cover for kids', 'Smile dental plan', ['conversational']),
      sample('p-11', 'pet insurance cheap', 'Paws basic'),
    ];
    const frame = await mount('selected', 'lab-selected-samples', { result });
    await frame.locator('lab-selected-samples').evaluate((element, samples) => {
      (element as unknown as { samples: Map<string, unknown> }).samples = new Map(samples.map((s) => [s.id, s]));
    }, samples);
    const rows = frame.getByTestId('selected-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // Selection order, not pool order; scores to three decimals, ▲ above the detector's threshold.
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-id')))).toEqual(ids);
    const first = await rows.first().locator('td').allTextContents();
    expect(first[0]).toBe('1');
    expect(first[1]).toBe(`${PAYLOAD_IMG} travel cover`);
    expect(first[2]).toContain(`${PAYLOAD_SCRIPT} Travel plan`);
    expect(first[3]).toBe('4.142 ▲');
    expect(first[4]).toBe('0.610 ▲');
    expect(first[5]).toBe('0.950');
    expect(first[6]).toBe('1');
    expect(first[7]).toBe('<b>unseen_brand</b>');
    expect((await rows.nth(2).locator('td').allTextContents())[3]).toBe('2.900');
    const stats = await frame.getByTestId('selected-stats').textContent();
    expect(stats).toContain('Above threshold: 4');
    expect(stats).toContain('Near-duplicates skipped: 1');
    expect(stats).toContain('OOD-tagged: pool / selected: 30.0% / 66.7%');
    expect(await injectedElements()).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await shoot(frame, 'selected-samples');
  });

  it('annotation: grades three samples from the keyboard, undoes, reveals, and produces the map', async () => {
    const samples = [
      sample('s1', 'travel insurance for seniors', 'Golden years travel plan'),
      sample('s2', `${PAYLOAD_IMG} cheap car cover`, `${PAYLOAD_SCRIPT} Road basic`, ['colloquial_typo']),
      sample('s3', 'whole life for my dad he is 70', 'Whole life plus', ['conversational']),
      sample('s4', 'pet cover', 'Paws premium'),
      sample('s5', 'term life 20 years', 'Term protect 20'),
    ];
    const frame = await mount('annotation', 'lab-annotation-view', { samples });
    await frame.locator('lab-annotation-view').evaluate((element) => {
      const oracle: Record<string, number> = { s1: 2, s2: 0, s3: 1, s4: 1, s5: 2 };
      (element as unknown as { reveal: (id: string) => Promise<number> }).reveal = async (id) => oracle[id];
      const log: unknown[] = [];
      (window as unknown as { annotationLog: unknown[] }).annotationLog = log;
      element.addEventListener('annotation-change', (event) => {
        const detail = (event as CustomEvent).detail;
        log.push({ ...detail, grades: [...detail.grades] });
      });
    });
    await frame.getByTestId('annotation-view').focus();
    // 2 grades s1 and moves on; 0 grades s2; j skips s3; 1 grades s4; u takes it back (to s4);
    // k goes back to s3; 2 grades it.
    for (const key of ['2', '0', 'j', '1', 'u', 'k', '2']) await page.keyboard.press(key);
    await expect.poll(() => frame.getByTestId('annotation-progress').textContent()).toBe('3 of 5 graded');
    const grades = await frame.locator('lab-annotation-view').evaluate((element) => [...(element as unknown as { grades: Map<string, Grade> }).grades]);
    expect(grades).toEqual([['s1', 2], ['s2', 0], ['s3', 2]]);
    const log = await page.evaluate(() => (window as unknown as { annotationLog: { grades: [string, number][]; graded: number; total: number; complete: boolean }[] }).annotationLog);
    expect(log.at(-1)).toEqual({ grades: [['s1', 2], ['s2', 0], ['s3', 2]], graded: 3, total: 5, complete: false });
    expect(log.map((entry) => entry.graded)).toEqual([1, 2, 3, 2, 3]);
    // Now on s4: r reveals its oracle grade.
    expect(await frame.getByTestId('annotation-sample').getAttribute('data-id')).toBe('s4');
    await page.keyboard.press('r');
    await expect.poll(() => frame.getByTestId('annotation-oracle').textContent()).toContain('Oracle grade: 1 weak');
    // The sample with markup shows it as text.
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await expect.poll(() => frame.getByTestId('annotation-query').textContent()).toBe(`${PAYLOAD_IMG} cheap car cover`);
    expect(await frame.getByTestId('annotation-grade-0').getAttribute('aria-pressed')).toBe('true');
    expect(await injectedElements()).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await shoot(frame, 'annotation-view');

    // Without an oracle, r says it is not allowed and changes nothing.
    const closed = await mount('annotation-closed', 'lab-annotation-view', { samples: samples.slice(0, 2) });
    await closed.getByTestId('annotation-view').focus();
    await page.keyboard.press('r');
    await expect.poll(() => closed.getByTestId('annotation-message').textContent()).toBe('Revealing the oracle grade is not allowed in this run.');
    expect(await closed.getByTestId('annotation-reveal').isDisabled()).toBe(true);
  });
});

// Evaluation inputs: probabilities that put the gold grade on top with a given chance, so the metrics
// below come from the real core functions on realistic-looking predictions.
function predictions(n: number, seed: number, skill: number, prefix: string): SplitExample[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const label = (i % 3) as Grade;
    const predicted = rng.next() < skill ? label : (((label + 1 + rng.int(2)) % 3) as Grade);
    const top = 0.45 + 0.5 * rng.next();
    const probs = [0, 1, 2].map((grade) => (grade === predicted ? top : (1 - top) / 2)) as GradeProbabilities;
    return { id: `${prefix}-${i}`, queryId: `q${Math.floor(i / 6)}`, label, probs };
  });
}

describe('Evaluate views', () => {
  it('alpha sweep: both curves and the chosen alpha with its values', async () => {
    const points = Array.from({ length: 11 }, (_, i) => {
      const alpha = i / 10;
      return { alpha, id: 0.6 + 0.2 * alpha - 0.1 * alpha ** 2, ood: 0.4 + 0.3 * alpha - 0.25 * alpha ** 2 };
    });
    const frame = await mount('sweep', 'lab-alpha-sweep', { points, chosen: 0.6, metric: 'macro-F1' });
    // At alpha 0.6: ID 0.6 + 0.12 - 0.036 = 0.684; OOD 0.4 + 0.18 - 0.09 = 0.490.
    expect(await frame.getByTestId('sweep-chosen').textContent()).toBe('Chosen alpha 0.6: macro-F1 0.684 on ID validation, 0.490 on OOD validation (held-out DASA samples).');
    expect(await frame.getByTestId('sweep-table').locator('tbody tr').count()).toBe(11);
    expect(await frame.getByTestId('sweep-table').locator('tr.is-chosen td').first().textContent()).toBe('0.6 (chosen)');
    await expect.poll(() => pixelsNear(frame.getByTestId('sweep-chart'), '#d9480f')).toBeGreaterThan(20);
    await shoot(frame, 'alpha-sweep');
  });

  it('variants: mean ± std over seeds and the best of each column', async () => {
    const seed = (s: number, idF1: number, oodF1: number, oodEce: number) => ({ seed: s, id: { macro_f1: idF1, accuracy: idF1 + 0.02, ece: 0.05, qwk: 0.7, 'ndcg@10': 0.8 }, ood: { macro_f1: oodF1, accuracy: oodF1 + 0.03, ece: oodEce, qwk: 0.5, 'ndcg@10': 0.6 } });
    const variants = [
      { variant: 'ce-ft', seeds: [seed(1, 0.82, 0.42, 0.2), seed(2, 0.84, 0.46, 0.22)] },
      { variant: 'darl', seeds: [seed(1, 0.8, 0.6, 0.08), seed(2, 0.82, 0.62, 0.1)] },
      { variant: 'darl-no-dasa', seeds: [seed(1, 0.81, 0.5, 0.12), seed(2, 0.83, 0.52, 0.12), seed(3, 0.82, 0.51, 0.11)] },
    ];
    const frame = await mount('variants', 'lab-variants-table', { variants });
    const row = (variant: string) => frame.locator(`tr[data-variant="${variant}"] td`);
    // darl OOD macro-F1: 0.60, 0.62 -> 0.610 ± sqrt(2 * 0.01^2 / 1) = 0.014, the best of its column.
    expect((await row('darl').allTextContents())[2]).toBe('0.610 ± 0.014 ★');
    expect((await row('darl').nth(2).getAttribute('data-best'))).toBe('true');
    // ce-ft has the best ID macro-F1 (0.830) and the largest gap (0.40 and 0.38: 0.390 ± 0.014); darl the smallest gap (0.200).
    expect((await row('ce-ft').allTextContents())[1]).toBe('0.830 ± 0.014 ★');
    expect((await row('ce-ft').allTextContents())[3]).toBe('0.390 ± 0.014');
    expect((await row('darl').allTextContents())[3]).toBe('0.200 ± 0.000 ★');
    expect((await row('darl-no-dasa').allTextContents())[0]).toBe('3');
    // Six columns have one best; OOD qwk, ID ECE and OOD nDCG@10 are equal for all three, so all are marked.
    expect(await frame.locator('td[data-best="true"]').count()).toBe(6 + 3 * 3);
    await shoot(frame, 'variants-table');
  });

  it('confusion matrix, reliability diagram and per-class F1 from evaluateSplit', async () => {
    const idTest = evaluateSplit(predictions(240, 1, 0.8, 'id'));
    const oodTest = evaluateSplit(predictions(240, 2, 0.55, 'ood'));
    const confusion = await mount('confusion', 'lab-confusion-matrix', { matrix: idTest.confusion_matrix, caption: 'ID test' });
    const cell = (gold: number, predicted: number) => confusion.locator(`td[data-gold="${gold}"][data-predicted="${predicted}"]`);
    const [row0] = idTest.confusion_matrix;
    const total0 = row0.reduce((a, b) => a + b, 0);
    expect(await cell(0, 0).textContent()).toBe(`${row0[0]}${((100 * row0[0]) / total0).toFixed(1)}% of row`);
    expect(await cell(2, 1).textContent()).toContain(String(idTest.confusion_matrix[2][1]));
    await shoot(confusion, 'confusion-matrix');

    const { ece, reliability } = calibration(predictions(240, 2, 0.55, 'ood').map((e) => e.label), predictions(240, 2, 0.55, 'ood').map((e) => e.probs));
    expect(ece).toBeCloseTo(oodTest.ece, 12);
    const diagram = await mount('reliability', 'lab-reliability-diagram', { bins: oodTest.reliability, ece: oodTest.ece, caption: 'OOD test' });
    expect(await diagram.getByTestId('reliability-ece').textContent()).toBe(`ECE ${oodTest.ece.toFixed(3)}`);
    const filled = reliability.filter((bin) => bin.count > 0);
    expect(await diagram.getByTestId('reliability-table').locator('tbody tr').count()).toBe(filled.length);
    expect(await diagram.getByTestId('reliability-table').locator('tbody tr').first().locator('td').nth(1).textContent()).toBe(String(filled[0].count));
    await expect.poll(() => pixelsNear(diagram.getByTestId('reliability-chart'), '#2456c8')).toBeGreaterThan(50);
    await diagram.locator('summary').click();
    await shoot(diagram, 'reliability-diagram');

    const f1 = await mount('class-f1', 'lab-class-f1', { series: [{ label: 'ID test', perClass: idTest.per_class }, { label: 'OOD test', perClass: oodTest.per_class }] });
    const rows = f1.getByTestId('class-f1-table').locator('tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await rows.nth(4).locator('td').allTextContents()).toEqual([
      'OOD test', '1 weak', oodTest.per_class[1].precision.toFixed(3), oodTest.per_class[1].recall.toFixed(3), oodTest.per_class[1].f1.toFixed(3), String(oodTest.per_class[1].support),
    ]);
    await expect.poll(() => pixelsNear(f1.getByTestId('class-f1-chart'), '#d9480f')).toBeGreaterThan(50);
    await shoot(f1, 'class-f1');
  });

  it('OOD detection: AUROC and FPR@95TPR per detector, with the sign convention said', async () => {
    const rng = createRng(8);
    const scores = (n: number, mean: number) => Array.from({ length: n }, () => mean + rng.normal());
    const mahalanobis = oodDetectionMetrics(scores(200, 0), scores(200, 2));
    const knn = oodDetectionMetrics(scores(200, 0), scores(200, 1));
    const frame = await mount('ood', 'lab-ood-detection-table', { rows: [{ detector: 'mahalanobis', report: mahalanobis }, { detector: 'knn', report: knn }] });
    expect(await frame.getByTestId('ood-sign-note').textContent()).toContain('A higher score means more OOD');
    const cells = await frame.locator('tr[data-detector="mahalanobis"] td').allTextContents();
    expect(cells[0]).toBe(`${mahalanobis.auroc.toFixed(3)} ★`);
    expect(cells[1]).toBe(`${mahalanobis.fpr95.toFixed(3)} ★`);
    expect(cells[4]).toBe('200 / 200');
    expect(await frame.locator('tr[data-detector="knn"] th').textContent()).toBe('kNN');
    expect(mahalanobis.auroc).toBeGreaterThan(knn.auroc);
    await shoot(frame, 'ood-detection-table');
  });

  it('logged no errors and requested nothing from other origins', () => {
    expect(lab.errors).toEqual([]);
    const origin = new URL(lab.baseURL).origin;
    expect(lab.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  });
});
