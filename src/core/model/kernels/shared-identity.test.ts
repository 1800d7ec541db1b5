import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backends';
import { wasmKernels } from './wasm-instance';

afterAll(async () => {
  await useBackend('cpu');
});

describe('Identity on wasm once the lab kernels are loaded', () => {
  it('shares the input memory and keeps the values after the input is disposed', async () => {
    await useBackend('wasm');
    expect(wasmKernels()).not.toBeNull();
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const before = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const copy = tf.clone(x);
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(before);
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3, 4]);
    copy.dispose();
    expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(before - 1);
  });

  it('leaves gradients of saved tensors intact (a customGrad op saves through Identity)', async () => {
    await useBackend('wasm');
    const square = tf.customGrad(((x: tf.Tensor, save: (t: tf.Tensor[]) => void) => {
      save([x]);
      return { value: tf.square(x), gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) => tf.mul(dy, tf.mul(xs, 2)) };
    }) as never) as unknown as (x: tf.Tensor) => tf.Tensor;
    const grad = tf.tidy(() => Array.from(tf.grad((x: tf.Tensor) => tf.sum(square(x)))(tf.tensor1d([1, -2, 3])).dataSync()));
    expect(grad).toEqual([2, -4, 6]);
  });
});
