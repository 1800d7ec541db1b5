// shipped.json: what a shipped pretrained model is and how it was made (the command, the corpus, the
// settings, the held-out LM check) and the SHA-256 of each of its files. No tfjs: the page reads it.
import type { GptConfig, GptPresetName } from '../../model/gpt';
import { PRESET_BUDGETS } from '../budgets';
import { ShippedModelError } from '../errors';
import type { PretrainSettings } from '../settings';
import type { ShippedCorpusDescription } from './corpus';

export const SHIPPED_MANIFEST_FORMAT = 'relevance-lab/shipped-model';
export const SHIPPED_MANIFEST_VERSION = 1;
export const SHIPPED_MANIFEST_FILE = 'shipped.json';
export const SHIPPED_WEIGHTS_FILE = 'model.safetensors';
export const SHIPPED_TOKENIZER_FILE = 'tokenizer.json';

/** The presets that have a shipped model in public/models. */
export const SHIPPED_PRESETS: readonly GptPresetName[] = ['nano', 'small'];

/** Held-out LM loss must be at least this far below the unigram entropy (nats per token). */
export const SHIPPED_LM_MARGIN = 0.5;

export interface ShippedFile {
  path: string;
  bytes: number;
  /** Lower-case hex SHA-256 of the file. */
  sha256: string;
}

export interface ShippedManifest {
  format: typeof SHIPPED_MANIFEST_FORMAT;
  version: number;
  preset: GptPresetName;
  config: GptConfig;
  /** Model seed (initialisation, data order, held-out split, shuffled pairs). */
  seed: number;
  steps: number;
  /** The command that made these files. */
  command: string;
  /** The pipeline's Pretrain stage settings it ran with. */
  settings: PretrainSettings;
  corpus: ShippedCorpusDescription;
  /** Held-out LM loss and the add-one unigram entropy of the same held-out tokens, nats per token. */
  lm: { heldOutLoss: number; unigramEntropy: number; heldOutDocuments: number };
  training: { documents: { train: number; heldOut: number; pairs: number }; tokens: number; finalLoss: number | null; seconds: number; backend: string; threads: number };
  files: { weights: ShippedFile; tokenizer: ShippedFile };
  createdAt: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const FILE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and checks shipped.json; `where` names it in errors. */
export function parseShippedManifest(text: string, where: string): ShippedManifest {
  const fail = (problem: string): never => {
    throw new ShippedModelError(`${where}: ${problem}`, { where });
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value)) return fail('must be a JSON object');
  if (value.format !== SHIPPED_MANIFEST_FORMAT) return fail(`"format" must be "${SHIPPED_MANIFEST_FORMAT}"`);
  if (typeof value.version !== 'number' || value.version > SHIPPED_MANIFEST_VERSION) return fail(`version ${String(value.version)} is newer than this lab reads (${SHIPPED_MANIFEST_VERSION})`);
  if (typeof value.preset !== 'string' || !(value.preset in PRESET_BUDGETS)) return fail(`"preset" must be one of ${Object.keys(PRESET_BUDGETS).join(', ')}`);
  if (!isRecord(value.config)) return fail('"config" must be an object');
  if (!isRecord(value.lm) || typeof value.lm.heldOutLoss !== 'number' || typeof value.lm.unigramEntropy !== 'number') return fail('"lm" needs heldOutLoss and unigramEntropy');
  if (!isRecord(value.files)) return fail('"files" must be an object');
  for (const role of ['weights', 'tokenizer'] as const) {
    const file = value.files[role];
    if (!isRecord(file) || typeof file.path !== 'string' || !FILE_NAME.test(file.path) || typeof file.sha256 !== 'string' || !HEX64.test(file.sha256) || typeof file.bytes !== 'number') {
      return fail(`"files.${role}" needs a plain file name "path", its "bytes" and a hex "sha256"`);
    }
  }
  return value as unknown as ShippedManifest;
}

/** One line for people: preset, steps, held-out loss against the unigram entropy, the command. */
export function describeShippedModel(manifest: ShippedManifest): string {
  const { lm } = manifest;
  return (
    `${manifest.preset}, pretrained ${manifest.steps.toLocaleString('en-US')} steps with seed ${manifest.seed} on generated text (data seed ${manifest.corpus.generator.seed}); ` +
    `held-out LM loss ${lm.heldOutLoss.toFixed(3)} nats/token against a unigram entropy of ${lm.unigramEntropy.toFixed(3)}; made by \`${manifest.command}\``
  );
}
