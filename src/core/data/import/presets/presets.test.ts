// The presets on small hand-written files in the real formats, read through Node streams.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Example } from '../../schema';
import type { ByteSource } from '../byte-source';
import { importDataset, type ImportRequest } from '../import-dataset';
import type { PresetOptions } from './preset';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function nodeFile(dir: string, name: string): ByteSource {
  // Tiny stream chunks: every record crosses chunk boundaries.
  return { name, open: () => createReadStream(join(FIXTURES, dir, name), { highWaterMark: 16 }) };
}

function run(preset: string, dir: string, names: string[], options: PresetOptions = {}, extra: Partial<ImportRequest> = {}) {
  return importDataset({
    preset,
    files: names.map((name) => ({ source: nodeFile(dir, name) })),
    options,
    split: { seed: 3, poolFraction: 0, ood: { kind: 'none' }, fractions: { train: 1, val: 0, test_id: 0 } },
    ...extra,
  });
}

function all(examples: Record<string, Example[]>): Example[] {
  return Object.values(examples).flat();
}

describe('WANDS preset', () => {
  it('joins the three tab-separated files and maps Exact/Partial/Irrelevant to 2/1/0', async () => {
    const { examples, report, info } = await run('wands', 'wands', ['query.csv', 'product.csv', 'label.csv']);
    const rows = all(examples);
    expect(rows).toHaveLength(12);
    const byId = new Map(rows.map((e) => [e.id, e]));
    expect(byId.get('0')).toMatchObject({ query: 'salon chair', grade: 2, item: { title: 'hydraulic salon chair' } });
    expect(byId.get('7')).toMatchObject({ query: 'leather sofa', grade: 1 });
    expect(byId.get('1')!.grade).toBe(0);
    // Quoted TSV fields keep their quotes and tabs.
    expect(byId.get('2')!.item.title).toBe('"Benjara" lift top coffee table');
    expect(byId.get('2')!.item.fields.product_description).toBe('a table\twith "quotes"');
    expect(byId.get('4')!.item.fields['category hierarchy']).toBe('Décor / Wall Art');
    expect(report.plan.labelRule).toEqual({ kind: 'categories', map: { Exact: 2, Partial: 1, Irrelevant: 0 } });
    expect(info.labelNames).toEqual(['Irrelevant', 'Partial', 'Exact']);
    expect(info.source).toMatchObject({ kind: 'imported', preset: 'wands' });
  });

  it('holds out a product class as test_ood and keeps it out of the ID splits', async () => {
    const { examples, report } = await run('wands', 'wands', ['query.csv', 'product.csv', 'label.csv'], {}, {
      split: { seed: 3, poolFraction: 0, ood: { kind: 'column', column: 'product_class', values: ['Sofas'] } },
    });
    expect(examples.test_ood.map((e) => e.id)).toEqual(['6']);
    expect(examples.test_ood[0].tags).toEqual(['ood:product_class=Sofas']);
    const idRows = [...examples.train, ...examples.val, ...examples.test_id];
    expect(idRows.some((e) => e.item.fields.product_class === 'Sofas' || e.query === 'leather sofa')).toBe(false);
    expect(report.split.droppedRows).toBe(1); // "leather sofa" x coffee table: its query went OOD
  });
});

describe('ESCI preset', () => {
  const names = ['shopping_queries_dataset_examples.csv', 'shopping_queries_dataset_products.csv'];

  it('joins examples and products by product_id and locale, E/S/C/I -> 2/1/1/0', async () => {
    const { examples, info } = await run('esci', 'esci', names);
    const byId = new Map(all(examples).map((e) => [e.id, e]));
    expect(byId.size).toBe(7);
    expect([0, 1, 2, 3].map((id) => byId.get(String(id))!.grade)).toEqual([0, 2, 1, 1]);
    expect(byId.get('0')!.item.title).toBe('RamPro 10" All Purpose Utility Air Tires/Wheels');
    expect(byId.get('0')!.item.fields.product_description).toBe('<b>Multi-line</b>\ndescription, with "quotes"');
    // Same product_id, other locale: the Spanish product.
    expect(byId.get('5')!.item.title).toBe('Mesa de centro elevable');
    expect(byId.get('5')!.item.fields.product_color).toBe('Marrón');
    expect(byId.get('3')!.query).toBe('"dolly, pink" toy');
    expect(info.labelNames).toEqual(['I', 'S/C', 'E']);
  });

  it('takes a different label mapping and a locale filter', async () => {
    const { examples } = await run('esci', 'esci', names, { labels: { E: 2, S: 2, C: 0, I: 0 }, locale: 'es' });
    const rows = all(examples);
    expect(rows.map((e) => [e.id, e.grade])).toEqual([['5', 2], ['6', 2]]);
  });
});

describe('scores preset (Home Depot)', () => {
  const names = ['train.csv', 'product_descriptions.csv'];

  it('reads Latin-1 bytes and cuts scores by the thresholds it reports', async () => {
    const raw = readFileSync(join(FIXTURES, 'homedepot', 'train.csv'));
    expect(raw.includes(0xb0)).toBe(true); // the fixture really is Latin-1 (a bare 0xB0 degree sign)
    const { examples, info, report } = await run('scores', 'homedepot', names);
    const byId = new Map(all(examples).map((e) => [e.id, e]));
    expect(byId.get('40')!.item.title).toBe('Hampton Bay 90° Elbow 12 in. x 24" Café Trim®');
    expect(byId.get('40')!.query).toBe('elbow 90°');
    const grades = Object.fromEntries(['2', '3', '16', '17', '34', '40', '44'].map((id) => [id, byId.get(id)!.grade]));
    expect(grades).toEqual({ '2': 2, '3': 2, '16': 1, '17': 2, '34': 1, '40': 1, '44': 0 });
    expect(byId.get('2')!.item.fields.product_description).toMatch(/^Not only do angles make joints stronger,\nthey also/);
    expect(report.plan.labelRule).toEqual({ kind: 'scores', thresholds: [1.67, 2.34], range: [1, 3] });
    expect(info.source.kind === 'imported' && (info.source.options as { labelRule: string }).labelRule).toBe(
      'score < 1.67 -> 0, 1.67 <= score < 2.34 -> 1, score >= 2.34 -> 2 (scores must lie in 1..3)',
    );
  });

  it('moves grades with user thresholds', async () => {
    const { examples } = await run('scores', 'homedepot', names, { thresholds: [2, 3] });
    const byId = new Map(all(examples).map((e) => [e.id, e]));
    expect([byId.get('2')!.grade, byId.get('3')!.grade, byId.get('34')!.grade, byId.get('44')!.grade]).toEqual([2, 1, 1, 0]);
  });

  it('says where the Latin-1 file stops being UTF-8 when read as UTF-8', async () => {
    await expect(run('scores', 'homedepot', ['train.csv'], { encoding: 'utf-8' })).rejects.toThrow(/train\.csv:15:\d+: not valid UTF-8 at byte \d+ \(0xB0\), line 15: choose latin-1/);
  });
});

describe('generic preset', () => {
  it('reads the same rows from CSV, TSV and JSONL with a mapping', async () => {
    const rows = [
      { query: 'red sofa', title: 'Couch, red', grade: 2, cat: 'sofas' },
      { query: 'lamp', title: 'Desk "LED" lamp', grade: 0, cat: 'lights' },
    ];
    const csv = `query,title,grade,cat\n${rows.map((r) => `${r.query},"${r.title.replace(/"/g, '""')}",${r.grade},${r.cat}`).join('\n')}\n`;
    const tsv = csv.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t');
    const jsonl = rows.map((r) => JSON.stringify(r)).join('\n');
    const results = [];
    for (const [name, content] of [['a.csv', csv], ['a.tsv', tsv], ['a.jsonl', jsonl]]) {
      const { memorySource } = await import('../byte-source');
      const { examples } = await importDataset({
        preset: 'csv',
        files: [{ source: memorySource(name, content, 5) }],
        options: { mapping: { query: 'query', title: 'title', label: 'grade', text: ['cat'] } },
        split: { seed: 1, poolFraction: 0, ood: { kind: 'none' }, fractions: { train: 1, val: 0, test_id: 0 } },
      });
      results.push(examples.train.map((e) => [e.query, e.item.title, e.item.fields.cat, e.grade]));
    }
    expect(results[0]).toEqual([['red sofa', 'Couch, red', 'sofas', 2], ['lamp', 'Desk "LED" lamp', 'lights', 0]]);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});
