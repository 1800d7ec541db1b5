import { describe, expect, it } from 'vitest';
import { gptConfig, parameterSpecs } from '../../model/gpt';
import { STAGE_GROUPS, decaysWeight, paramSettings } from './param-groups';

const names = parameterSpecs(gptConfig('nano')).map((s) => s.name);

describe('parameter groups', () => {
  it('the probe trains only the classifier head', () => {
    const trainable = paramSettings(names, STAGE_GROUPS.probe).filter((s) => s.trainable).map((s) => s.name);
    expect(trainable).toEqual(['classifier.w', 'classifier.b']);
  });

  it('pretraining trains the backbone but not the head; fine-tuning trains both', () => {
    const pretrain = paramSettings(names, STAGE_GROUPS.pretrain);
    // The classifier head (2) and the matched-vs-shuffled head (2) stay frozen in plain LM pretraining.
    expect(pretrain.filter((s) => s.trainable).length).toBe(names.length - 4);
    expect(pretrain.find((s) => s.name === 'classifier.w')!.trainable).toBe(false);
    expect(pretrain.find((s) => s.name === 'pairs.w')!.trainable).toBe(false);
    const withPairs = paramSettings(names, STAGE_GROUPS.pretrain, { pairsHead: true });
    expect(withPairs.filter((s) => s.trainable).length).toBe(names.length - 2);
    expect(withPairs.find((s) => s.name === 'pairs.b')!.trainable).toBe(true);
    const finetune = paramSettings(names, STAGE_GROUPS.finetune);
    expect(finetune.filter((s) => !s.trainable).map((s) => s.name)).toEqual(['pairs.w', 'pairs.b']);
  });

  it('gives each group its own learning-rate scale', () => {
    const settings = paramSettings(names, { backbone: { trainable: true, lrScale: 0.1 }, head: { trainable: true, lrScale: 1 } });
    expect(settings.find((s) => s.name === 'wte')!.lrScale).toBe(0.1);
    expect(settings.find((s) => s.name === 'classifier.b')!.lrScale).toBe(1);
    expect(() => paramSettings(names, { backbone: { trainable: true, lrScale: 0 }, head: { trainable: false, lrScale: 0 } })).toThrow(/lrScale/);
  });

  it('decays linear weight matrices only', () => {
    const decayed = names.filter(decaysWeight);
    expect(decayed).toContain('h0.attn.qkv.w');
    expect(decayed).toContain('h1.mlp.proj.w');
    expect(decayed).toContain('classifier.w');
    for (const kept of ['wte', 'wpe', 'h0.ln1.g', 'h0.ln1.b', 'h0.attn.qkv.b', 'lnf.g', 'classifier.b']) expect(decayed).not.toContain(kept);
  });
});
