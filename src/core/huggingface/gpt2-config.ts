// config.json of a Hugging Face GPT-2 (transformers' GPT2Config): written from the lab's model
// config, and read back into the dimensions the lab's model runs, refusing every field that
// describes an architecture the lab's forward pass does not compute.
import { DEFAULT_LABEL_NAMES } from '../data/schema';
import type { GptConfig } from '../model/gpt';
import { importError } from './errors';

export const CONFIG_FILE = 'config.json';

/** The GELU of GPT-2 (tanh approximation) under the names transformers gives it; the lab computes exactly this one. */
const TANH_GELU_NAMES = ['gelu_new', 'gelu_pytorch_tanh'];

export interface Gpt2ConfigOptions {
  /** Writes the GPT2ForSequenceClassification fields (num_labels, id2label, label2id). */
  head: boolean;
  bosId: number;
  eosId: number;
}

export function gpt2ConfigJson(config: GptConfig, options: Gpt2ConfigOptions): Record<string, unknown> {
  const labels = DEFAULT_LABEL_NAMES.slice(0, config.numClasses);
  const head = options.head
    ? {
        num_labels: config.numClasses,
        id2label: Object.fromEntries(labels.map((name, id) => [String(id), name])),
        label2id: Object.fromEntries(labels.map((name, id) => [name, id])),
        problem_type: 'single_label_classification',
      }
    : {};
  return {
    model_type: 'gpt2',
    architectures: [options.head ? 'GPT2ForSequenceClassification' : 'GPT2LMHeadModel'],
    vocab_size: config.vocabSize,
    n_positions: config.contextLength,
    n_ctx: config.contextLength,
    n_embd: config.dModel,
    n_layer: config.nLayers,
    n_head: config.nHeads,
    n_inner: config.mlpRatio * config.dModel,
    activation_function: 'gelu_new',
    layer_norm_epsilon: config.layerNormEpsilon,
    resid_pdrop: config.dropout,
    embd_pdrop: config.dropout,
    attn_pdrop: config.dropout,
    initializer_range: 0.02,
    scale_attn_weights: true,
    scale_attn_by_inverse_layer_idx: false,
    reorder_and_upcast_attn: false,
    tie_word_embeddings: true,
    use_cache: true,
    bos_token_id: options.bosId,
    eos_token_id: options.eosId,
    pad_token_id: config.padId,
    ...head,
    torch_dtype: 'float32',
  };
}

/** What the lab takes from a GPT-2 config.json. */
export interface Gpt2Dimensions {
  vocabSize: number;
  contextLength: number;
  dModel: number;
  nLayers: number;
  nHeads: number;
  /** n_inner (4 * n_embd when null). */
  mlpHidden: number;
  layerNormEpsilon: number;
  /** num_labels when the file names labels (id2label or num_labels), else null. */
  numLabels: number | null;
}

type Json = Record<string, unknown>;

function positiveInteger(json: Json, file: string, field: string, fallback?: number): number {
  const value = json[field] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw importError(file, `${field} must be a positive integer, got ${JSON.stringify(value) ?? 'nothing'}`, field);
  }
  return value;
}

/** A field whose other values change the forward pass: anything but `expected` (or absence, when allowed) is refused. */
function requireValue(json: Json, file: string, field: string, expected: unknown, why: string): void {
  const value = json[field];
  if (value === undefined || value === expected) return;
  throw importError(file, `${field} is ${JSON.stringify(value)}; the lab runs only ${JSON.stringify(expected)} (${why})`, field);
}

/** `file` names config.json (with its folder) in every error. */
export function readGpt2Config(json: unknown, file = CONFIG_FILE): Gpt2Dimensions {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw importError(file, 'must be a JSON object');
  const config = json as Json;
  if (config.model_type !== 'gpt2') {
    throw importError(file, `model_type is ${JSON.stringify(config.model_type) ?? 'missing'}; the lab imports GPT-2 models only (model_type "gpt2")`, 'model_type');
  }
  const activation = config.activation_function ?? 'gelu_new';
  if (typeof activation !== 'string' || !TANH_GELU_NAMES.includes(activation)) {
    throw importError(file, `activation_function is ${JSON.stringify(activation)}; the lab's MLP computes GPT-2's tanh GELU only (${TANH_GELU_NAMES.join(' or ')})`, 'activation_function');
  }
  requireValue(config, file, 'scale_attn_weights', true, 'attention scores are divided by sqrt(head size)');
  requireValue(config, file, 'scale_attn_by_inverse_layer_idx', false, 'no extra per-layer scaling of attention');
  requireValue(config, file, 'add_cross_attention', false, 'a decoder without cross-attention');
  requireValue(config, file, 'tie_word_embeddings', true, 'the LM head is the token embedding');
  const dModel = positiveInteger(config, file, 'n_embd');
  const nHeads = positiveInteger(config, file, 'n_head');
  if (dModel % nHeads !== 0) throw importError(file, `n_embd (${dModel}) is not divisible by n_head (${nHeads})`, 'n_head');
  const epsilon = config.layer_norm_epsilon ?? 1e-5;
  if (typeof epsilon !== 'number' || !(epsilon > 0 && epsilon < 1)) {
    throw importError(file, `layer_norm_epsilon must be a number between 0 and 1, got ${JSON.stringify(epsilon)}`, 'layer_norm_epsilon');
  }
  return {
    vocabSize: positiveInteger(config, file, 'vocab_size'),
    contextLength: positiveInteger(config, file, 'n_positions'),
    dModel,
    nLayers: positiveInteger(config, file, 'n_layer'),
    nHeads,
    mlpHidden: config.n_inner === null ? 4 * dModel : positiveInteger(config, file, 'n_inner', 4 * dModel),
    layerNormEpsilon: epsilon,
    numLabels: readNumLabels(config, file),
  };
}

function readNumLabels(config: Json, file: string): number | null {
  const id2label = config.id2label;
  if (id2label !== undefined && id2label !== null) {
    if (typeof id2label !== 'object' || Array.isArray(id2label)) throw importError(file, 'id2label must be an object of label names', 'id2label');
    return Object.keys(id2label).length;
  }
  return config.num_labels === undefined ? null : positiveInteger(config, file, 'num_labels');
}
