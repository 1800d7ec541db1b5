// The engine's pipeline methods with an experiment variant: the command line's settings for it (so the
// stage keys are the command line's), its own run record beside the page's, and the lookup of every
// variant's stored evaluation. Nano on a tiny generated dataset, a few steps per stage.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLabStore, type LabStore } from '../storage';
import { IdbRunStore } from '../storage/idb-run-store';
import { fromStoredCheckpoint, toStoredCheckpoint } from '../core/checkpoint/stored';
import { experimentSettings } from '../core/experiment/run-experiment';
import type { Variant } from '../core/experiment/variants';
import { runPipelineStages } from '../core/pipeline/pipeline';
import type { BaselineSelectRecord } from '../core/pipeline/stages/baseline-select';
import type { DasaRecord } from '../core/pipeline/stages/dasa';
import { PIPELINE_STAGES } from '../core/pipeline/stage';
import { PipelineInputError } from '../core/pipeline/errors';
import { InvalidOptionError } from './errors';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';
import { PipelineDataCache } from './pipeline-data';
import type { PipelineRequest, PipelineResults } from './pipeline-types';
import type { LabEngine } from './types';

const DB = 'pipeline-variants';
const TINY = { seed: 5, sizes: { train: 96, val: 32, test_id: 30, test_ood: 30, pool: 80 } };
const SHORT = {
  pretrain: { length: { steps: 6 }, checkpointEvery: 3 },
  probe: { length: { epochs: 1 } },
  finetune: { length: { steps: 8 }, checkpointEvery: 4 },
  interpolate: { alphas: [0, 0.5, 1] },
};

let engine: LabEngine;
let store: LabStore;
let request: PipelineRequest;

const statuses = (results: PipelineResults) => results.status.stages.map((stage) => `${stage.stage}:${stage.status}`);
const keys = (results: PipelineResults) => Object.fromEntries(results.status.stages.map((stage) => [stage.stage, stage.key]));

/** The stage keys the command line's settings give for a variant (looked up in the same store: computes nothing). */
async function commandLineKeys(variant: Variant, overrides: typeof SHORT = SHORT): Promise<Record<string, string>> {
  const settings = experimentSettings({ preset: 'nano', budget: 'full', overrides }, variant, 3);
  const { data } = await new PipelineDataCache().get(store, request.datasetId);
  const runs = await runPipelineStages(settings, data, new IdbRunStore(store, { toStored: toStoredCheckpoint, fromStored: fromStoredCheckpoint }), { until: null });
  return Object.fromEntries(PIPELINE_STAGES.filter((stage) => runs[stage]).map((stage) => [stage, runs[stage]!.key]));
}

const storedRunIds = async () => (await store.listRuns()).map((run) => run.id).filter((id) => id.startsWith('pipeline/')).sort();

beforeAll(async () => {
  engine = createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore(DB, { estimate: null }) });
  await engine.init({ backend: 'wasm' });
  const datasetId = (await engine.generateDataset(TINY)).info.id;
  request = { datasetId, preset: 'nano', seed: 3, settings: SHORT };
  store = await openLabStore(DB, { estimate: null });
});

describe('pipeline variants', () => {
  it('refuses an unknown variant by name', async () => {
    await expect(engine.runPipelineAll({ ...request, variant: 'darl-no-x' as never })).rejects.toThrow(InvalidOptionError);
    await expect(engine.pipelineVariantResults(request, ['ce-ft', 'nope' as never])).rejects.toThrow('variant must be one of ce-ft, darl, darl-no-occ');
  });

  it("runs ce-ft with the command line's keys, under its own run; the lookup gives its metrics and null for darl", async () => {
    const before = await engine.pipelineVariantResults(request);
    expect(before.map((entry) => entry.variant)).toEqual(['ce-ft', 'darl', 'darl-no-occ', 'darl-no-dasa', 'darl-no-lp', 'darl-no-wi']);
    expect(before.every((entry) => entry.result === null)).toBe(true);

    const ceft = await engine.runPipelineAll({ ...request, variant: 'ce-ft' });
    expect(statuses(ceft)).toEqual(['pretrain:computed', 'finetune:computed', 'evaluate:computed']);
    expect(ceft.status.planned).toEqual(['pretrain', 'finetune', 'evaluate']);
    expect(ceft.evaluation!.variant).toBe('ce-ft');
    expect(keys(ceft)).toEqual(await commandLineKeys('ce-ft'));
    expect(ceft.status.lastRun).toMatchObject({ id: `pipeline/${request.datasetId}/ce-ft`, kind: 'pipeline-run', status: 'done', request: { variant: 'ce-ft' } });
    expect(ceft.status.lastRun!.name).toContain('ce-ft');
    expect(ceft.status.lastRun!.recordIds).toEqual(ceft.status.stages.map((stage) => stage.name));
    // The page's own run (no variant) is neither written nor found.
    expect(await storedRunIds()).toEqual([`pipeline/${request.datasetId}/ce-ft`]);
    expect((await engine.pipelineResults(request)).status.lastRun).toBeNull();

    const found = await engine.pipelineVariantResults(request, ['ce-ft', 'darl']);
    expect(found.map((entry) => entry.variant)).toEqual(['ce-ft', 'darl']);
    const result = found[0].result!;
    expect(result.stage.key).toBe(keys(ceft).evaluate);
    expect(result.stage.status).toBe('stored');
    expect(result.test_id).toEqual({ ...ceft.evaluation!.record.test_id, per_class: undefined, confusion_matrix: undefined, reliability: undefined });
    expect('confusion_matrix' in result.test_id).toBe(false);
    expect(result.test_ood.macro_f1).toBe(ceft.evaluation!.record.test_ood.macro_f1);
    expect(result.test_ood.n).toBe(30);
    expect(result.id_ood_gap.macro_f1).toBeCloseTo(result.test_id.macro_f1 - result.test_ood.macro_f1, 12);
    expect(found[1].result).toBeNull();
  });

  it("the page's own run stays its own; darl shares ce-ft's pretrain, and darl-no-wi after darl reuses every stage up to fine-tuning", async () => {
    const page = await engine.runPipelineAll(request);
    expect(page.status.lastRun).toMatchObject({ id: `pipeline/${request.datasetId}`, status: 'done' });
    expect(page.evaluation!.variant).toBe('darl');
    expect(statuses(page)[0]).toBe('pretrain:stored'); // ce-ft's, same key
    const pageRun = await store.loadRun(`pipeline/${request.datasetId}`);

    // darl is the page's settings here: every stage stored, the same keys as the command line's.
    const darl = await engine.runPipelineAll({ ...request, variant: 'darl' });
    expect(darl.status.stages.every((stage) => stage.status === 'stored')).toBe(true);
    expect(keys(darl)).toEqual(keys(page));
    expect(keys(darl)).toEqual(await commandLineKeys('darl'));

    const noWi = await engine.runPipelineAll({ ...request, variant: 'darl-no-wi' });
    expect(keys(noWi)).toEqual(await commandLineKeys('darl-no-wi'));
    expect(noWi.status.planned).not.toContain('interpolate');
    // Interpolation that chose alpha = 1 is the fine-tuned model itself: then its evaluation is shared too.
    const alpha = page.interpolation!.record.alpha;
    expect(statuses(noWi)).toEqual(['pretrain:stored', 'probe:stored', 'dasa:stored', 'annotate:stored', 'finetune:stored', `evaluate:${alpha === 1 ? 'stored' : 'computed'}`]);

    // The page's own run record is untouched by the variants' jobs; each variant has its own.
    expect(await store.loadRun(`pipeline/${request.datasetId}`)).toEqual(pageRun);
    expect(await storedRunIds()).toEqual([`pipeline/${request.datasetId}`, ...['ce-ft', 'darl', 'darl-no-wi'].map((v) => `pipeline/${request.datasetId}/${v}`)].sort());

    const all = await engine.pipelineVariantResults(request);
    expect(all.filter((entry) => entry.result !== null).map((entry) => entry.variant)).toEqual(['ce-ft', 'darl', 'darl-no-wi']);
    expect(all.find((entry) => entry.variant === 'darl')!.result!.stage.key).toBe(page.evaluation!.stage.key);
    expect(all.find((entry) => entry.variant === 'darl')!.result!.test_ood.macro_f1).toBe(page.evaluation!.record.test_ood.macro_f1);
  });

  it("the opt-in controls share darl's stages where they claim to, with the command line's keys", async () => {
    const darl = keys(await engine.runPipelineAll({ ...request, variant: 'darl' }));
    const runStore = new IdbRunStore(store, { toStored: toStoredCheckpoint, fromStored: fromStoredCheckpoint });
    const run = async (variant: Variant, settings = SHORT) => {
      const results = await engine.runPipelineAll({ ...request, settings, variant });
      expect(keys(results), variant).toEqual(await commandLineKeys(variant, settings));
      expect(results.evaluation!.variant).toBe(variant);
      return results;
    };

    // ce-ft+dasa: darl's selection and labels, ce-ft's fine-tuning from the pretrained model.
    const ceDasa = await run('ce-ft+dasa');
    expect(statuses(ceDasa)).toEqual(['pretrain:stored', 'dasa:stored', 'annotate:stored', 'finetune:computed', 'evaluate:computed']);
    expect(keys(ceDasa)).toMatchObject({ pretrain: darl.pretrain, dasa: darl.dasa, annotate: darl.annotate });

    // ce-ft+random: the random selection darl-no-dasa makes (computed here first), then the same for darl-no-dasa.
    const ceRandom = await run('ce-ft+random');
    expect(statuses(ceRandom)).toEqual(['pretrain:stored', 'dasa:stored', 'random-select:computed', 'annotate:computed', 'finetune:computed', 'evaluate:computed']);
    expect(keys(ceRandom)['random-select']).toBe((await commandLineKeys('darl-no-dasa'))['random-select']);

    // The selection baselines: darl's probe and DASA run, then their own selection and labels.
    for (const variant of ['darl-uncertainty', 'darl-coreset', 'darl-random-ood'] as const) {
      const baseline = await run(variant);
      expect(statuses(baseline), variant).toEqual(['pretrain:stored', 'probe:stored', 'dasa:stored', 'baseline-select:computed', 'annotate:computed', 'finetune:computed', 'interpolate:computed', 'evaluate:computed']);
      expect(keys(baseline)).toMatchObject({ probe: darl.probe, dasa: darl.dasa });
      expect(baseline.status.planned).toEqual(baseline.status.stages.map((stage) => stage.stage));
      const stored = await runStore.getRecord<{ record: BaselineSelectRecord }>(baseline.status.stages.find((stage) => stage.stage === 'baseline-select')!.name);
      const { selection, entropy } = stored!.record;
      expect(selection.method).toBe(variant.slice('darl-'.length));
      expect(selection.selected.length).toBeGreaterThan(0);
      expect(selection.selected).toHaveLength((await runStore.getRecord<{ record: DasaRecord }>(`stage/dasa-${darl.dasa}`))!.record.selection.stats.selected);
      if (variant === 'darl-uncertainty') {
        // No sample left out (other than a near-duplicate) is more uncertain than one taken.
        const taken = selection.perSample.flatMap((sample, i) => (sample.selected ? [entropy![i]] : []));
        const passed = selection.perSample.flatMap((sample, i) => (!sample.selected && sample.nearDuplicateOf === null ? [entropy![i]] : []));
        expect(Math.max(...passed)).toBeLessThanOrEqual(Math.min(...taken));
      }
      if (variant === 'darl-random-ood') expect(selection.stats.oodTagged!.selected).toBe(1);
    }

    // darl-no-lp-init: darl-no-lp's fine-tuning (from the pretrained model), darl's probe as the interpolation start.
    const noLp = await run('darl-no-lp');
    const noLpInit = await run('darl-no-lp-init');
    expect(statuses(noLpInit)).toEqual(['pretrain:stored', 'probe:stored', 'dasa:stored', 'annotate:stored', 'finetune:stored', 'interpolate:computed', 'evaluate:computed']);
    expect(keys(noLpInit)).toMatchObject({ probe: darl.probe, finetune: keys(noLp).finetune });
    expect(keys(noLpInit).interpolate).not.toBe(keys(noLp).interpolate);

    // ce-ft+id: with every ID train row already in fine-tuning there are no extra ID labels.
    await expect(engine.runPipelineAll({ ...request, variant: 'ce-ft+id' })).rejects.toThrow(PipelineInputError);
    // With a sample of 60 rows: ce-ft on 60 + DASA's budget (5% of 96 = 5) rows, nothing else.
    const sampled = { ...SHORT, finetune: { ...SHORT.finetune, trainRows: 60 } };
    const ceId = await run('ce-ft+id', sampled);
    expect(ceId.status.planned).toEqual(['pretrain', 'finetune', 'evaluate']);
    expect(ceId.status.settings.selection).toBe('extra-id');
    const finetune = await runStore.getRecord<{ settings: { trainRows: number } }>(ceId.status.stages.find((stage) => stage.stage === 'finetune')!.name);
    expect(finetune!.settings.trainRows).toBe(65);
  });
});
