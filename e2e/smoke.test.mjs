// Smoke test: the built app (dist/) loads in headless chromium and mounts without errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSharedBrowser, withPage } from './harness.mjs';

const shared = useSharedBrowser();

test('app mounts ([data-app-ready]) without page errors', (t) =>
  withPage(
    shared,
    shared.server.url,
    async (page) => {
      assert.ok(await page.$('[data-app-ready]'), '[data-app-ready] is present');
      if (page.consoleErrors.length) t.diagnostic(`console errors: ${page.consoleErrors.join(' | ')}`);
    },
    { width: 1280, height: 800 },
  ));
