// A Hugging Face GPT-2 folder (config.json + model.safetensors in F32, F16 or BF16 + tokenizer.json)
// as a lab checkpoint: the starting language model for probe and fine-tune. A folder the lab
// exported also has lab.safetensors, and comes back as the model it was. Every refusal names the
// file and the field (HuggingFaceImportError; TokenizerFileError for tokenizer.json).
import { checkWeights } from '../checkpoint/capture';
import { CheckpointMismatchError } from '../checkpoint/errors';
import type { ModelCheckpoint } from '../checkpoint/types';
import { decodeSafetensors, type NamedTensor } from '../io/safetensors';
import { headInputSize, ModelInputError, parameterSpecs, validateConfig, type GptConfig } from '../model/gpt';
import { createRng } from '../random';
import { tokenizerFromHuggingFaceJson, tokenizerToLabJson, type BpeTokenizer } from '../tokenizer';
import { importError } from './errors';
import { MODEL_FILE } from './export-folder';
import { CONFIG_FILE, readGpt2Config, type Gpt2Dimensions } from './gpt2-config';
import { scoreIntoClassifier } from './gpt2-head';
import { backboneNamePairs, isAttentionBuffer, SCORE_NAME, TRANSFORMER_PREFIX } from './gpt2-names';
import { decodeLabExtras, LAB_EXTRAS_FILE, type LabExtras } from './lab-extras';
import { TOKENIZER_FILE } from './tokenizer-config';

/** Reads one file of the folder; null when it does not exist. */
export type ReadFolderFile = (name: string) => Promise<Uint8Array | null>;

export interface ImportedModel {
  checkpoint: ModelCheckpoint;
  /** What the import made up or left out, one sentence each, for the person to read. */
  notes: string[];
}

export interface HuggingFaceImportOptions {
  /** Seed of the values the file does not give (a new classifier, rows for added tokens). Default 1. */
  seed?: number;
}

/** The lab's grades: a score head with another number of labels is not used. */
const LAB_GRADES = 3;
const INIT_STD = 0.02;

const decodeText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function requiredFile(read: ReadFolderFile, where: string, name: string): Promise<Uint8Array> {
  const bytes = await read(name);
  if (bytes) return bytes;
  let hint = '';
  if (name === MODEL_FILE && (await read('model.safetensors.index.json'))) hint = ': the weights are sharded (model.safetensors.index.json); the lab reads one model.safetensors';
  else if (name === MODEL_FILE && (await read('pytorch_model.bin'))) hint = ': only pytorch_model.bin is there; save the model with safe_serialization=True';
  throw importError(`${where}/${name}`, `missing${hint} (a GPT-2 folder needs ${CONFIG_FILE}, ${MODEL_FILE} and ${TOKENIZER_FILE})`);
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(decodeText(bytes));
  } catch (error) {
    throw importError(file, `not valid JSON (${(error as Error).message})`);
  }
}

function freshNormal(size: number, seed: number, label: string): Float32Array {
  const rng = createRng(`${seed}:${label}`);
  return Float32Array.from({ length: size }, () => rng.normal() * INIT_STD);
}

/** The lab config of a plain GPT-2, or the exported one of a lab folder after checking it against config.json. */
function labConfig(dims: Gpt2Dimensions, tokenizer: BpeTokenizer, extras: LabExtras | null, where: string): GptConfig {
  const vocabSize = Math.max(dims.vocabSize, tokenizer.vocabSize);
  const config: GptConfig = extras?.config ?? {
    vocabSize,
    contextLength: dims.contextLength,
    dModel: dims.dModel,
    nHeads: dims.nHeads,
    nLayers: dims.nLayers,
    mlpRatio: dims.mlpHidden / dims.dModel,
    dropout: 0,
    numClasses: LAB_GRADES,
    padId: tokenizer.special.pad,
    clsId: tokenizer.special.cls,
    layerNormEpsilon: dims.layerNormEpsilon,
    matchSignals: false,
  };
  if (extras) {
    const pairs: [string, unknown, number][] = [
      ['vocab_size', config.vocabSize, vocabSize], ['n_positions', config.contextLength, dims.contextLength], ['n_embd', config.dModel, dims.dModel],
      ['n_head', config.nHeads, dims.nHeads], ['n_layer', config.nLayers, dims.nLayers], ['n_inner', config.mlpRatio * config.dModel, dims.mlpHidden],
      ['layer_norm_epsilon', config.layerNormEpsilon, dims.layerNormEpsilon],
    ];
    for (const [field, lab, file] of pairs) {
      if (lab !== file) throw importError(`${where}/${LAB_EXTRAS_FILE}`, `its model config says ${field} ${JSON.stringify(lab)}, ${CONFIG_FILE} says ${file}: the two files are from different models`, field);
    }
  }
  try {
    validateConfig(config);
  } catch (error) {
    if (error instanceof ModelInputError) throw importError(`${where}/${extras ? LAB_EXTRAS_FILE : CONFIG_FILE}`, error.message);
    throw error;
  }
  return config;
}

/** model.safetensors' tensors by GPT-2 name without the "transformer." prefix (files saved from GPT2Model have none). */
function tensorsByName(tensors: readonly NamedTensor[], file: string): Map<string, NamedTensor> {
  const byName = new Map<string, NamedTensor>();
  for (const tensor of tensors) {
    const name = tensor.name.startsWith(TRANSFORMER_PREFIX) ? tensor.name.slice(TRANSFORMER_PREFIX.length) : tensor.name;
    if (tensor.dtype !== 'float32') throw importError(file, `tensor "${tensor.name}" is ${tensor.dtype}; weights must be F32, F16 or BF16`, tensor.name);
    if (byName.has(name)) throw importError(file, `tensor "${name}" appears twice (with and without "${TRANSFORMER_PREFIX}")`, tensor.name);
    byName.set(name, tensor);
  }
  return byName;
}

function take(byName: Map<string, NamedTensor>, name: string, shape: readonly number[], file: string, why: string): Float32Array {
  const tensor = byName.get(name);
  if (!tensor) throw importError(file, `tensor "${TRANSFORMER_PREFIX}${name}" is missing (${why})`, name);
  if (tensor.shape.length !== shape.length || tensor.shape.some((size, i) => size !== shape[i])) {
    throw importError(file, `tensor "${tensor.name}" has shape [${tensor.shape.join(', ')}], ${why} needs [${shape.join(', ')}]`, name);
  }
  byName.delete(name);
  return tensor.data as Float32Array;
}

export async function importHuggingFaceFolder(read: ReadFolderFile, where: string, options: HuggingFaceImportOptions = {}): Promise<ImportedModel> {
  const seed = options.seed ?? 1;
  const notes: string[] = [];
  const configFile = `${where}/${CONFIG_FILE}`;
  const dims = readGpt2Config(parseJson(await requiredFile(read, where, CONFIG_FILE), configFile), configFile);
  const tokenizer = tokenizerFromHuggingFaceJson(decodeText(await requiredFile(read, where, TOKENIZER_FILE)), `${where}/${TOKENIZER_FILE}`);
  const extrasBytes = await read(LAB_EXTRAS_FILE);
  const extras = extrasBytes ? decodeLabExtras(extrasBytes) : null;
  const config = labConfig(dims, tokenizer, extras, where);
  if (extras?.logitNormTau) {
    notes.push(`the model was trained with LogitNorm (tau ${extras.logitNormTau}); an import has no training state, so the lab's probabilities from it are a plain softmax of the logits (same argmax, other probabilities)`);
  }
  const modelFile = `${where}/${MODEL_FILE}`;
  const byName = tensorsByName(decodeSafetensors(await requiredFile(read, where, MODEL_FILE), modelFile).tensors, modelFile);
  const extraTensors = new Map((extras?.tensors ?? []).map((tensor) => [tensor.name, tensor.data as Float32Array]));
  const fromExtras = (name: string, size: number): Float32Array => {
    const data = extraTensors.get(name);
    if (!data || data.length !== size) throw importError(`${where}/${LAB_EXTRAS_FILE}`, `tensor "${name}" is missing or holds ${data?.length ?? 0} values, the model needs ${size}`, name);
    return data;
  };

  const d = config.dModel;
  const specs = new Map(parameterSpecs(config).map((spec) => [spec.name, spec]));
  const values = new Map<string, Float32Array>();
  const why = `config.json: n_layer ${dims.nLayers}, n_embd ${d}, n_inner ${dims.mlpHidden}, n_positions ${dims.contextLength}, vocab_size ${dims.vocabSize}`;
  for (const [lab, hf] of backboneNamePairs(config.nLayers)) {
    const shape = lab === 'wte' ? [dims.vocabSize, d] : specs.get(lab)!.shape;
    values.set(lab, take(byName, hf, shape, modelFile, why));
  }
  // Token rows the tokenizer has beyond the file's vocab_size (the lab's special tokens) start as new embeddings.
  if (config.vocabSize > dims.vocabSize) {
    const wte = new Float32Array(config.vocabSize * d);
    wte.set(values.get('wte')!);
    wte.set(freshNormal((config.vocabSize - dims.vocabSize) * d, seed, 'wte.added'), dims.vocabSize * d);
    values.set('wte', wte);
    notes.push(`${config.vocabSize - dims.vocabSize} token rows added after vocab_size ${dims.vocabSize} for the tokenizer's tokens the model had none for (the lab's special tokens), initialised randomly`);
  }
  if (config.matchSignals) {
    const wme = fromExtras('wme', specs.get('wme')!.shape[0] * d);
    values.set('wme', wme);
    // Export added the channel-0 row into every position; take it out again.
    values.set('wpe', Float32Array.from(values.get('wpe')!, (value, index) => value - wme[index % d]));
    for (const name of ['pairs.w', 'pairs.b']) values.set(name, fromExtras(name, specs.get(name)!.shape.reduce((a, b) => a * b, 1)));
  }
  values.set('classifier.w', classifierWeights(config, byName, dims, extras, fromExtras, seed, notes, modelFile));
  values.set('classifier.b', extras ? fromExtras('classifier.b', config.numClasses) : new Float32Array(config.numClasses));
  byName.delete('lm_head.weight'); // tied to wte (tie_word_embeddings was checked)
  const unknown = [...byName.keys()].filter((name) => !isAttentionBuffer(name));
  if (unknown.length > 0) throw importError(modelFile, `tensors GPT-2 does not have: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', ...' : ''} (is this another architecture?)`, unknown[0]);

  const weights: NamedTensor[] = [...specs.values()].map((spec) => ({ name: spec.name, dtype: 'float32', shape: spec.shape, data: values.get(spec.name)! }));
  try {
    checkWeights(config, weights, where);
  } catch (error) {
    if (error instanceof CheckpointMismatchError) throw importError(where, error.message);
    throw error;
  }
  return { checkpoint: { config, tokenizer: tokenizerToLabJson(tokenizer), weights, optimizer: null, training: null }, notes };
}

/** classifier.w [headInput, numClasses]: score.weight (transposed) for the pooled rows, lab.safetensors for the rest, else new. */
function classifierWeights(
  config: GptConfig, byName: Map<string, NamedTensor>, dims: Gpt2Dimensions, extras: LabExtras | null,
  fromExtras: (name: string, size: number) => Float32Array, seed: number, notes: string[], modelFile: string,
): Float32Array {
  const d = config.dModel;
  const C = config.numClasses;
  const rows = headInputSize(config);
  const classifier = new Float32Array(rows * C);
  const score = byName.get(SCORE_NAME);
  const scoreFits = score !== undefined && score.shape[0] === C;
  if (score && !scoreFits) notes.push(`${SCORE_NAME} has ${score.shape[0]} labels; the lab grades ${C}, so the classifier starts anew`);
  if (score && scoreFits) scoreIntoClassifier(take(byName, SCORE_NAME, [C, d], modelFile, `num_labels ${dims.numLabels ?? C} and n_embd ${d}`), classifier, C, d);
  byName.delete(SCORE_NAME);
  const rowsFrom = extras?.classifierRowsFrom ?? rows;
  if (extras && rowsFrom < rows) classifier.set(fromExtras('classifier.rows', (rows - rowsFrom) * C), rowsFrom * C);
  if (!scoreFits && rowsFrom > 0) {
    classifier.set(freshNormal(rowsFrom * C, seed, 'classifier.w'));
    notes.push(`no ${SCORE_NAME}: the grade classifier starts anew (train it with probe or finetune)`);
  }
  return classifier;
}
