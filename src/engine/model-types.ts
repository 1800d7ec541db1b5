// The engine's model methods: tokenizers, training stages with checkpoints in IndexedDB, resume,
// checkpoint files, scoring. Types only: the page imports this file without loading tfjs.
import type { TrainingStage } from '../core/checkpoint/types';
import type { GptConfig, GptPresetName } from '../core/model/gpt';
import type { OccConfig } from '../core/training/step/losses';
import type { Matrix, PairScore, QueryItemPair } from '../core/training/loop';
import type { ProgressCallback } from '../core/job/progress';

export type { GptConfig, GptPresetName, Matrix, OccConfig, PairScore, QueryItemPair, TrainingStage };

export interface ParameterCounts {
  total: number;
  /** Everything but the classifier head (the tied LM head is the token embedding). */
  backbone: number;
  head: number;
}

export interface ModelPresetSummary {
  name: GptPresetName;
  /** The preset's config with its placeholder vocabulary (a trained tokenizer sets the real one). */
  config: GptConfig;
  parameters: ParameterCounts;
}

export interface TokenizerTrainingOptions {
  /** 512 to 8,192; default 2,048. A small corpus may end below it (pairs seen once are never merged). */
  vocabSize?: number;
  /** Stored under this id (replacing one with the same id); default `tokenizer-<dataset id>-<vocab>`. */
  id?: string;
  name?: string;
}

export interface ModelTokenizerSummary {
  id: string;
  name: string;
  savedAt: string;
  byteSize: number;
  /** Tokens the tokenizer really has (bytes, special tokens, merges). */
  vocabSize: number;
}

/** Where a stage starts: a fresh model of a preset, or the weights of a stored checkpoint. */
export type ModelInit =
  | {
      from: 'preset';
      preset: GptPresetName;
      /** A stored tokenizer; without one, a tokenizer is trained on the dataset and stored. */
      tokenizerId?: string;
      /** Vocabulary of the tokenizer trained when there is no tokenizerId; default the preset's (at least 512). */
      vocabSize?: number;
      /** Initialisation seed; default 1. */
      seed?: number;
      dropout?: number;
      /** Overrides the preset's context length (longer prompts are cut, keeping [CLS]). */
      contextLength?: number;
    }
  | { from: 'checkpoint'; checkpointId: string };

/** Classification loss: the shipped OCC, plain cross-entropy, or OCC with some parts changed. */
export type LossChoice = 'occ' | 'ce' | Partial<OccConfig>;

export interface TrainingRequest {
  stage: TrainingStage;
  /** A stored dataset: pretraining reads the text of train, val and pool; probe and finetune read train. */
  datasetId: string;
  init: ModelInit;
  /** Optimisation steps; or epochs (default 1 epoch). Not both. */
  steps?: number;
  epochs?: number;
  /** Default 16. */
  batchSize?: number;
  /** Peak learning rate; default per stage from the small recipe (src/core/training/loop/recipe.ts). */
  learningRate?: number;
  /** Seed of the data order and dropout; default 1. */
  seed?: number;
  /** Probe and finetune; default 'occ'. */
  loss?: LossChoice;
  /** Store a checkpoint every N steps (and at the end); default max(50, total / 10). */
  checkpointEvery?: number;
  /** Read the loss back once every N steps (trainer/stage-runner.ts); default DEFAULT_LOSS_EVERY (8). */
  lossEvery?: number;
  /** The stored checkpoint this stage writes (replaced at each save); default `<stage>-<time>`. */
  checkpointId?: string;
  name?: string;
  /** Minimum time between progress events; default 500 ms. 0 reports every step. */
  progressIntervalMs?: number;
  /** Pretraining: also train on the relevance prompts of the pairs (default true). */
  lmPairs?: boolean;
  /** Pretraining: share of distinct texts held out for the LM check (default 0.05). */
  heldOutFraction?: number;
  /** Measure the result after training (held-out LM loss, or val macro-F1); default true. */
  evaluate?: boolean;
}

/** One point of a stage's curve: a progress event of the trainer, plus the engine's tensor count. */
export interface TrainingPoint {
  step: number;
  /** Mean loss over the steps since the previous point. */
  loss: number;
  tokensPerSecond: number;
  learningRate: number;
  gradNorm: number;
  /** tf.memory().numTensors after the step: flat while nothing leaks. */
  tensors: number;
  elapsedSeconds: number;
}

export interface TrainingOutcome {
  checkpointId: string;
  stage: TrainingStage;
  /** The step this call started from (0, or the stored step when resumed). */
  startStep: number;
  steps: number;
  totalSteps: number;
  /** Loss of each step of this call, in order. */
  losses: number[];
  finalLoss: number;
  seconds: number;
  tokens: number;
  tokensPerSecond: number;
  checkpoint: ModelCheckpointSummary;
  /** Pretraining: next-token loss on held-out texts and the unigram entropy it must beat (nats per token). */
  heldOutLoss?: number;
  unigramEntropy?: number;
  /** Probe and finetune: the model on the dataset's val split. */
  validation?: { macroF1: number; accuracy: number; count: number };
}

export type TrainingRunStatus = 'running' | 'stopped' | 'failed' | 'done';

/** What the engine keeps about a stage next to its checkpoint (the runs store, id `training/<checkpoint id>`). */
export interface TrainingRunRecord {
  id: string;
  kind: 'training-stage';
  checkpointId: string;
  name: string;
  datasetId: string;
  datasetName: string;
  request: TrainingRequest;
  /** As last written: `running` after a reload means the tab stopped mid-stage. */
  status: TrainingRunStatus;
  step: number;
  totalSteps: number;
  /** The curve up to the stored checkpoint's step (and to the end once done). */
  history: TrainingPoint[];
  error: { name: string; message: string } | null;
  startedAt: string;
  updatedAt: string;
  outcome: Omit<TrainingOutcome, 'losses' | 'checkpoint'> | null;
}

/** running: this engine trains it now; unfinished: stopped before its last step (resumable); finished. */
export type CheckpointState = 'running' | 'unfinished' | 'finished';

export interface ModelCheckpointSummary {
  id: string;
  name: string;
  createdAt: string;
  /** Stored bytes (weights and optimizer moments). */
  byteSize: number;
  /** The preset whose shape the model has, or null for another shape. */
  preset: GptPresetName | null;
  config: GptConfig;
  parameters: ParameterCounts;
  stage: TrainingStage | null;
  step: number;
  totalSteps: number;
  lastLoss: number | null;
  state: CheckpointState;
  datasetId: string | null;
  datasetName: string | null;
  /** Holds AdamW moments, so a stage can continue exactly. */
  hasOptimizer: boolean;
  /** How its run record last ended (null without one): a `failed` stage would fail again if resumed. */
  runStatus: TrainingRunStatus | null;
  runError: { name: string; message: string } | null;
}

export interface ResumeOptions {
  /** The dataset, when the checkpoint came without a run record (an imported file). */
  datasetId?: string;
  progressIntervalMs?: number;
  checkpointEvery?: number;
}

export interface CheckpointFile {
  fileName: string;
  /** A .safetensors file: tensors, and config, tokenizer and training state as JSON in __metadata__. */
  bytes: Uint8Array;
}

export interface CheckpointImportOptions {
  fileName?: string;
  /** Store under this id; default the file's id, or that id with a number added when it is taken. */
  id?: string;
}

export interface ScoringOptions {
  batchSize?: number;
}

export interface ModelEngine {
  /** The model sizes with their parameter counts (for the given vocabulary, else each preset's placeholder). */
  modelPresets(options?: { vocabSize?: number }): Promise<ModelPresetSummary[]>;
  /** Trains a byte-level BPE tokenizer on the dataset's train, val and pool text and stores it. */
  trainTokenizer(datasetId: string, options?: TokenizerTrainingOptions, onProgress?: ProgressCallback): Promise<ModelTokenizerSummary>;
  listModelTokenizers(): Promise<ModelTokenizerSummary[]>;
  deleteModelTokenizer(id: string): Promise<void>;
  /**
   * Runs a training stage as the engine's job (pause, resume, cancel through the job slot), storing
   * a checkpoint every few steps. Progress figures: loss, lastLoss, tokensPerSecond, learningRate,
   * gradNorm, tensors. A cancel keeps the last stored checkpoint, which resumeTraining continues.
   */
  trainModel(request: TrainingRequest, onProgress?: ProgressCallback): Promise<TrainingOutcome>;
  /** Continues an unfinished stage from its stored checkpoint; the result is that of an uninterrupted run. */
  resumeTraining(checkpointId: string, options?: ResumeOptions, onProgress?: ProgressCallback): Promise<TrainingOutcome>;
  /** Stored model checkpoints, newest first, with sizes and training state. */
  listModelCheckpoints(): Promise<ModelCheckpointSummary[]>;
  /** The stage's run record (settings, curve, outcome), or null when there is none (e.g. an imported file). */
  trainingRun(checkpointId: string): Promise<TrainingRunRecord | null>;
  deleteModelCheckpoint(id: string): Promise<void>;
  exportModelCheckpoint(id: string): Promise<CheckpointFile>;
  /** Checks the whole file (safetensors layout and the model's shapes) before storing anything. */
  importModelCheckpoint(file: Blob | Uint8Array, options?: CheckpointImportOptions): Promise<ModelCheckpointSummary>;
  /** Grade probabilities [p0, p1, p2] and the expected grade sum_k k p_k / 2 of each pair, in input order. */
  scorePairs(checkpointId: string, pairs: QueryItemPair[], options?: ScoringOptions): Promise<PairScore[]>;
  /** Pooled [CLS] states [pairs, dModel] (row-major), the features the OOD detectors use. */
  pairFeatures(checkpointId: string, pairs: QueryItemPair[], options?: ScoringOptions): Promise<Matrix>;
  /** Frees the model kept loaded for scoring (it is also replaced when another checkpoint is scored). */
  releaseModel(): Promise<void>;
}
