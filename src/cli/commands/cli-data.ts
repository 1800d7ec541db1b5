// Reading the lab's JSONL folders from the command line (shared by train, score and tokenizer train).
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { examplesFromJsonl } from '../../core/data/jsonl';
import type { Example } from '../../core/data/schema';
import { unreadableFile } from './file-source';

export async function readExamplesFile(path: string): Promise<Example[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadableFile(path, error);
  }
  return examplesFromJsonl(text, path);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** DIR/<split>.jsonl, or [] when the file is absent and optional. */
export async function readSplit(dir: string, split: string, optional = false): Promise<Example[]> {
  const path = join(dir, `${split}.jsonl`);
  if (optional && !(await exists(path))) return [];
  return readExamplesFile(path);
}

/** The text a tokenizer and the LM learn from: train, val and the unlabeled pool (never the test splits). */
export async function readCorpusExamples(dir: string): Promise<Example[]> {
  const [train, val, pool] = await Promise.all([readSplit(dir, 'train'), readSplit(dir, 'val', true), readSplit(dir, 'pool', true)]);
  return [...train, ...val, ...pool];
}

export function formatSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '?';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const m = Math.floor(whole / 60);
  return `${m}m${String(whole - 60 * m).padStart(2, '0')}s`;
}
