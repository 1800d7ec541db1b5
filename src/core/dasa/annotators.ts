// Who grades the samples DASA selects: the dataset's hidden gold grades (oracle), a file of
// grades, or a person in the UI (manual). All answer with the grades they have; `unlabelled`
// names the rest, and labelAll insists on a grade for every id.
import { type Grade, isGrade } from '../data/schema';
import { DasaInputError, UnlabelledSamplesError } from './errors';
import { type LabelFileOptions, parseLabelFile } from './label-file';

export type AnnotatorKind = 'oracle' | 'file' | 'manual';

export interface Annotator {
  readonly kind: AnnotatorKind;
  /** Grades for those of `ids` this annotator can grade; the others are absent from the map. */
  label(ids: readonly string[]): Promise<Map<string, Grade>>;
  /** The ids among `ids` that this annotator has no grade for. */
  unlabelled(ids: readonly string[]): string[];
}

function fromMap(kind: AnnotatorKind, grades: ReadonlyMap<string, Grade>): Annotator {
  return {
    kind,
    async label(ids) {
      const out = new Map<string, Grade>();
      for (const id of ids) {
        const grade = grades.get(id);
        if (grade !== undefined) out.set(id, grade);
      }
      return out;
    },
    unlabelled: (ids) => ids.filter((id) => !grades.has(id)),
  };
}

/**
 * Reveals hidden gold grades (generated datasets, experiments). An id the oracle has never heard
 * of is an error (wrong dataset); an id whose gold grade is null (e.g. an imported pool) stays unlabelled.
 */
export function oracle(gold: ReadonlyMap<string, Grade | null>): Annotator {
  const known = new Map<string, Grade>();
  for (const [id, grade] of gold) if (grade !== null) known.set(id, grade);
  const inner = fromMap('oracle', known);
  const checkKnown = (ids: readonly string[]) => {
    const strangers = ids.filter((id) => !gold.has(id));
    if (strangers.length > 0) {
      throw new DasaInputError(`The oracle has no sample with id ${strangers.slice(0, 5).map((id) => `"${id}"`).join(', ')}${strangers.length > 5 ? ', ...' : ''}; is it the same dataset?`, {
        ids: strangers,
      });
    }
  };
  return {
    kind: 'oracle',
    async label(ids) {
      checkKnown(ids);
      return inner.label(ids);
    },
    unlabelled: (ids) => {
      checkKnown(ids);
      return inner.unlabelled(ids);
    },
  };
}

/** Grades imported from a JSONL or CSV/TSV file of id,grade; the file is checked when the annotator is made. */
export function fromFile(text: string, options: LabelFileOptions = {}): Annotator {
  return fromMap('file', parseLabelFile(text, options));
}

/** Grades a person gave in the UI; ask `unlabelled` which selected samples still need one. */
export function manual(grades: ReadonlyMap<string, Grade>): Annotator {
  for (const [id, grade] of grades) {
    if (!isGrade(grade)) throw new DasaInputError(`Manual label for "${id}" is ${String(grade)}; a grade is 0, 1 or 2.`, { id, grade });
  }
  return fromMap('manual', new Map(grades));
}

/** Grades for every id, or an UnlabelledSamplesError listing those still without one. */
export async function labelAll(annotator: Annotator, ids: readonly string[]): Promise<Map<string, Grade>> {
  const grades = await annotator.label(ids);
  const missing = ids.filter((id) => !grades.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((id) => `"${id}"`).join(', ');
    throw new UnlabelledSamplesError(
      `${missing.length} of ${ids.length} selected samples have no grade from the ${annotator.kind} annotator (${shown}${missing.length > 5 ? ', ...' : ''}).`,
      { annotator: annotator.kind, ids: missing },
    );
  }
  return grades;
}
