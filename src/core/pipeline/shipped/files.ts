// A shipped model's files and the checkpoint they make: the weights as the lab's checkpoint file
// (weights and config only: no tokenizer, optimizer moments or training state in it) and the
// tokenizer as the lab's tokenizer JSON beside it. Reading checks each file's SHA-256 against
// shipped.json first, so a damaged or swapped file is refused before it is used.
import { modelCheckpointFromBytes, modelCheckpointToBytes } from '../../checkpoint/file';
import type { ModelCheckpoint } from '../../checkpoint/types';
import { canonicalJson } from '../keys';
import { ShippedModelError } from '../errors';
import type { ShippedFile, ShippedManifest } from './manifest';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface ShippedFileBytes {
  weights: Uint8Array;
  tokenizer: Uint8Array;
}

/** The two files of a pretrained checkpoint. */
export function shippedFileBytes(checkpoint: ModelCheckpoint, preset: string): ShippedFileBytes {
  if (checkpoint.tokenizer === null) throw new ShippedModelError('A shipped model needs its tokenizer; this checkpoint has none.');
  const weightsOnly: ModelCheckpoint = { config: checkpoint.config, tokenizer: null, weights: checkpoint.weights, optimizer: null, training: null };
  return { weights: modelCheckpointToBytes(weightsOnly, `shipped-${preset}`), tokenizer: new TextEncoder().encode(checkpoint.tokenizer) };
}

async function checkFile(bytes: Uint8Array, file: ShippedFile, where: string): Promise<void> {
  const hash = await sha256Hex(bytes);
  if (hash !== file.sha256) {
    throw new ShippedModelError(`${where}/${file.path}: SHA-256 ${hash} does not match shipped.json (${file.sha256}); the file is damaged or from another model.`, { file: file.path });
  }
}

/** The checkpoint of a shipped model's files, after checking them against its manifest. */
export async function shippedCheckpoint(manifest: ShippedManifest, files: ShippedFileBytes, where: string): Promise<ModelCheckpoint> {
  await checkFile(files.weights, manifest.files.weights, where);
  await checkFile(files.tokenizer, manifest.files.tokenizer, where);
  const checkpoint = modelCheckpointFromBytes(files.weights, `${where}/${manifest.files.weights.path}`);
  if (canonicalJson(checkpoint.config) !== canonicalJson(manifest.config)) {
    throw new ShippedModelError(`${where}: the weights' config differs from shipped.json's.`);
  }
  return { ...checkpoint, tokenizer: new TextDecoder().decode(files.tokenizer), optimizer: null, training: null };
}
