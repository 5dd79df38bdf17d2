// "What would cut this most?" and the manufacturing share in a real browser: the advice's
// region saving is what the region comparison shows for its cleanest bar (both read from
// the page) and what data/*.csv gives by hand; its hardware saving is the hand calculation
// of the same work on the device with the least power per peak FLOP (the "Which hardware?"
// chart is not on this branch); each button makes its move; carbon-free-energy claims sit
// apart with no saving. Ticking "include" adds exactly the manufacturing share to the
// headline, the summary bar and the project total, the statement then says it is included,
// and unticking restores every figure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { table, pick, useSharedBrowser, withPage } from './harness.mjs';

// ---- Independent reference: the factor tables ----
const zones = new Map(table('grid_zones.csv').map((z) => [z.zone_id, z]));
const regions = table('cloud_regions.csv');
const pue = new Map(table('pue.csv').map((p) => [p.key, Number(p.pue)]));
const hardware = table('hardware.csv');
const byId = new Map(hardware.map((h) => [h.id, h]));
const embodied = table('embodied.csv');

const JOB = { id: 'nvidia-a100-sxm4-80gb', devices: 4, util: 0.5, hours: 100, provider: 'aws', region: 'us-east-1' };

/** kg CO2eq of JOB with `watts` per device and `hours`, in region `r` on the lifecycle basis. */
function kgIn(r, watts = Number(byId.get(JOB.id).power_w), hours = JOB.hours) {
  const intensity = Number(zones.get(r.zone_id).lifecycle_g_per_kwh);
  const p = pue.get(`${r.provider}:${r.region_code}`) ?? pue.get(r.provider);
  return (((JOB.devices * watts * JOB.util * hours * p) / 1000) * intensity) / 1000;
}
const here = regions.find((r) => r.provider === JOB.provider && r.region_code === JOB.region);

/** "3.084 kg" / "236.9 g" / "12.35 t" (the first mass in the text) → kg */
function parseMass(text) {
  const m = /([\d,]+(?:\.\d+)?)\s*(g|kg|t)\b/.exec(text);
  assert.ok(m, `a mass in ${JSON.stringify(text)}`);
  const v = Number(m[1].replaceAll(',', ''));
  return m[2] === 'g' ? v / 1000 : m[2] === 't' ? v * 1000 : v;
}
/** Four significant digits, as the page writes every mass. */
const close4 = (a, b) => Math.abs(a - b) <= 5e-4 * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;

const shared = useSharedBrowser();

async function fill(page, selector, value) {
  await page.fill(selector, value);
  await page.locator(selector).dispatchEvent('input');
}

function withJob(fn, width = 1280) {
  return withPage(
    shared,
    shared.server.url,
    async (page) => {
      await pick(page, 'hardware', JOB.id);
      await fill(page, '#field-devices', String(JOB.devices));
      await fill(page, '#field-duration', String(JOB.hours));
      await fill(page, '#field-utilization', String(JOB.util * 100));
      await page.selectOption('#field-provider', JOB.provider);
      await page.selectOption('#field-region', JOB.region);
      await page.waitForSelector('[data-testid=region-chart] .rc-row[data-current="true"]');
      await page.waitForSelector('[data-testid=advice-item]');
      await fn(page);
    },
    { width, height: 900 },
  );
}

const item = (page, kind) => page.locator(`[data-testid=advice-item][data-kind="${kind}"]`);

test('the region saving is the cleanest bar of the region comparison, and the hand calculation', () =>
  withJob(async (page) => {
    const region = item(page, 'region');
    assert.equal(await region.count(), 1);
    const saving = parseMass(await region.locator('[data-testid=advice-saving]').innerText());

    // Read from the chart: the bar of the job as entered and the cleanest bar.
    const current = await page.locator('[data-testid=region-chart] .rc-row[data-current="true"]');
    const best = await page.locator('[data-testid=region-chart] .rc-row[data-cleanest="true"]');
    const currentKg = parseMass(await current.locator('.rc-value').textContent());
    const bestKg = parseMass(await best.locator('.rc-value').textContent());
    const bestId = await best.getAttribute('data-id');
    assert.ok(close4(saving, currentKg - bestKg) || Math.abs(saving - (currentKg - bestKg)) <= 0.001 * currentKg,
      `advice saves ${saving} kg, the chart ${currentKg} − ${bestKg}`);
    // The comparison's own sentence states the same saving, to the digit.
    const sentence = await page.innerText('[data-testid=advice]');
    const stated = /\(([\d,.]+\s*(?:g|kg|t)) CO2eq\)/.exec(sentence)?.[1];
    assert.ok(stated, sentence);
    assert.ok((await region.locator('[data-testid=advice-saving]').innerText()).startsWith(`−${stated} CO2eq`));

    // By hand: the cleanest region of the provider on the lifecycle basis.
    const mine = regions.filter((r) => r.provider === JOB.provider);
    const cleanest = mine.reduce((a, b) => (kgIn(b) < kgIn(a) ? b : a));
    assert.equal(bestId, `${cleanest.provider}:${cleanest.region_code}`);
    assert.ok(close4(saving, kgIn(here) - kgIn(cleanest)), `${saving} vs ${kgIn(here) - kgIn(cleanest)}`);
    const pct = /\(([\d.]+) %\)/.exec(await region.locator('[data-testid=advice-saving]').innerText())?.[1];
    assert.ok(Math.abs(Number(pct) - (100 * (kgIn(here) - kgIn(cleanest))) / kgIn(here)) < 0.1, `${pct} %`);
    assert.match(await region.locator('h3').innerText(), new RegExp(cleanest.region_code));

    // Its button moves the job there: the form and the estimate follow.
    await region.locator('[data-testid=advice-apply]').click();
    await page.waitForFunction((r) => document.querySelector('#field-region')?.value === r, cleanest.region_code);
    assert.ok(close4(parseMass(await page.textContent('[data-testid=emissions]')), kgIn(cleanest)));
    assert.match(await page.innerText('.advice-done'), /Moved this job to/);
    // Now in the cleanest region, the region item is gone.
    await page.waitForFunction(() => !document.querySelector('[data-testid=advice-item][data-kind="region"]'));
  }));

test('the hardware saving is the same work on the device with the least power per peak FLOP', () =>
  withJob(async (page) => {
    const hw = item(page, 'hardware');
    assert.equal(await hw.count(), 1);
    const saving = parseMass(await hw.locator('[data-testid=advice-saving]').innerText());

    // By hand: the job's work (devices × hours × its BF16 peak × MFU) on every accelerator with
    // a power figure and a BF16 peak (FP16 where it has no BF16 figure), same devices, MFU,
    // utilization and place: its emissions scale with power ÷ peak.
    const peak = (h) => Number(h.bf16_tflops || h.fp16_tflops || NaN);
    const cur = byId.get(JOB.id);
    const candidates = hardware.filter((h) => h.kind !== 'cpu' && h.power_w && Number.isFinite(peak(h)));
    const perFlop = (h) => Number(h.power_w) / peak(h);
    const best = candidates.reduce((a, b) => (perFlop(b) < perFlop(a) ? b : a));
    const hours = (JOB.hours * peak(cur)) / peak(best);
    const expected = kgIn(here) - kgIn(here, Number(best.power_w), hours);
    assert.ok(close4(saving, expected), `advice saves ${saving} kg, by hand ${expected}`);
    assert.equal(await hw.locator('h3').innerText(), `Run on ${best.vendor} ${best.name}`);

    // Its button puts that device in the form.
    await hw.locator('[data-testid=advice-apply]').click();
    await page.waitForFunction((id) => document.querySelector('#field-hardware')?.dataset.value === id, best.id);
    assert.match(await page.innerText('.advice-done'), new RegExp(`now runs on ${best.vendor}`));
  }));

test('carbon-free-energy claims are shown apart as market-based, with no saving', () =>
  withJob(async (page) => {
    assert.equal(await page.locator('[data-testid=advice-market]').count(), 0, 'AWS publishes no CFE share');
    await page.selectOption('#field-provider', 'gcp');
    await page.selectOption('#field-region', 'us-central1');
    const box = page.locator('[data-testid=advice-market]');
    await box.waitFor();
    const gcp = regions.find((r) => r.provider === 'gcp' && r.region_code === 'us-central1');
    const cfe = `${Number(gcp.provider_cfe) * 100} %`;
    assert.match(await box.innerText(), /Market-based, shown apart/);
    assert.ok((await box.innerText()).includes(cfe), `${cfe} in ${await box.innerText()}`);
    assert.equal(await box.locator('[data-testid=advice-saving]').count(), 0);
    // The location-based list does not count it.
    for (const t of await page.locator('[data-testid=advice-item] h3').allInnerTexts()) {
      assert.ok(!/carbon-free/i.test(t), t);
    }
  }));

test('ticking "include" adds exactly the manufacturing share, and the statement says so', () =>
  withJob(async (page) => {
    const headline = async () => parseMass(await page.textContent('[data-testid=emissions]'));
    const before = {
      emissions: await page.textContent('[data-testid=emissions]'),
      range: await page.innerText('[data-testid=emissions-range]'),
      total: await page.innerText('[data-testid=project-total]'),
    };
    const operational = await headline();
    const share = parseMass(await page.textContent('[data-testid=embodied-kg]'));
    // By hand: 400 device-h × (A100's fallback GPU row + host share) ÷ (4 years × 8,760 h).
    const row = embodied.find((e) => e.applies_to === JOB.id) ?? embodied.find((e) => e.fallback === 'true' && e.kind === 'gpu');
    const handShare = (JOB.devices * JOB.hours * (Number(row.embodied_kg) + Number(row.host_share_kg || 0))) / (Number(row.lifetime_years) * 8760);
    assert.ok(close4(share, handShare), `share ${share}, by hand ${handShare}`);
    assert.match(await page.innerText('[data-testid=embodied]'), /400 device-hours of a 4-year life/);
    assert.equal(await page.locator('[data-testid=embodied-fallback]').count(), row.fallback === 'true' ? 1 : 0);

    await page.check('[data-testid=include-embodied]');
    await page.waitForSelector('[data-testid=incl-embodied]');
    assert.ok(close4(await headline(), operational + share), `${await headline()} = ${operational} + ${share}`);
    assert.ok(close4(await headline(), kgIn(here) + handShare));
    assert.equal(await page.innerText('[data-testid=headline-parts]'), `${before.emissions} operational + ${await page.textContent('[data-testid=embodied-kg]')} manufacturing`);
    assert.match(await page.innerText('[data-testid=project-total]'), /incl\. manufacturing \(.+ operational \+ .+ manufacturing\)/);
    // The rows stay operational; the total names both parts.
    const parts = /\((.+) operational \+ (.+) manufacturing\)/.exec(await page.innerText('[data-testid=project-total]'));
    assert.equal(parts[1], before.emissions);
    assert.equal(parts[2], await page.textContent('[data-testid=embodied-kg]'));
    assert.ok(close4(parseMass(await page.innerText('[data-testid=project-total]')), operational + share));
    // The statement (plain text) says the share is included, with the new total.
    await page.check('input[name="statement-destination"][value="other"]');
    await page.click('#statement-tab-text');
    const included = await page.inputValue('[data-testid=statement-text]');
    assert.match(included, /They are included in the total, which is then/);
    assert.ok(included.includes(await page.textContent('[data-testid=emissions]')), 'the statement names the new total');
    // Narrow screens: the summary bar says it too.
    await page.setViewportSize({ width: 360, height: 800 });
    assert.match(await page.innerText('.summary-bar'), /incl\. manufacturing/);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.uncheck('[data-testid=include-embodied]');
    await page.waitForSelector('[data-testid=incl-embodied]', { state: 'detached' });
    assert.equal(await page.locator('[data-testid=headline-parts]').count(), 0);
    assert.equal(await page.textContent('[data-testid=emissions]'), before.emissions);
    assert.equal(await page.innerText('[data-testid=emissions-range]'), before.range);
    assert.equal(await page.innerText('[data-testid=project-total]'), before.total);
    const apart = await page.inputValue('[data-testid=statement-text]');
    assert.match(apart, /They are not included in the emissions above\./);
    assert.ok(!apart.includes('They are included'));
  }));

test('the lifetime field spreads the share over its years, and bad input names the field', () =>
  withJob(async (page) => {
    const share = async () => parseMass(await page.textContent('[data-testid=embodied-kg]'));
    /** The share's range, [low, high] kg. */
    const range = async () => {
      const m = /range (.+) – (.+)\)/.exec(await page.innerText('.embodied-range'));
      assert.ok(m, await page.innerText('.embodied-range'));
      return [parseMass(m[1]), parseMass(m[2])];
    };
    // Empty: the table's default, 4 years (3–6), as the placeholder says.
    const row = embodied.find((e) => e.applies_to === JOB.id) ?? embodied.find((e) => e.fallback === 'true' && e.kind === 'gpu');
    assert.equal(row.lifetime_years, '4');
    assert.equal(await page.getAttribute('#field-lifetime', 'placeholder'), '4');
    assert.match(await page.innerText('[data-testid=embodied]'), /of a 4-year life \(range 3–6 years\)/);
    const four = await share();
    const [low4, high4] = await range();
    // By hand: the low end takes the low figures over the longest life, the high end the
    // high figures over the shortest.
    const perHour = (kg, years) => (JOB.devices * JOB.hours * kg) / (years * 8760);
    const host = (c) => Number(row[c] || 0);
    assert.ok(close4(low4, perHour(Number(row.embodied_low_kg) + host('host_share_low_kg'), 6)), `low ${low4}`);
    assert.ok(close4(high4, perHour(Number(row.embodied_high_kg) + host('host_share_high_kg'), 3)), `high ${high4}`);

    // 8 years: half the share; the band scales with it (6–12 years), so does the range.
    await fill(page, '#field-lifetime', '8');
    await page.waitForFunction(() => document.querySelector('[data-testid=embodied]')?.innerText.includes('8-year life'));
    assert.match(await page.innerText('[data-testid=embodied]'), /of an? 8-year life \(range 6–12 years\)/);
    assert.ok(close4(await share(), four / 2), `${await share()} is half of ${four}`);
    const [low8, high8] = await range();
    assert.ok(close4(low8, low4 / 2) && close4(high8, high4 / 2), `${low8}–${high8} vs ${low4}–${high4}`);
    // The operational figure does not move, and the share stays out of it.
    assert.ok(close4(parseMass(await page.textContent('[data-testid=emissions]')), kgIn(here)));
    // The permalink keeps it.
    await page.waitForFunction(() => location.hash.startsWith('#v=1'));
    const url = page.url();
    const again = await page.context().newPage();
    await again.goto(url);
    await again.waitForSelector('[data-app-ready]', { state: 'attached' });
    assert.equal(await again.inputValue('#field-lifetime'), '8');
    await again.close();

    // Bad input: the message under the field and in the results card names it.
    for (const [typed, message] of [
      ['0', 'Hardware lifetime must be at least 0.5.'],
      ['-2', 'Hardware lifetime cannot be negative.'],
      ['40', 'Hardware lifetime must be at most 30 years: check the value and its unit.'],
      ['four', 'Hardware lifetime: “four” is not a number.'],
    ]) {
      await fill(page, '#field-lifetime', typed);
      await page.locator('#field-lifetime-error').filter({ hasText: /./ }).waitFor();
      const under = await page.innerText('#field-lifetime-error');
      assert.ok(message.endsWith(under), `${typed}: ${under}`);
      assert.equal(await page.getAttribute('#field-lifetime', 'aria-invalid'), 'true');
      const listed = page.locator('[data-testid=no-result] li a[href="#field-lifetime"]');
      assert.equal(await listed.innerText(), message, typed);
    }
    // Cleared: the default again, to the digit.
    await fill(page, '#field-lifetime', '');
    await page.waitForSelector('[data-testid=embodied-kg]');
    assert.equal(await share(), four);
    assert.equal(await page.getAttribute('#field-lifetime', 'aria-invalid'), 'false');
  }));
