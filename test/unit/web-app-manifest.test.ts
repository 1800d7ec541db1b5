// The web app manifest (public/manifest.webmanifest) that makes the lab installable: linked from
// index.html, its colours those of src/ui/theme.ts, and every icon a file of the size it claims.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path));

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

const manifest = JSON.parse(read('public/manifest.webmanifest').toString('utf8')) as Record<string, unknown> & { icons: ManifestIcon[] };

function themeColour(name: string): string {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(read('src/ui/theme.ts').toString('utf8'));
  if (!match) throw new Error(`src/ui/theme.ts has no --${name} colour`);
  return match[1].toLowerCase();
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('the web app manifest', () => {
  it('names the lab, opens it standalone at its own folder, in the theme colours', () => {
    expect(manifest).toMatchObject({ name: 'Relevance Lab', short_name: 'Relevance Lab', start_url: './', scope: './', display: 'standalone' });
    expect(manifest.theme_color).toBe(themeColour('accent'));
    expect(manifest.background_color).toBe(themeColour('canvas'));
  });

  it('has 192 and 512 pixel PNGs, a maskable one and an SVG, each a file of the size it claims', () => {
    const kinds = manifest.icons.map((icon) => `${icon.type} ${icon.sizes} ${icon.purpose ?? 'any'}`);
    expect(kinds).toEqual(expect.arrayContaining(['image/png 192x192 any', 'image/png 512x512 any', 'image/png 512x512 maskable', 'image/svg+xml any any']));
    for (const icon of manifest.icons) {
      const path = `public/${icon.src}`;
      expect(existsSync(resolve(ROOT, path)), path).toBe(true);
      if (icon.type === 'image/png') expect(pngSize(read(path)), path).toBe(icon.sizes);
      else expect(read(path).toString('utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
    }
  });

  it('is linked from index.html with the same theme colour, and the policy lets it load from the page\'s origin', () => {
    const html = read('index.html').toString('utf8');
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest" />');
    expect(html).toContain(`<meta name="theme-color" content="${String(manifest.theme_color)}" />`);
    expect(html).toMatch(/Content-Security-Policy" content="[^"]*manifest-src 'self'/);
  });
});
