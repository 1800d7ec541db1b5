// Between live tensors (a Gpt and its AdamW) and a ModelCheckpoint of plain typed arrays.
import * as tf from '@tensorflow/tfjs';
import type { NamedTensor } from '../io/safetensors';
import { parameterSpecs, validateConfig, ModelInputError, type Gpt, type GptConfig } from '../model/gpt';
import type { AdamW } from '../training/step/adamw';
import { CheckpointMismatchError } from './errors';
import type { ModelCheckpoint, TrainingState } from './types';

async function toNamed(name: string, tensor: tf.Tensor): Promise<NamedTensor> {
  const data = await tensor.data();
  // A copy: the backend may reuse the buffer it returned.
  return { name, dtype: 'float32', shape: [...tensor.shape], data: Float32Array.from(data as Float32Array) };
}

export interface CaptureOptions {
  tokenizer?: string | null;
  optimizer?: AdamW | null;
  training?: TrainingState | null;
}

export async function captureCheckpoint(model: Gpt, options: CaptureOptions = {}): Promise<ModelCheckpoint> {
  const weights: NamedTensor[] = [];
  for (const [name, variable] of model.params) weights.push(await toNamed(name, variable));
  let optimizer: ModelCheckpoint['optimizer'] = null;
  if (options.optimizer) {
    const tensors: NamedTensor[] = [];
    for (const [name, tensor] of options.optimizer.stateTensors()) tensors.push(await toNamed(name, tensor));
    optimizer = { step: options.optimizer.step, tensors };
  }
  return { config: { ...model.config }, tokenizer: options.tokenizer ?? null, weights, optimizer, training: options.training ?? null };
}

/** Checks the weights against the config: every parameter present with its shape, none extra. */
export function checkWeights(config: GptConfig, weights: readonly NamedTensor[], where: string): void {
  try {
    validateConfig(config);
  } catch (error) {
    if (error instanceof ModelInputError) throw new CheckpointMismatchError(`${where}: ${error.message}`, error.details);
    throw error;
  }
  // Every layer has parameters, so a config of more layers than tensors cannot fit (and listing its
  // parameters would take as long as a file's config says).
  if (config.nLayers > weights.length) {
    throw new CheckpointMismatchError(`${where}: the config has ${config.nLayers} layers, but only ${weights.length} parameter tensors are stored.`, { nLayers: config.nLayers });
  }
  const byName = new Map(weights.map((tensor) => [tensor.name, tensor]));
  const specs = parameterSpecs(config);
  for (const spec of specs) {
    const tensor = byName.get(spec.name);
    if (!tensor) throw new CheckpointMismatchError(`${where}: parameter "${spec.name}" is missing (the config needs it with shape [${spec.shape}]).`, { name: spec.name });
    if (tensor.dtype !== 'float32') throw new CheckpointMismatchError(`${where}: parameter "${spec.name}" is ${tensor.dtype}, expected float32.`, { name: spec.name });
    if (!tf.util.arraysEqual(tensor.shape, spec.shape)) {
      throw new CheckpointMismatchError(
        `${where}: parameter "${spec.name}" has shape [${tensor.shape}], but the config (dModel ${config.dModel}, vocabSize ${config.vocabSize}, contextLength ${config.contextLength}, nLayers ${config.nLayers}) needs [${spec.shape}].`,
        { name: spec.name, shape: tensor.shape, expected: spec.shape },
      );
    }
    if (tensor.data.length !== spec.shape.reduce((a, b) => a * b, 1)) {
      throw new CheckpointMismatchError(`${where}: parameter "${spec.name}" holds ${tensor.data.length} values for shape [${spec.shape}].`, { name: spec.name });
    }
  }
  const known = new Set(specs.map((spec) => spec.name));
  const extra = weights.filter((tensor) => !known.has(tensor.name)).map((tensor) => tensor.name);
  if (extra.length > 0) throw new CheckpointMismatchError(`${where}: tensors not in the model: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', ...' : ''}.`, { extra });
}

/** A new model (tf.Variables) with the checkpoint's config and weights. */
export function restoreModel(checkpoint: ModelCheckpoint, where = 'checkpoint'): Gpt {
  checkWeights(checkpoint.config, checkpoint.weights, where);
  const byName = new Map(checkpoint.weights.map((tensor) => [tensor.name, tensor]));
  const params = new Map<string, tf.Variable>();
  for (const spec of parameterSpecs(checkpoint.config)) {
    const data = byName.get(spec.name)!.data as Float32Array;
    params.set(spec.name, tf.tidy(() => tf.variable(tf.tensor(data, spec.shape, 'float32'))));
  }
  return { config: { ...checkpoint.config }, params };
}

/** Loads the checkpoint's weights into an existing model of the same config. */
export function loadWeightsInto(model: Gpt, checkpoint: Pick<ModelCheckpoint, 'weights'>, where = 'checkpoint'): void {
  checkWeights(model.config, checkpoint.weights, where);
  for (const tensor of checkpoint.weights) {
    const variable = model.params.get(tensor.name)!;
    tf.tidy(() => variable.assign(tf.tensor(tensor.data as Float32Array, tensor.shape, 'float32')));
  }
}

/** Restores AdamW moments and step count saved with the checkpoint. */
export function loadOptimizerInto(optimizer: AdamW, checkpoint: Pick<ModelCheckpoint, 'optimizer'>, where = 'checkpoint'): void {
  if (!checkpoint.optimizer) throw new CheckpointMismatchError(`${where}: has no optimizer state to resume from.`);
  const tensors = new Map(checkpoint.optimizer.tensors.map((t) => [t.name, tf.tensor(t.data as Float32Array, t.shape, 'float32')]));
  try {
    optimizer.loadState(tensors, checkpoint.optimizer.step);
  } catch (error) {
    throw new CheckpointMismatchError(`${where}: ${(error as Error).message} (was it saved by another stage?)`);
  } finally {
    tf.dispose([...tensors.values()]);
  }
}
