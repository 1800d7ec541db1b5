// A run as one file: its JSON record, the run records it is made of (a pipeline run's stage records,
// run-links.ts) and every checkpoint they link, so a run moves between browsers whole. Layout
// (docs/STORAGE.md, "Run files"):
//   8 bytes   magic, ASCII "RLAB-RUN"
//   8 bytes   N, the index length, unsigned 64-bit little-endian
//   4 bytes   CRC-32 of the index, unsigned 32-bit little-endian
//   N bytes   the index, UTF-8 JSON: {format, formatVersion, exportedAt, run, records, checkpoints: [{id, name, byteLength, crc32}]}
//             (version 1 had no `records`; it is still read)
//   then      each checkpoint's .safetensors file (src/core/checkpoint/file-format.ts), back to back, in index order
// Import checks the whole file before it stores anything. No tfjs: the page can read and write these.
import { LabError, registerLabError } from '../core/errors';
import { jsonPreview, MAX_JSON_DEPTH, nestsDeeperThan } from '../core/io/json-limits';
import { exportCheckpointFile, parseCheckpointFile } from '../core/checkpoint/file-format';
import { StoredItemNotFoundError } from './errors';
import type { LabStore } from './lab-store';
import { PIPELINE_RECORD_KIND, RUN_STORE_NAME_KEY } from './idb-run-store';
import { linkedCheckpointIds, linkedRecordIds } from './run-links';
import type { Checkpoint, RunRecord } from './types';

export { linkedCheckpointIds } from './run-links';

/** A file that is not a whole, well-formed run file; the message names the file and the problem. Nothing was stored. */
export class InvalidRunFileError extends LabError {}
registerLabError(InvalidRunFileError);

/** A run file whose run or checkpoints have ids that are already stored. Nothing was stored. */
export class RunImportConflictError extends LabError {}
registerLabError(RunImportConflictError);

export const RUN_FILE_MAGIC = 'RLAB-RUN';
export const RUN_FILE_FORMAT = 'relevance-lab/run';
/** 2 added `records`; version 1 files (no members) are still read. */
export const RUN_FILE_VERSION = 2;
export const RUN_FILE_EXTENSION = '.labrun';
const PREFIX_BYTES = 20;

/** Caps on what an import reads, so a hostile file is bounded work (docs/STORAGE.md, "Limits"). */
export interface RunFileLimits {
  fileBytes: number;
  indexBytes: number;
  /** Linked run records (a pipeline run has about ten). */
  records: number;
  /** Checkpoints the run and its records link (a pipeline run has up to five). */
  checkpoints: number;
  /** How deep the index JSON may nest. */
  jsonDepth: number;
}

export const RUN_FILE_LIMITS: Readonly<RunFileLimits> = Object.freeze({
  fileBytes: 2 * 1024 ** 3,
  indexBytes: 64 * 1024 ** 2,
  records: 10_000,
  checkpoints: 1_000,
  jsonDepth: MAX_JSON_DEPTH,
});

export interface RunFileCheckpointEntry {
  id: string;
  name: string;
  byteLength: number;
  /** CRC-32 of the checkpoint's bytes, 8 lower-case hex digits. */
  crc32: string;
}

export interface RunFileIndex {
  format: typeof RUN_FILE_FORMAT;
  formatVersion: number;
  exportedAt: string;
  run: RunRecord;
  /** The run records `run` links (`recordIds`), in link order; absent in version 1. */
  records?: RunRecord[];
  checkpoints: RunFileCheckpointEntry[];
}

export interface ParsedRunFile {
  index: RunFileIndex;
  run: RunRecord;
  /** The linked run records (empty for a version 1 file). */
  records: RunRecord[];
  /** In index order, checked (safetensors layout and lab header), ids as in the index. */
  checkpoints: Checkpoint[];
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zip and PNG): catches damaged or cut files; not a defence against tampering. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const hex32 = (value: number) => value.toString(16).padStart(8, '0');

/** One file from a run record, the records it links and the checkpoints they all link (run first, then each record's). */
export function encodeRunFile(
  run: RunRecord,
  checkpoints: readonly (Checkpoint & { createdAt?: string })[],
  exportedAt = new Date().toISOString(),
  records: readonly RunRecord[] = [],
): Uint8Array {
  const parts = checkpoints.map((checkpoint) => exportCheckpointFile(checkpoint));
  const index: RunFileIndex = {
    format: RUN_FILE_FORMAT,
    formatVersion: RUN_FILE_VERSION,
    exportedAt,
    run,
    records: [...records],
    checkpoints: checkpoints.map((checkpoint, i) => ({ id: checkpoint.id, name: checkpoint.name, byteLength: parts[i].length, crc32: hex32(crc32(parts[i])) })),
  };
  const indexBytes = new TextEncoder().encode(JSON.stringify(index));
  const total = PREFIX_BYTES + indexBytes.length + parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  bytes.set(new TextEncoder().encode(RUN_FILE_MAGIC), 0);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(8, BigInt(indexBytes.length), true);
  view.setUint32(16, crc32(indexBytes), true);
  bytes.set(indexBytes, PREFIX_BYTES);
  let at = PREFIX_BYTES + indexBytes.length;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** A file name people recognise: the run's id with unsafe characters replaced. */
export function runFileName(run: Pick<RunRecord, 'id'>): string {
  const base = run.id.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  return `${base}${RUN_FILE_EXTENSION}`;
}

export interface RunFile {
  fileName: string;
  bytes: Uint8Array;
  run: RunRecord;
  /** Ids of the linked run records in the file. */
  recordIds: string[];
  checkpointIds: string[];
}

/** The first few ids, quoted, and how many more: a message stays short however many there are. */
const listed = (ids: readonly string[]) => `${ids.slice(0, 5).map((id) => `"${id}"`).join(', ')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`;

/**
 * The stored run, the run records it links and every checkpoint they link, as one file. A linked
 * record or checkpoint that is not stored is an error: the run cannot be exported whole.
 */
export async function exportRunFile(store: LabStore, runId: string): Promise<RunFile> {
  const run = await store.loadRun(runId);
  const storedRuns = new Set((await store.listRuns()).map((entry) => entry.id));
  const recordIds = linkedRecordIds(run);
  const missingRecords = recordIds.filter((id) => !storedRuns.has(id));
  if (missingRecords.length > 0) {
    throw new StoredItemNotFoundError(
      `Run "${runId}" links run record${missingRecords.length > 1 ? 's' : ''} ${listed(missingRecords)}, which ${missingRecords.length > 1 ? 'are' : 'is'} no longer stored, so the run cannot be exported whole. Delete the run, or run its missing stages again.`,
      { kind: 'run', runId, missing: missingRecords },
    );
  }
  const records = [];
  for (const id of recordIds) records.push(await store.loadRun(id));
  const checkpointIds = [...new Set([run, ...records].flatMap(linkedCheckpointIds))];
  const stored = new Set((await store.listCheckpoints()).map((entry) => entry.id));
  const missing = checkpointIds.filter((id) => !stored.has(id));
  if (missing.length > 0) {
    throw new StoredItemNotFoundError(
      `Run "${runId}" links checkpoint${missing.length > 1 ? 's' : ''} ${listed(missing)}, which ${missing.length > 1 ? 'are' : 'is'} no longer stored, so the run cannot be exported whole. Delete the run, or import the missing checkpoint first.`,
      { kind: 'checkpoint', runId, missing },
    );
  }
  const checkpoints = [];
  for (const id of checkpointIds) checkpoints.push(await store.loadCheckpoint(id));
  return { fileName: runFileName(run), bytes: encodeRunFile(run, checkpoints, undefined, records), run, recordIds, checkpointIds };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks a run file completely; throws InvalidRunFileError naming the file and the first problem. */
export function parseRunFile(bytes: Uint8Array, fileName = 'run file', limits: RunFileLimits = RUN_FILE_LIMITS): ParsedRunFile {
  const fail = (problem: string, details: Record<string, unknown> = {}): never => {
    throw new InvalidRunFileError(`${fileName}: ${problem}. Nothing was stored.`, { fileName, ...details });
  };
  if (bytes.length > limits.fileBytes) fail(`the file is ${bytes.length} bytes; the lab imports run files of at most ${limits.fileBytes} bytes`);
  if (bytes.length < PREFIX_BYTES) fail(`only ${bytes.length} bytes, shorter than the ${PREFIX_BYTES}-byte start of a run file`);
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== RUN_FILE_MAGIC) {
    fail(`not a Relevance Lab run file (it does not start with "${RUN_FILE_MAGIC}"); a single checkpoint is a .safetensors file and is imported on the training screens`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(8, true);
  if (declared > BigInt(bytes.length - PREFIX_BYTES)) {
    fail(`the index length ${declared} runs beyond the end of the file (${bytes.length} bytes): the file is cut short or damaged`);
  }
  if (declared > BigInt(limits.indexBytes)) fail(`the index is ${declared} bytes; the lab reads indexes of at most ${limits.indexBytes} bytes`);
  const indexBytes = bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + Number(declared));
  if (crc32(indexBytes) !== view.getUint32(16, true)) fail('the index does not match its CRC-32: the file is damaged');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(indexBytes));
  } catch (error) {
    return fail(`the index is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  // Storing a record clones it, which overflows the stack on a deep enough value.
  if (nestsDeeperThan(parsed, limits.jsonDepth)) fail(`the index nests deeper than ${limits.jsonDepth} levels`);
  const index = checkIndex(parsed, limits, fail);
  const expected = PREFIX_BYTES + indexBytes.length + index.checkpoints.reduce((sum, entry) => sum + entry.byteLength, 0);
  if (bytes.length !== expected) {
    fail(`the file is ${bytes.length} bytes but its index accounts for ${expected}: it is ${bytes.length < expected ? 'cut short' : 'followed by extra bytes'}`, { bytes: bytes.length, expected });
  }
  let at = PREFIX_BYTES + indexBytes.length;
  const checkpoints = index.checkpoints.map((entry, i) => {
    const part = bytes.subarray(at, at + entry.byteLength);
    at += entry.byteLength;
    const where = `checkpoint ${i + 1} ("${entry.id}")`;
    if (hex32(crc32(part)) !== entry.crc32) fail(`${where} does not match its CRC-32: the file is damaged`, { checkpointId: entry.id });
    let checkpoint: Checkpoint & { createdAt?: string };
    try {
      checkpoint = parseCheckpointFile(part, `${where}`);
    } catch (error) {
      return fail((error as Error).message, { checkpointId: entry.id });
    }
    if (checkpoint.id !== entry.id) fail(`${where} says its id is "${checkpoint.id}"`, { checkpointId: entry.id });
    const { createdAt: _createdAt, ...rest } = checkpoint;
    return rest;
  });
  return { index, run: index.run, records: index.records ?? [], checkpoints };
}

function checkIndex(value: unknown, limits: RunFileLimits, fail: (problem: string) => never): RunFileIndex {
  if (!isRecord(value)) return fail('the index must be a JSON object');
  if (value.format !== RUN_FILE_FORMAT) return fail(`the index "format" is ${jsonPreview(value.format)}, expected "${RUN_FILE_FORMAT}"`);
  const version = value.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail(`"formatVersion" must be a positive integer, got ${jsonPreview(version)}`);
  if (version > RUN_FILE_VERSION) return fail(`format version ${version} is newer than this lab reads (up to ${RUN_FILE_VERSION}); update the lab`);
  const run = value.run;
  if (!isRecord(run) || typeof run.id !== 'string' || run.id.trim() === '') return fail('"run" must be a run record: an object with a non-empty string "id"');
  // Version 1 held the run and its own checkpoints only: its members, if any, were not in the file.
  const records = version === 1 ? [] : checkRecords(value.records, run as RunRecord, limits, fail);
  if (!Array.isArray(value.checkpoints)) return fail('"checkpoints" must be a list');
  if (value.checkpoints.length > limits.checkpoints) fail(`the file holds ${value.checkpoints.length} checkpoints; the lab imports at most ${limits.checkpoints}`);
  const seen = new Set<string>();
  value.checkpoints.forEach((entry: unknown, i) => {
    const where = `checkpoints[${i}]`;
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') return fail(`${where} must have a non-empty string "id"`);
    if (seen.has(entry.id)) fail(`${where}: checkpoint "${entry.id}" appears twice`);
    seen.add(entry.id);
    if (typeof entry.name !== 'string') fail(`${where}: "name" must be a string`);
    if (!Number.isSafeInteger(entry.byteLength) || (entry.byteLength as number) < 8) fail(`${where}: "byteLength" must be a whole number of at least 8, got ${jsonPreview(entry.byteLength)}`);
    if (typeof entry.crc32 !== 'string' || !/^[0-9a-f]{8}$/.test(entry.crc32)) fail(`${where}: "crc32" must be 8 lower-case hex digits`);
  });
  const linked = new Set([run as RunRecord, ...records].flatMap(linkedCheckpointIds));
  const linkers = records.length > 0 ? 'the run and its records link' : 'the run links';
  if (linked.size > limits.checkpoints) fail(`${linkers} ${linked.size} checkpoints; the lab imports at most ${limits.checkpoints}`);
  const unlisted = [...linked].filter((id) => !seen.has(id));
  if (unlisted.length > 0) fail(`${linkers} checkpoint${unlisted.length > 1 ? 's' : ''} ${listed(unlisted)}, which the file does not hold`);
  const unlinked = [...seen].filter((id) => !linked.has(id));
  if (unlinked.length > 0) fail(`the file holds checkpoint${unlinked.length > 1 ? 's' : ''} ${listed(unlinked)}, which the run does not link`);
  if (typeof value.exportedAt !== 'string') fail('"exportedAt" must be a string');
  return { ...(value as unknown as RunFileIndex), records };
}

/** The linked run records of a version 2 index: exactly the records the run links, each once. */
function checkRecords(value: unknown, run: RunRecord, limits: RunFileLimits, fail: (problem: string) => never): RunRecord[] {
  if (value === undefined) value = [];
  if (!Array.isArray(value)) return fail('"records" must be a list');
  if (value.length > limits.records) fail(`the file holds ${value.length} run records; the lab imports at most ${limits.records}`);
  const ids = new Set<string>();
  value.forEach((record: unknown, i) => {
    if (!isRecord(record) || typeof record.id !== 'string' || record.id.trim() === '') return fail(`records[${i}] must be a run record: an object with a non-empty string "id"`);
    if (record.id === run.id || ids.has(record.id)) fail(`records[${i}]: run "${record.id}" appears twice`);
    ids.add(record.id);
  });
  const linked = linkedRecordIds(run);
  if (linked.length > limits.records) fail(`the run links ${linked.length} run records; the lab imports at most ${limits.records}`);
  const linkedSet = new Set(linked);
  const unlisted = linked.filter((id) => !ids.has(id));
  if (unlisted.length > 0) fail(`the run links run record${unlisted.length > 1 ? 's' : ''} ${listed(unlisted)}, which the file does not hold`);
  const unlinked = [...ids].filter((id) => !linkedSet.has(id));
  if (unlinked.length > 0) fail(`the file holds run record${unlinked.length > 1 ? 's' : ''} ${listed(unlinked)}, which the run does not link`);
  return value as RunRecord[];
}

export interface RunImportResult {
  runId: string;
  /** Linked run records this import stored. */
  recordIds: string[];
  checkpointIds: string[];
  /** Linked stage records and checkpoints already stored under the same content key: kept as they are, not stored again. */
  reused: string[];
  /** Bytes of checkpoint weights stored. */
  checkpointBytes: number;
}

/** A run-store item (content-keyed: the same name is the same stage output), which two runs may share. */
const isSharedRecord = (run: RunRecord) => run.kind === PIPELINE_RECORD_KIND;
const isSharedCheckpoint = (id: string, metadata: Record<string, unknown> | undefined) => metadata?.[RUN_STORE_NAME_KEY] === id;

/**
 * Checks the whole file, refuses ids that are already stored, then stores the checkpoints (each
 * atomically), the linked records and the run record last. A linked stage record or stage
 * checkpoint already stored under the same run-store name (another pipeline run shares it) is kept
 * and not stored again. If a save fails (quota), what this import stored is deleted again and the
 * error is rethrown: the store is as it was.
 */
export async function importRunFile(store: LabStore, bytes: Uint8Array, options: { fileName?: string } = {}): Promise<RunImportResult> {
  const fileName = options.fileName ?? 'run file';
  const { run, records, checkpoints } = parseRunFile(bytes, fileName);
  const storedRuns = new Map((await store.listRuns()).map((entry) => [entry.id, entry]));
  const storedCheckpoints = new Map((await store.listCheckpoints()).map((entry) => [entry.id, entry]));
  const reused = new Set<string>();
  const taken: string[] = storedRuns.has(run.id) ? [`run "${run.id}"`] : [];
  const newRecords = records.filter((record) => {
    const stored = storedRuns.get(record.id);
    if (!stored) return true;
    if (isSharedRecord(record) && isSharedRecord(stored)) reused.add(record.id);
    else taken.push(`run "${record.id}"`);
    return false;
  });
  const newCheckpoints = checkpoints.filter((checkpoint) => {
    const stored = storedCheckpoints.get(checkpoint.id);
    if (!stored) return true;
    if (isSharedCheckpoint(checkpoint.id, checkpoint.metadata) && isSharedCheckpoint(stored.id, stored.metadata)) {
      reused.add(checkpoint.id);
    } else taken.push(`checkpoint "${checkpoint.id}"`);
    return false;
  });
  if (taken.length > 0) {
    throw new RunImportConflictError(`${fileName}: ${taken.join(', ')} ${taken.length > 1 ? 'are' : 'is'} already stored. Delete ${taken.length > 1 ? 'them' : 'it'} first to import this file. Nothing was stored.`, { fileName, taken });
  }
  const saved: string[] = [];
  const savedRecords: string[] = [];
  try {
    for (const checkpoint of newCheckpoints) {
      await store.saveCheckpoint(checkpoint);
      saved.push(checkpoint.id);
    }
    for (const record of newRecords) {
      await store.saveRun(record);
      savedRecords.push(record.id);
    }
    await store.saveRun(run);
  } catch (error) {
    for (const id of savedRecords) await store.deleteRun(id).catch(() => undefined);
    for (const id of saved) await store.deleteCheckpoint(id).catch(() => undefined);
    throw error;
  }
  return {
    runId: run.id,
    recordIds: savedRecords,
    checkpointIds: saved,
    reused: [...reused],
    checkpointBytes: newCheckpoints.reduce((sum, checkpoint) => sum + checkpoint.tensors.reduce((total, tensor) => total + tensor.data.byteLength, 0), 0),
  };
}
