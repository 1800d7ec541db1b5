// Fuzzing every dataset importer (CSV, TSV, JSONL, the WANDS, ESCI and scores presets) and the
// lab-layout check with random bytes, random text and random mutations of valid files: every call
// ends, within a time bound, with a value or a named import error whose message starts with
// "file:line:column: " (or the file where no line applies); never a stack overflow, a hang or a
// raw TypeError.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examplesToJsonl, labelsToJsonl, withoutGrades } from '../jsonl';
import type { Example } from '../schema';
import { memorySource } from './byte-source';
import { formatPlace, ImportError } from './errors';
import { importDataset } from './import-dataset';
import { checkLabFiles } from './lab-check';
import type { PresetOptions } from './presets/preset';
import { QTL } from './test-support';

/** How long one call may take before it counts as a hang (a call on these small files takes milliseconds). */
const PER_CASE_MS = 3000;
const RUNS = 200;

type Files = Record<string, Uint8Array>;
const utf8 = (text: string) => new TextEncoder().encode(text);

function fixtures(folder: string): Files {
  const dir = join(import.meta.dirname, 'fixtures', folder);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]));
}

function labFiles(): Files {
  const example = (id: string, split: Example['split'], grade: Example['grade']): Example => ({ id, query: `query ${id}`, item: { title: `title ${id}`, fields: { brand: 'b' } }, grade, split, tags: [] });
  const pool = [example('p1', 'pool', 1), example('p2', 'pool', 2)];
  return {
    'train.jsonl': utf8(examplesToJsonl([example('t1', 'train', 0), example('t2', 'train', 2)])),
    'val.jsonl': utf8(examplesToJsonl([example('v1', 'val', 1)])),
    'pool.jsonl': utf8(examplesToJsonl(withoutGrades(pool))),
    'pool_labels.jsonl': utf8(labelsToJsonl(pool)),
  };
}

interface Target {
  name: string;
  files: Files;
  run: (files: Files, chunk: number, skipBadRows: boolean) => Promise<unknown>;
}

function importer(preset: string, options: PresetOptions = {}) {
  return (files: Files, chunk: number, skipBadRows: boolean) =>
    importDataset({
      preset,
      files: Object.entries(files).map(([name, bytes]) => ({ source: memorySource(name, bytes, chunk) })),
      options,
      skipBadRows,
      split: { seed: 1, poolFraction: 0, ood: { kind: 'none' }, fractions: { train: 1, val: 0, test_id: 0 } },
    });
}

const TARGETS: Target[] = [
  { name: 'CSV', files: { 'f.csv': utf8('q,t,g\na,b,1\nc,d,2\n"e, f","g ""h""\nnext",0\n') }, run: importer('csv', QTL) },
  { name: 'TSV', files: { 'f.tsv': utf8('q\tt\tg\na\tb\t1\nc\td\t2\n"e\tf"\tg\t0\n') }, run: importer('csv', QTL) },
  { name: 'JSONL', files: { 'f.jsonl': utf8('{"q":"a","t":"b","g":1}\n{"q":"c","t":"d","g":"2","x":[{"y":null}]}\n{"q":"e\\u00e9","t":"f","g":0}\n') }, run: importer('csv', QTL) },
  { name: 'WANDS', files: fixtures('wands'), run: importer('wands') },
  { name: 'ESCI', files: fixtures('esci'), run: importer('esci') },
  { name: 'scores (Home Depot)', files: fixtures('homedepot'), run: importer('scores') },
  { name: 'data check (lab layout)', files: labFiles(), run: (files, chunk) => checkLabFiles(Object.entries(files).map(([name, bytes]) => memorySource(name, bytes, chunk))) },
];

/** Pieces that mean something to one of the formats, or to a decoder. */
const TOKENS = [
  '"', '""', '\n', '\r', '\r\n', ',', '\t', '{', '}', '[', ']', ':', '\\', '\\u12', '\u0000', '\ufeff', 'null', '"g":1,', '"q":"z",', '\u00e9', '\ud83d\ude00',
].map(utf8).concat([[0xff], [0xfe, 0xff], [0xff, 0xfe], [0xc3], [0xe2, 0x82], [0x1f, 0x8b], [0x80], [0x71, 0, 0x2c, 0]].map((bytes) => Uint8Array.from(bytes)));
/** Pieces that once made a parser recurse, loop or buffer without bound. */
const HOSTILE = ['['.repeat(200_000), '{"a":'.repeat(50_000), `"${'x'.repeat(30_000)}`, '"",'.repeat(20_000)].map(utf8);

type Mutation =
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom(...HOSTILE) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
  const join = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  };
  switch (m.kind) {
    case 'insert':
      return join(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    case 'delete':
      return join(bytes.subarray(0, at), bytes.subarray(at + m.length));
    case 'set': {
      const out = bytes.slice();
      if (at < out.length) out[at] = m.value;
      return out;
    }
    case 'repeat': {
      const piece = bytes.subarray(at, at + m.length);
      return join(bytes.subarray(0, at), ...Array.from({ length: m.times }, () => piece), bytes.subarray(at));
    }
    case 'truncate':
      return bytes.subarray(0, at);
  }
}

/** Text made of the characters the formats give meaning to, so the parsers get past their first byte. */
const structuredText = fc
  .string({ unit: fc.constantFrom('a', 'q', 't', 'g', '1', '2', ',', '\t', '"', '\n', '\r', '{', '}', '[', ']', ':', '\\', 'é', ' ', 'u', 'n'), maxLength: 300 })
  .map(utf8);

/** A case: which file is changed, and how (random bytes, random text, or mutations of the valid file). */
function fuzzedFiles(valid: Files): fc.Arbitrary<Files> {
  const names = Object.keys(valid);
  return fc
    .record({
      file: fc.constantFrom(...names),
      change: fc.oneof(
        fc.uint8Array({ maxLength: 400 }).map((bytes) => () => bytes),
        structuredText.map((bytes) => () => bytes),
        fc.array(mutation, { minLength: 1, maxLength: 6 }).map((mutations) => (bytes: Uint8Array) => mutations.reduce(mutate, bytes)),
      ),
    })
    .map(({ file, change }) => ({ ...valid, [file]: change(valid[file]) }));
}

type Outcome = { kind: 'value' } | { kind: 'error'; error: unknown } | { kind: 'hang' };

/** The call's outcome; a hang when it has not ended in time (by the clock, as a busy parser starves timers). */
async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const started = performance.now();
  const hang = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve({ kind: 'hang' }), PER_CASE_MS)));
  const done = call().then(
    (): Outcome => ({ kind: 'value' }),
    (error: unknown): Outcome => ({ kind: 'error', error }),
  );
  const outcome = await Promise.race([done, hang]).finally(() => clearTimeout(timer));
  return performance.now() - started > PER_CASE_MS ? { kind: 'hang' } : outcome;
}

function expectNamedFault(error: unknown): void {
  if (!(error instanceof ImportError)) throw new Error(`not a named import error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  expect(error.constructor).not.toBe(ImportError);
  expect(error.place.file).not.toBe('');
  expect(error.message.startsWith(`${formatPlace(error.place)}: `), error.message).toBe(true);
}

describe('fuzzing the importers and data check', () => {
  for (const target of TARGETS) {
    it(`${target.name}: every call ends in time with a value or a named error that says where`, async () => {
      expect(await outcomeOf(() => target.run(target.files, 64, false))).toEqual({ kind: 'value' });
      await fc.assert(
        fc.asyncProperty(fuzzedFiles(target.files), fc.constantFrom(7, 64, 4096), fc.boolean(), async (files, chunk, skipBadRows) => {
          const outcome = await outcomeOf(() => target.run(files, chunk, skipBadRows));
          if (outcome.kind === 'hang') throw new Error(`no answer within ${PER_CASE_MS} ms`);
          if (outcome.kind === 'error') expectNamedFault(outcome.error);
        }),
        { numRuns: RUNS },
      );
    });
  }
});
