// The claims the results make, each with the comparison that isolates it (docs/results/README.md),
// and the verdict a paired interval gives it.
import type { TestSplit } from '../pipeline/stages/evaluate';
import { LOWER_IS_BETTER, type BootstrapMetric } from './score-sums';
import type { Variant } from './variants';

export interface Claim {
  text: string;
  /** The claim is that a beats b: a - b above zero (below zero for a metric where lower is better). */
  a: Variant;
  b: Variant;
  metric: BootstrapMetric;
  split: TestSplit;
  /** Compare the predictions after each model's post-hoc temperature (fitted on ID val, report.json's temperature_scaled.T). */
  temperatureScaled?: true;
}

const ood = (text: string, a: Variant, b: Variant): Claim => ({ text, a, b, metric: 'macro_f1', split: 'test_ood' });

export const CLAIMS: readonly Claim[] = [
  ood('DaRL as a whole beats plain fine-tuning under shift', 'darl', 'ce-ft'),
  ood('OCC + probe + interpolation add to the same pool labels', 'darl', 'ce-ft+dasa'),
  { text: 'OCC + probe + interpolation calibrate better under shift with the same labels', a: 'darl', b: 'ce-ft+dasa', metric: 'ece', split: 'test_ood' },
  {
    text: 'OCC + probe + interpolation calibrate better under shift with the same labels, each model given its temperature on ID val',
    a: 'darl',
    b: 'ce-ft+dasa',
    metric: 'ece',
    split: 'test_ood',
    temperatureScaled: true,
  },
  { text: 'OCC + probe + interpolation calibrate better in-distribution with the same labels', a: 'darl', b: 'ce-ft+dasa', metric: 'ece', split: 'test_id' },
  ood("DASA's picks beat as many random pool picks", 'ce-ft+dasa', 'ce-ft+random'),
  ood('pool labels beat as many extra ID labels', 'ce-ft+random', 'ce-ft+id'),
  ood('more ID labels help under shift', 'ce-ft+id', 'ce-ft'),
  ood("DASA's labels alone (plain CE) beat plain fine-tuning", 'ce-ft+dasa', 'ce-ft'),
  ood("DASA's picks beat the probe's most uncertain ones", 'darl', 'darl-uncertainty'),
  ood("DASA's picks beat core-set picks", 'darl', 'darl-coreset'),
  ood('picking only OOD-tagged samples (oracle) beats DASA', 'darl-random-ood', 'darl'),
];

export type ClaimVerdict = 'shown' | 'not shown' | 'opposite shown';

/** Shown only when the 95% interval excludes zero on the claimed side; "opposite shown" when it excludes zero on the other. */
export function claimVerdict(metric: BootstrapMetric, interval: { low: number; high: number }): ClaimVerdict {
  const above = interval.low > 0;
  const below = interval.high < 0;
  if (!above && !below) return 'not shown';
  return above !== LOWER_IS_BETTER.has(metric) ? 'shown' : 'opposite shown';
}
