import { describe, expect, it } from 'vitest';
import { bfloat16ToFloat32, float16ToFloat32 } from './half-float';
import { decodeSafetensors } from './safetensors';

/** 16-bit patterns as little-endian bytes. */
function le16(...patterns: number[]): Uint8Array {
  return Uint8Array.from(patterns.flatMap((bits) => [bits & 0xff, bits >> 8]));
}

describe('half floats', () => {
  it('widens IEEE binary16 exactly, subnormals, infinities and NaN included', () => {
    const values = float16ToFloat32(le16(0x3c00, 0xc000, 0x3555, 0x0001, 0x03ff, 0x7bff, 0x7c00, 0xfc00, 0x8000, 0x7e00));
    expect(Array.from(values.subarray(0, 9))).toEqual([1, -2, 0.333251953125, 2 ** -24, 1023 * 2 ** -24, 65504, Infinity, -Infinity, -0]);
    expect(Object.is(values[8], -0)).toBe(true);
    expect(values[9]).toBeNaN();
  });

  it('widens bfloat16 as the upper half of a float32', () => {
    const values = bfloat16ToFloat32(le16(0x3f80, 0xc000, 0x4049, 0x7f80, 0x0001));
    expect(Array.from(values)).toEqual([1, -2, 3.140625, Infinity, 2 ** -133]);
  });

  it('reads F16 and BF16 tensors of a safetensors file as float32', () => {
    const header = JSON.stringify({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] }, b: { dtype: 'BF16', shape: [1, 2], data_offsets: [4, 8] } });
    const json = new TextEncoder().encode(header);
    const bytes = new Uint8Array(8 + json.length + 8);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
    bytes.set(json, 8);
    bytes.set(le16(0x3c00, 0xbc00, 0x4049, 0x3f00), 8 + json.length);
    const { tensors } = decodeSafetensors(bytes);
    expect(tensors.map((t) => [t.name, t.dtype, t.shape, Array.from(t.data)])).toEqual([
      ['h', 'float32', [2], [1, -1]],
      ['b', 'float32', [1, 2], [3.140625, 0.5]],
    ]);
  });
});
