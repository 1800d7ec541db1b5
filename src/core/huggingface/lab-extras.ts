// lab.safetensors: the lab's parameters that GPT-2 has no name for, beside model.safetensors in an
// exported folder, so that importing the folder back gives the lab's model exactly (up to float
// rounding of the position embedding, see below). Transformers never reads this file.
//   wme                 the match-channel embedding [11, d]; its channel-0 row is also folded into
//                       model.safetensors' wpe (every token of plain text is on channel 0)
//   pairs.w, pairs.b    the matched-vs-shuffled head of pretraining
//   classifier.b        the classifier's bias (score.weight has none)
//   classifier.rows     the rows of classifier.w that score.weight does not hold: the match-feature
//                       rows when the head is exported, every row when it is not
// __metadata__ holds the lab's model config (pooling, match signals, special ids) as JSON, and the
// tau of LogitNorm when the model was trained with it (the lab's probabilities use it).
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../io/safetensors';
import type { GptConfig } from '../model/gpt';
import { importError } from './errors';

export const LAB_EXTRAS_FILE = 'lab.safetensors';
const METADATA_KEY = 'relevance_lab_gpt2_extras';
const FORMAT = 'relevance-lab/gpt2-extras';
const VERSION = 1;

export interface LabExtras {
  config: GptConfig;
  /** The first row of classifier.w that classifier.rows holds (d with an exported head, 0 without). */
  classifierRowsFrom: number;
  tensors: NamedTensor[];
  /** LogitNorm's tau of the training that made the classifier, or null. */
  logitNormTau: number | null;
}

export function encodeLabExtras(extras: LabExtras): Uint8Array {
  const header = { format: FORMAT, version: VERSION, config: extras.config, classifierRowsFrom: extras.classifierRowsFrom, logitNormTau: extras.logitNormTau };
  return encodeSafetensors(extras.tensors, { format: 'pt', [METADATA_KEY]: JSON.stringify(header) });
}

export function decodeLabExtras(bytes: Uint8Array): LabExtras {
  const { tensors, metadata } = decodeSafetensors(bytes, LAB_EXTRAS_FILE);
  const text = metadata[METADATA_KEY];
  if (text === undefined) throw importError(LAB_EXTRAS_FILE, `__metadata__ has no "${METADATA_KEY}" entry: not written by the lab's export`, METADATA_KEY);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw importError(LAB_EXTRAS_FILE, `"${METADATA_KEY}" is not valid JSON (${(error as Error).message})`, METADATA_KEY);
  }
  const h = header as { format?: unknown; version?: unknown; config?: unknown; classifierRowsFrom?: unknown; logitNormTau?: unknown };
  if (h.format !== FORMAT || typeof h.version !== 'number' || h.version > VERSION) {
    throw importError(LAB_EXTRAS_FILE, `"${METADATA_KEY}" is not format ${FORMAT} version ${VERSION} or older`, METADATA_KEY);
  }
  if (typeof h.config !== 'object' || h.config === null) throw importError(LAB_EXTRAS_FILE, `"${METADATA_KEY}".config must be the model config`, 'config');
  if (!Number.isInteger(h.classifierRowsFrom) || (h.classifierRowsFrom as number) < 0) {
    throw importError(LAB_EXTRAS_FILE, `"${METADATA_KEY}".classifierRowsFrom must be a non-negative integer`, 'classifierRowsFrom');
  }
  const tau = h.logitNormTau ?? null;
  if (tau !== null && !(typeof tau === 'number' && tau > 0)) throw importError(LAB_EXTRAS_FILE, `"${METADATA_KEY}".logitNormTau must be a positive number or null`, 'logitNormTau');
  return { config: h.config as GptConfig, classifierRowsFrom: h.classifierRowsFrom as number, tensors, logitNormTau: tau };
}
