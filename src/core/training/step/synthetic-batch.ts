// Test and benchmark support: a deterministic batch shaped like the tokenizer's output.

import type { GptConfig } from '../../model/gpt';
import { createRng } from '../../random';
import type { TokenBatch } from './train-step';

/** Rows of random tokens ending in [CLS], right-padded with padId, labelled by their first token. */
export function syntheticBatch(config: GptConfig, rows: number, length: number, seed: string): TokenBatch {
  const rng = createRng(seed);
  const ids = new Int32Array(rows * length).fill(config.padId);
  const pooledIndex = new Int32Array(rows);
  const labels = new Int32Array(rows);
  const special = new Set([config.padId, config.clsId]);
  const token = (): number => {
    for (;;) {
      const id = rng.int(config.vocabSize);
      if (!special.has(id)) return id;
    }
  };
  for (let r = 0; r < rows; r++) {
    const last = length - 1 - rng.int(Math.min(3, length - 1));
    for (let t = 0; t < last; t++) ids[r * length + t] = token();
    ids[r * length + last] = config.clsId;
    pooledIndex[r] = last;
    labels[r] = ids[r * length] % config.numClasses;
  }
  return { ids, rows, length, pooledIndex, labels };
}
