// Caps on a dataset the store takes, so saving an import is bounded work and a runaway one fails
// with a message instead of filling the disk (docs/STORAGE.md, "Limits").
import { StorageLimitError } from './errors';

export interface DatasetLimits {
  /** Examples over all splits (Amazon ESCI's 2.6 million judgments fit). */
  examples: number;
  /** One example as JSON (fields are capped at 20,000 characters by the importers). */
  exampleBytes: number;
  /** All examples as JSON. */
  totalBytes: number;
}

export const DATASET_LIMITS: Readonly<DatasetLimits> = Object.freeze({ examples: 5_000_000, exampleBytes: 1024 ** 2, totalBytes: 2 * 1024 ** 3 });

const refuse = (message: string, details: Record<string, unknown>): never => {
  throw new StorageLimitError(`${message}. Nothing was stored.`, details);
};

export function requireExampleCount(count: number, where: string, limits: DatasetLimits): void {
  if (count > limits.examples) refuse(`${where}: ${count} examples; the lab stores at most ${limits.examples} in one dataset`, { count, limit: limits.examples });
}

export function requireExampleBytes(bytes: number, example: { split: string; position: number; id: unknown }, where: string, limits: DatasetLimits): void {
  if (bytes <= limits.exampleBytes) return;
  refuse(
    `${where}: example ${example.position} of the ${example.split} split (id ${JSON.stringify(String(example.id))}) is ${bytes} bytes as JSON; the lab stores examples of at most ${limits.exampleBytes} bytes`,
    { ...example, bytes, limit: limits.exampleBytes },
  );
}

export function requireDatasetBytes(bytes: number, where: string, limits: DatasetLimits): void {
  if (bytes > limits.totalBytes) refuse(`${where}: ${bytes} bytes of examples as JSON; the lab stores at most ${limits.totalBytes} bytes in one dataset`, { bytes, limit: limits.totalBytes });
}
