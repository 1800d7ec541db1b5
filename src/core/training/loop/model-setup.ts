// Models and tokenizers that belong together: the config's vocabulary and special ids come
// from the tokenizer (the presets hold placeholders).
import { CheckpointMismatchError } from '../../checkpoint/errors';
import type { ModelCheckpoint } from '../../checkpoint/types';
import { gptConfig, type GptConfig, type GptPresetName } from '../../model/gpt';
import { tokenizerFromLabJson, type BpeTokenizer } from '../../tokenizer';

export function configForTokenizer(preset: GptPresetName, tokenizer: BpeTokenizer, overrides: Partial<GptConfig> = {}): GptConfig {
  return gptConfig(preset, { ...overrides, vocabSize: tokenizer.vocabSize, padId: tokenizer.special.pad, clsId: tokenizer.special.cls });
}

/** Throws when the tokenizer's ids do not fit the model config. */
export function checkTokenizerFits(config: GptConfig, tokenizer: BpeTokenizer, where: string): void {
  if (tokenizer.vocabSize > config.vocabSize) {
    throw new CheckpointMismatchError(`${where}: the tokenizer has ${tokenizer.vocabSize} tokens but the model's vocabulary is ${config.vocabSize}.`);
  }
  if (tokenizer.special.pad !== config.padId || tokenizer.special.cls !== config.clsId) {
    throw new CheckpointMismatchError(
      `${where}: the model expects [PAD] = ${config.padId} and [CLS] = ${config.clsId}, the tokenizer has ${tokenizer.special.pad} and ${tokenizer.special.cls}.`,
    );
  }
}

/** The checkpoint's tokenizer, checked against its config. */
export function checkpointTokenizer(checkpoint: ModelCheckpoint, where = 'checkpoint'): BpeTokenizer {
  if (checkpoint.tokenizer === null) throw new CheckpointMismatchError(`${where}: has no tokenizer; it cannot encode text.`);
  const tokenizer = tokenizerFromLabJson(checkpoint.tokenizer, `${where} (tokenizer)`);
  checkTokenizerFits(checkpoint.config, tokenizer, where);
  return tokenizer;
}
