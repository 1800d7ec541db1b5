// Amazon Shopping Queries (ESCI), as CSV: an examples file joined with a products file on
// product_id (and product_locale when both files have it).
//   examples  example_id, query, query_id, product_id, product_locale, esci_label (E/S/C/I), small_version, ...
//   products  product_id, product_title, product_description, product_bullet_point, product_brand, product_color, product_locale
import { ImportError } from '../errors';
import { describeLabelRule, gradeReader, labelNamesOf, optionError, type LabelRule } from '../labels';
import { loadLookup } from '../lookup-table';
import type { ColumnMapping } from '../mapping';
import { readTable } from '../read-table';
import { DEFAULT_MAX_FIELD_CHARS } from '../row-builder';
import type { TableRow } from '../table';
import { idPrefixes } from '../id-prefixes';
import { attributeCells, fieldCells, names, referenced } from './join';
import { buildOrReject, type Preset, type PresetPlan } from './preset';

export const ESCI_LABELS = { E: 2, S: 1, C: 1, I: 0 } as const;
const LOCALE = 'product_locale';

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

export const esciPreset: Preset = {
  name: 'esci',
  summary: 'Amazon ESCI as CSV: examples + products joined on product_id, labels E/S/C/I',
  roles: [
    { role: 'examples', required: true, pattern: /example[^\\/]*$/i, expected: 'the examples CSV (query, query_id, product_id, esci_label)' },
    { role: 'products', required: true, pattern: /product[^\\/]*$/i, expected: 'the products CSV (product_id, product_title, ...)' },
  ],
  primaryRole: 'examples',

  plan(options): PresetPlan {
    if (options.thresholds) throw optionError('--thresholds', 'the esci preset has category labels (E/S/C/I); use --labels to change their grades');
    const mapping: ColumnMapping = { ...DEFAULT_MAPPING, ...options.mapping };
    const labelRule: LabelRule = { kind: 'categories', map: { ...(options.labels ?? ESCI_LABELS) } };
    const encoding = options.encoding ?? 'utf-8';
    return {
      mapping,
      labelRule,
      labelNames: labelNamesOf(labelRule),
      encoding,
      maxFieldChars: options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS,
      settings: { mapping, labels: labelRule, labelRule: describeLabelRule(labelRule), encoding, locale: options.locale ?? null, smallVersion: options.smallVersion ?? false },
      // The preset-specific filters travel in settings; rows() reads them back.
    };
  },

  async *rows(files, plan, { policy, decode }) {
    const m = plan.mapping;
    const locale = plan.settings.locale as string | null;
    const small = plan.settings.smallVersion as boolean;
    const inLocale = (row: TableRow) => locale === null || row.value(LOCALE) === undefined || row.value(LOCALE)!.trim() === locale;
    const csv = { format: 'csv' as const };
    const products = await loadLookup(
      files.products,
      { table: { ...csv, requiredColumns: [m.title] }, keyColumns: [m.itemId!], keyOf: (row) => productKey(row, m.itemId!), keep: [m.title, ...m.text, ...m.group, LOCALE], include: inLocale },
      policy,
      decode,
    );
    const productFiles = names(files.products);
    const required = [m.query, m.itemId!, m.label, ...(m.queryId ? [m.queryId] : [])];
    const prefixes = idPrefixes(files.examples.map((source) => source.name));
    for (const [index, source] of files.examples.entries()) {
      const rules = { grade: gradeReader(plan.labelRule), maxFieldChars: plan.maxFieldChars, idPrefix: prefixes[index] };
      for await (const example of readTable(source, { ...csv, requiredColumns: required }, policy, decode)) {
        if (!inLocale(example) || (small && !isYes(example.value('small_version')))) continue;
        let parts;
        try {
          const itemCell = { row: example, column: m.itemId! };
          const withLocale = productKey(example, m.itemId!);
          const product = products.get(withLocale) ?? referenced(products, (example.value(m.itemId!) ?? '').trim(), itemCell, productFiles);
          parts = {
            anchor: example,
            id: m.id && example.value(m.id) !== undefined ? { row: example, column: m.id } : undefined,
            query: { row: example, column: m.query },
            queryId: m.queryId ? { row: example, column: m.queryId } : undefined,
            title: { row: product, column: m.title },
            itemId: itemCell,
            label: { row: example, column: m.label },
            fields: fieldCells([product], m.text),
            attributes: attributeCells([example, product], m),
          };
        } catch (error) {
          if (!(error instanceof ImportError) || error.name === 'MissingColumnError') throw error;
          policy.reject(error);
          continue;
        }
        const row = buildOrReject(parts, rules, policy);
        if (row) yield row;
      }
    }
  },
};
