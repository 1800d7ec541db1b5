import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { AdamW } from './adamw';
import type { ParamSetting } from './param-groups';

const setting = (name: string, overrides: Partial<ParamSetting> = {}): ParamSetting => ({
  name, group: 'backbone', trainable: true, lrScale: 1, weightDecay: true, ...overrides,
});
const value = (t: tf.Tensor) => Array.from(t.dataSync());

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('AdamW', () => {
  it('matches hand-computed updates, with and without decoupled decay', () => {
    const params = new Map([['a.w', tf.variable(tf.tensor1d([1]))], ['a.b', tf.variable(tf.tensor1d([1]))]]);
    const opt = new AdamW(params, [setting('a.w'), setting('a.b', { weightDecay: false })], { weightDecay: 0.1 });
    const step = (g: number) => tf.tidy(() => opt.applyGradients(new Map([['a.w', tf.tensor1d([g])], ['a.b', tf.tensor1d([g])]]), 0.1));
    // Step 1, g = 0.5: decay 1 * (1 - 0.1 * 0.1) = 0.99; m = 0.05, v = 0.0125;
    // m/(1-0.9) = 0.5, sqrt(v/(1-0.95)) = 0.5 -> update 0.1 * 0.5/0.5 = 0.1.
    step(0.5);
    expect(value(params.get('a.w')!)[0]).toBeCloseTo(0.89, 6);
    expect(value(params.get('a.b')!)[0]).toBeCloseTo(0.9, 6);
    // Step 2, g = -1: decay 0.89 * 0.99 = 0.8811; m = 0.045 - 0.1 = -0.055; v = 0.011875 + 0.05 = 0.061875;
    // update = 0.1/(1-0.81) * m / (sqrt(v)/sqrt(1-0.9025) + 1e-8) = -0.0363374.
    step(-1);
    expect(value(params.get('a.w')!)[0]).toBeCloseTo(0.9174374, 6);
    expect(value(params.get('a.b')!)[0]).toBeCloseTo(0.9363374, 6);
    expect(opt.step).toBe(2);
    opt.dispose();
    params.forEach((p) => p.dispose());
  });

  it('agrees with a float64 reference over several steps, honouring lrScale', () => {
    const rng = createRng('adamw-reference');
    const start = Array.from({ length: 6 }, () => rng.normal());
    const grads = Array.from({ length: 4 }, () => Array.from({ length: 6 }, () => rng.normal()));
    const [b1, b2, eps, wd, lr, scale] = [0.9, 0.999, 1e-8, 0.05, 0.01, 0.5];
    const ref = start.slice();
    const m = new Array(6).fill(0);
    const v = new Array(6).fill(0);
    grads.forEach((g, k) => {
      const t = k + 1;
      const rate = lr * scale;
      for (let i = 0; i < 6; i++) {
        ref[i] *= 1 - rate * wd;
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        ref[i] -= (rate * (m[i] / (1 - b1 ** t))) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps);
      }
    });
    const params = new Map([['x.w', tf.variable(tf.tensor2d(start, [2, 3]))]]);
    const opt = new AdamW(params, [setting('x.w', { lrScale: scale })], { beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd });
    for (const g of grads) tf.tidy(() => opt.applyGradients(new Map([['x.w', tf.tensor2d(g, [2, 3])]]), lr));
    value(params.get('x.w')!).forEach((p, i) => expect(p).toBeCloseTo(ref[i], 5));
    opt.dispose();
    params.get('x.w')!.dispose();
  });

  it('leaves frozen parameters alone and needs no gradient for them', () => {
    const params = new Map([['h.w', tf.variable(tf.tensor1d([1, 2]))], ['c.w', tf.variable(tf.tensor1d([3]))]]);
    const opt = new AdamW(params, [setting('h.w', { trainable: false, lrScale: 0 }), setting('c.w')]);
    expect(opt.trainableNames).toEqual(['c.w']);
    tf.tidy(() => opt.applyGradients(new Map([['c.w', tf.tensor1d([1])]]), 0.1));
    expect(value(params.get('h.w')!)).toEqual([1, 2]);
    expect(value(params.get('c.w')!)[0]).not.toBe(3);
    expect(() => tf.tidy(() => opt.applyGradients(new Map(), 0.1))).toThrow(/no gradient for c.w/);
    opt.dispose();
    params.forEach((p) => p.dispose());
  });

  it('keeps a constant tensor count across steps and frees its state on dispose', () => {
    const params = new Map([['x.w', tf.variable(tf.ones([4, 4]))]]);
    const before = tf.memory().numTensors;
    const opt = new AdamW(params, [setting('x.w')]);
    const afterCreate = tf.memory().numTensors;
    expect(afterCreate - before).toBe(2); // m and v
    for (let i = 0; i < 5; i++) tf.tidy(() => opt.applyGradients(new Map([['x.w', tf.fill([4, 4], i)]]), 0.01));
    expect(tf.memory().numTensors).toBe(afterCreate);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    params.get('x.w')!.dispose();
  });

  it('saves and restores its moments', () => {
    const make = () => new Map([['x.w', tf.variable(tf.tensor1d([1, -1]))]]);
    const pa = make();
    const a = new AdamW(pa, [setting('x.w')]);
    tf.tidy(() => a.applyGradients(new Map([['x.w', tf.tensor1d([0.3, 0.7])]]), 0.1));
    const pb = make();
    pb.get('x.w')!.assign(pa.get('x.w')!);
    const b = new AdamW(pb, [setting('x.w')]);
    b.loadState(a.stateTensors(), a.step);
    for (const opt of [a, b]) tf.tidy(() => opt.applyGradients(new Map([['x.w', tf.tensor1d([-0.2, 0.1])]]), 0.1));
    expect(value(pb.get('x.w')!)).toEqual(value(pa.get('x.w')!));
    expect(() => b.loadState(new Map(), 1)).toThrow(/m.x.w/);
    [a, b].forEach((o) => o.dispose());
    [...pa.values(), ...pb.values()].forEach((p) => p.dispose());
  });
});
