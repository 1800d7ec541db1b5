// Classification quality of a model on labelled examples: argmax of the grade probabilities.
import type { Example } from '../../data/schema';
import { classificationReport, type ClassificationReport } from '../../metrics/classification';
import type { Gpt } from '../../model/gpt';
import type { BpeTokenizer } from '../../tokenizer';
import { requireLabels } from './encode';
import { score, type ScoreOptions } from './score';

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}

export async function evaluateClassifier(model: Gpt, tokenizer: BpeTokenizer, examples: readonly Example[], options: ScoreOptions = {}, what = 'evaluation data'): Promise<ClassificationReport> {
  requireLabels(examples, what);
  const scores = await score(model, tokenizer, examples, options);
  return classificationReport(examples.map((example) => example.grade!), scores.map((s) => argmax(s.probs)), model.config.numClasses);
}
