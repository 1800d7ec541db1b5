// Character trigrams of a word with boundary marks ("mow" -> "#mo", "mow", "ow#"): the fuzzy
// match that survives typos and compounds ("lawnmower" vs "mower").

export function charTrigrams(word: string): Set<string> {
  const marked = `#${word}#`;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= marked.length; i++) grams.add(marked.slice(i, i + 3));
  return grams;
}

/** Dice coefficient of two trigram sets: 2 |A and B| / (|A| + |B|), in [0, 1]. */
export function trigramDice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}
