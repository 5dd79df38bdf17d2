// The single-run calculator in a real browser: numbers for several cases against
// values computed by hand, and a clear message next to the field for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA_VERSION, pick, picked, text, useSharedBrowser, waitText, withPage } from './harness.mjs';

const shared = useSharedBrowser();

async function fill(page, id, value) {
  await page.fill(`#field-${id}`, value);
}

async function expectResult(page, { kg, kwh }) {
  await waitText(page, '[data-testid=emissions]', kg);
  if (kwh) assert.equal(await text(page, '[data-testid=energy]'), kwh);
}

test('default job: 1 × A100 SXM4 80GB, 24 h, AWS us-east-1', () =>
  withPage(shared, shared.server.url, async (page) => {
    // 400 W × 24 h × PUE 1.14 (AWS 2025) = 10.944 kWh; × 349.06 g/kWh (Virginia, lifecycle:
    // Ember 2024 state mix × Ember's US factors) = 3.8201 kg
    await expectResult(page, { kg: '3.82 kg', kwh: '10.94 kWh' });
    // Range: utilization 85–100 %, PUE 1.04–1.25: 400 × 0.85 × 24 × 1.04 = 8.486 kWh → 2.962 kg; 400 × 24 × 1.25 = 12 kWh → 4.189 kg
    assert.equal(await text(page, '[data-testid=emissions-range]'), 'Range 2.962 kg – 4.189 kg');
    assert.match(await text(page, '[data-testid=intensity]'), /^349\.1 gCO2eq\/kWh$/);
    assert.match(await page.locator('.results').innerText(), /Ember, 2024/);
    assert.deepEqual(page.pageErrors, []);
  }));

test('custom device, custom grid: 300 W × 100 h at 566.3 g/kWh, PUE 1', () =>
  withPage(shared, shared.server.url, async (page) => {
    await pick(page, 'hardware', 'custom');
    await fill(page, 'custom_power', '300');
    await fill(page, 'duration', '100');
    await page.check('input[name=location-mode][value=custom]');
    await fill(page, 'custom_intensity', '566.3');
    await fill(page, 'pue', '1');
    // 300 W × 100 h = 30 kWh; × 566.3 g/kWh = 16.989 kg
    await expectResult(page, { kg: '16.99 kg', kwh: '30 kWh' });
  }));

test('8 × H100 SXM for 3 days in AWS us-east-1', () =>
  withPage(shared, shared.server.url, async (page) => {
    await pick(page, 'hardware', 'nvidia-h100-sxm');
    await fill(page, 'devices', '8');
    await fill(page, 'duration', '3');
    await page.selectOption('select[aria-label="Duration unit"]', 'days');
    // 8 × 700 W × 72 h × 1.14 = 459.648 kWh; × 349.06 = 160.44 kg
    await expectResult(page, { kg: '160.4 kg', kwh: '459.6 kWh' });
  }));

test('CPU and memory only, as Green Algorithms: 12 cores × 7.5 W + 64 GB, 12 h, PUE 1.56, 111.18 g/kWh', () =>
  withPage(shared, shared.server.url, async (page) => {
    await pick(page, 'hardware', 'none');
    await fill(page, 'duration', '12');
    await fill(page, 'cpu_cores', '12');
    await fill(page, 'cpu_power', '7.5');
    await fill(page, 'memory_gb', '64');
    await page.check('input[name=location-mode][value=custom]');
    await fill(page, 'custom_intensity', '111.18');
    await fill(page, 'pue', '1.56');
    // 12 h × (90 + 23.84) W × 1.56 = 2.1310848 kWh; × 111.18 = 236.93 g
    await expectResult(page, { kg: '236.9 g', kwh: '2.131 kWh' });
  }));

test('a country grid: France with the on-premises PUE', () =>
  withPage(shared, shared.server.url, async (page) => {
    await pick(page, 'hardware', 'nvidia-a100-pcie-40gb');
    await fill(page, 'duration', '10');
    await page.check('input[name=location-mode][value=zone]');
    await pick(page, 'zone', 'FR');
    // 250 W × 10 h × 1.56 (Uptime 2024) = 3.9 kWh; × 44.18 g/kWh (Ember 2024) = 172.3 g
    await expectResult(page, { kg: '172.3 g', kwh: '3.9 kWh' });
    assert.match(await page.locator('.results').innerText(), /Our World in Data/);
  }));

test('bad input: a message next to the field, no number, nothing else lost', () =>
  withPage(shared, shared.server.url, async (page) => {
    await fill(page, 'devices', '4');
    const cases = [
      ['', 'Enter a duration.'],
      ['-5', 'Duration cannot be negative.'],
      ['0', 'Duration must be more than 0.'],
      ['abc', '“abc” is not a number.'],
      ['NaN', 'Not a number: enter a finite value.'],
      ['Infinity', 'Infinity is not allowed: enter a finite value.'],
      ['1e12', 'Duration must be at most 1,000,000 h: check the value and its unit.'],
      ['<img src=x onerror=alert(1)>', '“<img src=x onerror=alert…” is not a number.'],
    ];
    for (const [value, message] of cases) {
      await fill(page, 'duration', value);
      assert.equal(await text(page, '#field-duration-error'), message, `duration ${JSON.stringify(value)}`);
      assert.equal(await page.getAttribute('#field-duration', 'aria-invalid'), 'true');
      assert.equal(await page.locator('[data-testid=emissions]').count(), 0, 'no number in the results');
      assert.match(await text(page, '[data-testid=no-result]'), /needs attention/);
      assert.equal(await page.inputValue('#field-duration'), value, 'what was typed is kept');
      assert.equal(await page.inputValue('#field-devices'), '4', 'other fields untouched');
    }
    await fill(page, 'devices', '2.5');
    assert.equal(await text(page, '#field-devices-error'), 'Number of devices must be a whole number.');
    await fill(page, 'devices', '4');
    await fill(page, 'utilization', '150');
    assert.equal(await text(page, '#field-utilization-error'), 'Average utilization must be at most 100 %: check the value and its unit.');
    await fill(page, 'utilization', '100');
    await fill(page, 'pue', '0.5');
    assert.equal(await text(page, '#field-pue-error'), 'PUE must be at least 1.');
    await fill(page, 'pue', '');
    await fill(page, 'duration', '24');
    // 4 × 400 W × 24 h × 1.14 = 43.776 kWh → 15.28 kg at 349.06 g/kWh
    await expectResult(page, { kg: '15.28 kg', kwh: '43.78 kWh' });
    assert.deepEqual(page.pageErrors, [], 'no panic');
  }));

test('an unpublished power figure is not invented', () =>
  withPage(shared, shared.server.url, async (page) => {
    // AWS publishes no power for its Graviton CPUs, and the tables hold no estimate of it.
    await pick(page, 'hardware', 'aws-graviton3');
    await waitText(page, '#field-hardware-error', 'AWS does not publish the power of the Graviton3: choose Custom and enter a figure you can cite.');
    assert.equal(await page.locator('[data-testid=emissions]').count(), 0);
    // Google publishes none for the TPU v5e either, but the tables hold a documented
    // estimate (data/hardware.csv): it is used, and labelled as an estimate.
    await pick(page, 'hardware', 'google-tpu-v5e');
    const factor = page.locator('fieldset:has(#field-hardware) .factor').first();
    await factor.getByText(/estimated from published figures/).waitFor();
    assert.match(await factor.innerText(), /^124 W, estimated from published figures \(no vendor rating\)/);
    assert.equal(await text(page, '#field-hardware-error'), '');
    // 124 W × 24 h × 1.14 = 3.39264 kWh; × 349.06 g/kWh = 1.1842 kg
    await expectResult(page, { kg: '1.184 kg', kwh: '3.393 kWh' });
  }));

test('every input and select has a label; 360 px has no horizontal scroll', () =>
  withPage(shared, shared.server.url, async (page) => {
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => el.type !== 'hidden')
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unlabeled, []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the 360 px viewport`);
  }, { width: 360, height: 800 }));

test('typing "h100 sxm" and Enter selects the H100 SXM and updates the estimate', () =>
  withPage(shared, shared.server.url, async (page) => {
    await page.click('#field-hardware');
    await page.keyboard.type('h100 sxm');
    // The best match is highlighted and announced before anything changes.
    await waitText(page, '#field-hardware-status', '1 matching device; Enter picks H100 SXM5 80GB — 700 W.');
    assert.equal(await picked(page, 'hardware'), 'nvidia-a100-sxm4-80gb', 'typing alone changes nothing');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#field-hardware')?.dataset.value === 'nvidia-h100-sxm');
    // 700 W × 24 h × 1.14 = 19.152 kWh; × 349.06 g/kWh = 6.685 kg
    await expectResult(page, { kg: '6.685 kg', kwh: '19.15 kWh' });
    assert.equal(await page.inputValue('#field-hardware'), 'NVIDIA H100 SXM5 80GB — 700 W');
    assert.equal(await page.getAttribute('#field-hardware', 'aria-expanded'), 'false');
  }));

test('a filtered list never changes the device: Escape or leaving the box puts the choice back', () =>
  withPage(shared, shared.server.url, async (page) => {
    const before = await text(page, '[data-testid=emissions]');
    await page.click('#field-hardware');
    await page.keyboard.type('mi300');
    assert.equal(await page.getAttribute('#field-hardware', 'aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#field-hardware'), 'NVIDIA A100 SXM4 80GB — 400 W');
    await page.keyboard.type('tpu');
    await page.keyboard.press('Tab');
    assert.equal(await page.inputValue('#field-hardware'), 'NVIDIA A100 SXM4 80GB — 400 W');
    assert.equal(await picked(page, 'hardware'), 'nvidia-a100-sxm4-80gb');
    assert.equal(await text(page, '[data-testid=emissions]'), before);
  }));

test('keyboard only: Tab reaches the device box, arrows move through the list, Enter picks', () =>
  withPage(shared, shared.server.url, async (page) => {
    // From the control before it (the ledger's last control), one Tab.
    await page.focus('#field-hardware');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-hardware');
    await page.keyboard.press('ArrowDown');
    // The list opens on the current device, highlighted (aria-activedescendant).
    const first = await page.getAttribute('#field-hardware', 'aria-activedescendant');
    assert.equal(await page.getAttribute(`#${first}`, 'data-value'), 'nvidia-a100-sxm4-80gb');
    await page.keyboard.press('ArrowDown');
    const next = await page.getAttribute('#field-hardware', 'aria-activedescendant');
    const key = await page.getAttribute(`#${next}`, 'data-value');
    assert.notEqual(key, 'nvidia-a100-sxm4-80gb');
    assert.equal(await page.getAttribute(`#${next}`, 'aria-selected'), 'true');
    await page.keyboard.press('Enter');
    // The app took the new device: the address follows its state.
    await page.waitForFunction((k) => location.hash.includes(`hardware=${k}&`), key);
    assert.equal(await picked(page, 'hardware'), key);
    assert.ok((await page.locator('[data-testid=emissions], [data-testid=no-result]').count()) > 0);
  }));

test('the grid-zone box: typing "quebec" and Enter selects Quebec', () =>
  withPage(shared, shared.server.url, async (page) => {
    await page.check('input[name=location-mode][value=zone]');
    await page.click('#field-zone');
    await page.keyboard.type('quebec');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#field-zone')?.dataset.value === 'CA-QC');
    assert.match(await page.inputValue('#field-zone'), /^Quebec — [\d.]+ g\/kWh \(lifecycle, \d{4}\)$/);
    assert.match(await text(page, '[data-testid=intensity-used]'), /Quebec/);
  }));

test('a device picked from a filtered list stays shown after the state was replaced (link, import)', () =>
  // Regression: option `selected` attributes re-applied after a user pick reset the select to its first option.
  withPage(shared, `${shared.server.url}#v=1&d=${DATA_VERSION}&hardware=nvidia-h100-sxm&devices=8`, async (page) => {
    await page.waitForFunction(() => document.querySelector('#field-hardware')?.dataset.value === 'nvidia-h100-sxm');
    await pick(page, 'hardware', 'amd-mi300x');
    // 8 × 750 W × 24 h × 1.14 = 164.16 kWh; × 349.06 = 57.30 kg
    await expectResult(page, { kg: '57.3 kg', kwh: '164.2 kWh' });
    // The page was drawn again with the new device: the box still shows it.
    assert.equal(await picked(page, 'hardware'), 'amd-mi300x');
    assert.match(await page.inputValue('#field-hardware'), /^AMD Instinct MI300X/);
  }));
