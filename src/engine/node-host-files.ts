// The Node host's datasets: a folder of the lab's JSONL files (the generator's / importer's layout:
// train, val, test_id, test_ood, pool and pool_labels), read as the page reads a stored dataset.
// File-system failures are told in words, with the file named.
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importFault, UnreadableFileError } from '../core/data/import/errors';
import { examplesFromJsonl, labelsFromJsonl } from '../core/data/jsonl';
import type { Example } from '../core/data/schema';
import { pipelineData, type PipelineData } from '../core/pipeline/data';

/** What went wrong in words, for a Node file-system error. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR') return 'this is a folder, not a file';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  return `cannot read it (${error instanceof Error ? error.message : String(error)})`;
}

export function unreadableFile(path: string, error: unknown): UnreadableFileError {
  return importFault(UnreadableFileError, { file: path }, describeFileError(error), { code: (error as NodeJS.ErrnoException)?.code });
}

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

/** DIR as the pipeline's data: the five splits (pool optional) and pool_labels (optional). */
export async function readPipelineData(dir: string): Promise<PipelineData> {
  const [train, val, test_id, test_ood, pool] = await Promise.all([
    readSplit(dir, 'train'),
    readSplit(dir, 'val'),
    readSplit(dir, 'test_id'),
    readSplit(dir, 'test_ood'),
    readSplit(dir, 'pool', true),
  ]);
  const labelsPath = join(dir, 'pool_labels.jsonl');
  const poolGold = (await exists(labelsPath)) ? labelsFromJsonl(await readFile(labelsPath, 'utf8'), labelsPath) : null;
  return pipelineData({ train, val, test_id, test_ood, pool }, poolGold, dir);
}
