// `npm run darl -- data check FILE|DIR...`: validates lab-layout JSONL files and prints statistics,
// or `data check --preset NAME --files ...`: runs an import without writing and prints what it would hold.
// A bad line prints "file:line:column: problem" and the exit status is 1.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkLabFiles, type LabCheckResult } from '../../core/data/import/lab-check';
import { importDataset } from '../../core/data/import/import-dataset';
import { DATASET_INFO_FILE } from '../../core/data/import/lab-layout';
import { SPLITS } from '../../core/data/schema';
import { CliUsageError, type CliCommand } from '../args';
import { importRequestFromArgs, printImportReport } from './data-import';
import { fileSource } from './file-source';

async function expand(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new CliUsageError(`no such file or folder: ${path}`);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => name.endsWith('.jsonl')).sort();
      if (names.length === 0) throw new CliUsageError(`${path} holds no .jsonl files`);
      files.push(...names.map((name) => join(path, name)));
    } else if (!path.endsWith(DATASET_INFO_FILE)) files.push(path);
  }
  return files;
}

export function printLabCheck(result: LabCheckResult, log: (line: string) => void): void {
  log(`checked ${result.files.length} file(s): every line is a valid example`);
  log(`  split       examples  queries  grades 0/1/2 (unknown)  mean chars query/title/fields`);
  for (const split of SPLITS) {
    const s = result.splits[split];
    if (!s) continue;
    const grades = `${s.grades.join('/')}${s.unknownGrades ? ` (${s.unknownGrades})` : ''}`;
    log(`  ${split.padEnd(9)} ${String(s.count).padStart(9)} ${String(s.queries).padStart(8)}  ${grades.padEnd(22)}  ${s.meanQueryChars.toFixed(1)}/${s.meanTitleChars.toFixed(1)}/${s.meanFieldChars.toFixed(1)}`);
  }
  if (result.poolLabels) log(`  pool labels: ${result.poolLabels}`);
  const shared = Object.entries(result.sharedQueries);
  if (shared.length) log(`note: queries shared between splits: ${shared.map(([pair, n]) => `${pair} ${n}`).join(', ')}`);
}

const command: CliCommand = {
  summary: 'validate lab-layout JSONL files (or an import with --preset) and print statistics',
  async run(args) {
    if (args.flags.preset !== undefined) {
      if (args.flags.files === undefined && args.flags.dir === undefined && args.positional.length) args.flags.files = args.positional.join(',');
      const request = await importRequestFromArgs(args);
      printImportReport(await importDataset(request), (line) => console.log(line));
      return 0;
    }
    if (args.positional.length === 0) throw new CliUsageError('usage: data check FILE|DIR... (lab-layout .jsonl files), or data check --preset NAME --files ...');
    const files = await expand(args.positional);
    printLabCheck(await checkLabFiles(files.map(fileSource)), (line) => console.log(line));
    return 0;
  },
};

export default command;
