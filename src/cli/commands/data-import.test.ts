// `data import` writes the whole folder or nothing; `data check` validates what it wrote.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { examplesFromJsonl, labelsFromJsonl } from '../../core/data/jsonl';
import { parseArgs } from '../args';
import check from './data-check';
import dataImport from './data-import';

const work = mkdtempSync(join(tmpdir(), 'darl-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
vi.spyOn(console, 'log').mockImplementation(() => undefined);

const FIXTURES = join(import.meta.dirname, '..', '..', 'core', 'data', 'import', 'fixtures');
const LAYOUT = ['dataset.json', 'pool.jsonl', 'pool_labels.jsonl', 'test_id.jsonl', 'test_ood.jsonl', 'train.jsonl', 'val.jsonl'];

function run(command: typeof dataImport, argv: string[]) {
  return command.run(parseArgs(argv));
}

describe('data import', () => {
  it('writes the lab layout, with pool grades only in pool_labels.jsonl', async () => {
    const out = join(work, 'hd');
    const status = await run(dataImport, ['--preset', 'scores', '--dir', join(FIXTURES, 'homedepot'), '--ood-clusters', '1', '--clusters', '3', '--pool', '0.2', '--seed', '4', '--out', out]);
    expect(status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(LAYOUT);
    const pool = examplesFromJsonl(readFileSync(join(out, 'pool.jsonl'), 'utf8'));
    expect(pool.length).toBeGreaterThan(0);
    expect(pool.every((e) => e.grade === null && e.split === 'pool')).toBe(true);
    expect([...labelsFromJsonl(readFileSync(join(out, 'pool_labels.jsonl'), 'utf8')).keys()].sort()).toEqual(pool.map((e) => e.id).sort());
    const info = JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8'));
    expect(info.source).toMatchObject({ kind: 'imported', preset: 'scores', options: { thresholds: [1.67, 2.34], encoding: 'latin1' } });
    expect(await run(check, [out])).toBe(0);
  });

  it('writes nothing when the import fails, not even a partial folder', async () => {
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, 'q,t,g\na,b,1\nc,d,5\n');
    const out = join(work, 'never');
    await expect(run(dataImport, ['--preset', 'csv', '--files', bad, '--map', 'query=q,title=t,label=g', '--out', out])).rejects.toThrow(/bad\.csv:3:3: column "g": unknown label "5"/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('refuses to overwrite a folder that holds files unless --force', async () => {
    const out = join(work, 'taken');
    const args = ['--preset', 'wands', '--dir', join(FIXTURES, 'wands'), '--pool', '0', '--out', out];
    expect(await run(dataImport, args)).toBe(0);
    await expect(run(dataImport, args)).rejects.toThrow(/already holds a lab dataset; pass --force to replace it/);
    expect(await run(dataImport, [...args, '--force', '--seed', '9'])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(LAYOUT);
  });
});

describe('data import --out never deletes what the lab did not write', () => {
  const args = (out: string, ...extra: string[]) => ['--preset', 'wands', '--dir', join(FIXTURES, 'wands'), '--pool', '0', '--out', out, ...extra];

  it.each([[[]], [['--force']]])('refuses an existing file and leaves it as it was (%j)', async (extra) => {
    const notes = join(work, `notes-${extra.length}.txt`);
    writeFileSync(notes, 'my notes\n');
    await expect(run(dataImport, args(notes, ...extra))).rejects.toThrow(/notes-\d\.txt is a file, not a folder/);
    expect(readFileSync(notes, 'utf8')).toBe('my notes\n');
    expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('refuses, even with --force, a folder the lab did not write', async () => {
    const mine = join(work, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'train.jsonl'), 'my own file\n');
    await expect(run(dataImport, args(mine, '--force'))).rejects.toThrow(/mine holds files the lab did not write \(no dataset\.json of the lab's\)/);
    expect(readdirSync(mine)).toEqual(['train.jsonl']);
    expect(readFileSync(join(mine, 'train.jsonl'), 'utf8')).toBe('my own file\n');
  });

  it('refuses, even with --force, a lab folder that also holds a file of someone else', async () => {
    const lab = join(work, 'lab-plus');
    expect(await run(dataImport, args(lab))).toBe(0);
    writeFileSync(join(lab, 'notes.md'), 'keep me\n');
    await expect(run(dataImport, args(lab, '--force'))).rejects.toThrow(/lab-plus also holds files the lab did not write: "notes\.md"/);
    expect(readFileSync(join(lab, 'notes.md'), 'utf8')).toBe('keep me\n');
    expect(readdirSync(lab).sort()).toEqual([...LAYOUT, 'notes.md'].sort());
  });

  it('writes into an empty folder without --force', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    expect(await run(dataImport, args(empty))).toBe(0);
    expect(readdirSync(empty).sort()).toEqual(LAYOUT);
  });
});

describe('data check', () => {
  it('fails with file:line:column on a bad example line', async () => {
    const dir = join(work, 'broken');
    rmSync(dir, { recursive: true, force: true });
    await run(dataImport, ['--preset', 'wands', '--dir', join(FIXTURES, 'wands'), '--pool', '0', '--out', dir]);
    const file = join(dir, 'val.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1].replace('"grade":', '"grade":"two","x":');
    writeFileSync(file, lines.join('\n'));
    await expect(run(check, [dir])).rejects.toThrow(new RegExp(`val\\.jsonl:2:\\d+: column "grade": must be 0, 1, 2 or null, got "two"`));
  });

  it('names a folder where a file should be, not a bare EISDIR', async () => {
    const dir = join(work, 'with-folder');
    mkdirSync(join(dir, 'x.jsonl'), { recursive: true });
    const error = await run(check, [dir]).catch((e: Error) => e);
    expect(String(error)).toMatch(/x\.jsonl: this is a folder, not a file/);
    expect(String(error)).not.toMatch(/EISDIR/);
  });

  it('fails on a 0-byte train.jsonl, naming the file', async () => {
    const dir = join(work, 'empty-train');
    await run(dataImport, ['--preset', 'wands', '--dir', join(FIXTURES, 'wands'), '--pool', '0', '--out', dir]);
    writeFileSync(join(dir, 'train.jsonl'), '');
    await expect(run(check, [dir])).rejects.toThrow(/train\.jsonl: the train split is empty/);
  });
});

