import { describe, expect, it } from 'vitest';
import { InvalidCheckpointFileError } from './errors';
import { decodeSafetensors, encodeSafetensors, SAFETENSORS_LIMITS } from './safetensors';

/** A safetensors file with this header (as JSON text) and `dataBytes` zero bytes of data. */
function fileWithHeader(headerJson: string, dataBytes = 0): Uint8Array {
  const json = new TextEncoder().encode(headerJson);
  const bytes = new Uint8Array(8 + json.length + dataBytes);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  return bytes;
}

const refused = (bytes: Uint8Array, limits = SAFETENSORS_LIMITS) => {
  try {
    decodeSafetensors(bytes, 'upload.safetensors', limits);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCheckpointFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('safetensors limits', () => {
  it('refuse more tensors than a lab checkpoint can hold, before reading any of them', () => {
    const entries = Array.from({ length: SAFETENSORS_LIMITS.tensors + 1 }, (_, i) => `"t${i}":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}`);
    expect(refused(fileWithHeader(`{${entries.join(',')}}`))).toBe(
      `upload.safetensors: the header lists ${SAFETENSORS_LIMITS.tensors + 1} tensors; the lab reads at most ${SAFETENSORS_LIMITS.tensors}`,
    );
  });

  it('refuse a header longer than the cap, a shape of too many dimensions and shapes too large for any file', () => {
    const long = new Uint8Array(8 + SAFETENSORS_LIMITS.headerBytes + 8);
    new DataView(long.buffer).setBigUint64(0, BigInt(SAFETENSORS_LIMITS.headerBytes + 8), true);
    expect(refused(long)).toMatch(`header length ${SAFETENSORS_LIMITS.headerBytes + 8} is above the ${SAFETENSORS_LIMITS.headerBytes}-byte limit`);
    const rank = Array(SAFETENSORS_LIMITS.rank + 1).fill(1);
    expect(refused(fileWithHeader(`{"t":{"dtype":"F32","shape":${JSON.stringify(rank)},"data_offsets":[0,4]}}`, 4))).toMatch(
      `tensor "t" has ${SAFETENSORS_LIMITS.rank + 1} dimensions; the lab reads at most ${SAFETENSORS_LIMITS.rank}`,
    );
    expect(refused(fileWithHeader('{"t":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,4]}}', 4))).toMatch(
      /tensor "t" shape \[4294967296, 4294967296, 4294967296\] holds more elements than any file can/,
    );
  });

  it('refuse headers nested deeper than the format allows without overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(refused(fileWithHeader(`{"t":{"dtype":"F32","shape":${deep},"data_offsets":[0,4]}}`, 4))).toMatch(/nests deeper than a safetensors header can/);
    expect(refused(fileWithHeader(`{"__metadata__":{"a":${deep}}}`))).toMatch(/nests deeper than a safetensors header can/);
  });

  it('refuse a file above the size cap before reading its header', () => {
    const bytes = encodeSafetensors([{ name: 'w', dtype: 'float32', shape: [64], data: new Float32Array(64) }]);
    expect(refused(bytes, { ...SAFETENSORS_LIMITS, fileBytes: 100 })).toBe(`upload.safetensors: the file is ${bytes.length} bytes; the lab reads checkpoint files of at most 100 bytes`);
  });
});
