// Test support: the lab's outputs as plain arrays, for comparing with another implementation.
import * as tf from '@tensorflow/tfjs';
import { restoreModel } from '../checkpoint/capture';
import type { ModelCheckpoint } from '../checkpoint/types';
import { classify, disposeGpt, hiddenStates, lastTokenIndex, lmLogits } from '../model/gpt';

export interface LabOutputs {
  /** Next-token logits [B][T][V]. */
  logits: number[][][];
  /** Grade logits [B][numClasses] at each row's last non-padding token. */
  classes: number[][];
}

/** Rows of equal length, right-padded with the model's padId; `channels` (same shape) for a model with match signals. */
export function labOutputs(checkpoint: ModelCheckpoint, rows: readonly (readonly number[])[], channels?: readonly (readonly number[])[]): LabOutputs {
  const model = restoreModel(checkpoint);
  const { config } = model;
  const B = rows.length;
  const T = rows[0].length;
  const flat = Int32Array.from(rows.flat());
  try {
    return tf.tidy(() => {
      const ids = tf.tensor2d(flat, [B, T], 'int32');
      const logits = lmLogits(config, model.params, hiddenStates(config, model.params, ids)).arraySync();
      const pooledIndex = tf.tensor1d(lastTokenIndex(flat, B, T, config.padId), 'int32');
      const channelTensor = channels ? tf.tensor2d(Int32Array.from(channels.flat()), [B, T], 'int32') : undefined;
      const classes = classify(config, model.params, { ids, pooledIndex, channels: channelTensor }).logits.arraySync();
      return { logits, classes };
    });
  } finally {
    disposeGpt(model);
  }
}

export function maxAbsDifference(a: unknown, b: unknown): number {
  const left = [a].flat(3) as number[];
  const right = [b].flat(3) as number[];
  if (left.length !== right.length) throw new Error(`${left.length} values against ${right.length}`);
  return left.reduce((max, value, i) => Math.max(max, Math.abs(value - right[i])), 0);
}
