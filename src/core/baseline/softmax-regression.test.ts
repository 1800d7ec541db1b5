import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import type { SparseVector } from './hashed-features';
import { predictClass, probabilities, trainSoftmaxRegression } from './softmax-regression';

// Three classes, each marked by its own feature (plus a noise feature): separable.
function toyData(n: number, seed: number): { inputs: SparseVector[]; labels: number[] } {
  const rng = createRng(seed);
  const inputs: SparseVector[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = rng.int(3);
    inputs.push({ indices: [label, 3 + rng.int(2)], values: [1, 1] });
    labels.push(label);
  }
  return { inputs, labels };
}

const options = { classes: 3, epochs: 20, learningRate: 0.5, batchSize: 16, l2: 0, seed: 1 };

describe('softmax regression by gradient descent', () => {
  it('learns a separable problem', () => {
    const { inputs, labels } = toyData(300, 1);
    const model = trainSoftmaxRegression(inputs, labels, 5, options);
    const test = toyData(100, 2);
    const correct = test.inputs.filter((x, i) => predictClass(model, x) === test.labels[i]).length;
    expect(correct).toBe(100);
    const p = probabilities(model, test.inputs[0]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is deterministic for a seed and depends on it', () => {
    const { inputs, labels } = toyData(100, 3);
    const a = trainSoftmaxRegression(inputs, labels, 5, { ...options, epochs: 2 });
    const b = trainSoftmaxRegression(inputs, labels, 5, { ...options, epochs: 2 });
    const c = trainSoftmaxRegression(inputs, labels, 5, { ...options, epochs: 2, seed: 9 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(c.weights)).not.toEqual(Array.from(a.weights));
  });
});
