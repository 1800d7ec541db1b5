// Stage 0, Pretrain: a byte-level BPE tokenizer and causal-LM training of a fresh model on the
// corpus text (train, val and pool: never the test splits), then the held-out LM check.
import type { JobControl } from '../../job/job-control';
import type { ProgressCallback } from '../../job/progress';
import { captureCheckpoint, restoreModel } from '../../checkpoint/capture';
import { createGpt, disposeGpt } from '../../model/gpt';
import { tokenizerToLabJson, trainTokenizer } from '../../tokenizer';
import { corpusDocuments } from '../../training/loop/lm-corpus';
import { heldOutLmLoss, unigramCrossEntropy } from '../../training/loop/lm-eval';
import { checkpointTokenizer, configForTokenizer } from '../../training/loop/model-setup';
import { pairMatchingFor } from '../../training/loop/pair-matches';
import { pretrainInputs } from '../../training/loop/stage-inputs';
import { trainStage } from '../../training/loop/stage-runner';
import type { PipelineData } from '../data';
import type { PretrainSettings } from '../settings';
import type { StageOutput, StageResume, StageThreads } from '../stage';
import { stageLength } from './training-length';

export interface PretrainRecord {
  vocabSize: number;
  documents: { train: number; heldOut: number; pairs: number };
  steps: number;
  finalLoss: number | null;
  tokens: number;
  trainSeconds: number;
  /** Held-out LM loss against the add-one unigram entropy of the same tokens, nats per token. */
  lm: { heldOutLoss: number; unigramEntropy: number; heldOutDocuments: number } | null;
  /** Set when the stage used a shipped model (pretrain-shipped.ts) instead of training one. */
  shipped?: { preset: string; command: string; sha256: string; corpusSeed: number };
  /** Set when the stage imported a Hugging Face GPT-2 folder (pretrain-shipped.ts): its files' SHA-256 and what the import made up. */
  imported?: { format: 'huggingface'; where: string; files: Record<string, string>; notes: string[] };
}

export interface PretrainInputs extends StageThreads {
  data: PipelineData;
  resume?: StageResume;
}

export async function runPretrain(settings: PretrainSettings, inputs: PretrainInputs, control?: JobControl, onProgress?: ProgressCallback): Promise<StageOutput<PretrainRecord>> {
  const { data, resume } = inputs;
  const corpus = [...data.train, ...data.val, ...data.pool];
  const from = resume?.from ?? null;
  const tokenizer = from ? checkpointTokenizer(from, 'interrupted pretraining') : trainTokenizer(corpusDocuments(corpus), { vocabSize: Math.max(512, settings.vocabSize) });
  const model = from
    ? restoreModel(from, 'interrupted pretraining')
    : createGpt(configForTokenizer(settings.preset, tokenizer, { matchSignals: settings.matchSignals, relatedWords: settings.relatedWords }), settings.seed);
  const tokenizerJson = tokenizerToLabJson(tokenizer);
  try {
    const matching = pairMatchingFor(model.config);
    const inputsLm = pretrainInputs(tokenizer, corpus, model.config.contextLength, {
      heldOutFraction: settings.heldOutFraction,
      pairs: settings.pairs,
      matching,
      shuffledPairs: matching !== null && settings.pairs && settings.pairsWeight > 0,
      seed: settings.seed,
    });
    const record: PretrainRecord = { vocabSize: tokenizer.vocabSize, documents: inputsLm.documents, steps: 0, finalLoss: null, tokens: 0, trainSeconds: 0, lm: null };
    if ('steps' in settings.length && settings.length.steps === 0) {
      // No pretraining: the fresh model (e.g. to measure what pretraining adds).
      return { record, checkpoint: await captureCheckpoint(model, { tokenizer: tokenizerJson }) };
    }
    const result = await trainStage({
      model,
      stage: 'pretrain',
      data: inputsLm.train,
      ...stageLength(settings.length, 'pretrain'),
      learningRate: settings.learningRate,
      pairsWeight: settings.pairsWeight,
      batchSize: settings.batchSize,
      seed: settings.seed,
      pool: inputs.pool,
      checkpointEvery: settings.checkpointEvery,
      sink: resume?.sink,
      resumeFrom: from,
      tokenizer: tokenizerJson,
      control,
      onProgress,
    });
    Object.assign(record, { steps: result.totalSteps, finalLoss: result.finalLoss, tokens: result.tokens, trainSeconds: result.seconds });
    if (inputsLm.heldOut.length > 0) {
      record.lm = {
        heldOutLoss: await heldOutLmLoss(model, inputsLm.heldOut),
        unigramEntropy: unigramCrossEntropy(inputsLm.trainDocuments, inputsLm.heldOut, model.config.vocabSize),
        heldOutDocuments: inputsLm.heldOut.length,
      };
    }
    return { record, checkpoint: result.checkpoint };
  } finally {
    disposeGpt(model);
  }
}
