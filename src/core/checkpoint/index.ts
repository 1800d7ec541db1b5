// Model checkpoints: weights + config + tokenizer + optimizer state + training position. This module
// is medium-free; the adapters are node-file.ts (files on disk, Node only) and src/storage/checkpoints/
// (IndexedDB).
export { captureCheckpoint, checkWeights, loadOptimizerInto, loadWeightsInto, restoreModel, type CaptureOptions } from './capture';
export { CheckpointMismatchError } from './errors';
export { modelCheckpointFromBytes, modelCheckpointToBytes } from './file';
export { checkpointFileName, exportCheckpointFile, parseCheckpointFile } from './file-format';
export { isPeriodicCheckpoint } from './periodic';
export { MemoryCheckpointSink, type CheckpointSink } from './sink';
export { fromStoredCheckpoint, MODEL_CHECKPOINT_FORMAT, toStoredCheckpoint } from './stored';
export { TRAINING_STAGES, type Checkpoint, type ModelCheckpoint, type OptimizerState, type TrainingStage, type TrainingState } from './types';
