// The data a pipeline runs on: the labelled splits, the unlabeled pool and (when the dataset has
// them) the pool's hidden gold grades, which only the oracle annotator reads.
import type { Example, Grade } from '../data/schema';
import { createRng } from '../random';
import { PipelineInputError } from './errors';
import { canonicalJson, hashText } from './keys';

export interface PipelineData {
  train: Example[];
  val: Example[];
  test_id: Example[];
  test_ood: Example[];
  /** Unlabeled: grades null (or ignored). */
  pool: Example[];
  /** Hidden gold grades of the pool (pool_labels.jsonl), or null when the dataset has none. */
  poolGold: ReadonlyMap<string, Grade | null> | null;
  /** A hash of all of the above: every stage key includes it. */
  fingerprint: string;
}

export type PipelineSplits = Omit<PipelineData, 'fingerprint' | 'poolGold'>;

const LABELLED = ['train', 'val', 'test_id', 'test_ood'] as const;

/** Checks the splits and fingerprints them. `where` names the data in messages (e.g. the folder). */
export function pipelineData(splits: PipelineSplits, poolGold: ReadonlyMap<string, Grade | null> | null, where = 'the dataset'): PipelineData {
  for (const split of LABELLED) {
    if (splits[split].length === 0) {
      throw new PipelineInputError(`${where} has no ${split} examples; the pipeline needs train, val, test_id and test_ood.`, { split });
    }
    const unlabelled = splits[split].find((example) => example.grade === null);
    if (unlabelled) throw new PipelineInputError(`${where}, ${split}: example "${unlabelled.id}" has no grade.`, { split, id: unlabelled.id });
  }
  const gold = poolGold ? [...poolGold].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : null;
  const fingerprint = hashText(canonicalJson({ ...splits, gold }));
  return { ...splits, poolGold, fingerprint };
}

/**
 * At most `max` of the examples, drawn with a seeded shuffle and kept in their original order;
 * all of them when max is null or not smaller than their number.
 */
export function sampleExamples<T>(examples: readonly T[], max: number | null, seed: number | string): T[] {
  if (max === null || max >= examples.length) return examples.slice();
  if (!Number.isInteger(max) || max < 1) throw new PipelineInputError(`A row cap must be a positive whole number or null, got ${max}.`, { max });
  const picked = createRng(`sample/${seed}`)
    .shuffle(examples.map((_, index) => index))
    .slice(0, max)
    .sort((a, b) => a - b);
  return picked.map((index) => examples[index]);
}
