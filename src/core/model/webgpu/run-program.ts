// Runs a program (block-programs.ts, adamw-programs.ts) on the active webgpu backend and hands its output to tfjs as a tensor.
// tfjs-backend-webgpu is not imported: the backend object is reached through tf.backend(), so hosts
// without WebGPU (Node, wasm) never load it.
import * as tf from '@tensorflow/tfjs';
import { BackendUnavailableError } from '../../backend/errors';
import type { FusedProgram } from './program-builders';

export interface ProgramUniform {
  type: 'float32' | 'int32';
  data: number[];
}

interface WebGpuProgramRunner {
  runWebGPUProgram(program: FusedProgram, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: ProgramUniform[]): tf.TensorInfo;
}

export function runProgram(program: FusedProgram, inputs: tf.Tensor[], uniforms?: ProgramUniform[], dtype: tf.DataType = 'float32'): tf.Tensor {
  const backend = tf.backend() as unknown as Partial<WebGpuProgramRunner>;
  if (typeof backend.runWebGPUProgram !== 'function') {
    throw new BackendUnavailableError(`The fused kernel ${program.shaderKey} runs on the webgpu backend only; the active one is ${tf.getBackend()}.`, { kernel: program.shaderKey, backend: tf.getBackend() });
  }
  const output = backend.runWebGPUProgram(program, inputs, dtype, uniforms);
  return tf.engine().makeTensorFromTensorInfo(output);
}

export const f32 = (...data: number[]): ProgramUniform => ({ type: 'float32', data });
export const i32 = (...data: number[]): ProgramUniform => ({ type: 'int32', data });
