// Screenshots of the built site (dist/) as a user sees it: every main view at 360 px and
// 1280 px, light and dark, with headless Debian chromium.
//   node scripts/screenshots.mjs [--out DIR] [--only NAME]
// DIR defaults to target/screenshots; `--out docs/screenshots` refreshes the README's.
import fs from 'node:fs';
import path from 'node:path';
import { REPO, startServer, launchBrowser, newPage } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = path.resolve(REPO, opt('--out', 'target/screenshots'));
const only = opt('--only', '');
fs.mkdirSync(out, { recursive: true });

// Each view: how to get there from a fresh page, and what to capture.
const VIEWS = {
  // The whole page with the default job.
  page: { prepare: async () => {}, full: true },
  // The location group (grid basis, factor line, provider figure).
  location: {
    prepare: async (page) => {
      await page.selectOption('#field-provider', 'gcp');
      await page.selectOption('#field-region', 'northamerica-northeast1');
    },
    element: 'fieldset:has(legend:text-is("Location"))',
  },
  comparison: { prepare: async () => {}, element: '[data-testid=region-comparison]' },
  statement: {
    prepare: async (page) => {
      await page.check('input[name="statement-destination"][value="paper"]');
      await page.click('#statement-tab-neurips');
    },
    element: 'section.statement',
  },
  ledger: { prepare: async () => {}, element: '.ledger, [data-testid=ledger]' },
  // Issue 14: the results card with the manufacturing share included.
  results: {
    prepare: async (page) => {
      await page.selectOption('#field-hardware', 'nvidia-h100-sxm');
      await page.check('[data-testid=include-embodied]');
    },
    element: 'section.results',
  },
  // The advice for a job in GCP us-central1 (with its market-based box).
  advice: {
    prepare: async (page) => {
      await page.selectOption('#field-provider', 'gcp');
      await page.selectOption('#field-region', 'us-central1');
      await page.locator('[data-testid=advice-item]').first().waitFor();
    },
    element: '[data-testid=advice-card]',
  },
  // The method view opened at the worked calculation and at the H100's row of the hardware table.
  method: {
    prepare: async (page) => {
      await page.selectOption('#field-hardware', 'nvidia-h100-sxm');
      await page.click('section.results .how-link');
      await page.locator('[data-testid=method-result]').waitFor();
    },
    element: '#method-calc',
  },
  'method-table': {
    prepare: async (page) => {
      await page.selectOption('#field-hardware', 'nvidia-h100-sxm');
      await page.click('section.results .row-link[data-table="hardware.csv"]');
      await page.locator('#row-hardware-nvidia-h100-sxm[data-revealed]').waitFor();
    },
    viewport: true,
  },
};

const server = await startServer();
const browser = await launchBrowser();
const written = [];
try {
  for (const [name, view] of Object.entries(VIEWS)) {
    if (only && only !== name) continue;
    for (const width of [360, 1280]) {
      for (const scheme of ['light', 'dark']) {
        const page = await newPage(browser, server.url, { width, height: 900, colorScheme: scheme });
        try {
          await view.prepare(page);
          await page.waitForTimeout(300);
          const file = path.join(out, `${name}-${width}-${scheme}.png`);
          if (view.full) await page.screenshot({ path: file, fullPage: true });
          else if (view.viewport) await page.screenshot({ path: file });
          else await page.locator(view.element).first().screenshot({ path: file });
          written.push(path.relative(REPO, file));
          if (page.pageErrors.length) throw new Error(`${name}: ${page.pageErrors.join('\n')}`);
        } finally {
          await page.close();
        }
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(written.join('\n'));
