// The shipped reference run, read once per page from the page's own origin: public/reference/ is
// copied into the build as it is and precached by the service worker, so it loads offline too.
import { parseReferenceRun } from '../../core/experiment/parse-reference-run';
import type { ReferenceRun } from '../../core/experiment/reference-run';

export const REFERENCE_RUN_PATH = 'reference/small-3seeds.json';

export function referenceRunUrl(base: string = import.meta.env.BASE_URL): string {
  return `${base}${REFERENCE_RUN_PATH}`;
}

export async function fetchReferenceRun(url: string, fetcher: typeof fetch = fetch): Promise<ReferenceRun> {
  const response = await fetcher(url);
  if (!response.ok) throw new Error(`${url}: the server answered ${response.status} ${response.statusText}`.trim());
  return parseReferenceRun(await response.json(), url);
}

/** The page's reader of the reference run: one request a page; a failed one is tried again on the next call. */
export function referenceRunLoader(load: () => Promise<ReferenceRun> = () => fetchReferenceRun(referenceRunUrl())): () => Promise<ReferenceRun> {
  let shared: Promise<ReferenceRun> | null = null;
  return () =>
    (shared ??= load().catch((error: unknown) => {
      shared = null;
      throw error;
    }));
}
