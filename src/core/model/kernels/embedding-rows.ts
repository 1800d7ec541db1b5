// Embedding lookup table[ids] and its gradient (a scatter-add of dy into the table's shape) as single
// kernels. tfjs-wasm's GatherV2 copies element by element with index arithmetic (~6-15 ms for 1,024-1,280
// rows of 128 in a `small` step); this copies whole rows.
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { runKernel, type FusedKernelSpec, type KernelArray } from './define-kernel';

function badIdError(kernel: string, position: number, rows: number): RangeError {
  return new RangeError(`${kernel}: the id at position ${position} is outside the table's ${rows} rows.`);
}

function firstBadId(ids: KernelArray, rows: number): number {
  for (let i = 0; i < ids.length; i++) if (!(ids[i] >= 0 && ids[i] < rows)) return i;
  return -1;
}

function checkIds(kernel: string, ids: number[]): void {
  if (ids.length !== 1) throw new RangeError(`${kernel}: ids must be [N], got [${ids}].`);
}

const GATHER_ROWS: FusedKernelSpec<Record<string, never>> = {
  name: 'LabGatherRows',
  inputs: ['table', 'ids'],
  outputs([table, ids]) {
    if (table.length !== 2) throw new RangeError(`LabGatherRows: table must be [rows, width], got [${table}].`);
    checkIds('LabGatherRows', ids);
    return [{ shape: [ids[0], table[1]], dtype: 'float32' }];
  },
  cpu([table, ids], [[rows, width]], [out]) {
    const bad = firstBadId(ids, rows);
    if (bad >= 0) throw badIdError('LabGatherRows', bad, rows);
    ids.forEach((id, i) => out.set(table.subarray(id * width, (id + 1) * width), i * width));
  },
  wasm(kernels, [table, ids], [[rows, width], [n]], [out]) {
    const bad = kernels.gatherRows(table, rows, width, ids, n, out);
    if (bad >= 0) throw badIdError('LabGatherRows', bad, rows);
  },
};

const SCATTER_ADD_ROWS: FusedKernelSpec<{ rows: number }> = {
  name: 'LabScatterAddRows',
  inputs: ['dy', 'ids'],
  outputs([dy, ids], { rows }) {
    if (dy.length !== 2) throw new RangeError(`LabScatterAddRows: dy must be [N, width], got [${dy}].`);
    checkIds('LabScatterAddRows', ids);
    if (ids[0] !== dy[0]) throw new RangeError(`LabScatterAddRows: ${ids[0]} ids for ${dy[0]} rows of dy.`);
    return [{ shape: [rows, dy[1]], dtype: 'float32' }];
  },
  cpu([dy, ids], [[, width]], [out], { rows }) {
    const bad = firstBadId(ids, rows);
    if (bad >= 0) throw badIdError('LabScatterAddRows', bad, rows);
    ids.forEach((id, i) => {
      for (let c = 0; c < width; c++) out[id * width + c] += dy[i * width + c];
    });
  },
  wasm(kernels, [dy, ids], [[n, width]], [out], { rows }) {
    const bad = kernels.scatterAddRows(dy, n, width, ids, rows, out);
    if (bad >= 0) throw badIdError('LabScatterAddRows', bad, rows);
  },
};

type Save = (tensors: tf.Tensor[]) => void;

/** Rows table[ids] [N, d] for int32 ids [N]; the gradient is one scatter-add kernel. */
export function gatherRows(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const lookup = tf.customGrad(((rows: tf.Tensor2D, save: Save) => {
    save([ids]);
    return {
      value: runKernel(GATHER_ROWS, [rows, ids], {})[0],
      gradFunc: (dy: tf.Tensor2D, [saved]: tf.Tensor[]) => checkedGradient('embedding', runKernel(SCATTER_ADD_ROWS, [dy, saved], { rows: rows.shape[0] })[0]),
    };
  }) as never) as unknown as (rows: tf.Tensor2D) => tf.Tensor2D;
  return lookup(table);
}
