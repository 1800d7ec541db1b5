// The tokenizer's public surface.
export { BpeTokenizer, type DecodeOptions, type TokenizerOptions } from './bpe-tokenizer';
export type { TokenizerDefinition, TrainingInfo } from './definition';
export { TokenizerConfigError, TokenizerFileError } from './errors';
export { tokenizerFromHuggingFaceJson, tokenizerToHuggingFaceJson } from './huggingface-format';
export { itemFieldTexts } from './item-fields';
export { LAB_TOKENIZER_FORMAT, LAB_TOKENIZER_VERSION, tokenizerFromLabJson, tokenizerToLabJson } from './lab-format';
export { loadTokenizerFile } from './load-file';
export { padBatch, type PaddedBatch } from './pad-batch';
export { PAIR_STRUCTURE_TOKENS, layoutPair } from './pair-layout';
export { pretokenize } from './pretokenize';
export { SPECIAL_TOKEN_NAMES, type SpecialTokenIds, type SpecialTokenName } from './special-tokens';
export { MAX_TRAINED_VOCAB_SIZE, MIN_TRAINED_VOCAB_SIZE, trainTokenizer, type TrainOptions } from './train';
