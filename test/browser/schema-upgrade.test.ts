// Another tab upgrades the stored data to a newer schema: this page closes its connections (its own
// and the engine worker's), says to reload, and every storage call fails with StorageSchemaChangedError
// instead of a bare InvalidStateError.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLab, type LabBrowser } from './launch';

let lab: LabBrowser;

beforeAll(async () => {
  lab = await launchLab();
});

afterAll(async () => {
  await lab?.close();
});

describe('a schema upgrade from another tab', () => {
  it("closes the page's own and the engine's storage, shows a reload notice, and names the failure", async () => {
    const page = await lab.newPage();
    await page.evaluate(() => window.lab.ready);
    await expect.poll(() => page.evaluate(() => window.lab.storage !== undefined)).toBe(true);
    expect(await page.evaluate(() => window.lab.engine.listDatasets().then((list) => list.length))).toBe(0);

    // A newer build in another tab opens the database one version up.
    const other = await lab.context.newPage();
    await other.goto(new URL('index.html', lab.baseURL).toString());
    await other.evaluate(async () => {
      const current = (await indexedDB.databases()).find((db) => db.name === 'relevance-lab')!.version!;
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('relevance-lab', current + 1);
        request.onupgradeneeded = () => request.result.createObjectStore('fromANewerBuild');
        request.onsuccess = () => (request.result.close(), resolve());
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error('blocked: the older tab did not close its connection'));
      });
    });

    await page.getByTestId('storage-upgraded').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('storage-upgraded').textContent()).toMatch(/upgraded the stored data.*reload to go on/);
    const failure = await page.evaluate(() => window.lab.engine.listDatasets().then(() => null, (error: Error) => ({ name: error.name, message: error.message })));
    expect(failure).toMatchObject({ name: 'StorageSchemaChangedError', message: expect.stringMatching(/reload this page/) });
    await other.close();
    await page.close();
  });
});
