import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../job/errors';
import { JobControl } from '../job/job-control';
import { useBackend } from '../backend/test-backends';
import { MemoryRunStore } from './memory-run-store';
import { runPipeline, runPipelineStages, type PipelineStageRuns } from './pipeline';
import type { PipelineSettings } from './settings';
import { partialName, type StageRun } from './stage';
import { tinyPipelineData, tinyPipelineSettings } from './test-support';

const data = tinyPipelineData();

/** Stage -> status, in the order the pipeline reported them. */
async function statuses(settings: PipelineSettings, store: MemoryRunStore, control?: JobControl): Promise<{ runs: PipelineStageRuns; seen: Record<string, string> }> {
  const seen: Record<string, string> = {};
  const runs = await runPipeline(settings, data, store, { control, onStage: (run: StageRun<unknown>) => void (seen[run.stage] = run.status) });
  return { runs, seen };
}

/** Cancels a few steps after the fine-tuning stage has started (its first progress event arms it). */
class CancelDuringFinetune extends JobControl {
  armed = false;
  calls = 0;
  constructor(readonly afterSteps: number) {
    super('test');
  }
  override async betweenSteps(): Promise<void> {
    if (this.armed && ++this.calls >= this.afterSteps) this.cancel();
    return super.betweenSteps();
  }
}

const weightsOf = async (run: StageRun<unknown>) => new Map((await run.checkpoint()).weights.map((t) => [t.name, t.data]));

describe('the DaRL pipeline (nano, tiny data, wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('runs every stage once, then reuses them all; new fine-tuning settings re-run only fine-tuning and what follows', async () => {
    const store = new MemoryRunStore();
    const settings = tinyPipelineSettings();
    const first = await statuses(settings, store);
    expect(first.seen).toEqual({ pretrain: 'computed', probe: 'computed', dasa: 'computed', annotate: 'computed', finetune: 'computed', interpolate: 'computed', evaluate: 'computed' });
    const { record: dasa } = first.runs.dasa!;
    expect(dasa.selection.perSample).toHaveLength(data.pool.length);
    expect(Object.keys(dasa.valScores).sort()).toEqual(['knn', 'mahalanobis']);
    expect(first.runs.annotate!.record.finetuneIds.length + first.runs.annotate!.record.holdoutIds.length).toBe(dasa.selection.selected.length);
    expect(first.runs.interpolate!.record.sweep.map((point) => point.alpha)).toEqual([0, 0.5, 1]);
    expect(first.runs.evaluate.record.predictions.test_id).toHaveLength(data.test_id.length);

    const again = await statuses(settings, store);
    expect(new Set(Object.values(again.seen))).toEqual(new Set(['stored']));
    expect(again.runs.evaluate.record).toEqual(first.runs.evaluate.record);

    const newLr = { ...settings, finetune: { ...settings.finetune, learningRate: settings.finetune.learningRate / 3 } };
    const rerun = await statuses(newLr, store);
    expect(rerun.seen).toEqual({ pretrain: 'stored', probe: 'stored', dasa: 'stored', annotate: 'stored', finetune: 'computed', interpolate: 'computed', evaluate: 'computed' });
    expect(rerun.runs.finetune.key).not.toBe(first.runs.finetune.key);
    expect(rerun.runs.probe!.key).toBe(first.runs.probe!.key);

    const newEval = { ...settings, evaluate: { ...settings.evaluate, knnK: 3 } };
    expect((await statuses(newEval, store)).seen).toMatchObject({ finetune: 'stored', interpolate: 'stored', evaluate: 'computed' });

    // No probe: DASA still reads the same backbone, so its selection is shared.
    const noLp = await statuses({ ...settings, probe: null }, store);
    expect(noLp.seen).toMatchObject({ pretrain: 'stored', dasa: 'stored', annotate: 'stored', finetune: 'computed' });
    expect(noLp.seen.probe).toBeUndefined();
  });

  it('an interrupted fine-tuning resumes from its last periodic checkpoint and ends where an uninterrupted run ends', async () => {
    const settings = tinyPipelineSettings(2);
    const straight = await statuses(settings, new MemoryRunStore());

    const store = new MemoryRunStore();
    const control = new CancelDuringFinetune(4);
    await expect(
      runPipeline(settings, data, store, { control, onProgress: (p) => void (p.stage === 'finetune' && (control.armed = true)) }),
    ).rejects.toBeInstanceOf(CancelledError);
    const partial = await store.getCheckpoint(partialName('finetune', straight.runs.finetune.key));
    expect(partial?.training).toMatchObject({ stage: 'finetune', step: 4, totalSteps: 8 });

    const resumed = await statuses(settings, store);
    expect(resumed.seen).toMatchObject({ pretrain: 'stored', probe: 'stored', dasa: 'stored', annotate: 'stored', finetune: 'computed' });
    expect(resumed.runs.finetune.resumedFromStep).toBe(4);
    expect(resumed.runs.finetune.key).toBe(straight.runs.finetune.key);
    expect(await store.getCheckpoint(partialName('finetune', straight.runs.finetune.key))).toBeNull();

    const [a, b] = [await weightsOf(straight.runs.finetune), await weightsOf(resumed.runs.finetune)];
    for (const [name, values] of a) {
      const other = b.get(name)!;
      let maxDiff = 0;
      for (let i = 0; i < values.length; i++) maxDiff = Math.max(maxDiff, Math.abs(values[i] - other[i]));
      expect(maxDiff, name).toBeLessThan(1e-5);
    }
    expect(resumed.runs.evaluate.record.test_ood.macro_f1).toBeCloseTo(straight.runs.evaluate.record.test_ood.macro_f1, 6);
  });

  it('the random-selection ablation takes as many samples as DASA did, from the same pool rows, with their scores', async () => {
    const store = new MemoryRunStore();
    const { runs } = await statuses({ ...tinyPipelineSettings(), selection: 'random', interpolate: null }, store);
    const dasa = runs.dasa!.record.selection;
    const random = runs['random-select']!.record.selection;
    expect(random.method).toBe('random');
    expect(random.selected).toHaveLength(dasa.stats.selected);
    expect(random.perSample.map((s) => s.id)).toEqual(dasa.perSample.map((s) => s.id));
    expect(random.perSample[0].scores).toEqual(dasa.perSample[0].scores);
    expect(runs.annotate!.record.method).toBe('random');
    expect(runs.interpolate).toBeUndefined();
  });

  it('runs up to a stage, reports what is stored after it, and looks up without computing when until is null', async () => {
    const store = new MemoryRunStore();
    const settings = tinyPipelineSettings(4);
    const seen: string[] = [];
    let features = 0;
    const upToDasa = await runPipelineStages(settings, data, store, {
      until: 'dasa',
      onStage: (run) => void seen.push(`${run.stage}:${run.status}`),
      onDasaFeatures: (f) => void (features = f.fit.rows + f.pool.rows),
    });
    expect(seen).toEqual(['pretrain:computed', 'probe:computed', 'dasa:computed']);
    expect(Object.keys(upToDasa)).toEqual(['pretrain', 'probe', 'dasa']);
    expect(features).toBe(data.train.length + data.pool.length);

    expect(Object.keys(await runPipelineStages(settings, data, store, { until: null }))).toEqual(['pretrain', 'probe', 'dasa']);
    const all = await runPipeline(settings, data, store);
    expect(all.dasa!.status).toBe('stored');
    // Running only up to the probe still finds every later stage stored for the same settings.
    const looked = await runPipelineStages(settings, data, store, { until: 'probe' });
    expect(Object.values(looked).map((run) => run!.status)).toEqual(['stored', 'stored', 'stored', 'stored', 'stored', 'stored', 'stored']);
    expect(looked.evaluate!.key).toBe(all.evaluate.key);
    // Another fine-tuning setting: nothing stored from fine-tuning on.
    const other = { ...settings, finetune: { ...settings.finetune, learningRate: 0.5 } };
    expect(Object.keys(await runPipelineStages(other, data, store, { until: null }))).toEqual(['pretrain', 'probe', 'dasa', 'annotate']);
  });
});
