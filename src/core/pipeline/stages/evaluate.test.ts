import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import type { ModelCheckpoint } from '../../checkpoint/types';
import { scoresAtTemperature } from '../../metrics/temperature-scaling';
import { MemoryRunStore } from '../memory-run-store';
import { runPipelineStages } from '../pipeline';
import { tinyPipelineData, tinyPipelineSettings } from '../test-support';
import { runEvaluate, type EvaluateRecord } from './evaluate';

const data = tinyPipelineData();

describe('evaluate: the temperature fitted on ID val changes no other number (nano, wasm)', () => {
  let model: ModelCheckpoint;
  beforeAll(async () => {
    await useBackend('wasm');
    const runs = await runPipelineStages({ ...tinyPipelineSettings(), probe: null, selection: 'none', interpolate: null }, data, new MemoryRunStore(), { until: 'finetune' });
    model = await runs.finetune!.checkpoint();
  });

  const evaluate = async (calibrationRows: number | null): Promise<EvaluateRecord> =>
    (await runEvaluate({ ...tinyPipelineSettings().evaluate, calibrationRows }, { data, model, logitNormTau: null })).record;

  it('gives the same test metrics, detectors and predictions whatever the val sample, and scales on its own rows', async () => {
    const all = await evaluate(null);
    const few = await evaluate(7);
    const { temperature: tAll, temperature_scaled: sAll, ...restAll } = all;
    const { temperature: tFew, temperature_scaled: _sFew, ...restFew } = few;
    expect(restFew).toEqual(restAll);
    expect(tAll.val_rows).toBe(data.val.length);
    expect(tFew.val_rows).toBe(7);
    // Fitting never makes the val NLL worse (T = 1 is in the search range).
    expect(tAll.val_nll_scaled).toBeLessThanOrEqual(tAll.val_nll + 1e-12);
    // The scaled test scores are those of the stored probabilities at the fitted T.
    for (const split of ['test_id', 'test_ood'] as const) {
      const rows = all.predictions[split];
      expect(sAll[split]).toEqual(scoresAtTemperature(rows.map((p) => p.label), rows.map((p) => p.probs), tAll.T));
    }
    expect(tAll.T).toBeGreaterThan(0);
  });

  it('breaks OOD test down by the shift tags its rows carry', async () => {
    const { test_ood_by_shift: byShift } = await evaluate(5);
    const tags = new Set(data.test_ood.flatMap((example) => example.tags));
    expect(Object.keys(byShift).sort()).toEqual([...tags].sort());
    for (const tag of tags) expect(byShift[tag].n).toBe(data.test_ood.filter((example) => example.tags.includes(tag)).length);
  });
});
