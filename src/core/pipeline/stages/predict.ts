// Grade probabilities from logits, as the model was trained to read them (LogitNorm when the
// fine-tuning loss used it), and the predicted grade.
import type { Example, Grade } from '../../data/schema';
import { predictedGrade } from '../../metrics/probabilities';
import { probabilities } from '../../training/loop/score';

export interface Prediction {
  id: string;
  label: Grade;
  probs: number[];
}

export function predictionsFromLogits(examples: readonly Example[], logits: Float32Array, numClasses: number, logitNormTau: number | null): Prediction[] {
  return examples.map((example, i) => ({
    id: example.id,
    label: example.grade!,
    probs: probabilities(logits.subarray(i * numClasses, (i + 1) * numClasses), logitNormTau),
  }));
}

export function predictedGrades(predictions: readonly Prediction[]): Grade[] {
  return predictions.map((prediction) => predictedGrade(prediction.probs));
}
