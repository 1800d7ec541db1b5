import { describe, expect, it } from 'vitest';
import type { ModelCheckpoint } from '../checkpoint/types';
import { RunStoreError } from './errors';
import { stageKey } from './keys';
import { MemoryRunStore } from './memory-run-store';
import { partialName, runStage, stageName, type StageResume } from './stage';

function fakeCheckpoint(values: number[], head = 0, step: number | null = null): ModelCheckpoint {
  return {
    config: { dModel: 2 } as never,
    tokenizer: 'tok',
    weights: [
      { name: 'wte', dtype: 'float32', shape: [values.length], data: Float32Array.from(values) },
      { name: 'classifier.b', dtype: 'float32', shape: [1], data: Float32Array.of(head) },
    ],
    optimizer: { step: 1, tensors: [] },
    training: step === null ? null : ({ stage: 'finetune', step, totalSteps: 5 } as never),
  };
}

describe('runStage', () => {
  it('computes once, stores record and checkpoint, and reuses them for the same settings and inputs', async () => {
    const store = new MemoryRunStore();
    let calls = 0;
    const call = { stage: 'probe' as const, settings: { lr: 1 }, inputKeys: ['a'], run: async () => ({ record: { calls: ++calls, nan: NaN }, checkpoint: fakeCheckpoint([1, 2]) }) };
    const first = await runStage(store, call);
    expect(first).toMatchObject({ status: 'computed', key: stageKey('probe', { lr: 1 }, ['a']), hasCheckpoint: true, resumedFromStep: null });
    // Read back through JSON even when just computed: NaN is null, as any store gives it back.
    expect(first.record).toEqual({ calls: 1, nan: null });
    expect((await first.checkpoint()).optimizer).toBeNull();

    const second = await runStage(store, call);
    expect(second.status).toBe('stored');
    expect(second.record).toEqual({ calls: 1, nan: null });
    expect(second.backbone).toBe(first.backbone);
    expect(Array.from((await second.checkpoint()).weights[0].data)).toEqual([1, 2]);
    expect(calls).toBe(1);

    expect((await runStage(store, { ...call, settings: { lr: 2 } })).status).toBe('computed');
    expect((await runStage(store, { ...call, inputKeys: ['b'] })).status).toBe('computed');
    expect(calls).toBe(3);
  });

  it('fingerprints the checkpoint: every weight, and the backbone without the head', async () => {
    const store = new MemoryRunStore();
    const run = (values: number[], head: number, name: string) =>
      runStage(store, { stage: 'probe', settings: {}, inputKeys: [name], run: async () => ({ record: {}, checkpoint: fakeCheckpoint(values, head) }) });
    const a = await run([1, 2], 0, 'a');
    const headOnly = await run([1, 2], 5, 'b');
    expect(headOnly.backbone).toBe(a.backbone);
    expect(headOnly.model).not.toBe(a.model);
    expect((await run([1, 2], 0, 'd')).model).toBe(a.model);
    expect((await run([1, 3], 0, 'c')).backbone).not.toBe(a.backbone);
  });

  it('hands an unfinished periodic checkpoint to the stage, and drops it once the stage is done', async () => {
    const store = new MemoryRunStore();
    const key = stageKey('finetune', {}, []);
    await store.putCheckpoint(partialName('finetune', key), fakeCheckpoint([1], 0, 3));
    let seen: StageResume | null = null;
    const run = await runStage(store, {
      stage: 'finetune',
      settings: {},
      inputKeys: [],
      run: async (resume) => {
        seen = resume;
        await resume.sink.save(fakeCheckpoint([2], 0, 4));
        return { record: { ok: true } };
      },
    });
    expect(seen!.from?.training?.step).toBe(3);
    expect(run.resumedFromStep).toBe(3);
    expect(await store.getCheckpoint(partialName('finetune', key))).toBeNull();
    await expect(run.checkpoint()).rejects.toThrow(RunStoreError);
  });

  it('ignores a periodic checkpoint of a finished run, and keeps the partial when the stage fails', async () => {
    const store = new MemoryRunStore();
    const key = stageKey('finetune', {}, []);
    await store.putCheckpoint(partialName('finetune', key), fakeCheckpoint([1], 0, 5));
    let from: ModelCheckpoint | null = fakeCheckpoint([0]);
    await runStage(store, { stage: 'finetune', settings: {}, inputKeys: [], run: async (resume) => ((from = resume.from), { record: {} }) });
    expect(from).toBeNull();

    const failing = { stage: 'finetune' as const, settings: { x: 1 }, inputKeys: [], run: async (resume: StageResume): Promise<never> => {
      await resume.sink.save(fakeCheckpoint([1], 0, 2));
      throw new Error('interrupted');
    } };
    await expect(runStage(store, failing)).rejects.toThrow('interrupted');
    expect(await store.getRecord(stageName('finetune', stageKey('finetune', { x: 1 }, [])))).toBeNull();
    expect((await store.getCheckpoint(partialName('finetune', stageKey('finetune', { x: 1 }, []))))?.training?.step).toBe(2);
  });

  it('refuses a record stored under the name that is not this stage\'s output', async () => {
    const store = new MemoryRunStore();
    const key = stageKey('evaluate', {}, []);
    await store.putRecord(stageName('evaluate', key), { format: 'something-else' });
    await expect(runStage(store, { stage: 'evaluate', settings: {}, inputKeys: [], run: async () => ({ record: {} }) })).rejects.toThrow(/not this stage's output; delete it/);
  });
});
