// Checks across rows: ids must be unique, and a (query, item) pair must not carry two grades. An
// exact repeat of a pair with the same grade is dropped and counted.
import { ConflictingGradeError, DuplicateIdError, formatPlace, importFault } from './errors';
import type { FaultPolicy } from './fault-policy';
import type { ImportedRow } from './imported-row';

export class RowCollector {
  readonly rows: ImportedRow[] = [];
  repeatedPairs = 0;
  private readonly ids = new Map<string, { file: string; line: number }>();
  private readonly pairs = new Map<string, number>(); // pair key -> index in rows

  constructor(private readonly policy: FaultPolicy) {}

  add(row: ImportedRow): void {
    const here = { file: row.file, line: row.line };
    const seen = this.ids.get(row.id);
    if (seen) {
      this.policy.reject(importFault(DuplicateIdError, here, `duplicate id ${JSON.stringify(row.id)}: already used at ${formatPlace(seen)}`, { firstAt: seen }));
      return;
    }
    const pairKey = `${row.queryKey}\u0000${row.itemKey}`;
    const earlier = this.pairs.get(pairKey);
    if (earlier !== undefined) {
      const first = this.rows[earlier];
      if (first.grade === row.grade) {
        this.repeatedPairs++;
        return;
      }
      this.policy.reject(importFault(
        ConflictingGradeError,
        here,
        `the pair (query ${JSON.stringify(row.query)}, item ${JSON.stringify(row.item.title)}) has grade ${row.grade} here but grade ${first.grade} at ${formatPlace(first)}`,
        { firstAt: { file: first.file, line: first.line } },
      ));
      return;
    }
    this.ids.set(row.id, here);
    this.pairs.set(pairKey, this.rows.length);
    this.rows.push(row);
  }
}
