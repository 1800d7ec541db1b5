// LayerNorm over the last axis of x [rows, cols]: y = (x - mean) * rstd * gain + bias with
// rstd = 1 / sqrt(mean((x - mean)^2) + eps), the two-pass formula of ops.ts. The forward pass also
// writes each row's [mean, rstd] so the backward pass can rebuild xhat from x without storing it.

// @ts-ignore: decorator
@inline
function lanesSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

export function layerNorm(x: usize, gain: usize, bias: usize, rows: i32, cols: i32, eps: f32, out: usize, stats: usize): void {
  const stride = <usize>cols << 2;
  const n = <f32>cols;
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * stride;
    const dst = out + <usize>r * stride;
    let acc = f32x4.splat(0);
    let c = 0;
    for (; c + 4 <= cols; c += 4) acc = f32x4.add(acc, v128.load(row + (<usize>c << 2)));
    let sum = lanesSum(acc);
    for (; c < cols; c++) sum += load<f32>(row + (<usize>c << 2));
    const mean = sum / n;
    const meanV = f32x4.splat(mean);
    acc = f32x4.splat(0);
    c = 0;
    for (; c + 4 <= cols; c += 4) {
      const centred = f32x4.sub(v128.load(row + (<usize>c << 2)), meanV);
      acc = f32x4.add(acc, f32x4.mul(centred, centred));
    }
    let squares = lanesSum(acc);
    for (; c < cols; c++) {
      const centred = load<f32>(row + (<usize>c << 2)) - mean;
      squares += centred * centred;
    }
    const rstd: f32 = 1 / Mathf.sqrt(squares / n + eps);
    const rstdV = f32x4.splat(rstd);
    c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = <usize>c << 2;
      const xhat = f32x4.mul(f32x4.sub(v128.load(row + at), meanV), rstdV);
      v128.store(dst + at, f32x4.add(f32x4.mul(xhat, v128.load(gain + at)), v128.load(bias + at)));
    }
    for (; c < cols; c++) {
      const at = <usize>c << 2;
      const xhat = (load<f32>(row + at) - mean) * rstd;
      store<f32>(dst + at, xhat * load<f32>(gain + at) + load<f32>(bias + at));
    }
    store<f32>(stats + (<usize>r << 3), mean);
    store<f32>(stats + (<usize>r << 3) + 4, rstd);
  }
}

/**
 * The three gradients of layerNorm in one sweep over the rows (g = dy * gain, xhat rebuilt from x and the row stats):
 * dx = rstd * (g - mean(g) - xhat * mean(g * xhat)), dgain = sum over rows of dy * xhat, dbias = sum over rows of dy.
 */
export function layerNormGrad(
  dy: usize, x: usize, gain: usize, stats: usize, rows: i32, cols: i32, dx: usize, dgain: usize, dbias: usize,
): void {
  const stride = <usize>cols << 2;
  const n = <f32>cols;
  memory.fill(dgain, 0, stride);
  memory.fill(dbias, 0, stride);
  for (let r = 0; r < rows; r++) {
    const xRow = x + <usize>r * stride;
    const dyRow = dy + <usize>r * stride;
    const dxRow = dx + <usize>r * stride;
    const mean = load<f32>(stats + (<usize>r << 3));
    const rstd = load<f32>(stats + (<usize>r << 3) + 4);
    const meanV = f32x4.splat(mean);
    const rstdV = f32x4.splat(rstd);
    let accG = f32x4.splat(0);
    let accGX = f32x4.splat(0);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = <usize>c << 2;
      const d = v128.load(dyRow + at);
      const xhat = f32x4.mul(f32x4.sub(v128.load(xRow + at), meanV), rstdV);
      const g = f32x4.mul(d, v128.load(gain + at));
      accG = f32x4.add(accG, g);
      accGX = f32x4.add(accGX, f32x4.mul(g, xhat));
      v128.store(dgain + at, f32x4.add(v128.load(dgain + at), f32x4.mul(d, xhat)));
      v128.store(dbias + at, f32x4.add(v128.load(dbias + at), d));
    }
    let sumG = lanesSum(accG);
    let sumGX = lanesSum(accGX);
    for (; c < cols; c++) {
      const at = <usize>c << 2;
      const d = load<f32>(dyRow + at);
      const xhat = (load<f32>(xRow + at) - mean) * rstd;
      const g = d * load<f32>(gain + at);
      sumG += g;
      sumGX += g * xhat;
      store<f32>(dgain + at, load<f32>(dgain + at) + d * xhat);
      store<f32>(dbias + at, load<f32>(dbias + at) + d);
    }
    const meanG = sumG / n;
    const meanGX = sumGX / n;
    const meanGV = f32x4.splat(meanG);
    const meanGXV = f32x4.splat(meanGX);
    c = 0;
    for (; c + 4 <= cols; c += 4) {
      const at = <usize>c << 2;
      const xhat = f32x4.mul(f32x4.sub(v128.load(xRow + at), meanV), rstdV);
      const g = f32x4.mul(v128.load(dyRow + at), v128.load(gain + at));
      const inner = f32x4.sub(f32x4.sub(g, meanGV), f32x4.mul(xhat, meanGXV));
      v128.store(dxRow + at, f32x4.mul(rstdV, inner));
    }
    for (; c < cols; c++) {
      const at = <usize>c << 2;
      const xhat = (load<f32>(xRow + at) - mean) * rstd;
      const g = load<f32>(dyRow + at) * load<f32>(gain + at);
      store<f32>(dxRow + at, rstd * (g - meanG - xhat * meanGX));
    }
  }
}
