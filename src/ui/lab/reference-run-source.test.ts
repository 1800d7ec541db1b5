import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidReferenceRunError } from '../../core/experiment/parse-reference-run';
import { fetchReferenceRun, REFERENCE_RUN_PATH, referenceRunLoader, referenceRunUrl } from './reference-run-source';

const shipped = readFileSync(`public/${REFERENCE_RUN_PATH}`, 'utf8');

function fakeFetch(status: number, body: string): { fetcher: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetcher = (async (url: string) => {
    urls.push(url);
    return new Response(body, { status, statusText: status === 200 ? 'OK' : 'Not Found' });
  }) as typeof fetch;
  return { fetcher, urls };
}

describe('reading the reference run', () => {
  it("asks the page's own origin for the file public/ ships", () => {
    expect(referenceRunUrl('/')).toBe('/reference/small-3seeds.json');
    expect(referenceRunUrl('/lab/')).toBe('/lab/reference/small-3seeds.json');
  });

  it('reads and checks the shipped file', async () => {
    const { fetcher, urls } = fakeFetch(200, shipped);
    const reference = await fetchReferenceRun('/reference/small-3seeds.json', fetcher);
    expect(urls).toEqual(['/reference/small-3seeds.json']);
    expect(reference.variants.map((variant) => variant.variant)).toContain('darl');
  });

  it('says what went wrong: a missing file, a damaged one', async () => {
    await expect(fetchReferenceRun('/r.json', fakeFetch(404, '').fetcher)).rejects.toThrow('/r.json: the server answered 404 Not Found');
    await expect(fetchReferenceRun('/r.json', fakeFetch(200, '{"format":"x"}').fetcher)).rejects.toThrow(InvalidReferenceRunError);
  });
});

describe("the page's reader of the reference run", () => {
  it('reads once, and again after a failed read', async () => {
    const { fetcher, urls } = fakeFetch(200, shipped);
    let fail = true;
    const read = referenceRunLoader(() => (fail ? Promise.reject(new Error('offline')) : fetchReferenceRun('/reference/small-3seeds.json', fetcher)));
    await expect(read()).rejects.toThrow('offline');
    fail = false;
    const first = await read();
    expect(await read()).toBe(first);
    expect(urls).toHaveLength(1);
  });
});
