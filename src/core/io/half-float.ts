// 16-bit floats of safetensors files made elsewhere, widened to float32 (exactly: every F16 and
// BF16 value is a float32 value). Input: little-endian bytes, 2 per element.
//   F16  (IEEE binary16): 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits
//   BF16 (bfloat16):      the upper 16 bits of a float32 (1 sign, 8 exponent, 7 fraction)

/** binary16 bit pattern -> the float32 value it stands for (subnormals, infinities and NaN too). */
export function float16BitsToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals: fraction * 2^-14 / 1024
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function readUint16(source: Uint8Array, index: number): number {
  return source[2 * index] | (source[2 * index + 1] << 8);
}

export function float16ToFloat32(source: Uint8Array): Float32Array {
  const out = new Float32Array(source.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = float16BitsToNumber(readUint16(source, i));
  return out;
}

export function bfloat16ToFloat32(source: Uint8Array): Float32Array {
  const bits = new Uint32Array(source.length / 2);
  for (let i = 0; i < bits.length; i++) bits[i] = readUint16(source, i) << 16;
  // The same 32 bits read as floats; Uint32Array and Float32Array share the platform's byte order.
  return new Float32Array(bits.buffer);
}
