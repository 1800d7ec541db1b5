// Fuzzing the readers of files a person imports: the .labrun reader, the lab checkpoint file reader,
// the plain safetensors reader and the model checkpoint reader, with random bytes and random
// mutations of valid files (byte flips, cuts, splices, length fields, and changes to the JSON inside
// behind a recomputed CRC, including nesting far deeper than any record). Every call ends, within a
// time bound, with a value or a named error (a LabError subclass) whose message names the file;
// never a stack overflow, a hang or a raw TypeError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelCheckpointFromBytes, modelCheckpointToBytes } from '../core/checkpoint/file';
import { sampleModelCheckpoint } from '../core/checkpoint/test-support';
import { LabError } from '../core/errors';
import { nestsDeeperThan } from '../core/io/json-limits';
import { decodeSafetensors } from '../core/io/safetensors';
import { exportCheckpointFile, parseCheckpointFile } from '../core/checkpoint/file-format';
import { crc32, encodeRunFile, parseRunFile } from './run-file';
import { sampleCheckpoint } from './test-support';

/** How long one call may take before it counts as a hang (a call on these files takes milliseconds). */
const PER_CALL_MS = 2000;
const RUNS = 150;
const SOURCE = 'fuzzed-file';

interface Reader {
  name: string;
  read: (bytes: Uint8Array) => unknown;
  /** A valid file to mutate. */
  seed: Uint8Array;
}

const labCheckpoint = sampleCheckpoint('ckpt-1', 1, [6, 40, 3]);
const readers: Reader[] = [
  {
    name: '.labrun',
    read: (bytes) => parseRunFile(bytes, SOURCE),
    seed: encodeRunFile({ id: 'pipeline/x', kind: 'pipeline-run', recordIds: ['stage/a'], checkpointIds: ['ckpt-1'] }, [labCheckpoint], '2025-01-01T00:00:00.000Z', [
      { id: 'stage/a', kind: 'pipeline-record', value: { metrics: [0.5, 0.25], names: ['a', 'b'] } },
    ]),
  },
  { name: 'checkpoint file', read: (bytes) => parseCheckpointFile(bytes, SOURCE), seed: exportCheckpointFile(labCheckpoint) },
  { name: 'safetensors', read: (bytes) => decodeSafetensors(bytes, SOURCE), seed: exportCheckpointFile(labCheckpoint) },
  { name: 'model checkpoint', read: (bytes) => modelCheckpointFromBytes(bytes, SOURCE), seed: modelCheckpointToBytes(sampleModelCheckpoint(1, 3, 10), 'fuzz') },
];

/** Calls the reader and checks how it ended; returns the error's class name, or 'value'. */
function readWithin(reader: Reader, bytes: Uint8Array): string {
  const started = performance.now();
  let outcome = 'value';
  try {
    reader.read(bytes);
  } catch (error) {
    expect(error, `${reader.name}: ${(error as Error)?.stack}`).toBeInstanceOf(LabError);
    const named = error as LabError;
    expect(named.name, named.message).not.toBe('LabError');
    expect(named.message, named.name).toContain(SOURCE);
    outcome = named.name;
  }
  expect(performance.now() - started, `${reader.name} took too long`).toBeLessThan(PER_CALL_MS);
  return outcome;
}

// --- Mutations of a valid file ------------------------------------------------------------------

type Mutation = (bytes: Uint8Array) => Uint8Array;

const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }).map(({ at, value }) => (bytes: Uint8Array) => {
    const out = bytes.slice();
    if (out.length > 0) out[at % out.length] = value;
    return out;
  }),
  fc.nat().map((at) => (bytes: Uint8Array) => bytes.slice(0, at % (bytes.length + 1))),
  fc.record({ at: fc.nat(), insert: fc.uint8Array({ maxLength: 64 }) }).map(({ at, insert }) => (bytes: Uint8Array) => {
    const cut = at % (bytes.length + 1);
    return Uint8Array.from([...bytes.subarray(0, cut), ...insert, ...bytes.subarray(cut)]);
  }),
  fc.record({ at: fc.nat(), length: fc.nat({ max: 256 }) }).map(({ at, length }) => (bytes: Uint8Array) => {
    const from = at % (bytes.length + 1);
    return Uint8Array.from([...bytes.subarray(0, from), ...bytes.subarray(from + length)]);
  }),
  // A length field (the safetensors header length at 0, the run index length at 8) set to anything.
  fc.record({ field: fc.constantFrom(0, 8), value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }).map(({ field, value }) => (bytes: Uint8Array) => {
    const out = bytes.slice();
    if (out.length >= field + 8) new DataView(out.buffer).setBigUint64(field, value, true);
    return out;
  }),
);

/** Where the JSON of a file sits: a run file's index (behind its CRC) or a safetensors header. */
interface JsonPart {
  start: number;
  length: number;
  /** The file with `text` in place of the JSON, lengths (and the CRC) made to agree. */
  rebuild(text: string): Uint8Array;
}

function jsonPart(bytes: Uint8Array): JsonPart | null {
  if (bytes.length < 20) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isRun = new TextDecoder().decode(bytes.subarray(0, 8)) === 'RLAB-RUN';
  const start = isRun ? 20 : 8;
  const length = Number(view.getBigUint64(isRun ? 8 : 0, true));
  if (start + length > bytes.length) return null;
  return {
    start,
    length,
    rebuild(text) {
      const json = new TextEncoder().encode(text);
      const out = new Uint8Array(start + json.length + bytes.length - start - length);
      out.set(bytes.subarray(0, start));
      out.set(json, start);
      out.set(bytes.subarray(start + length), start + json.length);
      const outView = new DataView(out.buffer);
      outView.setBigUint64(isRun ? 8 : 0, BigInt(json.length), true);
      if (isRun) outView.setUint32(16, crc32(json), true);
      return out;
    },
  };
}

/** Every path to a value inside `root`, found without recursion. */
function paths(root: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const stack: [unknown, (string | number)[]][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    found.push(path);
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) stack.push([child, [...path, Array.isArray(value) ? Number(key) : key]]);
    }
  }
  return found;
}

const DEEP = '__deep__';
const deepText = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Replaces (or deletes) the value at one path of the file's JSON; a replacement may be nested 100,000 deep. */
const jsonMutation: fc.Arbitrary<Mutation> = fc
  .record({
    pick: fc.nat(),
    replacement: fc.oneof({ weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constant(DEEP) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    // Escaped JSON inside a string (the lab header in __metadata__) is mutated too, one level in.
    inner: fc.boolean(),
  })
  .map(({ pick, replacement, inner }) => (bytes: Uint8Array) => {
    const part = jsonPart(bytes);
    if (!part) return bytes;
    let root: unknown;
    try {
      root = JSON.parse(new TextDecoder().decode(bytes.subarray(part.start, part.start + part.length)));
    } catch {
      return bytes;
    }
    // An earlier step nested it deep: leave it so (this harness would overflow re-writing it).
    if (nestsDeeperThan(root, 16)) return bytes;
    const all = paths(root);
    const path = all[pick % all.length];
    const text = mutateAt(root, path, replacement, inner);
    return part.rebuild(text);
  });

function mutateAt(root: unknown, path: (string | number)[], replacement: unknown, inner: boolean): string {
  if (path.length === 0) return replacement === DEEP ? deepText(100_000) : (JSON.stringify(replacement) ?? 'null');
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((value, key) => value[key] as Record<string | number, unknown>, root as Record<string | number, unknown>);
  const key = path.at(-1)!;
  const current = parent[key];
  if (inner && typeof current === 'string' && current.startsWith('{')) {
    try {
      const nested = JSON.parse(current);
      const nestedPaths = paths(nested);
      parent[key] = mutateAt(nested, nestedPaths[nestedPaths.length - 1], replacement === DEEP ? [[['deep']]] : replacement, false);
      return JSON.stringify(root);
    } catch {
      // not JSON after all: mutate the string itself
    }
  }
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
    return JSON.stringify(root);
  }
  parent[key] = replacement;
  return JSON.stringify(root).replace(JSON.stringify(DEEP), deepText(100_000));
}

const mutations = fc.array(fc.oneof({ weight: 3, arbitrary: byteMutation }, { weight: 2, arbitrary: jsonMutation }), { minLength: 1, maxLength: 4 });

// ------------------------------------------------------------------------------------------------

describe('file readers under fuzzing', () => {
  it.each(readers)('$name: read the valid seed file', (reader) => {
    expect(readWithin(reader, reader.seed)).toBe('value');
  });

  it.each(readers)('$name: random bytes end in a value or a named error, in time', (reader) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.uint8Array({ maxLength: 64 }), (tail, head) => {
        readWithin(reader, tail);
        // A real header in front of random bytes reaches past the first checks.
        readWithin(reader, Uint8Array.from([...reader.seed.subarray(0, 8), ...head, ...tail]));
      }),
      { numRuns: RUNS, seed: 17 },
    );
  });

  it.each(readers)('$name: random mutations of a valid file end in a value or a named error, in time', (reader) => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(mutations, (steps) => {
        const mutated = steps.reduce((bytes, mutate) => mutate(bytes), reader.seed);
        const outcome = readWithin(reader, mutated);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      { numRuns: RUNS, seed: 29 },
    );
    // The mutations get past the first checks: more than one kind of ending is seen.
    expect(outcomes.size, JSON.stringify([...outcomes])).toBeGreaterThan(1);
  });
});
