// Generated ids ("<file>:<line>") stay unique when two imported files share a name.
import { describe, expect, it } from 'vitest';
import { memorySource } from './byte-source';
import { idPrefixes } from './id-prefixes';
import { importDataset } from './import-dataset';
import { QTL } from './test-support';

async function importSameNamed(names: string[]) {
  const files = names.map((name, k) => ({ source: memorySource(name, `q,t,g\nquery ${k},title ${k},1\nother ${k},thing ${k},2\n`) }));
  return importDataset({ preset: 'csv', files, options: QTL, skipBadRows: true, split: { seed: 1, poolFraction: 0, ood: { kind: 'none' }, fractions: { train: 1, val: 0, test_id: 0 } } });
}

describe('generated ids', () => {
  it('keeps every row of a/data.csv and b/data.csv, with ids told apart by folder', async () => {
    const dataset = await importSameNamed(['a/data.csv', 'b/data.csv']);
    expect(dataset.report.skippedTotal).toBe(0);
    expect(dataset.report.rowsImported).toBe(4);
    expect(dataset.examples.train.map((e) => e.id).sort()).toEqual(['a/data:2', 'a/data:3', 'b/data:2', 'b/data:3']);
  });

  it('keeps every row of two files with the very same name (as a browser may hand them over)', async () => {
    const dataset = await importSameNamed(['data.csv', 'data.csv']);
    expect(dataset.report.skippedTotal).toBe(0);
    expect(dataset.examples.train.map((e) => e.id).sort()).toEqual(['data#2:2', 'data#2:3', 'data:2', 'data:3']);
  });

  it('uses the bare file stem when it is unique, and never gives two files one prefix', () => {
    expect(idPrefixes(['x/train.csv', 'y/labels.tsv'])).toEqual(['train', 'labels']);
    expect(idPrefixes(['data.csv', 'data.tsv'])).toEqual(['data.csv', 'data.tsv']);
    expect(idPrefixes(['/home/u/a/x/data.csv', '/home/u/b/x/data.csv'])).toEqual(['a/x/data', 'b/x/data']);
    expect(idPrefixes(['data.csv', 'data.csv', 'data#2.csv'])).toEqual(['data', 'data#3', 'data#2']);
    for (const names of [['a', 'a', 'a'], ['a.csv', 'a.csv', 'a#2.csv', 'a#3.csv'], ['C:\\x\\d.csv', 'C:\\y\\d.csv']]) {
      expect(new Set(idPrefixes(names)).size).toBe(names.length);
    }
  });
});
