// Reading a reference run file (reference-run.ts) back: every field the page shows is checked, so a
// damaged or older file is one named error instead of a broken screen.
import { LabError, registerLabError } from '../errors';
import { REFERENCE_FORMAT, REFERENCE_VERSION, type ReferenceBaseline, type ReferenceMetrics, type ReferenceRun, type ReferenceSeed, type ReferenceVariant } from './reference-run';
import { SUMMARY_METRICS } from './report';

export class InvalidReferenceRunError extends LabError {}
registerLabError(InvalidReferenceRunError);

type Json = Record<string, unknown>;

function fail(source: string, what: string): never {
  throw new InvalidReferenceRunError(`${source}: ${what}`, { source });
}

function object(value: unknown, source: string, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(source, `${path} must be an object`);
  return value as Json;
}

function array(value: unknown, source: string, path: string): unknown[] {
  if (!Array.isArray(value)) fail(source, `${path} must be a list`);
  return value;
}

function text(value: unknown, source: string, path: string): string {
  if (typeof value !== 'string') fail(source, `${path} must be text`);
  return value;
}

function finite(value: unknown, source: string, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(source, `${path} must be a number`);
  return value;
}

function metrics(value: unknown, source: string, path: string): ReferenceMetrics {
  const record = object(value, source, path);
  const out: ReferenceMetrics = {};
  for (const metric of SUMMARY_METRICS) {
    const entry = record[metric];
    if (entry === undefined) continue;
    out[metric] = entry === null ? null : finite(entry, source, `${path}.${metric}`);
  }
  return out;
}

function seedResult(value: unknown, source: string, path: string): ReferenceSeed {
  const record = object(value, source, path);
  return { seed: finite(record.seed, source, `${path}.seed`), id: metrics(record.id, source, `${path}.id`), ood: metrics(record.ood, source, `${path}.ood`) };
}

function variant(value: unknown, source: string, path: string): ReferenceVariant {
  const record = object(value, source, path);
  return {
    variant: text(record.variant, source, `${path}.variant`),
    description: text(record.description, source, `${path}.description`),
    seeds: array(record.seeds, source, `${path}.seeds`).map((seed, i) => seedResult(seed, source, `${path}.seeds[${i}]`)),
  };
}

function baseline(value: unknown, source: string, path: string): ReferenceBaseline {
  const record = object(value, source, path);
  return {
    name: text(record.name, source, `${path}.name`),
    description: text(record.description, source, `${path}.description`),
    id: metrics(record.id, source, `${path}.id`),
    ood: metrics(record.ood, source, `${path}.ood`),
  };
}

/** The reference run in `value` (parsed JSON from `source`), or InvalidReferenceRunError naming the first bad field. */
export function parseReferenceRun(value: unknown, source: string): ReferenceRun {
  const root = object(value, source, 'the file');
  if (root.format !== REFERENCE_FORMAT) fail(source, `"format" must be "${REFERENCE_FORMAT}"`);
  if (root.version !== REFERENCE_VERSION) fail(source, `version ${String(root.version)} is not ${REFERENCE_VERSION}, the version this build reads`);
  const made = object(root.made, source, 'made');
  const examples = object(root.examples, source, 'examples');
  return {
    format: REFERENCE_FORMAT,
    version: REFERENCE_VERSION,
    preset: text(root.preset, source, 'preset'),
    budget: text(root.budget, source, 'budget'),
    seeds: array(root.seeds, source, 'seeds').map((seed, i) => finite(seed, source, `seeds[${i}]`)),
    examples: Object.fromEntries(Object.entries(examples).map(([split, count]) => [split, finite(count, source, `examples.${split}`)])),
    made: {
      command: array(made.command, source, 'made.command').map((line, i) => text(line, source, `made.command[${i}]`)),
      machine: text(made.machine, source, 'made.machine'),
      date: text(made.date, source, 'made.date'),
      backend: made.backend === null ? null : text(made.backend, source, 'made.backend'),
      wallSeconds: finite(made.wallSeconds, source, 'made.wallSeconds'),
    },
    variants: array(root.variants, source, 'variants').map((entry, i) => variant(entry, source, `variants[${i}]`)),
    baselines: array(root.baselines, source, 'baselines').map((entry, i) => baseline(entry, source, `baselines[${i}]`)),
  };
}
