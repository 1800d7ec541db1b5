// Test support: a tokenizer and lab checkpoints with weights far from their initial values (so a
// wrong name, a transpose or a swapped LayerNorm shows in the outputs), and the PyTorch reference
// forward of scripts/gpt2_reference.py.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ModelCheckpoint } from '../checkpoint/types';
import { parameterSpecs, type GptConfig } from '../model/gpt';
import { createRng } from '../random';
import { sampleProductCorpus } from '../tokenizer/sample-corpus';
import { configForTokenizer } from '../training/loop/model-setup';
import { tokenizerToLabJson, trainTokenizer, type BpeTokenizer } from '../tokenizer';

export function sampleTokenizer(): BpeTokenizer {
  return trainTokenizer(sampleProductCorpus(200, 'interop'), { vocabSize: 512 });
}

/** A nano-shaped checkpoint of `tokenizer`, every parameter random (LayerNorm gains around 1). */
export function sampleLabCheckpoint(tokenizer: BpeTokenizer, seed: number, overrides: Partial<GptConfig> = {}): ModelCheckpoint {
  const config = configForTokenizer('nano', tokenizer, { contextLength: 16, ...overrides });
  const rng = createRng(seed);
  const weights = parameterSpecs(config).map((spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const gain = spec.name.endsWith('.g');
    const std = spec.name === 'wte' || spec.name === 'wpe' || spec.name === 'wme' ? 0.3 : 0.15;
    return { name: spec.name, dtype: 'float32' as const, shape: spec.shape, data: Float32Array.from({ length: size }, () => (gain ? 1 : 0) + rng.normal() * (gain ? 0.2 : std)) };
  });
  return { config, tokenizer: tokenizerToLabJson(tokenizer), weights, optimizer: null, training: null };
}

const SCRIPT = fileURLToPath(new URL('../../../scripts/gpt2_reference.py', import.meta.url));

/** Debian's python3 (where python3-torch installs) unless $PYTHON names another. */
function python(): string {
  return process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

/** Fails, never skips, when PyTorch is missing: CI installs it (.ci/run). */
export function requireTorch(): void {
  const run = spawnSync(python(), ['-c', 'import torch'], { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(
      `The GPT-2 parity tests need Python 3 with PyTorch: ${python()} -c "import torch" failed (${(run.stderr || run.error?.message || '').trim().split('\n').pop()}). ` +
        'Install it with `apt-get install -y --no-install-recommends python3-torch` (.ci/run does), or set PYTHON to a python that has torch.',
    );
  }
}

export function runReference(args: readonly string[]): string {
  const run = spawnSync(python(), [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`scripts/gpt2_reference.py ${args.join(' ')} failed: ${run.stderr || run.error?.message}`);
  return run.stdout;
}

export interface ReferenceOutput {
  logits: number[][][];
  score?: number[][];
}
