// The Node host's method group (node-host-types.ts): the engine's jobs on files and folders, run in
// the engine's job slot with its training threads, as the page's methods run on IndexedDB.
import { runExperiment } from '../core/experiment/run-experiment';
import { disposeGpt, type Gpt } from '../core/model/gpt';
import { tokenizerToLabJson, trainTokenizer, type BpeTokenizer } from '../core/tokenizer';
import { corpusDocuments } from '../core/training/loop/lm-corpus';
import { evaluateClassifier } from '../core/training/loop/evaluate';
import { runPipelineStages } from '../core/pipeline/pipeline';
import { DirectoryRunStore } from '../core/pipeline/node-run-store';
import { restoreModel } from '../core/checkpoint/capture';
import { checkpointTokenizer } from '../core/training/loop/model-setup';
import { score } from '../core/training/loop/score';
import type { EngineContext } from './lab-engine';
import { readCorpusExamples, readExamplesFile, readPipelineData } from './node-host-files';
import { readModelSource } from './node-host-model-source';
import { trainFromFiles } from './node-host-training';
import type { FileScoring, NodeHostMethods } from './node-host-types';

export function createNodeHostMethods(context: EngineContext): NodeHostMethods {
  /** Runs `use` on the scoring's model as the engine's job; the model is freed after. */
  const withFileModel = <T>({ checkpoint, where }: FileScoring, jobName: string, use: (model: Gpt, tokenizer: BpeTokenizer) => Promise<T>): Promise<T> => {
    const tokenizer = checkpointTokenizer(checkpoint, where);
    return context.slot.run(jobName, async () => {
      const model = restoreModel(checkpoint, where);
      try {
        return await use(model, tokenizer);
      } finally {
        disposeGpt(model);
      }
    });
  };

  return {
    readPipelineFolder: readPipelineData,
    readCorpusFolder: readCorpusExamples,
    readExamplesFile,
    readModelSource,

    async trainTokenizerOnFolder(dir, vocabSize) {
      return context.slot.run('train tokenizer', async () => {
        const documents = corpusDocuments(await readCorpusExamples(dir));
        const tokenizer = trainTokenizer(documents, { vocabSize });
        return { json: tokenizerToLabJson(tokenizer), vocabSize: tokenizer.vocabSize, merges: tokenizer.mergeCount, documents: documents.length };
      });
    },

    async trainFromFiles(request, onEvent, onProgress) {
      context.requireInfo('trainFromFiles');
      return context.slot.run(`train (${request.stage})`, (control) => trainFromFiles(request, control, context.trainingPool(), onEvent, context.reporter(onProgress)));
    },

    async scoreWithFile(scoring) {
      context.requireInfo('scoreWithFile');
      return withFileModel(scoring, 'score pairs', (model, tokenizer) =>
        score(model, tokenizer, scoring.examples, { batchSize: scoring.batchSize, logitNormTau: scoring.checkpoint.training?.loss?.logitNormTau ?? null, pool: context.trainingPool() }),
      );
    },

    async evaluateWithFile(scoring) {
      context.requireInfo('evaluateWithFile');
      return withFileModel(scoring, `evaluate on ${scoring.what}`, (model, tokenizer) =>
        evaluateClassifier(model, tokenizer, scoring.examples, { batchSize: scoring.batchSize ?? 32, pool: context.trainingPool() }, scoring.what),
      );
    },

    async runExperimentOnFolder(config, data, storeDir, options = {}) {
      const info = context.requireInfo('runExperimentOnFolder');
      return context.slot.run('DaRL experiment', (control) =>
        runExperiment({ ...config, backend: info.backend, trainingThreads: info.trainingThreads }, data, new DirectoryRunStore(storeDir), { ...options, control, pool: context.trainingPool() }),
      );
    },

    async runPipelineOnFolder(settings, data, storeDir, options = {}) {
      context.requireInfo('runPipelineOnFolder');
      return context.slot.run('DaRL pipeline', (control) => runPipelineStages(settings, data, new DirectoryRunStore(storeDir), { ...options, control, pool: context.trainingPool() }));
    },

    close: () => context.stopTrainingThreads(),
  };
}
