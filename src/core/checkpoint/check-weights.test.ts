import { describe, expect, it } from 'vitest';
import { checkWeights } from './capture';
import { CheckpointMismatchError } from './errors';
import { sampleModelCheckpoint, TINY_CONFIG } from './test-support';

describe('checkWeights', () => {
  it('refuses at once a config of more layers than the checkpoint holds tensors (listing its parameters would not end)', () => {
    const { weights } = sampleModelCheckpoint(1, 1);
    const started = performance.now();
    expect(() => checkWeights({ ...TINY_CONFIG, nLayers: 1e12 }, weights, 'upload.safetensors')).toThrow(CheckpointMismatchError);
    expect(() => checkWeights({ ...TINY_CONFIG, nLayers: 1e12 }, weights, 'upload.safetensors')).toThrow(
      `upload.safetensors: the config has 1000000000000 layers, but only ${weights.length} parameter tensors are stored.`,
    );
    expect(performance.now() - started).toBeLessThan(500);
    expect(() => checkWeights(TINY_CONFIG, weights, 'upload.safetensors')).not.toThrow();
  });
});
