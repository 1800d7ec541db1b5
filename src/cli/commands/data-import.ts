// `npm run darl -- data import --preset wands|esci|scores|csv (--files ...|--dir DIR) --out DIR [...]`:
// imports graded relevance data into the lab's layout. The folder appears whole or not at all, and
// only a folder the lab wrote is ever replaced (see dataset-folder.ts).
import { open, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TextEncodingChoice } from '../../core/data/import/decode-text';
import { describeSkipped } from '../../core/data/import/fault-policy';
import { importDataset, type ImportedDataset, type ImportRequest } from '../../core/data/import/import-dataset';
import { DATASET_INFO_FILE, POOL_LABELS_FILE, SPLIT_FILES } from '../../core/data/import/lab-layout';
import { describeLabelRule, parseLabelMap, parseScoreRange, parseThresholds } from '../../core/data/import/labels';
import { parseMapping } from '../../core/data/import/mapping';
import type { FileChoice } from '../../core/data/import/presets';
import type { PresetOptions } from '../../core/data/import/presets/preset';
import type { TableFormat } from '../../core/data/import/table';
import { examplesToJsonl, labelsToJsonl, withoutGrades } from '../../core/data/jsonl';
import { SPLITS, type Example } from '../../core/data/schema';
import { describeOodRule, type OodRule } from '../../core/data/splits/ood-rule';
import type { SplitFractions } from '../../core/data/splits/split-dataset';
import { checkOutFolder, writeDatasetFolder } from './dataset-folder';
import { fileSource } from './file-source';
import { CliUsageError, numberFlag, stringFlag, type CliCommand, type ParsedArgs } from '../args';

async function mustBeFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new CliUsageError(`no such file: ${path}`);
  if (!info.isFile()) throw new CliUsageError(`not a file: ${path}`);
}

/** --files a.csv,labels=b.csv (role=path pins a file's role) or --dir DIR (every file in it). */
async function fileChoices(args: ParsedArgs): Promise<{ files: FileChoice[]; explicit: boolean }> {
  if (typeof args.flags.files === 'string') {
    const files: FileChoice[] = [];
    for (const part of args.flags.files.split(',').map((p) => p.trim()).filter(Boolean)) {
      const eq = part.indexOf('=');
      const role = eq > 0 ? part.slice(0, eq) : undefined;
      const path = eq > 0 ? part.slice(eq + 1) : part;
      await mustBeFile(path);
      files.push({ source: fileSource(path), role });
    }
    return { files, explicit: true };
  }
  if (typeof args.flags.dir === 'string') {
    const dir = args.flags.dir;
    const names = await readdir(dir).catch(() => {
      throw new CliUsageError(`cannot read folder ${dir}`);
    });
    const files: FileChoice[] = [];
    for (const name of names.sort()) {
      const path = join(dir, name);
      if ((await stat(path)).isFile()) files.push({ source: fileSource(path) });
    }
    return { files, explicit: false };
  }
  throw new CliUsageError('give the input with --files PATH[,PATH...] or --dir DIR');
}

function parseFractions(text: string): SplitFractions {
  const parts = text.split(',').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p))) throw new CliUsageError(`--fractions needs train,val,test_id shares like 0.7,0.1,0.2, got "${text}"`);
  return { train: parts[0], val: parts[1], test_id: parts[2] };
}

function oodRuleFromArgs(args: ParsedArgs): OodRule {
  const column = args.flags['ood-column'];
  const clusters = args.flags['ood-clusters'];
  if (column !== undefined && clusters !== undefined) throw new CliUsageError('choose one OOD rule: --ood-column with --ood-values, or --ood-clusters');
  if (column !== undefined) {
    const values = stringFlag(args, 'ood-values').split(',').map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) throw new CliUsageError('--ood-values needs at least one value');
    return { kind: 'column', column: stringFlag(args, 'ood-column'), values };
  }
  if (clusters !== undefined) {
    return { kind: 'clusters', heldOut: numberFlag(args, 'ood-clusters'), clusters: numberFlag(args, 'clusters', 8), maxOodShare: numberFlag(args, 'max-ood-share', 0.5) };
  }
  return { kind: 'none' };
}

function presetOptions(args: ParsedArgs): PresetOptions {
  const options: PresetOptions = {};
  if (args.flags.map !== undefined) options.mapping = parseMapping(stringFlag(args, 'map'));
  if (args.flags.text !== undefined) options.mapping = { ...options.mapping, text: stringFlag(args, 'text').split(',').map((c) => c.trim()).filter(Boolean) };
  if (args.flags.labels !== undefined) options.labels = parseLabelMap(stringFlag(args, 'labels'));
  if (args.flags.thresholds !== undefined) options.thresholds = parseThresholds(stringFlag(args, 'thresholds'));
  if (args.flags['score-range'] !== undefined) options.scoreRange = parseScoreRange(stringFlag(args, 'score-range'));
  if (args.flags.encoding !== undefined) {
    const encoding = stringFlag(args, 'encoding').toLowerCase().replace(/^(latin-?1|iso-?8859-?1|windows-1252|cp1252)$/, 'latin1').replace(/^utf8$/, 'utf-8');
    if (encoding !== 'latin1' && encoding !== 'utf-8') throw new CliUsageError(`--encoding must be utf-8 or latin1, got "${stringFlag(args, 'encoding')}"`);
    options.encoding = encoding as TextEncodingChoice;
  }
  if (args.flags.format !== undefined) {
    const format = stringFlag(args, 'format');
    if (!['csv', 'tsv', 'jsonl', 'parquet'].includes(format)) throw new CliUsageError(`--format must be csv, tsv, jsonl or parquet, got "${format}"`);
    options.format = format as TableFormat;
  }
  if (args.flags.delimiter !== undefined) options.delimiter = stringFlag(args, 'delimiter').replace(/^\\t$|^tab$/, '\t');
  if (args.flags['max-field-chars'] !== undefined) options.maxFieldChars = numberFlag(args, 'max-field-chars');
  if (args.flags.locale !== undefined) options.locale = stringFlag(args, 'locale');
  if (args.flags.small === true) options.smallVersion = true;
  if (args.flags.large === true) options.largeVersion = true;
  if (args.flags.split !== undefined) {
    const split = stringFlag(args, 'split');
    if (split !== 'official' && split !== 'lab') throw new CliUsageError(`--split must be official (the dataset's own train/test column) or lab (the seeded draw, the default), got "${split}"`);
    if (split === 'official') options.officialSplit = true;
  }
  return options;
}

export async function importRequestFromArgs(args: ParsedArgs): Promise<ImportRequest> {
  const { files, explicit } = await fileChoices(args);
  return {
    preset: stringFlag(args, 'preset'),
    files,
    filesNamedExplicitly: explicit,
    options: presetOptions(args),
    split: {
      seed: numberFlag(args, 'seed', 1),
      fractions: args.flags.fractions !== undefined ? parseFractions(stringFlag(args, 'fractions')) : undefined,
      poolFraction: numberFlag(args, 'pool', 0.2),
      ood: oodRuleFromArgs(args),
    },
    skipBadRows: args.flags['skip-bad-rows'] === true,
    maxListedBadRows: numberFlag(args, 'max-listed', 100),
    name: typeof args.flags.name === 'string' ? args.flags.name : undefined,
  };
}

async function writeJsonl(path: string, examples: readonly Example[]): Promise<void> {
  const handle = await open(path, 'w');
  try {
    for (let start = 0; start < examples.length; start += 2000) await handle.write(examplesToJsonl(examples.slice(start, start + 2000)));
  } finally {
    await handle.close();
  }
}

/** Writes the dataset to `out` whole or not at all; only the lab's own folder is replaced, and only with `replace`. */
export async function writeImportedDataset(dataset: ImportedDataset, out: string, replace: boolean): Promise<void> {
  await writeDatasetFolder(out, replace, async (dir) => {
    for (const split of SPLITS) {
      const examples = split === 'pool' ? withoutGrades(dataset.examples.pool) : dataset.examples[split];
      await writeJsonl(join(dir, SPLIT_FILES[split]), examples);
    }
    await writeFile(join(dir, POOL_LABELS_FILE), labelsToJsonl(dataset.examples.pool));
    await writeFile(join(dir, DATASET_INFO_FILE), `${JSON.stringify(dataset.info, null, 2)}\n`);
  });
}

export function printImportReport(dataset: ImportedDataset, log: (line: string) => void): void {
  const { report, info } = dataset;
  const mapping = report.plan.mapping;
  log(`preset ${info.source.kind === 'imported' ? info.source.preset : ''}, encoding ${report.plan.encoding}`);
  log(`mapping: query=${mapping.query}, title=${mapping.title}, label=${mapping.label}${mapping.text.length ? `, text=${mapping.text.join('|')}` : ''}${mapping.group.length ? `, group=${mapping.group.join('|')}` : ''}`);
  log(`grades: ${describeLabelRule(report.plan.labelRule)}`);
  const split = info.source.kind === 'imported' ? (info.source.options as { split: { oodRule: string } }).split : undefined;
  if (split) log(`OOD rule: ${split.oodRule}`);
  const official = report.split.official;
  if (official) {
    log(`official split (column ${official.column}): ${official.trainQueries} train-side queries (train, val, pool), ${official.testQueries} test-side queries (test_id, test_ood)${official.leftOutQueries ? `; ${official.leftOutQueries} train-side OOD queries (${official.leftOutRows} rows) left out beyond the pool share` : ''}`);
  }
  log(`${report.rowsImported} rows imported${report.repeatedPairs ? `, ${report.repeatedPairs} exact repeats dropped` : ''}${report.split.droppedRows ? `, ${report.split.droppedRows} rows dropped (their query is held out as OOD but they are not)` : ''}`);
  for (const name of SPLITS) {
    const stats = info.splits[name];
    if (stats) log(`  ${name.padEnd(8)} ${String(stats.count).padStart(7)} examples, ${String(stats.queries).padStart(6)} queries, grades 0/1/2 = ${stats.grades.join('/')}`);
  }
  if (report.skippedTotal > 0) {
    log(`${report.skippedTotal} bad rows skipped${report.skippedTotal > report.skipped.length ? ` (first ${report.skipped.length} listed)` : ''}:`);
    for (const row of report.skipped) log(`  ${describeSkipped(row)}`);
  }
}

const command: CliCommand = {
  summary: 'import graded relevance data (WANDS, ESCI, averaged scores, or any CSV/TSV/JSONL) into a folder',
  async run(args) {
    const out = stringFlag(args, 'out');
    const replace = args.flags.force === true;
    await checkOutFolder(out, replace);
    const request = await importRequestFromArgs(args);
    const started = performance.now();
    const dataset = await importDataset(request);
    await writeImportedDataset(dataset, out, replace);
    printImportReport(dataset, (line) => console.log(line));
    console.log(`wrote ${out} in ${((performance.now() - started) / 1000).toFixed(2)} s (seed ${request.split.seed}; ${describeOodRule(request.split.ood)})`);
    return 0;
  },
};

export default command;
