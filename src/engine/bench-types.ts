// The engine's benchmark methods. Types only: the page and bench scripts import this without tfjs.
import type { BackendCounts } from '../core/backend/backend-counters';

export interface TrainingBenchmarkOptions {
  /** Model preset: nano, small or base. */
  preset: string;
  /** Rows per batch. */
  batch: number;
  /** Tokens per row (at most the preset's context length). */
  length: number;
  /** Timed steps; the throughput is their median. */
  steps: number;
  /** Untimed steps first (kernel compilation, allocator warm-up). */
  warmup: number;
  /** The step timed: a language-model step (default) or a grade-classification step with the OCC loss. */
  objective?: 'lm' | 'classify';
  /** Read the loss back once every N timed steps (and after the last), as the trainer does; default the trainer's. */
  lossEvery?: number;
  /** webgpu only: false runs the tfjs composition instead of the fused kernels (model/webgpu) for this benchmark. */
  fusedKernels?: boolean;
}

export interface TrainingBenchmarkResult {
  backend: string;
  preset: string;
  parameters: number;
  batch: number;
  length: number;
  /** batch * length / median step time. */
  tokensPerSecond: number;
  /**
   * Median step time in milliseconds. Steps are timed in windows of `lossEvery` steps that end with the
   * loss read back (as the trainer does); each step of a window gets the window's time / its steps.
   */
  stepMs: number;
  /** Every timed step, in milliseconds (per window, as above). */
  stepsMs: number[];
  /** Peak bytes of live tensors during one extra step (tf.profile). */
  peakBytes: number;
  /** Live tensor bytes between steps (model, optimizer state). */
  residentBytes: number;
  lastLoss: number;
  /** Threads each step split its batch over (the engine's training threads; 1 = none). */
  trainingThreads: number;
  /**
   * What the backend did per timed step, averaged over the timed steps (after warm-up): reads back to
   * the CPU on every backend; dispatches, buffers created and shader compilations on webgpu (null elsewhere).
   */
  perStep?: BackendCounts;
  /** Dispatches per timed step by program (webgpu; empty elsewhere), e.g. { BinaryOpProgram: 410, lab_layer_norm: 9 }. */
  dispatchesByProgram?: Record<string, number>;
}

export interface BenchEngine {
  /** Times LM training steps (AdamW, clipping at 1) of a fresh seeded model on a synthetic batch. */
  benchmarkTraining(options: TrainingBenchmarkOptions): Promise<TrainingBenchmarkResult>;
}
