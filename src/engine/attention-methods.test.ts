import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore, StoredItemNotFoundError } from '../storage';
import { InvalidOptionError } from './errors';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import type { LabEngine } from './types';

const TINY = { seed: 5, sizes: { train: 48, val: 12, test_id: 9, test_ood: 9, pool: 12 } };
const pair = { query: 'term life cover', item: { title: 'Acme Term Life 20', fields: { brand: 'Acme' } } };

let engine: LabEngine;
const checkpointId = 'probe-attention';

beforeAll(async () => {
  engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore('attention-methods', { estimate: null }) });
  await engine.init({ backend: 'wasm' });
  const datasetId = (await engine.generateDataset(TINY)).info.id;
  const tokenizerId = (await engine.trainTokenizer(datasetId, { vocabSize: 512 })).id;
  await engine.trainModel({ stage: 'probe', datasetId, init: { from: 'preset', preset: 'nano', tokenizerId, contextLength: 32, seed: 3 }, steps: 4, batchSize: 8, learningRate: 1e-2, checkpointId, evaluate: false });
});

describe('pairAttention', () => {
  it('gives every layer and head a [query][key] map over the prompt\'s tokens: rows sum to 1, nothing after the query', async () => {
    const result = await engine.pairAttention(checkpointId, pair);
    const { layers, heads, length, tokens, weights } = result;
    expect([layers, heads]).toEqual([2, 2]);
    expect(tokens).toHaveLength(length);
    expect(tokens.at(-1)).toBe('[CLS]');
    expect(tokens.join('')).toContain('term life cover');
    expect(weights).toHaveLength(layers * heads * length * length);
    for (let map = 0; map < layers * heads; map++) {
      for (let q = 0; q < length; q++) {
        const row = weights.subarray((map * length + q) * length, (map * length + q + 1) * length);
        expect(row.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 5);
        for (let k = q + 1; k < length; k++) expect(row[k]).toBe(0);
      }
    }
  });

  it('refuses a checkpoint that is not stored and a pair without text, by name', async () => {
    await expect(engine.pairAttention('no-such-checkpoint', pair)).rejects.toThrow(StoredItemNotFoundError);
    await expect(engine.pairAttention(checkpointId, { query: 'x', item: { title: 3 as unknown as string, fields: {} } })).rejects.toThrow(InvalidOptionError);
  });
});
