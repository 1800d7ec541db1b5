// The lab's parameter names and Hugging Face's GPT-2 names, one to one. Every backbone tensor has
// the same layout on both sides: the lab's linear weights are [in, out], as GPT-2's Conv1D keeps
// them (c_attn [d, 3d] with q, k, v side by side, heads as consecutive column blocks of d / nHeads),
// so nothing is transposed. The classification head is the exception (score.weight is an
// nn.Linear, [num_labels, d]): see gpt2-head.ts.

/** The prefix GPT2LMHeadModel and GPT2ForSequenceClassification put before the backbone's names. */
export const TRANSFORMER_PREFIX = 'transformer.';

const LAYER_NAMES: readonly (readonly [lab: string, hf: string])[] = [
  ['ln1.g', 'ln_1.weight'],
  ['ln1.b', 'ln_1.bias'],
  ['attn.qkv.w', 'attn.c_attn.weight'],
  ['attn.qkv.b', 'attn.c_attn.bias'],
  ['attn.proj.w', 'attn.c_proj.weight'],
  ['attn.proj.b', 'attn.c_proj.bias'],
  ['ln2.g', 'ln_2.weight'],
  ['ln2.b', 'ln_2.bias'],
  ['mlp.fc.w', 'mlp.c_fc.weight'],
  ['mlp.fc.b', 'mlp.c_fc.bias'],
  ['mlp.proj.w', 'mlp.c_proj.weight'],
  ['mlp.proj.b', 'mlp.c_proj.bias'],
];

/** [lab name, GPT-2 name without the "transformer." prefix] of every backbone tensor, in the lab's order. */
export function backboneNamePairs(nLayers: number): [lab: string, hf: string][] {
  const pairs: [string, string][] = [['wte', 'wte.weight'], ['wpe', 'wpe.weight']];
  for (let i = 0; i < nLayers; i++) {
    for (const [lab, hf] of LAYER_NAMES) pairs.push([`h${i}.${lab}`, `h.${i}.${hf}`]);
  }
  pairs.push(['lnf.g', 'ln_f.weight'], ['lnf.b', 'ln_f.bias']);
  return pairs;
}

/** The classification head of GPT2ForSequenceClassification ([num_labels, n_embd], no bias). */
export const SCORE_NAME = 'score.weight';

/** Buffers some GPT-2 files carry beside the weights (the causal mask): not parameters, skipped on import. */
export function isAttentionBuffer(hfName: string): boolean {
  return /^h\.\d+\.attn\.(bias|masked_bias)$/.test(hfName);
}
