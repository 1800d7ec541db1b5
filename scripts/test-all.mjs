// `npm test`: checks for a Chromium, builds the app, then runs the unit and browser suites.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.mjs';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

try {
  const chromium = findChromium();
  console.log(`Browser tests will use ${chromium}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
