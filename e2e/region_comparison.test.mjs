// Region comparison ("Where should this job run?") in a real browser:
// the highlighted bar matches the form, choosing a bar (click or keyboard) changes the
// form and the estimate, and the advice names the cleanest region with the saving
// computed here, independently, from data/*.csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pick, table, useSharedBrowser, withPage } from './harness.mjs';

// ---- Independent reference: the factor tables (read by the harness's own CSV parser) ----
const zones = new Map(table('grid_zones.csv').map((z) => [z.zone_id, z]));
const regions = table('cloud_regions.csv');
const pue = new Map(table('pue.csv').map((p) => [p.key, Number(p.pue)]));
const hardware = new Map(table('hardware.csv').map((h) => [h.id, h]));

/** kg CO2eq of `devices` × `watts` at `util` for `hours` in a cloud region (its own PUE), on the
 *  lifecycle basis: the region's grid zone's figure, the same for every provider in that zone. */
function regionKg(r, { devices, watts, util, hours }) {
  const intensity = Number(zones.get(r.zone_id).lifecycle_g_per_kwh);
  const p = pue.get(`${r.provider}:${r.region_code}`) ?? pue.get(r.provider);
  return (devices * watts * util * hours * p) / 1000 * intensity / 1000;
}

/** "3.084 kg" / "236.9 g" / "12.35 t" → kg */
function parseMass(text) {
  const m = /([\d,]+(?:\.\d+)?)\s*(g|kg|t)\b/.exec(text);
  assert.ok(m, `a mass in ${JSON.stringify(text)}`);
  const v = Number(m[1].replaceAll(',', ''));
  return m[2] === 'g' ? v / 1000 : m[2] === 't' ? v * 1000 : v;
}

// ---- Browser ----
const shared = useSharedBrowser();

/** Type a value into a form field and let the app react. */
async function fill(page, selector, value) {
  await page.fill(selector, value);
  await page.locator(selector).dispatchEvent('input');
}

const JOB = { devices: 4, watts: 400, util: 0.5, hours: 100 }; // A100 SXM4 80GB is 400 W
/** Run `fn(page)` on a page showing JOB, checking it raised no error and closing it. */
function withJob(fn, width = 1280) {
  return withPage(
    shared,
    shared.server.url,
    async (page) => {
      assert.equal(Number(hardware.get('nvidia-a100-sxm4-80gb').power_w), JOB.watts, 'fixture: A100 SXM4 80GB at 400 W');
      await pick(page, 'hardware', 'nvidia-a100-sxm4-80gb');
      await fill(page, '#field-devices', String(JOB.devices));
      await fill(page, '#field-duration', String(JOB.hours));
      await fill(page, '#field-utilization', String(JOB.util * 100));
      await page.waitForSelector('[data-testid=region-chart] .rc-row[data-current="true"]');
      await fn(page);
    },
    { width, height: 900 },
  );
}

// Bars in view (bars hidden by a filter stay in the SVG with display="none").
const BARS = '[data-testid=region-chart] .rc-row:not([display])';
const currentId = (page) =>
  page.getAttribute('[data-testid=region-chart] .rc-row[data-current="true"]', 'data-id');
const barValue = (page, id) =>
  page.locator(`[data-testid=region-chart] .rc-row[data-id="${id}"] .rc-value`).textContent();

test('the highlighted bar is the region chosen in the form, and follows it', () =>
  withJob(async (page) => {
    const provider = await page.inputValue('#field-provider');
    const region = await page.inputValue('#field-region');
    assert.equal(await page.locator('[data-testid=region-chart] .rc-row[data-current="true"]').count(), 1);
    assert.equal(await currentId(page), `${provider}:${region}`);
    // Its bar shows the same figure as the estimate.
    assert.equal(await barValue(page, `${provider}:${region}`), await page.textContent('[data-testid=emissions]'));

    // Change the region in the form: the highlight moves.
    await page.selectOption('#field-region', 'eu-west-3');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=region-chart] .rc-row[data-current="true"]')?.dataset.id === 'aws:eu-west-3');
    assert.deepEqual(page.pageErrors, []);
  }));

test('the advice names the cleanest AWS region with the saving computed from data/*.csv', () =>
  withJob(async (page) => {
    const provider = await page.inputValue('#field-provider');
    const region = await page.inputValue('#field-region');
    const mine = regions.filter((r) => r.provider === provider);
    const kg = new Map(mine.map((r) => [r.region_code, regionKg(r, JOB)]));
    const current = kg.get(region);
    const [bestCode, bestKg] = [...kg].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    assert.notEqual(bestCode, region, 'fixture: the default region is not the cleanest');

    // The estimate shown is this job in the current region.
    const shown = parseMass(await page.textContent('[data-testid=emissions]'));
    assert.ok(Math.abs(shown - current) <= current * 5e-4, `estimate ${shown} vs ${current}`);

    assert.equal(await page.locator(BARS).count(), mine.length, 'one bar per AWS region');
    assert.equal(
      await page.getAttribute('[data-testid=region-chart] .rc-row[data-cleanest="true"]', 'data-id'),
      `${provider}:${bestCode}`,
    );

    const advice = await page.textContent('[data-testid=advice]');
    assert.match(advice, new RegExp(`^Running in .*\\b${bestCode}\\b \\(.+\\) instead would emit [\\d.]+ % less \\(.+ CO2eq\\)\\.$`));
    const best = mine.find((r) => r.region_code === bestCode);
    // Where it is: the city, else the state or province of its zone, else the region's name.
    const zone = zones.get(best.zone_id);
    const where = best.city || (zone.kind === 'subnational' ? zone.name : best.region_name);
    assert.ok(advice.includes(where), `advice names where ${bestCode} is: ${advice}`);
    const percent = Number(/emit ([\d.]+) % less/.exec(advice)[1]);
    const expectPercent = ((current - bestKg) / current) * 100;
    assert.equal(percent, Number(expectPercent.toPrecision(3)), `${advice} vs ${expectPercent} %`);
    const savedKg = parseMass(/less \((.+) CO2eq\)/.exec(advice)[1]);
    assert.ok(Math.abs(savedKg - (current - bestKg)) <= (current - bestKg) * 5e-4, `${advice} vs ${current - bestKg} kg`);

    // Sorted: each bar's value is no smaller than the one above.
    const values = (await page.locator(`${BARS} .rc-value`).allTextContents()).map(parseMass);
    assert.ok(values.every((v, i) => i === 0 || v >= values[i - 1] - 1e-9), `sorted: ${values}`);
    assert.deepEqual(page.pageErrors, []);
  }));

test('clicking a bar selects that region in the form and changes the estimate', () =>
  withJob(async (page) => {
    const before = await page.textContent('[data-testid=emissions]');
    const target = await page.getAttribute('[data-testid=region-chart] .rc-row[data-cleanest="true"]', 'data-id');
    const targetValue = await barValue(page, target);
    assert.notEqual(targetValue, before);
    await page.click(`[data-testid=region-chart] .rc-row[data-id="${target}"]`);

    const [provider, region] = target.split(':');
    await page.waitForFunction((r) => document.querySelector('#field-region')?.value === r, region);
    assert.equal(await page.inputValue('#field-provider'), provider);
    // The estimate is now that bar's figure, and that bar is the highlighted one.
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, targetValue);
    assert.notEqual(await page.textContent('[data-testid=emissions]'), before);
    assert.equal(await currentId(page), target);
    assert.match(await page.textContent('[data-testid=advice]'), /is already the cleanest in view\.$/);
    assert.deepEqual(page.pageErrors, []);
  }));

test('keyboard: arrows move between bars, Enter selects, focus stays on the chosen bar', () =>
  withJob(async (page) => {
    const current = await currentId(page);
    // One tab stop: the current bar.
    assert.deepEqual(
      await page.$$eval('[data-testid=region-chart] .rc-row[tabindex="0"]', (els) => els.map((e) => e.dataset.id)),
      [current],
    );
    await page.focus(`[data-testid=region-chart] .rc-row[data-id="${current}"]`);
    await page.keyboard.press('ArrowDown');
    const next = await page.evaluate(() => document.activeElement?.dataset.id);
    assert.ok(next && next !== current, `focus moved to ${next}`);
    const nextValue = await barValue(page, next);
    await page.keyboard.press('Enter');

    await page.waitForFunction((r) => document.querySelector('#field-region')?.value === r, next.split(':')[1]);
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, nextValue);
    assert.equal(await currentId(page), next);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), next, 'focus kept on the chosen bar');
    assert.deepEqual(page.pageErrors, []);
  }));

test('countries and grid zones: choosing a bar switches the form to that zone', () =>
  withJob(async (page) => {
    await page.check('input[name="rc-scope"][value="zones"]');
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 100, BARS);
    assert.equal(await page.locator(BARS).count(), zones.size, 'one bar per zone');
    assert.equal(await page.locator('[data-testid=region-chart] .rc-row[data-current="true"]').count(), 0);

    await fill(page, '#rc-search', 'france');
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length < 10, BARS);
    const names = await page.locator(`${BARS} .rc-name`).allTextContents();
    assert.ok(names.includes('France') && names.every((n) => /france/i.test(n)), `search keeps French zones: ${names}`);
    assert.equal(await page.getAttribute('[data-testid=region-chart]', 'data-bars'), String(names.length));
    const value = await barValue(page, 'FR');
    await page.click('[data-testid=region-chart] .rc-row[data-id="FR"]');
    await page.waitForFunction(() => document.querySelector('input[name="location-mode"][value="zone"]')?.checked);
    await page.waitForFunction(() => document.querySelector('#field-zone')?.dataset.value === 'FR');
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, value);
    // France on premises: 4 × 400 W × 50 % × 100 h × on-premises PUE × France's intensity.
    const expected = (JOB.devices * JOB.watts * JOB.util * JOB.hours * pue.get('on-premises')) / 1e6 *
      Number(zones.get('FR').lifecycle_g_per_kwh);
    const shown = parseMass(await page.textContent('[data-testid=emissions]'));
    assert.ok(Math.abs(shown - expected) <= expected * 5e-4, `${shown} vs ${expected}`);
    assert.equal(await currentId(page), 'FR');
    assert.deepEqual(page.pageErrors, []);
  }));

test('table view: same rows, sortable headers, a row button selects the region', () =>
  withJob(async (page) => {
    const bars = await page.locator(BARS).count();
    await page.click('button:has-text("Show as table")');
    const rows = page.locator('[data-testid=region-table] tbody tr');
    assert.equal(await rows.count(), bars);
    const emissionsHeader = page.locator('[data-testid=region-table] th:has(button:has-text("Emissions"))');
    assert.equal(await emissionsHeader.getAttribute('aria-sort'), 'ascending');
    await emissionsHeader.locator('button').click();
    assert.equal(await emissionsHeader.getAttribute('aria-sort'), 'descending');
    const kg = (await page.locator('[data-testid=region-table] tbody tr td[data-col=emissions]').allTextContents())
      .map((t) => Number(t.replaceAll(',', '')));
    assert.ok(kg.every((v, i) => i === 0 || v <= kg[i - 1]), `descending: ${kg}`);

    // The last row after a descending sort is the cleanest; select it from the table.
    const last = rows.last();
    const name = await last.locator('button').textContent();
    await last.locator('button').click();
    await page.waitForFunction((n) => n.endsWith(document.querySelector('#field-region')?.value ?? '\u0000'), name);
    assert.match(await page.textContent('[data-testid=advice]'), /is already the cleanest in view\.$/);
    assert.deepEqual(page.pageErrors, []);
  }));

test('at 360 px the chart fits the screen with legible labels', () =>
  withJob(async (page) => {
    const m = await page.evaluate(() => {
      const chart = document.querySelector('[data-testid=region-chart]');
      const svg = chart.querySelector('svg');
      const label = chart.querySelector('.rc-label');
      const row = chart.querySelector('.rc-row');
      const l = label.getBoundingClientRect(), b = row.querySelector('.rc-bar').getBoundingClientRect();
      return {
        overflow: chart.scrollWidth - chart.clientWidth,
        svgRight: svg.getBoundingClientRect().right,
        viewport: window.innerWidth,
        fontPx: parseFloat(getComputedStyle(label).fontSize),
        labelAboveBar: l.bottom <= b.top + 1,
      };
    });
    assert.ok(m.overflow <= 0, `no sideways scrolling (${m.overflow} px)`);
    assert.ok(m.svgRight <= m.viewport, `chart inside the screen (${m.svgRight} > ${m.viewport})`);
    assert.ok(m.fontPx >= 12, `labels at least 12 px (${m.fontPx})`);
    assert.ok(m.labelAboveBar, 'labels sit above the bars on a narrow screen');
    assert.deepEqual(page.pageErrors, []);
  }, 360));
