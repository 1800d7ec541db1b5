// A Hugging Face GPT-2 folder as the pipeline's starting model: keyed by its files' content (not
// its name), its shape matched against the lab's presets, a file changed between keying and
// loading refused by name, and the stage record saying what was imported.
import { describe, expect, it } from 'vitest';
import { huggingFaceFolder, MODEL_FILE } from '../../huggingface/export-folder';
import { HuggingFaceImportError } from '../../huggingface/errors';
import { CONFIG_FILE } from '../../huggingface/gpt2-config';
import type { ReadFolderFile } from '../../huggingface/import-folder';
import { sampleLabCheckpoint, sampleTokenizer } from '../../huggingface/test-support';
import { TOKENIZER_FILE } from '../../huggingface/tokenizer-config';
import { ShippedModelError } from '../errors';
import { shippedPretrainCall } from '../stages/pretrain-shipped';
import { describeGpt2Shape, openHuggingFaceStart, presetOfShape } from './huggingface';

const tokenizer = sampleTokenizer();

function folderFiles(contextLength: number, seed = 3): Map<string, Uint8Array> {
  const checkpoint = sampleLabCheckpoint(tokenizer, seed, { contextLength });
  return new Map(huggingFaceFolder(checkpoint, { head: false }).map((file) => [file.name, file.bytes]));
}
const reader = (files: Map<string, Uint8Array>): ReadFolderFile => async (name) => files.get(name) ?? null;

describe('a Hugging Face folder as the starting model', () => {
  it('is keyed by its files: another folder name gives the same key, one changed byte another', async () => {
    const files = folderFiles(16);
    const a = await openHuggingFaceStart('one', reader(files));
    const b = await openHuggingFaceStart('elsewhere/two', reader(new Map(files)));
    expect(Object.keys(a.files).sort()).toEqual([CONFIG_FILE, 'lab.safetensors', MODEL_FILE, TOKENIZER_FILE].sort());
    Object.values(a.files).forEach((hash) => expect(hash).toMatch(/^[0-9a-f]{64}$/));
    const callA = shippedPretrainCall(a);
    const callB = shippedPretrainCall(b);
    expect(callA.settings).toEqual(callB.settings);
    expect(callA.inputKeys).toEqual(callB.inputKeys);

    const changed = new Map(files);
    const weights = Uint8Array.from(files.get(MODEL_FILE)!);
    weights[weights.length - 1] ^= 1;
    changed.set(MODEL_FILE, weights);
    const c = await openHuggingFaceStart('one', reader(changed));
    expect(c.files[MODEL_FILE]).not.toBe(a.files[MODEL_FILE]);
    expect(shippedPretrainCall(c).inputKeys).not.toEqual(callA.inputKeys);
  });

  it('imports on load and records the files and the notes; nothing is trained', async () => {
    const model = await openHuggingFaceStart('dir', reader(folderFiles(16)));
    const output = await shippedPretrainCall(model).run(undefined as never);
    expect(output.checkpoint!.config).toMatchObject({ contextLength: 16, dModel: 32, nLayers: 2 });
    expect(output.record).toMatchObject({ steps: 0, lm: null, imported: { format: 'huggingface', where: 'dir', files: model.files } });
    expect(output.record.shipped).toBeUndefined();
  });

  it('refuses a file changed after the run keyed it, naming it', async () => {
    const files = folderFiles(16);
    const model = await openHuggingFaceStart('dir', reader(files));
    files.set(TOKENIZER_FILE, new TextEncoder().encode(`${new TextDecoder().decode(files.get(TOKENIZER_FILE)!)} `));
    await expect(model.load()).rejects.toThrow(ShippedModelError);
    await expect(model.load()).rejects.toThrow(/dir\/tokenizer\.json changed after the run keyed it/);
  });

  it('names the preset of its shape: nano for a nano-shaped folder, none for a shape of its own', async () => {
    const nano = await openHuggingFaceStart('dir', reader(folderFiles(64)));
    expect(nano.shapePreset).toBe('nano');
    const own = await openHuggingFaceStart('dir', reader(folderFiles(16)));
    expect(own.shapePreset).toBeNull();
    expect(describeGpt2Shape(own.dims)).toBe('n_layer 2, n_head 2, n_embd 32, n_positions 16, n_inner 128');
    expect(presetOfShape({ ...nano.dims, mlpHidden: 96 })).toBeNull();
    expect(presetOfShape({ ...nano.dims, nLayers: 4, nHeads: 4, dModel: 128, contextLength: 96, mlpHidden: 512 })).toBe('small');
  });

  it('refuses a folder without tokenizer.json or with a config of another architecture before reading the weights', async () => {
    const files = folderFiles(16);
    files.delete(TOKENIZER_FILE);
    await expect(openHuggingFaceStart('dir', reader(files))).rejects.toThrow(HuggingFaceImportError);
    await expect(openHuggingFaceStart('dir', reader(files))).rejects.toThrow(/dir\/tokenizer\.json: missing/);
    const llama = new Map([[CONFIG_FILE, new TextEncoder().encode('{"model_type": "llama"}')]]);
    await expect(openHuggingFaceStart('dir', reader(llama))).rejects.toThrow(/dir\/config\.json: model_type is "llama"/);
  });
});
