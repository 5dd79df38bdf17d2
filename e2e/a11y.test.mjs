// Accessibility checked by axe-core (npm axe-core, the standard engine) in a real browser:
// no violations on the main views (the default page with its comparison chart, the
// comparison as a table, a ledger with several runs, every statement destination, an open
// combobox, a grid zone), in light and dark, at 360 px and 1280 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, useSharedBrowser, withPage } from './harness.mjs';

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
  ['default page, comparison chart, LaTeX statement', async (page) => {
    await page.locator('[data-testid=region-chart] .rc-row').first().waitFor();
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
