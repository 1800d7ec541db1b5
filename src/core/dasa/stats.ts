// Marks the chosen samples in the records and summarises a selection.
import type { SampleRecord, SelectionStats } from './types';

export function markSelected(records: SampleRecord[], chosen: readonly number[]): string[] {
  chosen.forEach((index, position) => {
    records[index].selected = true;
    records[index].selectionOrder = position;
  });
  return chosen.map((index) => records[index].id);
}

function oodFraction(records: readonly SampleRecord[], tags: ReadonlyMap<string, readonly string[]>): number {
  if (records.length === 0) return 0;
  return records.filter((record) => (tags.get(record.id)?.length ?? 0) > 0).length / records.length;
}

export function selectionStats(
  records: readonly SampleRecord[],
  budget: number,
  tags: ReadonlyMap<string, readonly string[]> | undefined,
): SelectionStats {
  const candidates = records.filter((record) => record.aboveThreshold);
  const selected = records.filter((record) => record.selected);
  return {
    pool: records.length,
    candidates: candidates.length,
    budget,
    selected: selected.length,
    shortfall: budget - selected.length,
    skippedNearDuplicates: records.filter((record) => record.nearDuplicateOf !== null).length,
    oodTagged: tags ? { pool: oodFraction(records, tags), candidates: oodFraction(candidates, tags), selected: oodFraction(selected, tags) } : null,
  };
}
