// Test support: small labelled sequences shaped like relevance prompts, for the nano model.
import type { GptConfig } from '../../model/gpt';
import { createRng } from '../../random';
import type { StageData } from './stage-runner';

/** `count` rows of 4..maxLength random tokens ending in [CLS]; the grade is the first token mod 3. */
export function syntheticStageData(config: GptConfig, count: number, seed: string, maxLength = config.contextLength): StageData {
  const rng = createRng(seed);
  const special = new Set([config.padId, config.clsId]);
  const token = (): number => {
    for (;;) {
      const id = rng.int(config.vocabSize);
      if (!special.has(id)) return id;
    }
  };
  const sequences: Int32Array[] = [];
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const length = 4 + rng.int(maxLength - 3);
    const row = Int32Array.from({ length }, token);
    row[length - 1] = config.clsId;
    sequences.push(row);
    labels[i] = row[0] % config.numClasses;
  }
  return { sequences, labels };
}
