// The data method group: the built-in generator and the importers run here, in the engine worker, and
// datasets go to the lab's IndexedDB store. The page only asks for pages of examples and summaries.
import { recordedConfig, resolveConfig } from '../core/data/generator/config';
import { generateDataset } from '../core/data/generator/generate';
import { blobSource, readableStreamChunks, type ByteSource } from '../core/data/import/byte-source';
import { blobRandomAccess, countedRandomAccess } from '../core/data/import/random-access';
import { ImportError } from '../core/data/import/errors';
import { FaultPolicy } from '../core/data/import/fault-policy';
import { importDataset, type ImportRequest } from '../core/data/import/import-dataset';
import { describeLabelRule, parseLabelMap, parseScoreRange, parseThresholds } from '../core/data/import/labels';
import type { PresetOptions } from '../core/data/import/presets/preset';
import { readTable } from '../core/data/import/read-table';
import { formatFromName } from '../core/data/import/table';
import type { DatasetInfo, Example, Split } from '../core/data/schema';
import { describeOodRule } from '../core/data/splits/ood-rule';
import { hashString } from '../core/random';
import type { LabStore } from '../storage';
import { ANY_TAG, NO_TAG, type BrowsePage, type BrowseQuery, type DataEngine, type DataImportOptions, type DatasetSummary, type FilePreview } from './data-types';
import type { JobControl } from '../core/job/job-control';
import type { EngineContext } from './lab-engine';
import { stageReporter, type JobProgress } from '../core/job/progress';
import { integerInRange } from './validate';
import { InvalidOptionError } from './errors';

const CACHED_SPLITS = 2;

async function summaries(store: LabStore): Promise<DatasetSummary[]> {
  const [infos, usage] = await Promise.all([store.listDatasets(), store.usage()]);
  const sizes = new Map(usage.perItem.filter((item) => item.kind === 'dataset').map((item) => [item.id, item.byteSize]));
  return infos.map((info) => ({ info, byteSize: sizes.get(info.id) ?? 0 }));
}

async function saveWithProgress(store: LabStore, info: DatasetInfo, examples: Record<Split, Example[]>, control: JobControl, report: (progress: JobProgress) => void): Promise<DatasetSummary> {
  let stored: ReturnType<typeof stageReporter> | null = null;
  await store.saveDataset(info, examples, {
    onProgress: async ({ chunksWritten, chunkCount, bytesWritten }) => {
      stored ??= stageReporter(control, report, 'store');
      stored(chunksWritten, chunkCount, { bytes: bytesWritten });
      await control.betweenSteps(); // a cancel here throws, and the store discards the partial write
    },
  });
  const summary = (await summaries(store)).find((entry) => entry.info.id === info.id);
  return summary ?? { info, byteSize: 0 };
}

function matches(example: Example, query: BrowseQuery, text: string): boolean {
  if (query.grade !== undefined) {
    if (query.grade === 'unknown' ? example.grade !== null : example.grade !== query.grade) return false;
  }
  if (query.tag !== undefined && query.tag !== ANY_TAG) {
    if (query.tag === NO_TAG ? example.tags.length > 0 : !example.tags.includes(query.tag)) return false;
  }
  if (text !== '' && !example.query.toLowerCase().includes(text) && !example.item.title.toLowerCase().includes(text)) return false;
  return true;
}

/**
 * The files as byte sources that count bytes for the progress bar and honour pause and cancel, as
 * streams and (for Parquet) read at offsets.
 */
function controlledSources(files: File[], control: JobControl, onBytes: (bytes: number) => void): ByteSource[] {
  let bytes = 0;
  const counted = async (length: number) => {
    bytes += length;
    onBytes(bytes);
    await control.betweenSteps();
  };
  return files.map((file) => ({
    name: file.name,
    async *open() {
      for await (const chunk of readableStreamChunks(file.stream() as ReadableStream<Uint8Array>)) {
        await counted(chunk.length);
        yield chunk;
      }
    },
    random: async () => countedRandomAccess(blobRandomAccess(file), counted),
  }));
}

function presetOptions(options: DataImportOptions): PresetOptions {
  const preset: PresetOptions = {};
  if (options.mapping) preset.mapping = Object.fromEntries(Object.entries(options.mapping).filter(([, value]) => value !== undefined && value !== ''));
  if (options.labels?.trim()) preset.labels = parseLabelMap(options.labels, 'labels');
  if (options.thresholds?.trim()) preset.thresholds = parseThresholds(options.thresholds);
  if (options.scoreRange?.trim()) preset.scoreRange = parseScoreRange(options.scoreRange);
  if (options.encoding) preset.encoding = options.encoding;
  if (options.format) preset.format = options.format;
  if (options.delimiter) preset.delimiter = options.delimiter;
  if (options.locale) preset.locale = options.locale;
  if (options.smallVersion) preset.smallVersion = true;
  if (options.largeVersion) preset.largeVersion = true;
  if (options.officialSplit) preset.officialSplit = true;
  return preset;
}

async function previewFile(file: File, options: { format?: FilePreview['format']; delimiter?: string; encoding?: 'utf-8' | 'latin1'; rows: number }): Promise<FilePreview> {
  const format = options.format ?? formatFromName(file.name);
  const preview: FilePreview = { file: file.name, format, columns: [], rows: [] };
  const seen: { line: number; value: (column: string) => string | undefined }[] = [];
  const columns = new Set<string>();
  try {
    const policy = new FaultPolicy({ skipBadRows: true, maxListed: 0 });
    for await (const row of readTable(blobSource(file), { format, delimiter: options.delimiter }, policy, { encoding: options.encoding })) {
      row.columns.forEach((column) => columns.add(column));
      seen.push({ line: row.line, value: (column) => row.value(column) });
      if (seen.length >= options.rows) break;
    }
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    preview.problem = { name: error.name, message: error.message, details: { ...error.details } };
  }
  preview.columns = [...columns];
  preview.rows = seen.map((row) => ({ line: row.line, cells: preview.columns.map((column) => row.value(column) ?? '') }));
  return preview;
}

export function createDataMethods(context: EngineContext): DataEngine {
  const cache = new Map<string, Example[]>();
  const forget = (id: string) => {
    for (const key of [...cache.keys()]) if (key.startsWith(`${id}\u0000`)) cache.delete(key);
  };
  const examplesOf = async (id: string, split: Split): Promise<Example[]> => {
    const key = `${id}\u0000${split}`;
    let examples = cache.get(key);
    if (!examples) {
      examples = await (await context.store()).loadExamples(id, split);
      cache.set(key, examples);
      while (cache.size > CACHED_SPLITS) cache.delete(cache.keys().next().value!);
    }
    return examples;
  };

  return {
    async generateDataset(input, onProgress) {
      const report = context.reporter(onProgress);
      return context.slot.run('generate dataset', async (control) => {
        const config = resolveConfig(input ?? {});
        const store = await context.store();
        const generating = stageReporter(control, report, 'generate');
        generating(0, 1);
        await control.betweenSteps();
        const dataset = generateDataset(config);
        const total = Object.values(dataset.info.splits).reduce((sum, stats) => sum + (stats?.count ?? 0), 0);
        generating(1, 1, { examples: total });
        await control.betweenSteps();
        // The id hashes the config as recorded: rules-mode ids stay those of data made before modes existed.
        const info: DatasetInfo = {
          ...dataset.info,
          id: `generated-${hashString(JSON.stringify(recordedConfig(config))).toString(16)}`,
          name: `Insurance search, seed ${config.seed}${config.mode === 'rules' ? '' : `, ${config.mode}`}, ${total.toLocaleString('en')} examples`,
          createdAt: new Date().toISOString(),
        };
        forget(info.id);
        return saveWithProgress(store, info, dataset.examples, control, report);
      });
    },

    async listDatasets() {
      return summaries(await context.store());
    },

    async deleteDataset(id) {
      forget(id);
      await (await context.store()).deleteDataset(id);
    },

    async browseExamples(id, query) {
      const offset = integerInRange('offset', query?.offset, 0, Number.MAX_SAFE_INTEGER);
      const limit = integerInRange('limit', query?.limit, 1, 200);
      const examples = await examplesOf(id, query.split);
      const text = (query.text ?? '').trim().toLowerCase();
      const filtered = examples.filter((example) => matches(example, query, text));
      const tags = [...new Set(examples.flatMap((example) => example.tags))].sort();
      const page: BrowsePage = { splitTotal: examples.length, total: filtered.length, offset, examples: filtered.slice(offset, offset + limit), tags };
      return page;
    },

    async previewImport(files, options = {}) {
      if (!Array.isArray(files) || files.length === 0) throw new InvalidOptionError('Choose at least one file to preview.', { option: 'files' });
      const rows = integerInRange('rows', options.rows ?? 8, 1, 50);
      const previews: FilePreview[] = [];
      for (const file of files) previews.push(await previewFile(file, { ...options, rows }));
      return previews;
    },

    async importDataset(files, options, onProgress) {
      if (!Array.isArray(files) || files.length === 0) throw new InvalidOptionError('Choose at least one file to import.', { option: 'files' });
      const report = context.reporter(onProgress);
      return context.slot.run('import dataset', async (control) => {
        const store = await context.store();
        const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
        const reading = stageReporter(control, report, 'read');
        reading(0, Math.max(1, totalBytes));
        const sources = controlledSources(files, control, (bytes) => reading(Math.min(bytes, totalBytes), Math.max(1, totalBytes)));
        const ood = options.split?.ood ?? { kind: 'none' as const };
        const request: ImportRequest = {
          preset: options.preset,
          files: sources.map((source, index) => ({ source, role: options.roles?.[index] || undefined })),
          filesNamedExplicitly: true,
          options: presetOptions(options),
          split: { seed: options.split?.seed ?? 1, poolFraction: options.split?.poolFraction, fractions: options.split?.fractions, ood },
          skipBadRows: options.skipBadRows ?? false,
          maxListedBadRows: 200,
          name: options.name?.trim() || undefined,
        };
        const imported = await importDataset(request);
        forget(imported.info.id);
        const dataset = await saveWithProgress(store, imported.info, imported.examples, control, report);
        const { report: result } = imported;
        return {
          dataset,
          rowsImported: result.rowsImported,
          repeatedPairs: result.repeatedPairs,
          droppedRows: result.split.droppedRows,
          skipped: result.skipped,
          skippedTotal: result.skippedTotal,
          labelRule: describeLabelRule(result.plan.labelRule),
          oodRule: describeOodRule(ood),
        };
      });
    },
  };
}
