import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './test-backends';
import { countBackend, countsPerStep } from './backend-counters';

describe('countBackend', () => {
  beforeAll(() => useBackend('cpu'));

  it('counts every data(), dataSync() and array() as a read, and nothing else', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    const counter = countBackend();
    try {
      const y = tf.tidy(() => tf.sum(tf.mul(x, 2)));
      expect(counter.counts().reads).toBe(0);
      y.dataSync();
      await tf.square(x).data();
      await tf.add(x, 1).array();
      expect(counter.counts().reads).toBe(3);
      counter.reset();
      expect(counter.counts().reads).toBe(0);
      tf.dispose(y);
    } finally {
      counter.stop();
      x.dispose();
    }
  });

  it('does not count a cpu kernel reading its own inputs (gather, tile)', () => {
    const counter = countBackend();
    try {
      tf.dispose(tf.tidy(() => [tf.gather(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([1, 0], 'int32')), tf.tile(tf.tensor1d([1, 2]), [3])]));
      expect(counter.counts().reads).toBe(0);
    } finally {
      counter.stop();
    }
  });

  it('gives null for what the cpu backend does not have, and puts the engine back on stop', () => {
    const engine = tf.engine() as unknown as Record<string, unknown>;
    const counter = countBackend();
    expect(Object.prototype.hasOwnProperty.call(engine, 'readSync')).toBe(true);
    counter.stop();
    expect(Object.prototype.hasOwnProperty.call(engine, 'readSync')).toBe(false);
    tf.tidy(() => tf.scalar(1).dataSync());
    expect(counter.counts()).toEqual({ reads: 0, gpuReads: null, dispatches: null, buffersCreated: null, bytesCreated: null, shaderCompilations: null });
  });

  it('counts dispatches, new buffers and compiled pipelines through the webgpu backend hooks', () => {
    // A stand-in with the fields and methods tfjs-backend-webgpu 4.22 has.
    const manager = { numBytesAllocated: 0, free: 0, acquireBuffer(size: number) { if (this.free > 0) this.free--; else this.numBytesAllocated += size; } };
    const onCpu = {};
    const fake = {
      pipelineCache: { a: 1 } as Record<string, number>,
      bufferManager: manager,
      tensorMap: new Map<object, { values: unknown }>([[onCpu, { values: [1] }]]),
      recordAndSubmit(program?: object) { return program; },
      getBufferData() {},
      readSync(id: object) { return id; },
    };
    const engine = { read() {}, readSync() {} };
    const counter = countBackend(fake as unknown as tf.KernelBackend, engine);
    class BinaryOpProgram {}
    fake.recordAndSubmit(new BinaryOpProgram());
    fake.recordAndSubmit({ shaderKey: 'lab_layer_norm_64,1,12,1,1float32' });
    manager.acquireBuffer(64);
    manager.free = 1;
    manager.acquireBuffer(64);
    fake.pipelineCache.b = 2;
    engine.readSync();
    fake.readSync({}); // values on the GPU: a copy
    fake.readSync(onCpu); // values already on the CPU: no copy
    fake.getBufferData();
    counter.stop();
    const counts = counter.counts();
    expect(counts).toEqual({ reads: 1, gpuReads: 2, dispatches: 2, buffersCreated: 1, bytesCreated: 64, shaderCompilations: 1 });
    expect(counter.dispatchesByProgram()).toEqual({ BinaryOpProgram: 1, lab_layer_norm: 1 });
    expect(countsPerStep(counts, 2)).toEqual({ reads: 0.5, gpuReads: 1, dispatches: 1, buffersCreated: 0.5, bytesCreated: 32, shaderCompilations: 0.5 });
  });
});
