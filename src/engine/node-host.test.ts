import { afterAll, describe, expect, it } from 'vitest';
import { createNodeLabEngine } from './node-engine';

describe("the Node engine's training threads", () => {
  const engine = createNodeLabEngine();
  afterAll(() => engine.close());

  it('starts the asked threads at init(), hands them to its jobs, and stops them at close()', async () => {
    const info = await engine.init({ backend: 'cpu', trainingThreads: 3 });
    expect(info.trainingThreads).toBe(3);
    const bench = { preset: 'nano', batch: 4, length: 8, steps: 1, warmup: 0 } as const;
    expect((await engine.benchmarkTraining(bench)).trainingThreads).toBe(3);
    await engine.close();
    expect((await engine.benchmarkTraining(bench)).trainingThreads).toBe(1);
    expect((await engine.backendInfo()).trainingThreads).toBe(1);
  });
});
