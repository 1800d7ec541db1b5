// File scoring in the engine worker: the uploaded file's pairs read with the importers' readers,
// scored in batches by the playground's loaded model (probabilities as in training, LogitNorm
// applied), their pooled features judged by the playground's fitted Mahalanobis and kNN, and the
// result written here as CSV and JSONL bytes for the page to offer as downloads.
import { blobSource } from '../core/data/import/byte-source';
import { FaultPolicy } from '../core/data/import/fault-policy';
import { readPairFile, type PairFileRow } from '../core/data/import/pair-file';
import type { Grade } from '../core/data/schema';
import { headInputSize } from '../core/model/gpt';
import { scoredPairsCsv, scoredPairsJsonl } from './scored-pairs-file';
import { itemFieldTexts } from '../core/tokenizer';
import { encodePairs } from '../core/training/loop/encode';
import { runInference } from '../core/training/loop/inference';
import { pairMatchingFor } from '../core/training/loop/pair-matches';
import { probabilities } from '../core/training/loop/score';
import { InvalidOptionError } from './errors';
import type { JobControl } from '../core/job/job-control';
import { percentileOf, resolveReferenceOptions, type FittedReference } from './playground-reference';
import type { PlaygroundSession } from './playground-session';
import type { PlaygroundDetector } from './playground-types';
import type { ScoredPair, ScoreFileEngine, ScoreFileRequest } from './score-file-types';
import { stageReporter } from '../core/job/progress';

/** Rows of one file at most: the scores of all of them are kept in memory. */
export const MAX_SCORED_ROWS = 200_000;
const PREVIEW_ROWS = 50;
const DETECTORS: readonly PlaygroundDetector[] = ['mahalanobis', 'knn'];
const encoder = new TextEncoder();

async function readRows(file: File, request: ScoreFileRequest, policy: FaultPolicy, control: JobControl, onRows: (rows: number) => void): Promise<PairFileRow[]> {
  const rows: PairFileRow[] = [];
  const { mapping, format, delimiter, encoding } = request;
  for await (const row of readPairFile(blobSource(file), { mapping, format, delimiter, encoding }, policy)) {
    rows.push(row);
    if (rows.length > MAX_SCORED_ROWS) throw new InvalidOptionError(`${file.name} has more than ${MAX_SCORED_ROWS.toLocaleString('en')} pairs; score it in parts.`, { file: file.name, limit: MAX_SCORED_ROWS });
    if (rows.length % 1000 === 0) {
      onRows(rows.length);
      await control.betweenSteps();
    }
  }
  if (rows.length === 0) throw new InvalidOptionError(`${file.name} has no pair to score${policy.skippedTotal > 0 ? ` (${policy.skippedTotal} bad rows skipped)` : ''}.`, { file: file.name });
  return rows;
}

function oodOf(reference: FittedReference, detector: PlaygroundDetector, score: number) {
  return { score, percentile: percentileOf(reference.valScores[detector], score), aboveThreshold: score > reference.summary.thresholds[detector] };
}

function checkRequest(file: unknown, request: ScoreFileRequest): void {
  if (!(file instanceof Blob)) throw new InvalidOptionError('Choose a file to score.', { option: 'file' });
  const mapping = request?.mapping;
  if (!mapping || typeof mapping.query !== 'string' || mapping.query === '' || typeof mapping.title !== 'string' || mapping.title === '') {
    throw new InvalidOptionError('Name the columns of the query and the item title (mapping.query, mapping.title).', { option: 'mapping' });
  }
}

export function createScoreFileMethods(session: PlaygroundSession): ScoreFileEngine {
  const { context } = session;
  return {
    async scorePlaygroundFile(checkpointId, datasetId, file, request, onProgress) {
      context.requireInfo('scorePlaygroundFile');
      checkRequest(file, request);
      const options = resolveReferenceOptions(request.reference ?? {});
      const report = context.reporter(onProgress);
      return session.job(`score ${file.name}`, async (control) => {
        const started = performance.now();
        const policy = new FaultPolicy({ skipBadRows: request.skipBadRows ?? false, maxListed: 200 });
        const reading = stageReporter(control, report, 'read');
        const rows = await readRows(file, request, policy, control, (done) => reading(done, 0));
        const { loaded, reference, cached } = await session.prepare(checkpointId, datasetId, options, control, report);
        const { config } = loaded.model;
        const sequences = encodePairs(loaded.tokenizer, rows, config.contextLength, pairMatchingFor(config));
        const truncated = rows.filter((row) => loaded.tokenizer.encodePair(row.query, itemFieldTexts(row.item), Number.MAX_SAFE_INTEGER).length > config.contextLength).length;
        const scoring = stageReporter(control, report, 'score');
        const out = await runInference(loaded.model, sequences, {
          pooled: true,
          pool: context.trainingPool(),
          onBatch: async (done, total) => {
            scoring(done, total);
            await control.betweenSteps();
          },
        });
        const features = { data: out.pooled!, rows: rows.length, cols: headInputSize(config) };
        const scores = { mahalanobis: reference.mahalanobis.score(features), knn: await reference.knn.score(features) };
        const K = config.numClasses;
        const scored: ScoredPair[] = rows.map((row, i) => {
          const probs = probabilities(out.logits.subarray(i * K, (i + 1) * K), loaded.logitNormTau);
          return {
            ...row,
            grade: probs.indexOf(Math.max(...probs)) as Grade,
            probs,
            expectedGrade: probs.reduce((sum, p, k) => sum + k * p, 0) / (K - 1),
            ood: Object.fromEntries(DETECTORS.map((detector) => [detector, oodOf(reference, detector, scores[detector][i])])) as ScoredPair['ood'],
          };
        });
        const labelNames = (await (await context.store()).loadDatasetInfo(datasetId)).labelNames;
        const stem = file.name.replace(/\.[^.]*$/, '') || 'pairs';
        return {
          file: file.name,
          rows: scored.length,
          preview: scored.slice(0, PREVIEW_ROWS),
          skipped: policy.skipped,
          skippedTotal: policy.skippedTotal,
          truncated,
          reference: { ...reference.summary, seconds: cached ? 0 : reference.summary.seconds, cached },
          seconds: (performance.now() - started) / 1000,
          csv: { fileName: `${stem}-scored.csv`, bytes: encoder.encode(scoredPairsCsv(scored, labelNames)) },
          jsonl: { fileName: `${stem}-scored.jsonl`, bytes: encoder.encode(scoredPairsJsonl(scored)) },
        };
      });
    },
  };
}
