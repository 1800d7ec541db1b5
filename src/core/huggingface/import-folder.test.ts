import { beforeAll, describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../io/safetensors';
import { TokenizerFileError } from '../tokenizer';
import { useBackend } from '../backend/test-backends';
import { HuggingFaceImportError } from './errors';
import { huggingFaceFolder, MODEL_FILE, type FolderFile } from './export-folder';
import { importHuggingFaceFolder } from './import-folder';
import { labOutputs, maxAbsDifference } from './lab-forward';
import { sampleLabCheckpoint, sampleTokenizer } from './test-support';

const tokenizer = sampleTokenizer();
const labModel = sampleLabCheckpoint(tokenizer, 5);
const exported = huggingFaceFolder(labModel, { head: true });
/** The same model as a plain GPT-2 would come: no match signals, no lab.safetensors. */
const plain = huggingFaceFolder(sampleLabCheckpoint(tokenizer, 6, { matchSignals: false }), { head: true }).filter((f) => f.name !== 'lab.safetensors');

const encoder = new TextEncoder();
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function importFiles(files: readonly FolderFile[]) {
  const byName = new Map(files.map((f) => [f.name, f.bytes]));
  return importHuggingFaceFolder(async (name) => byName.get(name) ?? null, 'models/gpt2');
}

function replaced(files: readonly FolderFile[], name: string, bytes: Uint8Array | null): FolderFile[] {
  const rest = files.filter((f) => f.name !== name);
  return bytes ? [...rest, { name, bytes }] : rest;
}

function withConfig(files: readonly FolderFile[], change: Record<string, unknown>): FolderFile[] {
  const config = JSON.parse(decode(files.find((f) => f.name === 'config.json')!.bytes)) as Record<string, unknown>;
  return replaced(files, 'config.json', encoder.encode(JSON.stringify({ ...config, ...change })));
}

function withTensors(files: readonly FolderFile[], change: (tensors: NamedTensor[]) => NamedTensor[]): FolderFile[] {
  const { tensors } = decodeSafetensors(files.find((f) => f.name === MODEL_FILE)!.bytes);
  return replaced(files, MODEL_FILE, encodeSafetensors(change(tensors)));
}

async function importError(files: readonly FolderFile[]): Promise<Error> {
  try {
    await importFiles(files);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the import accepted the folder');
}

beforeAll(() => useBackend('cpu'));

describe('import a Hugging Face GPT-2 folder', () => {
  it("gives back the lab's exported model: same weights, same grades with match channels", async () => {
    for (const head of [true, false]) {
      const { checkpoint, notes } = await importFiles(huggingFaceFolder(labModel, { head }));
      expect(checkpoint.config).toEqual(labModel.config);
      expect(notes).toEqual([]);
      for (const tensor of labModel.weights) {
        const back = checkpoint.weights.find((t) => t.name === tensor.name)!;
        expect(maxAbsDifference(Array.from(back.data), Array.from(tensor.data)), tensor.name).toBeLessThan(tensor.name === 'wpe' ? 1e-6 : 1e-12);
      }
      const rows = [tokenizer.encodePair('term life', 'Acme term life cover', 12)];
      const channels = [rows[0].map((_, i) => i % 11)];
      expect(maxAbsDifference(labOutputs(checkpoint, rows, channels).classes, labOutputs(labModel, rows, channels).classes)).toBeLessThan(1e-5);
    }
  });

  it('says when the model was trained with LogitNorm, which an import does not apply', async () => {
    const trained = { ...labModel, training: { stage: 'finetune', loss: { logitNormTau: 0.04 } } } as unknown as typeof labModel;
    const { notes } = await importFiles(huggingFaceFolder(trained));
    expect(notes).toEqual([expect.stringMatching(/trained with LogitNorm \(tau 0\.04\); an import has no training state/)]);
  });

  it('reads a plain GPT-2 as a model without match signals, its score.weight as the classifier with no bias', async () => {
    const { checkpoint, notes } = await importFiles(plain);
    expect(checkpoint.config).toMatchObject({ matchSignals: false, dModel: 32, nLayers: 2, nHeads: 2, mlpRatio: 4, contextLength: 16, dropout: 0, numClasses: 3 });
    expect(checkpoint.training).toBeNull();
    expect(checkpoint.optimizer).toBeNull();
    expect(Array.from(checkpoint.weights.find((t) => t.name === 'classifier.b')!.data)).toEqual([0, 0, 0]);
    expect(notes).toEqual([]);
  });

  it("adds embedding rows for the lab's special tokens a tokenizer lacks, and a new classifier without score.weight", async () => {
    const file = JSON.parse(decode(plain.find((f) => f.name === 'tokenizer.json')!.bytes)) as {
      added_tokens: { id: number; content: string }[]; model: { vocab: Record<string, number> }; post_processor: unknown;
    };
    // The same ids, under names that are not the lab's: the lab appends its 7 special tokens after them.
    for (const token of file.added_tokens) {
      delete file.model.vocab[token.content];
      token.content = `<|extra_${token.id}|>`;
      file.model.vocab[token.content] = token.id;
    }
    file.post_processor = null;
    const files = withTensors(replaced(plain, 'tokenizer.json', encoder.encode(JSON.stringify(file))), (tensors) => tensors.filter((t) => t.name !== 'score.weight'));
    const { checkpoint, notes } = await importFiles(files);
    expect(checkpoint.config.vocabSize).toBe(tokenizer.vocabSize + 7);
    expect(notes.join(' ')).toMatch(/7 token rows added after vocab_size \d+/);
    expect(notes.join(' ')).toMatch(/no score\.weight: the grade classifier starts anew/);
  });

  it.each([
    ['another architecture', { model_type: 'llama' }, /models\/gpt2\/config\.json: model_type is "llama"; the lab imports GPT-2 models only/, 'model_type'],
    ['another activation', { activation_function: 'gelu' }, /config\.json: activation_function is "gelu"; the lab's MLP computes GPT-2's tanh GELU only/, 'activation_function'],
    ['per-layer attention scaling', { scale_attn_by_inverse_layer_idx: true }, /scale_attn_by_inverse_layer_idx is true; the lab runs only false/, 'scale_attn_by_inverse_layer_idx'],
    ['an untied LM head', { tie_word_embeddings: false }, /tie_word_embeddings is false/, 'tie_word_embeddings'],
    ['heads that do not divide the width', { n_head: 5 }, /n_embd \(32\) is not divisible by n_head \(5\)/, 'n_head'],
    ['a missing size', { n_layer: undefined }, /n_layer must be a positive integer, got nothing/, 'n_layer'],
  ])('refuses config.json with %s, naming the field', async (_case, change, message, field) => {
    const error = await importError(withConfig(plain, change));
    expect(error).toBeInstanceOf(HuggingFaceImportError);
    expect(error.message).toMatch(message);
    expect((error as HuggingFaceImportError).details).toMatchObject({ field });
  });

  it('takes any n_inner (the MLP width is the lab\'s mlpRatio)', async () => {
    expect((await importFiles(withConfig(plain, { n_inner: 128 }))).checkpoint.config.mlpRatio).toBe(4);
    const error = await importError(withConfig(plain, { n_inner: 96 }));
    expect(error.message).toMatch(/model\.safetensors: tensor "transformer\.h\.0\.mlp\.c_fc\.weight" has shape \[32, 128\], config\.json: .*n_inner 96.* needs \[32, 96\]/);
  });

  it.each([
    ['a missing tensor', (t: NamedTensor[]) => t.filter((x) => x.name !== 'transformer.h.1.mlp.c_fc.bias'), /tensor "transformer\.h\.1\.mlp\.c_fc\.bias" is missing/],
    ['a tensor of another architecture', (t: NamedTensor[]) => [...t, { ...t[0], name: 'transformer.h.0.attn.q_proj.weight' }], /tensors GPT-2 does not have: h\.0\.attn\.q_proj\.weight/],
    ['an integer tensor', (t: NamedTensor[]) => t.map((x) => (x.name === 'transformer.ln_f.bias' ? { ...x, dtype: 'int32' as const, data: new Int32Array(x.data.length) } : x)), /tensor "transformer\.ln_f\.bias" is int32; weights must be F32, F16 or BF16/],
  ])('refuses model.safetensors with %s', async (_case, change, message) => {
    const error = await importError(withTensors(plain, change));
    expect(error).toBeInstanceOf(HuggingFaceImportError);
    expect(error.message).toMatch(/^models\/gpt2\/model\.safetensors: /);
    expect(error.message).toMatch(message);
  });

  it('says which file is missing, and why when another format is there', async () => {
    expect((await importError(replaced(plain, 'tokenizer.json', null))).message).toMatch(/models\/gpt2\/tokenizer\.json: missing/);
    const bin = replaced(replaced(plain, MODEL_FILE, null), 'pytorch_model.bin', new Uint8Array(8));
    expect((await importError(bin)).message).toMatch(/model\.safetensors: missing: only pytorch_model\.bin is there/);
  });

  it("refuses a tokenizer the lab's tokenizer cannot run, naming tokenizer.json", async () => {
    const wordPiece = encoder.encode(JSON.stringify({ model: { type: 'WordPiece', vocab: { a: 0 } } }));
    const error = await importError(replaced(plain, 'tokenizer.json', wordPiece));
    expect(error).toBeInstanceOf(TokenizerFileError);
    expect(error.message).toMatch(/models\/gpt2\/tokenizer\.json: model\.type is "WordPiece"; only byte-level BPE/);
  });

  it('refuses lab.safetensors of another model', async () => {
    const other = huggingFaceFolder(sampleLabCheckpoint(tokenizer, 5, { contextLength: 32 }), { head: true }).find((f) => f.name === 'lab.safetensors')!;
    const error = await importError(replaced(exported, 'lab.safetensors', other.bytes));
    expect(error.message).toMatch(/lab\.safetensors: its model config says n_positions 32, config\.json says 16/);
  });
});
