// The Content Security Policy lives in index.html's meta tag, which covers every host. A meta policy
// cannot carry frame-ancestors (who may frame the page), so the dev and preview servers send the
// same policy as a header with frame-ancestors 'none' added; static hosts are told to do the same.
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
