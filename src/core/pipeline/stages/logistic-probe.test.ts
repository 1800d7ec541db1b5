import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import { negativeLogLikelihood } from '../../metrics/proper-scores';
import { DEFAULT_LOGISTIC_PROBE } from '../defaults';
import { MemoryRunStore } from '../memory-run-store';
import { inferExamples, withModel } from '../model-io';
import { runPipeline, runPipelineStages } from '../pipeline';
import type { PipelineSettings } from '../settings';
import type { StageRun } from '../stage';
import { tinyPipelineData, tinyPipelineSettings } from '../test-support';
import { predictionsFromLogits } from './predict';

const data = tinyPipelineData();

/** The probe's NLL on every ID val row. */
async function valNll(run: StageRun<unknown>): Promise<number> {
  return withModel(await run.checkpoint(), 'probe', async (model, tokenizer) => {
    const out = await inferExamples(model, tokenizer, data.val, { batchSize: 32 });
    const predictions = predictionsFromLogits(data.val, out.logits, model.config.numClasses, null);
    return negativeLogLikelihood(predictions.map((p) => p.label), predictions.map((p) => p.probs));
  });
}

describe('the logistic-regression probe and the ID val evaluation (nano, tiny data, wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('fits the head on the frozen features, records its L2 grid, and does no worse on val NLL than the AdamW probe', async () => {
    const store = new MemoryRunStore();
    const settings = tinyPipelineSettings();
    const adamw = await runPipelineStages(settings, data, store, { until: 'probe' });
    const logistic = { ...DEFAULT_LOGISTIC_PROBE, l2Grid: [...DEFAULT_LOGISTIC_PROBE.l2Grid], valRows: null };
    const lr = await runPipelineStages({ ...settings, probe: { ...settings.probe!, logistic } }, data, store, { until: 'probe' });
    expect(lr.pretrain!.status).toBe('stored');
    expect(lr.probe!.key).not.toBe(adamw.probe!.key);
    // The backbone is the pretrained one: only the head changed.
    expect(lr.probe!.backbone).toBe(lr.pretrain!.backbone);
    expect(lr.probe!.model).not.toBe(adamw.probe!.model);

    const record = lr.probe!.record.logistic!;
    expect(record.grid.map((point) => point.l2)).toEqual(DEFAULT_LOGISTIC_PROBE.l2Grid);
    expect(record.valRows).toBe(data.val.length);
    expect(record.valNll).toBe(Math.min(...record.grid.map((point) => point.valNll)));
    expect(record.grid.find((point) => point.l2 === record.l2)).toMatchObject({ valNll: record.valNll, valMacroF1: record.valMacroF1, iterations: record.iterations });
    // The strength kept converged; the weakest may stop at the iteration cap on 96 near-separable rows, and says so.
    expect(record.converged).toBe(true);
    expect(record.gradNorm).toBeLessThan(DEFAULT_LOGISTIC_PROBE.gradientTolerance);
    for (const point of record.grid) {
      expect(Number.isFinite(point.valNll) && Number.isFinite(point.gradNorm)).toBe(true);
      expect(point.converged).toBe(point.gradNorm < DEFAULT_LOGISTIC_PROBE.gradientTolerance);
    }
    expect(adamw.probe!.record.logistic).toBeUndefined();

    // The head written into the model gives the NLL the fit recorded (float32 weights).
    const lrNll = await valNll(lr.probe!);
    expect(lrNll).toBeCloseTo(record.valNll, 3);
    expect(lrNll).toBeLessThanOrEqual(await valNll(adamw.probe!) + 1e-6);
  });

  it('refuses a bad logistic setting or val row count before any training, naming it', async () => {
    const settings = tinyPipelineSettings();
    const bad = { ...settings, probe: { ...settings.probe!, logistic: { ...DEFAULT_LOGISTIC_PROBE, l2Grid: [0.1, -1] } } };
    await expect(runPipeline(bad, data, new MemoryRunStore())).rejects.toThrow(/settings\.probe\.logistic\.l2Grid/);
    const badVal = { ...settings, evaluate: { ...settings.evaluate, valRows: 0 } };
    await expect(runPipeline(badVal, data, new MemoryRunStore())).rejects.toThrow(/settings\.evaluate\.valRows must be a positive whole number/);
  });

  it('with evaluate.valRows adds val_id metrics and leaves the test splits as they were', async () => {
    const store = new MemoryRunStore();
    const ceFt: PipelineSettings = { ...tinyPipelineSettings(), probe: null, selection: 'none', interpolate: null };
    const plain = await runPipeline(ceFt, data, store);
    expect(plain.evaluate.record.val_id).toBeUndefined();
    const withVal = await runPipeline({ ...ceFt, evaluate: { ...ceFt.evaluate, valRows: 20 } }, data, store);
    expect(withVal.finetune.status).toBe('stored');
    expect(withVal.evaluate.key).not.toBe(plain.evaluate.key);
    const { val_id, ...rest } = withVal.evaluate.record;
    expect(val_id!.n).toBe(20);
    expect(val_id!.macro_f1).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(val_id!.nll)).toBe(true);
    expect(rest).toEqual(plain.evaluate.record);
  });
});
