// The special tokens of the relevance prompt. Text never turns into them: only the encoder's
// structure inserts them (see pair-layout.ts), so a user typing "[CLS]" gets ordinary byte tokens.

export const SPECIAL_TOKEN_NAMES = ['[PAD]', '[BOS]', '[EOS]', '[CLS]', '[Q]', '[I]', '[SEP]'] as const;
export type SpecialTokenName = (typeof SPECIAL_TOKEN_NAMES)[number];

/** Ids of the special tokens the lab's encoders need. */
export interface SpecialTokenIds {
  /** Padding after (or before) a sequence in a batch. */
  pad: number;
  /** Start of every sequence. */
  bos: number;
  /** End of a pretraining document. */
  eos: number;
  /** Last token of a relevance prompt: the classifier reads the hidden state here. */
  cls: number;
  /** Start of the query. */
  query: number;
  /** Start of the item. */
  item: number;
  /** Between two fields of the item. */
  sep: number;
}

export function specialTokenIds(idOf: (name: SpecialTokenName) => number): SpecialTokenIds {
  return {
    pad: idOf('[PAD]'),
    bos: idOf('[BOS]'),
    eos: idOf('[EOS]'),
    cls: idOf('[CLS]'),
    query: idOf('[Q]'),
    item: idOf('[I]'),
    sep: idOf('[SEP]'),
  };
}
