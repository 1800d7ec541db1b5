// WGSL programs of clipping by global norm and AdamW (fused-adamw.ts).
import { ROW_THREADS, elementProgram, rowProgram, type FusedProgram } from './program-builders';

/** Most gradients one sum-of-squares dispatch binds (8 storage buffers per stage, one is the output). */
export const SQUARES_PER_DISPATCH = 6;

/**
 * Sum of squares of every element of the 1-D inputs g0..g(k-1), plus the running total `acc` [1]
 * when `accumulate`; output [1]. One workgroup strides over everything.
 */
export function sumOfSquaresProgram(count: number, accumulate: boolean): FusedProgram {
  const names = Array.from({ length: count }, (_, i) => `g${i}`);
  const loops = names.map((name) => `
    for (var i = tid; i < uniforms.${name}Shape; i += ${ROW_THREADS}) { let v = ${name}[i]; s += v * v; }`).join('');
  return rowProgram(`sum_of_squares_${count}_${accumulate ? 'acc' : 'new'}`, accumulate ? ['acc', ...names] : names, [1], '0', `
    var s = 0.0;
    ${loops}
    let total = rowSum(s, tid);
    if (tid == 0) { setOutputAtIndex(0, total${accumulate ? ' + acc[0]' : ''}); }`);
}

/** The clipped gradient element: g * maxNorm / max(||g||, maxNorm), or g when clipping is off. */
const CLIPPED = `
      let norm = sqrt(sumSq[0]);
      let scale = select(1.0, uniforms.maxNorm / max(norm, uniforms.maxNorm), uniforms.clip != 0);
      let g = select(grad[index], grad[index] * scale, uniforms.clip != 0);`;

/** An Adam moment: m * beta + g * (1 - beta), or for the second moment v * beta + g^2 * (1 - beta). */
export function adamMomentProgram(size: number, second: boolean): FusedProgram {
  return elementProgram(`adam_moment_${second ? 'second' : 'first'}`, ['moment', 'grad', 'sumSq'], [size], `
      ${CLIPPED}
      setOutputAtIndex(index, moment[index] * uniforms.beta + ${second ? 'g * g' : 'g'} * uniforms.oneMinusBeta);`,
  'beta : f32, oneMinusBeta : f32, maxNorm : f32, clip : i32,');
}

/** The AdamW step of a parameter from its new moments (adamw.ts's order of operations). */
export function adamParamProgram(size: number): FusedProgram {
  return elementProgram('adam_param', ['param', 'm', 'v'], [size], `
      let denominator = sqrt(v[index]) / uniforms.sqrtCorrection2 + uniforms.epsilon;
      let kept = select(param[index], param[index] * uniforms.decay, uniforms.decays != 0);
      setOutputAtIndex(index, kept - (m[index] / denominator) * uniforms.stepSize);`,
  'sqrtCorrection2 : f32, epsilon : f32, decay : f32, stepSize : f32, decays : i32,');
}
