import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesFromJsonl, labelsFromJsonl } from '../../core/data/jsonl';
import { parseArgs } from '../args';
import command, { parsePoolExcludeFlag, parseShiftFlag } from './data-generate';

const FILES = ['dataset.json', 'pool.jsonl', 'pool_labels.jsonl', 'test_id.jsonl', 'test_ood.jsonl', 'train.jsonl', 'val.jsonl'];
const root = await mkdtemp(join(tmpdir(), 'data-generate-'));
afterAll(() => rm(root, { recursive: true, force: true }));

async function generate(dir: string, seed: number, extra: string[] = [], printed: string[] = []): Promise<Record<string, string>> {
  const args = parseArgs(['--seed', String(seed), '--out', join(root, dir), '--train', '200', '--val', '50', '--test-id', '60', '--test-ood', '60', '--pool', '150', '--shift', 'unseen_brand=off,conversational=0.9', ...extra]);
  const log = console.log;
  console.log = (line: string) => void printed.push(line);
  try {
    expect(await command.run(args)).toBe(0);
  } finally {
    console.log = log;
  }
  const files: Record<string, string> = {};
  for (const name of await readdir(join(root, dir))) files[name] = await readFile(join(root, dir, name), 'utf8');
  return files;
}

describe('data generate', () => {
  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    const a = await generate('a', 5);
    const b = await generate('b', 5);
    const c = await generate('c', 6);
    expect(Object.keys(a).sort()).toEqual(FILES);
    for (const name of FILES) expect(b[name], name).toBe(a[name]);
    expect(c['train.jsonl']).not.toBe(a['train.jsonl']);
    expect(c['dataset.json']).not.toBe(a['dataset.json']);
  });

  it('hides the pool grades in pool.jsonl and keeps them in pool_labels.jsonl', async () => {
    const files = await generate('d', 7);
    const pool = examplesFromJsonl(files['pool.jsonl']);
    const labels = labelsFromJsonl(files['pool_labels.jsonl']);
    expect(pool).toHaveLength(150);
    expect(pool.every((e) => e.grade === null)).toBe(true);
    expect(pool.map((e) => labels.has(e.id))).not.toContain(false);
    expect(examplesFromJsonl(files['train.jsonl'])).toHaveLength(200);
    const info = JSON.parse(files['dataset.json']);
    expect(info.source.config.shifts.unseen_brand.enabled).toBe(false);
    expect(info.source.config.shifts.conversational.strength).toBe(0.9);
    expect(info.splits.pool.grades.reduce((a: number, b: number) => a + b, 0)).toBe(150);
  });

  it("--mode realistic records the mode and the label noise in dataset.json and prints the flip rate; --mode rules writes today's files", async () => {
    const printed: string[] = [];
    const realistic = await generate('r', 5, ['--mode', 'realistic'], printed);
    const info = JSON.parse(realistic['dataset.json']);
    expect(info.source.config.mode).toBe('realistic');
    expect(info.source.config.itemsPerQuery).toBe(10);
    expect(info.source.labelNoise.overallFlipRate).toBeGreaterThan(0);
    expect(printed.join('\n')).toMatch(/realistic mode[\s\S]*label noise: \d+\.\d% of grades flip/);
    expect(realistic['train.jsonl']).not.toBe((await generate('s', 5))['train.jsonl']);

    const rules = await generate('t', 5, ['--mode', 'rules']);
    const plain = await generate('u', 5);
    for (const name of FILES) expect(rules[name], name).toBe(plain[name]);
    expect(JSON.parse(rules['dataset.json']).source.config.mode).toBeUndefined();
  });

  it('--pool-exclude-shift and --ood-mix: the pool keeps a few OOD queries, none of the excluded shift; test_ood keeps it', async () => {
    const printed: string[] = [];
    const files = await generate('p', 5, ['--pool-exclude-shift', 'colloquial_typo', '--ood-mix', '0.5', '--test-ood', '300', '--pool', '400'], printed);
    const pool = examplesFromJsonl(files['pool.jsonl']);
    expect(pool.filter((e) => e.tags.includes('colloquial_typo'))).toEqual([]);
    expect(pool.filter((e) => e.tags.length > 0).length).toBeGreaterThan(100);
    expect(examplesFromJsonl(files['test_ood.jsonl']).filter((e) => e.tags.includes('colloquial_typo')).length).toBeGreaterThan(50);
    const config = JSON.parse(files['dataset.json']).source.config;
    expect(config).toMatchObject({ oodMix: 0.5, poolExcludeShifts: ['colloquial_typo'] });
    expect(printed[0]).toMatch(/pool without colloquial_typo/);
    expect(() => parsePoolExcludeFlag('conversational,typos')).toThrow(/--pool-exclude-shift: unknown shift "typos"/);
    expect(parsePoolExcludeFlag('conversational, unseen_brand')).toEqual(['conversational', 'unseen_brand']);
  });

  it('rejects an unknown --mode', async () => {
    await expect(command.run(parseArgs(['--mode', 'fuzzy', '--out', join(root, 'x')]))).rejects.toThrow(/--mode: "fuzzy" is not a mode; modes are rules, realistic/);
  });

  it('parses --shift and rejects unknown shifts and bad strengths', () => {
    expect(parseShiftFlag('unseen_category=0.8,conversational=off,unseen_brand=on')).toEqual({
      unseen_category: { enabled: true, strength: 0.8 },
      conversational: { enabled: false },
      unseen_brand: { enabled: true },
    });
    expect(() => parseShiftFlag('typos=0.5')).toThrow(/unknown shift "typos"/);
    expect(() => parseShiftFlag('conversational=1.5')).toThrow(/strength from 0 to 1/);
    expect(() => parseShiftFlag('conversational')).toThrow(/strength from 0 to 1/);
  });
});

describe('data generate --out never deletes what the lab did not write', () => {
  const small = ['--train', '20', '--val', '5', '--test-id', '5', '--test-ood', '5', '--pool', '5'];
  const quietly = (argv: string[]) => {
    const log = console.log;
    console.log = () => undefined;
    return command.run(parseArgs([...small, ...argv])).finally(() => {
      console.log = log;
    });
  };

  it('refuses an existing file, with or without --force, and leaves it as it was', async () => {
    const notes = join(root, 'notes.txt');
    await writeFile(notes, 'my notes\n');
    for (const extra of [[], ['--force']]) {
      await expect(quietly(['--out', notes, ...extra])).rejects.toThrow(/notes\.txt is a file, not a folder/);
      expect(await readFile(notes, 'utf8')).toBe('my notes\n');
    }
  });

  it('refuses a folder the lab did not write and keeps its files', async () => {
    const mine = join(root, 'mine');
    await mkdir(mine);
    await writeFile(join(mine, 'train.jsonl'), 'my own file\n');
    await expect(quietly(['--out', mine, '--force'])).rejects.toThrow(/mine holds files the lab did not write/);
    expect(await readdir(mine)).toEqual(['train.jsonl']);
    expect(await readFile(join(mine, 'train.jsonl'), 'utf8')).toBe('my own file\n');
  });

  it('replaces its own folder only with --force', async () => {
    const lab = join(root, 'lab');
    expect(await quietly(['--out', lab, '--seed', '1'])).toBe(0);
    const first = await readFile(join(lab, 'train.jsonl'), 'utf8');
    await expect(quietly(['--out', lab, '--seed', '2'])).rejects.toThrow(/already holds a lab dataset; pass --force to replace it/);
    expect(await readFile(join(lab, 'train.jsonl'), 'utf8')).toBe(first);
    expect(await quietly(['--out', lab, '--seed', '2', '--force'])).toBe(0);
    expect(await readFile(join(lab, 'train.jsonl'), 'utf8')).not.toBe(first);
    expect((await readdir(lab)).sort()).toEqual(FILES);
    expect((await readdir(root)).filter((name) => name.includes('partial'))).toEqual([]);
  });
});
