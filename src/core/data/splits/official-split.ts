// A dataset's own train/test split (ESCI's `split` column), read per query: every row of a query
// must say the same side. The splitter keeps the two sides apart: train-side queries feed train,
// val and the pool; test-side queries feed test_id and test_ood.
import { importFault, listValues, SplitError } from '../import/errors';
import { columnValue, type SplitRow } from './split-row';

export type OfficialSide = 'train' | 'test';

const optionPlace = { file: 'split options' };

function sideOf(value: string): OfficialSide | null {
  const text = value.trim().toLowerCase();
  return text === 'train' || text === 'test' ? text : null;
}

/** Each query's side, from `column`; refuses a value that is not train/test and a query on both sides. */
export function officialSides(rows: readonly SplitRow[], column: string): Map<string, OfficialSide> {
  const sides = new Map<string, OfficialSide>();
  const unknown = new Set<string>();
  for (const row of rows) {
    const value = columnValue(row, column);
    const side = value === undefined ? null : sideOf(value);
    if (side === null) {
      unknown.add(value ?? '(none)');
      continue;
    }
    const earlier = sides.get(row.queryKey);
    if (earlier !== undefined && earlier !== side) {
      throw importFault(SplitError, optionPlace, `--split official: query ${JSON.stringify(row.query)} has rows in both the ${earlier} and the ${side} split of column ${JSON.stringify(column)}`);
    }
    sides.set(row.queryKey, side);
  }
  if (unknown.size > 0) {
    throw importFault(SplitError, optionPlace, `--split official: column ${JSON.stringify(column)} must hold train or test; found ${listValues([...unknown])}`);
  }
  return sides;
}
