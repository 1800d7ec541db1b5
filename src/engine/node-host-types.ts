// The Node host's own methods: the engine's jobs against files and folders (a dataset folder of
// JSONL files, checkpoint files, a directory run store) instead of the page's IndexedDB store.
// The command line drives the engine through these and the shared LabEngine methods.
import type { ModelCheckpoint, TrainingStage } from '../core/checkpoint/types';
import type { Example } from '../core/data/schema';
import type { ExperimentConfig, ExperimentOptions, ExperimentOutcome } from '../core/experiment/run-experiment';
import type { ProgressCallback } from '../core/job/progress';
import type { ClassificationReport } from '../core/metrics/classification';
import type { GptPresetName } from '../core/model/gpt';
import type { PipelineData } from '../core/pipeline/data';
import type { PipelineOptions, PipelineStageRuns } from '../core/pipeline/pipeline';
import type { PipelineSettings } from '../core/pipeline/settings';
import type { PairScore } from '../core/training/loop/score';
import type { StageResult } from '../core/training/loop/stage-runner';
import type { ModelSource } from './node-host-model-source';
import type { LabEngine } from './types';

/** A training stage on files: data from a dataset folder, checkpoints to one file. */
export interface FileTrainingRequest {
  stage: TrainingStage;
  /** The dataset folder (train.jsonl, val.jsonl, pool.jsonl...). */
  dataDir: string;
  /** The checkpoint file written periodically and at the end (replaced atomically, node-file.ts). */
  out: string;
  /** Start from a checkpoint file or a Hugging Face GPT-2 folder; default a fresh model of `preset`. */
  initPath?: string;
  /** Default small. */
  preset?: GptPresetName;
  /** Vocabulary of the tokenizer trained for a fresh model (at least 512); default the preset's. */
  vocabSize?: number;
  /** Continue an unfinished run of the same stage from `out` (or the slot before it). */
  resume?: boolean;
  /** Defaults, from the small recipe (src/core/training/loop/recipe.ts): its pretraining steps, its epochs for probe and finetune. */
  steps?: number;
  epochs?: number;
  /** Default per stage: STAGE_LEARNING_RATES (model-training.ts). */
  learningRate?: number;
  /** Default 16. */
  batchSize?: number;
  /** Default 1. */
  seed?: number;
  /** Probe and finetune; default the recipe's. */
  loss?: 'ce' | 'occ';
  /** Default max(50, total / 10). */
  checkpointEvery?: number;
  /** Default DEFAULT_LOSS_EVERY, or 1 with stopAfter so the stop is exact. */
  lossEvery?: number;
  /** Pretraining: share of texts held out (default 0.05), relevance prompts on (default), matched-vs-shuffled weight. */
  heldOutFraction?: number;
  lmPairs?: boolean;
  pairsWeight?: number;
  /** Default 10 s. */
  progressIntervalMs?: number;
  /** Stop (as if cancelled) after this step. */
  stopAfter?: number;
}

/** What a file training job tells as it goes, besides its step progress. */
export type FileTrainingEvent =
  | { kind: 'resuming'; step: number; totalSteps: number }
  | { kind: 'nothing-to-resume' }
  | { kind: 'initialised'; path: string; source: ModelSource }
  | { kind: 'tokenizer'; vocabSize: number; seconds: number }
  | { kind: 'pretraining-text'; documents: number; windows: number; contextLength: number; pairs: number; heldOut: number }
  | { kind: 'labelled-pairs'; pairs: number; file: string }
  | { kind: 'plan'; totalSteps: number; batchSize: number; perEpoch: number; learningRate: number; seed: number; loss: 'ce' | 'occ' | null }
  | { kind: 'trained'; result: StageResult }
  | { kind: 'stopped'; step: number };

export interface FileTrainingOutcome {
  stage: TrainingStage;
  /** null when the run was stopped early (cancel() or stopAfter). */
  result: StageResult | null;
  /** Pretraining: held-out LM loss and the unigram baseline, nats per token. */
  lm?: { heldOutLoss: number; unigramEntropy: number; heldOutDocuments: number };
  /** Probe / finetune: the model on the folder's val.jsonl, when present. */
  val?: ClassificationReport;
}

export interface FileScoring {
  /** The model (readModelSource) and where it came from, for messages. */
  checkpoint: ModelCheckpoint;
  where: string;
  examples: readonly Example[];
  batchSize?: number;
}

export interface NodeHostMethods {
  /** The dataset folder as the pipeline's data. */
  readPipelineFolder(dir: string): Promise<PipelineData>;
  /** train, val and pool of the dataset folder: the text a tokenizer and the LM learn from. */
  readCorpusFolder(dir: string): Promise<Example[]>;
  readExamplesFile(path: string): Promise<Example[]>;
  /** A byte-level BPE tokenizer trained on the folder's train, val and pool text, as lab JSON. */
  trainTokenizerOnFolder(dir: string, vocabSize: number): Promise<{ json: string; vocabSize: number; merges: number; documents: number }>;
  /** A checkpoint file or a Hugging Face GPT-2 folder. */
  readModelSource(path: string, seed?: number): Promise<ModelSource>;
  /** One training stage on files, as the engine's job (cancel() stops it after the current step). */
  trainFromFiles(request: FileTrainingRequest, onEvent: (event: FileTrainingEvent) => void, onProgress?: ProgressCallback): Promise<FileTrainingOutcome>;
  /** Grade probabilities of the examples, in their order. */
  scoreWithFile(scoring: FileScoring): Promise<PairScore[]>;
  /** Classification quality on labelled examples (argmax of the grade probabilities); `what` names them in errors. */
  evaluateWithFile(scoring: FileScoring & { what: string }): Promise<ClassificationReport>;
  /** Every variant for every seed on a directory run store; the report's backend and threads are the engine's. */
  runExperimentOnFolder(config: ExperimentConfig, data: PipelineData, storeDir: string, options?: Omit<ExperimentOptions, 'control' | 'pool'>): Promise<ExperimentOutcome>;
  /** The pipeline's stages on a directory run store. */
  runPipelineOnFolder(settings: PipelineSettings, data: PipelineData, storeDir: string, options?: Omit<PipelineOptions, 'control' | 'pool'>): Promise<Partial<PipelineStageRuns>>;
  /** Stops the training threads so the process can end; init() starts them again. */
  close(): Promise<void>;
}

export type NodeLabEngine = LabEngine & NodeHostMethods;
