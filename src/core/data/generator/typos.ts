// Keyboard slips for the colloquial_typo shift: swapped, dropped or doubled letters in longer
// lower-case words. Numbers and brand names (capitalised) are never touched, so a typo never
// changes what the query asks for.
import type { Rng } from '../../random';

export const TYPO_RATE = 0.25;

function misspell(rng: Rng, word: string): string {
  const at = 1 + rng.int(word.length - 2);
  switch (rng.int(3)) {
    case 0:
      // Swapping two equal letters changes nothing: drop one instead.
      if (word[at] !== word[at + 1]) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    default:
      return word.slice(0, at) + word[at] + word.slice(at);
  }
}

/** Misspells about `rate` (default a quarter) of the eligible words, and always at least one when any is eligible. */
export function addTypos(rng: Rng, text: string, rate = TYPO_RATE): string {
  const words = text.split(' ');
  const eligible = words.map((word, index) => (/^[a-z]{4,}$/.test(word) ? index : -1)).filter((index) => index >= 0);
  if (eligible.length === 0) return text;
  const chosen = eligible.filter(() => rng.next() < rate);
  if (chosen.length === 0) chosen.push(rng.pick(eligible));
  for (const index of chosen) words[index] = misspell(rng, words[index]);
  return words.join(' ');
}
