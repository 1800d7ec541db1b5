// The safetensors format (huggingface/safetensors), for the dtypes the lab uses (F32, I32; F16 and
// BF16 are read too, widened to float32, for models made elsewhere):
//   8 bytes   N, the header length, unsigned 64-bit little-endian
//   N bytes   UTF-8 JSON: {"__metadata__": {string: string}, name: {dtype, shape, data_offsets: [begin, end]}, ...}
//             padded with spaces so that 8 + N is a multiple of 8
//   rest      the byte buffer; offsets are relative to its start, tensors are little-endian, row-major,
//             and together they cover the buffer exactly (no holes, no overlaps).
// Pure: no DOM, no tfjs.
import { InvalidCheckpointFileError } from './errors';
import { bfloat16ToFloat32, float16ToFloat32 } from './half-float';
import { jsonPreview, nestsDeeperThan } from './json-limits';

export type SafetensorsDtype = 'F32' | 'I32' | 'F16' | 'BF16';
export type TensorDtype = 'float32' | 'int32';

export interface NamedTensor {
  name: string;
  dtype: TensorDtype;
  shape: number[];
  data: Float32Array | Int32Array;
}

export interface DecodedSafetensors {
  /** In the order of their data in the file. */
  tensors: NamedTensor[];
  metadata: Record<string, string>;
}

const METADATA_KEY = '__metadata__';
const HEADER_LENGTH_BYTES = 8;

/** Caps on what a read may hold, so a hostile file is bounded work (docs/STORAGE.md, "Limits"). */
export interface SafetensorsLimits {
  /** The whole file. */
  fileBytes: number;
  /** The JSON header (the reference implementation allows 100 MB). */
  headerBytes: number;
  tensors: number;
  /** Dimensions of one tensor. */
  rank: number;
}

/** A `base` checkpoint with its AdamW moments is about 100 MB in some 300 tensors of rank 1 or 2. */
export const SAFETENSORS_LIMITS: Readonly<SafetensorsLimits> = Object.freeze({ fileBytes: 1024 ** 3, headerBytes: 16 * 1024 ** 2, tensors: 10_000, rank: 8 });
/** A header is an object of tensor entries (and __metadata__) whose shapes and offsets are lists: 3 levels. */
const HEADER_DEPTH = 3;

const FILE_DTYPE: Record<TensorDtype, SafetensorsDtype> = { float32: 'F32', int32: 'I32' };
/** What each file dtype is read as, and its bytes per element. */
const READ_DTYPE: Record<SafetensorsDtype, { dtype: TensorDtype; bytes: number }> = {
  F32: { dtype: 'float32', bytes: 4 },
  I32: { dtype: 'int32', bytes: 4 },
  F16: { dtype: 'float32', bytes: 2 },
  BF16: { dtype: 'float32', bytes: 2 },
};
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

/** Checks a tensor's name, shape and data agree; `where` names the file or checkpoint in the message. */
export function checkTensor(tensor: NamedTensor, where: string): void {
  const what = `tensor "${tensor.name}" in ${where}`;
  if (typeof tensor.name !== 'string' || tensor.name.length === 0) throw new InvalidCheckpointFileError(`${where}: a tensor has an empty name`);
  if (tensor.name === METADATA_KEY) throw new InvalidCheckpointFileError(`${what}: "${METADATA_KEY}" is reserved`);
  if (!Array.isArray(tensor.shape) || !tensor.shape.every((size) => Number.isSafeInteger(size) && size >= 0)) {
    throw new InvalidCheckpointFileError(`${what}: shape must be a list of non-negative integers, got ${JSON.stringify(tensor.shape)}`);
  }
  const expectedType = tensor.dtype === 'float32' ? Float32Array : tensor.dtype === 'int32' ? Int32Array : undefined;
  if (!expectedType) throw new InvalidCheckpointFileError(`${what}: dtype must be float32 or int32, got ${JSON.stringify(tensor.dtype)}`);
  if (!(tensor.data instanceof expectedType)) {
    throw new InvalidCheckpointFileError(`${what}: dtype ${tensor.dtype} needs a ${expectedType.name}, got ${describeValue(tensor.data)}`);
  }
  const count = elementCount(tensor.shape);
  if (tensor.data.length !== count) {
    throw new InvalidCheckpointFileError(`${what}: shape [${tensor.shape.join(', ')}] has ${count} elements but the data has ${tensor.data.length}`);
  }
}

export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) {
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') throw new InvalidCheckpointFileError(`safetensors metadata "${key}" must be a string, got ${describeValue(value)}`);
    }
    header[METADATA_KEY] = metadata;
  }
  let offset = 0;
  for (const tensor of tensors) {
    checkTensor(tensor, 'the tensors to encode');
    if (Object.hasOwn(header, tensor.name)) throw new InvalidCheckpointFileError(`tensor name "${tensor.name}" appears twice`);
    const end = offset + tensor.data.byteLength;
    header[tensor.name] = { dtype: FILE_DTYPE[tensor.dtype], shape: tensor.shape, data_offsets: [offset, end] };
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padding = (HEADER_LENGTH_BYTES - (json.length % HEADER_LENGTH_BYTES)) % HEADER_LENGTH_BYTES;
  const headerLength = json.length + padding;
  const bytes = new Uint8Array(HEADER_LENGTH_BYTES + headerLength + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(headerLength), true);
  bytes.set(json, HEADER_LENGTH_BYTES);
  bytes.fill(0x20, HEADER_LENGTH_BYTES + json.length, HEADER_LENGTH_BYTES + headerLength);
  let position = HEADER_LENGTH_BYTES + headerLength;
  for (const tensor of tensors) {
    writeLittleEndian(tensor.data, bytes, position);
    position += tensor.data.byteLength;
  }
  return bytes;
}

/** Reads a safetensors file; `source` (a file name) is named in every error. */
export function decodeSafetensors(bytes: Uint8Array, source = 'safetensors file', limits: SafetensorsLimits = SAFETENSORS_LIMITS): DecodedSafetensors {
  const fail = (problem: string): never => {
    throw new InvalidCheckpointFileError(`${source}: ${problem}`, { source });
  };
  if (bytes.length > limits.fileBytes) fail(`the file is ${bytes.length} bytes; the lab reads checkpoint files of at most ${limits.fileBytes} bytes`);
  if (bytes.length < HEADER_LENGTH_BYTES) fail(`truncated: ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  const available = bytes.length - HEADER_LENGTH_BYTES;
  if (declared > BigInt(limits.headerBytes)) fail(`header length ${declared} is above the ${limits.headerBytes}-byte limit; this is not a lab checkpoint or it is damaged`);
  const headerLength = Number(declared);
  if (headerLength > available) fail(`header length ${headerLength} runs beyond the end of the file (${available} bytes after the length): the file is truncated or not safetensors`);
  if (headerLength < 2) fail(`header length ${headerLength} is too short to hold a JSON object`);
  const header = parseHeader(bytes.subarray(HEADER_LENGTH_BYTES, HEADER_LENGTH_BYTES + headerLength), fail);
  if (nestsDeeperThan(header, HEADER_DEPTH)) fail(`the header nests deeper than a safetensors header can (${HEADER_DEPTH} levels)`);
  const tensorCount = Object.keys(header).length - (Object.hasOwn(header, METADATA_KEY) ? 1 : 0);
  if (tensorCount > limits.tensors) fail(`the header lists ${tensorCount} tensors; the lab reads at most ${limits.tensors}`);
  const dataStart = HEADER_LENGTH_BYTES + headerLength;
  const dataLength = bytes.length - dataStart;

  let metadata: Record<string, string> = {};
  const entries: { name: string; fileDtype: SafetensorsDtype; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      metadata = parseMetadata(value, fail);
      continue;
    }
    entries.push(parseTensorEntry(name, value, limits.rank, fail));
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expectedBegin = 0;
  for (const entry of entries) {
    if (entry.begin < expectedBegin) fail(`tensor "${entry.name}" data_offsets [${entry.begin}, ${entry.end}] overlap the previous tensor, which ends at ${expectedBegin}`);
    if (entry.begin > expectedBegin) fail(`tensor "${entry.name}" starts at ${entry.begin}, leaving a hole after byte ${expectedBegin} of the data`);
    if (entry.end > dataLength) fail(`tensor "${entry.name}" data_offsets [${entry.begin}, ${entry.end}] are out of range: the data is ${dataLength} bytes (file truncated?)`);
    expectedBegin = entry.end;
  }
  if (expectedBegin !== dataLength) fail(`the tensors cover ${expectedBegin} bytes but the data is ${dataLength} bytes long`);

  const tensors = entries.map(({ name, fileDtype, shape, begin, end }): NamedTensor => ({
    name,
    dtype: READ_DTYPE[fileDtype].dtype,
    shape,
    data: readLittleEndian(fileDtype, bytes.subarray(dataStart + begin, dataStart + end)),
  }));
  return { tensors, metadata };
}

type Fail = (problem: string) => never;

function parseHeader(headerBytes: Uint8Array, fail: Fail): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
  } catch {
    return fail('the header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail(`the header must be a JSON object starting with "{", it starts with ${JSON.stringify(text.slice(0, 16))}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`the header is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(parsed)) return fail('the header must be a JSON object');
  return parsed;
}

function parseMetadata(value: unknown, fail: Fail): Record<string, string> {
  if (!isRecord(value)) return fail(`"${METADATA_KEY}" must be an object of strings`);
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') fail(`"${METADATA_KEY}" entry "${key}" must be a string, got ${describeValue(entry)}`);
  }
  return value as Record<string, string>;
}

function parseTensorEntry(name: string, value: unknown, maxRank: number, fail: Fail) {
  const what = `tensor "${name}"`;
  if (!isRecord(value)) return fail(`${what} must be described by an object, got ${describeValue(value)}`);
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string') return fail(`${what} has no "dtype" string`);
  if (!Object.hasOwn(READ_DTYPE, dtype)) return fail(`${what} has dtype ${jsonPreview(dtype)}, which this lab does not read (it reads F32, F16, BF16 and I32)`);
  const bytesPerElement = READ_DTYPE[dtype as SafetensorsDtype].bytes;
  if (Array.isArray(shape) && shape.length > maxRank) return fail(`${what} has ${shape.length} dimensions; the lab reads at most ${maxRank}`);
  if (!Array.isArray(shape) || !shape.every((size) => Number.isSafeInteger(size) && size >= 0)) {
    return fail(`${what} "shape" must be a list of non-negative integers, got ${jsonPreview(shape)}`);
  }
  if (!Number.isSafeInteger(elementCount(shape) * bytesPerElement)) fail(`${what} shape [${shape.join(', ')}] holds more elements than any file can`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((offset) => Number.isSafeInteger(offset) && offset >= 0)) {
    return fail(`${what} "data_offsets" must be [begin, end] with non-negative integers, got ${jsonPreview(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`${what} data_offsets [${begin}, ${end}] end before they begin`);
  const expectedBytes = elementCount(shape) * bytesPerElement;
  if (end - begin !== expectedBytes) {
    fail(`${what} shape [${shape.join(', ')}] of ${dtype} needs ${expectedBytes} bytes but data_offsets [${begin}, ${end}] hold ${end - begin}`);
  }
  return { name, fileDtype: dtype as SafetensorsDtype, shape: shape as number[], begin, end };
}

function writeLittleEndian(data: Float32Array | Int32Array, target: Uint8Array, position: number): void {
  if (IS_LITTLE_ENDIAN) {
    target.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position);
    return;
  }
  const view = new DataView(target.buffer, target.byteOffset + position, data.byteLength);
  data.forEach((value, index) => (data instanceof Float32Array ? view.setFloat32(index * 4, value, true) : view.setInt32(index * 4, value, true)));
}

function readLittleEndian(fileDtype: SafetensorsDtype, source: Uint8Array): Float32Array | Int32Array {
  if (fileDtype === 'F16') return float16ToFloat32(source);
  if (fileDtype === 'BF16') return bfloat16ToFloat32(source);
  const dtype = READ_DTYPE[fileDtype].dtype;
  const copy = source.slice(); // a fresh, aligned buffer the caller owns
  const data = dtype === 'float32' ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer);
  if (!IS_LITTLE_ENDIAN) {
    const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
    for (let index = 0; index < data.length; index += 1) data[index] = dtype === 'float32' ? view.getFloat32(index * 4, true) : view.getInt32(index * 4, true);
  }
  return data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
