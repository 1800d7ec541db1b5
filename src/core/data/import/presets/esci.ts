// Amazon Shopping Queries (ESCI), from its official Parquet files or from CSV: an examples file
// joined with a products file on product_id (and product_locale when both files have it), and
// optionally the query sources file joined on query_id.
//   examples  example_id, query, query_id, product_id, product_locale, esci_label (E/S/C/I), small_version, large_version, split
//   products  product_id, product_title, product_description, product_bullet_point, product_brand, product_color, product_locale
//   sources   query_id, source
// The examples are read first, to learn which products they name; then only those products are
// kept from the products file (1.8 million in the full release), then the examples are read again
// and joined. A Parquet file gives only the columns each pass needs.
import { FaultPolicy } from '../fault-policy';
import { idPrefixes } from '../id-prefixes';
import { gradeReader, optionError, type LabelRule } from '../labels';
import { loadLookup } from '../lookup-table';
import type { ColumnMapping } from '../mapping';
import { readTable } from '../read-table';
import type { TableRow } from '../table';
import { attributeCells, fieldCells, names, referenced } from './join';
import { joinOrReject, presetPlan, type Preset, type PresetPlan } from './preset';
import type { ByteSource } from '../byte-source';
import type { DecodeOptions } from '../decode-text';

export const ESCI_LABELS = { E: 2, S: 1, C: 1, I: 0 } as const;
const LOCALE = 'product_locale';
/** The query sources file's column, kept as a group column for --ood-column. */
export const ESCI_SOURCE = 'source';
/** The examples' official split column (train / test). */
export const ESCI_SPLIT = 'split';
const VERSION_COLUMNS = { small: 'small_version', large: 'large_version' } as const;

const DEFAULT_MAPPING: ColumnMapping = {
  query: 'query',
  queryId: 'query_id',
  title: 'product_title',
  itemId: 'product_id',
  label: 'esci_label',
  id: 'example_id',
  text: ['product_brand', 'product_color', 'product_description', 'product_bullet_point'],
  group: [],
};

function productKey(row: TableRow, idColumn: string): string {
  const id = (row.value(idColumn) ?? '').trim();
  const locale = row.value(LOCALE);
  return locale === undefined ? id : `${id}\u0000${locale.trim()}`;
}

function isYes(value: string | undefined): boolean {
  return value !== undefined && ['1', '1.0', 'true', 'yes'].includes(value.trim().toLowerCase());
}

/**
 * First pass over the examples: the product ids of the rows the filters keep. Every required column
 * is checked here, so a wrong examples file stops the import before the products are read; bad rows
 * are left to the second pass, which lists them.
 */
async function neededProducts(sources: readonly ByteSource[], idColumn: string, required: string[], filterColumns: string[], keep: (row: TableRow) => boolean, decode: DecodeOptions): Promise<Set<string>> {
  const needed = new Set<string>();
  const quiet = new FaultPolicy({ skipBadRows: true, maxListed: 0 });
  for (const source of sources) {
    for await (const row of readTable(source, { format: 'csv', requiredColumns: required, columns: [idColumn, ...filterColumns] }, quiet, decode)) {
      if (keep(row)) needed.add((row.value(idColumn) ?? '').trim());
    }
  }
  return needed;
}

export const esciPreset: Preset = {
  name: 'esci',
  summary: 'Amazon ESCI from its Parquet files or CSV: examples + the products they name, joined on product_id, labels E/S/C/I; optional query sources',
  roles: [
    { role: 'examples', required: true, pattern: /example[^\\/]*$/i, expected: 'the examples file (query, query_id, product_id, esci_label), Parquet or CSV' },
    { role: 'products', required: true, pattern: /product[^\\/]*$/i, expected: 'the products file (product_id, product_title, ...), Parquet or CSV' },
    { role: 'sources', required: false, pattern: /source[^\\/]*$/i, expected: 'the query sources CSV (query_id, source)' },
  ],
  primaryRole: 'examples',

  plan(options): PresetPlan {
    if (options.thresholds) throw optionError('--thresholds', 'the esci preset has category labels (E/S/C/I); use --labels to change their grades');
    if (options.smallVersion && options.largeVersion) throw optionError('--large', 'choose --small or --large, not both');
    const mapping: ColumnMapping = { ...DEFAULT_MAPPING, ...options.mapping };
    const labelRule: LabelRule = { kind: 'categories', map: { ...(options.labels ?? ESCI_LABELS) } };
    const encoding = options.encoding ?? 'utf-8';
    // The preset-specific filters travel in settings; rows() reads them back. New keys appear only when
    // set, so the ids of datasets imported before them stay the same.
    const settings = {
      encoding, locale: options.locale ?? null, smallVersion: options.smallVersion ?? false,
      ...(options.largeVersion ? { largeVersion: true } : {}),
      ...(options.officialSplit ? { split: 'official' } : {}),
    };
    return { ...presetPlan(options, mapping, labelRule, encoding, settings), splitColumn: options.officialSplit ? ESCI_SPLIT : undefined };
  },

  async *rows(files, plan, { policy, decode }) {
    const m = plan.mapping;
    const itemId = m.itemId!;
    const locale = plan.settings.locale as string | null;
    const versionColumn = plan.settings.smallVersion === true ? VERSION_COLUMNS.small : plan.settings.largeVersion === true ? VERSION_COLUMNS.large : null;
    const inLocale = (row: TableRow) => locale === null || row.value(LOCALE) === undefined || row.value(LOCALE)!.trim() === locale;
    const kept = (row: TableRow) => inLocale(row) && (versionColumn === null || isYes(row.value(versionColumn)));
    const filterColumns = [LOCALE, ...(versionColumn ? [versionColumn] : [])];

    const required = [m.query, itemId, m.label, ...(m.queryId ? [m.queryId] : []), ...(versionColumn ? [versionColumn] : []), ...(plan.splitColumn ? [plan.splitColumn] : [])];
    const needed = await neededProducts(files.examples, itemId, required, filterColumns, kept, decode);
    const products = await loadLookup(
      files.products,
      { table: { format: 'csv', requiredColumns: [m.title] }, keyColumns: [itemId], keyOf: (row) => productKey(row, itemId), keep: [m.title, ...m.text, ...m.group, LOCALE], include: (row) => inLocale(row) && needed.has((row.value(itemId) ?? '').trim()) },
      policy,
      decode,
    );
    needed.clear();
    const querySources = files.sources?.length ? files.sources : null;
    if (querySources && !m.queryId) throw optionError('--map', 'the query sources file joins on query_id: map query_id');
    const sources = querySources ? await loadLookup(querySources, { table: { format: 'csv', requiredColumns: [ESCI_SOURCE] }, keyColumns: [m.queryId!], keep: [ESCI_SOURCE] }, policy, decode) : null;

    const group = [...new Set([...m.group, ...(sources ? [ESCI_SOURCE] : []), ...(plan.splitColumn ? [plan.splitColumn] : [])])];
    const joinMapping: ColumnMapping = { ...m, group };
    const productFiles = names(files.products);
    const sourceFiles = querySources ? names(querySources) : '';
    const columns = [...required, ...(m.id ? [m.id] : []), LOCALE, ...m.text, ...group];
    const prefixes = idPrefixes(files.examples.map((source) => source.name));
    for (const [index, source] of files.examples.entries()) {
      const rules = { grade: gradeReader(plan.labelRule), maxFieldChars: plan.maxFieldChars, idPrefix: prefixes[index] };
      for await (const example of readTable(source, { format: 'csv', requiredColumns: required, columns }, policy, decode)) {
        if (!kept(example)) continue;
        const row = joinOrReject(
          () => {
            const itemCell = { row: example, column: itemId };
            const product = products.get(productKey(example, itemId)) ?? referenced(products, (example.value(itemId) ?? '').trim(), itemCell, productFiles);
            const joined = [example, product];
            if (sources) joined.push(referenced(sources, (example.value(m.queryId!) ?? '').trim(), { row: example, column: m.queryId! }, sourceFiles));
            return {
              anchor: example,
              id: m.id && example.value(m.id) !== undefined ? { row: example, column: m.id } : undefined,
              query: { row: example, column: m.query },
              queryId: m.queryId ? { row: example, column: m.queryId } : undefined,
              title: { row: product, column: m.title },
              itemId: itemCell,
              label: { row: example, column: m.label },
              fields: fieldCells([product], m.text),
              attributes: attributeCells(joined, joinMapping),
            };
          },
          rules,
          policy,
        );
        if (row) yield row;
      }
    }
  },
};
