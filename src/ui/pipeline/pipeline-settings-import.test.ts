import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Grade } from '../../core/data/schema';
import type { SettingsOverrides } from '../../engine/pipeline-types';
import { CROSS_ENTROPY } from '../../core/training/step/occ-config';
import { defaultValues, type SettingSpec, type SettingValue, type SettingValues } from '../settings/spec';
import { evenAlphas } from '../../core/pipeline/settings-codecs';
import { SHOWN_DEFAULTS } from '../../core/pipeline/settings-defaults';
import { SETTINGS_TABLE } from '../../core/pipeline/settings-table';
import { pipelineOverrides } from '../lab/pipeline-request';
import { GRADES_PATH, pageSettingsFrom, pipelineReadKeys } from './pipeline-settings-import';

const defaults = defaultValues(SETTINGS_TABLE);
const specOf = (key: string) => SETTINGS_TABLE.find((spec) => spec.key === key)!;
const overridesOf = (values: SettingValues, grades: Record<string, Grade> = {}) =>
  pipelineOverrides({ values: { ...defaults, ...values }, rows: SETTINGS_TABLE, manualGrades: new Map(Object.entries(grades)) });
const inverse = (overrides: SettingsOverrides) => pageSettingsFrom(overrides, SETTINGS_TABLE);
const gradesOf = (overrides: SettingsOverrides): Record<string, Grade> => {
  const annotator = overrides.annotate?.annotator;
  return annotator && annotator.kind === 'manual' && annotator.grades ? (annotator.grades as Record<string, Grade>) : {};
};
/** pipelineOverrides of the inverse's page values (with the run's grades as the person's). */
const roundTrip = (overrides: SettingsOverrides) => overridesOf(inverse(overrides).values, gradesOf(overrides));
const paths = (overrides: SettingsOverrides) => inverse(overrides).unmapped.map((entry) => entry.path);

/** A value of the setting other than its default. */
function otherValue(spec: SettingSpec): SettingValue {
  switch (spec.kind) {
    case 'int':
    case 'number':
      return spec.default < spec.max ? spec.max : spec.min;
    case 'bool':
      return !spec.default;
    case 'choice':
      return spec.options.find((option) => option.value !== spec.default)!.value;
  }
}

describe('the page settings of a pipeline run (the inverse of pipelineOverrides)', () => {
  it('sets every page setting pipelineOverrides reads, and only those', () => {
    const keys = pipelineReadKeys(SETTINGS_TABLE);
    const { values, unmapped } = inverse({});
    expect(Object.keys(values).sort()).toEqual([...keys].sort());
    expect(values).toEqual(Object.fromEntries(keys.map((key) => [key, specOf(key).default])));
    expect(unmapped).toEqual([]);
    // Every listed key changes the overrides for some page (interpolate.alpha only with a fixed alpha) ...
    for (const key of keys) {
      const bases: SettingValues[] = [{}, { 'interpolate.choice': 'manual' }];
      expect(bases.some((base) => JSON.stringify(overridesOf(base)) !== JSON.stringify(overridesOf({ ...base, [key]: otherValue(specOf(key)) }))), key).toBe(true);
    }
    // ... and no other setting does.
    const others = SETTINGS_TABLE.filter((spec) => !keys.includes(spec.key) && spec.key !== 'model.preset' && spec.key !== 'model.seed');
    expect(others.length).toBeGreaterThan(0);
    expect(overridesOf(Object.fromEntries(others.map((spec) => [spec.key, otherValue(spec)])))).toEqual({});
  });

  it('gives back hand-written overrides exactly, branch by branch', () => {
    const everything: SettingsOverrides = {
      pretrain: { vocabSize: 1024, length: { steps: 12 }, batchSize: 8, learningRate: 0.0007, checkpointEvery: 25 },
      probe: { length: { epochs: 2 }, batchSize: 32, learningRate: 0.003, loss: { ...CROSS_ENTROPY } },
      finetune: { length: { epochs: 6 }, batchSize: 4, learningRate: 0.0005, loss: { ordinalSmoothing: 0.2, confidencePenalty: 0.3, marginWeight: 0.5, labelSmoothing: 0.05 } },
      dasa: { knnK: 5, quantile: 0.9, budget: 30, maxCosine: 0.9, weights: { mahalanobis: 0 } },
      annotate: { annotator: { kind: 'manual', grades: {} } },
      interpolate: { alphas: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] },
      evaluate: { knnK: 7 },
    };
    const cases: SettingsOverrides[] = [
      {},
      everything,
      { pretrain: { length: { steps: 0 } }, dasa: { weights: { knn: 0 } }, interpolate: { alphas: [0.35] } },
      { interpolate: { alphas: [0] } },
      { interpolate: { alphas: [0, 0.5, 1] } },
      { finetune: { loss: { labelSmoothing: 0.1 } } },
      { annotate: { annotator: { kind: 'manual', grades: { p1: 2, p2: 0, p3: 1 } } } },
    ];
    for (const overrides of cases) expect(roundTrip(overrides), JSON.stringify(overrides)).toEqual(overrides);
    expect(inverse(everything).unmapped).toEqual([]);
    const values = inverse(everything).values;
    expect(values).toMatchObject({ 'model.vocab': 1024, 'pretrain.enabled': true, 'pretrain.steps': 12, 'probe.loss': 'ce', 'finetune.smoothing': 0.05, 'dasa.detector': 'knn', 'dasa.annotator': 'person', 'interpolate.choice': 'auto', 'interpolate.points': 11, 'evaluate.knn': 7 });
    expect(inverse({ pretrain: { length: { steps: 0 } }, interpolate: { alphas: [0.35] } }).values).toMatchObject({
      'pretrain.enabled': false, 'pretrain.steps': SHOWN_DEFAULTS.pretrain.steps, 'interpolate.choice': 'manual', 'interpolate.alpha': 0.35,
    });
  });

  it('keeps what it can from a stage and lists the rest with its path', () => {
    const { values, unmapped } = inverse({ dasa: { knnK: 5, shrinkage: 'ledoit-wolf' } as SettingsOverrides['dasa'] });
    expect(values['dasa.k']).toBe(5);
    expect(unmapped).toEqual([{ path: 'settings.dasa.shrinkage', value: 'ledoit-wolf', reason: 'no page setting for it' }]);
    expect(overridesOf(values)).toEqual({ dasa: { knnK: 5 } });
  });

  it('lists the settings no page setting can express', () => {
    const unknown = { foo: 1 } as unknown as SettingsOverrides;
    const cases: [SettingsOverrides, string[]][] = [
      [{ interpolate: { alphas: [0, 0.3, 1] } }, ['settings.interpolate.alphas']],
      [{ interpolate: { alphas: [] } }, ['settings.interpolate.alphas']],
      [{ interpolate: { alphas: [1.5] } }, ['settings.interpolate.alphas']],
      [{ interpolate: { alphas: evenAlphas(SHOWN_DEFAULTS.interpolate.points) } }, ['settings.interpolate.alphas']],
      [{ interpolate: null }, ['settings.interpolate']],
      [{ probe: null }, ['settings.probe']],
      [{ selection: 'random' }, ['settings.selection']],
      [unknown, ['settings.foo']],
      [{ finetune: { loss: { ordinalDecay: 0.7, logitNormTau: 1, ordinalSmoothing: 0.3 } } }, ['settings.finetune.loss.ordinalDecay', 'settings.finetune.loss.logitNormTau']],
      [{ finetune: { trainRows: 100 } }, ['settings.finetune.trainRows']],
      [{ probe: { loss: { labelSmoothing: 0.1 } } }, ['settings.probe.loss']],
      [{ pretrain: { length: { epochs: 2 } } }, ['settings.pretrain.length']],
      [{ probe: { length: { steps: 100 } } }, ['settings.probe.length']],
      [{ pretrain: { learningRate: SHOWN_DEFAULTS.pretrain.learningRate } }, ['settings.pretrain.learningRate']],
      [{ pretrain: { vocabSize: 100 } }, ['settings.pretrain.vocabSize']],
      [{ pretrain: { length: { steps: 200_000 } } }, ['settings.pretrain.length.steps']],
      [{ dasa: { budget: 0 } }, ['settings.dasa.budget']],
      [{ dasa: { budget: null } }, ['settings.dasa.budget']],
      [{ dasa: { knnK: 2.5 } }, ['settings.dasa.knnK']],
      [{ dasa: { weights: { knn: 0.5, mahalanobis: 1 } } }, ['settings.dasa.weights']],
      [{ annotate: { annotator: { kind: 'oracle' } } }, ['settings.annotate.annotator']],
      [{ annotate: { annotator: { kind: 'file', fileName: 'g.tsv', text: 'x' } } }, ['settings.annotate.annotator']],
      [{ annotate: { annotator: { kind: 'manual', grades: { p1: 2 } } } }, [GRADES_PATH]],
      [{ annotate: { holdoutFraction: 0.3 } }, ['settings.annotate.holdoutFraction']],
    ];
    for (const [overrides, expected] of cases) expect(paths(overrides), JSON.stringify(overrides)).toEqual(expected);

    // The value listed is the run's own, and the rest of the run still round-trips.
    expect(inverse({ interpolate: { alphas: evenAlphas(SHOWN_DEFAULTS.interpolate.points) }, evaluate: { knnK: 9 } }).unmapped[0]).toMatchObject({
      value: evenAlphas(SHOWN_DEFAULTS.interpolate.points),
      reason: expect.stringContaining("page's default"),
    });
    expect(inverse({ pretrain: { vocabSize: 100 } }).unmapped[0]).toMatchObject({ value: 100, reason: 'model.vocab takes whole numbers from 512 to 8192' });
    const manual = inverse({ annotate: { annotator: { kind: 'manual', grades: { p1: 2 } } } });
    expect(manual.values['dasa.annotator']).toBe('person');
    expect(manual.unmapped[0]!.value).toEqual({ p1: 2 });
    // An empty stage object sets nothing, so there is nothing to list.
    expect(inverse({ dasa: {} })).toEqual(inverse({}));
  });

  it('inverse then pipelineOverrides gives the same overrides for any page values (property)', () => {
    const keys = pipelineReadKeys(SETTINGS_TABLE);
    const arbitrary = (spec: SettingSpec): fc.Arbitrary<SettingValue> => {
      switch (spec.kind) {
        case 'int':
          return fc.oneof(fc.constant(spec.default), fc.integer({ min: spec.min, max: spec.max }));
        case 'number':
          return fc.oneof(fc.constant(spec.default), fc.double({ min: spec.min, max: spec.max, noNaN: true }));
        case 'bool':
          return fc.boolean();
        case 'choice':
          return fc.constantFrom(...spec.options.map((option) => option.value));
      }
    };
    const pageValues = fc.record(Object.fromEntries(keys.map((key) => [key, arbitrary(specOf(key))])) as Record<string, fc.Arbitrary<SettingValue>>);
    const grades = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom<Grade>(0, 1, 2), { maxKeys: 4 });
    fc.assert(
      fc.property(pageValues, grades, (values, given) => {
        const overrides = overridesOf(values, given);
        const { values: back, unmapped } = pageSettingsFrom(overrides, SETTINGS_TABLE);
        const expected = values['dasa.annotator'] === 'person' && Object.keys(given).length > 0 ? [GRADES_PATH] : [];
        expect(unmapped.map((entry) => entry.path)).toEqual(expected);
        expect(overridesOf(back, gradesOf(overrides))).toEqual(overrides);
      }),
      { numRuns: 300 },
    );
  });
});
