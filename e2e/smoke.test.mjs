// Smoke test: the built app (dist/) loads in headless chromium and mounts without errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage } from './harness.mjs';

test('app mounts ([data-app-ready]) without page errors', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const page = await newPage(browser, server.url, { width: 1280, height: 800 });
  assert.ok(await page.$('[data-app-ready]'), '[data-app-ready] is present');
  assert.deepEqual(page.pageErrors, [], 'no uncaught exceptions or wasm panics');
  if (page.consoleErrors.length) t.diagnostic(`console errors: ${page.consoleErrors.join(' | ')}`);
  await page.close();
});
