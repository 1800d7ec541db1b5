import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../backend/wasm-paths-node'; // relaxed SIMD on in Node 20
import { PLAIN_KERNELS, PLAIN_RELAXED_KERNELS, SHARED_KERNELS, SHARED_RELAXED_KERNELS } from './wasm-binary.generated';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** The ids of a module's top-level sections (the binary format: magic, version, then id + LEB128 size + body). */
function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++];
      size |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    ids.push(id);
    at += size;
  }
  return ids;
}

const DATA_SECTION = 11;
const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe('the wasm kernel module', () => {
  it.each([['plain', PLAIN_KERNELS, false], ['shared', SHARED_KERNELS, true], ['plain relaxed', PLAIN_RELAXED_KERNELS, false], ['shared relaxed', SHARED_RELAXED_KERNELS, true]] as const)(
    '%s: imports only a memory and has no data to write into it', (_name, base64, shared) => {
      const bytes = bytesOf(base64);
      const module = new WebAssembly.Module(bytes);
      expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
      expect(sectionIds(bytes)).not.toContain(DATA_SECTION);
      // A shared import instantiates only against a shared memory, a plain one only against a plain one.
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared });
      expect(() => new WebAssembly.Instance(module, { env: { memory } })).not.toThrow();
    },
  );

  it('is what the AssemblyScript sources compile to (npm run build:kernels)', () => {
    expect(() => execFileSync('node', ['scripts/build-wasm-kernels.mjs', '--check'], { cwd: ROOT, stdio: 'pipe' })).not.toThrow();
  }, 120_000);
});
