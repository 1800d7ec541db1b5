// Model checkpoints: weights + config + tokenizer + optimizer state + training position.
export { captureCheckpoint, checkWeights, loadOptimizerInto, loadWeightsInto, restoreModel, type CaptureOptions } from './capture';
export { CheckpointMismatchError } from './errors';
export { modelCheckpointFromBytes, modelCheckpointToBytes } from './file';
export { MemoryCheckpointSink, StoreCheckpointSink, type CheckpointSink } from './sink';
export { fromStoredCheckpoint, MODEL_CHECKPOINT_FORMAT, toStoredCheckpoint } from './stored';
export { TRAINING_STAGES, type ModelCheckpoint, type OptimizerState, type TrainingStage, type TrainingState } from './types';
