// A shipped model's files are checked before use: a changed byte, a missing file or a foreign
// shipped.json is refused with a ShippedModelError naming the file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShippedModelError } from '../errors';
import { SHIPPED_MANIFEST_FILE, SHIPPED_WEIGHTS_FILE } from './manifest';
import { SHIPPED_MODELS_DIR } from './node-folder';
import { openShippedModel, type ReadShippedFile } from './source';

const nano = join(SHIPPED_MODELS_DIR, 'nano');
const fromNano = (change: (name: string, bytes: Uint8Array) => Uint8Array | null): ReadShippedFile => async (name) => change(name, new Uint8Array(await readFile(join(nano, name))));

describe('opening a shipped model', () => {
  it('refuses weights with one byte changed, naming the file and both hashes', async () => {
    const model = await openShippedModel('nano', fromNano((name, bytes) => {
      if (name === SHIPPED_WEIGHTS_FILE) bytes[bytes.length - 1] ^= 1;
      return bytes;
    }));
    await expect(model.load()).rejects.toThrow(ShippedModelError);
    await expect(model.load()).rejects.toThrow(/nano\/model\.safetensors: SHA-256 [0-9a-f]{64} does not match shipped\.json/);
  });

  it('says there is no shipped model where shipped.json is missing, and refuses a foreign one', async () => {
    await expect(openShippedModel('here', async () => null)).rejects.toThrow(/here has no shipped\.json: no shipped model there/);
    const foreign = fromNano((name, bytes) => (name === SHIPPED_MANIFEST_FILE ? new TextEncoder().encode('{"format": "other"}') : bytes));
    await expect(openShippedModel('nano', foreign)).rejects.toThrow(/"format" must be "relevance-lab\/shipped-model"/);
  });
});
