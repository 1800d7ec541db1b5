// Tokenizers of the model group: trained on a stored dataset's text, kept in the store's tokenizers
// as the lab's tokenizer JSON text.
import type { Example } from '../core/data/schema';
import { LAB_TOKENIZER_FORMAT, tokenizerFromLabJson, tokenizerToLabJson, trainTokenizer, type BpeTokenizer } from '../core/tokenizer';
import { corpusDocuments } from '../core/training/loop/lm-corpus';
import type { LabStore, StoredTokenizer, TokenizerSummary } from '../storage';
import type { JobControl } from '../core/job/job-control';
import type { ModelTokenizerSummary } from './model-types';
import type { JobProgress } from '../core/job/progress';
import { integerInRange } from './validate';

export const DEFAULT_VOCAB_SIZE = 2048;

/** The text a tokenizer and the LM learn from: train, val and the unlabeled pool (never the test splits). */
export async function corpusExamples(store: LabStore, datasetId: string): Promise<Example[]> {
  const [train, val, pool] = await Promise.all((['train', 'val', 'pool'] as const).map((split) => store.loadExamples(datasetId, split)));
  return [...train, ...val, ...pool];
}

function labJsonText(json: unknown): string | null {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  try {
    const parsed = JSON.parse(text) as { format?: unknown; vocab?: unknown };
    return parsed.format === LAB_TOKENIZER_FORMAT && Array.isArray(parsed.vocab) ? text : null;
  } catch {
    return null;
  }
}

/** Summaries of the stored tokenizers in the lab's format (others cannot build a model). */
export async function listLabTokenizers(store: LabStore): Promise<ModelTokenizerSummary[]> {
  const summaries: TokenizerSummary[] = await store.listTokenizers();
  const listed: ModelTokenizerSummary[] = [];
  for (const summary of summaries) {
    const text = labJsonText((await store.loadTokenizer(summary.id)).json);
    if (text === null) continue;
    listed.push({ ...summary, vocabSize: (JSON.parse(text) as { vocab: unknown[] }).vocab.length });
  }
  return listed;
}

export async function loadLabTokenizer(store: LabStore, id: string): Promise<{ tokenizer: BpeTokenizer; json: string }> {
  const stored: StoredTokenizer = await store.loadTokenizer(id);
  const json = typeof stored.json === 'string' ? stored.json : JSON.stringify(stored.json);
  return { tokenizer: tokenizerFromLabJson(json, `tokenizer "${stored.name}"`), json };
}

export interface TokenizerJob {
  store: LabStore;
  datasetId: string;
  vocabSize?: number;
  id?: string;
  name?: string;
  control: JobControl;
  report: (progress: JobProgress) => void;
}

/** Trains on the dataset's corpus and stores the tokenizer; returns it with its summary. */
export async function trainAndStoreTokenizer(job: TokenizerJob): Promise<{ tokenizer: BpeTokenizer; json: string; summary: ModelTokenizerSummary }> {
  const vocabSize = integerInRange('vocabSize', job.vocabSize ?? DEFAULT_VOCAB_SIZE, 512, 8192);
  const info = await job.store.loadDatasetInfo(job.datasetId);
  const documents = corpusDocuments(await corpusExamples(job.store, job.datasetId));
  await job.control.betweenSteps();
  const started = performance.now();
  const report = (merges: number, target: number) => {
    const elapsedSeconds = (performance.now() - started) / 1000;
    const eta = merges > 0 ? (elapsedSeconds / merges) * (target - merges) : null;
    job.report({ stage: 'tokenizer', step: merges, total: target, etaSeconds: eta, elapsedSeconds, figures: { texts: documents.length } });
  };
  const tokenizer = trainTokenizer(documents, { vocabSize, onProgress: report });
  report(tokenizer.mergeCount, tokenizer.mergeCount);
  await job.control.betweenSteps();
  const json = tokenizerToLabJson(tokenizer);
  const stored = await job.store.saveTokenizer({
    id: job.id ?? `tokenizer-${job.datasetId}-${vocabSize}`,
    name: job.name ?? `BPE ${tokenizer.vocabSize} tokens on "${info.name}"`,
    json,
  });
  return { tokenizer, json, summary: { ...stored, vocabSize: tokenizer.vocabSize } };
}
