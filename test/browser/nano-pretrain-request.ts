// The short nano pretraining stage the browser training tests run (4 steps of 8 rows).
import type { TrainingRequest } from '../../src/engine/model-types';

export function nanoPretrainRequest(
  stored: { datasetId: string; tokenizerId: string }, checkpointId: string, overrides: Partial<TrainingRequest> = {},
): TrainingRequest {
  return {
    stage: 'pretrain',
    datasetId: stored.datasetId,
    init: { from: 'preset', preset: 'nano', tokenizerId: stored.tokenizerId, contextLength: 24, seed: 3 },
    steps: 4,
    batchSize: 8,
    learningRate: 3e-3,
    seed: 2,
    checkpointId,
    lmPairs: false,
    evaluate: false,
    ...overrides,
  };
}
