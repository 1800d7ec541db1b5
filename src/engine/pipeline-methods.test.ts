import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore } from '../storage';
import { IdbRunStore } from '../storage/idb-run-store';
import { fromStoredCheckpoint, toStoredCheckpoint } from '../core/checkpoint/stored';
import type { Grade } from '../core/data/schema';
import { UnlabelledSamplesError } from '../core/dasa/errors';
import { PipelineInputError } from '../core/pipeline/errors';
import { BusyError, CancelledError } from '../core/job/errors';
import { InvalidOptionError } from './errors';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import type { PipelineRequest } from './pipeline-types';
import type { JobProgress } from '../core/job/progress';
import type { LabEngine } from './types';

const DB = 'pipeline-methods';
const TINY = { seed: 4, sizes: { train: 96, val: 32, test_id: 30, test_ood: 30, pool: 80 } };
/** Few steps: the nano preset's defaults, shortened. */
const SHORT = {
  pretrain: { length: { steps: 6 }, checkpointEvery: 3 },
  probe: { length: { epochs: 1 } },
  finetune: { length: { steps: 8 }, checkpointEvery: 2 },
  interpolate: { alphas: [0, 0.5, 1] },
};

let engine: LabEngine;
let request: PipelineRequest;

const newEngine = async () => {
  const next = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore(DB, { estimate: null }) });
  await next.init({ backend: 'wasm' });
  return next;
};

beforeAll(async () => {
  engine = await newEngine();
  const datasetId = (await engine.generateDataset(TINY)).info.id;
  request = { datasetId, preset: 'nano', seed: 2, settings: SHORT };
});

describe('pipeline methods', () => {
  it('gives the preset defaults and refuses bad requests by name', async () => {
    const defaults = await engine.pipelineDefaults('nano');
    expect(defaults.pretrain).toMatchObject({ preset: 'nano', length: { steps: 40 }, learningRate: 2e-3 });
    expect(defaults.finetune.learningRate).toBe(1e-3);
    await expect(engine.pipelineResults({ ...request, settings: { finetune: { lr: 1 } } as never })).rejects.toThrow(PipelineInputError);
    await expect(engine.pipelineResults({ ...request, settings: { finetune: { lr: 1 } } as never })).rejects.toThrow('settings.finetune.lr is not a setting');
    await expect(engine.runPipelineStage(request, 'teach' as never)).rejects.toThrow(InvalidOptionError);
    await expect(engine.pipelineResults({ ...request, preset: 'huge' as never })).rejects.toThrow('preset must be one of');
    await expect(engine.revealPoolGrade(request.datasetId, 'no-such-id')).rejects.toThrow('has no pool sample "no-such-id"');
  });

  it('runs up to DASA with progress: the selection with every score, the texts of the selected samples and the PCA picture', async () => {
    const progress: JobProgress[] = [];
    const results = await engine.runPipelineStage(request, 'dasa', (p) => void progress.push(p));
    expect(results.status.stages.map((stage) => `${stage.stage}:${stage.status}`)).toEqual(['pretrain:computed', 'probe:computed', 'dasa:computed']);
    expect(results.status.planned).toEqual(['pretrain', 'probe', 'dasa', 'annotate', 'finetune', 'interpolate', 'evaluate']);
    expect(new Set(progress.map((p) => p.stage))).toEqual(new Set(['pretrain', 'probe-features', 'probe', 'dasa-features']));
    expect(progress.filter((p) => p.stage === 'dasa-features').at(-1)).toMatchObject({ step: 96 + 32 + 80, total: 96 + 32 + 80 });

    const dasa = results.dasa!;
    expect(dasa.record.selection.perSample).toHaveLength(80);
    expect(Object.keys(dasa.record.valScores).sort()).toEqual(['knn', 'mahalanobis']);
    expect(dasa.samples.map((sample) => sample.id)).toEqual(dasa.record.selection.selected);
    expect(dasa.record.selection.stats.budget).toBe(Math.round(0.05 * 96));
    expect(dasa.samples.length).toBe(dasa.record.selection.stats.selected);
    expect(dasa.samples.length).toBeGreaterThan(1);
    expect(dasa.samples.every((sample) => sample.query.length > 0 && !('grade' in sample))).toBe(true);
    expect(dasa.projection!.idPoints).toHaveLength(2 * 96);
    expect(dasa.projection!.poolPoints).toHaveLength(2 * 80);
    expect(dasa.projection!.explainedRatio[0]).toBeGreaterThan(0);
    expect(dasa.annotation).toBeNull();
    expect(results.evaluation).toBeNull();
    expect(results.status.lastRun).toMatchObject({ id: `pipeline/${request.datasetId}`, status: 'done', until: 'dasa' });
  });

  it('annotates with the oracle, then runs the rest; a new engine on the same store (a reload) finds every stage', async () => {
    const annotated = await engine.runPipelineStage(request, 'annotate');
    const oracle = annotated.dasa!.annotation!.record;
    expect(annotated.status.stages.map((stage) => stage.status)).toEqual(['stored', 'stored', 'stored', 'computed']);
    for (const id of annotated.dasa!.record.selection.selected) expect(oracle.grades[id]).toBe(await engine.revealPoolGrade(request.datasetId, id));

    const all = await engine.runPipelineAll(request);
    expect(all.status.stages.map((stage) => `${stage.stage}:${stage.status}`)).toEqual([
      'pretrain:stored', 'probe:stored', 'dasa:stored', 'annotate:stored', 'finetune:computed', 'interpolate:computed', 'evaluate:computed',
    ]);
    const finetune = all.status.stages.find((stage) => stage.stage === 'finetune')!;
    expect(finetune.summary).toContain(`(${oracle.finetuneIds.length} from DASA)`);
    expect(all.interpolation!.record.sweep.map((point) => point.alpha)).toEqual([0, 0.5, 1]);
    expect(all.evaluation!.record.test_ood.n).toBe(30);
    expect('predictions' in all.evaluation!.record).toBe(false);
    expect(all.evaluation!.variant).toBe('darl');
    expect((await engine.memory()).numTensors).toBeLessThan(5);

    const reloaded = await newEngine();
    const again = await reloaded.pipelineResults(request);
    expect(again.status.stages.map((stage) => stage.status)).toEqual(Array(7).fill('stored'));
    expect(again.status.stages.map((stage) => stage.key)).toEqual(all.status.stages.map((stage) => stage.key));
    expect(again.evaluation!.record).toEqual(all.evaluation!.record);
    expect(again.dasa!.projection).toEqual(all.dasa!.projection);
    expect(again.status.lastRun).toMatchObject({ status: 'done', until: 'evaluate' });
    expect(again.status.lastRun!.checkpointIds).toEqual(all.status.stages.filter((stage) => stage.hasCheckpoint).map((stage) => stage.name));
    // The run links every record it is made of (the Runs screen exports and deletes them with it), the DASA picture after DASA.
    const dasaKey = all.dasa!.stage.key;
    expect(again.status.lastRun!.recordIds).toEqual(all.status.stages.flatMap((stage) => (stage.stage === 'dasa' ? [stage.name, `view/dasa-pca-${dasaKey}`] : [stage.name])));
  });

  it('fine-tunes on the grades a person gave: other grades, other annotate and fine-tune outputs', async () => {
    const { dasa } = await engine.pipelineResults(request);
    const ids = dasa!.record.selection.selected;
    const oracle = dasa!.annotation!.record;
    const partial = { ...request, settings: { ...SHORT, annotate: { annotator: { kind: 'manual' as const, grades: { [ids[0]]: 0 as Grade } } } } };
    await expect(engine.runPipelineStage(partial, 'finetune')).rejects.toThrow(UnlabelledSamplesError);
    expect((await engine.pipelineResults(partial)).status.lastRun).toMatchObject({ status: 'failed', error: { name: 'UnlabelledSamplesError' } });

    const mine = Object.fromEntries(ids.map((id) => [id, ((oracle.grades[id] + 1) % 3) as Grade]));
    const manual = { ...request, settings: { ...SHORT, annotate: { annotator: { kind: 'manual' as const, grades: mine } } } };
    const results = await engine.runPipelineStage(manual, 'finetune');
    const annotate = results.dasa!.annotation!;
    expect(annotate.record).toMatchObject({ annotator: 'manual', grades: mine });
    expect(annotate.record.finetuneIds).toEqual(oracle.finetuneIds);
    const before = await engine.pipelineResults(request);
    const key = (r: typeof results, stage: string) => r.status.stages.find((entry) => entry.stage === stage)?.key;
    expect(key(results, 'dasa')).toBe(key(before, 'dasa'));
    expect(key(results, 'annotate')).not.toBe(key(before, 'annotate'));
    expect(key(results, 'finetune')).not.toBe(key(before, 'finetune'));
    expect(results.status.stages.map((stage) => stage.stage)).toEqual(['pretrain', 'probe', 'dasa', 'annotate', 'finetune']);
    expect(results.status.lastRun!.request.settings).toMatchObject({ annotate: { annotator: { kind: 'manual', grades: mine } } });
  });

  it('runs one job at a time; a cancel keeps the finished stages, and running again computes only the rest', async () => {
    const other = { ...request, seed: 9 };
    let cancelled = false;
    const job = engine.runPipelineAll(other, (p) => {
      if (p.stage === 'probe' && !cancelled) {
        cancelled = true;
        void engine.cancel();
      }
    });
    await expect(engine.runPipelineStage(request, 'dasa')).rejects.toThrow(BusyError);
    await expect(job).rejects.toThrow(CancelledError);
    const after = await engine.pipelineResults(other);
    expect(after.status.stages.map((stage) => stage.stage)).toEqual(['pretrain']);
    expect(after.status.lastRun).toMatchObject({ status: 'cancelled', error: { name: 'CancelledError' } });
    const again = await engine.runPipelineStage(other, 'probe');
    expect(again.status.stages.map((stage) => `${stage.stage}:${stage.status}`)).toEqual(['pretrain:stored', 'probe:computed']);
  });

  it('keeps the pipeline\'s periodic checkpoints out of the training screens\' list', async () => {
    const store = await openLabStore(DB, { estimate: null });
    const runs = new IdbRunStore(store, { toStored: toStoredCheckpoint, fromStored: fromStoredCheckpoint });
    const { status } = await engine.pipelineResults(request);
    const pretrain = (await runs.getCheckpoint(status.stages[0].name))!;
    await runs.putCheckpoint('partial/finetune-0123456789abcdef', { ...pretrain, training: { ...pretrain.training!, stage: 'finetune', step: 2, totalSteps: 8 } });
    expect((await store.listCheckpoints()).map((entry) => entry.id)).toContain('partial/finetune-0123456789abcdef');
    const listed = (await engine.listModelCheckpoints()).map((entry) => entry.id);
    expect(listed).toContain(status.stages[0].name);
    expect(listed).not.toContain('partial/finetune-0123456789abcdef');
    store.close();
  });
});
