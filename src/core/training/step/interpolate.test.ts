import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGpt, disposeGpt, gptConfig } from '../../model/gpt';
import { ParamMismatchError, assignParams, cloneParams, disposeParams, interpolateParams } from './interpolate';

const values = (t: tf.Tensor) => Array.from(t.dataSync());

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('weight interpolation', () => {
  it('alpha 0 and 1 give the endpoints exactly; 0.25 mixes them', () => {
    const c = gptConfig('nano');
    const a = createGpt(c, 'A');
    const b = createGpt(c, 'B');
    for (const [alpha, expected] of [[0, a], [1, b]] as const) {
      const mixed = interpolateParams(a.params, b.params, alpha);
      for (const [name, tensor] of mixed) expect(values(tensor), name).toEqual(values(expected.params.get(name)!));
      disposeParams(mixed);
    }
    const quarter = interpolateParams(a.params, b.params, 0.25);
    const wA = values(a.params.get('h0.attn.qkv.w')!);
    const wB = values(b.params.get('h0.attn.qkv.w')!);
    values(quarter.get('h0.attn.qkv.w')!).forEach((v, i) => expect(v).toBeCloseTo(0.75 * wA[i] + 0.25 * wB[i], 7));
    disposeParams(quarter);
    disposeGpt(a);
    disposeGpt(b);
  });

  it('names the parameter when the two models differ', () => {
    const a = new Map([['x', tf.ones([2])], ['y', tf.ones([2])]]);
    const b = new Map([['x', tf.ones([3])], ['y', tf.ones([2])]]);
    expect(() => interpolateParams(a, b, 0.5)).toThrow(ParamMismatchError);
    expect(() => interpolateParams(a, b, 0.5)).toThrow(/"x" has shape \[2\] in one model and \[3\]/);
    expect(() => interpolateParams(a, new Map([['x', tf.ones([2])]]), 0.5)).toThrow(/"y" is in the first model only/);
    expect(() => interpolateParams(a, a, NaN)).toThrow(/alpha/);
    disposeParams(a);
    disposeParams(b);
  });

  it('a clone keeps its values while the original is trained on', () => {
    const model = createGpt(gptConfig('nano'), 1);
    const snapshot = cloneParams(model.params);
    const before = values(model.params.get('wte')!);
    model.params.get('wte')!.assign(tf.zerosLike(model.params.get('wte')!));
    expect(values(snapshot.get('wte')!)).toEqual(before);
    assignParams(model.params, snapshot);
    expect(values(model.params.get('wte')!)).toEqual(before);
    disposeParams(snapshot);
    disposeGpt(model);
  });
});
