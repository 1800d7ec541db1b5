// The page's Content Security Policy: the meta tag in index.html, and the header the dev and preview
// servers send (vite.config.ts), which alone can carry frame-ancestors.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vite.config';

const ROOT = resolve(import.meta.dirname, '../..');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

function metaPolicy(): Map<string, string> {
  const html = readFileSync(resolve(ROOT, 'index.html'), 'utf8');
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!match) throw new Error('index.html has no Content-Security-Policy meta tag');
  return directives(match[1]);
}

const HEADER = 'Content-Security-Policy';

type Middleware = (request: { url?: string; headers: Record<string, string> }, response: { setHeader(name: string, value: string): void }, next: () => void) => void;

/** The headers vite's dev or preview server sends for `url`: its configured headers plus what plugins' middlewares add. */
function headersFor(server: 'server' | 'preview', url: string, accept = '*/*'): Record<string, string> {
  const headers = { ...((config[server]?.headers ?? {}) as Record<string, string>) };
  const middlewares: Middleware[] = [];
  const fakeServer = { middlewares: { use: (middleware: Middleware) => void middlewares.push(middleware) } };
  for (const plugin of (config.plugins ?? []).flat() as { configureServer?: unknown; configurePreviewServer?: unknown }[]) {
    const hook = server === 'server' ? plugin?.configureServer : plugin?.configurePreviewServer;
    if (typeof hook === 'function') hook(fakeServer);
  }
  for (const middleware of middlewares) middleware({ url, headers: { accept } }, { setHeader: (name, value) => void (headers[name] = value) }, () => undefined);
  return headers;
}

describe('content security policy', () => {
  it('the meta tag shuts plugins, base-URL changes and form posts out', () => {
    const meta = metaPolicy();
    expect(meta.get('object-src')).toBe("'none'");
    expect(meta.get('base-uri')).toBe("'none'");
    expect(meta.get('form-action')).toBe("'none'");
    expect(meta.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    // The web app manifest (public/manifest.webmanifest) comes from the page's own origin only.
    expect(meta.get('manifest-src')).toBe("'self'");
    // A meta policy cannot carry frame-ancestors: the browser ignores it there.
    expect(meta.has('frame-ancestors')).toBe(false);
  });

  for (const server of ['server', 'preview'] as const) {
    it(`vite's ${server} sends the page the same policy as a header, with frame-ancestors 'none', beside the isolation headers`, () => {
      for (const [url, accept] of [['/', 'text/html,application/xhtml+xml'], ['/index.html', '*/*'], ['/?backend=wasm', 'text/html']]) {
        const headers = headersFor(server, url, accept);
        expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
        expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
        expect(headers[HEADER], url).toBeDefined();
        const sent = directives(headers[HEADER]);
        expect(sent.get('frame-ancestors')).toBe("'none'");
        sent.delete('frame-ancestors');
        expect(Object.fromEntries(sent)).toEqual(Object.fromEntries(metaPolicy()));
      }
    });

    it(`vite's ${server} keeps the page's policy off scripts: workers start tfjs's wasm threads from blob: scripts`, () => {
      const headers = headersFor(server, '/assets/engine.worker-abc.js');
      expect(headers[HEADER]).toBeUndefined();
      expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    });
  }
});
