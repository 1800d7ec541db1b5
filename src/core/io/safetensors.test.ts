import { describe, expect, it } from 'vitest';
import { InvalidCheckpointFileError } from './errors';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from './safetensors';

/** Hex with whitespace and `|` separators allowed, to lay the file out by its parts. */
function hex(text: string): Uint8Array {
  const digits = text.replace(/[\s|]/g, '');
  return Uint8Array.from(digits.match(/../g)!, (pair) => parseInt(pair, 16));
}

function ascii(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// A file laid out by hand from the format description, and byte-identical to what the reference
// implementation (safetensors 0.8.0, safetensors.numpy.save) writes for the same tensors and metadata:
//   w   = F32 [[1, -2], [0.5, 3]]  -> bytes 0..16
//   ids = I32 [7, -1, 65536]       -> bytes 16..28
const HEADER_JSON =
  '{"__metadata__":{"format":"np"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},' +
  '"ids":{"dtype":"I32","shape":[3],"data_offsets":[16,28]}}';
const REFERENCE_FILE = hex(
  // header length: 145 JSON bytes + 7 spaces = 152 = 0x98, so 8 + 152 = 160 is a multiple of 8
  '9800000000000000' +
    '|' + ascii(HEADER_JSON) + '20202020202020' +
    // w: 1.0 = 0x3f800000, -2.0 = 0xc0000000, 0.5 = 0x3f000000, 3.0 = 0x40400000, little-endian
    '|0000803f 000000c0 0000003f 00004040' +
    // ids: 7, -1, 65536 little-endian
    '|07000000 ffffffff 00000100',
);
const REFERENCE_HEX_FROM_LIBRARY =
  '98000000000000007b225f5f6d657461646174615f5f223a7b22666f726d6174223a226e70227d2c2277223a7b226474797065223a22463332222c2273' +
  '68617065223a5b322c325d2c22646174615f6f666673657473223a5b302c31365d7d2c22696473223a7b226474797065223a22493332222c22736861' +
  '7065223a5b335d2c22646174615f6f666673657473223a5b31362c32385d7d7d202020202020200000803f000000c00000003f0000404007000000ff' +
  'ffffff00000100';

const TENSORS: NamedTensor[] = [
  { name: 'w', dtype: 'float32', shape: [2, 2], data: new Float32Array([1, -2, 0.5, 3]) },
  { name: 'ids', dtype: 'int32', shape: [3], data: new Int32Array([7, -1, 65536]) },
];

/** Builds a file from a header object and raw data bytes, for damaged-file cases. */
function fileWith(header: unknown, dataBytes = 0, headerLengthOverride?: bigint): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + dataBytes);
  new DataView(bytes.buffer).setBigUint64(0, headerLengthOverride ?? BigInt(json.length), true);
  bytes.set(json, 8);
  return bytes;
}

function decodeError(bytes: Uint8Array): InvalidCheckpointFileError {
  try {
    decodeSafetensors(bytes, 'model.safetensors');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCheckpointFileError);
    return error as InvalidCheckpointFileError;
  }
  throw new Error('decode accepted a damaged file');
}

describe('safetensors', () => {
  it('the hand-written file is the one the reference implementation writes', () => {
    expect(REFERENCE_FILE.length).toBe(188);
    expect(Array.from(REFERENCE_FILE)).toEqual(Array.from(hex(REFERENCE_HEX_FROM_LIBRARY)));
  });

  it('decodes the reference file', () => {
    const { tensors, metadata } = decodeSafetensors(REFERENCE_FILE);
    expect(metadata).toEqual({ format: 'np' });
    expect(tensors.map((tensor) => [tensor.name, tensor.dtype, tensor.shape])).toEqual([
      ['w', 'float32', [2, 2]],
      ['ids', 'int32', [3]],
    ]);
    expect(tensors[0].data).toBeInstanceOf(Float32Array);
    expect(Array.from(tensors[0].data)).toEqual([1, -2, 0.5, 3]);
    expect(tensors[1].data).toBeInstanceOf(Int32Array);
    expect(Array.from(tensors[1].data)).toEqual([7, -1, 65536]);
  });

  it('encodes byte for byte like the reference', () => {
    expect(Array.from(encodeSafetensors(TENSORS, { format: 'np' }))).toEqual(Array.from(REFERENCE_FILE));
  });

  it('pads the header with spaces to 8-byte alignment and omits empty metadata', () => {
    for (const name of ['a', 'ab', 'abc', 'abcd', 'abcde', 'abcdef', 'abcdefg', 'abcdefgh']) {
      const bytes = encodeSafetensors([{ name, dtype: 'float32', shape: [1], data: new Float32Array([name.length]) }]);
      const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
      expect((8 + headerLength) % 8).toBe(0);
      const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
      expect(header.trimEnd()).toBe(JSON.stringify({ [name]: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }));
      expect(decodeSafetensors(bytes).tensors[0].data[0]).toBe(name.length);
    }
  });

  it('round-trips scalars, empty tensors and views into larger buffers', () => {
    const backing = new Float32Array([9, 8, 7, 6, 5]);
    const tensors: NamedTensor[] = [
      { name: 'scalar', dtype: 'float32', shape: [], data: new Float32Array([Math.PI]) },
      { name: 'empty', dtype: 'int32', shape: [0, 3], data: new Int32Array(0) },
      { name: 'view', dtype: 'float32', shape: [3], data: backing.subarray(1, 4) },
    ];
    const decoded = decodeSafetensors(encodeSafetensors(tensors, { note: 'x' }));
    expect(decoded.tensors.map((t) => [t.name, t.shape, Array.from(t.data)])).toEqual([
      ['scalar', [], [Math.fround(Math.PI)]],
      ['empty', [0, 3], []],
      ['view', [3], [8, 7, 6]],
    ]);
  });

  it('reads tensors listed in any order and returns them in data order', () => {
    const header = { b: { dtype: 'I32', shape: [1], data_offsets: [4, 8] }, a: { dtype: 'I32', shape: [1], data_offsets: [0, 4] } };
    const bytes = fileWith(header, 8);
    bytes.set([1, 0, 0, 0, 2, 0, 0, 0], bytes.length - 8);
    expect(decodeSafetensors(bytes).tensors.map((t) => [t.name, t.data[0]])).toEqual([['a', 1], ['b', 2]]);
  });

  it('refuses bad tensors when encoding', () => {
    expect(() => encodeSafetensors([{ name: 'x', dtype: 'float32', shape: [2, 2], data: new Float32Array(3) }])).toThrow(/has 4 elements but the data has 3/);
    expect(() => encodeSafetensors([{ name: 'x', dtype: 'int32', shape: [1], data: new Float32Array(1) }])).toThrow(/needs a Int32Array, got Float32Array/);
    const twice: NamedTensor = { name: 'x', dtype: 'int32', shape: [1], data: new Int32Array(1) };
    expect(() => encodeSafetensors([twice, twice])).toThrow(/appears twice/);
    expect(() => encodeSafetensors([], { n: 1 as unknown as string })).toThrow(/metadata "n" must be a string/);
  });

  it.each([
    ['truncated before the header length', () => new Uint8Array(5), /truncated: 5 bytes/],
    ['header length beyond the file', () => REFERENCE_FILE.subarray(0, 100), /header length 152 runs beyond the end of the file/],
    ['absurd header length', () => fileWith('{}', 0, 1n << 62n), /above the 16777216-byte limit/],
    ['bad JSON', () => fileWith('{"w": '), /not valid JSON/],
    ['header not an object', () => fileWith('[1, 2]'), /must be a JSON object starting with "\{"/],
    ['data truncated', () => REFERENCE_FILE.subarray(0, 180), /tensor "ids" data_offsets \[16, 28\] are out of range: the data is 20 bytes/],
    ['trailing bytes', () => Uint8Array.from([...REFERENCE_FILE, 0, 0, 0, 0]), /cover 28 bytes but the data is 32 bytes/],
    ['unknown dtype', () => fileWith({ h: { dtype: 'F64', shape: [2], data_offsets: [0, 16] } }, 16), /tensor "h" has dtype "F64", which this lab does not read \(it reads F32, F16, BF16 and I32\)/],
    ['F16 shape and size disagree', () => fileWith({ h: { dtype: 'F16', shape: [3], data_offsets: [0, 12] } }, 12), /shape \[3\] of F16 needs 6 bytes but data_offsets \[0, 12\] hold 12/],
    ['shape and size disagree', () => fileWith({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8), /shape \[3\] of F32 needs 12 bytes but data_offsets \[0, 8\] hold 8/],
    ['overlapping offsets', () => fileWith({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, 8), /tensor "b" data_offsets \[4, 8\] overlap/],
    ['a hole between tensors', () => fileWith({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [1], data_offsets: [8, 12] } }, 12), /tensor "b" starts at 8, leaving a hole/],
    ['offsets ending before they begin', () => fileWith({ a: { dtype: 'F32', shape: [0], data_offsets: [4, 0] } }, 4), /end before they begin/],
    ['negative shape', () => fileWith({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 0] } }), /"shape" must be a list of non-negative integers/],
    ['metadata not strings', () => fileWith({ __metadata__: { epoch: 3 } }), /"__metadata__" entry "epoch" must be a string, got number 3/],
  ])('names the problem: %s', (_case, build, message) => {
    const error = decodeError(build());
    expect(error.message).toMatch(/^model\.safetensors: /);
    expect(error.message).toMatch(message);
  });
});
