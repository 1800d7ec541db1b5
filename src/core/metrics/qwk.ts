// Quadratic-weighted Cohen's kappa over the grades 0, 1, 2, as scikit-learn's
// cohen_kappa_score(truth, predicted, weights='quadratic', labels=[0, 1, 2]):
//   kappa = 1 - sum_ij w_ij O_ij / sum_ij w_ij E_ij,  w_ij = (i - j)^2,
//   O the confusion matrix, E_ij = (row sum i) (column sum j) / n.
// Degenerate case: when truth and predictions all sit in one and the same grade, E has no
// off-diagonal mass, the expected disagreement is 0 and sklearn returns NaN. The lab returns 0
// ("no agreement beyond chance can be shown"), so a constant predictor is never rewarded.
import { confusionMatrix } from './classification';
import { EmptyMetricInputError, requireNonEmpty } from './errors';

export const QWK_WHEN_UNDEFINED = 0;

export function qwkFromConfusion(confusion: readonly (readonly number[])[]): number {
  const size = confusion.length;
  const rowSums = confusion.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnSums = Array.from({ length: size }, (_, j) => confusion.reduce((sum, row) => sum + row[j], 0));
  const total = rowSums.reduce((sum, value) => sum + value, 0);
  if (total === 0) throw new EmptyMetricInputError('quadratic-weighted kappa: no examples to evaluate', { what: 'qwk' });
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const weight = (i - j) ** 2;
      observed += weight * confusion[i][j];
      expected += (weight * rowSums[i] * columnSums[j]) / total;
    }
  }
  return expected === 0 ? QWK_WHEN_UNDEFINED : 1 - observed / expected;
}

export function quadraticWeightedKappa(truth: readonly number[], predicted: readonly number[], numClasses = 3): number {
  requireNonEmpty(truth.length, 'quadratic-weighted kappa');
  return qwkFromConfusion(confusionMatrix(truth, predicted, numClasses));
}
