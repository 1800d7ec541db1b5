// Starts Debian's Chromium with the flags that make WebGPU work on SwiftShader and keep it offline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.mjs';

export { CHROMIUM_ARGS };

export interface LabBrowser {
  context: BrowserContext;
  baseURL: string;
  /** Every request the pages made, for no-other-origin checks. */
  requests: string[];
  /** Console errors and page errors, to make failures explain themselves. */
  errors: string[];
  newPage(path?: string): Promise<Page>;
  close(): Promise<void>;
}

/** A persistent profile, so IndexedDB survives page reloads and new pages within one test. */
export async function launchLab(): Promise<LabBrowser> {
  const baseURL = inject('baseURL');
  const userDataDir = mkdtempSync(join(tmpdir(), 'relevance-lab-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium() as string,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 720 },
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
  };
  context.on('page', watch);
  return {
    context,
    baseURL,
    requests,
    errors,
    async newPage(path = '') {
      const page = await context.newPage();
      await page.goto(new URL(path, baseURL).toString());
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
