import { describe, expect, it } from 'vitest';
import type { PipelineSettings } from '../../engine/pipeline-types';
import { OverallProgress } from './overall-progress';
import { ceFtShape, FORWARD_SHARE, pipelineWork, type SplitSizes } from './pipeline-work';
import { planSeconds, runAllPlan } from './run-all-plan';

const SIZES: SplitSizes = { train: 6000, val: 1000, test_id: 2000, test_ood: 2000, pool: 10000 };

/** The parts of the settings the work depends on (the small preset's quick budget in shape). */
const SETTINGS = {
  pretrain: { length: { steps: 150 }, batchSize: 16, heldOutFraction: 0.05 },
  probe: { trainRows: 2000 },
  selection: 'dasa',
  dasa: { budget: null, budgetFraction: 0.05, fitRows: 1000, valRows: 500, poolRows: 3000 },
  annotate: { holdoutFraction: 0.2 },
  finetune: { length: { epochs: 2 }, batchSize: 16, trainRows: null },
  interpolate: { alphas: [0, 0.25, 0.5, 0.75, 1], valRows: 250 },
  evaluate: { fitRows: 500, testRows: null, calibrationRows: 500 },
} as unknown as PipelineSettings;

describe('pipelineWork', () => {
  it('counts training rows per stage, forward-only rows at a third', () => {
    const work = Object.fromEntries(pipelineWork(SETTINGS, SIZES).map((entry) => [entry.stage, entry.work]));
    // 300 selected: 60 held out for alpha, 240 join the 6,000 ID train rows for 2 epochs of 16.
    expect(work).toEqual({
      pretrain: 150 * 16 + 17000 * 0.05 * FORWARD_SHARE,
      probe: 2000 * FORWARD_SHARE,
      dasa: 4500 * FORWARD_SHARE,
      annotate: 0,
      finetune: Math.ceil((2 * 6240) / 16) * 16,
      interpolate: 5 * (250 + 60) * FORWARD_SHARE,
      // 500 fit rows, both test splits and the temperature's 500 ID val rows.
      evaluate: 5000 * FORWARD_SHARE,
    });
  });

  it("counts evaluate's optional ID val rows (val_id), capped by the split", () => {
    const withVal = { ...SETTINGS, evaluate: { ...SETTINGS.evaluate, valRows: 5000, calibrationRows: null } } as PipelineSettings;
    const evaluate = pipelineWork(withVal, SIZES).find((entry) => entry.stage === 'evaluate')!;
    expect(evaluate.work).toBe((500 + 4000 + 1000 + 1000) * FORWARD_SHARE);
  });

  it('gives ce-ft no probe, selection or interpolation, and fine-tunes on ID train alone', () => {
    const work = pipelineWork(ceFtShape(SETTINGS), SIZES);
    expect(work.map((entry) => entry.stage)).toEqual(['pretrain', 'finetune', 'evaluate']);
    expect(work[1].work).toBe(Math.ceil((2 * 6000) / 16) * 16);
  });
});

describe('runAllPlan', () => {
  it('times each stage by the stage time recorded here, else by the measured row time, and leaves out free stages', () => {
    const plan = runAllPlan({
      generateExamples: 2000,
      page: [{ stage: 'pretrain', work: 100 }, { stage: 'annotate', work: 0 }, { stage: 'finetune', work: 50 }],
      comparisons: [{ run: 'ce-ft', work: [{ stage: 'finetune', work: 40 }] }],
      times: { rowSeconds: 0.01, stages: { finetune: 0.02 } },
    });
    expect(plan).toEqual([
      { run: 'page', stage: 'data', seconds: 1 },
      { run: 'page', stage: 'pretrain', seconds: 1 },
      { run: 'page', stage: 'finetune', seconds: 1 },
      { run: 'ce-ft', stage: 'finetune', seconds: 0.8 },
    ]);
    expect(planSeconds(plan)).toBeCloseTo(3.8);
  });
});

describe('OverallProgress', () => {
  const plan = [
    { run: 'page', stage: 'pretrain', seconds: 60 },
    { run: 'page', stage: 'finetune', seconds: 30 },
    { run: 'ce-ft', stage: 'finetune', seconds: 10 },
  ] as const;

  it('moves through the plan in order, the comparison run after the page run', () => {
    const progress = new OverallProgress([...plan]);
    expect(progress.view()).toMatchObject({ fraction: 0, secondsLeft: 100, position: 0 });
    progress.report({ run: 'page', stage: 'pretrain', fraction: 0.5, etaSeconds: 30 }, 0);
    expect(progress.view()).toMatchObject({ fraction: 0.3, secondsLeft: 70, position: 1 });
    // Pretraining took 120 s instead of 60: the rest is expected twice as slow too.
    progress.report({ run: 'page', stage: 'finetune', fraction: 0, etaSeconds: null }, 120);
    expect(progress.speed).toBe(2);
    expect(progress.view()).toMatchObject({ fraction: 0.6, secondsLeft: 80, position: 2 });
    progress.report({ run: 'ce-ft', stage: 'finetune', fraction: 0.5, etaSeconds: 4 }, 150);
    expect(progress.view()).toMatchObject({ fraction: 0.95, position: 3, secondsLeft: 4 });
  });

  it('ignores reports of stages outside the plan or behind it', () => {
    const progress = new OverallProgress([...plan]);
    progress.report({ run: 'page', stage: 'finetune', fraction: 0.5, etaSeconds: null }, 0);
    progress.report({ run: 'page', stage: 'pretrain', fraction: 0.9, etaSeconds: null }, 1);
    progress.report({ run: 'page', stage: 'dasa', fraction: 0.9, etaSeconds: null }, 1);
    expect(progress.view()).toMatchObject({ fraction: 0.75, position: 2 });
  });
});
