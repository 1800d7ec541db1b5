// Page values read against the settings table: a value or its default, and whether it changed.
import type { SettingRow } from './settings-table';
import type { SettingValue, SettingValues } from './settings-spec';

export function settingReader(values: SettingValues, rows: readonly SettingRow[]) {
  const row = (key: string) => {
    const found = rows.find((candidate) => candidate.key === key);
    if (!found) throw new Error(`No setting "${key}".`);
    return found;
  };
  const value = (key: string): SettingValue => values[key] ?? row(key).default;
  const changed = (key: string) => value(key) !== row(key).default;
  return { row, value, changed };
}

export type SettingReader = ReturnType<typeof settingReader>;

/** Sets `value` at `path` in `target`, making the objects on the way. */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]!] = value;
}
