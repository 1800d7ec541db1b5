// `npm run darl -- data generate --seed N --out DIR [--mode rules|realistic, sizes, --ood-mix, --shift ...,
// --pool-exclude-shift TAG[,TAG]]`:
// writes the built-in insurance search dataset as JSONL files plus dataset.json. The same seed and
// options give byte-identical files. An existing dataset folder is replaced only with --force.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { examplesToJsonl, labelsToJsonl, withoutGrades } from '../../core/data/jsonl';
import { generateDataset, type GeneratedDataset } from '../../core/data/generator/generate';
import { GENERATOR_MODES, type GeneratorConfigInput, type GeneratorMode, type ShiftKnob } from '../../core/data/generator/config';
import { SHIFT_TAGS, type ShiftTag, type Split } from '../../core/data/schema';
import { checkOutFolder, writeDatasetFolder } from './dataset-folder';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';

const SIZE_FLAGS: Record<string, Split> = { train: 'train', val: 'val', 'test-id': 'test_id', 'test-ood': 'test_ood', pool: 'pool' };

/** Parses "unseen_category=0.8,conversational=off,unseen_brand=on". */
export function parseShiftFlag(text: string): Partial<Record<ShiftTag, Partial<ShiftKnob>>> {
  const shifts: Partial<Record<ShiftTag, Partial<ShiftKnob>>> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.split('=');
    if (!(SHIFT_TAGS as readonly string[]).includes(name)) {
      throw new CliUsageError(`--shift: unknown shift "${name}"; shifts are ${SHIFT_TAGS.join(', ')}`);
    }
    const tag = name as ShiftTag;
    if (value === 'off') shifts[tag] = { enabled: false };
    else if (value === 'on') shifts[tag] = { enabled: true };
    else {
      const strength = Number(value);
      if (value === undefined || value === '' || !(strength >= 0 && strength <= 1)) {
        throw new CliUsageError(`--shift: "${part}" needs a strength from 0 to 1, or on/off (e.g. ${name}=0.5)`);
      }
      shifts[tag] = { enabled: strength > 0, strength };
    }
  }
  return shifts;
}

/** Parses "conversational,unseen_brand": shifts the pool leaves out. */
export function parsePoolExcludeFlag(text: string): ShiftTag[] {
  const tags = text.split(',').map((p) => p.trim()).filter(Boolean);
  for (const tag of tags) {
    if (!(SHIFT_TAGS as readonly string[]).includes(tag)) throw new CliUsageError(`--pool-exclude-shift: unknown shift "${tag}"; shifts are ${SHIFT_TAGS.join(', ')}`);
  }
  return tags as ShiftTag[];
}

export function configFromArgs(args: ParsedArgs): GeneratorConfigInput {
  const input: GeneratorConfigInput = { seed: numberFlag(args, 'seed', 1), sizes: {} };
  if (args.flags.mode !== undefined) {
    const mode = stringFlag(args, 'mode');
    if (!(GENERATOR_MODES as readonly string[]).includes(mode)) throw new CliUsageError(`--mode: "${mode}" is not a mode; modes are ${GENERATOR_MODES.join(', ')}`);
    input.mode = mode as GeneratorMode;
  }
  for (const [flag, split] of Object.entries(SIZE_FLAGS)) {
    if (args.flags[flag] !== undefined) input.sizes![split] = numberFlag(args, flag);
  }
  if (args.flags['items-per-query'] !== undefined) input.itemsPerQuery = numberFlag(args, 'items-per-query');
  if (args.flags['ood-mix'] !== undefined) input.oodMix = numberFlag(args, 'ood-mix');
  if (args.flags.shift !== undefined) input.shifts = parseShiftFlag(stringFlag(args, 'shift'));
  if (args.flags['pool-exclude-shift'] !== undefined) input.poolExcludeShifts = parsePoolExcludeFlag(stringFlag(args, 'pool-exclude-shift'));
  if (args.flags['unseen-categories'] !== undefined) {
    input.unseenCategories = stringFlag(args, 'unseen-categories').split(',').map((k) => k.trim()).filter(Boolean);
  }
  return input;
}

/** The files of a generated dataset, by name. The pool's grades go to pool_labels.jsonl only. */
export function datasetFiles(dataset: GeneratedDataset): Record<string, string> {
  const { examples, info } = dataset;
  return {
    'train.jsonl': examplesToJsonl(examples.train),
    'val.jsonl': examplesToJsonl(examples.val),
    'test_id.jsonl': examplesToJsonl(examples.test_id),
    'test_ood.jsonl': examplesToJsonl(examples.test_ood),
    'pool.jsonl': examplesToJsonl(withoutGrades(examples.pool)),
    'pool_labels.jsonl': labelsToJsonl(examples.pool),
    'dataset.json': `${JSON.stringify(info, null, 2)}\n`,
  };
}

/** Writes the dataset to `outDir` whole or not at all; only the lab's own folder is replaced, and only with `replace`. */
export async function writeGeneratedDataset(input: GeneratorConfigInput, outDir: string, replace = false): Promise<GeneratedDataset> {
  await checkOutFolder(outDir, replace);
  const dataset = generateDataset(input);
  await writeDatasetFolder(outDir, replace, async (dir) => {
    for (const [name, text] of Object.entries(datasetFiles(dataset))) await writeFile(join(dir, name), text, 'utf8');
  });
  return dataset;
}

const command: CliCommand = {
  summary: 'generate the built-in insurance search dataset into a folder',
  async run(args) {
    const out = stringFlag(args, 'out');
    const started = performance.now();
    const dataset = await writeGeneratedDataset(configFromArgs(args), out, args.flags.force === true);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const excluded = dataset.config.poolExcludeShifts;
    console.log(`wrote ${out} in ${seconds} s (seed ${dataset.config.seed}, ${dataset.config.mode} mode${excluded.length ? `, pool without ${excluded.join(', ')}` : ''})`);
    for (const [split, stats] of Object.entries(dataset.info.splits)) {
      console.log(`  ${split.padEnd(8)} ${String(stats.count).padStart(6)} examples, ${String(stats.queries).padStart(5)} queries, grades 0/1/2 = ${stats.grades.join('/')}`);
    }
    const source = dataset.info.source;
    if (source.kind === 'generated' && source.labelNoise) {
      const noise = source.labelNoise;
      const perSplit = Object.entries(noise.flipRate).map(([split, rate]) => `${split} ${(100 * rate!).toFixed(1)}%`).join(', ');
      console.log(`  label noise: ${(100 * noise.overallFlipRate).toFixed(1)}% of grades flip under a fresh panel of raters (${perSplit}; raters: ${noise.raters})`);
    }
    return 0;
  },
};

export default command;
