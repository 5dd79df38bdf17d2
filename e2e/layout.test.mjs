// The page's layout as a user scrolls it (issue 16, "use the width"): at 1280 px the
// estimate stays in view beside the form while the form scrolls, and never floats over
// the cards below (the comparisons, the statement, the method); those use the page's
// full width. At 360 px the estimate follows the form, one column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSharedBrowser, withPage } from './harness.mjs';

const shared = useSharedBrowser();

const box = (page, sel) =>
  page.locator(sel).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height, bottom: r.bottom, right: r.right };
  });
const overlaps = (a, b) => a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom;
const BELOW = ['[data-testid=advice-card]', '[data-testid=region-comparison]', '[data-testid=hardware-comparison]', 'section.statement'];

test('1280 px: the estimate stays beside the form, never over the cards below, which span the page', () =>
  withPage(
    shared,
    shared.server.url,
    async (page) => {
      await page.locator('[data-testid=hardware-comparison]').waitFor();
      const form = await box(page, 'form.inputs');
      // Halfway down the form, the estimate is still in view, to its right.
      await page.evaluate(() => {
        const f = document.querySelector('form.inputs').getBoundingClientRect();
        window.scrollTo(0, window.scrollY + f.top + f.height / 2 - 100);
      });
      const results = await box(page, 'section.results');
      assert.ok(results.y >= 0 && results.y < 40, `the estimate is held at the top of the window: y = ${results.y}`);
      assert.ok(results.x >= form.right, 'beside the form');
      const layout = await box(page, 'main.layout');
      for (const sel of BELOW) {
        await page.locator(sel).scrollIntoViewIfNeeded();
        const card = await box(page, sel);
        const est = await box(page, 'section.results');
        assert.ok(!overlaps(card, est), `${sel} is not covered by the estimate (card ${JSON.stringify(card)}, estimate ${JSON.stringify(est)})`);
        assert.ok(card.w >= layout.w - 48 - 1, `${sel} uses the page's width: ${card.w} of ${layout.w}`);
      }
      // What a user clicks below the form is not under the estimate.
      await page.click('[data-testid=hardware-comparison] button:has-text("Show as table")', { timeout: 5000 });
    },
    { width: 1280, height: 900 },
  ));

test('360 px: one column, the estimate after the form and not sticky', () =>
  withPage(
    shared,
    shared.server.url,
    async (page) => {
      await page.locator('[data-testid=hardware-comparison]').waitFor();
      const form = await box(page, 'form.inputs');
      const results = await box(page, 'section.results');
      assert.ok(results.y >= form.bottom, 'the estimate follows the form');
      assert.equal(await page.locator('section.results').evaluate((el) => getComputedStyle(el).position), 'static');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scroll: ${overflow} px`);
    },
    { width: 360, height: 800 },
  ));
