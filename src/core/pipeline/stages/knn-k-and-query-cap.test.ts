// The DASA and Evaluate stages pass knnKFraction (k from the fit rows) and DASA's maxPerQuery on.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import { MemoryRunStore } from '../memory-run-store';
import { runPipeline, runPipelineStages } from '../pipeline';
import { tinyPipelineData, tinyPipelineSettings } from '../test-support';

const data = tinyPipelineData(3, { train: 96, val: 32, test_id: 40, test_ood: 30, pool: 160 });

describe('kNN k from the fit size and the per-query cap, in the stages (nano, tiny data, wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('DASA: k = round(fraction x fit rows), at most maxPerQuery samples of one query; null keeps knnK and the uncapped selection', async () => {
    const store = new MemoryRunStore();
    const tiny = tinyPipelineSettings();
    const settings = { ...tiny, dasa: { ...tiny.dasa, budget: 20, fillBelowThreshold: true } };
    const plain = (await runPipelineStages(settings, data, store, { until: 'dasa' })).dasa!.record;
    expect(plain.rows.fit).toBe(96);
    expect(plain.fitted.knn).toEqual({ k: 50 });
    const queryOf = new Map(data.pool.map((example) => [example.id, example.query]));
    const queries = (selected: string[]) => selected.map((id) => queryOf.get(id));
    expect(new Set(queries(plain.selection.selected)).size).toBeLessThan(plain.selection.selected.length);

    const changed = { ...settings, dasa: { ...settings.dasa, knnKFraction: 0.1, maxPerQuery: 1 } };
    const capped = (await runPipelineStages(changed, data, store, { until: 'dasa' })).dasa!.record;
    expect(capped.fitted.knn).toEqual({ k: 10 });
    expect(capped.selection.selected.length).toBeGreaterThan(0);
    expect(new Set(queries(capped.selection.selected)).size).toBe(capped.selection.selected.length);

    const again = (await runPipelineStages({ ...settings, dasa: { ...settings.dasa, knnKFraction: null, maxPerQuery: null } }, data, new MemoryRunStore(), { until: 'dasa' })).dasa!.record;
    expect(again).toEqual(plain);
  });

  it('Evaluate: k from the fit rows when knnKFraction is set', async () => {
    const settings = tinyPipelineSettings();
    const runs = await runPipeline({ ...settings, evaluate: { ...settings.evaluate, knnKFraction: 0.25 } }, data, new MemoryRunStore());
    expect(runs.evaluate.record.rows.fit).toBe(96);
    expect(runs.evaluate.record.fitted.knn).toEqual({ k: 24 });
  });
});
