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

describe('content security policy', () => {
  it('the meta tag shuts plugins, base-URL changes and form posts out', () => {
    const meta = metaPolicy();
    expect(meta.get('object-src')).toBe("'none'");
    expect(meta.get('base-uri')).toBe("'none'");
    expect(meta.get('form-action')).toBe("'none'");
    expect(meta.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    // A meta policy cannot carry frame-ancestors: the browser ignores it there.
    expect(meta.has('frame-ancestors')).toBe(false);
  });

  for (const server of ['server', 'preview'] as const) {
    it(`vite's ${server} config sends the same policy as a header, with frame-ancestors 'none', beside the isolation headers`, () => {
      const headers = (config[server]?.headers ?? {}) as Record<string, string>;
      expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
      expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
      expect(headers[HEADER]).toBeDefined();
      const sent = directives(headers[HEADER]);
      expect(sent.get('frame-ancestors')).toBe("'none'");
      sent.delete('frame-ancestors');
      expect(Object.fromEntries(sent)).toEqual(Object.fromEntries(metaPolicy()));
    });
  }
});
