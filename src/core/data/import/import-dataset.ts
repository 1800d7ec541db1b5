// The whole import: files -> preset rows (validated, streamed) -> cross-row checks -> splits ->
// a dataset in the lab's layout. Runs the same in the app (File/Blob sources) and the CLI (Node streams).
import { hashString } from '../../random';
import { splitStats, type DatasetInfo, type Example, type Split } from '../schema';
import { describeOodRule } from '../splits/ood-rule';
import { splitDataset, type SplitOptions, type SplitReport } from '../splits/split-dataset';
import { importFault, NoRowsLeftError } from './errors';
import { optionError } from './labels';
import { describeSkipped, FaultPolicy, type SkippedRow } from './fault-policy';
import { assignRoles, presetByName, type FileChoice } from './presets';
import type { PresetOptions, PresetPlan } from './presets/preset';
import { RowCollector } from './row-collector';

export interface ImportRequest {
  preset: string;
  files: FileChoice[];
  /** True when the files were named one by one (unmatched names go to the preset's main role). */
  filesNamedExplicitly?: boolean;
  options?: PresetOptions;
  split: SplitOptions;
  skipBadRows?: boolean;
  /** How many skipped rows are listed (default 100); the rest are counted. */
  maxListedBadRows?: number;
  name?: string;
  /** Clock for createdAt (tests pin it). */
  now?: () => Date;
  onProgress?: (progress: { file: string; bytes: number; rows: number }) => void;
}

export interface ImportReport {
  plan: PresetPlan;
  rowsImported: number;
  /** Exact repeats of a (query, item, grade) row, dropped. */
  repeatedPairs: number;
  skipped: SkippedRow[];
  skippedTotal: number;
  split: SplitReport;
}

export interface ImportedDataset {
  info: DatasetInfo;
  /** Pool examples keep their gold grades here; writers hide them (pool.jsonl vs pool_labels.jsonl). */
  examples: Record<Split, Example[]>;
  report: ImportReport;
}

export async function importDataset(request: ImportRequest): Promise<ImportedDataset> {
  const preset = presetByName(request.preset);
  const plan = preset.plan(request.options ?? {});
  if (request.options?.officialSplit && plan.splitColumn === undefined) throw optionError('--split', `the ${preset.name} preset has no official split (esci has: its split column)`);
  const files = assignRoles(preset, request.files, request.filesNamedExplicitly ?? true);
  const policy = new FaultPolicy({ skipBadRows: request.skipBadRows, maxListed: request.maxListedBadRows });
  const collector = new RowCollector(policy);
  let currentFile = '';
  const decode = {
    encoding: plan.encoding,
    onBytes: (bytes: number) => request.onProgress?.({ file: currentFile, bytes, rows: collector.rows.length }),
  };
  for await (const row of preset.rows(files, plan, { policy, decode })) {
    currentFile = row.file;
    collector.add(row);
  }
  if (collector.rows.length === 0) {
    const first = policy.skipped.slice(0, 5).map(describeSkipped).join('\n  ');
    throw importFault(NoRowsLeftError, { file: request.files.map((f) => f.source.name).join(', ') }, `no rows left to import: all ${policy.skippedTotal} rows were bad${first ? `; first problems:\n  ${first}` : ''}`);
  }
  const splitOptions = plan.splitColumn === undefined ? request.split : { ...request.split, officialColumn: plan.splitColumn };
  const split = splitDataset(collector.rows, splitOptions);
  const fileNames = request.files.map((f) => f.source.name);
  const options = {
    ...plan.settings,
    skipBadRows: policy.skipBadRows,
    skippedRows: policy.skippedTotal,
    repeatedPairs: collector.repeatedPairs,
    split: { ...splitOptions, oodRule: describeOodRule(request.split.ood) },
    splitReport: split.report,
  };
  const splits: DatasetInfo['splits'] = {};
  for (const [name, examples] of Object.entries(split.examples) as [Split, Example[]][]) splits[name] = splitStats(examples);
  const info: DatasetInfo = {
    id: `import-${preset.name}-${hashString(JSON.stringify({ fileNames, options: plan.settings, split: request.split })).toString(16)}`,
    name: request.name ?? `${preset.name}: ${fileNames.map((n) => n.split(/[\\/]/).pop()).join(', ')}`,
    source: { kind: 'imported', files: fileNames, preset: preset.name, options },
    labelNames: plan.labelNames,
    splits,
    createdAt: (request.now ?? (() => new Date()))().toISOString(),
  };
  return {
    info,
    examples: split.examples,
    report: { plan, rowsImported: collector.rows.length, repeatedPairs: collector.repeatedPairs, skipped: policy.skipped, skippedTotal: policy.skippedTotal, split: split.report },
  };
}
