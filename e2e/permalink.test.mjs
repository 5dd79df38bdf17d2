// Permalinks and saved sessions in a real browser: copy a link and open it in a fresh
// browser context (same inputs, same numbers), reload and revisit (the state persists),
// reset and undo, garbled links and corrupted storage (a notice, and a working page),
// and links carrying script that must not run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATA_VERSION, newPage, pick, picked, settle, text, useSharedBrowser, waitText } from './harness.mjs';

const STORAGE_KEY = 'ml-emissions-calculator/v1';

const shared = useSharedBrowser();

/** Inputs and numbers as a user sees them. */
async function snapshot(page) {
  return {
    hardware: await picked(page, 'hardware'),
    devices: await page.inputValue('#field-devices'),
    duration: await page.inputValue('#field-duration'),
    unit: await page.inputValue('select[aria-label="Duration unit"]'),
    pue: await page.inputValue('#field-pue'),
    region: await page.inputValue('#field-region'),
    emissions: await text(page, '[data-testid=emissions]'),
    range: await text(page, '[data-testid=emissions-range]'),
    energy: await text(page, '[data-testid=energy]'),
  };
}

/** Load `url` as a new document (a fragment-only change would not reload the page). */
async function reopen(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
}

/** 8 × H100 SXM, 3 days, AWS us-east-1, PUE 1.2 typed by the user. */
async function setH100Job(page) {
  await pick(page, 'hardware', 'nvidia-h100-sxm');
  await page.fill('#field-devices', '8');
  await page.fill('#field-duration', '3');
  await page.selectOption('select[aria-label="Duration unit"]', 'days');
  await page.fill('#field-pue', '1.2');
  // 8 × 700 W × 72 h × 1.2 = 483.84 kWh; × 349.06 g/kWh (Virginia, lifecycle) = 168.89 kg
  await waitText(page, '[data-testid=emissions]', '168.9 kg');
  assert.equal(await text(page, '[data-testid=energy]'), '483.8 kWh');
}

test('copy link, open it in a fresh browser context: the same inputs and numbers', async () => {
  const page = await newPage(shared.browser, shared.server.url);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(shared.server.url).origin });
  const historyBefore = await page.evaluate(() => history.length);
  await setH100Job(page);
  const before = await snapshot(page);

  // The address follows the inputs without adding history entries.
  await page.waitForFunction(() => location.hash.includes('pue=1.2'), null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => history.length), historyBefore, 'replaceState only: no history flooding');
  const url = page.url();
  assert.match(url, /#v=1&d=\d{4}\.\d{2}&hardware=nvidia-h100-sxm&devices=8&duration=3&unit=days&utilization=100&location=cloud&provider=aws&region=us-east-1&pue=1\.2&/);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await waitText(page, '.share-status', 'Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, url, 'the clipboard holds the page address with its state');

  const fresh = await newPage(shared.browser, copied); // a new context: no storage, no history
  assert.deepEqual(await snapshot(fresh), before);
  assert.deepEqual(before, {
    hardware: 'nvidia-h100-sxm',
    devices: '8',
    duration: '3',
    unit: 'days',
    pue: '1.2',
    region: 'us-east-1',
    emissions: '168.9 kg',
    range: before.range,
    energy: '483.8 kWh',
  });
  assert.equal(await fresh.locator('.share-notice').count(), 0, 'a current link opens without notices');
  assert.deepEqual(fresh.pageErrors, []);
  assert.deepEqual(page.pageErrors, []);
  await fresh.close();
  await page.close();
});

test('reload and revisit: the state persists; reset returns to the defaults and undo brings it back', async () => {
  const page = await newPage(shared.browser, shared.server.url);
  await setH100Job(page);
  await page.fill('#field-devices', '4');
  // 4 × 700 × 72 × 1.2 = 241.92 kWh → 84.44 kg
  await waitText(page, '[data-testid=emissions]', '84.44 kg');
  const state = await snapshot(page);

  await page.reload();
  await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
  assert.deepEqual(await snapshot(page), state, 'reload keeps the state');

  // Without the fragment, the saved session in local storage restores it.
  const saved = await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);
  assert.match(saved, /devices=4/);
  await reopen(page, shared.server.url);
  assert.deepEqual(await snapshot(page), state, 'a new visit restores the saved session');
  assert.equal(await page.locator('.share-notice').count(), 0);

  await page.getByRole('button', { name: 'Reset' }).click();
  // Defaults: 1 × A100 SXM4 80GB, 24 h, AWS us-east-1: 10.944 kWh → 3.82 kg
  await waitText(page, '[data-testid=emissions]', '3.82 kg');
  assert.equal(await page.inputValue('#field-devices'), '1');
  assert.equal(await picked(page, 'hardware'), 'nvidia-a100-sxm4-80gb');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY), null, 'reset clears storage');
  await page.getByRole('button', { name: 'Undo' }).click();
  await waitText(page, '[data-testid=emissions]', '84.44 kg');
  assert.equal(await page.inputValue('#field-devices'), '4');

  // A link pasted into the address bar of the open page is applied too.
  await page.evaluate((d) => {
    location.hash = `#v=1&d=${d}&hardware=nvidia-h100-sxm&devices=2&duration=10`;
  }, DATA_VERSION);
  // 2 × 700 W × 10 h × 1.14 = 15.96 kWh → 5.571 kg
  await waitText(page, '[data-testid=emissions]', '5.571 kg');
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('a garbled link: a notice, the defaults, and a page that works', async () => {
  const page = await newPage(shared.browser, shared.server.url + '#%E2%82zz!!&&==&%%%');
  const notice = page.locator('.share-notice');
  await notice.waitFor({ timeout: 5000 });
  assert.match(await notice.innerText(), /About this link/);
  assert.match(await notice.innerText(), /could not be read: it holds no calculator settings/);
  await waitText(page, '[data-testid=emissions]', '3.82 kg');
  // The page works: 2 devices double the default (2 × 3.8201 = 7.640 kg).
  await page.fill('#field-devices', '2');
  await waitText(page, '[data-testid=emissions]', '7.64 kg');
  assert.match(page.url(), /#v=1&.*devices=2/, 'the garbled fragment is replaced by the state');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await notice.count(), 0);
  assert.deepEqual(page.pageErrors, []);
  await page.close();

  // Partly valid and from an older data version: the valid part is kept, and each problem named.
  const old = await newPage(
    shared.browser,
    shared.server.url + '#v=1&d=2025.01&devices=8&unit=weeks&colour=red&used_intensity=412',
  );
  const oldNotice = await old.locator('.share-notice').innerText();
  assert.match(oldNotice, /This link was made with data version 2025\.01; today's data \(\d{4}\.\d{2}\) is used/);
  assert.match(oldNotice, /Duration unit: “weeks” is not a valid choice, so “hours” is used\./);
  assert.match(oldNotice, /Unknown setting ignored: “colour”\./);
  assert.match(oldNotice, /Grid intensity of Amazon Web Services us-east-1 .* was 412 gCO2eq\/kWh, now 349\.06 gCO2eq\/kWh/);
  assert.equal(await old.inputValue('#field-devices'), '8');
  // 8 × 400 W × 24 h × 1.14 = 87.552 kWh → 30.56 kg
  await waitText(old, '[data-testid=emissions]', '30.56 kg');
  assert.deepEqual(old.pageErrors, []);
  await old.close();
});

test('corrupted local storage: a notice and the defaults', async () => {
  const page = await newPage(shared.browser, shared.server.url);
  await page.evaluate((k) => localStorage.setItem(k, '\u0000<script>window.__pwned=1</script>%FF&&&'), STORAGE_KEY);
  await reopen(page, shared.server.url);
  const notice = await page.locator('.share-notice').innerText();
  assert.match(notice, /About your saved session/);
  assert.match(notice, /This saved session could not be read/);
  await waitText(page, '[data-testid=emissions]', '3.82 kg');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('links carrying script run nothing', async () => {
  const dialogs = [];
  const page = await newPage(shared.browser, shared.server.url + '#<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">');
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.locator('.share-notice').waitFor({ timeout: 5000 });
  await waitText(page, '[data-testid=emissions]', '3.82 kg');

  // Script in values: shown as text in the notice and kept as text in the field.
  const since = page.requestsSeen();
  await page.evaluate((d) => {
    location.hash =
      `#v=1&d=${d}&label=%3Cscript%3Ealert(1)%3C%2Fscript%3E&hardware=%3Cimg+src%3Dx+onerror%3D%22window.__pwned%3D3%22%3E`;
  }, DATA_VERSION);
  await page.waitForFunction(() => document.querySelector('.share-notice')?.textContent.includes('<img src=x'), null, {
    timeout: 5000,
  });
  const html = await page.locator('.share-bar').innerHTML();
  assert.ok(html.includes('&lt;img src=x onerror='), 'the value is escaped text');
  assert.equal(await page.locator('.share-bar img, .share-bar script').count(), 0);
  // Drawn, and nothing in flight that an injected tag could have started.
  await settle(page, since);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
  assert.deepEqual(dialogs, []);
  assert.deepEqual(page.pageErrors, []);
  await page.close();
});

test('a project with several runs travels whole in the link', async () => {
  const page = await newPage(shared.browser, shared.server.url);
  await page.getByRole('button', { name: '+ Add a run' }).click();
  await page.getByRole('button', { name: '+ Add a search (50 similar runs)' }).click();
  await page.fill('#field-devices', '2');
  // The address holds the three runs and the last edit (run 3 is the one shown).
  await page.waitForFunction(() => location.hash.includes('runs=3') && location.hash.includes('r2.devices=2'), null, {
    timeout: 5000,
  });
  await page.waitForFunction(() => / 52 runs$/.test(document.querySelector('[data-testid=project-total]')?.innerText));
  const total = await text(page, '[data-testid=project-total]');
  assert.match(total, /· 52 runs$/);
  const rows = await page.locator('[data-testid=runs] tbody tr').count();

  const fresh = await newPage(shared.browser, page.url());
  assert.equal(await text(fresh, '[data-testid=project-total]'), total);
  assert.equal(await fresh.locator('[data-testid=runs] tbody tr').count(), rows);
  assert.equal(await fresh.inputValue('#field-devices'), '2', 'the run being edited is the same');
  assert.equal(await fresh.locator('.share-notice').count(), 0);
  assert.deepEqual(fresh.pageErrors, []);
  await fresh.close();
  await page.close();
});

test('blocked or full storage: the page works the same, without a saved session', async () => {
  // Blocked: reading window.localStorage throws (as with cookies disabled).
  const page = await newPage(shared.browser, shared.server.url);
  await page.context().addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await reopen(page, `${shared.server.url}#v=1&d=${DATA_VERSION}&hardware=nvidia-h100-sxm&devices=2&duration=10`);
  assert.match(await text(page, '.share-status'), /this browser does not allow saving them/);
  await waitText(page, '[data-testid=emissions]', '5.571 kg');
  await page.fill('#field-devices', '4');
  // 4 × 700 W × 10 h × 1.14 = 31.92 kWh → 11.14 kg
  await waitText(page, '[data-testid=emissions]', '11.14 kg');
  await page.waitForFunction(() => location.hash.includes('devices=4'), null, { timeout: 5000 });
  assert.deepEqual(page.pageErrors, []);
  await page.close();

  // Full: every write throws QuotaExceededError.
  const full = await newPage(shared.browser, shared.server.url);
  await full.context().addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  await reopen(full, shared.server.url);
  await full.fill('#field-devices', '2');
  await waitText(full, '[data-testid=emissions]', '7.64 kg');
  assert.deepEqual(full.pageErrors, []);
  await full.close();
});
