// The Content Security Policy lives in index.html's meta tag, which covers every host. A meta policy
// cannot carry frame-ancestors (who may frame the page), so the dev and preview servers also send
// the policy as a header with frame-ancestors 'none', on the page only: a worker script served
// with it would be held to the page's script-src, and tfjs's wasm threads start from blob: scripts.
import type { Connect, Plugin } from 'vite';

const META_POLICY = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i;

export function pagePolicy(indexHtml: string): string {
  const match = META_POLICY.exec(indexHtml);
  if (!match) throw new Error('index.html has no Content-Security-Policy meta tag to send as a header.');
  return match[1].trim().replace(/;\s*$/, '');
}

/** The header value: the page's policy plus what only a header can say. */
export function headerPolicy(indexHtml: string): string {
  return `${pagePolicy(indexHtml)}; frame-ancestors 'none'`;
}

/** A request for the page: a navigation (it accepts HTML), or a path that names an HTML document (the service worker's precache). */
export function requestsPage(url: string | undefined, accept: string | undefined): boolean {
  const path = new URL(url ?? '/', 'http://host').pathname;
  return path.endsWith('/') || path.endsWith('.html') || (accept ?? '').includes('text/html');
}

/** Adds the policy header to every page response of the dev and preview servers. */
export function pageSecurityPolicy(indexHtml: string): Plugin {
  const policy = headerPolicy(indexHtml);
  const addHeader: Connect.NextHandleFunction = (request, response, next) => {
    if (requestsPage(request.url, request.headers.accept)) response.setHeader('Content-Security-Policy', policy);
    next();
  };
  return {
    name: 'relevance-lab-page-security-policy',
    configureServer: (server) => void server.middlewares.use(addHeader),
    configurePreviewServer: (server) => void server.middlewares.use(addHeader),
  };
}
