// Parity with Hugging Face's GPT-2 without the network: scripts/gpt2_reference.py builds random
// GPT-2s and runs the forward pass of transformers' modeling_gpt2.py written in torch alone.
// Needs /usr/bin/python3 with torch (python3-torch, installed by .ci/run): fails, never skips, without it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelCheckpoint } from '../checkpoint/types';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../io/safetensors';
import type { BpeTokenizer } from '../tokenizer';
import { tokenizerToHuggingFaceJson } from '../tokenizer';
import { useBackend } from '../backend/test-backends';
import { huggingFaceFolder, MODEL_FILE } from './export-folder';
import { labOutputs, maxAbsDifference } from './lab-forward';
import { readHuggingFaceFolder, writeFolder } from './node-folder';
import { requireTorch, runReference, sampleLabCheckpoint, sampleTokenizer, type ReferenceOutput } from './test-support';

const TOLERANCE = 1e-4;
/** A wrong name or layout moves the logits by far more than this (measured: well above 0.1). */
const CLEARLY_WRONG = 0.05;

let work: string;
let tokenizer: BpeTokenizer;
let rows: number[][];
let idsFile: string;

/** Token rows of 16: two relevance prompts ending in [CLS] (one right-padded) and a plain document. */
function sampleRows(): number[][] {
  const length = 16;
  const pad = (ids: number[]) => [...ids, ...Array(length - ids.length).fill(tokenizer.special.pad)];
  return [
    pad(tokenizer.encodePair('term life cover for age 40', ['Acme Term Life 20', 'cheap premiums'], length)),
    pad(tokenizer.encodePair('pet insurance', 'Paws plan', 10)),
    tokenizer.encodeDocument('Family health insurance with dental and vision cover for children').slice(0, length),
  ];
}

function reference(dir: string): ReferenceOutput {
  return JSON.parse(runReference(['forward', dir, idsFile])) as ReferenceOutput;
}

function makeGpt2(dir: string, dtype: string, extra: string[] = []): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tokenizer.json'), tokenizerToHuggingFaceJson(tokenizer));
  runReference([
    'make', dir, '--vocab', String(tokenizer.vocabSize), '--positions', '16', '--embd', '32', '--layers', '2', '--heads', '4',
    '--inner', '96', '--eps', '1e-5', '--labels', '3', '--pad', String(tokenizer.special.pad), '--seed', '3', '--dtype', dtype, ...extra,
  ]);
}

/** The exported folder with one tensor changed, in `dir`. */
function withTensors(files: ReturnType<typeof huggingFaceFolder>, change: (tensors: NamedTensor[]) => NamedTensor[]) {
  return files.map((file) => (file.name === MODEL_FILE ? { ...file, bytes: encodeSafetensors(change(decodeSafetensors(file.bytes).tensors), { format: 'pt' }) } : file));
}

function transposed(tensor: NamedTensor): NamedTensor {
  const [rowsIn, cols] = tensor.shape;
  const data = new Float32Array(tensor.data.length);
  for (let r = 0; r < rowsIn; r++) for (let c = 0; c < cols; c++) data[c * rowsIn + r] = tensor.data[r * cols + c];
  return { ...tensor, shape: [cols, rowsIn], data };
}

const minus = (matrix: number[][], bias: Float32Array) => matrix.map((row) => row.map((value, c) => value - bias[c]));
const biasOf = (checkpoint: ModelCheckpoint) => checkpoint.weights.find((t) => t.name === 'classifier.b')!.data as Float32Array;

beforeAll(async () => {
  await useBackend('cpu');
  work = mkdtempSync(join(tmpdir(), 'gpt2-parity-'));
  tokenizer = sampleTokenizer();
  rows = sampleRows();
  idsFile = join(work, 'ids.json');
  writeFileSync(idsFile, JSON.stringify(rows));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('GPT-2 parity with a PyTorch forward written to transformers\' definition', () => {
  // Without PyTorch this fails with the install instruction (and every test below with the script's error): never a skip.
  it('finds Python 3 with PyTorch', () => requireTorch());

  it.each([
    ['F32', []],
    ['F16', []],
    ['BF16', ['--bare']], // GPT2Model's names without "transformer.", with the causal-mask buffers
  ])('imports a random GPT-2 saved in %s: same next-token logits and score logits', async (dtype, extra) => {
    const dir = join(work, `hf-${dtype}`);
    makeGpt2(dir, dtype, extra);
    const expected = reference(dir);
    const { checkpoint } = await readHuggingFaceFolder(dir);
    const lab = labOutputs(checkpoint, rows);
    const logits = maxAbsDifference(lab.logits, expected.logits);
    const score = maxAbsDifference(lab.classes, expected.score);
    console.info(`GPT-2 ${dtype} -> lab: next-token logits max |diff| ${logits.toExponential(2)}, score logits ${score.toExponential(2)}`);
    expect(logits).toBeLessThan(TOLERANCE);
    expect(score).toBeLessThan(TOLERANCE);
  });

  it('exports a lab model (match signals on) that the PyTorch forward reads: same logits, grade logits less the bias', () => {
    const checkpoint = sampleLabCheckpoint(tokenizer, 7);
    const dir = join(work, 'lab-export');
    return writeFolder(dir, huggingFaceFolder(checkpoint, { head: true })).then(() => {
      const expected = reference(dir);
      const lab = labOutputs(checkpoint, rows);
      const logits = maxAbsDifference(lab.logits, expected.logits);
      const score = maxAbsDifference(minus(lab.classes, biasOf(checkpoint)), expected.score);
      console.info(`lab -> GPT-2: next-token logits max |diff| ${logits.toExponential(2)}, score logits (less the lab's bias) ${score.toExponential(2)}`);
      expect(logits).toBeLessThan(TOLERANCE);
      expect(score).toBeLessThan(TOLERANCE);
    });
  });

  it('tells a transposed weight or a swapped name apart (export side)', async () => {
    const checkpoint = sampleLabCheckpoint(tokenizer, 7);
    const files = huggingFaceFolder(checkpoint, { head: true });
    const lab = labOutputs(checkpoint, rows);
    const broken = {
      'c_proj transposed': withTensors(files, (tensors) => tensors.map((t) => (t.name === 'transformer.h.0.attn.c_proj.weight' ? transposed(t) : t))),
      'ln_1 and ln_2 swapped': withTensors(files, (tensors) => tensors.map((t) => ({
        ...t, name: t.name.replace('h.1.ln_1.weight', 'SWAP').replace('h.1.ln_2.weight', 'h.1.ln_1.weight').replace('SWAP', 'h.1.ln_2.weight'),
      }))),
    };
    for (const [what, brokenFiles] of Object.entries(broken)) {
      const dir = join(work, `broken-${what.replace(/\W+/g, '-')}`);
      await writeFolder(dir, brokenFiles);
      const difference = maxAbsDifference(lab.logits, reference(dir).logits);
      console.info(`lab -> GPT-2 with ${what}: next-token logits max |diff| ${difference.toFixed(3)}`);
      expect(difference, what).toBeGreaterThan(CLEARLY_WRONG);
    }
  });

  it('tells a transposed weight apart (import side)', async () => {
    const dir = join(work, 'hf-transposed');
    makeGpt2(dir, 'F32');
    const expected = reference(dir);
    const { checkpoint } = await readHuggingFaceFolder(dir);
    const proj = checkpoint.weights.find((t) => t.name === 'h1.attn.proj.w')!;
    const wrong = { ...checkpoint, weights: checkpoint.weights.map((t) => (t === proj ? { ...transposed(proj), name: proj.name } : t)) };
    const difference = maxAbsDifference(labOutputs(wrong, rows).logits, expected.logits);
    console.info(`GPT-2 -> lab with attn.c_proj transposed: next-token logits max |diff| ${difference.toFixed(3)}`);
    expect(difference).toBeGreaterThan(CLEARLY_WRONG);
  });
});
