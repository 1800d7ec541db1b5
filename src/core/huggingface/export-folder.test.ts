import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../io/safetensors';
import { HuggingFaceExportError } from './errors';
import { hasTrainedHead, huggingFaceFolder, MODEL_FILE } from './export-folder';
import { decodeLabExtras } from './lab-extras';
import { sampleLabCheckpoint, sampleTokenizer } from './test-support';

const tokenizer = sampleTokenizer();
const text = (files: ReturnType<typeof huggingFaceFolder>, name: string) => new TextDecoder().decode(files.find((f) => f.name === name)!.bytes);
const json = (files: ReturnType<typeof huggingFaceFolder>, name: string) => JSON.parse(text(files, name)) as Record<string, unknown>;

describe('export as a Hugging Face GPT-2 folder', () => {
  const checkpoint = sampleLabCheckpoint(tokenizer, 1);
  const { config } = checkpoint;
  const files = huggingFaceFolder(checkpoint, { head: true });

  it('writes the six files', () => {
    expect(files.map((f) => f.name)).toEqual(['model.safetensors', 'config.json', 'tokenizer.json', 'tokenizer_config.json', 'lab.safetensors', 'README.md']);
  });

  it("names every tensor as transformers' GPT-2 does, with GPT-2's shapes, weights only", () => {
    const { tensors, metadata } = decodeSafetensors(files.find((f) => f.name === MODEL_FILE)!.bytes);
    expect(metadata).toEqual({ format: 'pt' });
    const shapes = Object.fromEntries(tensors.map((t) => [t.name, t.shape]));
    const d = config.dModel;
    expect(shapes).toMatchObject({
      'transformer.wte.weight': [config.vocabSize, d],
      'transformer.wpe.weight': [config.contextLength, d],
      'transformer.h.0.ln_1.weight': [d],
      'transformer.h.0.ln_1.bias': [d],
      'transformer.h.0.attn.c_attn.weight': [d, 3 * d],
      'transformer.h.0.attn.c_attn.bias': [3 * d],
      'transformer.h.0.attn.c_proj.weight': [d, d],
      'transformer.h.1.ln_2.weight': [d],
      'transformer.h.1.mlp.c_fc.weight': [d, 4 * d],
      'transformer.h.1.mlp.c_proj.weight': [4 * d, d],
      'transformer.ln_f.bias': [d],
      'score.weight': [3, d],
    });
    expect(tensors).toHaveLength(2 + 12 * config.nLayers + 2 + 1);
    expect(tensors.every((t) => t.dtype === 'float32')).toBe(true);
  });

  it('keeps the backbone as it is and transposes only the head into score.weight', () => {
    const { tensors } = decodeSafetensors(files.find((f) => f.name === MODEL_FILE)!.bytes);
    const exported = (name: string) => tensors.find((t) => t.name === name)!.data;
    const lab = (name: string) => checkpoint.weights.find((t) => t.name === name)!.data;
    expect(exported('transformer.h.0.attn.c_attn.weight')).toEqual(lab('h0.attn.qkv.w'));
    expect(exported('transformer.h.1.mlp.c_proj.weight')).toEqual(lab('h1.mlp.proj.w'));
    const score = exported('score.weight');
    const classifier = lab('classifier.w');
    expect(score[1 * config.dModel + 5]).toBe(classifier[5 * 3 + 1]); // score[class 1, row 5] = classifier[row 5, class 1]
    // Plain text is on match channel 0: its row is in every position's embedding.
    expect(exported('transformer.wpe.weight')[3 * config.dModel + 2]).toBeCloseTo(lab('wpe')[3 * config.dModel + 2] + lab('wme')[2], 6);
  });

  it("writes GPT2Config's fields and the head's labels", () => {
    expect(json(files, 'config.json')).toMatchObject({
      model_type: 'gpt2', architectures: ['GPT2ForSequenceClassification'], vocab_size: config.vocabSize, n_positions: 16, n_embd: 32,
      n_layer: 2, n_head: 2, n_inner: 128, activation_function: 'gelu_new', layer_norm_epsilon: 1e-5, tie_word_embeddings: true,
      pad_token_id: tokenizer.special.pad, bos_token_id: tokenizer.special.bos, eos_token_id: tokenizer.special.eos,
      num_labels: 3, id2label: { 0: 'irrelevant', 1: 'weak', 2: 'strong' }, label2id: { irrelevant: 0, weak: 1, strong: 2 },
    });
    expect(json(files, 'tokenizer_config.json')).toMatchObject({ tokenizer_class: 'PreTrainedTokenizerFast', pad_token: '[PAD]', model_max_length: 16 });
    expect(json(files, 'tokenizer.json')).toMatchObject({ model: { type: 'BPE' }, pre_tokenizer: { type: 'ByteLevel' } });
  });

  it('keeps what GPT-2 has no name for in lab.safetensors, and says so in the README', () => {
    const extras = decodeLabExtras(files.find((f) => f.name === 'lab.safetensors')!.bytes);
    expect(extras.tensors.map((t) => [t.name, t.shape])).toEqual([
      ['wme', [11, 32]], ['pairs.w', [32, 1]], ['pairs.b', [1]], ['classifier.rows', [11, 3]], ['classifier.b', [3]],
    ]);
    expect(extras.classifierRowsFrom).toBe(32);
    const readme = text(files, 'README.md');
    const bias = Array.from(checkpoint.weights.find((t) => t.name === 'classifier.b')!.data, (v) => Number(v.toPrecision(6)).toString());
    expect(readme).toContain(`adds [${bias.join(', ')}]`);
    expect(readme).toMatch(/Match signals/);
    expect(readme).not.toMatch(/LogitNorm/);
  });

  it('names LogitNorm in the README when the model was trained with it', () => {
    const trained = { ...checkpoint, training: { stage: 'finetune', loss: { logitNormTau: 0.04 } } } as unknown as typeof checkpoint;
    expect(hasTrainedHead(trained)).toBe(true);
    expect(text(huggingFaceFolder(trained), 'README.md')).toMatch(/LogitNorm \(tau 0\.04\)/);
  });

  it('exports a pretraining checkpoint as GPT2LMHeadModel without score.weight', () => {
    const lmOnly = huggingFaceFolder(checkpoint);
    expect(json(lmOnly, 'config.json').architectures).toEqual(['GPT2LMHeadModel']);
    expect(json(lmOnly, 'config.json')).not.toHaveProperty('num_labels');
    expect(decodeSafetensors(lmOnly[0].bytes).tensors.some((t) => t.name === 'score.weight')).toBe(false);
    expect(decodeLabExtras(lmOnly[4].bytes).classifierRowsFrom).toBe(0);
  });

  it('refuses a checkpoint without a tokenizer', () => {
    expect(() => huggingFaceFolder({ ...checkpoint, tokenizer: null }, { where: 'run.safetensors' })).toThrow(HuggingFaceExportError);
    expect(() => huggingFaceFolder({ ...checkpoint, tokenizer: null }, { where: 'run.safetensors' })).toThrow(/run\.safetensors: has no tokenizer/);
  });
});
