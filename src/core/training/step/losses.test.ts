import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { compareGradients } from '../../model/gradient-check';
import {
  CROSS_ENTROPY, DEFAULT_OCC, LossConfigError, adjacentMargin, entropy, logitNorm, occLoss, occTerms,
  softCrossEntropy, softTargets, targetTable, type OccConfig,
} from './losses';

const { log } = Math;
// softmax([ln1, ln2, ln3]) = [1/6, 2/6, 3/6]: every log-probability is a simple logarithm.
const THIRDS = [0, log(2), log(3)];

const scalar = (f: () => tf.Tensor): number => tf.tidy(() => f().dataSync()[0]);
const rows = (f: () => tf.Tensor): number[] => tf.tidy(() => Array.from(f().dataSync()));
const labels = (values: number[]) => tf.tensor1d(values, 'int32');
const config = (overrides: Partial<OccConfig>): OccConfig => ({ ...CROSS_ENTROPY, ...overrides });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('soft targets', () => {
  it('plain cross-entropy targets are one-hot', () => {
    expect(Array.from(targetTable(3, CROSS_ENTROPY))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('label smoothing eps=0.3 moves 0.1 to every grade: gold gets 0.7 + 0.1', () => {
    const table = targetTable(3, config({ labelSmoothing: 0.3 }));
    expect(Array.from(table)).toEqual([0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8].map(Math.fround));
  });

  it('ordinal s=0.3, decay 0.5: the near grade gets twice the far one', () => {
    // gold 0: weights 1 (grade 1) and 0.5 (grade 2) -> 2/3 and 1/3 of 0.3 = 0.2 and 0.1.
    // gold 1: both neighbours at distance 1 -> 0.15 each.
    const table = Array.from(targetTable(3, config({ ordinalSmoothing: 0.3, ordinalDecay: 0.5 })));
    const expected = [0.7, 0.2, 0.1, 0.15, 0.7, 0.15, 0.1, 0.2, 0.7];
    table.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('smoothing and ordinal mass add up: (1-0.3-0.3)*onehot + 0.1 + 0.3*[0, 2/3, 1/3]', () => {
    const q = rows(() => softTargets(labels([0]), 3, config({ labelSmoothing: 0.3, ordinalSmoothing: 0.3 })));
    [0.5, 0.3, 0.2].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 6));
  });

  it('every row is a distribution', () => {
    const table = targetTable(5, { ...DEFAULT_OCC, labelSmoothing: 0.05 });
    for (let y = 0; y < 5; y++) {
      const row = Array.from(table.slice(y * 5, y * 5 + 5));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(row[y]).toBe(Math.max(...row));
    }
  });
});

describe('loss parts against hand-computed values', () => {
  it('cross-entropy of softmax [1/6, 2/6, 3/6]: -ln(1/2) for gold 2, -ln(1/6) for gold 0', () => {
    const ce = rows(() => softCrossEntropy(tf.tensor2d([THIRDS, THIRDS]), softTargets(labels([2, 0]), 3, CROSS_ENTROPY)));
    expect(ce[0]).toBeCloseTo(log(2), 5);
    expect(ce[1]).toBeCloseTo(log(6), 5);
  });

  it('label smoothing 0.3, gold 2: 0.1 ln6 + 0.1 ln3 + 0.8 ln2 = 0.8435549', () => {
    const loss = scalar(() => occLoss(tf.tensor2d([THIRDS]), labels([2]), config({ labelSmoothing: 0.3 })));
    expect(loss).toBeCloseTo(0.8435549, 5);
  });

  it('entropy: ln 3 for equal logits; 1/6 ln6 + 1/3 ln3 + 1/2 ln2 = 1.0114043', () => {
    const h = rows(() => entropy(tf.tensor2d([[0, 0, 0], THIRDS])));
    expect(h[0]).toBeCloseTo(log(3), 5);
    expect(h[1]).toBeCloseTo(1.0114043, 5);
  });

  it('LogitNorm: [3, 4, 0] has norm 5; with tau 0.5 it becomes [3, 4, 0] / 2.5 = [1.2, 1.6, 0]', () => {
    const z = rows(() => logitNorm(tf.tensor2d([[3, 4, 0]]), 0.5));
    [1.2, 1.6, 0].forEach((v, i) => expect(z[i]).toBeCloseTo(v, 5));
    // CE for gold 1 on the normalised logits: ln(e^1.2 + e^1.6 + 1) - 1.6 = 0.6271231.
    const loss = scalar(() => occLoss(tf.tensor2d([[3, 4, 0]]), labels([1]), config({ logitNormTau: 0.5 })));
    expect(loss).toBeCloseTo(0.6271231, 5);
  });

  it('LogitNorm is scale-free: 10x the logits give the same loss', () => {
    const cfg = config({ logitNormTau: 0.2 });
    const a = scalar(() => occLoss(tf.tensor2d([[0.3, -0.2, 0.1]]), labels([0]), cfg));
    const b = scalar(() => occLoss(tf.tensor2d([[3, -2, 1]]), labels([0]), cfg));
    expect(a).toBeCloseTo(b, 5);
  });

  it('adjacent margin m=1 on z = [1, 0.5, -1]: only neighbours of gold count', () => {
    // gold 0: max(0, 1 - (1 - 0.5)) = 0.5 (grade 2 is not adjacent and is ignored)
    // gold 1: mean(max(0, 1 - (0.5 - 1)), max(0, 1 - (0.5 + 1))) = mean(1.5, 0) = 0.75
    // gold 2: max(0, 1 - (-1 - 0.5)) = 2.5
    const z = [1, 0.5, -1];
    const hinge = rows(() => adjacentMargin(tf.tensor2d([z, z, z]), labels([0, 1, 2]), 1));
    [0.5, 0.75, 2.5].forEach((v, i) => expect(hinge[i]).toBeCloseTo(v, 5));
  });

  it('OCC composes: CE(q) - beta H + lambda margin = 0.8841014 - 0.1*1.0114043 + 0.2*0.5945349', () => {
    // gold 2, s=0.3, decay 0.5: q = [0.1, 0.2, 0.7]; CE = 0.1 ln6 + 0.2 ln3 + 0.7 ln2 = 0.8841014.
    // margin: z2 - z1 = ln(3/2) = 0.4054651, hinge 1 - 0.4054651 = 0.5945349.
    const cfg = config({ ordinalSmoothing: 0.3, ordinalDecay: 0.5, confidencePenalty: 0.1, marginWeight: 0.2, margin: 1 });
    const terms = tf.tidy(() => {
      const t = occTerms(tf.tensor2d([THIRDS]), labels([2]), cfg);
      return [t.total, t.crossEntropy, t.entropy, t.margin].map((s) => s.dataSync()[0]);
    });
    expect(terms[1]).toBeCloseTo(0.8841014, 5);
    expect(terms[2]).toBeCloseTo(1.0114043, 5);
    expect(terms[3]).toBeCloseTo(0.5945349, 5);
    expect(terms[0]).toBeCloseTo(0.9018680, 5);
  });

  it('averages over the batch', () => {
    const loss = scalar(() => occLoss(tf.tensor2d([THIRDS, THIRDS]), labels([2, 0]), CROSS_ENTROPY));
    expect(loss).toBeCloseTo((log(2) + log(6)) / 2, 5);
  });

  it('rejects bad settings with the name of the setting', () => {
    const run = (c: OccConfig) => tf.tidy(() => occLoss(tf.tensor2d([THIRDS]), labels([0]), c));
    expect(() => run(config({ labelSmoothing: 0.7, ordinalSmoothing: 0.5 }))).toThrow(LossConfigError);
    expect(() => run(config({ logitNormTau: 0 }))).toThrow(/logitNormTau/);
    expect(() => run(config({ ordinalDecay: 0 }))).toThrow(/ordinalDecay/);
    expect(() => tf.tidy(() => occLoss(tf.tensor2d([THIRDS]), labels([0, 1]), CROSS_ENTROPY))).toThrow(/2 labels for 1 rows/);
  });
});

describe('gradients match central differences', () => {
  const rng = createRng('loss-gradients');
  const logits = Float32Array.from({ length: 12 }, () => rng.normal());
  const gold = [0, 1, 2, 1];
  const cases: [string, OccConfig][] = [
    ['cross-entropy', CROSS_ENTROPY],
    ['label smoothing', config({ labelSmoothing: 0.2 })],
    ['ordinal targets', config({ ordinalSmoothing: 0.3 })],
    ['confidence penalty', config({ confidencePenalty: 0.5 })],
    ['LogitNorm', config({ logitNormTau: 0.5 })],
    ['adjacent margin', config({ marginWeight: 1, margin: 1 })],
    ['default OCC', { ...DEFAULT_OCC }],
    ['everything on', { labelSmoothing: 0.1, ordinalSmoothing: 0.2, ordinalDecay: 0.3, confidencePenalty: 0.2, logitNormTau: 0.7, marginWeight: 0.5, margin: 0.5 }],
  ];
  for (const [name, cfg] of cases) {
    it(name, () => {
      const f = (x: tf.Tensor) => occLoss(x as tf.Tensor2D, labels(gold), cfg);
      const { worstRatio, analytic } = compareGradients(f, logits, [4, 3]);
      expect(worstRatio).toBeLessThan(1);
      expect(analytic.some((g) => Math.abs(g) > 1e-3)).toBe(true);
    });
  }
});
