import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { pageSecurityPolicy } from './scripts/content-security-policy.js';
import { offlineServiceWorker } from './scripts/vite-plugin-offline.js';

// Cross-origin isolation lets the wasm backend use threads (SharedArrayBuffer).
// Static hosts must send the same two headers; see README ("Hosting").
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // index.html's policy as a header on the page, plus frame-ancestors, which a meta tag cannot carry.
  plugins: [offlineServiceWorker(), pageSecurityPolicy(readFileSync(new URL('./index.html', import.meta.url), 'utf8'))],
  server: { host: '127.0.0.1', headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: isolationHeaders },
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
