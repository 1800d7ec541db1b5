// Attention's head layout in one pass each way, instead of a split, three reshapes, three 4-D
// transposes and a scaling (and a transpose and a reshape back). d = H * hd, rows are the B*T positions.
//   splitHeads: qkv [B*T, 3d] -> queries [B,H,T,hd] (times scale), keysT [B,H,hd,T], values [B,H,T,hd]
//   mergeHeads: mixed [B,H,T,hd] -> [B*T, d]
// Both are pure data movement: their gradients (registered for the kernels, kernel-gradient.ts) are the
// inverse movement and save no tensors.
import * as tf from '@tensorflow/tfjs';
import { checkedGradient } from '../broken-gradients';
import { runKernel, type FusedKernelSpec } from './define-kernel';
import { registerKernelGradient } from './kernel-gradient';

interface HeadLayout {
  B: number;
  T: number;
  H: number;
  hd: number;
}

type SplitAttrs = HeadLayout & { scale: number };

const layoutText = ({ B, T, H, hd }: HeadLayout) => `B ${B}, T ${T}, H ${H}, hd ${hd}`;

function checkRows(kernel: string, name: string, shape: number[], layout: HeadLayout, width: number): void {
  if (shape.length !== 2 || shape[0] !== layout.B * layout.T || shape[1] !== width) {
    throw new RangeError(`${kernel}: ${name} must be [${layout.B * layout.T}, ${width}] for ${layoutText(layout)}, got [${shape}].`);
  }
}

function checkHeads(kernel: string, name: string, shape: number[], expected: number[], layout: HeadLayout): void {
  if (!tf.util.arraysEqual(shape, expected)) throw new RangeError(`${kernel}: ${name} must be [${expected}] for ${layoutText(layout)}, got [${shape}].`);
}

const headShape = ({ B, T, H, hd }: HeadLayout) => [B, H, T, hd];
const keysTShape = ({ B, T, H, hd }: HeadLayout) => [B, H, hd, T];

/** Visits every head element: its row and column (< H hd) among the rows, its index in [B,H,T,hd] and in [B,H,hd,T]. */
function forEachHeadElement(layout: HeadLayout, visit: (row: number, column: number, head: number, transposedHead: number) => void): void {
  const { B, T, H, hd } = layout;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const base = (b * H + h) * T * hd;
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < hd; j++) visit(b * T + t, h * hd + j, base + t * hd + j, base + j * T + t);
      }
    }
  }
}

const SPLIT_HEADS: FusedKernelSpec<SplitAttrs> = {
  name: 'LabSplitHeads',
  inputs: ['qkv'],
  outputs([shape], layout) {
    checkRows('LabSplitHeads', 'qkv', shape, layout, 3 * layout.H * layout.hd);
    return [headShape(layout), keysTShape(layout), headShape(layout)].map((s) => ({ shape: s, dtype: 'float32' }));
  },
  cpu([qkv], _shapes, [q, kT, v], layout) {
    const d = layout.H * layout.hd;
    const scale = Math.fround(layout.scale); // as the float32 scalar the composition multiplies by
    forEachHeadElement(layout, (row, column, head, transposedHead) => {
      q[head] = qkv[row * 3 * d + column] * scale;
      kT[transposedHead] = qkv[row * 3 * d + d + column];
      v[head] = qkv[row * 3 * d + 2 * d + column];
    });
  },
  wasm(kernels, [qkv], _shapes, [q, kT, v], { B, T, H, hd, scale }) {
    kernels.splitHeads(qkv, B, T, H, hd, scale, q, kT, v);
  },
};

const JOIN_HEAD_GRADIENTS: FusedKernelSpec<SplitAttrs> = {
  name: 'LabJoinHeadGradients',
  inputs: ['dq', 'dkT', 'dv'],
  outputs([dq, dkT, dv], layout) {
    checkHeads('LabJoinHeadGradients', 'dq', dq, headShape(layout), layout);
    checkHeads('LabJoinHeadGradients', 'dkT', dkT, keysTShape(layout), layout);
    checkHeads('LabJoinHeadGradients', 'dv', dv, headShape(layout), layout);
    return [{ shape: [layout.B * layout.T, 3 * layout.H * layout.hd], dtype: 'float32' }];
  },
  cpu([dq, dkT, dv], _shapes, [dqkv], layout) {
    const d = layout.H * layout.hd;
    const scale = Math.fround(layout.scale);
    forEachHeadElement(layout, (row, column, head, transposedHead) => {
      dqkv[row * 3 * d + column] = dq[head] * scale;
      dqkv[row * 3 * d + d + column] = dkT[transposedHead];
      dqkv[row * 3 * d + 2 * d + column] = dv[head];
    });
  },
  wasm(kernels, [dq, dkT, dv], _shapes, [dqkv], { B, T, H, hd, scale }) {
    kernels.joinHeadGradients(dq, dkT, dv, B, T, H, hd, scale, dqkv);
  },
};

const MERGE_HEADS: FusedKernelSpec<HeadLayout> = {
  name: 'LabMergeHeads',
  inputs: ['mixed'],
  outputs([shape], layout) {
    checkHeads('LabMergeHeads', 'mixed', shape, headShape(layout), layout);
    return [{ shape: [layout.B * layout.T, layout.H * layout.hd], dtype: 'float32' }];
  },
  cpu([mixed], _shapes, [out], layout) {
    const d = layout.H * layout.hd;
    forEachHeadElement(layout, (row, column, head) => { out[row * d + column] = mixed[head]; });
  },
  wasm(kernels, [mixed], _shapes, [out], { B, T, H, hd }) {
    kernels.mergeHeads(mixed, B, T, H, hd, out);
  },
};

const UNMERGE_HEADS: FusedKernelSpec<HeadLayout> = {
  name: 'LabUnmergeHeads',
  inputs: ['dout'],
  outputs([shape], layout) {
    checkRows('LabUnmergeHeads', 'dout', shape, layout, layout.H * layout.hd);
    return [{ shape: headShape(layout), dtype: 'float32' }];
  },
  cpu([dout], _shapes, [dmixed], layout) {
    const d = layout.H * layout.hd;
    forEachHeadElement(layout, (row, column, head) => { dmixed[head] = dout[row * d + column]; });
  },
  wasm(kernels, [dout], _shapes, [dmixed], { B, T, H, hd }) {
    kernels.unmergeHeads(dout, B, T, H, hd, dmixed);
  },
};

export interface AttentionHeads {
  /** [B,H,T,hd], scaled by 1/sqrt(hd). */
  queries: tf.Tensor4D;
  /** [B,H,hd,T]: the keys transposed, ready for queries @ keysT. */
  keysT: tf.Tensor4D;
  /** [B,H,T,hd]. */
  values: tf.Tensor4D;
}

/** Queries (scaled by 1/sqrt(hd)), transposed keys and values of H heads from qkv [B*T, 3d], in one pass. */
export function splitHeads(qkv: tf.Tensor2D, B: number, T: number, H: number): AttentionHeads {
  const hd = qkv.shape[1] / (3 * H);
  if (!Number.isInteger(hd)) throw new RangeError(`splitHeads: qkv's ${qkv.shape[1]} columns are not 3 x ${H} heads.`);
  registerKernelGradient(SPLIT_HEADS.name, (dys, _saved, attrs) => {
    const [dq, dkT, dv] = dys as tf.Tensor[];
    return { qkv: () => checkedGradient('splitHeads', runKernel(JOIN_HEAD_GRADIENTS, [dq, dkT, dv], attrs as unknown as SplitAttrs)[0]) };
  });
  const [queries, keysT, values] = runKernel(SPLIT_HEADS, [qkv], { B, T, H, hd, scale: 1 / Math.sqrt(hd) }) as tf.Tensor4D[];
  return { queries, keysT, values };
}

/** mixed [B,H,T,hd] -> [B*T, H hd]: each position's heads side by side. */
export function mergeHeads(mixed: tf.Tensor4D): tf.Tensor2D {
  if (mixed.rank !== 4) throw new RangeError(`mergeHeads: mixed must be [B,H,T,hd], got [${mixed.shape}].`);
  registerKernelGradient(MERGE_HEADS.name, (dy, _saved, attrs) => ({
    mixed: () => checkedGradient('mergeHeads', runKernel(UNMERGE_HEADS, [dy as tf.Tensor], attrs as unknown as HeadLayout)[0]),
  }));
  const [B, H, T, hd] = mixed.shape;
  return runKernel(MERGE_HEADS, [mixed], { B, T, H, hd })[0] as tf.Tensor2D;
}
