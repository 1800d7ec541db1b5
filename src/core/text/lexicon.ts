// Related words (synonyms, broader and narrower terms) by stem: what query expansion in classical
// IR uses. A lexicon answers whether two stems are related; the empty lexicon relates nothing.

export interface Lexicon {
  /** Stems related to `stem` (not including itself); empty when none are known. */
  related(stem: string): ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export const EMPTY_LEXICON: Lexicon = { related: () => NONE };

/** A lexicon from groups of related stems: every stem of a group is related to the others. */
export function lexiconFromGroups(groups: readonly (readonly string[])[]): Lexicon {
  const byStem = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const stem of group) {
      let set = byStem.get(stem);
      if (!set) byStem.set(stem, (set = new Set()));
      for (const other of group) if (other !== stem) set.add(other);
    }
  }
  return { related: (stem) => byStem.get(stem) ?? NONE };
}
