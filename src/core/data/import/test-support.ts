// Helpers shared by the import tests: in-memory files and a one-call import.
import { memorySource } from './byte-source';
import { importDataset, type ImportedDataset, type ImportRequest } from './import-dataset';
import type { PresetOptions } from './presets/preset';

export type Files = Record<string, string | Uint8Array>;

export function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** Imports in-memory files; small chunks so every record crosses chunk boundaries. */
export function importFiles(preset: string, files: Files, options: PresetOptions = {}, extra: Partial<ImportRequest> = {}): Promise<ImportedDataset> {
  return importDataset({
    preset,
    files: Object.entries(files).map(([name, content]) => ({ source: memorySource(name, content, 7) })),
    options,
    split: { seed: 1, poolFraction: 0, ood: { kind: 'none' }, fractions: { train: 1, val: 0, test_id: 0 } },
    now: () => new Date('2025-01-01T00:00:00Z'),
    ...extra,
  });
}

export const QTL = { mapping: { query: 'q', title: 't', label: 'g' } };
