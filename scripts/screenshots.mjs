// Screenshots of the built site (dist/) as a user sees it: every main view at 360 px and
// 1280 px, light and dark, with headless Debian chromium.
//   node scripts/screenshots.mjs [--out DIR] [--only NAME]
// DIR defaults to target/screenshots; `--out docs/screenshots` refreshes the README's.
import fs from 'node:fs';
import path from 'node:path';
import { REPO, startServer, launchBrowser, newPage, pick } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = path.resolve(REPO, opt('--out', 'target/screenshots'));
const only = opt('--only', '');
fs.mkdirSync(out, { recursive: true });

/** The job of issue 11: 7 B parameters, 2 T tokens, 256 × H100 SXM, MFU 40 %. */
async function computeJob(page) {
  await pick(page, 'hardware', 'nvidia-h100-sxm');
  await page.fill('#field-devices', '256');
  await page.check('input[name="job-by"][value="compute"]');
  await page.fill('#field-params', '7');
  await page.fill('#field-tokens', '2000');
  await page.fill('#field-mfu', '40');
  await page.waitForSelector('[data-testid=hardware-chart] .rc-row[data-current="true"]');
}

// Each view: how to get there from a fresh page, and what to capture.
const VIEWS = {
  // The whole page with the default job.
  page: { prepare: async () => {}, full: true },
  // What a visitor sees first: the window, not the whole page.
  top: { prepare: async () => {}, viewport: true },
  // The location group (grid basis, factor line, provider figure).
  location: {
    prepare: async (page) => {
      await page.selectOption('#field-provider', 'gcp');
      await page.selectOption('#field-region', 'northamerica-northeast1');
    },
    element: 'fieldset:has(legend:text-is("Location"))',
  },
  // The device box, filtered by typing.
  combobox: {
    prepare: async (page) => {
      await page.click('#field-hardware');
      await page.keyboard.type('h100');
    },
    element: 'fieldset:has(legend:text-is("Hardware"))',
    pad: 260,
  },
  comparison: { prepare: async () => {}, element: '[data-testid=region-comparison]' },
  // The job by compute (7 B parameters × 2 T tokens on 256 × H100 SXM) and the form's facts line.
  compute: { prepare: (page) => computeJob(page), element: 'form.inputs' },
  // "Which hardware?" for that job: the bars, the advice, an estimated power marked.
  hardware: { prepare: (page) => computeJob(page), element: '[data-testid=hardware-comparison]' },
  statement: {
    prepare: async (page) => {
      await page.check('input[name="statement-destination"][value="paper"]');
      await page.click('#statement-tab-neurips');
    },
    element: 'section.statement',
  },
  ledger: {
    prepare: async (page) => {
      await page.click('text=Add a run');
      await page.click('text=Add a search (50 similar runs)');
    },
    element: 'section.ledger',
  },
  // Issue 14: the results card with the manufacturing share included.
  results: {
    prepare: async (page) => {
      await pick(page, 'hardware', 'nvidia-h100-sxm');
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
      await pick(page, 'hardware', 'nvidia-h100-sxm');
      await page.click('section.results .how-link');
      await page.locator('[data-testid=method-result]').waitFor();
    },
    element: '#method-calc',
  },
  'method-table': {
    prepare: async (page) => {
      await pick(page, 'hardware', 'nvidia-h100-sxm');
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
          else if (view.pad) {
            // A popup overflows its element: the element's box and what hangs below it.
            const b = await page.locator(view.element).first().boundingBox();
            await page.screenshot({ path: file, clip: { x: b.x, y: b.y, width: b.width, height: b.height + view.pad } });
          } else await page.locator(view.element).first().screenshot({ path: file });
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
