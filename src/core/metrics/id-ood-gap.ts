// The ID-OOD gap (METHOD.md): metric(ID test) - metric(OOD test), raw, for macro-F1 by default.
// A positive gap means the model does better in distribution; for ECE (lower is better) a
// positive gap means the OOD split is the better calibrated one.
import type { SplitMetrics } from './evaluate-split';

export type GapMetric = 'accuracy' | 'macro_f1' | 'qwk' | 'ece' | 'auc' | 'ndcg@5' | 'ndcg@10' | 'mrr';

export function idOodGap(id: Pick<SplitMetrics, 'macro_f1'>, ood: Pick<SplitMetrics, 'macro_f1'>): number;
export function idOodGap(id: Pick<SplitMetrics, GapMetric>, ood: Pick<SplitMetrics, GapMetric>, metric: GapMetric): number | null;
export function idOodGap(id: Partial<Pick<SplitMetrics, GapMetric>>, ood: Partial<Pick<SplitMetrics, GapMetric>>, metric: GapMetric = 'macro_f1'): number | null {
  const idValue = id[metric];
  const oodValue = ood[metric];
  if (idValue == null || oodValue == null) return null;
  return idValue - oodValue;
}
