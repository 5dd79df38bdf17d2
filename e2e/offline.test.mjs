// The static site as deployed on GitHub Pages: under a sub-path, private, offline after
// the first visit, and updating itself (issue 5).
//   1. a full session of use under /ml-emissions/ makes same-origin requests only, and
//      the Content-Security-Policy blocks nothing the app needs;
//   2. after a first visit, the server is stopped: a reload still shows the calculator
//      and it computes new inputs (the service worker's cache);
//   3. a new build is served on the same origin: the update notice appears, the old build
//      keeps running until "Reload", which shows the new build and drops the old cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { REPO, launchBrowser, pick, settle, startServer, trackRequests } from './harness.mjs';

const BASE = '/ml-emissions/';
const EMISSIONS = '[data-testid=emissions]';

/** A page in a fresh context that records every request, CSP violation and error. */
async function openPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  trackRequests(page);
  const log = { requests: [], errors: [], csp: [] };
  // Requests of the page and of its service worker (Chromium reports both here).
  context.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
    if (/Content.Security.Policy/i.test(m.text())) log.csp.push(m.text());
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(url);
  await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim(), EMISSIONS);
  return { context, page, log };
}

/** Waits until the service worker controls the page and has cached the whole build. */
async function waitOffline(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
    const build = document.querySelector('meta[name=app-build]').content;
    const keys = (await caches.keys()).filter((k) => k.startsWith(`ml-emissions:${reg.scope}:`));
    const cached = keys.length === 1 ? (await (await caches.open(keys[0])).keys()).length : 0;
    return { scope: reg.scope, build, keys, cached };
  });
}

/** Types into a field like a user (replacing its text) and returns the new emissions text. */
async function typeInto(page, selector, value) {
  const before = await page.textContent(EMISSIONS);
  await page.fill(selector, value);
  await page
    .waitForFunction(([sel, old]) => document.querySelector(sel)?.textContent !== old, [EMISSIONS, before], { timeout: 2000 })
    .catch(() => {}); // the same text is possible; the caller checks the value
  return (await page.textContent(EMISSIONS)).trim();
}

/** "16.99 kg" / "236.9 g" / "12.35 t" -> kg. */
function kg(text) {
  const m = /^([\d.,]+)\s*(g|kg|t)\b/.exec(text.replace(/\u00a0/g, ' '));
  assert.ok(m, `emissions text "${text}" has a number and a unit`);
  return Number(m[1].replace(/,/g, '')) * { g: 1e-3, kg: 1, t: 1e3 }[m[2]];
}

function sameOrigin(url, origin) {
  if (url.startsWith('blob:')) return url.slice(5).startsWith(origin + '/');
  if (url.startsWith('data:')) return true; // inline data, no request leaves the page
  return new URL(url).origin === origin;
}

/** The number of files of the build (what sw.js precaches). */
function precacheList(dir) {
  const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  return JSON.parse(/const PRECACHE = (\[[\s\S]*?\]);/.exec(sw)[1]);
}

test('a full session under a sub-path only talks to its own origin, and the CSP blocks nothing', async (t) => {
  const server = await startServer('dist', { base: BASE });
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, context, log } = await openPage(browser, server.url);
  t.after(() => context.close());
  const origin = new URL(server.url).origin;

  // The page refers to its files relatively, so they came from under the sub-path.
  const html = fs.readFileSync(path.join(REPO, 'dist/index.html'), 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self';/);
  // (What it loads: the first paint also has links a reader may follow to a source.)
  assert.doesNotMatch(html, /<(?:script|link|img|source)\b[^>]*\b(?:src|href)="(?:\/|https?:)/, 'no absolute URL loaded by index.html');
  assert.ok(server.requests.some((r) => r.startsWith(`${BASE}ml-emissions-app-`) && r.endsWith('_bg.wasm')), 'wasm from the sub-path');

  // Installable: manifest, theme colour and icons that exist.
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    const m = await (await fetch(href)).json();
    const icons = await Promise.all(m.icons.map(async (i) => [i.src, i.sizes, (await fetch(new URL(i.src, href))).status]));
    return { name: m.name, start: m.start_url, scope: m.scope, theme: m.theme_color, display: m.display, icons };
  });
  assert.equal(manifest.name, 'ML Emissions Calculator');
  assert.equal(manifest.start, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.theme, '#1d6b44');
  assert.equal(manifest.display, 'standalone');
  for (const size of ['192x192', '512x512']) assert.ok(manifest.icons.some(([, s]) => s === size), `a ${size} icon`);
  for (const [src, , status] of manifest.icons) assert.equal(status, 200, `icon ${src}`);
  assert.ok(await page.$('link[rel=icon][href="icons/icon.svg"]'), 'favicon link (no /favicon.ico 404)');

  // A session of use: every field, every location mode, every panel and button.
  const since = page.requestsSeen();
  const sw = await waitOffline(page);
  assert.equal(sw.scope, server.url, 'the service worker covers the sub-path only');
  const defaultText = (await page.textContent(EMISSIONS)).trim();
  for (const [sel, value] of [['#field-duration', '36'], ['#field-devices', '3'], ['#field-utilization', '70']]) {
    if (await page.$(sel)) await typeInto(page, sel, value);
  }
  assert.notEqual((await page.textContent(EMISSIONS)).trim(), defaultText, 'typing changed the estimate');
  // Downloads are blob: URLs of this origin, which the CSP allows.
  const save = await page.$('[data-testid=statement-download]');
  assert.ok(!save || (await save.isEnabled()), 'a valid job can be downloaded as a statement');
  if (save) {
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    assert.ok(download.url().startsWith(`blob:${origin}/`), `download from ${download.url()}`);
    assert.ok(fs.statSync(await download.path()).size > 0, 'the downloaded statement is not empty');
    t.diagnostic(`downloaded ${download.suggestedFilename()} from a blob: URL`);
  }
  await pick(page, 'hardware', 'nvidia-h100-sxm');
  for (const mode of await page.$$eval('input[name=location-mode]', (r) => r.map((x) => x.value))) {
    await page.check(`input[name=location-mode][value="${mode}"]`);
    if (await page.locator('#field-zone').isVisible()) await pick(page, 'zone', 'FR');
    for (const sel of ['#field-provider', '#field-region']) {
      const el = await page.$(sel);
      if (!el || !(await el.isVisible())) continue;
      const values = await el.$$eval('option', (o) => o.map((x) => x.value).filter((v) => v));
      if (values.length > 1) await page.selectOption(sel, values[values.length - 1]);
    }
    const custom = await page.$('#field-custom_intensity');
    if (custom && (await custom.isVisible())) await page.fill('#field-custom_intensity', '250');
  }
  await page.check('input[name=location-mode][value="cloud"]').catch(() => {});
  const file = await page.$('input[type=file]');
  if (file) await file.setInputFiles({ name: 'emissions.csv', mimeType: 'text/csv', buffer: Buffer.from('timestamp,duration\n') });
  // Open every disclosure, then press every button (except destructive ones) once.
  await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
  const clicked = await page.evaluate(async () => {
    const names = [];
    for (const b of [...document.querySelectorAll('button, [role=button], [role=tab]')]) {
      const name = (b.getAttribute('aria-label') || b.textContent || '').trim();
      if (!b.isConnected || b.disabled || b.closest('[data-testid=update-notice]')) continue;
      if (/reset|remove|delete|clear/i.test(name)) continue;
      b.click();
      names.push(name.slice(0, 40));
      // Let the page draw what the click changed before the next one.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return names;
  });
  t.diagnostic(`pressed ${clicked.length} buttons: ${clicked.join(' | ')}`);
  await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
  // Everything the clicks started has finished (or failed) before the requests are checked.
  await settle(page, since);

  const foreign = log.requests.filter((u) => !sameOrigin(u, origin));
  assert.deepEqual(foreign, [], 'every request is same-origin');
  assert.ok(log.requests.length >= 5, `requests were recorded (${log.requests.length})`);
  assert.deepEqual(log.csp, [], 'no Content-Security-Policy violation');
  assert.deepEqual(log.errors.filter((e) => !/clipboard/i.test(e)), [], 'no page errors');
  assert.ok(await page.$('[data-app-ready]'), 'the app is still mounted');
});

test('after a first visit the calculator works with the server stopped', async (t) => {
  const server = await startServer('dist', { base: BASE });
  let open = true;
  t.after(() => open && server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, context, log } = await openPage(browser, server.url);
  t.after(() => context.close());

  const sw = await waitOffline(page);
  const files = precacheList(path.join(REPO, 'dist'));
  assert.equal(sw.keys.length, 1, `one cache for this build: ${sw.keys}`);
  assert.equal(sw.cached, files.length, 'every file of the build is cached');
  const online = await typeInto(page, '#field-duration', '37');
  const online74 = await typeInto(page, '#field-duration', '74');

  await server.close();
  open = false;
  const served = server.requests.length;
  await page.reload();
  await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.trim(), EMISSIONS);
  assert.equal(await page.getAttribute('meta[name=app-build]', 'content'), sw.build, 'the same build, from the cache');
  assert.equal(server.requests.length, served, 'nothing reached the (stopped) server');

  const offline = await typeInto(page, '#field-duration', '37');
  assert.equal(offline, online, 'offline, 37 h gives what it gave online');
  const offline74 = await typeInto(page, '#field-duration', '74');
  assert.equal(offline74, online74);
  // Twice the hours, twice the emissions (display rounding aside).
  assert.ok(Math.abs(kg(offline74) / kg(offline) - 2) < 2e-3, `${offline74} is twice ${offline}`);
  assert.deepEqual(log.errors, [], 'no page errors');
});

test('a new build on the same origin: notice, old build until Reload, then the new one', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-emissions-update-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const [oldDir, newDir, site] = ['old', 'new', 'site'].map((n) => path.join(tmp, n));
  fs.cpSync(path.join(REPO, 'dist'), oldDir, { recursive: true });
  fs.cpSync(path.join(REPO, 'dist'), newDir, { recursive: true });
  // The "new build": a changed page, stamped by the same post-build step as a real build.
  const index = path.join(newDir, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<title>', '<meta name="e2e-new-build" content="yes" />\n    <title>'));
  execFileSync('node', [path.join(REPO, 'scripts/gen-sw.mjs'), newDir], { stdio: 'pipe' });
  const swap = (target) => {
    fs.symlinkSync(target, site + '.next');
    fs.renameSync(site + '.next', site); // atomic: the server sees one build or the other
  };
  swap(oldDir);

  const server = await startServer(site, { base: BASE });
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, context, log } = await openPage(browser, server.url);
  t.after(() => context.close());

  const first = await waitOffline(page);
  const newBuild = /<meta name="app-build" content="([0-9a-f]+)"/.exec(fs.readFileSync(index, 'utf8'))[1];
  assert.notEqual(newBuild, first.build, 'the new build has a new build hash');
  assert.equal(await page.isVisible('[data-testid=update-notice]'), false, 'no notice for the first install');

  swap(newDir);
  await page.reload();
  await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
  // The old build keeps running (from the cache) while the new one installs.
  assert.equal(await page.getAttribute('meta[name=app-build]', 'content'), first.build);
  const notice = page.locator('[data-testid=update-notice]');
  await notice.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await notice.textContent(), /A new version is ready/);
  assert.equal(await page.getAttribute('meta[name=app-build]', 'content'), first.build, 'still the old build');

  const reloaded = page.waitForEvent('framenavigated');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await reloaded;
  await page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 });
  assert.equal(await page.getAttribute('meta[name=app-build]', 'content'), newBuild, 'the new build after Reload');
  assert.ok(await page.$('meta[name=e2e-new-build]'), 'the new page');
  assert.equal(await page.isVisible('[data-testid=update-notice]'), false, 'no notice once up to date');
  const after = await waitOffline(page);
  assert.deepEqual(after.keys, [`ml-emissions:${server.url}:${newBuild}`], 'the old build\'s cache is gone');
  assert.deepEqual(log.errors, [], 'no page errors');
});
