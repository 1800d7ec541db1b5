import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExamplesFile } from './node-host-files';

const work = mkdtempSync(join(tmpdir(), 'darl-node-host-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('readExamplesFile', () => {
  it('says a folder is a folder, not a bare EISDIR', async () => {
    mkdirSync(join(work, 'train.jsonl'));
    const error = await readExamplesFile(join(work, 'train.jsonl')).catch((e: Error) => e);
    expect(String(error)).toMatch(/train\.jsonl: this is a folder, not a file/);
    expect(String(error)).not.toMatch(/EISDIR/);
  });

  it('says a missing file is missing', async () => {
    await expect(readExamplesFile(join(work, 'val.jsonl'))).rejects.toThrow(/val\.jsonl: no such file/);
  });
});
