import { describe, expect, it } from 'vitest';
import { defaultPipelineSettings } from './defaults';
import { codecOf, LEGACY_SETTING_IDS, SETTING_STAGES, SETTINGS_TABLE, type SettingRow } from './settings-table';
import { SHOWN_BUDGET, SHOWN_PRESET } from './settings-defaults';
import { TRAINING_RANGES } from '../training/step/setting-ranges';
import { resolveConfig } from '../data/generator/config';
import { SHIFT_TAGS, type ShiftTag } from '../data/schema';

const shown = defaultPipelineSettings(SHOWN_PRESET, 1, SHOWN_BUDGET);

function at(path: readonly string[]): { found: boolean; value: unknown } {
  let value: unknown = shown;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !(key in value)) return { found: false, value: undefined };
    value = (value as Record<string, unknown>)[key];
  }
  return { found: true, value };
}

function inRange(row: SettingRow): boolean {
  switch (row.kind) {
    case 'int':
      return Number.isInteger(row.default) && row.default >= row.min && row.default <= row.max;
    case 'number':
      return row.default >= row.min && row.default <= row.max && row.min < row.max;
    case 'bool':
      return typeof row.default === 'boolean';
    case 'choice':
      return row.options.some((option) => option.value === row.default);
  }
}

/** Rows whose default is not the value at their path, and why. */
const NOT_THE_PATH_VALUE: Record<string, string> = {
  'pretrain.enabled': 'a switch: on sends nothing, off sends a length of 0 steps',
  'probe.loss': 'a choice: OCC keeps the preset\'s loss, cross-entropy sends CROSS_ENTROPY',
  'dasa.detector': 'a choice: both keeps the weights, one detector sends the other\'s weight 0',
  'dasa.annotator': 'a choice: the oracle keeps the annotator, a person sends a manual one',
  'dasa.budget': '0 leaves the budget to budgetFraction (null in the settings)',
  'interpolate.alpha': 'used only while Alpha is Fixed',
};

describe('the settings table', () => {
  it('has one row per id, each under its stage, with a default in its range', () => {
    const ids = SETTINGS_TABLE.map((row) => row.key);
    expect(new Set(ids).size).toBe(ids.length);
    for (const row of SETTINGS_TABLE) {
      expect(SETTING_STAGES, row.key).toContain(row.stage);
      expect(row.key.startsWith(`${row.stage}.`), row.key).toBe(true);
      expect(inRange(row), row.key).toBe(true);
      if (row.pipeline?.when) expect(ids, row.key).toContain(row.pipeline.when.id);
    }
    for (const [old, current] of Object.entries(LEGACY_SETTING_IDS)) {
      expect(ids).toContain(current);
      expect(ids).not.toContain(old);
    }
  });

  it('binds every pipeline row to a path of the default PipelineSettings, whose value is the row\'s default', () => {
    const bound = SETTINGS_TABLE.filter((row) => row.pipeline);
    expect(bound.length).toBeGreaterThan(20);
    for (const row of bound) {
      const { found, value } = at(row.pipeline!.path);
      expect(found, `${row.key} -> ${row.pipeline!.path.join('.')}`).toBe(true);
      if (row.key in NOT_THE_PATH_VALUE) continue;
      const decoded = codecOf(row.pipeline!).decode(value);
      expect(decoded, row.key).toEqual(expect.objectContaining({ ok: true, value: row.default }));
    }
  });

  it('keeps the page\'s training ranges inside the engine\'s sane ranges', () => {
    const engineRange = { batchSize: TRAINING_RANGES.batchSize, learningRate: TRAINING_RANGES.learningRate, checkpointEvery: TRAINING_RANGES.checkpointEvery, steps: TRAINING_RANGES.steps, epochs: TRAINING_RANGES.epochs };
    for (const row of SETTINGS_TABLE) {
      const field = row.training?.[row.training.length - 1] as keyof typeof engineRange | undefined;
      if (!field || !(field in engineRange) || (row.kind !== 'int' && row.kind !== 'number')) continue;
      expect(row.min, row.key).toBeGreaterThanOrEqual(engineRange[field].min);
      expect(row.max, row.key).toBeLessThanOrEqual(engineRange[field].max);
    }
  });
});

describe('the pool shift exclusion row', () => {
  const row = SETTINGS_TABLE.find((r) => r.key === 'data.poolExcludeShift')!;

  it("sends nothing by default and one excluded shift otherwise, which the generator's config accepts", () => {
    const codec = codecOf(row.generator!);
    expect(row.generator!.path).toEqual(['poolExcludeShifts']);
    expect(codec.encode('none')).toBeUndefined();
    expect(codec.encode('conversational')).toEqual(['conversational']);
    expect(resolveConfig({ poolExcludeShifts: codec.encode('unseen_brand') as ShiftTag[] }).poolExcludeShifts).toEqual(['unseen_brand']);
    expect(row.kind === 'choice' && row.options.map((o) => o.value)).toEqual(['none', ...SHIFT_TAGS]);
  });
});

describe('the rows of the kNN k share and the per-query cap', () => {
  it('send null at 0 (the defaults) and the value otherwise, and read a stored null back as 0', () => {
    for (const [key, path] of [['dasa.kFraction', 'dasa.knnKFraction'], ['evaluate.knnFraction', 'evaluate.knnKFraction'], ['dasa.maxPerQuery', 'dasa.maxPerQuery']]) {
      const row = SETTINGS_TABLE.find((r) => r.key === key)!;
      expect(row.pipeline!.path.join('.'), key).toBe(path);
      const codec = codecOf(row.pipeline!);
      expect(codec.encode(0), key).toBeNull();
      expect(codec.encode(2), key).toBe(2);
      expect(codec.decode(null), key).toEqual({ ok: true, value: 0 });
      expect(codec.decode(0.05), key).toEqual({ ok: true, value: 0.05 });
    }
  });
});
