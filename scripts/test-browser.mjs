// `npm run test:browser`: builds the app and runs only the browser suite.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

try {
  findChromium();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
for (const [command, args] of [
  ['npx', ['vite', 'build', '--logLevel', 'warn']],
  ['npx', ['vitest', 'run', '--project', 'browser', ...process.argv.slice(2)]],
]) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
