// A checkpoint as one .safetensors file: the weights as tensors, and the checkpoint's own facts
// (format version, id, name, config, metadata) as a JSON string under __metadata__.
import { InvalidCheckpointFileError } from '../io/errors';
import { jsonPreview, MAX_JSON_DEPTH, nestsDeeperThan } from '../io/json-limits';
import { decodeSafetensors, encodeSafetensors, SAFETENSORS_LIMITS, type SafetensorsLimits } from '../io/safetensors';
import type { Checkpoint } from './types';

export const CHECKPOINT_METADATA_KEY = 'relevance_lab_checkpoint';
export const CHECKPOINT_FILE_FORMAT = 'relevance-lab/checkpoint';
export const CHECKPOINT_FILE_VERSION = 1;

interface CheckpointFileHeader {
  format: typeof CHECKPOINT_FILE_FORMAT;
  formatVersion: number;
  id: string;
  name: string;
  createdAt?: string;
  config: unknown;
  metadata: Record<string, unknown>;
}

export function exportCheckpointFile(checkpoint: Checkpoint & { createdAt?: string }): Uint8Array {
  const header: CheckpointFileHeader = {
    format: CHECKPOINT_FILE_FORMAT,
    formatVersion: CHECKPOINT_FILE_VERSION,
    id: checkpoint.id,
    name: checkpoint.name,
    ...(checkpoint.createdAt ? { createdAt: checkpoint.createdAt } : {}),
    config: checkpoint.config,
    metadata: checkpoint.metadata,
  };
  return encodeSafetensors(checkpoint.tensors, { format: 'pt', [CHECKPOINT_METADATA_KEY]: JSON.stringify(header) });
}

/** A file name people can recognise: the checkpoint's name with unsafe characters replaced. */
export function checkpointFileName(checkpoint: Pick<Checkpoint, 'name' | 'id'>): string {
  const base = (checkpoint.name || checkpoint.id).replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'checkpoint';
  return `${base}.safetensors`;
}

/** Reads and checks a checkpoint file completely; throws InvalidCheckpointFileError naming the problem. */
export function parseCheckpointFile(bytes: Uint8Array, fileName = 'checkpoint file', limits: SafetensorsLimits = SAFETENSORS_LIMITS): Checkpoint & { createdAt?: string } {
  const fail = (problem: string): never => {
    throw new InvalidCheckpointFileError(`${fileName}: ${problem}`, { fileName });
  };
  const { tensors, metadata } = decodeSafetensors(bytes, fileName, limits);
  const text = metadata[CHECKPOINT_METADATA_KEY];
  if (text === undefined) {
    const names = tensors.slice(0, 5).map((tensor) => tensor.name);
    return fail(
      `a safetensors file, but not a Relevance Lab checkpoint: its __metadata__ has no "${CHECKPOINT_METADATA_KEY}" entry ` +
        `(it holds ${tensors.length} tensors${names.length ? `: ${names.join(', ')}${tensors.length > names.length ? ', ...' : ''}` : ''})`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    return fail(`"${CHECKPOINT_METADATA_KEY}" in __metadata__ is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(header)) return fail(`"${CHECKPOINT_METADATA_KEY}" must be a JSON object`);
  // Storing the config and metadata clones them, which overflows the stack on a deep enough value.
  if (nestsDeeperThan(header, MAX_JSON_DEPTH)) return fail(`"${CHECKPOINT_METADATA_KEY}" nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (header.format !== CHECKPOINT_FILE_FORMAT) return fail(`"format" is ${jsonPreview(header.format)}, expected "${CHECKPOINT_FILE_FORMAT}"`);
  const version = header.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail(`"formatVersion" must be a positive integer, got ${jsonPreview(version)}`);
  if (version > CHECKPOINT_FILE_VERSION) return fail(`format version ${version} is newer than this lab reads (up to ${CHECKPOINT_FILE_VERSION}); update the lab`);
  if (typeof header.id !== 'string' || header.id.trim() === '') return fail(`"id" must be a non-empty string, got ${jsonPreview(header.id)}`);
  if (typeof header.name !== 'string') return fail(`"name" must be a string, got ${jsonPreview(header.name)}`);
  if (!isRecord(header.metadata)) return fail(`"metadata" must be an object`);
  if (!('config' in header)) return fail(`"config" is missing`);
  if (header.createdAt !== undefined && typeof header.createdAt !== 'string') return fail(`"createdAt" must be a string`);
  return {
    id: header.id,
    name: header.name,
    ...(header.createdAt ? { createdAt: header.createdAt as string } : {}),
    config: header.config,
    metadata: header.metadata,
    tensors,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
