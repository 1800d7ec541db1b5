// Classification metrics per tag (on OOD test: per shift type). A row with several tags counts in
// each of them; rows without a tag are grouped under UNTAGGED. Macro-F1 follows classification.ts
// (all three grades count, a grade absent from the group scores F1 0).
import type { Grade } from '../data/schema';
import { classScores, confusionMatrix } from './classification';
import { requireSameLength } from './errors';
import { predictedGrade, type GradeProbabilities } from './probabilities';

export const UNTAGGED = '(untagged)';

export interface TagMetrics {
  n: number;
  accuracy: number;
  macro_f1: number;
}

export interface TaggedRow {
  label: Grade;
  probs: GradeProbabilities;
}

/** Metrics of each tag's rows, tags in alphabetical order. */
export function metricsByTag(rows: readonly TaggedRow[], tags: readonly (readonly string[])[]): Record<string, TagMetrics> {
  requireSameLength(rows, tags, 'metrics by tag', 'rows', 'tag lists');
  const groups = new Map<string, { labels: Grade[]; predicted: Grade[] }>();
  rows.forEach((row, i) => {
    for (const tag of tags[i].length > 0 ? new Set(tags[i]) : [UNTAGGED]) {
      let group = groups.get(tag);
      if (!group) groups.set(tag, (group = { labels: [], predicted: [] }));
      group.labels.push(row.label);
      group.predicted.push(predictedGrade(row.probs));
    }
  });
  return Object.fromEntries(
    [...groups.keys()].sort().map((tag) => {
      const { labels, predicted } = groups.get(tag)!;
      const confusion = confusionMatrix(labels, predicted);
      const perClass = classScores(confusion);
      const correct = confusion.reduce((sum, row, k) => sum + row[k], 0);
      return [tag, { n: labels.length, accuracy: correct / labels.length, macro_f1: perClass.reduce((sum, s) => sum + s.f1, 0) / perClass.length }];
    }),
  );
}
