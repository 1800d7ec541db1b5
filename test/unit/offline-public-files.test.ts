// The offline service worker caches every file of public/ (vite copies it into the build as it is):
// the plugin's writeServiceWorker on a build folder and a public folder made here.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeServiceWorker } from '../../scripts/vite-plugin-offline';

const PUBLIC_FILES: Record<string, string> = {
  'manifest.webmanifest': '{"name":"Relevance Lab"}',
  'icons/icon-192.png': '\x89PNG',
  'reference/small-3seeds.json': '{"format":"relevance-lab/reference-run"}',
  'models/small/model.safetensors': 'weights',
};

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'relevance-lab-precache-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('the offline cache and public/', () => {
  it('lists every file copied from public/ with the SHA-256 of its bytes, and writes them into sw.js', async () => {
    const publicDir = folder(PUBLIC_FILES);
    const outDir = folder({ 'index.html': '<html>', 'assets/index-abc.js': 'code', ...PUBLIC_FILES });
    const manifest = await writeServiceWorker(outDir, publicDir);
    for (const [path, content] of Object.entries(PUBLIC_FILES)) {
      expect(manifest.entries.find((entry) => entry.url === path)?.revision, path).toBe(createHash('sha256').update(content).digest('hex'));
    }
    const script = readFileSync(join(outDir, 'sw.js'), 'utf8');
    for (const path of Object.keys(PUBLIC_FILES)) expect(script).toContain(`"url":"${path}"`);
  });

  it('fails the build when a public/ file is not in it, naming the file', async () => {
    const publicDir = folder(PUBLIC_FILES);
    const outDir = folder({ 'index.html': '<html>', 'manifest.webmanifest': PUBLIC_FILES['manifest.webmanifest'] });
    await expect(writeServiceWorker(outDir, publicDir)).rejects.toThrow(/icons\/icon-192.png, models\/small\/model.safetensors, reference\/small-3seeds.json from .* is not in the build/);
  });

  it('needs no public/ folder', async () => {
    const outDir = folder({ 'index.html': '<html>' });
    expect((await writeServiceWorker(outDir, join(outDir, 'no-such-folder'))).entries.map((entry) => entry.url)).toEqual(['index.html']);
  });
});
