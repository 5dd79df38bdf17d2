// Shared helpers for the browser tests (e2e/*.test.mjs, run by `node --test`).
//   startServer(dir, {base})      static file server for the Trunk output (dist/)
//   launchBrowser()               headless Debian chromium through playwright-core
//   newPage(browser, url, vp)     a page that records errors and waits for the app to mount
//   withPage(shared, url, fn, vp) run fn(page) on a new page, check it raised no error, close it
//   DATA_VERSION                  the version of the factor tables the app embeds
//   table(name)                   the rows of data/<name>, read independently of the app
//   pick(page, name, key)         choose option `key` in the combobox #field-<name> (hardware, zone)
//   picked(page, name)            the key the combobox #field-<name> holds
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The data version the app is built with (`DATA_VERSION` in core/src/data.rs). */
export const DATA_VERSION = (() => {
  const src = fs.readFileSync(path.join(REPO, 'core/src/data.rs'), 'utf8');
  const m = /pub const DATA_VERSION: &str = "([^"]+)";/.exec(src);
  if (!m) throw new Error('DATA_VERSION not found in core/src/data.rs');
  return m[1];
})();

/** An RFC 4180 CSV parser, small and independent of the app's, for reading data/*.csv. */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}
/** The rows of `data/<name>` as objects keyed by column name. */
export const table = (name) => parseCsv(fs.readFileSync(path.join(REPO, 'data', name), 'utf8'));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.wasm': 'application/wasm', // required by WebAssembly.instantiateStreaming
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serve `dir` (relative paths are relative to the repo root) on 127.0.0.1 at a free
 * port, under the sub-path `base` (e.g. '/ml-emissions/', as on a project page).
 * Like a plain static host: `<dir>/` serves its index.html, a directory without the
 * trailing slash is redirected, anything else missing is a 404 (no SPA fallback).
 * Returns { url, close, requests } where url ends with `base` and requests lists every
 * requested path (with query) in order.
 */
export async function startServer(dir = process.env.DIST ?? 'dist', { base = '/' } = {}) {
  const root = path.resolve(REPO, dir);
  if (!base.startsWith('/')) base = '/' + base;
  if (!base.endsWith('/')) base += '/';
  const requests = [];

  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const send = (status, headers, body) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => send(404, { 'Content-Type': 'text/plain' }, 'not found\n');

    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, { 'Content-Type': 'text/plain' }, 'bad request\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { Allow: 'GET, HEAD' }, '');
    if (pathname + '/' === base) return send(301, { Location: base }, '');
    if (!pathname.startsWith(base)) return notFound();

    let file = path.join(root, pathname.slice(base.length));
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(); // no ../ escapes
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, { Location: pathname + '/' }, '');
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) return notFound();
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    send(200, { 'Content-Type': type, 'Content-Length': stat.size }, fs.readFileSync(file));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve); // port 0: the OS picks a free port
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections(); // drop the browser's keep-alive sockets
        server.close(() => resolve());
      }),
  };
}

// Flags from TOOLCHAIN.md. Playwright makes its own fresh --user-data-dir (passing one
// here is an error) and adds --no-sandbox itself unless chromiumSandbox is set.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking', // without these three it floods the closed network
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Debian chromium. Never `npx playwright install`: it downloads a browser. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Open `url` in a new context of the given viewport (and colour scheme) and wait (20 s) until the wasm app
 * has mounted, i.e. `[data-app-ready]` exists. Returns the playwright Page with:
 *   page.consoleErrors  console.error texts (a panic hook logs the panic message here)
 *   page.pageErrors     uncaught exceptions, incl. wasm traps ("RuntimeError: unreachable")
 *   page.close()        also closes the context
 */
export async function newPage(browser, url, { width = 1280, height = 800, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.pageErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => page.pageErrors.push(String(err?.stack ?? err)));
  trackRequests(page);
  const closePage = page.close.bind(page);
  page.close = async () => {
    await closePage().catch(() => {});
    await context.close();
  };

  try {
    // An uncaught error before mounting (e.g. a wasm panic) fails at once, not after 20 s.
    const crashed = new Promise((_, reject) =>
      page.once('pageerror', (err) => reject(new Error(`page error before mount: ${err}`))),
    );
    crashed.catch(() => {}); // only matters while racing below
    await Promise.race([
      page.goto(url).then(() =>
        page.waitForSelector('[data-app-ready]', { state: 'attached', timeout: 20_000 }),
      ),
      crashed,
    ]);
  } catch (err) {
    // Say why the app did not mount, not just that it timed out.
    err.message +=
      `\n  page errors: ${JSON.stringify(page.pageErrors, null, 2)}` +
      `\n  console errors: ${JSON.stringify(page.consoleErrors, null, 2)}`;
    await page.close();
    throw err;
  }
  return page;
}

/**
 * Open `url` in a new page of `shared.browser` (see useSharedBrowser), run `fn(page)`,
 * then assert that the page raised no uncaught error; the page is closed in every case.
 */
export async function withPage(shared, url, fn, viewport) {
  const page = await newPage(shared.browser, url, viewport);
  try {
    await fn(page);
    assert.deepEqual(page.pageErrors, [], 'no uncaught exceptions or wasm panics');
  } finally {
    await page.close();
  }
}

/**
 * One static server and one browser shared by the tests of a file, started before the
 * first test and closed after the last: `const shared = useSharedBrowser();` then
 * `newPage(shared.browser, shared.server.url)`.
 */
export function useSharedBrowser() {
  const shared = {};
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** The text of the first element matching `sel`. */
export const text = (page, sel) => page.locator(sel).first().innerText();

/**
 * Wait (5 s) until the first `sel` reads `expected` (its innerText, as `text` reads it),
 * then assert it (a clear diff if not).
 */
export async function waitText(page, sel, expected) {
  await page
    .waitForFunction(([sel, expected]) => document.querySelector(sel)?.innerText === expected, [sel, expected], {
      timeout: 5000,
    })
    .catch(() => {});
  assert.equal(await text(page, sel), expected);
}

/**
 * Keep the requests of `page` still in flight, numbered in order (`page.requestsSeen()`
 * is the number of the next one), for `settle`.
 */
export function trackRequests(page) {
  const pending = new Map();
  let seen = 0;
  page.pendingRequests = pending;
  page.requestsSeen = () => seen;
  page.on('request', (r) => pending.set(r, seen++));
  page.on('requestfinished', (r) => pending.delete(r));
  page.on('requestfailed', (r) => pending.delete(r));
}

/**
 * Wait until the page is quiet: two frames drawn and every request it started from
 * number `since` on (`page.requestsSeen()` before the action) finished or failed (say,
 * an image an injected tag would load). For checking that something did not happen.
 */
export async function settle(page, since = 0) {
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const left = () => [...page.pendingRequests].filter(([, n]) => n >= since).map(([r]) => r.url());
  await frames();
  for (let i = 0; i < 200 && left().length > 0; i++) await frames();
  assert.deepEqual(left(), [], 'requests still in flight');
}

/**
 * Choose the option `key` in the combobox `#field-<name>` (hardware, zone) as a user
 * would with the mouse: clear the box (the whole list opens), click the option. Waits
 * until the box holds it.
 */
export async function pick(page, name, key) {
  const box = page.locator(`#field-${name}`);
  await box.fill('');
  await page.locator(`#field-${name}-listbox [role=option][data-value="${key}"]`).click();
  await page.waitForFunction(
    ([n, k]) => document.querySelector(`#field-${n}`)?.dataset.value === k,
    [name, key],
  );
}

/** The key of the option the combobox `#field-<name>` holds. */
export function picked(page, name) {
  return page.getAttribute(`#field-${name}`, 'data-value');
}
