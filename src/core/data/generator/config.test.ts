import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZES, GeneratorConfigError, recordedConfig, resolveConfig } from './config';

describe('generator config', () => {
  it('fills in the documented defaults', () => {
    const config = resolveConfig();
    expect(config.sizes).toEqual({ train: 6000, val: 1000, test_id: 2000, test_ood: 2000, pool: 10000 });
    expect(config.oodMix).toBe(0.3);
    expect(config.shifts.conversational).toEqual({ enabled: true, strength: 0.5 });
  });

  it('overrides only what is given', () => {
    const config = resolveConfig({ sizes: { train: 10 }, shifts: { unseen_brand: { enabled: false } } });
    expect(config.sizes).toEqual({ ...DEFAULT_SIZES, train: 10 });
    expect(config.shifts.unseen_brand).toEqual({ enabled: false, strength: 0.4 });
  });

  it("defaults to 'rules' mode with 5 items per query; 'realistic' defaults to at most 10", () => {
    expect(resolveConfig()).toMatchObject({ mode: 'rules', itemsPerQuery: 5 });
    expect(resolveConfig({ mode: 'realistic' })).toMatchObject({ mode: 'realistic', itemsPerQuery: 10 });
    expect(resolveConfig({ mode: 'realistic', itemsPerQuery: 7 }).itemsPerQuery).toBe(7);
    expect(() => resolveConfig({ mode: 'noisy' as never })).toThrow(/"mode" must be one of rules, realistic/);
  });

  it("records the config without the mode in 'rules' mode (files and ids as before modes existed) and with it otherwise", () => {
    expect(Object.keys(recordedConfig(resolveConfig()))).toEqual(['seed', 'sizes', 'itemsPerQuery', 'oodMix', 'unseenCategories', 'shifts']);
    expect(Object.keys(recordedConfig(resolveConfig({ mode: 'realistic' })))[0]).toBe('mode');
  });

  it('names the bad setting', () => {
    expect(() => resolveConfig({ oodMix: 1.5 })).toThrow(GeneratorConfigError);
    expect(() => resolveConfig({ oodMix: 1.5 })).toThrow(/"oodMix" must be between 0 and 1/);
    expect(() => resolveConfig({ sizes: { train: -1 } })).toThrow(/"sizes.train"/);
    expect(() => resolveConfig({ shifts: { conversational: { strength: 2 } } })).toThrow(/"shifts.conversational.strength"/);
    expect(() => resolveConfig({ shifts: { typo: {} } as never })).toThrow(/"shifts.typo" is not a shift/);
    expect(() => resolveConfig({ unseenCategories: ['boat'] })).toThrow(/unknown category "boat"/);
    expect(() => resolveConfig({ unseenCategories: [] })).toThrow(/empty while the unseen_category shift is on/);
    expect(() => resolveConfig({ seed: 1.5 })).toThrow(/"seed"/);
  });
});
