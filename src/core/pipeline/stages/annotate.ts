// Labels for the selected pool samples, from the annotator the settings name: the dataset's hidden
// gold grades (oracle), a file of grades, or grades a person gave (manual). A seeded share of the
// labelled samples (or of their queries) is held out of fine-tuning to choose the interpolation alpha.
import { fromFile, labelAll, manual, oracle, type Annotator } from '../../dasa/annotators';
import type { SelectionResult } from '../../dasa/types';
import type { Example, Grade } from '../../data/schema';
import { createRng } from '../../random';
import type { PipelineData } from '../data';
import { PipelineInputError } from '../errors';
import { HOLDOUT_UNITS, type AnnotateSettings, type AnnotatorSettings } from '../settings';
import type { StageOutput } from '../stage';

export interface AnnotateRecord {
  annotator: AnnotatorSettings['kind'];
  method: SelectionResult['method'];
  /** Selected id -> grade. */
  grades: Record<string, Grade>;
  /** Added to fine-tuning. */
  finetuneIds: string[];
  /** Held out for choosing alpha. */
  holdoutIds: string[];
}

function makeAnnotator(settings: AnnotatorSettings, data: PipelineData): Annotator {
  switch (settings.kind) {
    case 'oracle':
      if (!data.poolGold) {
        throw new PipelineInputError('The oracle annotator reads the pool\'s hidden gold grades (pool_labels.jsonl), and this dataset has none; use a file of grades or label the selection by hand.', {});
      }
      return oracle(data.poolGold);
    case 'file':
      return fromFile(settings.text, { fileName: settings.fileName, knownIds: data.pool.map((example) => example.id) });
    case 'manual':
      return manual(new Map(Object.entries(settings.grades)));
  }
}

/** How many of n labelled samples are held out: round(n * fraction), at least one when n >= 2 and fraction > 0, never all. */
export function holdoutCount(n: number, fraction: number): number {
  if (!(fraction >= 0 && fraction < 1)) throw new PipelineInputError(`holdoutFraction must be in [0, 1), got ${fraction}.`, { holdoutFraction: fraction });
  if (n < 2 || fraction === 0) return 0;
  return Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
}

/**
 * The labelled ids kept out of fine-tuning. By sample: a seeded draw of holdoutCount ids. By query:
 * whole queries in a seeded order until at least that many ids are held, never every query.
 */
function heldOutIds(ids: readonly string[], settings: AnnotateSettings, data: PipelineData): Set<string> {
  if (!HOLDOUT_UNITS.includes(settings.holdoutBy)) {
    throw new PipelineInputError(`holdoutBy must be one of ${HOLDOUT_UNITS.join(', ')}, got ${String(settings.holdoutBy)}.`, { holdoutBy: settings.holdoutBy });
  }
  const target = holdoutCount(ids.length, settings.holdoutFraction);
  const rng = createRng(`holdout/${settings.seed}`);
  if (settings.holdoutBy === 'sample') return new Set(rng.shuffle(ids).slice(0, target));
  const queryOf = new Map(data.pool.map((example) => [example.id, example.query]));
  const byQuery = new Map<string, string[]>();
  for (const id of ids) {
    const query = queryOf.get(id) ?? id;
    byQuery.set(query, [...(byQuery.get(query) ?? []), id]);
  }
  const held = new Set<string>();
  const queries = rng.shuffle([...byQuery.keys()]);
  for (const query of queries.slice(0, queries.length - 1)) {
    if (held.size >= target) break;
    for (const id of byQuery.get(query)!) held.add(id);
  }
  return held;
}

export async function runAnnotate(settings: AnnotateSettings, inputs: { selection: SelectionResult; data: PipelineData }): Promise<StageOutput<AnnotateRecord>> {
  const ids = inputs.selection.selected;
  const grades = await labelAll(makeAnnotator(settings.annotator, inputs.data), ids);
  const held = heldOutIds(ids, settings, inputs.data);
  return {
    record: {
      annotator: settings.annotator.kind,
      method: inputs.selection.method,
      grades: Object.fromEntries(ids.map((id) => [id, grades.get(id)!])),
      finetuneIds: ids.filter((id) => !held.has(id)),
      holdoutIds: ids.filter((id) => held.has(id)),
    },
  };
}

/** The annotated pool samples as labelled examples: those added to fine-tuning and those held out. */
export function annotatedExamples(data: PipelineData, record: AnnotateRecord): { added: Example[]; holdout: Example[] } {
  const byId = new Map(data.pool.map((example) => [example.id, example]));
  const labelled = (id: string): Example => ({ ...byId.get(id)!, grade: record.grades[id] });
  return { added: record.finetuneIds.map(labelled), holdout: record.holdoutIds.map(labelled) };
}
