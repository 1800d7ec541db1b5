import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { StoredItemNotFoundError } from './errors';
import { openLabStore, type LabStore } from './lab-store';
import {
  crc32,
  encodeRunFile,
  exportRunFile,
  importRunFile,
  InvalidRunFileError,
  linkedCheckpointIds,
  parseRunFile,
  RUN_FILE_FORMAT,
  RunImportConflictError,
} from './run-file';
import { freshDbName, sameTensors, sampleCheckpoint, withRunFileIndex as withIndex } from './test-support';

const run = { id: 'training/ft-1', kind: 'training-stage', checkpointId: 'ft-1', status: 'done', history: [{ step: 1, loss: 0.5 }], note: 'ünïcode <b>' };

async function snapshot(store: LabStore) {
  const checkpoints = (await store.listCheckpoints()).map(({ id, byteSize }) => ({ id, byteSize }));
  const runs = await store.listRuns();
  return { checkpoints, runs };
}

let source: LabStore;
let target: LabStore;

beforeEach(async () => {
  source = await openLabStore(freshDbName('run-file-source'), { estimate: null, checkpointChunkBytes: 1024 });
  target = await openLabStore(freshDbName('run-file-target'), { estimate: null });
  await source.saveCheckpoint(sampleCheckpoint('ft-1', 1, [6, 700, 3]));
  await source.saveRun(run);
});

describe('run files', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('finds the checkpoints a run links, in order and without repeats', () => {
    expect(linkedCheckpointIds({ id: 'a', checkpointId: 'x', checkpointIds: ['y', 'x', '', 3, 'z'] })).toEqual(['x', 'y', 'z']);
    expect(linkedCheckpointIds({ id: 'a' })).toEqual([]);
  });

  it('exports a run with its checkpoint and imports it into another store unchanged', async () => {
    const file = await exportRunFile(source, run.id);
    expect(file.fileName).toBe('training-ft-1.labrun');
    expect(file.checkpointIds).toEqual(['ft-1']);
    expect(new TextDecoder().decode(file.bytes.subarray(0, 8))).toBe('RLAB-RUN');
    const result = await importRunFile(target, file.bytes, { fileName: file.fileName });
    expect(result).toEqual({ runId: run.id, recordIds: [], checkpointIds: ['ft-1'], reused: [], checkpointBytes: (6 + 700 + 3) * 4 });
    expect(await target.loadRun(run.id)).toEqual(run);
    const original = await source.loadCheckpoint('ft-1');
    const imported = await target.loadCheckpoint('ft-1');
    expect(imported.name).toBe(original.name);
    expect(imported.config).toEqual(original.config);
    expect(imported.metadata).toEqual(original.metadata);
    expect(sameTensors(imported.tensors, original.tensors)).toBe(true);
  });

  it('holds several checkpoints and a run without any', async () => {
    await source.saveCheckpoint(sampleCheckpoint('lp-1', 2, [10, 4]));
    const pipeline = { id: 'pipeline/p1', kind: 'pipeline', checkpointIds: ['lp-1', 'ft-1'] };
    await source.saveRun(pipeline);
    await source.saveRun({ id: 'notes', kind: 'note' });
    const parsed = parseRunFile((await exportRunFile(source, 'pipeline/p1')).bytes);
    expect(parsed.checkpoints.map((checkpoint) => checkpoint.id)).toEqual(['lp-1', 'ft-1']);
    expect(parsed.index.format).toBe(RUN_FILE_FORMAT);
    await importRunFile(target, (await exportRunFile(source, 'notes')).bytes);
    expect(await target.loadRun('notes')).toEqual({ id: 'notes', kind: 'note' });
  });

  it('refuses every damaged copy with a named error and stores nothing', async () => {
    const { bytes } = await exportRunFile(source, run.id);
    await target.saveCheckpoint(sampleCheckpoint('other', 9));
    const before = await snapshot(target);
    const damaged: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /shorter than the 20-byte start/],
      ['a checkpoint file', new Uint8Array(bytes.subarray(20 + 10)), /not a Relevance Lab run file/],
      ['cut short', bytes.slice(0, bytes.length - 1), /cut short/],
      ['extra bytes', Uint8Array.from([...bytes, 0]), /followed by extra bytes/],
      ['flipped index byte', Uint8Array.from(bytes, (byte, i) => (i === 40 ? byte ^ 1 : byte)), /index does not match its CRC-32/],
      ['flipped weight byte', Uint8Array.from(bytes, (byte, i) => (i === bytes.length - 5 ? byte ^ 0x10 : byte)), /checkpoint 1 \("ft-1"\) does not match its CRC-32/],
      ['newer version', withIndex(bytes, (index) => (index.formatVersion = 3)), /format version 3 is newer/],
      ['unlinked checkpoint', withIndex(bytes, (index) => ((index.run as Record<string, unknown>).checkpointId = 'elsewhere')), /links checkpoint "elsewhere", which the file does not hold/],
      ['run without id', withIndex(bytes, (index) => (index.run = { kind: 'x' })), /"run" must be a run record/],
    ];
    for (const [what, file, message] of damaged) {
      const error = await importRunFile(target, file, { fileName: 'bad.labrun' }).then(() => null, (caught: unknown) => caught);
      expect(error, what).toBeInstanceOf(InvalidRunFileError);
      expect((error as Error).message, what).toMatch(message);
      expect((error as Error).message, what).toMatch(/^bad\.labrun: .*Nothing was stored\.$/s);
    }
    // Any single flipped byte, anywhere, is caught.
    for (let at = 0; at < bytes.length; at += 13) {
      const file = bytes.slice();
      file[at] ^= 0x04;
      expect(() => parseRunFile(file), `byte ${at}`).toThrow(InvalidRunFileError);
    }
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses a file whose ids are already stored, naming them', async () => {
    const { bytes } = await exportRunFile(source, run.id);
    const before = await snapshot(source);
    await expect(importRunFile(source, bytes, { fileName: 'again.labrun' })).rejects.toThrow(RunImportConflictError);
    await expect(importRunFile(source, bytes, { fileName: 'again.labrun' })).rejects.toThrow(/run "training\/ft-1", checkpoint "ft-1" are already stored/);
    expect(await snapshot(source)).toEqual(before);
  });

  it('removes the checkpoints it stored when the run record cannot be saved', async () => {
    const { bytes } = await exportRunFile(source, run.id);
    const failing: LabStore = { ...target, saveRun: () => Promise.reject(new Error('quota: no room for the run record')) };
    await expect(importRunFile(failing, bytes)).rejects.toThrow('no room for the run record');
    expect(await snapshot(target)).toEqual({ checkpoints: [], runs: [] });
  });

  it('will not export a run whose checkpoint is gone', async () => {
    await source.deleteCheckpoint('ft-1');
    await expect(exportRunFile(source, run.id)).rejects.toThrow(StoredItemNotFoundError);
    await expect(exportRunFile(source, run.id)).rejects.toThrow(/links checkpoint "ft-1", which is no longer stored/);
  });

  it('encodes checkpoints in the given order with their lengths in the index', () => {
    const a = sampleCheckpoint('a', 1, [3]);
    const b = sampleCheckpoint('b', 2, [5, 2]);
    const parsed = parseRunFile(encodeRunFile({ id: 'r', checkpointIds: ['a', 'b'] }, [a, b], '2025-01-01T00:00:00.000Z'));
    expect(parsed.index.exportedAt).toBe('2025-01-01T00:00:00.000Z');
    expect(parsed.index.checkpoints.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(sameTensors(parsed.checkpoints[1].tensors, b.tensors)).toBe(true);
  });
});
