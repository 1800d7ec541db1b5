import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs in Node (cpu and wasm backends); `browser` drives Debian's
// Chromium through playwright-core against the built app served on 127.0.0.1.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'test/unit/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores and WebGPU on SwiftShader is CPU-bound.
          fileParallelism: false,
        },
      },
    ],
  },
});
