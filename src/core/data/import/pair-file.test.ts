import { describe, expect, it } from 'vitest';
import { memorySource } from './byte-source';
import { EmptyTitleError, MalformedJsonError, MissingColumnError, UnknownLabelError } from './errors';
import { FaultPolicy } from './fault-policy';
import { readPairFile, type PairFileOptions } from './pair-file';

async function read(name: string, text: string, options: PairFileOptions, skipBadRows = false) {
  const policy = new FaultPolicy({ skipBadRows });
  const rows = [];
  for await (const row of readPairFile(memorySource(name, text), options, policy)) rows.push(row);
  return { rows, skipped: policy.skipped };
}

const MAPPING = { query: 'query', title: 'title' };

describe('readPairFile', () => {
  it('reads CSV pairs with text fields, ids from the file stem and line, and no grade without a label column', async () => {
    const csv = 'query,title,brand\nterm life,"Acme Term, 20",Acme\ncar cover,Auto plan,\n';
    const { rows } = await read('pairs.csv', csv, { mapping: { ...MAPPING, text: ['brand'] } });
    expect(rows).toEqual([
      { id: 'pairs:2', line: 2, query: 'term life', item: { title: 'Acme Term, 20', fields: { brand: 'Acme' } }, gold: null },
      { id: 'pairs:3', line: 3, query: 'car cover', item: { title: 'Auto plan', fields: {} }, gold: null },
    ]);
  });

  it('reads JSONL with an id and a label column; a blank label is no grade', async () => {
    const jsonl = '{"id":"a","q":"x","t":"y","g":"2"}\n{"id":"b","q":"x","t":"z","g":""}\n{"id":"c","q":"x","t":"w","g":0}\n';
    const { rows } = await read('pairs.jsonl', jsonl, { mapping: { query: 'q', title: 't', label: 'g', id: 'id' } });
    expect(rows.map((row) => [row.id, row.gold])).toEqual([['a', 2], ['b', null], ['c', 0]]);
  });

  it('names the file, line and column of a bad row, or skips and lists it', async () => {
    const csv = 'query,title,label\nx,y,1\nx,,1\nx,z,7\n';
    await expect(read('bad.csv', csv, { mapping: { ...MAPPING, label: 'label' } })).rejects.toThrow(EmptyTitleError);
    await expect(read('bad.csv', csv, { mapping: { ...MAPPING, label: 'label' } })).rejects.toThrow(/^bad\.csv:3:2: column "title": the item title is empty/);
    const { rows, skipped } = await read('bad.csv', csv, { mapping: { ...MAPPING, label: 'label' } }, true);
    expect(rows.map((row) => row.line)).toEqual([2]);
    expect(skipped.map((row) => [row.line, row.fault])).toEqual([[3, 'EmptyTitleError'], [4, UnknownLabelError.name]]);
  });

  it('refuses a file without a mapped column, and a broken JSON line, by name', async () => {
    await expect(read('pairs.csv', 'query,name\nx,y\n', { mapping: MAPPING })).rejects.toThrow(MissingColumnError);
    await expect(read('pairs.jsonl', '{"query":"x","title":"y"}\n{"query":\n', { mapping: MAPPING })).rejects.toThrow(MalformedJsonError);
  });
});
