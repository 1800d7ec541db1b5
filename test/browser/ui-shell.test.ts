// The page shell: header, status panel, and the backend setting (saved, overridden by ?backend=).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

let lab: LabBrowser;

beforeAll(async () => {
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

const backendShown = (page: Page) => page.getByTestId('status-backend').textContent();

describe('page shell', () => {
  it('shows the header, keeps the CSP, and never loads tfjs on the page thread', async () => {
    const page = await lab.newPage();
    await expect.poll(() => backendShown(page)).toBe('wasm');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Relevance Lab');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("connect-src 'self'");
    expect(await page.evaluate(() => 'tf' in window || typeof (window as { tf?: unknown }).tf !== 'undefined')).toBe(false);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    await page.close();
  });

  it('saves the chosen backend, restarts the engine on it, and keeps it after a reload', async () => {
    const page = await lab.newPage();
    await expect.poll(() => backendShown(page)).toBe('wasm');
    await page.getByTestId('backend-select').selectOption('cpu');
    await expect.poll(() => backendShown(page)).toBe('cpu');
    expect(await page.evaluate(() => localStorage.getItem('relevance-lab.backend'))).toBe('cpu');
    expect(await page.evaluate(() => window.lab.ready.then((info) => info.forced))).toBe(true);
    await page.reload();
    await expect.poll(() => backendShown(page)).toBe('cpu');
    expect(await page.getByTestId('backend-select').inputValue()).toBe('cpu');
    await page.close();
  });

  it('lets ?backend= override the saved setting, and the setting drop it again', async () => {
    const page = await lab.newPage('?backend=wasm');
    await expect.poll(() => backendShown(page)).toBe('wasm');
    expect(await page.evaluate(() => localStorage.getItem('relevance-lab.backend'))).toBe('cpu');
    expect(await page.getByText('set by ?backend= in the address').count()).toBe(1);
    await page.getByTestId('backend-select').selectOption('auto');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    await expect.poll(() => backendShown(page)).toBe('wasm');
    expect(await page.evaluate(() => localStorage.getItem('relevance-lab.backend'))).toBe('auto');
    await page.close();
  });

  it('logged no errors on the console and requested nothing from other origins', () => {
    expect(lab.errors).toEqual([]);
    const origin = new URL(lab.baseURL).origin;
    expect(lab.requests.filter((url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  });
});
