// Reads back to the CPU inside a training stage, counted on the backend itself: a step reads
// nothing except on the steps where the runner reads the queued losses (the first, then every
// `lossEvery`), and those read once. A hidden dataSync/data() in a step (the model, the loss, clipping,
// AdamW, a NaN check) makes these tests fail.
import { beforeAll, describe, expect, it } from 'vitest';
import { countBackend } from '../../backend/backend-counters';
import { JobControl } from '../../job/job-control';
import { createGpt, disposeGpt, gptConfig } from '../../model/gpt';
import { CROSS_ENTROPY } from '../step/losses';
import { STAGE_GROUPS } from '../step/param-groups';
import { useBackend } from '../../backend/test-backends';
import { trainStage, type TrainStageOptions } from './stage-runner';
import { syntheticStageData } from './test-support';

const config = gptConfig('nano', { vocabSize: 64, contextLength: 16 });
const data = syntheticStageData(config, 40, 'reads');

/** Reads of each step but the last (the last is followed by the final checkpoint, which reads the weights). */
async function readsPerStep(options: Partial<TrainStageOptions>, steps: number): Promise<number[]> {
  const model = createGpt(config, 'reads');
  const marks: number[] = [];
  const counter = countBackend();
  // A control that notes the count before each step (the runner calls it between steps).
  const control = new JobControl('reads');
  const between = control.betweenSteps.bind(control);
  control.betweenSteps = async () => {
    marks.push(counter.counts().reads);
    await between();
  };
  try {
    await trainStage({ model, stage: 'finetune', data, steps, learningRate: 1e-3, batchSize: 8, seed: 3, loss: CROSS_ENTROPY, control, ...options });
  } finally {
    counter.stop();
    disposeGpt(model);
  }
  // The last `steps` marks: the feature-based probe calls the control between its feature batches too.
  const stepMarks = marks.slice(-steps);
  return stepMarks.slice(1).map((mark, i) => mark - stepMarks[i]);
}

describe('reads back to the CPU per training step (cpu backend)', () => {
  beforeAll(() => useBackend('cpu'));

  it('fine-tune: one read at the first step and every lossEvery-th, none otherwise', async () => {
    expect(await readsPerStep({ lossEvery: 4 }, 12)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
  });

  it('pretraining (LM objective) reads the same way', async () => {
    expect(await readsPerStep({ stage: 'pretrain', data: { sequences: data.sequences }, loss: undefined, lossEvery: 3 }, 7)).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('the probe, on features and through the model, reads the same way', async () => {
    expect(await readsPerStep({ stage: 'probe', lossEvery: 5 }, 7)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(await readsPerStep({ stage: 'probe', probeOnFeatures: false, groups: STAGE_GROUPS.probe, lossEvery: 5 }, 7)).toEqual([1, 0, 0, 0, 0, 1]);
  });

  it('lossEvery 1 reads every step once', async () => {
    expect(await readsPerStep({ lossEvery: 1 }, 5)).toEqual([1, 1, 1, 1]);
  });
});
