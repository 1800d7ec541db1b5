// predictions/<variant>/seed<N>/<split>.jsonl: one {"id","label","probs":[p0,p1,p2]} per test example.
import type { Prediction } from '../pipeline/stages/predict';

export function predictionPath(variant: string, seed: number | string, split: string): string {
  return `predictions/${variant}/seed${seed}/${split}.jsonl`;
}

export function predictionsToJsonl(predictions: readonly Prediction[]): string {
  return predictions.map((p) => `${JSON.stringify({ id: p.id, label: p.label, probs: p.probs })}\n`).join('');
}
