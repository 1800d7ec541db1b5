// The relevance language model: a small GPT (decoder-only transformer) in one file.
//
//   ids [B,T] -> token embedding (tied with the LM head) + position embedding
//             -> nLayers x { x += attn(ln1(x)); x += mlp(ln2(x)) }      (pre-LayerNorm blocks)
//             -> lnf -> hidden [B,T,d]
//   LM head:         hidden @ wte^T -> next-token logits [B,T,V]
//   classifier head: hidden at the [CLS] position (last non-pad token) -> 3 grade logits
//
// Every op here has forward and gradient kernels on the cpu, wasm and webgpu backends of
// tfjs 4.22. Embedding lookups are tf.gather with a scatter-add gradient (ops.ts): tf.gather's own
// gradient is UnsortedSegmentSum, which wasm lacks. Linear layers, LayerNorm and the LM loss have
// hand-written gradients in ops.ts that avoid wasm's slow paths (transpose flags, reductions
// over the batch axis); every matMul goes through ops.ts.
// Parameters are plain tensors in a named map, so the forward pass is a pure function of
// (params, inputs): the same code runs on trained variables, interpolated weights or a probe copy.

import * as tf from '@tensorflow/tfjs';
import { LabError, registerLabError } from '../errors';
import { createRng } from '../random';
import { MATCH_CHANNELS, MATCH_FEATURES, matchFeatures } from './match-signals';
import { constantTimes, embeddingLookup, layerNorm, linear as affine, matMul, matMulTransposedB, oneHotFloat, tokenCrossEntropy } from './ops';
import { fusedLinearGelu, fusedMaskedSoftmax } from './webgpu/fused-ops';
import { fusedCpuKernels, fusedWebGpuKernels } from './fused-switch';
import { linearGelu } from './kernels/linear-gelu';
import { maskedSoftmax as labMaskedSoftmax } from './kernels/masked-softmax';
import { mergeHeads, splitHeads } from './kernels/attention-heads';

export interface GptConfig {
  vocabSize: number;
  /** Longest sequence the position embedding covers. */
  contextLength: number;
  dModel: number;
  nHeads: number;
  nLayers: number;
  /** Hidden width of the MLP as a multiple of dModel. */
  mlpRatio: number;
  /** Dropout on attention weights and residual branches while training; 0 turns it off. */
  dropout: number;
  /** Number of relevance grades (0 irrelevant, 1 weak, 2 strong). */
  numClasses: number;
  /** Padding token id (from the tokenizer): never a LM target, never attended to. */
  padId: number;
  /** Classification token id (from the tokenizer), placed last in each sequence. */
  clsId: number;
  layerNormEpsilon: number;
  /**
   * What the classifier reads: 'last' (default) the hidden state at [CLS], the last real token;
   * 'mean' the mean of the hidden states of every real token up to and including [CLS].
   */
  pooling?: Pooling;
  /**
   * Match signals (match-signals.ts): a learned embedding of each token's match channel, the
   * classifier reading MATCH_FEATURES query-item interaction features beside the pooled state, and
   * a matched-vs-shuffled head for pretraining. Ids are then packed (token + vocabSize * channel).
   */
  matchSignals?: boolean;
  /** Where the 'related' match channel comes from: WordNet synonyms and broader terms (default) or nowhere. */
  relatedWords?: 'wordnet' | 'none';
}

export type Pooling = 'last' | 'mean';

// Match signals are on in every preset: without them a small model does not learn matching from little data (docs/MODEL.md).
const COMMON = { mlpRatio: 4, dropout: 0, numClasses: 3, padId: 0, clsId: 1, layerNormEpsilon: 1e-5, matchSignals: true };

/** Named sizes. Set vocabSize, padId and clsId from the tokenizer in use. */
export const GPT_PRESETS = {
  /** For tests: trains in seconds. */
  nano: { ...COMMON, vocabSize: 256, contextLength: 64, dModel: 32, nHeads: 2, nLayers: 2 },
  /** The lab's default, about 1M parameters. */
  small: { ...COMMON, vocabSize: 2048, contextLength: 96, dModel: 128, nHeads: 4, nLayers: 4 },
  /** About 6M parameters. */
  base: { ...COMMON, vocabSize: 4096, contextLength: 128, dModel: 256, nHeads: 8, nLayers: 6 },
} satisfies Record<string, GptConfig>;

export type GptPresetName = keyof typeof GPT_PRESETS;

export function gptConfig(preset: GptPresetName, overrides: Partial<GptConfig> = {}): GptConfig {
  const config = { ...GPT_PRESETS[preset], ...overrides };
  validateConfig(config);
  return config;
}

/** A configuration or input the model cannot work with. */
export class ModelInputError extends LabError {}
registerLabError(ModelInputError);

export function validateConfig(config: GptConfig): void {
  const positiveInts: ('vocabSize' | 'contextLength' | 'dModel' | 'nHeads' | 'nLayers' | 'numClasses')[] = ['vocabSize', 'contextLength', 'dModel', 'nHeads', 'nLayers', 'numClasses'];
  for (const key of positiveInts) {
    const value = config[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new ModelInputError(`Model config: ${key} must be a positive integer, got ${value}.`, { key, value });
    }
  }
  if (config.dModel % config.nHeads !== 0) {
    throw new ModelInputError(
      `Model config: dModel (${config.dModel}) must be divisible by nHeads (${config.nHeads}).`,
      { dModel: config.dModel, nHeads: config.nHeads },
    );
  }
  if (!(config.mlpRatio > 0) || !Number.isInteger(config.mlpRatio * config.dModel)) {
    throw new ModelInputError(`Model config: mlpRatio * dModel must be a positive integer, got ${config.mlpRatio}.`);
  }
  if (config.pooling !== undefined && config.pooling !== 'last' && config.pooling !== 'mean') {
    throw new ModelInputError(`Model config: pooling must be "last" or "mean", got ${JSON.stringify(config.pooling)}.`);
  }
  if (config.matchSignals !== undefined && typeof config.matchSignals !== 'boolean') {
    throw new ModelInputError(`Model config: matchSignals must be true or false, got ${JSON.stringify(config.matchSignals)}.`);
  }
  if (config.relatedWords !== undefined && config.relatedWords !== 'wordnet' && config.relatedWords !== 'none') {
    throw new ModelInputError(`Model config: relatedWords must be "wordnet" or "none", got ${JSON.stringify(config.relatedWords)}.`);
  }
  if (!(config.dropout >= 0 && config.dropout < 1)) {
    throw new ModelInputError(`Model config: dropout must be in [0, 1), got ${config.dropout}.`);
  }
  for (const key of ['padId', 'clsId'] as const) {
    const id = config[key];
    if (!Number.isInteger(id) || id < 0 || id >= config.vocabSize) {
      throw new ModelInputError(`Model config: ${key} (${id}) must be a token id below vocabSize (${config.vocabSize}).`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parameters

/** Parameter tensors by name. Variables while training; any tensors for evaluation. */
export type ParamMap = ReadonlyMap<string, tf.Tensor>;

export interface Gpt {
  readonly config: GptConfig;
  readonly params: Map<string, tf.Variable>;
}

type Init = { kind: 'normal'; std: number } | { kind: 'zeros' } | { kind: 'ones' };
interface ParamSpec {
  name: string;
  shape: number[];
  init: Init;
}

/** The names, shapes and initialisers of every parameter, in a fixed order. */
export function parameterSpecs(config: GptConfig): ParamSpec[] {
  const { vocabSize: V, contextLength: T, dModel: d, nLayers, numClasses } = config;
  const hidden = config.mlpRatio * d;
  const std = 0.02;
  // GPT-2: residual projections scaled down so the residual stream's variance does not grow with depth.
  const residualStd = std / Math.sqrt(2 * nLayers);
  const normal = (s: number): Init => ({ kind: 'normal', std: s });
  const specs: ParamSpec[] = [
    { name: 'wte', shape: [V, d], init: normal(std) },
    { name: 'wpe', shape: [T, d], init: normal(std) },
  ];
  if (config.matchSignals) specs.push({ name: 'wme', shape: [MATCH_CHANNELS, d], init: normal(std) });
  for (let i = 0; i < nLayers; i++) {
    const h = `h${i}`;
    specs.push(
      { name: `${h}.ln1.g`, shape: [d], init: { kind: 'ones' } },
      { name: `${h}.ln1.b`, shape: [d], init: { kind: 'zeros' } },
      { name: `${h}.attn.qkv.w`, shape: [d, 3 * d], init: normal(std) },
      { name: `${h}.attn.qkv.b`, shape: [3 * d], init: { kind: 'zeros' } },
      { name: `${h}.attn.proj.w`, shape: [d, d], init: normal(residualStd) },
      { name: `${h}.attn.proj.b`, shape: [d], init: { kind: 'zeros' } },
      { name: `${h}.ln2.g`, shape: [d], init: { kind: 'ones' } },
      { name: `${h}.ln2.b`, shape: [d], init: { kind: 'zeros' } },
      { name: `${h}.mlp.fc.w`, shape: [d, hidden], init: normal(std) },
      { name: `${h}.mlp.fc.b`, shape: [hidden], init: { kind: 'zeros' } },
      { name: `${h}.mlp.proj.w`, shape: [hidden, d], init: normal(residualStd) },
      { name: `${h}.mlp.proj.b`, shape: [d], init: { kind: 'zeros' } },
    );
  }
  specs.push(
    { name: 'lnf.g', shape: [d], init: { kind: 'ones' } },
    { name: 'lnf.b', shape: [d], init: { kind: 'zeros' } },
  );
  // The matched-vs-shuffled head of matching-aware pretraining (backbone: the classifier never reads it).
  if (config.matchSignals) specs.push({ name: 'pairs.w', shape: [d, 1], init: normal(std) }, { name: 'pairs.b', shape: [1], init: { kind: 'zeros' } });
  specs.push(
    { name: 'classifier.w', shape: [headInputSize(config), numClasses], init: normal(std) },
    { name: 'classifier.b', shape: [numClasses], init: { kind: 'zeros' } },
  );
  return specs;
}

/** What the classifier reads per row: the pooled state, then the match features when the model has them. */
export function headInputSize(config: GptConfig): number {
  return config.dModel + (config.matchSignals ? MATCH_FEATURES : 0);
}

/** The classifier head; everything else is the backbone (the tied LM head is the token embedding). */
export function isHeadParam(name: string): boolean {
  return name.startsWith('classifier.');
}

export function countParameters(config: GptConfig): { total: number; backbone: number; head: number } {
  let backbone = 0;
  let head = 0;
  for (const spec of parameterSpecs(config)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (isHeadParam(spec.name)) head += size;
    else backbone += size;
  }
  return { total: backbone + head, backbone, head };
}

/** Initial values drawn on the JS side, so a seed gives the same weights on every backend. */
export function initialValues(config: GptConfig, seed: number | string): Map<string, Float32Array> {
  validateConfig(config);
  const root = createRng(seed);
  const values = new Map<string, Float32Array>();
  for (const spec of parameterSpecs(config)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (spec.init.kind === 'ones') data.fill(1);
    else if (spec.init.kind === 'normal') {
      // One stream per parameter name: adding a parameter never changes the others' values.
      const rng = root.fork(spec.name);
      for (let i = 0; i < size; i++) data[i] = rng.normal() * spec.init.std;
    }
    values.set(spec.name, data);
  }
  return values;
}

export function createGpt(config: GptConfig, seed: number | string): Gpt {
  const values = initialValues(config, seed);
  const params = new Map<string, tf.Variable>();
  for (const spec of parameterSpecs(config)) {
    params.set(spec.name, tf.tidy(() => tf.variable(tf.tensor(values.get(spec.name)!, spec.shape, 'float32'))));
  }
  return { config, params };
}

export function disposeGpt(model: Gpt): void {
  for (const variable of model.params.values()) variable.dispose();
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** Token ids [B,T] (int32, right-padded with padId) and optional per-row [CLS] positions [B]. */
export interface GptInputs {
  ids: tf.Tensor2D;
  pooledIndex?: tf.Tensor1D;
  /** Match channels [B,T] (int32) of a model with matchSignals; all 0 (structure) when absent. */
  channels?: tf.Tensor2D;
}

export interface ForwardOptions {
  /** Applies dropout (when config.dropout > 0); needs a seed for the masks. */
  training?: boolean;
  dropoutSeed?: number;
}

function param(params: ParamMap, name: string): tf.Tensor {
  const tensor = params.get(name);
  if (!tensor) throw new ModelInputError(`Model parameters: "${name}" is missing.`, { name });
  return tensor;
}

// ---------------------------------------------------------------------------------------------
// Forward pass

/**
 * GELU, tanh approximation (as GPT-2): 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3),
 * written as x * sigmoid(2u), the same function: sigmoid is a vectorised XNNPACK kernel on wasm, tanh is not.
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  const twoC = 2 * Math.sqrt(2 / Math.PI);
  const twoU = tf.mul(x, tf.add(tf.mul(tf.square(x), 0.044715 * twoC), twoC));
  return tf.mul(x, tf.sigmoid(twoU));
}

/** x [N, in] @ w [in, out] + b. */
function linear(x: tf.Tensor2D, params: ParamMap, prefix: string): tf.Tensor2D {
  return affine(x, param(params, `${prefix}.w`) as tf.Tensor2D, param(params, `${prefix}.b`) as tf.Tensor1D);
}

function norm(x: tf.Tensor, params: ParamMap, prefix: string, epsilon: number): tf.Tensor2D {
  return layerNorm(x as tf.Tensor2D, param(params, `${prefix}.g`) as tf.Tensor1D, param(params, `${prefix}.b`) as tf.Tensor1D, epsilon);
}

/** Additive attention bias [B,1,T,T]: -1e9 where the key is in the future or is padding. */
export function attentionBias(ids: tf.Tensor2D, padId: number): tf.Tensor4D {
  const [B, T] = ids.shape;
  const causal = new Float32Array(T * T);
  for (let q = 0; q < T; q++) for (let k = q + 1; k < T; k++) causal[q * T + k] = -1e9;
  const padKeys = tf.mul(tf.cast(tf.equal(ids, padId), 'float32'), -1e9).reshape([B, 1, 1, T]);
  return tf.add(tf.tensor(causal, [1, 1, T, T]), padKeys) as tf.Tensor4D;
}

/** What masks attention: the additive bias, or (fused kernels) the ids the kernel builds it from. */
type AttentionMask = { bias: tf.Tensor4D } | { ids: tf.Tensor2D; padId: number };

function attentionMask(ids: tf.Tensor2D, padId: number): AttentionMask {
  return fusedWebGpuKernels() || fusedCpuKernels() ? { ids, padId } : { bias: attentionBias(ids, padId) };
}

/** softmax(scores + mask) over the keys, scores [B,H,T,T]. */
function maskedSoftmax(scores: tf.Tensor4D, mask: AttentionMask): tf.Tensor4D {
  if ('ids' in mask) {
    return fusedWebGpuKernels() ? fusedMaskedSoftmax(scores, mask.ids, mask.padId) : labMaskedSoftmax(scores, mask.ids, mask.padId);
  }
  return tf.softmax(tf.add(scores, mask.bias), -1) as tf.Tensor4D;
}

function dropout(x: tf.Tensor, rate: number, seed: number | undefined): tf.Tensor {
  return rate > 0 && seed !== undefined ? tf.dropout(x, rate, undefined, seed) : x;
}

function attention(
  x: tf.Tensor2D, mask: AttentionMask, params: ParamMap, layer: string, config: GptConfig, B: number, T: number,
  dropoutSeed: number | undefined, probabilities?: tf.Tensor4D[],
): tf.Tensor2D {
  const { dModel: d, nHeads: H } = config;
  const hd = d / H;
  const qkv = linear(x, params, `${layer}.attn.qkv`); // [B*T, 3d]
  // The lab's head-layout kernels move the same numbers in one pass each way (kernels/attention-heads.ts).
  const headKernels = fusedCpuKernels();
  let queries: tf.Tensor, keysT: tf.Tensor, values: tf.Tensor;
  if (headKernels) ({ queries, keysT, values } = splitHeads(qkv, B, T, H));
  else {
    const [q, k, v] = tf.split(qkv, 3, 1).map((t) => tf.reshape(t, [B, T, H, hd]));
    queries = tf.mul(tf.transpose(q, [0, 2, 1, 3]), 1 / Math.sqrt(hd)); // [B,H,T,hd], scaled here (smaller than the scores)
    keysT = tf.transpose(k, [0, 2, 3, 1]); // [B,H,hd,T]
    values = tf.transpose(v, [0, 2, 1, 3]); // [B,H,T,hd]
  }
  const softmax = maskedSoftmax(matMul(queries, keysT) as tf.Tensor4D, mask); // [B,H,T,T]
  probabilities?.push(softmax);
  const weights = dropout(softmax, config.dropout, dropoutSeed);
  const mixed = matMul(weights, values); // [B,H,T,hd]
  const merged = headKernels ? mergeHeads(mixed as tf.Tensor4D) : tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [B * T, d]) as tf.Tensor2D;
  return linear(merged, params, `${layer}.attn.proj`);
}

function mlp(x: tf.Tensor2D, params: ParamMap, layer: string): tf.Tensor2D {
  const w = param(params, `${layer}.mlp.fc.w`) as tf.Tensor2D;
  const b = param(params, `${layer}.mlp.fc.b`) as tf.Tensor1D;
  let hidden: tf.Tensor2D;
  if (fusedWebGpuKernels()) hidden = fusedLinearGelu(x, w, b);
  else if (fusedCpuKernels()) hidden = linearGelu(x, w, b);
  else hidden = gelu(linear(x, params, `${layer}.mlp.fc`)) as tf.Tensor2D;
  return linear(hidden, params, `${layer}.mlp.proj`);
}

/** The residual stream [B*T, d] after the embeddings and the first `blocks` blocks. */
interface Trunk {
  x: tf.Tensor2D;
  B: number;
  T: number;
  seedFor: (i: number) => number | undefined;
}

/** `probabilities`, when given, receives each block's attention probabilities [B,H,T,T] in order. */
function trunk(config: GptConfig, params: ParamMap, inputs: GptInputs, options: ForwardOptions, blocks: number, probabilities?: tf.Tensor4D[]): Trunk {
  const { ids } = inputs;
  const [B, T] = ids.shape;
  if (T > config.contextLength) {
    throw new ModelInputError(`Sequence length ${T} exceeds the model's context length ${config.contextLength}.`, {
      length: T, contextLength: config.contextLength,
    });
  }
  if (ids.dtype !== 'int32') throw new ModelInputError(`Token ids must be int32, got ${ids.dtype}.`);
  const { layerNormEpsilon: eps } = config;
  const seedBase = options.training && config.dropout > 0 ? options.dropoutSeed ?? 0 : undefined;
  const seedFor = (i: number): number | undefined => (seedBase === undefined ? undefined : seedBase * 7919 + i);

  const tokens = embeddingLookup(param(params, 'wte') as tf.Tensor2D, tf.reshape(ids, [B * T]));
  // Positions looked up like tokens: a broadcast add would need a slow reduction over the batch for its gradient.
  const positionIds = tf.tile(tf.range(0, T, 1, 'int32'), [B]) as tf.Tensor1D;
  let x = tf.add(tokens, embeddingLookup(param(params, 'wpe') as tf.Tensor2D, positionIds));
  if (config.matchSignals) {
    const channels = inputs.channels ? tf.reshape(inputs.channels, [B * T]) as tf.Tensor1D : tf.zeros([B * T], 'int32') as tf.Tensor1D;
    x = tf.add(x, embeddingLookup(param(params, 'wme') as tf.Tensor2D, channels));
  }
  x = dropout(x, config.dropout, seedFor(0)) as tf.Tensor2D;
  const mask = attentionMask(ids, config.padId);
  for (let i = 0; i < blocks; i++) {
    const h = `h${i}`;
    const normed1 = norm(x, params, `${h}.ln1`, eps);
    const attnOut = attention(normed1, mask, params, h, config, B, T, seedFor(3 * i + 1), probabilities);
    x = tf.add(x, dropout(attnOut, config.dropout, seedFor(3 * i + 2)));
    const normed2 = norm(x, params, `${h}.ln2`, eps);
    x = tf.add(x, dropout(mlp(normed2, params, h), config.dropout, seedFor(3 * i + 3)));
  }
  return { x: x as tf.Tensor2D, B, T, seedFor };
}

/** Final-norm hidden states [B,T,d] for every position. */
export function hiddenStates(config: GptConfig, params: ParamMap, inputs: tf.Tensor2D | GptInputs, options: ForwardOptions = {}): tf.Tensor3D {
  const { x, B, T } = trunk(config, params, asInputs(inputs), options, config.nLayers);
  return tf.reshape(norm(x, params, 'lnf', config.layerNormEpsilon), [B, T, config.dModel]);
}

/**
 * The attention probabilities of every block, in order: [B,H,T,T] each, row q the softmax over the
 * keys position q reads (keys after q and padding get 0), before dropout. For looking inside the
 * model; call inside tf.tidy (the tensors are the caller's).
 */
export function attentionProbabilities(config: GptConfig, params: ParamMap, inputs: tf.Tensor2D | GptInputs): tf.Tensor4D[] {
  const probabilities: tf.Tensor4D[] = [];
  trunk(config, params, asInputs(inputs), {}, config.nLayers, probabilities);
  return probabilities;
}

/**
 * Attention of the last block for one query row per sequence (its pooled position): keys and
 * values from every position, queries only from `queryRows` [B, d]. The mask is the full pass's
 * row at that position: keys after it or on padding get -1e9.
 */
function attentionAtPooled(
  normed: tf.Tensor2D, queryRows: tf.Tensor2D, pooledIndex: tf.Tensor1D, ids: tf.Tensor2D, params: ParamMap, layer: string,
  config: GptConfig, B: number, T: number, dropoutSeed: number | undefined,
): tf.Tensor2D {
  const { dModel: d, nHeads: H } = config;
  const hd = d / H;
  const [wq, wkv] = tf.split(param(params, `${layer}.attn.qkv.w`), [d, 2 * d], 1) as tf.Tensor2D[];
  const [bq, bkv] = tf.split(param(params, `${layer}.attn.qkv.b`), [d, 2 * d], 0) as tf.Tensor1D[];
  const queries = tf.mul(tf.reshape(affine(queryRows, wq, bq), [B, H, 1, hd]), 1 / Math.sqrt(hd)); // [B,H,1,hd]
  const [k, v] = tf.split(affine(normed, wkv, bkv), 2, 1).map((t) => tf.reshape(t, [B, T, H, hd]));
  const keysT = tf.transpose(k, [0, 2, 3, 1]); // [B,H,hd,T]
  const values = tf.transpose(v, [0, 2, 1, 3]); // [B,H,T,hd]
  const future = tf.greater(tf.reshape(tf.range(0, T, 1, 'int32'), [1, T]), tf.reshape(tf.cast(pooledIndex, 'int32'), [B, 1]));
  const masked = tf.logicalOr(future, tf.equal(ids, config.padId));
  const bias = tf.reshape(tf.mul(tf.cast(masked, 'float32'), -1e9), [B, 1, 1, T]);
  const scores = tf.add(matMul(queries, keysT), bias); // [B,H,1,T]
  const weights = dropout(tf.softmax(scores, -1), config.dropout, dropoutSeed);
  const mixed = tf.reshape(matMul(weights, values), [B, d]) as tf.Tensor2D; // [B,H,1,hd] -> [B,d]
  return linear(mixed, params, `${layer}.attn.proj`);
}

/**
 * The pooled state [B,d] at pooledIndex ('last' pooling), computing the last block and the final
 * norm for the pooled rows only: the classifier reads nothing else, so the last block's MLP,
 * output projection and queries for the other B*(T-1) positions are skipped (about a fifth of the
 * forward and backward work of `small`). Equal to pooledStates(hiddenStates(...)) up to float rounding.
 */
function pooledAtLast(config: GptConfig, params: ParamMap, inputs: GptInputs, pooledIndex: tf.Tensor1D, options: ForwardOptions): tf.Tensor2D {
  const { dModel: d, layerNormEpsilon: eps, nLayers } = config;
  const { ids } = inputs;
  const { x, B, T, seedFor } = trunk(config, params, inputs, options, nLayers - 1);
  if (pooledIndex.shape[0] !== B) throw new ModelInputError(`pooledIndex has ${pooledIndex.shape[0]} rows, the batch has ${B}.`);
  const selector = tf.reshape(oneHotFloat(pooledIndex, T), [B, 1, T]);
  const pick = (rows: tf.Tensor2D) => tf.reshape(constantTimes(selector, tf.reshape(rows, [B, T, d])), [B, d]) as tf.Tensor2D;
  const h = `h${nLayers - 1}`;
  const i = nLayers - 1;
  const normed1 = norm(x, params, `${h}.ln1`, eps);
  const attnOut = attentionAtPooled(normed1, pick(normed1), pooledIndex, ids, params, h, config, B, T, seedFor(3 * i + 1));
  let pooled = tf.add(pick(x), dropout(attnOut, config.dropout, seedFor(3 * i + 2)));
  const normed2 = norm(pooled, params, `${h}.ln2`, eps);
  pooled = tf.add(pooled, dropout(mlp(normed2, params, h), config.dropout, seedFor(3 * i + 3)));
  return norm(pooled, params, 'lnf', eps);
}

/** Next-token logits [B,T,V] through the LM head tied to the token embedding. */
export function lmLogits(config: GptConfig, params: ParamMap, hidden: tf.Tensor3D): tf.Tensor3D {
  const [B, T, d] = hidden.shape;
  const flat = tf.reshape(hidden, [B * T, d]) as tf.Tensor2D;
  return tf.reshape(matMulTransposedB(flat, param(params, 'wte')), [B, T, config.vocabSize]);
}

/**
 * Causal LM loss: mean cross-entropy of predicting ids[:, t+1] from position t, over the
 * positions whose target is not padding.
 */
export function lmLoss(config: GptConfig, params: ParamMap, inputs: tf.Tensor2D | GptInputs, options: ForwardOptions = {}): tf.Scalar {
  return lmLossOf(config, params, asInputs(inputs).ids, hiddenStates(config, params, inputs, options));
}

function asInputs(inputs: tf.Tensor2D | GptInputs): GptInputs {
  return inputs instanceof tf.Tensor ? { ids: inputs } : inputs;
}

function lmLossOf(config: GptConfig, params: ParamMap, ids: tf.Tensor2D, hidden: tf.Tensor3D): tf.Scalar {
  const [B, T] = ids.shape;
  const logits = lmLogits(config, params, hidden);
  // Targets: ids shifted left by one; the last position gets padding and so no loss.
  const padColumn = tf.fill([B, 1], config.padId, 'int32');
  const targets = tf.concat([tf.slice(ids, [0, 1], [B, T - 1]), padColumn], 1);
  const mask = tf.cast(tf.notEqual(targets, config.padId), 'float32');
  const perToken = tokenCrossEntropy(tf.reshape(logits, [B * T, config.vocabSize]) as tf.Tensor2D, tf.reshape(targets, [B * T]));
  const count = tf.maximum(tf.sum(mask), 1);
  return tf.div(tf.sum(tf.mul(perToken, tf.reshape(mask, [B * T]))), count) as tf.Scalar;
}

/** Selector rows [B,T]: one-hot at pooledIndex ('last'), or 1/(pooledIndex+1) on positions 0..pooledIndex ('mean'). */
function poolingWeights(pooledIndex: tf.Tensor1D, T: number, pooling: Pooling): tf.Tensor2D {
  if (pooling === 'last') return oneHotFloat(pooledIndex, T) as tf.Tensor2D;
  const last = tf.reshape(tf.cast(pooledIndex, 'int32'), [-1, 1]);
  const upTo = tf.cast(tf.lessEqual(tf.reshape(tf.range(0, T, 1, 'int32'), [1, T]), last), 'float32');
  return tf.div(upTo, tf.cast(tf.add(last, 1), 'float32')) as tf.Tensor2D;
}

/**
 * The pooled state [B,d] of each row: the hidden state at its [CLS] position ('last') or the mean
 * over its real tokens ('mean'), as a matMul with constant selector rows (no gather).
 */
export function pooledStates(hidden: tf.Tensor3D, pooledIndex: tf.Tensor1D, pooling: Pooling = 'last'): tf.Tensor2D {
  const [B, T, d] = hidden.shape;
  if (pooledIndex.shape[0] !== B) {
    throw new ModelInputError(`pooledIndex has ${pooledIndex.shape[0]} rows, the batch has ${B}.`);
  }
  const selector = tf.reshape(poolingWeights(pooledIndex, T, pooling), [B, 1, T]);
  return tf.reshape(constantTimes(selector, hidden), [B, d]);
}

export interface ClassifierOutput {
  /** Grade logits [B, numClasses]. */
  logits: tf.Tensor2D;
  /** The pooled [CLS] states [B, d] (features for OOD detectors). */
  pooled: tf.Tensor2D;
}

export function classify(config: GptConfig, params: ParamMap, inputs: GptInputs, options: ForwardOptions = {}): ClassifierOutput {
  if (!inputs.pooledIndex) throw new ModelInputError('Classification needs pooledIndex (the [CLS] position of each row).');
  const pooling = config.pooling ?? 'last';
  const states = pooling === 'last'
    ? pooledAtLast(config, params, inputs, inputs.pooledIndex, options)
    : pooledStates(hiddenStates(config, params, inputs, options), inputs.pooledIndex, pooling);
  const pooled = config.matchSignals ? withMatchFeatures(states, inputs) : states;
  return { logits: linear(pooled, params, 'classifier'), pooled };
}

/** [pooled state, match features]: the classifier's input row (headInputSize columns). */
function withMatchFeatures(states: tf.Tensor2D, inputs: GptInputs): tf.Tensor2D {
  const channels = inputs.channels ?? tf.zeros(inputs.ids.shape, 'int32') as tf.Tensor2D;
  return tf.concat([states, matchFeatures(channels)], 1) as tf.Tensor2D;
}

/**
 * Matching-aware pretraining loss: the LM loss plus a matched-vs-shuffled decision read from the
 * [CLS] state of each relevance prompt whose label is 1 (a real pair) or 0 (the query with another
 * pair's item); rows labelled -1 (plain text) take no part in it. Both terms are sums over the
 * batch divided by its LM target count, so the loss splits exactly over row shards as the LM loss
 * does: LM mean + weight * sum(binary cross-entropy) / LM targets. `weight` is what one pair
 * decision counts for, in LM tokens.
 */
export function lmAndPairsLoss(
  config: GptConfig, params: ParamMap, inputs: GptInputs, pairLabels: tf.Tensor1D, weight: number, options: ForwardOptions = {},
): tf.Scalar {
  if (!config.matchSignals) throw new ModelInputError('The matched-vs-shuffled objective needs a model with matchSignals.');
  if (!inputs.pooledIndex) throw new ModelInputError('The matched-vs-shuffled objective needs pooledIndex (the [CLS] position of each row).');
  const hidden = hiddenStates(config, params, inputs, options);
  const lm = lmLossOf(config, params, inputs.ids, hidden);
  const [B, T] = inputs.ids.shape;
  const logit = tf.reshape(linear(pooledStates(hidden, inputs.pooledIndex, 'last'), params, 'pairs'), [B]);
  const labels = tf.cast(pairLabels, 'float32');
  const used = tf.cast(tf.greaterEqual(labels, 0), 'float32');
  // Binary cross-entropy from logits, stable form: max(z, 0) - z y + log(1 + exp(-|z|)).
  const bce = tf.add(tf.sub(tf.relu(logit), tf.mul(logit, tf.relu(labels))), tf.log1p(tf.exp(tf.neg(tf.abs(logit)))));
  const targets = tf.maximum(tf.sum(tf.cast(tf.notEqual(tf.slice(inputs.ids, [0, 1], [B, T - 1]), config.padId), 'float32')), 1);
  return tf.add(lm, tf.div(tf.mul(tf.sum(tf.mul(bce, used)), weight), targets)) as tf.Scalar;
}

/** Index of the last non-pad token of each row (where the tokenizer puts [CLS]). */
export function lastTokenIndex(ids: Int32Array, rows: number, length: number, padId: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let last = 0;
    for (let t = 0; t < length; t++) if (ids[r * length + t] !== padId) last = t;
    out[r] = last;
  }
  return out;
}
