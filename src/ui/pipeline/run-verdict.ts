// The one sentence that says what a run showed: darl against ce-ft on OOD test (the shift the
// method is for) and on ID test, in macro-F1, from their stored evaluations. Pure.
import { formatMetric } from '../format-metric';

export interface VerdictScores {
  /** Macro-F1 on ID test and on OOD test. */
  id: number;
  ood: number;
}

export interface VerdictInputs {
  darl: VerdictScores | null;
  ceFt: VerdictScores | null;
  seed: number;
}

/** "+0.090", "−0.050" (a true minus sign), "±0.000". */
export function signedDifference(difference: number): string {
  const text = formatMetric(Math.abs(difference));
  if (Number(text) === 0) return `±${text}`;
  return `${difference > 0 ? '+' : '−'}${text}`;
}

function alone(name: string, scores: VerdictScores, missing: string): string {
  return `${name} reached macro-F1 ${formatMetric(scores.ood)} on OOD test and ${formatMetric(scores.id)} on ID test; ${missing} has not run with these settings, so there is nothing to compare it with yet.`;
}

function oodClause(darl: number, ceFt: number): string {
  const difference = signedDifference(darl - ceFt);
  if (difference.startsWith('±')) return `On OOD test, darl and ce-ft reached the same macro-F1 (${formatMetric(darl)})`;
  if (darl > ceFt) return `On OOD test, darl reached macro-F1 ${formatMetric(darl)} against ce-ft's ${formatMetric(ceFt)} (${difference})`;
  return `On OOD test, darl did not beat ce-ft: macro-F1 ${formatMetric(darl)} against ce-ft's ${formatMetric(ceFt)} (${difference})`;
}

/** Null when neither variant is stored. */
export function runVerdict({ darl, ceFt, seed }: VerdictInputs): string | null {
  if (darl && ceFt) {
    const id = `on ID test, ${formatMetric(darl.id)} against ${formatMetric(ceFt.id)} (${signedDifference(darl.id - ceFt.id)})`;
    return `${oodClause(darl.ood, ceFt.ood)}; ${id}; one seed (${seed}), so a small difference may be chance.`;
  }
  if (darl) return alone('darl', darl, 'ce-ft');
  if (ceFt) return alone('ce-ft', ceFt, 'darl');
  return null;
}
