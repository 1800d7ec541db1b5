// Inference batches spread over the caller's thread and a gradient pool's helpers. Batches are
// handed out in order to whichever thread is free: each helper gets its first batch, then the
// caller's thread its own, then each helper a second one queued behind the first, so a helper never
// waits for this thread (busy with its own batch) to hear its answer before it gets more work.
//
// Weights go to each helper once per call, under a key that no other call uses: a helper can only
// answer with the weights of this call. If another call replaced them in the meantime, the helper
// says so and the batch is sent again with the weights.

import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../job/job-control';
import type { Gpt } from '../model/gpt';
import type { TokenBatch } from '../training/step/train-step';
import { checkSameBackend, type GradientPool } from './gradient-pool';
import { paramArrays } from './shard-gradients';
import { inferBatch, type BatchRows, type InferenceRequest } from './shard-inference';
import { ShardMismatchError } from './errors';

/** Requests a helper has queued at once (one computing, one waiting). */
const QUEUED_PER_HELPER = 2;

let calls = 0;
function freshWeightsKey(): string {
  calls += 1;
  return `${calls}-${Math.random().toString(36).slice(2)}`;
}

/**
 * Runs batches 0..count-1 (`batchAt(j)` pads batch j) on this thread and the pool's helpers, and
 * hands each batch's rows to `done` as it completes (calls to `done` never overlap). Settles once
 * no batch is in flight: rejects with the first failure (a helper's, this thread's or `done`'s),
 * after which no further batch starts.
 */
export async function spreadInference(
  model: Gpt, count: number, batchAt: (j: number) => TokenBatch, pooled: boolean, pool: GradientPool,
  done: (j: number, rows: BatchRows) => void | Promise<void>,
): Promise<void> {
  checkSameBackend(pool, tf.getBackend(), 'Inference');
  await pool.ready();
  const { config } = model;
  const weightsKey = freshWeightsKey();
  const weights = () => paramArrays(model.params);
  const sentTo = new Set<number>();

  const onHelper = async (helper: number, j: number): Promise<BatchRows> => {
    const request: InferenceRequest = { config, weightsKey, batch: batchAt(j), pooled };
    const first = !sentTo.has(helper);
    sentTo.add(helper);
    let answer = await pool.infer(helper, first ? { ...request, params: weights() } : request);
    if (answer.kind === 'missing-weights') answer = await pool.infer(helper, { ...request, params: weights() });
    if (answer.kind === 'missing-weights') throw new ShardMismatchError(`Inference thread ${helper + 1} did not keep the weights it was sent.`, { thread: helper + 1 });
    return { logits: answer.logits, pooled: answer.pooled };
  };
  const onThisThread = async (j: number): Promise<BatchRows> => {
    // Lets the helpers' answers in (and their next requests out) before this thread computes: a
    // wasm batch computes synchronously and reads back in microtasks, so without this the helpers'
    // answers would wait until this thread had no batches left.
    await yieldToEventLoop();
    return inferBatch(config, model.params, batchAt(j), pooled);
  };

  let next = 0;
  const failures: unknown[] = [];
  let reported: Promise<void> = Promise.resolve();
  const lane = async (run: (j: number) => Promise<BatchRows>): Promise<void> => {
    try {
      while (failures.length === 0 && next < count) {
        const j = next++;
        const rows = await run(j);
        if (failures.length > 0) return;
        reported = reported.then(() => done(j, rows));
        await reported;
      }
    } catch (error) {
      failures.push(error);
    }
  };
  const helpers = Array.from({ length: pool.threads }, (_, helper) => helper);
  const lanes = [
    ...helpers.map((helper) => lane((j) => onHelper(helper, j))),
    lane(onThisThread),
    ...helpers.flatMap((helper) => Array.from({ length: QUEUED_PER_HELPER - 1 }, () => lane((j) => onHelper(helper, j)))),
  ];
  await Promise.all(lanes);
  if (failures.length > 0) throw failures[0];
}
