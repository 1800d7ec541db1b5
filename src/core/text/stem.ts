// Normalised word forms: Porter's stemmer (the `stemmer` package) on lower-cased letter runs, so
// "mowers", "mowing" and "mow" meet. Digit runs stay as they are.
import { stemmer } from 'stemmer';

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

export function stemWord(word: string): string {
  const known = cache.get(word);
  if (known !== undefined) return known;
  const stem = /^\p{N}+$/u.test(word) ? word : stemmer(word.toLowerCase());
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, stem);
  return stem;
}
