import { describe, expect, it } from 'vitest';
import { InvalidCheckpointFileError } from '../io/errors';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../io/safetensors';
import { CHECKPOINT_METADATA_KEY, checkpointFileName, exportCheckpointFile, parseCheckpointFile } from './file-format';

const TENSORS: NamedTensor[] = [
  { name: 'layer0.weight', dtype: 'float32', shape: [2], data: Float32Array.of(0.5, -1.25) },
  { name: 'layer1.ids', dtype: 'int32', shape: [3], data: Int32Array.of(7, -3, 1 << 29) },
];

function withHeader(header: unknown): Uint8Array {
  return encodeSafetensors(TENSORS.slice(0, 1), { [CHECKPOINT_METADATA_KEY]: typeof header === 'string' ? header : JSON.stringify(header) });
}

const GOOD_HEADER = { format: 'relevance-lab/checkpoint', formatVersion: 1, id: 'x', name: 'x', config: {}, metadata: {} };

describe('checkpoint files', () => {
  it('writes the tensors as plain safetensors with the lab header in __metadata__, and reads them back', () => {
    const checkpoint = { id: 'a', name: 'my model', createdAt: '2026-01-02T03:04:05.000Z', config: { layers: 2 }, metadata: { note: 'sample' }, tensors: TENSORS };
    const bytes = exportCheckpointFile(checkpoint);
    const plain = decodeSafetensors(bytes);
    expect(plain.tensors.map((tensor) => tensor.name)).toEqual(['layer0.weight', 'layer1.ids']);
    expect(JSON.parse(plain.metadata[CHECKPOINT_METADATA_KEY])).toMatchObject({ formatVersion: 1, id: 'a', name: 'my model', config: { layers: 2 } });
    const parsed = parseCheckpointFile(bytes);
    expect(parsed).toMatchObject({ id: 'a', name: 'my model', createdAt: checkpoint.createdAt, config: checkpoint.config, metadata: checkpoint.metadata });
    expect(parsed.tensors.map((tensor) => Array.from(tensor.data))).toEqual(TENSORS.map((tensor) => Array.from(tensor.data)));
  });

  it('names the file after the checkpoint', () => {
    expect(checkpointFileName({ id: 'x', name: 'DaRL stage 2 / run #3' })).toBe('DaRL-stage-2-run-3.safetensors');
    expect(checkpointFileName({ id: 'abc', name: '' })).toBe('abc.safetensors');
  });

  it.each([
    ['not safetensors', new TextEncoder().encode('{"hello": 1}'), /header length .* (above|beyond)/],
    ['safetensors without lab metadata', encodeSafetensors(TENSORS.slice(0, 1)), /not a Relevance Lab checkpoint: .* holds 1 tensors: layer0.weight/],
    ['metadata not JSON', withHeader('{oops'), /"relevance_lab_checkpoint" in __metadata__ is not valid JSON/],
    ['another format', withHeader({ ...GOOD_HEADER, format: 'other' }), /"format" is "other"/],
    ['newer version', withHeader({ ...GOOD_HEADER, formatVersion: 9 }), /format version 9 is newer than this lab reads/],
    ['missing id', withHeader({ ...GOOD_HEADER, id: '' }), /"id" must be a non-empty string/],
    ['metadata not an object', withHeader({ ...GOOD_HEADER, metadata: [1] }), /"metadata" must be an object/],
    ['missing config', withHeader({ ...GOOD_HEADER, config: undefined }), /"config" is missing/],
  ])('rejects %s with a clear error naming the file', (_case, bytes, message) => {
    expect(() => parseCheckpointFile(bytes, 'upload.safetensors')).toThrow(InvalidCheckpointFileError);
    expect(() => parseCheckpointFile(bytes, 'upload.safetensors')).toThrow(message);
    expect(() => parseCheckpointFile(bytes, 'upload.safetensors')).toThrow(/^upload\.safetensors: /);
  });

  it('refuses a lab header nested deeper than lab records go, before anything could overflow the stack storing it', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const bytes = withHeader(`{"format":"relevance-lab/checkpoint","formatVersion":1,"id":"x","name":"x","metadata":{},"config":{"a":${deep}}}`);
    expect(() => parseCheckpointFile(bytes, 'deep.safetensors')).toThrow(InvalidCheckpointFileError);
    expect(() => parseCheckpointFile(bytes, 'deep.safetensors')).toThrow(/^deep\.safetensors: "relevance_lab_checkpoint" nests deeper than 64 levels/);
  });

  it('accepts a good header', () => {
    expect(parseCheckpointFile(withHeader(GOOD_HEADER)).id).toBe('x');
  });
});
