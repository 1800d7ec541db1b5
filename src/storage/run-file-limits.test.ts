import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openLabStore } from './lab-store';
import { crc32, encodeRunFile, importRunFile, InvalidRunFileError, parseRunFile, RUN_FILE_LIMITS } from './run-file';
import { linkedCheckpointIds, linkedRecordIds, runDeletionPlan } from './run-links';
import { freshDbName, sampleCheckpoint } from './test-support';
import type { RunRecord } from './types';

/** A run that links `count` member records, with those records. */
function groupRun(count: number): { run: RunRecord; records: RunRecord[] } {
  const recordIds = Array.from({ length: count }, (_, i) => `stage/r-${i}`);
  return { run: { id: 'pipeline/big', kind: 'pipeline-run', recordIds }, records: recordIds.map((id) => ({ id, kind: 'pipeline-record' })) };
}

const timed = <T,>(work: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
};

describe('run file limits', () => {
  it('refuse 60,000 linked records by count at once (the repeated-id checks took seconds)', () => {
    const { run, records } = groupRun(60_000);
    const bytes = encodeRunFile(run, [], undefined, records);
    const { ms } = timed(() => expect(() => parseRunFile(bytes, 'big.labrun')).toThrow(InvalidRunFileError));
    expect(() => parseRunFile(bytes, 'big.labrun')).toThrow(`big.labrun: the file holds 60000 run records; the lab imports at most ${RUN_FILE_LIMITS.records}. Nothing was stored.`);
    expect(ms).toBeLessThan(1500);
  });

  it('read a file at the record cap in bounded time', () => {
    const { run, records } = groupRun(RUN_FILE_LIMITS.records);
    const bytes = encodeRunFile(run, [], undefined, records);
    const { value, ms } = timed(() => parseRunFile(bytes, 'at-cap.labrun'));
    expect(value.records).toHaveLength(RUN_FILE_LIMITS.records);
    expect(ms).toBeLessThan(1500);
  });

  it('follow links with sets: 200,000 linked ids are read in linear time', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `c-${i % 150_000}`);
    const checkpoints = timed(() => linkedCheckpointIds({ id: 'r', checkpointId: 'c-0', checkpointIds: ids }));
    expect(checkpoints.value).toHaveLength(150_000);
    const records = timed(() => linkedRecordIds({ id: 'r', recordIds: ids }));
    expect(records.value).toHaveLength(150_000);
    expect(checkpoints.ms + records.ms).toBeLessThan(1000);
    const runs: RunRecord[] = [{ id: 'g', kind: 'pipeline-run', recordIds: ids.slice(0, 20_000), checkpointIds: ids.slice(0, 20_000) }, ...ids.slice(0, 20_000).map((id) => ({ id, checkpointId: id }))];
    const plan = timed(() => runDeletionPlan('g', runs));
    expect(plan.value.records).toHaveLength(20_000);
    expect(plan.ms).toBeLessThan(2000);
  });

  it('refuse more checkpoints, a longer index or a larger file than the caps, naming the cap', () => {
    const { run, records } = groupRun(3);
    const bytes = encodeRunFile(run, [], undefined, records);
    expect(() => parseRunFile(bytes, 'x.labrun', { ...RUN_FILE_LIMITS, fileBytes: 100 })).toThrow(
      `x.labrun: the file is ${bytes.length} bytes; the lab imports run files of at most 100 bytes. Nothing was stored.`,
    );
    expect(() => parseRunFile(bytes, 'x.labrun', { ...RUN_FILE_LIMITS, indexBytes: 50 })).toThrow(/the index is \d+ bytes; the lab reads indexes of at most 50 bytes/);
    const many = { id: 'r', checkpointIds: Array.from({ length: 1001 }, (_, i) => `c${i}`) };
    const index = encodeRunFile(many, [], undefined, []);
    expect(() => parseRunFile(index, 'x.labrun')).toThrow(`x.labrun: the run links 1001 checkpoints; the lab imports at most ${RUN_FILE_LIMITS.checkpoints}. Nothing was stored.`);
  });

  it('refuse a record nested deeper than lab records go, and store nothing (storing it overflowed the stack)', async () => {
    const bytes = withDeepHistory({ id: 'training/c', checkpointId: 'c' }, [sampleCheckpoint('c', 1, [4])]);
    const store = await openLabStore(freshDbName('deep-run'), { estimate: null });
    const importing = importRunFile(store, bytes, { fileName: 'deep.labrun' });
    await expect(importing).rejects.toThrow(InvalidRunFileError);
    await expect(importing).rejects.toThrow(/^deep\.labrun: the index nests deeper than 64 levels/);
    expect(await store.listCheckpoints()).toEqual([]);
    expect(await store.listRuns()).toEqual([]);
    store.close();
  });
});

/** A run file whose run has a `history` nested 100,000 deep (which JSON.stringify cannot write: it is spliced in as text). */
function withDeepHistory(run: RunRecord, checkpoints: Parameters<typeof encodeRunFile>[1]): Uint8Array {
  const depth = 100_000;
  const placeholder = 'DEEP_PLACEHOLDER';
  const file = encodeRunFile({ ...run, history: placeholder }, checkpoints);
  const view = new DataView(file.buffer, file.byteOffset);
  const length = Number(view.getBigUint64(8, true));
  const text = new TextDecoder().decode(file.subarray(20, 20 + length)).replace(`"${placeholder}"`, '['.repeat(depth) + ']'.repeat(depth));
  const index = new TextEncoder().encode(text);
  const out = new Uint8Array(20 + index.length + file.length - 20 - length);
  out.set(file.subarray(0, 8));
  new DataView(out.buffer).setBigUint64(8, BigInt(index.length), true);
  new DataView(out.buffer).setUint32(16, crc32(index), true);
  out.set(index, 20);
  out.set(file.subarray(20 + length), 20 + index.length);
  return out;
}
