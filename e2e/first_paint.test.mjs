// The first paint (issue 16): index.html carries the page as the app draws it for a fresh
// visit (src/shell.rs renders it at build time with the same components and core), and the
// app replaces it on mount without a jump. Checked by loading the page twice: once with
// the wasm blocked (the shell stays as it is), once normally (the mounted app), at a
// desktop and a phone width, and comparing the boxes of the page's landmarks, the form's
// fields and the estimate, the headline's text, and the value of every control. With a
// link or a saved session the shell must not pass the default numbers off as the user's:
// it says "Loading your estimate…" until the app has mounted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSharedBrowser, newPage, DATA_VERSION } from './harness.mjs';

const shared = useSharedBrowser();

// What must not move when the app takes over.
const BOXES = {
  header: '.masthead',
  share: '.share-bar',
  ledger: '.ledger',
  form: 'form.inputs',
  'form heading': 'form.inputs h2',
  'hardware select': '#field-hardware',
  devices: '#field-devices',
  duration: '#field-duration',
  provider: '#field-provider',
  region: '#field-region',
  pue: '#field-pue',
  'results card': '.results',
  headline: '[data-testid=emissions]',
  range: '[data-testid=emissions-range]',
  energy: '[data-testid=energy]',
  // Not the footer: the comparison and the statement, below the fold, mount just after
  // the app's first paint and push it down, shell or no shell.
};

/** Boxes, the headline's text and every control's state, as the page shows them now. */
function snapshot(boxes) {
  const out = { boxes: {}, missing: [] };
  for (const [name, sel] of Object.entries(boxes)) {
    const el = document.querySelector(sel);
    if (!el) {
      out.missing.push(name);
      continue;
    }
    const r = el.getBoundingClientRect();
    out.boxes[name] = { x: r.x, y: r.y + window.scrollY, w: r.width, h: r.height };
  }
  out.headline = document.querySelector('[data-testid=emissions]')?.textContent;
  out.controls = {};
  const main = document.querySelector('main');
  for (const el of main.querySelectorAll('input, select, textarea')) {
    if (el.type === 'file') continue;
    const key = el.id || `${el.name || el.getAttribute('aria-label') || el.className}=${el.type === 'radio' || el.type === 'checkbox' ? el.value : ''}`;
    out.controls[key] = el.type === 'radio' || el.type === 'checkbox' ? el.checked : el.value;
  }
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
  out.duplicateIds = ids.filter((id, i) => ids.indexOf(id) !== i);
  out.landmarks = ['header', 'main', 'footer'].filter((sel) => document.querySelector(sel));
  return out;
}

/** A page whose wasm never arrives: what the visitor sees until the app mounts. */
async function shellPage(url, viewport, initScript) {
  const context = await shared.browser.newContext({ viewport });
  if (initScript) await context.addInitScript(initScript);
  await context.route('**/*.wasm', (route) => route.abort());
  const page = await context.newPage();
  page.close = () => context.close();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('#app-shell [data-testid=emissions]', { state: 'attached' });
  return page;
}

for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 800 }]) {
  test(`the shell is the default estimate as the app draws it, and the app replaces it in place (${viewport.width} px)`, async () => {
    const shell = await shellPage(shared.server.url, viewport);
    const before = await shell.evaluate(snapshot, BOXES);
    const state = await shell.evaluate(() => ({
      ready: document.querySelector('[data-app-ready]') !== null,
      stale: document.documentElement.classList.contains('shell-stale'),
      loadingShown: getComputedStyle(document.querySelector('.shell-loading')).display !== 'none',
      busy: document.querySelector('#app-shell').getAttribute('aria-busy'),
      formInert: document.querySelector('form.inputs').inert,
      resultsInert: document.querySelector('.results').closest('[inert]') !== null,
    }));
    await shell.close();
    assert.deepEqual(state, { ready: false, stale: false, loadingShown: false, busy: 'true', formInert: true, resultsInert: false });
    assert.deepEqual(before.missing, [], 'the shell has every element compared');
    assert.deepEqual(before.landmarks, ['header', 'main', 'footer'], 'the shell has the page landmarks');
    assert.match(before.headline, /^\d[\d.,]* (g|kg|t)$/, 'the shell shows a number');

    const page = await newPage(shared.browser, shared.server.url, viewport);
    try {
      const after = await page.evaluate(snapshot, BOXES);
      assert.equal(await page.locator('#app-shell').count(), 0, 'the shell is gone once the app has mounted');
      assert.deepEqual(after.duplicateIds, [], 'no id twice once mounted');
      assert.equal(after.headline, before.headline, 'the same headline');
      // Below the fold, the comparison and the statement mount just after the first paint:
      // the shell has every control above it.
      const mounted = Object.fromEntries(Object.keys(before.controls).map((k) => [k, after.controls[k]]));
      assert.deepEqual(mounted, before.controls, 'every control of the shell shows the same value once mounted');
      for (const [name, a] of Object.entries(after.boxes)) {
        const b = before.boxes[name];
        for (const k of ['x', 'y', 'w', 'h']) {
          assert.ok(Math.abs(a[k] - b[k]) <= 2, `${name}: ${k} ${b[k].toFixed(1)} in the shell, ${a[k].toFixed(1)} mounted`);
        }
      }
      assert.deepEqual(page.pageErrors, []);
    } finally {
      await page.close();
    }
  });
}

const LINK = `#v=1&d=${DATA_VERSION}&hardware=nvidia-h100-sxm&devices=8&duration=3&unit=days`;

test('with a link the shell says it is loading, and the app then shows the link\'s estimate', async () => {
  const shell = await shellPage(shared.server.url + LINK, { width: 1280, height: 900 });
  const shown = await shell.evaluate(() => ({
    stale: document.documentElement.classList.contains('shell-stale'),
    loading: (() => {
      const el = document.querySelector('.shell-loading');
      return getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0 ? el.textContent : null;
    })(),
    headlineVisible: getComputedStyle(document.querySelector('[data-testid=emissions]')).visibility === 'visible',
    default: document.querySelector('[data-testid=emissions]').textContent,
  }));
  await shell.close();
  assert.deepEqual({ ...shown, default: undefined }, { stale: true, loading: 'Loading your estimate…', headlineVisible: false, default: undefined });

  const page = await newPage(shared.browser, shared.server.url + LINK);
  try {
    const mounted = await page.evaluate(() => ({
      stale: document.documentElement.classList.contains('shell-stale'),
      loading: document.querySelectorAll('.shell-loading').length,
      headline: document.querySelector('[data-testid=emissions]').textContent,
    }));
    assert.equal(mounted.stale, false, 'the mark is gone once mounted');
    assert.equal(mounted.loading, 0, 'no loading line once mounted');
    assert.notEqual(mounted.headline, shown.default, "the link's estimate, not the default one");
  } finally {
    await page.close();
  }
});

test('with a saved session the shell says it is loading too', async () => {
  const saved = () => localStorage.setItem('ml-emissions-calculator/v1', 'v=1&devices=4');
  const shell = await shellPage(shared.server.url, { width: 1280, height: 900 }, saved);
  const stale = await shell.evaluate(() => document.documentElement.classList.contains('shell-stale'));
  await shell.close();
  assert.equal(stale, true);
});
