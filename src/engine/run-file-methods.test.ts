import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { InvalidCheckpointFileError, openLabStore } from '../storage';
import { InvalidRunFileError, RUN_FILE_LIMITS } from '../storage/run-file';
import { freshDbName, sameTensors, sampleCheckpoint } from '../storage/test-support';
import { SAFETENSORS_LIMITS } from '../core/io/safetensors';
import { createLabEngine } from './lab-engine';
import { nodeEngineHost } from './node-engine';

const engineOn = (dbName: string) => createLabEngine({ ...nodeEngineHost, openStore: () => openLabStore(dbName, { estimate: null }) });

/** A file of `size` bytes whose bytes must never be read. */
const unreadable = (name: string, size: number) =>
  ({
    name,
    size,
    arrayBuffer: () => Promise.reject(new Error('a file above the cap was read')),
  }) as unknown as Blob;

describe('run files in the engine', () => {
  it('exports and imports a .labrun in the engine, so the page thread never parses one', async () => {
    const from = freshDbName('engine-run-from');
    const seed = await openLabStore(from, { estimate: null });
    const checkpoint = sampleCheckpoint('ft-1', 1, [6, 70]);
    await seed.saveCheckpoint(checkpoint);
    await seed.saveRun({ id: 'training/ft-1', kind: 'training-stage', checkpointId: 'ft-1' });
    seed.close();

    const file = await engineOn(from).exportRunFile('training/ft-1');
    expect(file).toMatchObject({ fileName: 'training-ft-1.labrun', checkpointIds: ['ft-1'] });
    const to = freshDbName('engine-run-to');
    const result = await engineOn(to).importRunFile(new File([new Uint8Array(file.bytes)], file.fileName));
    expect(result).toMatchObject({ runId: 'training/ft-1', checkpointIds: ['ft-1'] });
    const check = await openLabStore(to, { estimate: null });
    expect(sameTensors((await check.loadCheckpoint('ft-1')).tensors, checkpoint.tensors)).toBe(true);
    check.close();
  });

  it('refuse a file above the size cap by its size, before reading it', async () => {
    const engine = engineOn(freshDbName('engine-caps'));
    const run = engine.importRunFile(unreadable('huge.labrun', RUN_FILE_LIMITS.fileBytes + 1));
    await expect(run).rejects.toThrow(InvalidRunFileError);
    await expect(run).rejects.toThrow(`huge.labrun: the file is ${RUN_FILE_LIMITS.fileBytes + 1} bytes; the lab imports run files of at most ${RUN_FILE_LIMITS.fileBytes} bytes. Nothing was stored.`);
    const checkpoint = engine.importModelCheckpoint(unreadable('huge.safetensors', SAFETENSORS_LIMITS.fileBytes + 1));
    await expect(checkpoint).rejects.toThrow(InvalidCheckpointFileError);
    await expect(checkpoint).rejects.toThrow(`huge.safetensors: the file is ${SAFETENSORS_LIMITS.fileBytes + 1} bytes; the lab reads checkpoint files of at most ${SAFETENSORS_LIMITS.fileBytes} bytes`);
  });
});
