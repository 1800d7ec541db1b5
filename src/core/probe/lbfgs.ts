// Limited-memory BFGS in float64 for a smooth objective: the two-loop recursion over the last few
// (step, gradient change) pairs, and a backtracking line search that asks for sufficient decrease
// (Armijo). It stops when the gradient's largest entry falls below `tolerance`, or after
// `maxIterations`. Pairs with a non-positive curvature s.y are skipped, so the direction stays a
// descent direction; on a strictly convex objective (L2 > 0) that never happens.

/** The objective's value at x, writing its gradient into `gradient`. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when max |gradient_i| is below this. */
  tolerance: number;
  /** Pairs kept (default 10). */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  /** max |gradient_i| at x. */
  gradNorm: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 40;

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]));
  return max;
}

/** -H g by the two-loop recursion, H the L-BFGS inverse-Hessian estimate. */
function direction(gradient: Float64Array, steps: Float64Array[], changes: Float64Array[]): Float64Array {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const alpha = dot(steps[i], q) / dot(changes[i], steps[i]);
    alphas[i] = alpha;
    for (let j = 0; j < q.length; j++) q[j] -= alpha * changes[i][j];
  }
  if (steps.length > 0) {
    const last = steps.length - 1;
    const gamma = dot(steps[last], changes[last]) / dot(changes[last], changes[last]);
    for (let j = 0; j < q.length; j++) q[j] *= gamma;
  }
  for (let i = 0; i < steps.length; i++) {
    const beta = dot(changes[i], q) / dot(changes[i], steps[i]);
    for (let j = 0; j < q.length; j++) q[j] += steps[i][j] * (alphas[i] - beta);
  }
  for (let j = 0; j < q.length; j++) q[j] = -q[j];
  return q;
}

export function minimizeLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const memory = options.memory ?? 10;
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  let iterations = 0;
  while (iterations < options.maxIterations && maxAbs(gradient) >= options.tolerance) {
    let d = direction(gradient, steps, changes);
    let slope = dot(gradient, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      d = gradient.map((g) => -g);
      slope = dot(gradient, d);
    }
    // The first step has no curvature estimate: scale it to a unit move.
    let t = steps.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const nextX = new Float64Array(n);
    const nextGradient = new Float64Array(n);
    let nextValue = Infinity;
    let accepted = false;
    for (let tries = 0; tries < MAX_BACKTRACKS; tries++) {
      for (let j = 0; j < n; j++) nextX[j] = x[j] + t * d[j];
      nextValue = objective(nextX, nextGradient);
      if (Number.isFinite(nextValue) && nextValue <= value + ARMIJO * t * slope) {
        accepted = true;
        break;
      }
      t /= 2;
    }
    iterations++;
    if (!accepted) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = nextX[j] - x[j];
      y[j] = nextGradient[j] - gradient[j];
    }
    if (dot(s, y) > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      steps.push(s);
      changes.push(y);
      if (steps.length > memory) {
        steps.shift();
        changes.shift();
      }
    }
    x = nextX;
    gradient = nextGradient;
    value = nextValue;
  }
  const gradNorm = maxAbs(gradient);
  return { x, value, iterations, gradNorm, converged: gradNorm < options.tolerance };
}
