import { describe, expect, it } from 'vitest';
import { energyScores, mspScores } from './logit-scores';
import { matrixFromRows } from './matrix';

describe('logit detectors', () => {
  const logits = matrixFromRows([
    [10, 0, 0],
    [1, 1, 1],
    [2, 1, 0],
  ]);

  it('MSP is 1 - max softmax: near 0 for a confident row, 2/3 for a uniform one', () => {
    const [confident, uniform, middle] = mspScores(logits);
    expect(confident).toBeCloseTo(1 - 1 / (1 + 2 * Math.exp(-10)), 12);
    expect(uniform).toBeCloseTo(2 / 3, 12);
    expect(middle).toBeCloseTo(1 - Math.exp(2) / (Math.exp(2) + Math.exp(1) + 1), 12);
  });

  it('energy is -T logsumexp(logits / T), stable for large logits', () => {
    const [confident, uniform] = energyScores(logits);
    expect(uniform).toBeCloseTo(-(1 + Math.log(3)), 12);
    expect(confident).toBeCloseTo(-(10 + Math.log(1 + 2 * Math.exp(-10))), 12);
    expect(energyScores(logits, 2)[1]).toBeCloseTo(-2 * (0.5 + Math.log(3)), 12);
    expect(energyScores(matrixFromRows([[1000, 999]]))[0]).toBeCloseTo(-(1000 + Math.log(1 + Math.exp(-1))), 9);
    expect(() => energyScores(logits, 0)).toThrow(/temperature 0/);
  });
});
