// Accessibility checked by axe-core (npm axe-core, the standard engine) in a real browser:
// no violations on the main views (the default page with its comparison chart, the
// comparison as a table, a ledger with several runs, every statement destination, an open
// combobox, a grid zone), in light and dark, at 360 px and 1280 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, pick, useSharedBrowser, withPage } from './harness.mjs';

const AXE = fs.readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
const shared = useSharedBrowser();

/** axe-core's violations on the page as it is now, one line each with its nodes. */
async function violations(page) {
  // page.evaluate goes through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
      count: v.nodes.length,
    }));
  });
  return found.map((v) => `${v.id} (${v.impact}, ${v.count}×): ${v.help}\n    ${v.nodes.join('\n    ')}`);
}

// Each state: how to reach it from the previous one on the same page.
const STATES = [
  ['default page, comparison chart, advice card, LaTeX statement', async (page) => {
    await page.locator('[data-testid=region-chart] .rc-row').first().waitFor();
    await page.locator('[data-testid=advice-card]').waitFor();
  }],
  ['comparison as a table', async (page) => {
    await page.click('text=Show as table');
    await page.locator('[data-testid=region-table]').waitFor();
  }],
  ['ledger with three runs, model-card statement', async (page) => {
    await page.click('text=Add a run');
    await page.click('text=Add a search (50 similar runs)');
    await page.check('input[name="statement-destination"][value="model-card"]');
  }],
  ['EU AI Act and BoAmps statement, text and JSON', async (page) => {
    await page.check('input[name="statement-destination"][value="report"]');
    assert.deepEqual(await violations(page), [], 'report destination');
    await page.check('input[name="statement-destination"][value="other"]');
  }],
  ['H100, manufacturing share included, GCP advice with its market-based box', async (page) => {
    await pick(page, 'hardware', 'nvidia-h100-sxm');
    await page.check('[data-testid=include-embodied]');
    await page.selectOption('#field-provider', 'gcp');
    await page.selectOption('#field-region', 'us-central1');
    await page.locator('[data-testid=advice-market]').waitFor();
  }],
  ['a bad lifetime', async (page) => {
    await page.fill('#field-lifetime', '0');
    await page.locator('#field-lifetime').dispatchEvent('input');
    await page.locator('#field-lifetime-error').filter({ hasText: /./ }).waitFor();
    assert.deepEqual(await violations(page), [], 'bad lifetime');
    await page.fill('#field-lifetime', '');
    await page.locator('#field-lifetime').dispatchEvent('input');
    await page.locator('[data-testid=embodied-kg]').waitFor();
  }],
  ['the worked calculation, a revealed table row, every table and the changes open, a sorted column', async (page) => {
    await page.click('section.results .how-link');
    await page.locator('[data-testid=method-result]').waitFor();
    await page.click('section.results .row-link[data-table="hardware.csv"]');
    await page.locator('#row-hardware-nvidia-h100-sxm[data-revealed]').waitFor();
    for (const d of await page.locator('details.factor-table').all()) {
      if (!(await d.evaluate((e) => e.open))) await d.locator('summary').click();
      await d.locator('tbody tr').first().waitFor();
    }
    await page.locator('details[data-table="pue.csv"] thead th button').nth(1).click();
    await page.locator('#method-changes summary').click();
    await page.locator('[data-testid=changes-list] li').first().waitFor();
  }],
  ['a grid zone with its open combobox', async (page) => {
    await page.check('input[name=location-mode][value=zone]');
    await page.click('#field-zone');
    await page.keyboard.type('can');
    await page.locator('#field-zone-listbox [role=option]').first().waitFor();
  }],
];

for (const width of [360, 1280]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core finds nothing at ${width} px, ${colorScheme}`, () =>
      withPage(
        shared,
        shared.server.url,
        async (page) => {
          for (const [name, reach] of STATES) {
            await reach(page);
            assert.deepEqual(await violations(page), [], name);
          }
        },
        { width, height: 900, colorScheme },
      ));
  }
}
