// Classification metrics with scikit-learn's conventions: confusion matrix rows are true labels
// and columns predicted labels; per-class precision, recall and F1 use zero_division=0; macro-F1
// is the unweighted mean over ALL labels 0..numClasses-1 (sklearn's labels=[0, 1, 2]), so a class
// with no true and no predicted samples scores F1 = 0 and still counts in the mean.
import { LabError, registerLabError } from '../errors';

export class ClassificationInputError extends LabError {}
registerLabError(ClassificationInputError);

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Number of true samples of the class. */
  support: number;
}

export interface ClassificationReport {
  count: number;
  /** confusion[true][predicted]. */
  confusion: number[][];
  accuracy: number;
  perClass: ClassScores[];
  macroF1: number;
}

function checkLabels(truth: readonly number[], predicted: readonly number[], numClasses: number): void {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new ClassificationInputError(`number of classes must be a positive integer, got ${numClasses}`, { numClasses });
  }
  if (truth.length !== predicted.length) {
    throw new ClassificationInputError(`${truth.length} true labels but ${predicted.length} predictions: they must pair up`, {
      truth: truth.length,
      predicted: predicted.length,
    });
  }
  const check = (labels: readonly number[], which: string) => {
    labels.forEach((label, index) => {
      if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
        throw new ClassificationInputError(`${which} label at position ${index} is ${label}; labels must be integers 0..${numClasses - 1}`, {
          which,
          index,
          label,
        });
      }
    });
  };
  check(truth, 'true');
  check(predicted, 'predicted');
}

export function confusionMatrix(truth: readonly number[], predicted: readonly number[], numClasses = 3): number[][] {
  checkLabels(truth, predicted, numClasses);
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < truth.length; i++) matrix[truth[i]][predicted[i]] += 1;
  return matrix;
}

/** Share of correct predictions; 0 for no samples. */
export function accuracy(truth: readonly number[], predicted: readonly number[], numClasses = 3): number {
  const matrix = confusionMatrix(truth, predicted, numClasses);
  const correct = matrix.reduce((sum, row, k) => sum + row[k], 0);
  return truth.length === 0 ? 0 : correct / truth.length;
}

/** Per-class scores from a confusion matrix (rows true, columns predicted), zero_division=0. */
export function classScores(confusion: readonly (readonly number[])[]): ClassScores[] {
  return confusion.map((row, k) => {
    const truePositives = row[k];
    const support = row.reduce((sum, value) => sum + value, 0);
    const predictedCount = confusion.reduce((sum, other) => sum + other[k], 0);
    const precision = predictedCount === 0 ? 0 : truePositives / predictedCount;
    const recall = support === 0 ? 0 : truePositives / support;
    // 2tp / (2tp + fp + fn), as sklearn computes it; 0 when the class is absent from both.
    const denominator = support + predictedCount;
    const f1 = denominator === 0 ? 0 : (2 * truePositives) / denominator;
    return { precision, recall, f1, support };
  });
}

export function macroF1(truth: readonly number[], predicted: readonly number[], numClasses = 3): number {
  const scores = classScores(confusionMatrix(truth, predicted, numClasses));
  return scores.reduce((sum, s) => sum + s.f1, 0) / numClasses;
}

export function classificationReport(truth: readonly number[], predicted: readonly number[], numClasses = 3): ClassificationReport {
  const confusion = confusionMatrix(truth, predicted, numClasses);
  const perClass = classScores(confusion);
  const correct = confusion.reduce((sum, row, k) => sum + row[k], 0);
  return {
    count: truth.length,
    confusion,
    accuracy: truth.length === 0 ? 0 : correct / truth.length,
    perClass,
    macroF1: perClass.reduce((sum, s) => sum + s.f1, 0) / numClasses,
  };
}
