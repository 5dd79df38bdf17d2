// The method and data view in a real browser: every factor table lists as many rows as its
// CSV (counted with the harness's own parser) and downloads as the file, byte for byte;
// headers sort (buttons with aria-sort) and the search filters; the results card's "table
// row" buttons and the worked calculation's figures open the table at their row, which is
// scrolled into view, marked and focused, without touching the address (the permalink);
// the worked calculation ends at the headline for every case of tests/cases.json; the data's
// changes are listed and searchable; at 360 px nothing overflows the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_VERSION, REPO, table, pick, useSharedBrowser, withPage } from './harness.mjs';

const TABLES = ['hardware.csv', 'grid_zones.csv', 'cloud_regions.csv', 'pue.csv', 'embodied.csv', 'equivalents.csv'];
const CASES = JSON.parse(fs.readFileSync(path.join(REPO, 'tests/cases.json'), 'utf8')).cases;

const shared = useSharedBrowser();
const open = (fn, viewport = { width: 1280, height: 900 }) => withPage(shared, shared.server.url, fn, viewport);

/** Open the factor table of `file` (a click on its summary) and wait for its rows. */
async function openTable(page, file) {
  const details = page.locator(`details[data-table="${file}"]`);
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  await details.locator('tbody tr').first().waitFor();
  return details;
}

/** Wait until the element `id` is the one revealed: marked, focused and in the window. */
async function waitRevealed(page, id) {
  await page.waitForFunction(
    (id) => {
      const el = document.getElementById(id);
      if (!el || !el.hasAttribute('data-revealed') || document.activeElement !== el) return false;
      const r = el.getBoundingClientRect();
      // In the window: whole, or from its top when it is taller than the window
      // (scrolled to its top, give or take a fraction of a pixel).
      return r.height > 0 && r.top >= -1 && r.top < window.innerHeight && (r.bottom <= window.innerHeight || r.height > window.innerHeight);
    },
    id,
    { timeout: 5000 },
  );
}

async function fill(page, selector, value) {
  await page.fill(selector, value);
  await page.locator(selector).dispatchEvent('input');
}

test('every factor table lists as many rows as its CSV, each with its anchor', () =>
  open(async (page) => {
    for (const file of TABLES) {
      const details = await openTable(page, file);
      const rows = table(file);
      assert.equal(await details.locator('tbody tr').count(), rows.length, file);
      assert.equal(await details.locator('[data-testid=table-count]').innerText(), `${rows.length} rows`, file);
      // Source, year, licence and status on the first row.
      const first = details.locator('tbody tr').first();
      assert.ok((await first.locator('a.source').count()) >= 1, `${file}: a source link`);
      const heads = await details.locator('thead th').allInnerTexts();
      for (const h of ['Year', 'Licence']) assert.ok(heads.some((t) => t.startsWith(h)), `${file}: ${h} column`);
      assert.ok(heads.some((t) => /status/i.test(t)), `${file}: a status column`);
    }
    // Keys and anchors: every hardware id and every zone id is a row id.
    for (const h of table('hardware.csv')) assert.equal(await page.locator(`#row-hardware-${h.id}`).count(), 1, h.id);
    for (const z of table('grid_zones.csv')) assert.equal(await page.locator(`#row-grid-zones-${z.zone_id}`).count(), 1, z.zone_id);
    const r = table('cloud_regions.csv')[0];
    assert.equal(await page.locator(`#row-cloud-regions-${r.provider}-${r.region_code}`).count(), 1);
  }));

test('each table downloads as data/<name>.csv, byte for byte', () =>
  open(async (page) => {
    for (const file of TABLES) {
      const details = await openTable(page, file);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        details.locator('[data-testid=table-download]').click(),
      ]);
      assert.equal(download.suggestedFilename(), file);
      const got = fs.readFileSync(await download.path());
      const want = fs.readFileSync(path.join(REPO, 'data', file));
      assert.ok(got.equals(want), `${file}: ${got.length} bytes, the file has ${want.length}`);
    }
  }));

test('headers sort with aria-sort, and the search filters', () =>
  open(async (page) => {
    const details = await openTable(page, 'pue.csv');
    const th = details.locator('thead th', { hasText: /^PUE/ }).first();
    await th.locator('button').click();
    assert.equal(await th.getAttribute('aria-sort'), 'ascending');
    const values = async () => (await details.locator('tbody td[data-col="pue"]').allInnerTexts()).map(Number);
    const pues = table('pue.csv').map((p) => Number(p.pue));
    let v = await values();
    assert.deepEqual(v, [...pues].sort((a, b) => a - b));
    // Again, by keyboard: descending.
    await th.locator('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('details[data-table="pue.csv"] thead th[aria-sort="descending"]'));
    v = await values();
    assert.deepEqual(v, [...pues].sort((a, b) => b - a));
    // Only the sorted column says so.
    assert.equal(await details.locator('thead th[aria-sort]').count(), 1);

    const hw = await openTable(page, 'hardware.csv');
    await fill(page, '#table-search-hardware', 'H100 sxm5');
    await page.waitForFunction(() => document.querySelectorAll('details[data-table="hardware.csv"] tbody tr').length === 1);
    assert.equal(await hw.locator('tbody tr').getAttribute('id'), 'row-hardware-nvidia-h100-sxm');
    assert.equal(await hw.locator('[data-testid=table-count]').innerText(), `1 of ${table('hardware.csv').length} rows`);
    await fill(page, '#table-search-hardware', '');
    await page.waitForFunction((n) => document.querySelectorAll('details[data-table="hardware.csv"] tbody tr').length === n, table('hardware.csv').length);
  }));

test('the results card links each factor to its table row, and the address stays the permalink', () =>
  open(async (page) => {
    await pick(page, 'hardware', 'nvidia-h100-sxm');
    await page.waitForFunction(() => location.hash.startsWith('#v=1'));
    const hash = await page.evaluate(() => location.hash);
    const links = page.locator('section.results .row-link');
    const targets = [];
    for (let i = 0; i < (await links.count()); i++) {
      targets.push([await links.nth(i).getAttribute('data-table'), await links.nth(i).getAttribute('data-key')]);
    }
    assert.deepEqual(targets.map(([t]) => t).sort(), ['embodied.csv', 'grid_zones.csv', 'hardware.csv', 'pue.csv']);
    for (const [file, key] of targets) {
      await page.locator(`section.results .row-link[data-table="${file}"]`).click();
      const id = `row-${file.replace('.csv', '').replaceAll('_', '-')}-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
      await waitRevealed(page, id);
      assert.equal(await page.locator(`details[data-table="${file}"]`).evaluate((d) => d.open), true);
      assert.equal(await page.locator('[data-revealed]').first().getAttribute('id'), id, 'one row marked');
    }
    // The hardware row's power cell is the one marked.
    await page.locator('section.results .row-link[data-table="hardware.csv"]').click();
    await waitRevealed(page, 'row-hardware-nvidia-h100-sxm');
    const cell = page.locator('#row-hardware-nvidia-h100-sxm [data-col="power_w"]');
    assert.equal(await cell.getAttribute('data-revealed'), '');
    // Scrolled to sideways in the table's box, which is narrower than the table.
    const [box, td] = [await page.locator('details[data-table="hardware.csv"] .method-table-wrap').boundingBox(), await cell.boundingBox()];
    const key = await page.locator('#row-hardware-nvidia-h100-sxm th').boundingBox();
    assert.ok(td.x >= key.x + key.width - 1 && td.x + td.width <= box.x + box.width + 1, `cell ${JSON.stringify(td)} in ${JSON.stringify(box)}, right of the key ${JSON.stringify(key)}`);
    assert.equal(await page.evaluate(() => location.hash), hash, 'the permalink is untouched');
    assert.equal(await page.locator('.share-notice').count(), 0, 'no link notice');
    // A row hidden by a search is shown: the search is cleared.
    const hw = page.locator('details[data-table="hardware.csv"]');
    await fill(page, '#table-search-hardware', 'tpu');
    await page.locator('section.results .row-link[data-table="hardware.csv"]').click();
    await waitRevealed(page, 'row-hardware-nvidia-h100-sxm');
    assert.equal(await page.inputValue('#table-search-hardware'), '');
    assert.equal(await hw.locator('tbody tr').count(), table('hardware.csv').length);
  }));

test('the worked calculation substitutes the numbers, and its figures open their rows', () =>
  open(async (page) => {
    await pick(page, 'hardware', 'nvidia-h100-sxm');
    await fill(page, '#field-devices', '8');
    await fill(page, '#field-duration', '72');
    await page.waitForFunction(() => document.querySelector('[data-testid=emissions]')?.textContent === '160.4 kg');
    await page.click('section.results .how-link');
    await waitRevealed(page, 'method-calc');
    const calc = page.locator('[data-testid=method-calc]');
    const text = await calc.innerText();
    assert.ok(text.includes('Energy: 8 × 700 W × 100 % × 72 h × 1.14 ÷ 1000 = 459.6 kWh'), text);
    assert.ok(text.includes('Emissions: 459.6 kWh × 349.06 g/kWh ÷ 1000 = 160.4 kg CO2eq'));
    assert.ok(text.includes('Energy: 8 × 700 W × 85 % × 72 h × 1.04 ÷ 1000 = 356.4 kWh'), 'the low end');
    assert.ok(text.includes('Manufacturing share: (164 kg + 712.5 kg) × 576 device-h ÷ (4 years × 8,760 h) = 14.41 kg CO2eq'));
    // The 349.06 g/kWh is Virginia's lifecycle cell of grid_zones.csv, as the table says.
    const va = table('grid_zones.csv').find((z) => z.zone_id === 'US-VA');
    assert.equal(va.lifecycle_g_per_kwh, '349.06');
    await calc.locator('button[data-table="grid_zones.csv"][data-col="lifecycle_g_per_kwh"]').first().click();
    await waitRevealed(page, 'row-grid-zones-US-VA');
    assert.equal(await page.locator('#row-grid-zones-US-VA [data-col="lifecycle_g_per_kwh"]').innerText(), '349.06');
    assert.equal(await page.locator('#row-grid-zones-US-VA [data-col="lifecycle_g_per_kwh"]').getAttribute('data-revealed'), '');
    // Follows the form while open.
    await fill(page, '#field-devices', '4');
    await page.waitForFunction(() => document.querySelector('[data-testid=method-result]')?.textContent === '80.22 kg');
    // The ledger's total opens it too.
    await page.locator('.ledger .how-link').click();
    await waitRevealed(page, 'method-calc');
  }));

// tests/cases.json writes some fields under older names, which imports read.
function exportOf(form) {
  return JSON.stringify({
    schema: 'ml-emissions-calculator/estimate',
    schema_version: 1,
    project: { name: '', active: 0, runs: [{ label: 'Training run', phase: 'final_training', repeat: '1', form }] },
  });
}

for (const [i, c] of CASES.entries()) {
  test(`the worked calculation ends at the headline: ${c.name}`, () =>
    open(async (page) => {
      await page.fill('[data-testid=statement-import-text]', exportOf(c.form));
      await page.click('[data-testid=statement-import-button]');
      await page.locator('[data-testid=statement-import-done]').waitFor();
      await page.waitForFunction((want) => document.querySelector('[data-testid=emissions]')?.textContent === want, c.expected.display);
      await page.click('section.results .how-link');
      await page.locator('[data-testid=method-result]').waitFor();
      const headline = await page.textContent('[data-testid=emissions]');
      const range = (await page.innerText('[data-testid=emissions-range]')).replace(/^Range /, '');
      assert.equal(await page.textContent('[data-testid=method-result]'), headline, `case ${i}`);
      assert.equal(await page.textContent('[data-testid=method-result-range]'), range, `case ${i}`);
      assert.equal(headline, c.expected.display);
      // And the last emissions step of the central value is that figure.
      const central = page.locator('[data-testid=method-run] .method-end').first();
      const last = (await central.locator('li').allInnerTexts()).filter((t) => t.startsWith('Emissions')).pop();
      assert.ok(last.endsWith(`= ${headline} CO2eq`), last);
      // With the manufacturing share included, both follow.
      if (await page.locator('[data-testid=include-embodied]').count()) {
        await page.check('[data-testid=include-embodied]');
        await page.waitForFunction(() => document.querySelector('[data-testid=method-result]')?.textContent === document.querySelector('[data-testid=emissions]')?.textContent && document.querySelector('[data-testid=incl-embodied]'));
        assert.ok((await page.locator('[data-testid=method-calc]').innerText()).includes('The headline includes the manufacturing share'));
        assert.equal(await page.textContent('[data-testid=method-result-range]'), (await page.innerText('[data-testid=emissions-range]')).replace(/^Range /, ''));
      }
    }));
}

test('the data version and the changes since the previous one, searchable', () =>
  open(async (page) => {
    const changes = table('changes.csv');
    const details = page.locator('#method-changes');
    assert.ok((await details.locator('summary').innerText()).includes(`Data version ${DATA_VERSION}: ${changes.length} changes since`));
    await details.locator('summary').click();
    await details.locator('[data-testid=changes-list] li').first().waitFor();
    assert.equal(await details.locator('[data-testid=changes-list] li').count(), changes.length);
    await fill(page, '#changes-search', 'US-VA');
    const n = changes.filter((c) => Object.values(c).some((v) => v.includes('US-VA'))).length;
    await page.waitForFunction((n) => document.querySelectorAll('#method-changes [data-testid=changes-list] li').length === n, n);
    assert.ok(n > 0 && n < changes.length);
    assert.equal(await details.locator('[data-testid=changes-count]').innerText(), `${n} of ${changes.length} changes`);
  }));

test('at 360 px the open tables scroll in their own focusable, labelled box', () =>
  open(
    async (page) => {
      for (const file of ['hardware.csv', 'grid_zones.csv']) await openTable(page, file);
      await page.click('section.results .how-link');
      await page.locator('[data-testid=method-result]').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px too wide`);
      for (const wrap of await page.locator('.method-table-wrap').all()) {
        if (!(await wrap.isVisible())) continue;
        assert.equal(await wrap.getAttribute('tabindex'), '0');
        assert.equal(await wrap.getAttribute('role'), 'region');
        assert.ok((await wrap.getAttribute('aria-label'))?.length > 0);
      }
      // Keyboard: the scroll box takes the focus and shows it.
      const wrap = page.locator('details[data-table="hardware.csv"] .method-table-wrap');
      await page.locator('details[data-table="hardware.csv"] [data-testid=table-download]').focus();
      await page.keyboard.press('Tab');
      assert.equal(await wrap.evaluate((el) => document.activeElement === el), true, 'Tab reaches the scroll box');
      const outline = await wrap.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none');
      // A revealed cell is beside its row's key (which stays in view), not under it.
      const link = page.locator('section.results .row-link[data-table="hardware.csv"]');
      const id = `row-hardware-${await link.getAttribute('data-key')}`;
      await link.click();
      await waitRevealed(page, id);
      const [box, key, td] = [await wrap.boundingBox(), await page.locator(`#${id} th`).boundingBox(), await page.locator(`#${id} td[data-revealed]`).boundingBox()];
      assert.ok(key.x >= box.x - 1 && td.x >= key.x + key.width - 1 && td.x + td.width <= box.x + box.width + 1, `cell ${JSON.stringify(td)}, key ${JSON.stringify(key)}, box ${JSON.stringify(box)}`);
    },
    { width: 360, height: 800 },
  ));
