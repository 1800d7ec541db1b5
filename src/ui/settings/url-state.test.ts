import { describe, expect, it } from 'vitest';
import type { SettingSpec } from './spec';
import { decodeSettings, encodeSettings } from './url-state';

const SPECS: SettingSpec[] = [
  { key: 'data.seed', label: 'Seed', kind: 'int', default: 1, min: 0, max: 100 },
  { key: 'data.mix', label: 'Pool OOD mix', kind: 'number', default: 0.3, min: 0, max: 1, step: 0.05 },
  { key: 'data.typos', label: 'Typos', kind: 'bool', default: true },
  { key: 'model.preset', label: 'Preset', kind: 'choice', default: 'small', options: [{ value: 'nano', label: 'nano' }, { value: 'small', label: 'small' }] },
];
const STAGES = ['data', 'model'];

describe('settings in the URL hash', () => {
  it('writes only the values that differ from their defaults, and reads them back', () => {
    const values = { 'data.seed': 7, 'data.mix': 0.3, 'data.typos': false, 'model.preset': 'nano' };
    const hash = encodeSettings(values, SPECS, 'model');
    expect(hash).toBe('#stage=model&data.seed=7&data.typos=0&model.preset=nano');
    expect(decodeSettings(hash, SPECS, STAGES)).toEqual({ values, stage: 'model', problems: [] });
  });

  it('is empty when everything is at its default', () => {
    expect(encodeSettings({ 'data.seed': 1 }, SPECS, null)).toBe('');
    expect(decodeSettings('', SPECS, STAGES)).toEqual({ values: { 'data.seed': 1, 'data.mix': 0.3, 'data.typos': true, 'model.preset': 'small' }, stage: null, problems: [] });
  });

  it('keeps the defaults for invalid or unknown entries and says what was wrong', () => {
    const decoded = decodeSettings('#stage=nowhere&data.seed=abc&data.mix=2&data.typos=maybe&model.preset=huge&data.colour=red&data.seed=5', SPECS, STAGES);
    expect(decoded.stage).toBeNull();
    expect(decoded.values).toEqual({ 'data.seed': 5, 'data.mix': 0.3, 'data.typos': true, 'model.preset': 'small' });
    expect(decoded.problems).toEqual([
      '"nowhere" is not a stage (stages are data, model); the lab opens on the first stage.',
      'data.seed="abc": Seed must be a whole number from 0 to 100; the default 1 is kept.',
      'data.mix="2": Pool OOD mix must be a number from 0 to 1; the default 0.3 is kept.',
      'data.typos="maybe": Typos must be on or off (1 or 0); the default 1 is kept.',
      'model.preset="huge": Preset must be one of nano, small; the default small is kept.',
      '"data.colour" is not a setting of this lab; it was ignored.',
    ]);
  });

  it('survives text that needs escaping', () => {
    const specs: SettingSpec[] = [{ key: 'x.name', label: 'Name', kind: 'choice', default: 'a', options: [{ value: 'a', label: 'a' }, { value: 'b&c=d #e', label: 'odd' }] }];
    const hash = encodeSettings({ 'x.name': 'b&c=d #e' }, specs, null);
    expect(decodeSettings(hash, specs, []).values).toEqual({ 'x.name': 'b&c=d #e' });
  });
});
