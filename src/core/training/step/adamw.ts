// AdamW (Loshchilov & Hutter): Adam with weight decay decoupled from the gradient, as in
// PyTorch's torch.optim.AdamW. For each trainable parameter p with gradient g at step t:
//
//   p <- p - lr * wd * p                      (only for parameters that decay; see param-groups.ts)
//   m <- b1 m + (1 - b1) g;   v <- b2 v + (1 - b2) g^2
//   p <- p - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
//
// lr is the schedule's rate times the parameter's group scale. State lives in tf.Variables
// owned by the optimizer; dispose() frees them.

import * as tf from '@tensorflow/tfjs';
import { labAdamWStep } from '../../model/kernels/adamw';
import { fusedWebGpuKernels } from '../../model/fused-switch';
import { adamWStep, type GpuClipping } from '../../model/webgpu/fused-adamw';
import type { ParamSetting } from './param-groups';

export interface AdamWConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
}

/** nanoGPT's defaults: beta2 0.95 is steadier than 0.999 for small batches. */
export const DEFAULT_ADAMW: Readonly<AdamWConfig> = Object.freeze({ beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1 });

interface Slot {
  setting: ParamSetting;
  param: tf.Variable;
  m: tf.Variable;
  v: tf.Variable;
}

export class AdamW {
  readonly config: AdamWConfig;
  /** Names of the parameters this optimizer updates, in a fixed order. */
  readonly trainableNames: readonly string[];
  private readonly slots = new Map<string, Slot>();
  private stepCount = 0;

  constructor(params: ReadonlyMap<string, tf.Variable>, settings: readonly ParamSetting[], config: Partial<AdamWConfig> = {}) {
    this.config = { ...DEFAULT_ADAMW, ...config };
    for (const setting of settings) {
      if (!setting.trainable) continue;
      const param = params.get(setting.name);
      if (!param) throw new RangeError(`AdamW: no parameter named "${setting.name}".`);
      const zeros = () => tf.tidy(() => tf.variable(tf.zerosLike(param), false));
      this.slots.set(setting.name, { setting, param, m: zeros(), v: zeros() });
    }
    this.trainableNames = [...this.slots.keys()];
  }

  /** Number of updates applied so far. */
  get step(): number {
    return this.stepCount;
  }

  /**
   * Applies one update. Every trainable parameter needs a gradient; others are ignored. With
   * `clipping` (fused kernels only: webgpu's, or cpu's and wasm's) the gradients are unclipped and each
   * update clips its own.
   */
  applyGradients(grads: ReadonlyMap<string, tf.Tensor>, learningRate: number, clipping?: GpuClipping): void {
    const missing = this.trainableNames.filter((name) => !grads.has(name));
    if (missing.length > 0) throw new RangeError(`AdamW: no gradient for ${missing.join(', ')}.`);
    const { beta1, beta2, epsilon, weightDecay } = this.config;
    const t = this.stepCount + 1;
    const correction1 = 1 - beta1 ** t;
    const sqrtCorrection2 = Math.sqrt(1 - beta2 ** t);
    tf.tidy(() => {
      for (const [name, slot] of this.slots) {
        const g = grads.get(name)!;
        const lr = learningRate * slot.setting.lrScale;
        if (clipping) {
          const decay = slot.setting.weightDecay && weightDecay > 0 ? 1 - lr * weightDecay : null;
          const next = (fusedWebGpuKernels() ? adamWStep : labAdamWStep)(slot.param, slot.m, slot.v, g, clipping, { beta1, beta2, epsilon, sqrtCorrection2, decay, stepSize: lr / correction1 });
          slot.m.assign(next.m);
          slot.v.assign(next.v);
          slot.param.assign(next.param);
          continue;
        }
        const m = tf.add(tf.mul(slot.m, beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(slot.v, beta2), tf.mul(tf.square(g), 1 - beta2));
        const denominator = tf.add(tf.div(tf.sqrt(v), sqrtCorrection2), epsilon);
        let next = slot.param as tf.Tensor;
        if (slot.setting.weightDecay && weightDecay > 0) next = tf.mul(next, 1 - lr * weightDecay);
        next = tf.sub(next, tf.mul(tf.div(m, denominator), lr / correction1));
        slot.m.assign(m);
        slot.v.assign(v);
        slot.param.assign(next);
      }
    });
    this.stepCount = t;
  }

  /** Moment estimates by "m.<name>" / "v.<name>" (for checkpoints); the tensors stay owned here. */
  stateTensors(): Map<string, tf.Tensor> {
    const state = new Map<string, tf.Tensor>();
    for (const [name, slot] of this.slots) {
      state.set(`m.${name}`, slot.m);
      state.set(`v.${name}`, slot.v);
    }
    return state;
  }

  /** Restores moments written by stateTensors() and the step count. */
  loadState(state: ReadonlyMap<string, tf.Tensor>, step: number): void {
    for (const [name, slot] of this.slots) {
      for (const key of ['m', 'v'] as const) {
        const saved = state.get(`${key}.${name}`);
        if (!saved) throw new RangeError(`AdamW state: "${key}.${name}" is missing.`);
        if (!tf.util.arraysEqual(saved.shape, slot[key].shape)) {
          throw new RangeError(`AdamW state: "${key}.${name}" has shape [${saved.shape}], expected [${slot[key].shape}].`);
        }
        slot[key].assign(saved);
      }
    }
    this.stepCount = step;
  }

  dispose(): void {
    for (const slot of this.slots.values()) {
      slot.m.dispose();
      slot.v.dispose();
    }
    this.slots.clear();
  }
}
