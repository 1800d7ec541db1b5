import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidReferenceRunError, parseReferenceRun } from './parse-reference-run';
import { REFERENCE_FORMAT, ReferenceSourceError, referenceRunFromReport, type ReferenceRun } from './reference-run';
import { REPORT_FORMAT, SUMMARY_METRICS, type ExperimentReport } from './report';
import { seedStat } from './stats';

const REPORT_PATH = 'docs/results/small-3seeds/report.json';
const SHIPPED_PATH = 'public/reference/small-3seeds.json';
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const split = (macroF1: number) => ({ ...Object.fromEntries(SUMMARY_METRICS.map((metric) => [metric, 0.5])), macro_f1: macroF1, confusion_matrix: [[1]] });

/** The fields of a report the reference reads, two variants and two seeds. */
function tinyReport(): ExperimentReport {
  return {
    format: REPORT_FORMAT,
    version: 1,
    createdAt: '2026-12-01T10:00:00.000Z',
    config: {
      data: { source: '/somewhere/data', fingerprint: 'f', examples: { train: 60, test_id: 20, test_ood: 20 }, pool_gold: true },
      preset: 'small',
      budget: 'full',
      seeds: [1, 2],
      variants: ['ce-ft', 'darl'],
      backend: 'wasm',
      variant_descriptions: { 'ce-ft': 'plain', darl: 'full' },
      settings: {},
    },
    results: {
      'ce-ft': { '1': { test_id: split(0.7123456789), test_ood: split(0.3) }, '2': { test_id: split(0.7), test_ood: split(Number.NaN) } },
      darl: { '1': { test_id: split(0.72), test_ood: split(0.5) }, '2': { test_id: split(0.71), test_ood: split(0.45) } },
    },
    summary: {},
    baselines: { overlap: { description: 'overlap trees', test_id: split(0.66), test_ood: split(0.44), id_ood_gap: { macro_f1: 0.22 }, seconds: 3 } },
    reuse: [],
    seconds: { wall: 1234.56, computed_by_stage: {}, by_stage: {}, per_seed: {} },
  } as unknown as ExperimentReport;
}

describe('referenceRunFromReport', () => {
  it('keeps each variant\'s scalar test metrics per seed (six decimals), the baselines and how the run was made', () => {
    const reference = referenceRunFromReport(tinyReport(), 'report.json', { command: ['npm run darl -- run X'], machine: '2 cores' });
    expect(reference).toMatchObject({ format: REFERENCE_FORMAT, version: 1, preset: 'small', budget: 'full', seeds: [1, 2], examples: { train: 60 } });
    expect(reference.made).toEqual({ command: ['npm run darl -- run X'], machine: '2 cores', date: '2026-12-01T10:00:00.000Z', backend: 'wasm', wallSeconds: 1235 });
    expect(reference.variants.map((variant) => [variant.variant, variant.description, variant.seeds.map((seed) => seed.seed)])).toEqual([['ce-ft', 'plain', [1, 2]], ['darl', 'full', [1, 2]]]);
    expect(reference.variants[0].seeds[0].id.macro_f1).toBe(0.712346);
    // An undefined metric stays undefined (null), never a number.
    expect(reference.variants[0].seeds[1].ood.macro_f1).toBeNull();
    expect(Object.keys(reference.variants[0].seeds[0].id)).toEqual([...SUMMARY_METRICS]);
    expect(JSON.stringify(reference)).not.toContain('confusion_matrix');
    expect(reference.baselines).toEqual([{ name: 'overlap', description: 'overlap trees', id: expect.objectContaining({ macro_f1: 0.66 }), ood: expect.objectContaining({ macro_f1: 0.44 }) }]);
  });

  it('rebuilds the run command from the config when none is given; a report without baselines has none', () => {
    const report = tinyReport();
    delete report.baselines;
    const reference = referenceRunFromReport(report, 'report.json', { machine: 'here' });
    expect(reference.made.command).toEqual(['npm run darl -- run --data DATA --out OUT --preset small --budget full --seeds 1,2 --variants ce-ft,darl']);
    expect(reference.baselines).toEqual([]);
  });

  it('refuses what is not an experiment report of this version, or a variant without results, naming the file', () => {
    const made = { machine: 'here' };
    expect(() => referenceRunFromReport({ format: 'other' }, 'x.json', made)).toThrow(ReferenceSourceError);
    expect(() => referenceRunFromReport({ ...tinyReport(), version: 2 }, 'x.json', made)).toThrow(/x.json is experiment report version 2/);
    const report = tinyReport();
    delete report.results.darl;
    expect(() => referenceRunFromReport(report, 'x.json', made)).toThrow(/x.json lists variant darl .* no results/);
  });
});

describe('parseReferenceRun', () => {
  const reference = referenceRunFromReport(tinyReport(), 'report.json', { machine: 'here' });

  it('reads back what referenceRunFromReport wrote', () => {
    expect(parseReferenceRun(JSON.parse(JSON.stringify(reference)), 'ref.json')).toEqual(reference);
  });

  it('names the file and the first bad field', () => {
    const damaged = JSON.parse(JSON.stringify(reference)) as Record<string, unknown> & ReferenceRun;
    expect(() => parseReferenceRun({ ...damaged, format: 'x' }, 'ref.json')).toThrow(InvalidReferenceRunError);
    expect(() => parseReferenceRun({ ...damaged, version: 9 }, 'ref.json')).toThrow(/ref.json: version 9/);
    damaged.variants[1].seeds[0].ood.macro_f1 = 'high' as unknown as number;
    expect(() => parseReferenceRun(damaged, 'ref.json')).toThrow('ref.json: variants[1].seeds[0].ood.macro_f1 must be a number');
    expect(() => parseReferenceRun(null, 'ref.json')).toThrow('ref.json: the file must be an object');
  });
});

describe(`the shipped reference (${SHIPPED_PATH})`, () => {
  const report = readJson(REPORT_PATH) as ExperimentReport;
  const shipped = parseReferenceRun(readJson(SHIPPED_PATH), SHIPPED_PATH);

  it(`holds the numbers of ${REPORT_PATH} (run \`npm run reference\` again when the report changes)`, () => {
    expect(shipped.made.command.length).toBeGreaterThan(0);
    expect(shipped).toEqual(referenceRunFromReport(report, REPORT_PATH, shipped.made));
    expect(shipped.made.machine).not.toBe('');
  });

  it("gives the report's mean and standard deviation over seeds for every variant and metric", () => {
    for (const variant of shipped.variants) {
      for (const [splitName, key] of [['test_id', 'id'], ['test_ood', 'ood']] as const) {
        for (const metric of SUMMARY_METRICS) {
          const stat = seedStat(variant.seeds.map((seed) => seed[key][metric]));
          const expected = report.summary[variant.variant][splitName][metric];
          expect(stat.n, `${variant.variant} ${splitName} ${metric}`).toBe(expected.n);
          if (expected.mean !== null) expect(stat.mean).toBeCloseTo(expected.mean, 5);
          if (expected.std !== null) expect(stat.std).toBeCloseTo(expected.std, 5);
        }
      }
    }
  });
});
