// A Parquet value as the text the importers read: the same rules as JSONL (null is empty, numbers
// and booleans as written), plus the types Parquet adds (64-bit integers, dates, raw bytes).
const utf8 = new TextDecoder('utf-8', { fatal: false });

export function parquetText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return utf8.decode(value);
  return JSON.stringify(value, (_key, held: unknown) => (typeof held === 'bigint' ? held.toString() : held));
}
