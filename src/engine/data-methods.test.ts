import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../core/data/generator/generate';
import { UnknownLabelError } from '../core/data/import/errors';
import { GeneratorConfigError } from '../core/data/generator/config';
import { openLabStore } from '../storage';
import { NO_TAG } from './data-types';
import { CancelledError } from '../core/job/errors';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import type { JobProgress } from '../core/job/progress';

let databases = 0;
function engineWithStore() {
  databases += 1;
  const name = `data-methods-${databases}`;
  return createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore(name, { estimate: null, examplesPerChunk: 50 }) });
}

const TINY = { seed: 3, sizes: { train: 120, val: 20, test_id: 20, test_ood: 60, pool: 40 } };

describe('data methods', () => {
  it('generates, stores, lists, pages through filters and deletes a dataset', async () => {
    const engine = engineWithStore();
    const progress: JobProgress[] = [];
    const summary = await engine.generateDataset(TINY, (p) => void progress.push(p));
    expect(summary.info.splits.train?.count).toBe(120);
    expect(summary.byteSize).toBeGreaterThan(0);
    expect(progress.map((p) => p.stage)).toContain('generate');
    const stored = progress.filter((p) => p.stage === 'store');
    expect(stored.at(-1)).toMatchObject({ step: stored.at(-1)!.total });

    const listed = await engine.listDatasets();
    expect(listed.map((entry) => entry.info.id)).toEqual([summary.info.id]);

    // The same examples the generator makes, filtered here independently.
    const expected = generateDataset(TINY).examples;
    const strongOod = expected.test_ood.filter((e) => e.grade === 2 && e.tags.includes('conversational'));
    const page = await engine.browseExamples(summary.info.id, { split: 'test_ood', grade: 2, tag: 'conversational', offset: 0, limit: 5 });
    expect(page.splitTotal).toBe(60);
    expect(page.total).toBe(strongOod.length);
    expect(page.examples.map((e) => e.query)).toEqual(strongOod.slice(0, 5).map((e) => e.query));
    expect(page.tags).toContain('unseen_brand');
    const second = await engine.browseExamples(summary.info.id, { split: 'test_ood', grade: 2, tag: 'conversational', offset: 5, limit: 5 });
    expect(second.examples.map((e) => e.id)).toEqual(strongOod.slice(5, 10).map((e) => e.id));

    const untagged = await engine.browseExamples(summary.info.id, { split: 'train', tag: NO_TAG, offset: 0, limit: 200 });
    expect(untagged.total).toBe(120);
    const word = expected.train[7].query.split(' ')[0].toUpperCase();
    const searched = await engine.browseExamples(summary.info.id, { split: 'train', text: word, offset: 0, limit: 200 });
    expect(searched.examples.every((e) => e.query.toUpperCase().includes(word) || e.item.title.toUpperCase().includes(word))).toBe(true);
    expect(searched.total).toBeGreaterThan(0);
    await expect(engine.browseExamples(summary.info.id, { split: 'train', offset: 0, limit: 0 })).rejects.toThrow(/limit must be a whole number from 1 to 200/);

    await engine.deleteDataset(summary.info.id);
    expect(await engine.listDatasets()).toEqual([]);
  });

  it("keeps the ids of rules-mode datasets and stores realistic-mode ones apart, with their mode and label noise", async () => {
    const engine = engineWithStore();
    const rules = await engine.generateDataset(TINY);
    // The id datasets had before the generator had modes (a hash of the recorded config).
    expect(rules.info.id).toBe('generated-becf250a');
    const realistic = await engine.generateDataset({ ...TINY, mode: 'realistic' });
    expect(realistic.info.id).not.toBe(rules.info.id);
    expect(realistic.info.name).toContain('realistic');
    expect(realistic.info.source).toMatchObject({ kind: 'generated', config: { mode: 'realistic' } });
    expect(realistic.info.source.kind === 'generated' && realistic.info.source.labelNoise?.overallFlipRate).toBeGreaterThan(0);
    expect((await engine.listDatasets()).length).toBe(2);
  });

  it('names a bad generator setting and stores nothing', async () => {
    const engine = engineWithStore();
    await expect(engine.generateDataset({ seed: -1 })).rejects.toThrow(GeneratorConfigError);
    expect(await engine.listDatasets()).toEqual([]);
  });

  it('stops a cancelled generation with CancelledError and keeps nothing', async () => {
    const engine = engineWithStore();
    const running = engine.generateDataset(TINY);
    await engine.cancel();
    await expect(running).rejects.toThrow(CancelledError);
    expect(await engine.listDatasets()).toEqual([]);
  });

  it('previews and imports a CSV, keeping markup as plain text', async () => {
    const engine = engineWithStore();
    const rows = ['query,title,label'];
    for (let q = 0; q < 12; q++) for (let g = 0; g < 3; g++) rows.push(`"query ${q} <b>x</b>","<img src=x onerror=alert(1)> item ${q}-${g}",${g}`);
    const file = new File([rows.join('\n')], 'pairs.csv', { type: 'text/csv' });

    const [preview] = await engine.previewImport([file], { rows: 3 });
    expect(preview.columns).toEqual(['query', 'title', 'label']);
    expect(preview.rows).toEqual([
      { line: 2, cells: ['query 0 <b>x</b>', '<img src=x onerror=alert(1)> item 0-0', '0'] },
      { line: 3, cells: ['query 0 <b>x</b>', '<img src=x onerror=alert(1)> item 0-1', '1'] },
      { line: 4, cells: ['query 0 <b>x</b>', '<img src=x onerror=alert(1)> item 0-2', '2'] },
    ]);

    const progress: JobProgress[] = [];
    const result = await engine.importDataset([file], { preset: 'csv', mapping: { query: 'query', title: 'title', label: 'label' }, split: { seed: 2 } }, (p) => void progress.push(p));
    expect(result.rowsImported).toBe(36);
    expect(progress.some((p) => p.stage === 'read' && p.step === file.size)).toBe(true);
    const listed = await engine.listDatasets();
    expect(listed.map((entry) => entry.info.id)).toEqual([result.dataset.info.id]);
    const page = await engine.browseExamples(result.dataset.info.id, { split: 'train', offset: 0, limit: 200 });
    expect(page.examples.length).toBeGreaterThan(0);
    expect(page.examples[0].item.title).toMatch(/^<img src=x onerror=alert\(1\)> item/);
  });

  it('passes the importer error with file, line and column through, and stores nothing', async () => {
    const engine = engineWithStore();
    const file = new File(['query,title,label\nq1,t1,2\nq2,t2,maybe\n'], 'bad.csv');
    const failure = await engine.importDataset([file], { preset: 'csv', mapping: { query: 'query', title: 'title', label: 'label' } }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnknownLabelError);
    expect((failure as UnknownLabelError).details).toMatchObject({ file: 'bad.csv', line: 3, column: 3, columnName: 'label' });
    expect(await engine.listDatasets()).toEqual([]);
  });
});
