// Sum over the rows of x [rows, cols] into out [cols]: four columns per SIMD lane group, rows in order
// (the same order as the JavaScript reference, so both give the same float32 sums).
export function columnSum(x: usize, rows: i32, cols: i32, out: usize): void {
  const stride = <usize>cols << 2;
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    let acc = f32x4.splat(0);
    let p = x + (<usize>c << 2);
    for (let r = 0; r < rows; r++) {
      acc = f32x4.add(acc, v128.load(p));
      p += stride;
    }
    v128.store(out + (<usize>c << 2), acc);
  }
  for (; c < cols; c++) {
    let sum: f32 = 0;
    let p = x + (<usize>c << 2);
    for (let r = 0; r < rows; r++) {
      sum += load<f32>(p);
      p += stride;
    }
    store<f32>(out + (<usize>c << 2), sum);
  }
}
