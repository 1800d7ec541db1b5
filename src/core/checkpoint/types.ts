// A model checkpoint: everything needed to use the model or to continue training it exactly.
// Plain data and typed arrays (no tfjs), so it can go to IndexedDB, to a file or over postMessage.
import type { NamedTensor } from '../io/safetensors';
import type { TrainingStage } from '../job/stages';
import type { GptConfig } from '../model/gpt';
import type { OccConfig } from '../training/step/occ-config';
import type { ParamGroupsConfig } from '../training/step/param-groups';
import type { WarmupCosineSchedule } from '../training/step/schedule';

export { TRAINING_STAGES, type TrainingStage } from '../job/stages';

/**
 * A checkpoint as stored and as a file holds it: tensors by name, with the config and metadata as
 * JSON-compatible data (stored.ts puts a ModelCheckpoint in this shape).
 */
export interface Checkpoint {
  id: string;
  name: string;
  /** The model config, as JSON-compatible data. */
  config: unknown;
  metadata: Record<string, unknown>;
  tensors: NamedTensor[];
}

/** Where a stage stood when the checkpoint was taken, and the settings needed to go on from there. */
export interface TrainingState {
  stage: TrainingStage;
  /** Optimisation steps done in this stage. */
  step: number;
  totalSteps: number;
  /**
   * Seed of the stage. The data order of epoch e is drawn from a stream derived from (seed, e)
   * and each step's dropout seed from (seed, step), so (seed, step) is the whole random position.
   */
  seed: number;
  batchSize: number;
  schedule: WarmupCosineSchedule;
  clipNorm: number;
  groups: ParamGroupsConfig;
  /** Classification loss (null for pretraining). */
  loss: OccConfig | null;
  /** Size and hash of the stage's data: resuming on other data is refused. */
  dataFingerprint: string;
  /** Loss of the last step before the checkpoint. */
  lastLoss: number | null;
}

export interface OptimizerState {
  /** AdamW's update count (its bias correction depends on it). */
  step: number;
  /** Moments named "m.<param>" and "v.<param>". */
  tensors: NamedTensor[];
}

export interface ModelCheckpoint {
  config: GptConfig;
  /** The tokenizer as the lab's tokenizer JSON text (null when the model was built without one). */
  tokenizer: string | null;
  /** Every model parameter by name, in parameterSpecs order. */
  weights: NamedTensor[];
  optimizer: OptimizerState | null;
  training: TrainingState | null;
}
