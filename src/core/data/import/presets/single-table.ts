// Rows of a preset whose examples live in one table per file (scores, generic), optionally joined
// with a lookup table that adds item text by item id.
import type { ByteSource } from '../byte-source';
import type { ImportedRow } from '../imported-row';
import { gradeReader } from '../labels';
import { readTable } from '../read-table';
import type { TableOptions, TableRow } from '../table';
import { ImportError } from '../errors';
import { idPrefixes } from '../id-prefixes';
import { attributeCells, fieldCells } from './join';
import { buildOrReject, type PresetContext, type PresetPlan } from './preset';

export interface ExtraText {
  table: ReadonlyMap<string, TableRow>;
  columns: readonly string[];
}

/** A cell for an optional column, when this row has it. */
function present(row: TableRow, column: string | undefined): { row: TableRow; column: string } | undefined {
  return column !== undefined && row.value(column) !== undefined ? { row, column } : undefined;
}

export async function* singleTableRows(
  sources: readonly ByteSource[],
  tableOptions: (source: ByteSource) => TableOptions,
  plan: PresetPlan,
  { policy, decode }: PresetContext,
  extra?: ExtraText,
): AsyncGenerator<ImportedRow> {
  const m = plan.mapping;
  const prefixes = idPrefixes(sources.map((source) => source.name));
  for (const [index, source] of sources.entries()) {
    const rules = { grade: gradeReader(plan.labelRule), maxFieldChars: plan.maxFieldChars, idPrefix: prefixes[index] };
    for await (const row of readTable(source, tableOptions(source), policy, decode)) {
      let parts;
      try {
        const joined = extra && m.itemId ? extra.table.get((row.value(m.itemId) ?? '').trim()) : undefined;
        parts = {
          anchor: row,
          id: present(row, m.id),
          query: { row, column: m.query },
          queryId: present(row, m.queryId),
          title: { row, column: m.title },
          itemId: present(row, m.itemId),
          label: { row, column: m.label },
          fields: [...fieldCells([row], m.text), ...(joined && extra ? fieldCells([joined], extra.columns) : [])],
          attributes: attributeCells(joined ? [row, joined] : [row], m),
        };
      } catch (error) {
        if (!(error instanceof ImportError) || error.name === 'MissingColumnError') throw error;
        policy.reject(error);
        continue;
      }
      const built = buildOrReject(parts, rules, policy);
      if (built) yield built;
    }
  }
}
