// Renders the PNG app icons from the SVG sources with headless chromium (no downloads).
// Run by hand after editing an SVG, then commit the PNGs:
//   node scripts/gen-icons.mjs
//   assets/icons/icon.svg          -> icon-192.png, icon-512.png   (purpose "any", rounded, transparent corners)
//   assets/icons/icon-maskable.svg -> icon-maskable-512.png        (purpose "maskable", full bleed)
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, REPO } from '../e2e/harness.mjs';

const dir = path.join(REPO, 'assets/icons');
const jobs = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
];

const browser = await launchBrowser();
try {
  for (const [src, out, size] of jobs) {
    const svg = fs.readFileSync(path.join(dir, src));
    const context = await browser.newContext({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const uri = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img src="${uri}" width="${size}" height="${size}">`,
    );
    await page.waitForFunction(() => document.images[0]?.complete);
    await page.screenshot({ path: path.join(dir, out), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await context.close();
    console.log(`wrote assets/icons/${out} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
