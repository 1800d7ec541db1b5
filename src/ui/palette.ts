// Colours of the sets the DASA and Evaluate views draw, the same in every chart.
export const SET_COLOURS = {
  /** ID data: train, validation, ID test. */
  id: '#2456c8',
  /** The unlabeled pool. */
  pool: '#6f7a8c',
  /** OOD data, and the pool samples DASA selected. */
  ood: '#d9480f',
  /** Reference lines (perfect calibration). */
  reference: '#9aa3b2',
} as const;

/** Transparent version of a #rrggbb colour. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
