// The playground method group: one typed pair scored by a stored checkpoint (probabilities and
// expected grade from one forward pass, whose pooled features also go to the OOD detectors), the
// detectors fitted once per checkpoint and dataset, and example pairs to try.
import { pairMatchingFor } from '../trainer/pair-matches';
import { headInputSize } from '../model/gpt';
import type { Example, Grade, Item } from '../data/schema';
import { createRng } from '../random';
import { itemFieldTexts } from '../tokenizer';
import { encodePairs } from '../trainer/encode';
import { runInference } from '../trainer/inference';
import { probabilities } from '../trainer/score';
import { InvalidOptionError } from './errors';
import { estimateEtaSeconds, type JobControl } from './job-control';
import type { EngineContext } from './lab-engine';
import { LoadedModelCache } from './model-scoring';
import { fitReference, percentileOf, ReferenceCache, resolveReferenceOptions, type FittedReference, type ResolvedReferenceOptions } from './playground-reference';
import type { PlaygroundDetector, PlaygroundEngine, PlaygroundExample, PlaygroundPair } from './playground-types';
import type { JobProgress } from './types';
import { integerInRange } from './validate';

const MAX_TEXT = 10_000;
const DETECTORS: readonly PlaygroundDetector[] = ['mahalanobis', 'knn'];

function checkText(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new InvalidOptionError(`${name} must be text; got ${typeof value}.`, { option: name });
  if (value.length > MAX_TEXT) throw new InvalidOptionError(`${name} is ${value.length} characters; the playground takes at most ${MAX_TEXT}.`, { option: name });
  return value;
}

function checkPair(pair: PlaygroundPair): PlaygroundPair {
  const item = pair?.item as Item | undefined;
  if (!item || typeof item !== 'object' || typeof item.fields !== 'object' || item.fields === null) {
    throw new InvalidOptionError('pair.item must be {title, fields: {name: value}}.', { option: 'pair.item' });
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(item.fields)) fields[checkText('a field name', name)] = checkText(`field "${name}"`, value);
  return { query: checkText('pair.query', pair.query), item: { title: checkText('pair.item.title', item.title), fields } };
}

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
  const models = new LoadedModelCache();
  const references = new ReferenceCache();
  // A release asked for while a playground job uses the model waits for that job to end.
  let using = false;
  let releaseWhenDone = false;
  const job = <T>(name: string, work: (control: JobControl) => Promise<T>): Promise<T> =>
    context.slot.run(name, async (control) => {
      using = true;
      try {
        return await work(control);
      } finally {
        using = false;
        if (releaseWhenDone) models.release();
        releaseWhenDone = false;
      }
    });

  /** The model and the fitted reference for this checkpoint, dataset and options (fitted now when not cached). */
  const prepare = async (checkpointId: string, datasetId: string, options: ResolvedReferenceOptions, control: JobControl, report: (progress: JobProgress) => void) => {
    if (typeof checkpointId !== 'string' || typeof datasetId !== 'string') throw new InvalidOptionError('Name a stored checkpoint and a stored dataset by their ids.', {});
    const store = await context.store();
    const info = await store.loadDatasetInfo(datasetId);
    const loaded = await models.get(store, checkpointId);
    const key = JSON.stringify([checkpointId, loaded.createdAt, datasetId, info.createdAt, options]);
    const cached = references.get(key);
    if (cached) return { loaded, reference: cached, cached: true };
    const [train, val] = [await store.loadExamples(datasetId, 'train'), await store.loadExamples(datasetId, 'val')];
    const reference: FittedReference = await fitReference(loaded, { checkpointId, datasetId, datasetName: info.name, train, val }, options, async (done, total) => {
      report({ stage: 'ID train and val features', step: done, total, etaSeconds: estimateEtaSeconds(control.activeSeconds(), done, total), elapsedSeconds: control.activeSeconds(), figures: {} });
      await control.betweenSteps();
    });
    references.set(key, reference);
    return { loaded, reference, cached: false };
  };

  return {
    async preparePlayground(checkpointId, datasetId, options = {}, onProgress) {
      context.requireInfo('preparePlayground');
      const resolved = resolveReferenceOptions(options);
      const report = context.reporter(onProgress);
      return job('fit the playground\'s OOD detectors', async (control) => {
        const { reference, cached } = await prepare(checkpointId, datasetId, resolved, control, report);
        return { ...reference.summary, seconds: cached ? 0 : reference.summary.seconds, cached };
      });
    },

    async scorePlaygroundPair(checkpointId, datasetId, pair, options = {}) {
      context.requireInfo('scorePlaygroundPair');
      const checked = checkPair(pair);
      const resolved = resolveReferenceOptions(options);
      return job('score a playground pair', async (control) => {
        const { loaded, reference, cached } = await prepare(checkpointId, datasetId, resolved, control, () => undefined);
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
      if (using) releaseWhenDone = true;
      else models.release();
    },
  };
}
