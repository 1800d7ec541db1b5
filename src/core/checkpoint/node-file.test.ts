import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidCheckpointFileError, NonFiniteTensorError } from '../io/errors';
import { FileCheckpointSink, previousSlotPath } from './node-file';
import { sameModelCheckpoint, sampleModelCheckpoint } from './test-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'node-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (path: string) => stat(path).then(() => true, () => false);

describe('FileCheckpointSink', () => {
  it('refuses weights holding NaN or Infinity and leaves the file on disk as it was', async () => {
    const path = join(dir, 'run.safetensors');
    const sink = new FileCheckpointSink(path);
    await sink.save(sampleModelCheckpoint(1, 10));
    const before = await readFile(path);
    const bad = sampleModelCheckpoint(2, 20);
    (bad.weights[3].data as Float32Array)[5] = Number.NaN;
    await expect(sink.save(bad)).rejects.toThrow(NonFiniteTensorError);
    await expect(sink.save(bad)).rejects.toThrow(/run\.safetensors: tensor ".*" holds NaN at index 5/);
    expect((await readFile(path)).equals(before)).toBe(true);
    expect(await exists(`${path}.partial`)).toBe(false);
  });

  it('keeps the checkpoint a periodic save replaced, and falls back to it when the newest file is damaged', async () => {
    const path = join(dir, 'run.safetensors');
    const sink = new FileCheckpointSink(path);
    const first = sampleModelCheckpoint(1, 10);
    const second = sampleModelCheckpoint(2, 20);
    await sink.save(first);
    await sink.save(second);
    expect(sameModelCheckpoint((await sink.latest())!, second)).toBe(true);
    expect(await exists(previousSlotPath(path))).toBe(true);

    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 100)); // cut short, as by a full disk
    expect(sameModelCheckpoint((await sink.latest())!, first)).toBe(true);
  });

  it('loads the previous slot when a save was killed between moving the old file aside and putting the new one in place', async () => {
    const path = join(dir, 'run.safetensors');
    const sink = new FileCheckpointSink(path);
    const first = sampleModelCheckpoint(1, 10);
    await sink.save(first);
    await rename(path, previousSlotPath(path));
    expect(sameModelCheckpoint((await sink.latest())!, first)).toBe(true);
  });

  it('drops the previous slot at the final save, and names both problems when neither slot is usable', async () => {
    const path = join(dir, 'run.safetensors');
    const sink = new FileCheckpointSink(path);
    await sink.save(sampleModelCheckpoint(1, 50, 100));
    await sink.save(sampleModelCheckpoint(2, 100, 100));
    expect(await exists(previousSlotPath(path))).toBe(false);
    expect(await new FileCheckpointSink(join(dir, 'none.safetensors')).latest()).toBeNull();

    await sink.save(sampleModelCheckpoint(3, 10, 100));
    await sink.save(sampleModelCheckpoint(4, 20, 100));
    await writeFile(path, 'damaged');
    await writeFile(previousSlotPath(path), 'damaged too');
    const failure = sink.latest();
    await expect(failure).rejects.toThrow(InvalidCheckpointFileError);
    await expect(failure).rejects.toThrow(/run\.safetensors: truncated.*; .*run\.safetensors\.previous: header length/);
  });
});
