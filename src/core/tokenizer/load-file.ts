// Reads a tokenizer file in either format the lab knows, telling them apart by their contents.
import type { BpeTokenizer, TokenizerOptions } from './bpe-tokenizer';
import { isHuggingFaceTokenizerJson, tokenizerFromHuggingFaceObject } from './huggingface-format';
import { fileError, parseJsonText } from './json-checks';
import { isLabTokenizerJson, LAB_TOKENIZER_FORMAT, tokenizerFromLabObject } from './lab-format';

export function loadTokenizerFile(text: string, source = 'tokenizer file', options: TokenizerOptions = {}): BpeTokenizer {
  const json = parseJsonText(text, source);
  if (isLabTokenizerJson(json)) return tokenizerFromLabObject(json, source, options);
  if (isHuggingFaceTokenizerJson(json)) return tokenizerFromHuggingFaceObject(json, source, options);
  throw fileError(source, `not a tokenizer file: expected "format": "${LAB_TOKENIZER_FORMAT}" or a Hugging Face tokenizer.json with a "model"`);
}
