import { describe, expect, it } from 'vitest';
import { defaultPipelineSettings } from './defaults';
import { canonicalJson, hashText, stageKey } from './keys';

describe('stage keys', () => {
  it('do not depend on key order, and change with any setting or input', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":2,"y":1}]},"b":1}');
    const key = stageKey('probe', { lr: 0.01, epochs: 2 }, ['k1']);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(stageKey('probe', { epochs: 2, lr: 0.01 }, ['k1'])).toBe(key);
    expect(stageKey('probe', { epochs: 2, lr: 0.02 }, ['k1'])).not.toBe(key);
    expect(stageKey('probe', { epochs: 2, lr: 0.01 }, ['k2'])).not.toBe(key);
    expect(stageKey('finetune', { epochs: 2, lr: 0.01 }, ['k1'])).not.toBe(key);
    expect(hashText('ab')).not.toBe(hashText('ba'));
  });
});

describe('the stage keys of the default settings', () => {
  // Keys of stored runs: an optional setting added later must be absent by default and leave them as they were.
  const STORED: Record<string, string> = {
    'nano/quick': '519c06a7fdc4b9b5 0d1431db0626fe9c 1d9af16a8a5039f1 ceebfab3383b6210 349d16ea1567cc56 83113072d7bf7261 d661cf0e34650b9f',
    'small/full': '75d71ea272ccad1e b61f8b39cdaef17d 8913954f991f9951 ceebfab3383b6210 bf5acf9c2ce3e9fd 9924bb834caadb2e aebb150b52a24047',
    'small/demo': '75d71ea272ccad1e a4c0d58d621445c1 ff41379f813a7bd8 ceebfab3383b6210 44dd212543cedfa5 537d84d9156302e1 3f989d59cbbef8c4',
  };

  it('stay those of the stored runs', () => {
    for (const [preset, budget] of [['nano', 'quick'], ['small', 'full'], ['small', 'demo']] as const) {
      const settings = defaultPipelineSettings(preset, 1, budget);
      const { source: _source, ...pretrain } = settings.pretrain;
      const keys = [['pretrain', pretrain], ['probe', settings.probe], ['dasa', settings.dasa], ['annotate', settings.annotate], ['finetune', settings.finetune], ['interpolate', settings.interpolate], ['evaluate', settings.evaluate]]
        .map(([stage, value]) => stageKey(stage as string, value, ['in']));
      expect(keys.join(' ')).toBe(STORED[`${preset}/${budget}`]);
    }
  });
});
