// What public/ ships, in Chromium against the built app: the Evaluate screen shows the reference run
// ("Reference: full budget, 3 seeds", its variants and how it was made) from the page's own origin,
// and again with the network cut after the first load (the service worker's cache); the web app
// manifest is linked, parses without errors, leaves Chromium nothing to object to for installing,
// and its icons load, online and offline. Screenshots go to test-artifacts/reference-and-install/.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

const SHOTS = 'test-artifacts/reference-and-install';
const WAIT = { timeout: 90_000 };
const shipped = JSON.parse(readFileSync('public/reference/small-3seeds.json', 'utf8')) as { budget: string; seeds: number[]; variants: { variant: string }[]; made: { command: string[] } };

let lab: LabBrowser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

const referenceRows = () => page.locator('[data-testid="reference-table"] tbody tr[data-baseline="false"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-variant')));

async function expectReferenceShown(): Promise<void> {
  await expect.poll(() => page.getByTestId('reference-title').textContent(), WAIT).toBe(`Reference: ${shipped.budget} budget, ${shipped.seeds.length} seeds`);
  expect(await referenceRows()).toEqual(shipped.variants.map((variant) => variant.variant));
  const made = (await page.getByTestId('reference-made').textContent()) ?? '';
  for (const line of shipped.made.command) expect(made).toContain(line);
  expect(made).toMatch(/Date\s*\d{4}-\d{2}-\d{2}/);
  expect(made).toMatch(/Machine\s*\S/);
  // Every cell of the reference is a number with its spread over seeds.
  const darl = await page.locator('[data-testid="reference-table"] tbody tr[data-variant="darl"] td').allTextContents();
  expect(darl[0].trim()).toBe(String(shipped.seeds.length));
  expect(darl[1]).toMatch(/^\d\.\d{3} ± \d\.\d{3}/);
}

interface IconCheck {
  src: string;
  width: number;
  height: number;
}

/** Each icon of the manifest as the page loads it (relative to the manifest's address). */
function loadIcons(manifestUrl: string, icons: { src: string }[]): Promise<IconCheck[]> {
  return page.evaluate(
    ([base, sources]) =>
      Promise.all(
        sources.map(async (src) => {
          const image = new Image();
          image.src = new URL(src, base).href;
          await image.decode();
          return { src, width: image.naturalWidth, height: image.naturalHeight };
        }),
      ),
    [manifestUrl, icons.map((icon) => icon.src)] as const,
  );
}

async function appManifest(): Promise<{ url: string; errors: unknown[]; data: string }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data: string };
  } finally {
    await cdp.detach();
  }
}

describe('the reference run and the installable app', () => {
  it('shows the reference run on the Evaluate screen, asking only the page\'s origin', async () => {
    page = await lab.newPage('?backend=wasm#stage=evaluate');
    await expectReferenceShown();
    const origin = new URL(lab.baseURL).origin;
    expect(lab.requests.some((url) => url === `${origin}/reference/small-3seeds.json`)).toBe(true);
    expect(lab.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
    await page.getByTestId('reference-run').screenshot({ path: `${SHOTS}/reference-online.png` });
  });

  it('links a web app manifest that parses, with every icon reachable, and nothing in the way of installing', async () => {
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
    const manifest = await appManifest();
    expect(manifest.url).toBe(new URL('manifest.webmanifest', lab.baseURL).href);
    expect(manifest.errors).toEqual([]);
    const data = JSON.parse(manifest.data) as { name: string; display: string; icons: { src: string; sizes: string; type: string }[] };
    expect(data).toMatchObject({ name: 'Relevance Lab', display: 'standalone' });
    const icons = await loadIcons(manifest.url, data.icons);
    for (const [i, icon] of data.icons.entries()) {
      if (icon.sizes !== 'any') expect(`${icons[i].width}x${icons[i].height}`, icon.src).toBe(icon.sizes);
      else expect(icons[i].width, icon.src).toBeGreaterThan(0);
    }
    // Chromium's own check: a secure context (127.0.0.1), a controlling service worker, a usable icon.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null), WAIT).toBe('activated');
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    await cdp.detach();
    expect(installabilityErrors.map((error) => error.errorId)).toEqual([]);
  });

  it('with the network cut after the first load, shows the reference run and loads the manifest and its icons from the cache', async () => {
    await lab.context.setOffline(true);
    try {
      const fromCache: string[] = [];
      page.on('response', (response) => {
        if (response.fromServiceWorker()) fromCache.push(new URL(response.url()).pathname);
      });
      await page.reload();
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await expectReferenceShown();
      expect(fromCache).toContain('/reference/small-3seeds.json');
      const manifest = await appManifest();
      expect(manifest.errors).toEqual([]);
      const icons = await loadIcons(manifest.url, (JSON.parse(manifest.data) as { icons: { src: string }[] }).icons);
      expect(icons.every((icon) => icon.width > 0)).toBe(true);
      await page.getByTestId('reference-run').screenshot({ path: `${SHOTS}/reference-offline.png` });
    } finally {
      await lab.context.setOffline(false);
    }
  });
});
