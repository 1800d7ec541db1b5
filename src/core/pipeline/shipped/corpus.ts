// The corpus the shipped pretrained models learn from: the built-in generator's text with a data
// seed reserved for it, in both generator modes, taken from the splits the pipeline's own
// pretraining reads (train, val, pool; never the test splits). Every pair whose query or item text
// also appears in an evaluation split (val, test_id, test_ood, pool) of a dataset the page or the
// docs use by default is dropped, so a shipped model has never seen an evaluation example.
// Grades are removed here: pretraining reads none.
import { generateDataset } from '../../data/generator/generate';
import type { GeneratorMode } from '../../data/generator/config';
import type { Example, Split } from '../../data/schema';
import { itemDocument } from '../../training/loop/lm-corpus';
import { canonicalJson, hashText } from '../keys';

/** Data seed reserved for the shipped models' corpus: no evaluation, report or doc uses it. */
export const SHIPPED_CORPUS_SEED = 1001;
export const SHIPPED_CORPUS_MODES: readonly GeneratorMode[] = ['rules', 'realistic'];
/** The splits the pipeline's Pretrain stage reads (stages/pretrain.ts). */
export const SHIPPED_CORPUS_SPLITS: readonly Split[] = ['train', 'val', 'pool'];

export interface DatasetRef {
  seed: number;
  mode: GeneratorMode;
}

/**
 * The generated datasets whose evaluation text is kept out: data seed 1 (the page's default and
 * every reported result) and seed 7 (the docs' exploration data), each in both modes, at the
 * generator's default sizes and shifts.
 */
export const EXCLUDED_DATASETS: readonly DatasetRef[] = [1, 7].flatMap((seed) => SHIPPED_CORPUS_MODES.map((mode) => ({ seed, mode })));
export const EXCLUDED_SPLITS: readonly Split[] = ['val', 'test_id', 'test_ood', 'pool'];

export interface ShippedCorpusDescription {
  generator: { seed: number; modes: GeneratorMode[]; splits: Split[]; sizes: 'default' };
  excluded: { datasets: DatasetRef[]; splits: Split[]; rule: string };
  pairs: { generated: number; dropped: number; kept: number };
  /** hashText of the kept pairs' text (query and item), to check a rebuilt corpus is the same. */
  fingerprint: string;
}

export interface ShippedCorpus {
  /** Pairs without grades, in generation order. */
  examples: Example[];
  description: ShippedCorpusDescription;
}

function evaluationTexts(): Set<string> {
  const texts = new Set<string>();
  for (const { seed, mode } of EXCLUDED_DATASETS) {
    const { examples } = generateDataset({ seed, mode });
    for (const split of EXCLUDED_SPLITS) {
      for (const example of examples[split]) {
        texts.add(example.query);
        texts.add(itemDocument(example.item));
      }
    }
  }
  return texts;
}

export function corpusFingerprint(examples: readonly Example[]): string {
  return hashText(canonicalJson(examples.map((example) => [example.query, itemDocument(example.item)])));
}

export function shippedCorpus(): ShippedCorpus {
  const held = evaluationTexts();
  const examples: Example[] = [];
  let generated = 0;
  for (const mode of SHIPPED_CORPUS_MODES) {
    const dataset = generateDataset({ seed: SHIPPED_CORPUS_SEED, mode });
    for (const split of SHIPPED_CORPUS_SPLITS) {
      for (const example of dataset.examples[split]) {
        generated++;
        if (held.has(example.query) || held.has(itemDocument(example.item))) continue;
        examples.push({ ...example, id: `${mode}/${example.id}`, grade: null });
      }
    }
  }
  return {
    examples,
    description: {
      generator: { seed: SHIPPED_CORPUS_SEED, modes: [...SHIPPED_CORPUS_MODES], splits: [...SHIPPED_CORPUS_SPLITS], sizes: 'default' },
      excluded: {
        datasets: [...EXCLUDED_DATASETS],
        splits: [...EXCLUDED_SPLITS],
        rule: 'a pair is dropped when its query text or its item text appears in one of these splits',
      },
      pairs: { generated, dropped: generated - examples.length, kept: examples.length },
      fingerprint: corpusFingerprint(examples),
    },
  };
}
