import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { headerPolicy } from './scripts/content-security-policy.js';
import { offlineServiceWorker } from './scripts/vite-plugin-offline.js';

// Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer).
// Static hosts must send the same two headers; see README ("Hosting").
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// index.html's policy as a header, plus frame-ancestors, which a meta tag cannot carry.
const securityHeaders = {
  ...isolationHeaders,
  'Content-Security-Policy': headerPolicy(readFileSync(new URL('./index.html', import.meta.url), 'utf8')),
};

export default defineConfig({
  plugins: [offlineServiceWorker()],
  server: { host: '127.0.0.1', headers: securityHeaders },
  preview: { host: '127.0.0.1', headers: securityHeaders },
  worker: {
    format: 'es',
    // tfjs-backend-wasm starts its threads from a bundled function's source text, so that code must not be
    // mangled; keepNames preserves error class names, which rebuild named errors across the worker boundary.
    rolldownOptions: { output: { keepNames: true, minify: { mangle: false, compress: false } } },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: { output: { keepNames: true } },
  },
});
