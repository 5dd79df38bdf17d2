// Like-for-like grids in a real browser: the whole calculator switches between lifecycle and
// direct grid figures. The headline, the comparison's order and marks, the statement's basis
// sentence and the link follow the switch; a provider's own figure is chosen explicitly and
// marked apart. Every expected number is computed here from data/*.csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { table, useSharedBrowser, withPage } from './harness.mjs';

const zones = new Map(table('grid_zones.csv').map((z) => [z.zone_id, z]));
const regions = table('cloud_regions.csv');
const pue = new Map(table('pue.csv').map((p) => [p.key, Number(p.pue)]));
const a100 = table('hardware.csv').find((h) => h.id === 'nvidia-a100-sxm4-80gb');

/** The zone's figure on `basis`, and whether it fell back to lifecycle. */
function zoneFigure(zoneId, basis) {
  const z = zones.get(zoneId);
  if (basis === 'direct' && z.direct_g_per_kwh !== '') return [Number(z.direct_g_per_kwh), false];
  return [Number(z.lifecycle_g_per_kwh), basis === 'direct'];
}
/** The default job (1 × A100 for 24 h at 100 %) in region `r`, kg CO2eq, on `basis`. */
function regionKg(r, basis) {
  const p = pue.get(`${r.provider}:${r.region_code}`) ?? pue.get(r.provider);
  return ((Number(a100.power_w) * 24 * p) / 1000) * zoneFigure(r.zone_id, basis)[0] / 1000;
}
/** "3.82 kg" → kg. */
function parseMass(text) {
  const m = /([\d,]+(?:\.\d+)?)\s*(g|kg|t)\b/.exec(text);
  assert.ok(m, `a mass in ${JSON.stringify(text)}`);
  const v = Number(m[1].replaceAll(',', ''));
  return m[2] === 'g' ? v / 1000 : m[2] === 't' ? v * 1000 : v;
}
const close = (a, b) => Math.abs(a - b) <= Math.abs(b) * 5e-4;

const shared = useSharedBrowser();
const BARS = '[data-testid=region-chart] .rc-row:not([display])';
const text = (page, sel) => page.locator(sel).first().textContent();
const waitFor = (page, sel, re) =>
  page.waitForFunction(([s, src]) => new RegExp(src).test(document.querySelector(s)?.textContent ?? ''), [sel, re.source]);

test('switching to direct figures changes the headline, the comparison and the statement', () =>
  withPage(shared, shared.server.url, async (page) => {
    await page.selectOption('#field-region', 'ca-central-1');
    const qc = regions.find((r) => r.provider === 'aws' && r.region_code === 'ca-central-1');
    assert.equal(qc.zone_id, 'CA-QC', 'fixture: ca-central-1 is in Quebec');
    assert.notEqual(zones.get('CA-QC').direct_g_per_kwh, '', 'fixture: Quebec publishes a direct figure');
    await waitFor(page, '[data-testid=intensity-basis]', /lifecycle/);
    assert.ok(close(parseMass(await text(page, '[data-testid=emissions]')), regionKg(qc, 'lifecycle')));
    const lifecycleOrder = await page.$$eval(BARS, (els) => els.map((e) => e.dataset.id));
    assert.equal(await page.locator(`${BARS} .rc-value`, { hasText: '*' }).count(), 0, 'no fallbacks on lifecycle');

    await page.check('input[name="grid-basis"][value="direct"]');
    await waitFor(page, '[data-testid=intensity-basis]', /^ · direct \(combustion at the plant\)$/);
    // The headline: Quebec's direct figure.
    const kg = parseMass(await text(page, '[data-testid=emissions]'));
    assert.ok(close(kg, regionKg(qc, 'direct')), `${kg} vs ${regionKg(qc, 'direct')}`);
    assert.ok(!close(kg, regionKg(qc, 'lifecycle')), 'the headline moved');

    // The comparison: every AWS region on the direct basis, in the order computed here.
    const aws = regions.filter((r) => r.provider === 'aws');
    const expected = aws
      .map((r) => [`aws:${r.region_code}`, regionKg(r, 'direct'), r])
      .sort((a, b) => a[1] - b[1]);
    await page.waitForFunction(
      (n) => [...document.querySelectorAll('[data-testid=region-chart] .rc-row:not([display]) .rc-value')].filter((v) => v.textContent.endsWith('*')).length === n,
      aws.filter((r) => r.region_code !== 'ca-central-1' && zoneFigure(r.zone_id, 'direct')[1]).length,
    );
    const directOrder = await page.$$eval(BARS, (els) => els.map((e) => e.dataset.id));
    const values = (await page.locator(`${BARS} .rc-value`).allTextContents()).map(parseMass);
    // Equal values may be listed in either order: compare the values in order, then the sets.
    expected.forEach(([id, want], i) => assert.ok(close(values[i], want), `${i}: ${values[i]} vs ${want} (${id})`));
    assert.deepEqual([...directOrder].sort(), expected.map(([id]) => id).sort());
    assert.notDeepEqual(directOrder, lifecycleOrder, 'the order changes where direct figures differ');
    // Each fallback bar says so to a screen reader; the summary explains the mark.
    const fallback = aws.find((r) => zoneFigure(r.zone_id, 'direct')[1]);
    assert.match(
      await page.getAttribute(`[data-testid=region-chart] .rc-row[data-id="aws:${fallback.region_code}"]`, 'aria-label'),
      /lifecycle figure: no direct figure published/,
    );
    assert.match(await text(page, '[data-testid=rc-summary]'), /× the location's direct grid intensity \(combustion or scope 2\)\..* \* \d+ locations publish no direct figure: their lifecycle figure is shown\.$/);

    // The statement names the basis.
    const statement = await page.inputValue('[data-testid=statement-text]');
    assert.match(statement, /1\.2[~ ]gCO2eq\/kWh for Quebec.*?, a direct figure \(combustion at the plant; grid zone CA-QC\)/);

    // The link carries the basis, and opening it restores it.
    assert.match(page.url(), /[#&]grid_basis=direct(&|$)/);
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await page.locator('input[name="grid-basis"][value="direct"]:checked').waitFor({ state: 'attached' });
    assert.ok(close(parseMass(await text(page, '[data-testid=emissions]')), regionKg(qc, 'direct')));

    // Back to lifecycle: Virginia falls back on direct, so us-east-1 says so there.
    await page.selectOption('#field-region', 'us-east-1');
    await page.locator('[data-testid=basis-fallback]').waitFor();
    await page.check('input[name="grid-basis"][value="lifecycle"]');
    await page.locator('[data-testid=basis-fallback]').waitFor({ state: 'detached' });
    assert.doesNotMatch(page.url(), /grid_basis=/, 'the default basis is left out of the link');
  }));

test("the provider's own figure is chosen explicitly and marked apart in the comparison", () =>
  withPage(shared, shared.server.url, async (page) => {
    const r = regions.find((x) => x.provider === 'gcp' && x.region_code === 'northamerica-northeast1');
    await page.selectOption('#field-provider', 'gcp');
    await page.selectOption('#field-region', r.region_code);
    const box = page.locator('[data-testid=provider-figure]');
    await box.waitFor();
    assert.equal(await box.isChecked(), false, 'the zone figure is the default');
    assert.ok(close(parseMass(await text(page, '[data-testid=emissions]')), regionKg(r, 'lifecycle')));
    await box.check();
    await waitFor(page, '[data-testid=intensity-basis]', /the provider's own figure/);
    const p = pue.get(`gcp:${r.region_code}`) ?? pue.get('gcp');
    const want = ((Number(a100.power_w) * 24 * p) / 1000) * Number(r.provider_intensity_g_per_kwh) / 1000;
    assert.ok(close(parseMass(await text(page, '[data-testid=emissions]')), want));
    // The current bar is marked †, and the summary says why.
    await page.waitForSelector('[data-testid=region-chart] .rc-row[data-current="true"] .rc-value');
    assert.match(await text(page, '[data-testid=region-chart] .rc-row[data-current="true"] .rc-value'), /†$/);
    assert.match(await text(page, '[data-testid=rc-summary]'), /† Your choice uses the provider's own figure, not the lifecycle figure of the other bars/);
    assert.match(page.url(), /provider_figure=1/);
  }));
