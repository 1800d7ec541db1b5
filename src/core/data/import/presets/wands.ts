// Wayfair ANnotation DataSet (WANDS): three tab-separated files joined on query_id and product_id.
//   query.csv   query_id, query, query_class
//   product.csv product_id, product_name, product_class, category hierarchy, product_description, ...
//   label.csv   id, query_id, product_id, label (Exact / Partial / Irrelevant)
import { describeLabelRule, gradeReader, labelNamesOf, optionError, type LabelRule } from '../labels';
import { loadLookup } from '../lookup-table';
import { readTable } from '../read-table';
import { DEFAULT_MAX_FIELD_CHARS } from '../row-builder';
import type { ColumnMapping } from '../mapping';
import { idPrefixes } from '../id-prefixes';
import { attributeCells, fieldCells, names, referenced } from './join';
import { joinOrReject, type Preset, type PresetPlan } from './preset';

export const WANDS_LABELS = { Exact: 2, Partial: 1, Irrelevant: 0 } as const;
const HINT = 'WANDS files are tab-separated with a header row.';

const DEFAULT_MAPPING: ColumnMapping = {
  query: 'query',
  queryId: 'query_id',
  title: 'product_name',
  itemId: 'product_id',
  label: 'label',
  id: 'id',
  text: ['product_class', 'category hierarchy', 'product_description'],
  group: ['query_class', 'product_class', 'category hierarchy'],
};

export const wandsPreset: Preset = {
  name: 'wands',
  summary: 'Wayfair WANDS: query.csv, product.csv, label.csv (tab-separated), labels Exact/Partial/Irrelevant',
  roles: [
    { role: 'queries', required: true, pattern: /(^|[\\/])query[^\\/]*$/i, expected: 'query.csv (query_id, query, query_class)' },
    { role: 'products', required: true, pattern: /(^|[\\/])product[^\\/]*$/i, expected: 'product.csv (product_id, product_name, ...)' },
    { role: 'labels', required: true, pattern: /(^|[\\/])label[^\\/]*$/i, expected: 'label.csv (id, query_id, product_id, label)' },
  ],
  primaryRole: 'labels',

  plan(options): PresetPlan {
    if (options.thresholds) throw optionError('--thresholds', 'the wands preset has category labels (Exact/Partial/Irrelevant); use --labels to change their grades');
    const mapping: ColumnMapping = { ...DEFAULT_MAPPING, ...options.mapping };
    const labelRule: LabelRule = { kind: 'categories', map: { ...(options.labels ?? WANDS_LABELS) } };
    return {
      mapping,
      labelRule,
      labelNames: labelNamesOf(labelRule),
      encoding: options.encoding ?? 'utf-8',
      maxFieldChars: options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS,
      settings: { mapping, groupRequired: options.mapping?.group !== undefined, labels: labelRule, labelRule: describeLabelRule(labelRule), encoding: options.encoding ?? 'utf-8' },
    };
  },

  async *rows(files, plan, { policy, decode }) {
    const m = plan.mapping;
    if (!m.queryId || !m.itemId) throw optionError('--map', 'the wands preset joins on query_id and item_id: both must be mapped');
    const tsv = { format: 'tsv' as const, missingColumnHint: HINT };
    const queries = await loadLookup(files.queries, { table: { ...tsv, requiredColumns: [m.query] }, keyColumns: [m.queryId], keep: [m.query, ...m.group] }, policy, decode);
    const products = await loadLookup(files.products, { table: { ...tsv, requiredColumns: [m.title] }, keyColumns: [m.itemId], keep: [m.title, ...m.text, ...m.group] }, policy, decode);
    const queryFiles = names(files.queries);
    const productFiles = names(files.products);
    const { queryId, itemId } = m;
    const required = [queryId, itemId, m.label];
    const prefixes = idPrefixes(files.labels.map((source) => source.name));
    for (const [index, source] of files.labels.entries()) {
      const rules = { grade: gradeReader(plan.labelRule), maxFieldChars: plan.maxFieldChars, idPrefix: prefixes[index] };
      for await (const labelRow of readTable(source, { ...tsv, requiredColumns: required }, policy, decode)) {
        const row = joinOrReject(
          () => {
            const query = referenced(queries, (labelRow.value(queryId) ?? '').trim(), { row: labelRow, column: queryId }, queryFiles);
            const product = referenced(products, (labelRow.value(itemId) ?? '').trim(), { row: labelRow, column: itemId }, productFiles);
            const joined = [labelRow, query, product];
            return {
              anchor: labelRow,
              id: m.id && labelRow.value(m.id) !== undefined ? { row: labelRow, column: m.id } : undefined,
              query: { row: query, column: m.query },
              queryId: { row: labelRow, column: queryId },
              title: { row: product, column: m.title },
              itemId: { row: labelRow, column: itemId },
              label: { row: labelRow, column: m.label },
              fields: fieldCells([product], m.text),
              attributes: attributeCells(joined, m, plan.settings.groupRequired === true),
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
