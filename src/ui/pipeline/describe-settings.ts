// The settings the engine resolved for a pipeline stage, in one line: what the run really uses
// (the preset's defaults with the changed settings laid over them).
import type { PipelineSettings, PipelineStage } from '../../engine/pipeline-types';
import type { TrainingLength } from '../../core/pipeline/settings';
import type { OccConfig } from '../../core/training/step/occ-config';

const length = (value: TrainingLength) => ('steps' in value ? `${value.steps} steps` : `${value.epochs} epoch${value.epochs === 1 ? '' : 's'}`);
const rows = (value: number | null, what: string) => (value === null ? `all ${what}` : `${value.toLocaleString('en')} ${what}`);
const number = (value: number) => String(Number(value.toPrecision(3)));

function loss(config: OccConfig): string {
  const parts: string[] = [];
  if (config.ordinalSmoothing > 0) parts.push(`ordinal ${config.ordinalSmoothing}`);
  if (config.confidencePenalty > 0) parts.push(`penalty ${config.confidencePenalty}`);
  if (config.marginWeight > 0) parts.push(`margin ${config.marginWeight}`);
  if (config.labelSmoothing > 0) parts.push(`smoothing ${config.labelSmoothing}`);
  if (config.logitNormTau !== null) parts.push(`LogitNorm ${config.logitNormTau}`);
  return parts.length === 0 ? 'cross-entropy' : `OCC (${parts.join(', ')})`;
}

export function describeStageSettings(stage: PipelineStage, settings: PipelineSettings): string {
  switch (stage) {
    case 'pretrain': {
      const p = settings.pretrain;
      if (p.source === 'shipped') return `the shipped ${p.preset} model and its tokenizer, as they are (nothing is trained here)`;
      if ('steps' in p.length && p.length.steps === 0) return `${p.preset} model, no pretraining`;
      const matching = p.matchSignals ? `match signals${p.relatedWords === 'wordnet' ? ' with WordNet' : ''}${p.pairs && p.pairsWeight > 0 ? `, real-vs-shuffled pairs (weight ${number(p.pairsWeight)})` : ''}` : 'no match signals';
      return `${p.preset} model, ${length(p.length)} at learning rate ${number(p.learningRate)}, batch ${p.batchSize}, vocabulary ${p.vocabSize}, ${matching}, checkpoint every ${p.checkpointEvery} steps`;
    }
    case 'probe': {
      const p = settings.probe;
      if (!p) return 'no probe (fine-tuning starts from the pretrained model)';
      return `${length(p.length)} at learning rate ${number(p.learningRate)}, batch ${p.batchSize}, ${loss(p.loss)}, on ${rows(p.trainRows, 'ID train rows')}`;
    }
    case 'finetune': {
      const f = settings.finetune;
      return `${length(f.length)} at learning rate ${number(f.learningRate)}, batch ${f.batchSize}, ${loss(f.loss)}, on ${rows(f.trainRows, 'ID train rows')} plus the annotated DASA samples`;
    }
    case 'dasa':
    case 'annotate': {
      const d = settings.dasa;
      const budget = d.budget === null ? `${number(d.budgetFraction * 100)}% of ID train` : `${d.budget} samples`;
      const weights = Object.entries(d.weights).filter(([, weight]) => weight === 0).map(([name]) => name);
      const detectors = weights.includes('knn') ? 'Mahalanobis' : weights.includes('mahalanobis') ? 'kNN' : 'Mahalanobis + kNN';
      const annotator = settings.annotate.annotator.kind === 'manual' ? 'grades from a person' : `the ${settings.annotate.annotator.kind} annotator`;
      return `${detectors} (k ${d.knnK}), threshold at the ${number(d.quantile)} quantile of ID val, budget ${budget}, near-duplicate cosine ${d.maxCosine}; ${annotator}, ${number(settings.annotate.holdoutFraction * 100)}% held out for alpha`;
    }
    case 'random-select':
      return `as many pool samples as DASA selected, at random (seed ${settings.randomSelect.seed})`;
    case 'interpolate': {
      const i = settings.interpolate;
      return i ? `alphas ${i.alphas.join(', ')} on ${rows(i.valRows, 'ID val rows')} plus the held-out DASA samples` : 'no interpolation';
    }
    case 'evaluate': {
      const e = settings.evaluate;
      return `${rows(e.testRows, 'test rows')} of each test split; Mahalanobis and kNN (k ${e.knnK}) fitted on ${rows(e.fitRows, 'ID train rows')}`;
    }
  }
}
