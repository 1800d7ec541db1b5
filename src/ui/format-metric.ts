// How metric values read on the page: fixed decimals, a dash for "undefined" (null, NaN).

export const MISSING = '—';

export function formatMetric(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return MISSING;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  // Avoid "-0.000".
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

export function formatPercent(share: number, digits = 1): string {
  return `${(100 * share).toFixed(digits)}%`;
}
