// Held-out language-model loss and the unigram baseline it must beat, both in nats per token
// over the same targets: every token of each held-out sequence after its first.
import * as tf from '@tensorflow/tfjs';
import { lmLoss, type Gpt } from '../../model/gpt';
import { batchInputs } from '../step/batch-inputs';
import { inferenceBatches, padRows } from './batching';

/** Mean next-token cross-entropy over all targets (weighted by target count, not per batch). */
export async function heldOutLmLoss(model: Gpt, sequences: readonly Int32Array[], batchSize = 16): Promise<number> {
  let total = 0;
  let count = 0;
  for (const indices of inferenceBatches(sequences.map((s) => s.length), batchSize)) {
    const batch = padRows(sequences, indices, model.config.padId);
    const targets = indices.reduce((sum, i) => sum + sequences[i].length - 1, 0);
    const lossTensor = tf.tidy(() => lmLoss(model.config, model.params, batchInputs(model.config, batch)));
    total += (await lossTensor.data())[0] * targets;
    lossTensor.dispose();
    count += targets;
  }
  return total / count;
}

/**
 * Cross-entropy of the held-out targets under the training targets' unigram distribution with
 * add-one smoothing: p(t) = (count(t) + 1) / (N + V). This is the unigram entropy of the
 * held-out stream as a model that ignores context would see it.
 */
export function unigramCrossEntropy(train: readonly Int32Array[], heldOut: readonly Int32Array[], vocabSize: number): number {
  const counts = new Float64Array(vocabSize);
  let n = 0;
  for (const sequence of train) {
    for (let i = 1; i < sequence.length; i++) counts[sequence[i]] += 1;
    n += sequence.length - 1;
  }
  let total = 0;
  let targets = 0;
  for (const sequence of heldOut) {
    for (let i = 1; i < sequence.length; i++) total -= Math.log((counts[sequence[i]] + 1) / (n + vocabSize));
    targets += sequence.length - 1;
  }
  return total / targets;
}
