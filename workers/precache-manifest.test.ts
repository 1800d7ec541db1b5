import { describe, expect, it } from 'vitest';
import { precacheManifest, shouldPrecache, unprecachedFiles } from './precache-manifest';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('precacheManifest', () => {
  const files = [
    { path: 'index.html', content: bytes('<html>') },
    { path: 'assets/index-abc.js', content: bytes('code') },
    { path: 'assets/index-abc.js.map', content: bytes('{}') },
    { path: 'assets/tfjs-backend-wasm-simd-x.wasm', content: bytes('\0asm') },
    { path: 'sw.js', content: bytes('old worker') },
    { path: '.vite/manifest.json', content: bytes('{}') },
  ];

  it('lists every app file but source maps, hidden files and the service worker, sorted, with SHA-256 revisions', () => {
    const manifest = precacheManifest(files);
    expect(manifest.entries.map((entry) => entry.url)).toEqual(['assets/index-abc.js', 'assets/tfjs-backend-wasm-simd-x.wasm', 'index.html']);
    // The service worker checks each file against this: sha256('<html>').
    expect(manifest.entries.find((entry) => entry.url === 'index.html')?.revision).toBe('b7d082ee12e91b756ea22e8513b8594eebcf5d39fab813da3cb55794dc888ad7');
    expect(manifest.entries.every((entry) => /^[0-9a-f]{64}$/.test(entry.revision))).toBe(true);
    expect(manifest.navigationFallback).toBe('index.html');
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps the version when nothing precached changes, and changes it with any content change', () => {
    const base = precacheManifest(files);
    expect(precacheManifest([...files].reverse()).version).toBe(base.version);
    expect(precacheManifest(files.map((file) => (file.path.endsWith('.map') ? { ...file, content: bytes('other map') } : file))).version).toBe(base.version);
    const changed = precacheManifest(files.map((file) => (file.path === 'index.html' ? { ...file, content: bytes('<html lang="en">') } : file)));
    expect(changed.version).not.toBe(base.version);
    // Only the changed file gets a new revision, so the others are reused from the old cache.
    expect(changed.entries.filter((entry, i) => entry.revision !== base.entries[i].revision).map((entry) => entry.url)).toEqual(['index.html']);
  });

  it('refuses a build without index.html', () => {
    expect(() => precacheManifest([{ path: 'assets/a.js', content: bytes('') }])).toThrow(/no index.html/);
    expect(shouldPrecache('assets/a.js')).toBe(true);
    expect(shouldPrecache('sw.js')).toBe(false);
  });

  it("lists the files copied from public/ (shipped models, reference results, web app manifest, icons) like the bundle's", () => {
    const fromPublic = ['manifest.webmanifest', 'icons/icon-192.png', 'reference/small-3seeds.json', 'models/small/model.safetensors'];
    const manifest = precacheManifest([...files, ...fromPublic.map((path) => ({ path, content: bytes(path) }))]);
    for (const path of fromPublic) expect(manifest.entries.find((entry) => entry.url === path)?.revision).toMatch(/^[0-9a-f]{64}$/);
    expect(unprecachedFiles(manifest, fromPublic)).toEqual([]);
    // A public file the build lost is named; hidden files and source maps are not expected.
    expect(unprecachedFiles(manifest, [...fromPublic, 'models/nano/tokenizer.json', '.DS_Store', 'x.js.map'])).toEqual(['models/nano/tokenizer.json']);
  });
});
