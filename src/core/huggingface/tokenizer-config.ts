// tokenizer_config.json beside tokenizer.json: which class loads it and which of the lab's special
// tokens play the roles transformers knows (bos, eos, pad, cls, sep).
export const TOKENIZER_FILE = 'tokenizer.json';
export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';

export function tokenizerConfigJson(contextLength: number): Record<string, unknown> {
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: contextLength,
    bos_token: '[BOS]',
    eos_token: '[EOS]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    add_prefix_space: false,
    clean_up_tokenization_spaces: false,
    padding_side: 'right',
  };
}
