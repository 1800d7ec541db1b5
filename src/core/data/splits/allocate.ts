// Whole-number shares of n items for given fractions (largest remainder), giving every split with
// a positive fraction at least one item whenever n allows it.

export function allocateCounts(n: number, fractions: readonly number[]): number[] {
  const total = fractions.reduce((sum, f) => sum + f, 0);
  if (n <= 0 || total <= 0) return fractions.map(() => 0);
  const exact = fractions.map((f) => (n * f) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((sum, c) => sum + c, 0);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i]++;
    left--;
  }
  // Lift empty positive shares by taking from the largest share.
  for (let i = 0; i < fractions.length; i++) {
    if (fractions[i] > 0 && counts[i] === 0) {
      const largest = counts.indexOf(Math.max(...counts));
      if (counts[largest] > 1) {
        counts[largest]--;
        counts[i]++;
      }
    }
  }
  return counts;
}
