// How the lab's fused kernels are written for tfjs-backend-webgpu 4.22's backend.runWebGPUProgram: the
// backend declares one storage binding per input (named as in variableNames, read as plain arrays
// here), the output `result` with setOutputAtIndex, and a uniform struct holding every input's shape
// (`<name>Shape`), `size` when asked for, and the program's own fields (`uniforms`). Every number a
// shader depends on is a uniform, so one compiled pipeline serves every step; shaderKey names only
// what changes the code.
//
// Row programs run one workgroup of ROW_THREADS threads per row and reduce with a tree in workgroup
// memory; element programs run one thread per output element.

/** The fields of tfjs-backend-webgpu's WebGPUProgram that these programs set. */
export interface FusedProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size?: boolean;
  uniforms?: string;
  getUserCode(): string;
}

export const ROW_THREADS = 64;
const ELEMENT_THREADS = 64;

const ROW_REDUCTIONS = `
  var<workgroup> partial : array<f32, ${ROW_THREADS}>;
  fn rowSum(value : f32, tid : i32) -> f32 {
    partial[tid] = value;
    workgroupBarrier();
    for (var width = ${ROW_THREADS / 2}; width > 0; width = width >> 1) {
      if (tid < width) { partial[tid] = partial[tid] + partial[tid + width]; }
      workgroupBarrier();
    }
    let total = partial[0];
    workgroupBarrier();
    return total;
  }
  fn rowMax(value : f32, tid : i32) -> f32 {
    partial[tid] = value;
    workgroupBarrier();
    for (var width = ${ROW_THREADS / 2}; width > 0; width = width >> 1) {
      if (tid < width) { partial[tid] = max(partial[tid], partial[tid + width]); }
      workgroupBarrier();
    }
    let largest = partial[0];
    workgroupBarrier();
    return largest;
  }`;

export function elementProgram(name: string, variableNames: string[], outputShape: number[], body: string, uniforms?: string): FusedProgram {
  const size = outputShape.reduce((a, b) => a * b, 1);
  return {
    variableNames,
    outputShape,
    shaderKey: `lab_${name}`,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [Math.ceil(size / ELEMENT_THREADS), 1, 1],
    workgroupSize: [ELEMENT_THREADS, 1, 1],
    size: true,
    uniforms,
    getUserCode: () => `
  fn main(index : i32) {
    if (index < uniforms.size) {
      ${body}
    }
  }`,
  };
}

/**
 * One workgroup per row of `rows`; the body sees row, tid and cols. Rows are the output's first axis.
 * Above 65,535 workgroups tfjs spreads the dispatch over two axes and rounds it up: the extra
 * workgroups redo the last row (same values), so no row index runs past the buffers.
 */
export function rowProgram(name: string, variableNames: string[], outputShape: number[], cols: string, body: string, uniforms?: string): FusedProgram {
  const rowCount = outputShape.length === 1 ? 'uniforms.outShape' : 'uniforms.outShape[0]';
  return {
    variableNames,
    outputShape,
    shaderKey: `lab_${name}`,
    dispatchLayout: { x: outputShape.map((_, i) => i) },
    dispatch: [outputShape[0], 1, 1],
    workgroupSize: [ROW_THREADS, 1, 1],
    uniforms,
    getUserCode: () => `
  ${ROW_REDUCTIONS}
  fn main(index : i32) {
    let row = min(index / ${ROW_THREADS}, ${rowCount} - 1);
    let tid = i32(localId.x);
    let cols = ${cols};
    ${body}
  }`,
  };
}
