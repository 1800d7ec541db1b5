import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore } from '../storage';
import { EmptyQueryError } from '../core/data/import/errors';
import { InvalidOptionError } from './errors';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import type { JobProgress } from '../core/job/progress';
import type { LabEngine } from './types';

const TINY = { seed: 5, sizes: { train: 48, val: 12, test_id: 9, test_ood: 9, pool: 12 } };
const CSV = 'query,title,brand,label\nterm life cover,Acme Term Life 20,Acme,2\ncar insurance,Home contents plan,Brio,\n"cover, for ""travel""",Travel plan,,0\n';

let engine: LabEngine;
let datasetId: string;
const checkpointId = 'probe-score-file';
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

beforeAll(async () => {
  engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore('score-file-methods', { estimate: null }) });
  await engine.init({ backend: 'wasm' });
  datasetId = (await engine.generateDataset(TINY)).info.id;
  const tokenizerId = (await engine.trainTokenizer(datasetId, { vocabSize: 512 })).id;
  await engine.trainModel({ stage: 'probe', datasetId, init: { from: 'preset', preset: 'nano', tokenizerId, contextLength: 32, seed: 3 }, steps: 6, batchSize: 8, learningRate: 1e-2, checkpointId, evaluate: false });
});

describe('scorePlaygroundFile', () => {
  it('scores every pair of a CSV file as scorePairs does, with the playground\'s OOD scores, as CSV and JSONL', async () => {
    const progress: JobProgress[] = [];
    const request = { mapping: { query: 'query', title: 'title', label: 'label', text: ['brand'] }, reference: { k: 5 } };
    const result = await engine.scorePlaygroundFile(checkpointId, datasetId, new File([CSV], 'my pairs.csv'), request, (p) => void progress.push(p));
    expect(result).toMatchObject({ file: 'my pairs.csv', rows: 3, skippedTotal: 0, truncated: 0 });
    expect(result.csv.fileName).toBe('my pairs-scored.csv');
    expect(result.jsonl.fileName).toBe('my pairs-scored.jsonl');
    expect(progress.some((p) => p.stage === 'score' && p.step === 3)).toBe(true);

    const pairs = result.preview.map(({ query, item }) => ({ query, item }));
    expect(pairs[2]).toEqual({ query: 'cover, for "travel"', item: { title: 'Travel plan', fields: {} } });
    const expected = await engine.scorePairs(checkpointId, pairs);
    result.preview.forEach((row, i) => row.probs.forEach((p, k) => expect(p).toBeCloseTo(expected[i].probs[k], 5)));
    expect(result.preview.map((row) => row.gold)).toEqual([2, null, 0]);
    expect(result.preview.map((row) => row.grade)).toEqual(result.preview.map((row) => row.probs.indexOf(Math.max(...row.probs))));

    // The OOD scores are the playground's for the same pair.
    const single = await engine.scorePlaygroundPair(checkpointId, datasetId, pairs[0], { k: 5 });
    for (const ood of single.ood) {
      expect(result.preview[0].ood[ood.detector].score).toBeCloseTo(ood.score, 4);
      expect(result.preview[0].ood[ood.detector].percentile).toBeCloseTo(ood.percentile, 6);
      expect(result.preview[0].ood[ood.detector].aboveThreshold).toBe(ood.aboveThreshold);
    }

    const lines = text(result.jsonl.bytes).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual(JSON.parse(JSON.stringify(result.preview)));
    const table = Papa.parse<Record<string, string>>(text(result.csv.bytes).trimEnd(), { header: true }).data;
    expect(table.map((row) => row.id)).toEqual(['my pairs:2', 'my pairs:3', 'my pairs:4']);
    expect(Number(table[1].p2)).toBeCloseTo(result.preview[1].probs[2], 5);
    expect(table[0]['field:brand']).toBe('Acme');
  });

  it('stops at a bad row with its file, line and column, or skips and lists it', async () => {
    const bad = new File(['query,title\nx,y\n,z\n'], 'bad.csv');
    const request = { mapping: { query: 'query', title: 'title' }, reference: { k: 5 } };
    const error = await engine.scorePlaygroundFile(checkpointId, datasetId, bad, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmptyQueryError);
    expect((error as EmptyQueryError).details).toMatchObject({ file: 'bad.csv', line: 3, column: 1, columnName: 'query' });
    const skipped = await engine.scorePlaygroundFile(checkpointId, datasetId, bad, { ...request, skipBadRows: true });
    expect(skipped).toMatchObject({ rows: 1, skippedTotal: 1, skipped: [{ file: 'bad.csv', line: 3, fault: 'EmptyQueryError' }] });
  });

  it('refuses a request without the query and title columns, and a file with no pair', async () => {
    await expect(engine.scorePlaygroundFile(checkpointId, datasetId, new File(['q,t\n'], 'a.csv'), { mapping: { query: 'q', title: '' } })).rejects.toThrow(InvalidOptionError);
    await expect(engine.scorePlaygroundFile(checkpointId, datasetId, new File(['{"q":"","t":"x"}\n'], 'a.jsonl'), { mapping: { query: 'q', title: 't' }, skipBadRows: true })).rejects.toThrow(/a\.jsonl has no pair to score \(1 bad rows skipped\)/);
  });
});
