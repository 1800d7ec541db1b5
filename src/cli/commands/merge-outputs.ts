// Reads the outputs of `run` from several folders (disjoint seeds of one experiment) and writes one
// OUT/report.json, OUT/report.md and OUT/predictions/ for all of them. Used by `merge` and `run --jobs`.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeReports } from '../../core/experiment/merge-reports';
import type { ExperimentReport } from '../../core/experiment/report';
import { reportMarkdown } from '../../core/experiment/report-md';
import { CliUsageError } from '../args';
import { exists } from '../../engine/node-host-files';

export async function readReport(dir: string): Promise<ExperimentReport> {
  const path = join(dir, 'report.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read ${path} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text) as ExperimentReport;
  } catch (error) {
    throw new CliUsageError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Merges the reports in `dirs` into `out` (everything is read and merged before anything is written). */
export async function writeMergedOutputs(out: string, dirs: readonly string[], wallSeconds?: number): Promise<ExperimentReport> {
  const reports = await Promise.all(dirs.map(readReport));
  const report = mergeReports(reports, dirs, wallSeconds);
  for (const dir of dirs) {
    if (!(await exists(join(dir, 'predictions')))) throw new CliUsageError(`${dir} has a report.json but no predictions/ folder`);
  }
  await mkdir(out, { recursive: true });
  for (const dir of dirs) await cp(join(dir, 'predictions'), join(out, 'predictions'), { recursive: true });
  await writeFile(join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  await writeFile(join(out, 'report.md'), reportMarkdown(report), 'utf8');
  return report;
}
