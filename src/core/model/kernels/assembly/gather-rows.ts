// Embedding rows: out[i] = table[ids[i]] for a table [rows, width], and the gradient's scatter-add
// (out[ids[i]] += dy[i] over i in order, so repeated ids sum in the same order on cpu and wasm).
// Both return the position of the first id outside [0, rows), or -1; on a bad id nothing useful is written.

function firstBadId(ids: usize, n: i32, rows: i32): i32 {
  for (let i = 0; i < n; i++) {
    const id = load<i32>(ids + (<usize>i << 2));
    if (id < 0 || id >= rows) return i;
  }
  return -1;
}

// @ts-ignore: decorator
@inline
function addRow(to: usize, from: usize, width: i32): void {
  let c = 0;
  for (; c + 4 <= width; c += 4) {
    const at = <usize>c << 2;
    v128.store(to + at, f32x4.add(v128.load(to + at), v128.load(from + at)));
  }
  for (; c < width; c++) {
    const at = <usize>c << 2;
    store<f32>(to + at, load<f32>(to + at) + load<f32>(from + at));
  }
}

export function gatherRows(table: usize, rows: i32, width: i32, ids: usize, n: i32, out: usize): i32 {
  const bad = firstBadId(ids, n, rows);
  if (bad >= 0) return bad;
  const rowBytes = <usize>width << 2;
  for (let i = 0; i < n; i++) {
    const id = load<i32>(ids + (<usize>i << 2));
    memory.copy(out + <usize>i * rowBytes, table + <usize>id * rowBytes, rowBytes);
  }
  return -1;
}

export function scatterAddRows(dy: usize, n: i32, width: i32, ids: usize, rows: i32, out: usize): i32 {
  const bad = firstBadId(ids, n, rows);
  if (bad >= 0) return bad;
  const rowBytes = <usize>width << 2;
  memory.fill(out, 0, <usize>rows * rowBytes);
  for (let i = 0; i < n; i++) {
    const id = load<i32>(ids + (<usize>i << 2));
    addRow(out + <usize>id * rowBytes, dy + <usize>i * rowBytes, width);
  }
  return -1;
}
