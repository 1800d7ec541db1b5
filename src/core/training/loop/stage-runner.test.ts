import { MATCH_CHANNELS } from '../../model/match-signals';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryCheckpointSink, type CheckpointSink } from '../../checkpoint/sink';
import { restoreModel } from '../../checkpoint/capture';
import { CheckpointMismatchError } from '../../checkpoint/errors';
import { CancelledError } from '../../job/errors';
import { JobControl } from '../../job/job-control';
import type { JobProgress } from '../../job/progress';
import { createGpt, disposeGpt, gptConfig, isHeadParam, type Gpt } from '../../model/gpt';
import { CROSS_ENTROPY } from '../step/losses';
import { useBackend } from '../../backend/test-backends';
import { NonFiniteLossError, NonFiniteWeightsError, TrainerInputError } from './errors';
import { trainStage, type TrainStageOptions } from './stage-runner';
import { syntheticStageData } from './test-support';

const config = gptConfig('nano', { vocabSize: 64, contextLength: 16 });
const data = syntheticStageData(config, 40, 'runner');
const lmData = { sequences: data.sequences };

function base(model: Gpt, overrides: Partial<TrainStageOptions> = {}): TrainStageOptions {
  return { model, stage: 'finetune', data, steps: 6, learningRate: 3e-3, batchSize: 8, seed: 7, loss: CROSS_ENTROPY, ...overrides };
}

async function withModel<T>(seed: string, run: (model: Gpt) => Promise<T>): Promise<T> {
  const model = createGpt(config, seed);
  try {
    return await run(model);
  } finally {
    disposeGpt(model);
  }
}

const values = (model: Gpt) => new Map([...model.params].map(([name, v]) => [name, Array.from(v.dataSync())]));

/** Sets one value of a parameter, as an overflowing update would. */
function poison(model: Gpt, name: string, value: number): void {
  const variable = model.params.get(name)!;
  const data = variable.dataSync().slice();
  data[0] = value;
  variable.assign(tf.tensor(data, variable.shape, 'float32'));
}

/** Polls until the condition holds (a loaded machine makes fixed sleeps flaky); fails after 20 s. */
async function waitFor(condition: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('trainStage (wasm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('runs steps or epochs, lowers the loss and reports progress with finite figures', async () => {
    const events: JobProgress[] = [];
    const result = await withModel('progress', (model) =>
      trainStage(base(model, { steps: undefined, epochs: 6, learningRate: 1e-2, progressIntervalMs: 0, onProgress: (p) => void events.push(p) })),
    );
    expect(result.totalSteps).toBe(30); // 40 rows / 8 = 5 batches per epoch
    expect(result.losses).toHaveLength(30);
    expect(events.map((e) => e.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    for (const event of events) {
      expect(event.stage).toBe('finetune');
      expect(event.total).toBe(30);
      for (const key of ['loss', 'tokensPerSecond', 'learningRate', 'gradNorm']) expect(Number.isFinite(event.figures[key]), key).toBe(true);
      expect(event.figures.tokensPerSecond).toBeGreaterThan(0);
    }
    expect(events.at(-1)!.etaSeconds).toBe(0);
    const early = result.losses.slice(0, 5).reduce((a, b) => a + b) / 5;
    const late = result.losses.slice(-5).reduce((a, b) => a + b) / 5;
    expect(late).toBeLessThan(early);
  });

  it('throttles progress events to the interval, always reporting the first and last step', async () => {
    const steps: number[] = [];
    await withModel('throttle', (model) => trainStage(base(model, { steps: 8, progressIntervalMs: 60_000, onProgress: (p) => void steps.push(p.step) })));
    expect(steps).toEqual([1, 8]);
  });

  it('pauses between steps, resumes, and cancels within one step', async () => {
    const control = new JobControl('runner test');
    const seen: number[] = [];
    await withModel('pause', async (model) => {
      const run = trainStage(
        base(model, {
          steps: 50,
          control,
          lossEvery: 1,
          onStep: (step) => {
            seen.push(step);
            if (step === 3) control.pause();
          },
        }),
      );
      // Whatever an assertion does, the run must settle before withModel disposes the model.
      const settled = run.then(
        () => undefined,
        (error: unknown) => error,
      );
      try {
        await waitFor(() => seen.length >= 3);
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(seen).toEqual([1, 2, 3]); // paused: no step ran meanwhile
        control.resume();
        await waitFor(() => seen.length > 3);
        control.cancel();
        const stepsAtCancel = seen.length;
        expect(await settled).toBeInstanceOf(CancelledError);
        expect(seen.length).toBeLessThanOrEqual(stepsAtCancel + 1);
        expect(seen.length).toBeLessThan(50);
      } finally {
        control.cancel();
        await settled;
      }
    });
  });

  it('resumes from a checkpoint exactly: N/2 steps, restore into a fresh model, N/2 more = N straight', async () => {
    const N = 10;
    const straight = await withModel('resume', (model) => trainStage(base(model, { steps: N, epochs: undefined, learningRate: 5e-3 })));

    const sink = new MemoryCheckpointSink();
    const control = new JobControl('first half');
    const firstHalf: number[] = [];
    await withModel('resume', async (model) => {
      const run = trainStage(base(model, { steps: N, learningRate: 5e-3, sink, checkpointEvery: N / 2, control, onStep: (step, r) => {
        firstHalf.push(r.loss);
        if (step === N / 2) control.cancel();
      } }));
      await expect(run).rejects.toBeInstanceOf(CancelledError);
    });
    const saved = await sink.latest();
    expect(saved!.training!.step).toBe(N / 2);

    const fresh = restoreModel(saved!);
    try {
      const second = await trainStage(base(fresh, { steps: N, learningRate: 5e-3, resumeFrom: saved }));
      expect(second.startStep).toBe(N / 2);
      const resumed = [...firstHalf, ...second.losses];
      expect(resumed).toHaveLength(N);
      resumed.forEach((loss, i) => expect(loss, `step ${i + 1}`).toBeCloseTo(straight.losses[i], 5));
      const a = straight.checkpoint.weights;
      const b = second.checkpoint.weights;
      a.forEach((tensor, i) => {
        let maxDiff = 0;
        tensor.data.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - b[i].data[j]))));
        expect(maxDiff, tensor.name).toBeLessThan(1e-5);
      });
    } finally {
      disposeGpt(fresh);
    }
  });

  it('refuses to resume on other data or another stage', async () => {
    const sink = new MemoryCheckpointSink();
    await withModel('refuse', (model) => trainStage(base(model, { steps: 2, sink })));
    const saved = (await sink.latest())!;
    await withModel('refuse', async (model) => {
      const other = syntheticStageData(config, 40, 'other data');
      await expect(trainStage(base(model, { steps: 2, data: other, resumeFrom: saved }))).rejects.toThrow(/data \(fingerprint\)/);
      await expect(trainStage(base(model, { stage: 'pretrain', data: lmData, steps: 2, resumeFrom: saved }))).rejects.toBeInstanceOf(CheckpointMismatchError);
    });
  });

  it('stops on a non-finite loss with NonFiniteLossError and rolls the model back to the last good checkpoint', async () => {
    const sink = new MemoryCheckpointSink();
    await withModel('nan', async (model) => {
      let error: unknown;
      try {
        // The weights go bad right after the checkpoint of step 4 is saved, so step 5's loss is NaN.
        const poisoning: CheckpointSink = {
          save: async (checkpoint) => {
            await sink.save(checkpoint);
            if (checkpoint.training!.step === 4) poison(model, 'wte', Number.NaN);
          },
          latest: () => sink.latest(),
        };
        await trainStage(base(model, { steps: 30, sink: poisoning, checkpointEvery: 2 }));
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(NonFiniteLossError);
      const e = error as NonFiniteLossError;
      expect(e.message).toMatch(/stopped at step 5 of 30: the loss became NaN/);
      expect(e.message).toMatch(/lower learning rate/);
      const lastGood = (await sink.latest())!;
      expect(e.details.rolledBackToStep).toBe(lastGood.training!.step);
      expect(e.details.step).toBe(lastGood.training!.step + 1);
      const now = values(model);
      for (const tensor of lastGood.weights) {
        expect(now.get(tensor.name)!.every(Number.isFinite), tensor.name).toBe(true);
        expect(now.get(tensor.name)).toEqual(Array.from(tensor.data));
      }
    });
  });

  it('never saves non-finite weights: an update that overflows on a save step stops the stage and keeps the last good checkpoint', async () => {
    const sink = new MemoryCheckpointSink();
    await withModel('overflow', async (model) => {
      let before: Map<string, number[]> | null = null;
      // The loss and gradient norm of step 4 were finite; only its update blew the weights up.
      const overflow = (step: number) => {
        if (step === 2) before = values(model);
        if (step === 4) poison(model, 'h0.attn.qkv.w', Infinity);
      };
      const error = await trainStage(base(model, { steps: 6, sink, checkpointEvery: 2, onStep: overflow })).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NonFiniteWeightsError);
      expect((error as Error).message).toMatch(/step 4 of 6.*"h0\.attn\.qkv\.w".*Infinity/);
      expect((error as NonFiniteWeightsError).details).toMatchObject({ step: 4, tensor: 'h0.attn.qkv.w', rolledBackToStep: 2 });
      expect(sink.saves).toBe(1);
      const lastGood = (await sink.latest())!;
      expect(lastGood.training!.step).toBe(2);
      for (const tensor of lastGood.weights) expect(tensor.data.every(Number.isFinite), tensor.name).toBe(true);
      expect(values(model)).toEqual(before);
    });
  });

  it('never hands non-finite weights to the sink at the end of a stage', async () => {
    const sink = new MemoryCheckpointSink();
    await withModel('overflow-end', async (model) => {
      const overflow = (step: number) => void (step === 6 && poison(model, 'classifier.b', NaN));
      await expect(trainStage(base(model, { steps: 6, sink, checkpointEvery: 4, onStep: overflow }))).rejects.toThrow(NonFiniteWeightsError);
      expect(sink.saves).toBe(1);
      expect((await sink.latest())!.training!.step).toBe(4);
    });
  });

  it('pretrains the backbone only, and the probe trains the head only (on precomputed features, same losses as the full forward pass)', async () => {
    await withModel('stages', async (model) => {
      const before = values(model);
      await trainStage(base(model, { stage: 'pretrain', data: lmData, steps: 2 }));
      const after = values(model);
      // The classifier head and the unused matched-vs-shuffled head (no pair labels here) stay as they were.
      for (const [name, v] of before) (isHeadParam(name) || name.startsWith('pairs.') ? expect(after.get(name)).toEqual(v) : expect(after.get(name)).not.toEqual(v));
    });
    const viaFeatures = await withModel('probe', (model) => trainStage(base(model, { stage: 'probe', steps: 8, learningRate: 1e-2 })));
    const viaModel = await withModel('probe', (model) =>
      trainStage(base(model, { stage: 'probe', steps: 8, learningRate: 1e-2, probeOnFeatures: false })),
    );
    viaFeatures.losses.forEach((loss, i) => expect(loss).toBeCloseTo(viaModel.losses[i], 5));
    expect(viaFeatures.checkpoint.weights.find((t) => t.name === 'classifier.w')!.data[0]).toBeCloseTo(
      viaModel.checkpoint.weights.find((t) => t.name === 'classifier.w')!.data[0], 5);
  });

  it('keeps the tensor count flat across steps and frees everything it made', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    await withModel('leak', (model) => trainStage(base(model, { steps: 12, onStep: () => void counts.push(tf.memory().numTensors) })));
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses numbers outside sane ranges, naming the setting and the range', async () => {
    await withModel('ranges', async (model) => {
      await expect(trainStage(base(model, { learningRate: Number.MAX_VALUE }))).rejects.toThrow(TrainerInputError);
      await expect(trainStage(base(model, { learningRate: 1e30 }))).rejects.toThrow('learningRate must be a number from 1e-8 to 1; got 1e+30.');
      await expect(trainStage(base(model, { batchSize: 100_000 }))).rejects.toThrow('batchSize must be a whole number from 1 to 4096; got 100000.');
      await expect(trainStage(base(model, { steps: 1e9 }))).rejects.toThrow(/steps must be a whole number from 1 to 10000000/);
      await expect(trainStage(base(model, { clipNorm: -1 }))).rejects.toThrow(/clipNorm must be a number above 0/);
      await expect(trainStage(base(model, { stage: 'pretrain', data: lmData, pairsWeight: 1e9 }))).rejects.toThrow(/pairsWeight must be a number from 0 to 1000/);
      await expect(trainStage(base(model, { adamw: { beta1: 1 } }))).rejects.toThrow(/beta1 must be a number from 0 to 0\.9999/);
      await expect(trainStage(base(model, { checkpointEvery: -1 }))).rejects.toThrow(/checkpointEvery must be a whole number from 0/);
    });
  });

  it('rejects unusable settings with named errors', async () => {
    await withModel('bad', async (model) => {
      await expect(trainStage(base(model, { steps: 0 }))).rejects.toBeInstanceOf(TrainerInputError);
      await expect(trainStage(base(model, { steps: 2, epochs: 1 }))).rejects.toThrow(/not both/);
      await expect(trainStage(base(model, { data: { sequences: data.sequences } }))).rejects.toThrow(/one grade per sequence/);
      const long = { sequences: [new Int32Array(17).fill(3)], labels: new Int32Array([0]) };
      await expect(trainStage(base(model, { data: long }))).rejects.toThrow(/context length 16/);
      // Ids may carry match channels (token + vocabSize * channel), up to vocabSize * MATCH_CHANNELS.
      const foreign = { sequences: [Int32Array.of(5, 64 * MATCH_CHANNELS, 1)], labels: new Int32Array([0]) };
      await expect(trainStage(base(model, { stage: 'probe', data: foreign }))).rejects.toThrow(/position 1: token id 704 is outside/);
    });
  });
});
