// Compute-aware estimates and "Which hardware?" (issue 11) in a real browser: a job
// described by its compute (7 B parameters × 2 T tokens on 256 × H100 SXM at 40 % MFU)
// gives the hours, energy and emissions of a hand calculation done here from
// data/*.csv; the hardware chart shows the same work on every accelerator in the
// order and at the values of that calculation; choosing a bar (click or Enter) moves
// the job; bad input gets a message at its field and loses nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pick, picked, table, text, useSharedBrowser, withPage } from './harness.mjs';

// ---- Independent reference: the factor tables (read by the harness's own CSV parser) ----
const hardware = table('hardware.csv');
const device = new Map(hardware.map((h) => [h.id, h]));
const zones = new Map(table('grid_zones.csv').map((z) => [z.zone_id, z]));
const pues = new Map(table('pue.csv').map((p) => [p.key, p]));
const region = table('cloud_regions.csv').find((r) => r.provider === 'aws' && r.region_code === 'us-east-1');

// The form's defaults: AWS us-east-1 (its own PUE row, else AWS's), lifecycle intensity, 100 % utilization.
const PUE = pues.get('aws:us-east-1') ?? pues.get('aws');
const INTENSITY = Number(zones.get(region.zone_id).lifecycle_g_per_kwh);
const UTIL = 1.0;

const JOB = { id: 'nvidia-h100-sxm', devices: 256, paramsB: 7, tokensB: 2000, mfu: 0.4 };
const FLOPS = 6 * JOB.paramsB * 1e9 * JOB.tokensB * 1e9; // 8.4e22

/** Peak dense TFLOP/s a device runs a BF16 job at: BF16, else FP16 (Volta, Turing). */
const peak16 = (h) => Number(h.bf16_tflops || h.fp16_tflops) || null;
/** The job's work on `devices` × `h`: wall-clock hours, kWh and kg CO2eq, with `pue` (default the central one). */
function onDevice(h, { devices = JOB.devices, flops = FLOPS, mfu = JOB.mfu, pue = Number(PUE.pue), util = UTIL } = {}) {
  const hours = flops / (devices * peak16(h) * 1e12 * mfu) / 3600;
  const kwh = (devices * Number(h.power_w) * util * hours * pue) / 1000;
  return { hours, kwh, kg: (kwh * INTENSITY) / 1000 };
}
/** Every accelerator the comparison can hold: not a CPU, with a power and a 16-bit peak. */
const comparable = hardware.filter((h) => h.kind !== 'cpu' && h.power_w && peak16(h));
const fullName = (h) => `${h.vendor} ${h.name}`;

// ---- Reading the page ----
/** "16.43 t" / "~8.749 t" / "236.9 g" → kg */
function parseMass(s) {
  const m = /([\d,]+(?:\.\d+)?)\s*(g|kg|t)\b/.exec(s);
  assert.ok(m, `a mass in ${JSON.stringify(s)}`);
  const v = Number(m[1].replaceAll(',', ''));
  return m[2] === 'g' ? v / 1000 : m[2] === 't' ? v * 1000 : v;
}
/** "47.07 MWh" → kWh */
function parseEnergy(s) {
  const m = /([\d,]+(?:\.\d+)?)\s*(Wh|kWh|MWh)\b/.exec(s);
  assert.ok(m, `an energy in ${JSON.stringify(s)}`);
  const v = Number(m[1].replaceAll(',', ''));
  return m[2] === 'Wh' ? v / 1000 : m[2] === 'MWh' ? v * 1000 : v;
}
const num = (s) => Number(s.replaceAll(',', ''));
/** Shown to four significant digits: within half a unit of the fourth. */
const close4 = (shown, want, what) =>
  assert.ok(Math.abs(shown - want) <= Math.abs(want) * 5.01e-4, `${what}: shown ${shown}, calculated ${want}`);

const shared = useSharedBrowser();

/** Type a value into a field of the form. */
const fill = (page, id, value) => page.fill(`#field-${id}`, value);

/** The job of issue 11, entered as a user would. */
async function enterJob(page) {
  await pick(page, 'hardware', JOB.id);
  await fill(page, 'devices', String(JOB.devices));
  await page.check('input[name="job-by"][value="compute"]');
  await fill(page, 'params', String(JOB.paramsB));
  await fill(page, 'tokens', String(JOB.tokensB));
  await fill(page, 'mfu', String(JOB.mfu * 100));
  await page.waitForSelector(`${CHART} .rc-row[data-current="true"][data-id="${JOB.id}"]`);
  await chartFollows(page);
}

const CHART = '[data-testid=hardware-chart]';
// Bars in view (bars hidden by a filter stay in the SVG with display="none").
const BARS = `${CHART} .rc-row:not([display])`;
const bar = (id) => `${CHART} .rc-row[data-id="${id}"]`;
const barValue = (page, id) => page.locator(`${bar(id)} .rc-value`).textContent();
const currentId = (page) => page.getAttribute(`${CHART} .rc-row[data-current="true"]`, 'data-id');
const emissions = (page) => page.textContent('[data-testid=emissions]');
/** Wait until the chart follows the job (it updates just after the new estimate is
 *  painted): its current bar shows the estimate. */
const chartFollows = (page) =>
  page.waitForFunction((chart) => {
    const bar = document.querySelector(`${chart} .rc-row[data-current="true"] .rc-value`)?.textContent;
    const estimate = document.querySelector('[data-testid=emissions]')?.textContent;
    return Boolean(bar && estimate) && bar.replace(/^~/, '') === estimate;
  }, CHART);

function withJob(fn, viewport = { width: 1280, height: 900 }) {
  return withPage(
    shared,
    shared.server.url,
    async (page) => {
      assert.equal(Number(device.get(JOB.id).bf16_tflops), 989, 'fixture: H100 SXM at 989 TFLOP/s dense BF16');
      assert.equal(Number(device.get(JOB.id).power_w), 700, 'fixture: H100 SXM at 700 W');
      await enterJob(page);
      await fn(page);
    },
    viewport,
  );
}

test('7 B parameters, 2 T tokens, 256 × H100 SXM, MFU 40 %: hours, energy and emissions as calculated from data/*.csv', () =>
  withJob(async (page) => {
    assert.equal(FLOPS, 8.4e22);
    const h100 = device.get(JOB.id);
    const want = onDevice(h100);
    // 8.4e22 / (256 × 989e12 × 0.4) / 3600 = 230.4 h.
    close4(num((await text(page, '[data-testid=hours]')).replace(/ h$/, '')), want.hours, 'wall-clock hours');
    close4(parseEnergy(await text(page, '[data-testid=energy]')), want.kwh, 'energy');
    close4(parseMass(await emissions(page)), want.kg, 'emissions');

    // The range: the low end at 85 % utilization, the low PUE and MFU 60 % (2/3 of the hours);
    // the high end at 100 %, the high PUE and MFU 20 % (twice the hours).
    const low = onDevice(h100, { mfu: 0.6, util: UTIL - 0.15, pue: Number(PUE.pue_low) });
    const high = onDevice(h100, { mfu: 0.2, util: UTIL, pue: Number(PUE.pue_high) });
    const [lo, hi] = (await text(page, '[data-testid=emissions-range]')).replace(/^Range /, '').split(' – ');
    close4(parseMass(lo), low.kg, 'low end');
    close4(parseMass(hi), high.kg, 'high end');

    // The form's facts line: the FLOPs, the device-hours and the wall-clock time on 256 devices.
    const facts = await text(page, '[data-testid=compute-facts]');
    assert.ok(facts.startsWith('8.4 × 10^22 FLOP (6 × 7 billion parameters × 2,000 billion tokens) at an MFU of 40 % (range 20–60 %) of the BF16 peak, 989 TFLOP/s per device:'), facts);
    const deviceHours = num(/: ([\d,]+) device-hours/.exec(facts)[1]);
    assert.equal(deviceHours, Math.round(want.hours * JOB.devices), facts);
    close4(num(/that is ([\d.,]+) h/.exec(facts)[1]), want.hours, 'facts line hours');
    assert.match(facts, /on 256 devices \(range [\d.]+–[\d.]+ h\)/);
    // The results card says what the MFU range does to the time.
    assert.match(await text(page, '[data-testid=hours] + dd'), /^range [\d.]+ h – [\d.]+ h · [\d,]+ device-hours for 8\.4 × 10\^22 FLOP at MFU 40 % \(20–60 %\)$/);
    // MFU and power utilization are told apart where they are entered.
    assert.match(await text(page, '#field-mfu-help'), /not its power draw/);
    assert.match(await text(page, '.compute-note'), /MFU is not the average utilization above/);
    assert.match(await text(page, '#field-params-help'), /mixture-of-experts model, the active parameters/);
    assert.deepEqual(page.pageErrors, []);
  }));

test('the hardware chart holds the same work on every accelerator, in the order and at the values calculated', () =>
  withJob(async (page) => {
    const want = comparable.map((h) => [h.id, onDevice(h).kg, h]).sort((a, b) => a[1] - b[1]);
    assert.equal(await page.locator(BARS).count(), want.length, 'one bar per accelerator with a 16-bit peak and a power');
    assert.equal(await page.getAttribute(CHART, 'data-bars'), String(want.length));
    const ids = await page.$$eval(BARS, (els) => els.map((e) => e.dataset.id));
    const values = (await page.locator(`${BARS} .rc-value`).allTextContents()).map(parseMass);
    // Equal values may be listed in either order: compare the values in order, then the sets.
    want.forEach(([id, kg], i) => close4(values[i], kg, `bar ${i} (${id} expected, ${ids[i]} shown)`));
    assert.deepEqual([...ids].sort(), want.map(([id]) => id).sort());
    // A few devices by name: their value and their time.
    for (const id of ['nvidia-a100-sxm4-80gb', 'nvidia-b200', 'amd-mi300x', 'google-tpu-v5p', 'nvidia-v100-sxm2-32gb']) {
      const h = device.get(id);
      const { kg, hours } = onDevice(h);
      close4(parseMass(await barValue(page, id)), kg, id);
      const label = await page.locator(`${bar(id)} .rc-label`).textContent();
      assert.ok(label.startsWith(fullName(h).slice(0, 12)), `${id}: ${label}`);
      const days = /· ([\d.]+) days/.exec(label) ?? /· ([\d.]+) h/.exec(label);
      if (days) {
        const shown = Number(days[1]) * (label.includes(' days') ? 24 : 1);
        assert.ok(Math.abs(shown - hours) <= hours * 5.01e-3, `${id}: ${label} vs ${hours} h`);
      }
    }
    // The current bar is the estimate; the cleanest is the first.
    assert.equal(await currentId(page), JOB.id);
    assert.equal(await barValue(page, JOB.id), await emissions(page));
    assert.equal(await page.getAttribute(`${CHART} .rc-row[data-cleanest="true"]`, 'data-id'), want[0][0]);
    // Estimated powers are marked "~", in the value, the label and the accessible name.
    for (const h of comparable.filter((h) => h.power_basis === 'estimated')) {
      assert.match(await barValue(page, h.id), /^~/, h.id);
      assert.match(await page.getAttribute(bar(h.id), 'aria-label'), /, estimated power \(no vendor rating\)$/, h.id);
    }
    for (const h of comparable.filter((h) => h.power_basis !== 'estimated')) {
      assert.doesNotMatch(await barValue(page, h.id), /~/, h.id);
    }
    // Each bar's accessible name holds its visible label (punctuation aside), as axe's
    // label-content-name-mismatch asks.
    const curate = (s) => s.toLowerCase().replace(/[…·,:()~*†.\-/]/g, '').replace(/\s+/g, ' ').trim();
    const mismatched = await page.$$eval(BARS, (els) => els.map((e) => [e.querySelector('.rc-label').textContent, e.getAttribute('aria-label')]));
    for (const [label, aria] of mismatched) {
      const shown = curate(label.replace(/….*/, ''));
      assert.ok(curate(aria).includes(shown), `"${aria}" holds "${label}"`);
    }

    // The advice: the cleanest device, its time and the saving, as calculated.
    const [bestId, bestKg, best] = want[0];
    const current = onDevice(device.get(JOB.id));
    const advice = await text(page, '[data-testid=hw-advice]');
    const percent = Number((((current.kg - bestKg) / current.kg) * 100).toPrecision(3));
    assert.ok(advice.startsWith(`On 256 × ${fullName(best)} instead of 256 × ${fullName(device.get(JOB.id))}, this job would take `), advice);
    assert.ok(advice.includes(` and emit ${percent} % less (`), `${advice} vs ${percent} %`);
    assert.ok(advice.endsWith('at the same MFU of 40 %.'), advice);
    assert.notEqual(bestId, JOB.id);
    assert.match(await text(page, '[data-testid=hw-summary]'), new RegExp(`^${want.length} accelerators in view, cleanest first\\. Each bar: this job's 8\\.4 × 10\\^22 FLOP on 256 of each device`));
    // The benchmark's hook.
    assert.ok(Number(await page.getAttribute(CHART, 'data-updates')) >= 1);
    assert.ok(Number.isFinite(Number(await page.getAttribute(CHART, 'data-update-ms'))));
    assert.ok(await page.evaluate(() => performance.getEntriesByName('hardware-update').length > 0));
    assert.deepEqual(page.pageErrors, []);
  }));

test('clicking a bar moves the job to that device, keeping the devices; Enter on a focused bar too', () =>
  withJob(async (page) => {
    const before = await emissions(page);
    const target = 'nvidia-b200';
    const value = await barValue(page, target);
    assert.notEqual(value, before);
    await page.click(bar(target));
    await page.waitForFunction((id) => document.querySelector('#field-hardware')?.dataset.value === id, target);
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, value);
    await chartFollows(page);
    assert.equal(await currentId(page), target);
    assert.equal(await page.inputValue('#field-devices'), '256', 'the number of devices stays');
    assert.equal(await page.inputValue('#field-params'), '7');
    close4(num((await text(page, '[data-testid=hours]')).replace(/ h$/, '')), onDevice(device.get(target)).hours, 'hours on B200');

    // Keyboard: one tab stop (the current bar); arrows move, Enter chooses, focus stays.
    assert.deepEqual(await page.$$eval(`${CHART} .rc-row[tabindex="0"]`, (els) => els.map((e) => e.dataset.id)), [target]);
    await page.focus(bar(target));
    await page.keyboard.press('ArrowDown');
    const next = await page.evaluate(() => document.activeElement?.dataset.id);
    assert.ok(next && next !== target, `focus moved to ${next}`);
    const nextValue = await barValue(page, next);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.querySelector('#field-hardware')?.dataset.value === id, next);
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, nextValue);
    await chartFollows(page);
    assert.equal(await currentId(page), next);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), next, 'focus kept on the chosen bar');
    assert.equal(await page.inputValue('#field-devices'), '256');
    assert.deepEqual(page.pageErrors, []);
  }));

test('a job described by time: the chart compares the work its hours did, and a bar sets the duration', () =>
  withPage(shared, shared.server.url, async (page) => {
    // 8 × A100 SXM4 80GB for 72 h did 8 × 72 × 3600 × 312e12 × 0.4 FLOP; on H100 SXM that takes 72 × 312 / 989 h.
    const a100 = device.get('nvidia-a100-sxm4-80gb'), h100 = device.get('nvidia-h100-sxm');
    await pick(page, 'hardware', a100.id);
    await fill(page, 'devices', '8');
    await fill(page, 'duration', '72');
    await page.waitForSelector(`${bar(a100.id)}[data-current="true"]`);
    await chartFollows(page);
    const flops = 8 * 72 * 3600 * Number(a100.bf16_tflops) * 1e12 * 0.4;
    assert.match(await text(page, '[data-testid=compute-facts]'), /^576 device-hours at an MFU of 40 % \(range 20–60 %\) of the BF16 peak, 312 TFLOP\/s per device, perform about 2\.59 × 10\^20 FLOP/);
    assert.equal(await text(page, '[data-testid=flops]'), '2.59 × 10^20 FLOP');
    const want = onDevice(h100, { devices: 8, flops });
    close4(parseMass(await barValue(page, h100.id)), want.kg, 'H100 bar');
    const value = await barValue(page, h100.id);
    await page.click(bar(h100.id));
    await page.waitForFunction((id) => document.querySelector('#field-hardware')?.dataset.value === id, h100.id);
    // The duration is the bar's time, to six significant digits; the estimate is the bar's.
    assert.equal(await page.inputValue('#field-duration'), String(Number((72 * 312 / 989).toPrecision(6))));
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, value);
    assert.equal(await page.inputValue('#field-devices'), '8');
    assert.deepEqual(page.pageErrors, []);
  }));

test('bad input: zero or negative FLOPs, MFU over 100 %, a device without throughput: a message at the field, nothing else lost', () =>
  withJob(async (page) => {
    const good = await emissions(page);
    const kept = async () => ({
      hardware: await picked(page, 'hardware'),
      devices: await page.inputValue('#field-devices'),
      params: await page.inputValue('#field-params'),
      tokens: await page.inputValue('#field-tokens'),
      mfu: await page.inputValue('#field-mfu'),
      utilization: await page.inputValue('#field-utilization'),
      region: await page.inputValue('#field-region'),
    });
    const typed = await kept();
    /** The message at `field`, its input marked invalid, and the summary links to it
     *  (naming the field first when the message does not: "Precision: …"). */
    async function expectMessage(field, message, label) {
      await page.waitForFunction(([f, m]) => document.querySelector(`#field-${f}-error`)?.textContent === m, [field, message]);
      assert.equal(await page.getAttribute(`#field-${field}`, 'aria-invalid'), 'true');
      const summary = label && !message.toLowerCase().includes(label.toLowerCase()) ? `${label}: ${message}` : message;
      assert.equal(await page.locator(`[data-testid=no-result] a[href="#field-${field}"]`).textContent(), summary);
      assert.equal(await page.locator('[data-testid=emissions]').count(), 0, 'no number without a valid job');
      await page.waitForFunction(() => document.querySelector('[data-testid=hw-advice]')?.textContent === 'Complete the form above to compare hardware.');
    }

    await fill(page, 'flops', '0');
    await expectMessage('flops', 'Training compute must be more than 0.');
    await fill(page, 'flops', '-5');
    await expectMessage('flops', 'Training compute cannot be negative.');
    assert.equal(await page.inputValue('#field-flops'), '-5', 'kept as typed');
    assert.deepEqual(await kept(), typed);
    await fill(page, 'flops', '');
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, good);

    await fill(page, 'mfu', '150');
    await expectMessage('mfu', 'Model FLOPs utilization must be at most 100 %: check the value and its unit.');
    assert.deepEqual(await kept(), { ...typed, mfu: '150' });
    await fill(page, 'mfu', '40');
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, good);

    // The Tesla K80 publishes no throughput at all: the message is at the device.
    assert.ok(!peak16(device.get('nvidia-k80')) && !device.get('nvidia-k80').fp32_tflops, 'fixture: K80 without throughput');
    await pick(page, 'hardware', 'nvidia-k80');
    await expectMessage('hardware', 'No published peak throughput for the NVIDIA Tesla K80: choose another device, or describe the job by time.', 'Hardware');
    assert.deepEqual(await kept(), { ...typed, hardware: 'nvidia-k80' });
    // The V100 has FP16 but no BF16: the message is at the precision, naming the one it has.
    await pick(page, 'hardware', 'nvidia-v100-sxm2-32gb');
    const v100 = device.get('nvidia-v100-sxm2-32gb');
    const others = ['bf16', 'fp16', 'fp8', 'fp32'].filter((p) => v100[`${p}_tflops`]).map((p) => p.toUpperCase());
    assert.ok(!v100.bf16_tflops && others.includes('FP16'), 'fixture: V100 has FP16, no BF16');
    await expectMessage('precision', `The NVIDIA V100 SXM2 32GB has no published dense BF16 throughput: choose ${others.join(' or ')}, or describe the job by time.`, 'Precision');
    // Back on the H100 the estimate returns: nothing was lost.
    await pick(page, 'hardware', JOB.id);
    await page.waitForFunction((v) => document.querySelector('[data-testid=emissions]')?.textContent === v, good);
    assert.deepEqual(await kept(), typed);
    assert.deepEqual(page.pageErrors, []);
  }));

test('filters, the table view, and the estimated power named in the list, the results and the statement', () =>
  withJob(async (page) => {
    await page.selectOption('#hw-vendor', 'Google');
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length < 15, BARS);
    const inView = await page.$$eval(BARS, (els) => els.map((e) => e.dataset.id));
    const google = comparable.filter((h) => h.vendor === 'Google').map((h) => h.id);
    assert.deepEqual([...inView].sort(), [...google, JOB.id].sort(), 'Google devices, and the job\'s own');
    await page.selectOption('#hw-vendor', '');
    await page.selectOption('#hw-kind', 'tpu');
    await page.fill('#hw-memory', '90');
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=hardware-chart]')?.dataset.bars === String(n),
      comparable.filter((h) => h.kind === 'tpu' && Number(h.memory_gb) >= 90).length + 1,
    );
    await page.fill('#hw-memory', 'lots');
    assert.match(await text(page, '#hw-memory-error'), /is not a number/);
    await page.fill('#hw-memory', '');
    await page.selectOption('#hw-kind', '');
    await page.fill('#hw-search', 'mi300');
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length <= 4, BARS);
    await page.fill('#hw-search', '');
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [BARS, comparable.length]);

    // The table: the same rows, sortable, a button moves the job.
    await page.click('[data-testid=hardware-comparison] button:has-text("Show as table")');
    const rows = page.locator('[data-testid=hardware-table] tbody tr');
    assert.equal(await rows.count(), comparable.length);
    const wall = page.locator('[data-testid=hardware-table] th:has(button:has-text("Wall-clock time"))');
    await wall.locator('button').click();
    assert.equal(await wall.getAttribute('aria-sort'), 'ascending');
    const hours = (await page.locator('[data-testid=hardware-table] td[data-col=wall]').allTextContents()).map(num);
    assert.ok(hours.every((v, i) => i === 0 || v >= hours[i - 1]), `ascending: ${hours}`);
    const v5e = device.get('google-tpu-v5e');
    const row = rows.filter({ hasText: v5e.name });
    assert.match(await row.locator('td[data-col=power]').innerText(), /^~\s*estimated\s*124$|^~124$/);
    await row.locator('button').click();
    await page.waitForFunction((id) => document.querySelector('#field-hardware')?.dataset.value === id, v5e.id);
    await page.waitForSelector('[data-testid=emissions]');
    close4(parseMass(await emissions(page)), onDevice(v5e).kg, 'TPU v5e');

    // Its power is an estimate, and every place that shows it says so.
    await page.locator('#field-hardware').fill('');
    const option = await page.locator(`#field-hardware-listbox [role=option][data-value="${v5e.id}"]`).textContent();
    await page.keyboard.press('Escape');
    assert.equal(option, `${v5e.name} — ~124 W, estimated`);
    const powerLine = await text(page, '[data-testid=power] + dd');
    assert.ok(powerLine.includes(`256 × ${fullName(v5e)} at ~124 W (estimated, range ${v5e.power_low_w}–${v5e.power_high_w} W), 100 % utilization`), powerLine);
    assert.match(powerLine, /Google, \d{4}/, 'with its source');
    const statement = await page.inputValue('[data-testid=statement-text]');
    // (The statement is LaTeX: ~ is a non-breaking space, -- an en dash.)
    assert.match(statement, new RegExp(`at an estimated 124[~ ]W each \\(range ${v5e.power_low_w}(--|–)${v5e.power_high_w}[~ ]W; no published rating\\)`));
    assert.deepEqual(page.pageErrors, []);
  }));

test('at 360 px the hardware chart fits the screen, in light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    await withJob(async (page) => {
      const m = await page.evaluate((chart) => {
        const el = document.querySelector(chart);
        return { overflow: el.scrollWidth - el.clientWidth, page: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      }, CHART);
      assert.ok(m.overflow <= 0 && m.page <= 0, `no sideways scrolling: ${JSON.stringify(m)}`);
      // Every label fits its clip: nothing is cut mid-letter.
      const cut = await page.$$eval(`${BARS} .rc-label`, (els) => els.filter((l) => l.getComputedTextLength() > l.closest('svg').querySelector('clipPath rect').width.baseVal.value + 0.5).map((l) => l.textContent));
      assert.deepEqual(cut, []);
      assert.deepEqual(page.pageErrors, []);
    }, { width: 360, height: 800, colorScheme });
  }
});
