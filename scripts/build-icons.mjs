// Renders the app icons' PNGs (public/icons/) from their SVG sources with the Chromium the browser
// tests use, so every size is drawn from one picture:
//
//   node scripts/build-icons.mjs
//
// Run it again only after changing icon.svg or icon-maskable.svg; the PNGs are committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.mjs';

const DIR = 'public/icons';
/** Source, pixel size, output. The maskable one keeps its picture inside the central 80% circle. */
const ICONS = [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
];

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [source, size, output] of ICONS) {
    const svg = readFileSync(`${DIR}/${source}`).toString('base64');
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<body style="margin:0"><img src="data:image/svg+xml;base64,${svg}" width="${size}" height="${size}" style="display:block"></body>`);
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: `${DIR}/${output}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.info(`${DIR}/${output}: ${size} x ${size} from ${source}`);
  }
} finally {
  await browser.close();
}
