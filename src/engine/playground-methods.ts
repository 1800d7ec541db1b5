// The playground method group: one typed pair scored by a stored checkpoint (probabilities and
// expected grade from one forward pass, whose pooled features also go to the OOD detectors), the
// detectors fitted once per checkpoint and dataset, and example pairs to try.
import { pairMatchingFor } from '../core/training/loop/pair-matches';
import { headInputSize } from '../core/model/gpt';
import type { Example, Grade } from '../core/data/schema';
import { createRng } from '../core/random';
import { itemFieldTexts } from '../core/tokenizer';
import { encodePairs } from '../core/training/loop/encode';
import { runInference } from '../core/training/loop/inference';
import { probabilities } from '../core/training/loop/score';
import type { EngineContext } from './lab-engine';
import { createAttentionMethods } from './attention-methods';
import { checkPair } from './playground-pair';
import { percentileOf, resolveReferenceOptions } from './playground-reference';
import { PlaygroundSession } from './playground-session';
import type { PlaygroundDetector, PlaygroundEngine, PlaygroundExample } from './playground-types';
import { createScoreFileMethods } from './score-file-methods';
import { integerInRange } from './validate';

const DETECTORS: readonly PlaygroundDetector[] = ['mahalanobis', 'knn'];

/** Up to `perSplit` examples of a split, round robin over the grades present, seeded. */
function pickExamples(examples: readonly Example[], perSplit: number, seed: string): Example[] {
  const rng = createRng(seed);
  const byGrade = new Map<Grade | null, Example[]>();
  for (const example of rng.shuffle(examples)) byGrade.set(example.grade, [...(byGrade.get(example.grade) ?? []), example]);
  const queues = [2, 1, 0, null].map((grade) => byGrade.get(grade as Grade | null) ?? []).filter((queue) => queue.length > 0);
  const picked: Example[] = [];
  while (picked.length < perSplit && queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) if (picked.length < perSplit && queue.length > 0) picked.push(queue.shift()!);
  }
  return picked;
}

export function createPlaygroundMethods(context: EngineContext): PlaygroundEngine {
  const session = new PlaygroundSession(context);

  return {
    async preparePlayground(checkpointId, datasetId, options = {}, onProgress) {
      context.requireInfo('preparePlayground');
      const resolved = resolveReferenceOptions(options);
      const report = context.reporter(onProgress);
      return session.job('fit the playground\'s OOD detectors', async (control) => {
        const { reference, cached } = await session.prepare(checkpointId, datasetId, resolved, control, report);
        return { ...reference.summary, seconds: cached ? 0 : reference.summary.seconds, cached };
      });
    },

    async scorePlaygroundPair(checkpointId, datasetId, pair, options = {}) {
      context.requireInfo('scorePlaygroundPair');
      const checked = checkPair(pair);
      const resolved = resolveReferenceOptions(options);
      return session.job('score a playground pair', async (control) => {
        const { loaded, reference, cached } = await session.prepare(checkpointId, datasetId, resolved, control, () => undefined);
        const { config } = loaded.model;
        const texts = itemFieldTexts(checked.item);
        const promptTokens = loaded.tokenizer.encodePair(checked.query, texts, Number.MAX_SAFE_INTEGER).length;
        const out = await runInference(loaded.model, encodePairs(loaded.tokenizer, [checked], config.contextLength, pairMatchingFor(config)), { pooled: true });
        const probs = probabilities(out.logits, loaded.logitNormTau);
        const features = { data: out.pooled!, rows: 1, cols: headInputSize(config) };
        const scores: Record<PlaygroundDetector, number> = {
          mahalanobis: reference.mahalanobis.score(features)[0],
          knn: reference.knn.scoreExact(features)[0],
        };
        const thresholds = reference.summary.thresholds;
        return {
          probs,
          expectedGrade: probs.reduce((sum, p, k) => sum + k * p, 0) / (probs.length - 1),
          grade: probs.indexOf(Math.max(...probs)) as Grade,
          ood: DETECTORS.map((detector) => ({
            detector,
            score: scores[detector],
            percentile: percentileOf(reference.valScores[detector], scores[detector]),
            threshold: thresholds[detector],
            aboveThreshold: scores[detector] > thresholds[detector],
          })),
          promptTokens,
          contextLength: config.contextLength,
          reference: { ...reference.summary, seconds: cached ? 0 : reference.summary.seconds, cached },
        };
      });
    },

    async playgroundExamples(datasetId, options = {}) {
      const perSplit = integerInRange('perSplit', options.perSplit ?? 3, 1, 50);
      const seed = integerInRange('seed', options.seed ?? 1, 0, 2 ** 32 - 1);
      const store = await context.store();
      const info = await store.loadDatasetInfo(datasetId);
      const picked: PlaygroundExample[] = [];
      for (const split of ['test_id', 'test_ood'] as const) {
        if (!info.splits[split]?.count) continue;
        const examples = await store.loadExamples(datasetId, split);
        for (const { id, query, item, grade, tags } of pickExamples(examples, perSplit, `playground/${seed}/${split}`)) picked.push({ id, query, item, grade, tags, split });
      }
      return picked;
    },

    async releasePlayground() {
      session.release();
    },

    ...createScoreFileMethods(session),
    ...createAttentionMethods(session),
  };
}
