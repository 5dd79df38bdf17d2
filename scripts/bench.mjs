// Performance budget of the built site (issue 5). `make bench` builds the release site
// first; this script only measures dist/:
//
//   node scripts/bench.mjs [--runs N] [--updates M] [--dir dist] [--out bench/latest.json] [--strict]
//
// It serves dist/ on 127.0.0.1 under /ml-emissions/ the way GitHub Pages serves a project
// site (gzip for text and wasm, ETag, Cache-Control: max-age=600), then in headless
// Chromium, N times with a cold cache (a fresh browser context each time), measures:
//   - first load: bytes transferred (compressed, headers included) from navigation until
//     the first result is on screen and the page has loaded;
//   - first result: ms from navigation start to [data-testid=emissions] having text;
//   - update: ms from an `input` event on #field-duration to the estimate's text having
//     changed in the DOM (M changes per run, all samples pooled);
//   - evaluations per update: how many times the project was evaluated for one input
//     change (`window.__mlEvaluations()`, the core's `project::evaluations()` counter,
//     read before the change and after the next frame); one source of truth means 1;
//   - if the region comparison reports `performance.measure("compare-update")`, those too;
//   - likewise the hardware comparison's `performance.measure("hardware-update")` (issue 11):
//     the default job is described by time, so each duration change re-runs its work on
//     every accelerator with a throughput figure, all in view (no filter), and redraws
//     the chart; the number of bars drawn is reported beside it;
//   - first contentful paint, and when the app has mounted (performance.mark("app-mounted"):
//     the first paint is index.html's static shell, the form answers from the mount);
//   - the same, with the first result, on one more cold load per run under a throttled
//     profile (1.6 Mbit/s down, 150 ms round trip, 4× CPU slowdown, gzip);
// plus the wasm's size raw and gzipped. Each figure is printed beside its budget, and
// the whole result is written as JSON (--out, and a copy in bench/results/).
// Exit status: 0, or 1 with --strict when a budget is missed.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { REPO, launchBrowser } from '../e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('runs', 7));
const UPDATES = Number(opt('updates', 20));
const DIR = path.resolve(REPO, opt('dir', 'dist'));
const OUT = path.resolve(REPO, opt('out', 'bench/latest.json'));
const STRICT = args.includes('--strict');
const BASE = '/ml-emissions/';

// Budgets of issue 16 (first load, wasm, paint, throttled profile) and of issues 3, 5, 7, 11.
const BUDGETS = {
  first_load_kb: { max: 300, label: 'first load, gzip as GitHub Pages serves it (KB)' },
  wasm_raw_kb: { max: 800, label: 'wasm raw (KB)' },
  wasm_gzip_kb: { max: null, label: 'wasm gzip -9 (KB)' },
  fcp_ms: { max: 200, label: 'navigation → first contentful paint (ms)' },
  first_result_ms: { max: 300, label: 'navigation → first result in the DOM (ms)' },
  first_result_paint_ms: { max: 300, label: 'navigation → first result painted (ms)' },
  interactive_ms: { max: null, label: 'navigation → app mounted, the form answers (ms)' },
  throttled_fcp_ms: { max: 1000, label: 'throttled: first contentful paint (ms)' },
  throttled_first_result_ms: { max: 2500, label: 'throttled: first result in the DOM (ms)' },
  throttled_interactive_ms: { max: null, label: 'throttled: app mounted, the form answers (ms)' },
  update_ms: { max: 5, label: 'input → updated result (ms)' },
  evaluations_per_update: { max: 1, label: 'project evaluations per input change' },
  compare_update_ms: { max: 16, label: 'region chart update (ms, issue 3)' },
  hardware_update_ms: { max: 16, label: 'hardware chart update, every device in view (ms, issue 11)' },
  import_10k_ms: { max: 200, label: 'import 10,000 CodeCarbon rows + totals (ms, issue 7)' },
  edit_10k_ms: { max: 50, label: 'edit with 10,000 runs → next frame (ms, issue 7)' },
};

// The throttled profile of issue 16: a slow connection and a slow phone's CPU
// (Chromium's network emulation and CPU throttling), files served gzipped.
const THROTTLE = {
  network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  cpuRate: 4,
};

// A CodeCarbon emissions.csv of 10,000 runs (the columns its tracker writes).
const CODECARBON_10K = (() => {
  let csv = 'timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,tracking_mode,on_cloud,pue\n';
  for (let i = 0; i < 10_000; i++) {
    const id = i.toString(16).padStart(8, '0');
    csv += `2024-05-01T10:00:00,sweep,${id}-3dd7-45bb-9766-cc326314d9f1,e1,${3600 + i},${(0.001 * i).toFixed(6)},0.0001,42.5,300.1,10.0,0.085,0.6,0.02,${(0.002 * i).toFixed(6)},France,FRA,ile-de-france,,,Linux,3.11.7,2.4.1,32,AMD EPYC 7763,4,4 x NVIDIA A100-SXM4-80GB,2.35,48.85,256,machine,N,1.0\n`;
  }
  return Buffer.from(csv);
})();

/** Import the 10,000-row file, then edit with that many runs in the ledger. */
async function ledgerAtScale(page) {
  await page.evaluate(() => {
    const input = document.querySelector('[data-testid=codecarbon-file]');
    // Capture phase on the input itself: runs before the app's own change handler.
    input.addEventListener('change', () => { window.__importStart = performance.now(); }, { capture: true, once: true });
    window.__importDone = new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (/10,?000 runs imported/.test(document.querySelector('[data-testid=import-message]')?.textContent ?? '')) {
          obs.disconnect();
          resolve(performance.now());
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  });
  await page.locator('[data-testid=codecarbon-file]').setInputFiles({ name: 'emissions.csv', mimeType: 'text/csv', buffer: CODECARBON_10K });
  // Never wait forever: a refused import (or a new wording) fails with what the page said.
  const importMs = await page.evaluate(async () => {
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(
      `10k import: no "10,000 runs imported" within 120 s; the import message says: ${
        JSON.stringify(document.querySelector('[data-testid=import-message]')?.textContent ?? '(none)')}`)), 120000));
    return (await Promise.race([window.__importDone, timeout])) - window.__importStart;
  });
  const total = await page.locator('[data-testid=total-kg]').innerText();
  if (!/t$/.test(total)) throw new Error(`10k import: unexpected total ${total}`);
  const edits = [];
  for (let k = 0; k < 5; k++) {
    edits.push(await page.evaluate(async (k) => {
      const el = document.querySelector('.project-name input');
      const t0 = performance.now();
      el.value = `sweep ${k}`;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    }, k));
  }
  return { importMs, edits };
}
const KB = 1000; // budgets are in kB (1000 bytes), as browsers' devtools show them

// ---- a GitHub-Pages-like static server -------------------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.json': 'application/json',
};
const COMPRESS = new Set(['.html', '.js', '.css', '.wasm', '.svg', '.webmanifest', '.json']);

function serve(dir) {
  const log = [];
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(BASE)) return res.writeHead(404).end();
    rel = rel.slice(BASE.length) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      log.push({ t: performance.now(), path: rel, status: 404, bytes: 0 });
      return res.writeHead(404).end();
    }
    const ext = path.extname(file);
    const gzip = COMPRESS.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const key = `${file}:${gzip}`;
    if (!cache.has(key)) {
      const raw = fs.readFileSync(file);
      const body = gzip ? zlib.gzipSync(raw, { level: 6 }) : raw;
      cache.set(key, { body, etag: `"${crypto.createHash('sha1').update(raw).digest('hex').slice(0, 16)}"` });
    }
    const { body, etag } = cache.get(key);
    const headers = { 'Content-Type': TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': 'max-age=600', ETag: etag, Vary: 'Accept-Encoding' };
    if (req.headers['if-none-match'] === etag) {
      log.push({ t: performance.now(), path: rel, status: 304, bytes: 0 });
      return res.writeHead(304, headers).end();
    }
    if (gzip) headers['Content-Encoding'] = 'gzip';
    headers['Content-Length'] = body.length;
    log.push({ t: performance.now(), path: rel, status: 200, bytes: body.length });
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}${BASE}`,
        log,
        close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
      }),
    ),
  );
}

// ---- measurements in the page --------------------------------------------------------
// Installed before any script of the page: notes when the first result appears.
function probe() {
  const mark = () => {
    const el = document.querySelector('[data-testid=emissions]');
    if (el && el.textContent.trim() && window.__firstResult === undefined) {
      window.__firstResult = performance.now();
      // Two frames later the frame that shows it has been painted (a fallback for
      // when the first contentful paint came before the result).
      requestAnimationFrame(() => requestAnimationFrame(() => (window.__firstResultFrame = performance.now())));
    }
  };
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, characterData: true });
}

// In the page: first contentful paint, first result, and when the app mounted (the
// form is inert until then; src/main.rs marks "app-mounted"), waiting up to 60 s for it.
async function pageTimes() {
  const mounted = () => performance.getEntriesByName('app-mounted')[0]?.startTime;
  for (let i = 0; i < 1200 && mounted() === undefined; i++) await new Promise((r) => setTimeout(r, 50));
  return {
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    firstResult: window.__firstResult ?? null,
    mounted: mounted() ?? null,
  };
}

// One cold load under the throttled profile: paint, result, interactivity.
async function throttledRun(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(probe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THROTTLE.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE.cpuRate });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const t = await page.evaluate(pageTimes);
  await context.close();
  if (t.mounted === null) throw new Error('throttled load: the app did not mount within 60 s');
  return t;
}

// One input change: ms until the estimate's text differs (DOM updated), and until the
// next animation frame after that (about when it is painted).
async function updateOnce(value) {
  const input = document.querySelector('#field-duration');
  const read = () => document.querySelector('[data-testid=emissions]')?.textContent;
  const before = read();
  const seen = performance.getEntriesByName('compare-update').length;
  const seenHardware = performance.getEntriesByName('hardware-update').length;
  const evaluations = () => (typeof window.__mlEvaluations === 'function' ? window.__mlEvaluations() : NaN);
  const evaluated = evaluations();
  return new Promise((resolve) => {
    let t0 = 0;
    const done = (changed) => {
      const t1 = performance.now();
      obs.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => {
        const frame = performance.now() - t0;
        setTimeout(() => {
          const compare = performance.getEntriesByName('compare-update').slice(seen).map((e) => e.duration);
          const hardware = performance.getEntriesByName('hardware-update').slice(seenHardware).map((e) => e.duration);
          const hardwareBars = Number(document.querySelector('[data-testid=hardware-chart]')?.dataset.bars ?? NaN);
          resolve({ ms: t1 - t0, frame, changed, compare, hardware, hardwareBars, text: read(), evaluations: evaluations() - evaluated });
        }, 50);
      });
    };
    const obs = new MutationObserver(() => {
      if (read() !== before) done(true);
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    const timer = setTimeout(() => done(false), 2000);
    input.value = value;
    t0 = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function run(browser, url, server, i) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(probe);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  const transfers = new Map();
  cdp.on('Network.loadingFinished', (e) => transfers.set(e.requestId, e.encodedDataLength));
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));

  const logStart = server.log.length;
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__firstResultFrame !== undefined, null, { timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  const firstLoadBytes = [...transfers.values()].reduce((a, b) => a + b, 0);
  const files = [...transfers.keys()].map((id) => [new URL(urls.get(id) ?? 'http://x/?').pathname.slice(BASE.length), transfers.get(id)]);
  const [firstResult, firstPaint] = await page.evaluate(async () => {
    // The page is empty until the app has mounted: its first contentful paint is the
    // first paint with the result in it.
    const fcp = await new Promise((resolve) => {
      const seen = performance.getEntriesByName('first-contentful-paint')[0];
      if (seen) return resolve(seen.startTime);
      new PerformanceObserver((list, obs) => {
        obs.disconnect();
        resolve(list.getEntries()[0].startTime);
      }).observe({ type: 'paint', buffered: true });
      setTimeout(() => resolve(null), 2000);
    });
    const dom = window.__firstResult;
    return [dom, fcp !== null && fcp >= dom ? fcp : window.__firstResultFrame];
  });
  const times = await page.evaluate(pageTimes);
  if (times.mounted === null) throw new Error(`run ${i}: the app did not mount within 60 s`);
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { dom_content_loaded_ms: n.domContentLoadedEventEnd, load_ms: n.loadEventEnd };
  });

  // The service worker fills its cache after the load event: what does that cost?
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker?.ready;
    return reg?.active?.state;
  });
  await page.waitForTimeout(300);
  const afterLoad = server.log.slice(logStart).filter((r) => r.t > 0);
  const served = afterLoad.reduce((n, r) => n + r.bytes, 0);

  const updates = [];
  for (let k = 0; k < UPDATES; k++) {
    updates.push(await page.evaluate(updateOnce, String(10 + ((k * 7) % 90) + (k % 3) / 4)));
  }
  // The import replaces a fresh project only, and a project holds at most 10,000 runs:
  // after the edits above it would be refused, so it starts from the defaults again.
  await page.evaluate(() => localStorage.clear());
  await page.goto(url, { waitUntil: 'load' });
  // (The first paint already shows a result: wait for the app itself.)
  await page.waitForFunction(() => performance.getEntriesByName('app-mounted').length > 0, null, { timeout: 60_000 });
  const scale = await ledgerAtScale(page);
  await context.close();
  if (updates.some((u) => !u.changed)) throw new Error(`run ${i}: an input change did not change the estimate`);
  return { firstLoadBytes, served, firstResult, firstPaint, fcp: times.fcp, interactive: times.mounted, nav, updates, files, scale };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return null;
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, min: s[0], max: s[s.length - 1], p95: q(0.95), n: s.length };
};

// ---- main ------------------------------------------------------------------------------
if (!fs.existsSync(path.join(DIR, 'index.html'))) {
  console.error(`bench: no ${path.relative(REPO, DIR)}/index.html: build first (make bench does)`);
  process.exit(2);
}
const wasmFile = fs.readdirSync(DIR).find((f) => f.endsWith('_bg.wasm'));
const wasm = fs.readFileSync(path.join(DIR, wasmFile));
const build = /<meta name="app-build" content="([^"]+)"/.exec(fs.readFileSync(path.join(DIR, 'index.html'), 'utf8'))?.[1] ?? null;

const loadBefore = os.loadavg()[0];
const server = await serve(DIR);
const browser = await launchBrowser();
const runs = [];
const throttled = [];
try {
  await run(browser, server.url, server, -1); // warm-up: disk cache of the OS, JIT of the server
  for (let i = 0; i < RUNS; i++) {
    runs.push(await run(browser, server.url, server, i));
    throttled.push(await throttledRun(browser, server.url));
    process.stderr.write(`bench: run ${i + 1}/${RUNS}\r`);
  }
} finally {
  await browser.close();
  await server.close();
}
process.stderr.write('\n');

const updates = runs.flatMap((r) => r.updates);
const compare = updates.flatMap((u) => u.compare);
const hardwareUpdates = updates.flatMap((u) => u.hardware ?? []);
const figures = {
  first_load_kb: stats(runs.map((r) => r.firstLoadBytes / KB)),
  wasm_raw_kb: stats([wasm.length / KB]),
  wasm_gzip_kb: stats([zlib.gzipSync(wasm, { level: 9 }).length / KB]),
  first_result_ms: stats(runs.map((r) => r.firstResult)),
  first_result_paint_ms: stats(runs.map((r) => r.firstPaint)),
  fcp_ms: stats(runs.map((r) => r.fcp).filter(Number.isFinite)),
  interactive_ms: stats(runs.map((r) => r.interactive)),
  throttled_fcp_ms: stats(throttled.map((t) => t.fcp).filter(Number.isFinite)),
  throttled_first_result_ms: stats(throttled.map((t) => t.firstResult).filter(Number.isFinite)),
  throttled_interactive_ms: stats(throttled.map((t) => t.mounted)),
  update_ms: stats(updates.map((u) => u.ms)),
  evaluations_per_update: updates.every((u) => Number.isFinite(u.evaluations)) ? stats(updates.map((u) => u.evaluations)) : null,
  compare_update_ms: compare.length ? stats(compare) : null,
  hardware_update_ms: hardwareUpdates.length ? stats(hardwareUpdates) : null,
  import_10k_ms: stats(runs.map((r) => r.scale.importMs)),
  edit_10k_ms: stats(runs.flatMap((r) => r.scale.edits)),
};
const extra = {
  update_to_next_frame_ms: stats(updates.map((u) => u.frame)),
  hardware_chart_bars: stats(updates.map((u) => u.hardwareBars).filter(Number.isFinite)),
  load_event_ms: stats(runs.map((r) => r.nav.load_ms)),
  served_incl_service_worker_kb: stats(runs.map((r) => r.served / KB)),
  first_load_files: runs[0]?.files.map(([f, b]) => ({ file: f || '(index)', kb: +(b / KB).toFixed(1) })),
};

const rows = [];
const missed = [];
for (const [key, { max, label }] of Object.entries(BUDGETS)) {
  const f = figures[key];
  if (!f) {
    const why = {
      evaluations_per_update: 'no window.__mlEvaluations',
      hardware_update_ms: 'no hardware-update entries',
      compare_update_ms: 'no compare-update entries',
      fcp_ms: 'no paint entry',
      throttled_fcp_ms: 'no paint entry',
    }[key] ?? 'no samples';
    rows.push([label, `not measured (${why})`, max === null ? '' : `≤ ${max}`, '']);
    continue;
  }
  const value = f.n > 1 ? `${f.median.toFixed(1)} (min ${f.min.toFixed(1)}, max ${f.max.toFixed(1)})` : f.median.toFixed(1);
  // The median decides; a budget is a typical figure on this machine, not a worst case.
  const ok = max === null ? '' : f.median <= max ? 'ok' : 'MISSED';
  if (ok === 'MISSED') missed.push(`${label}: ${f.median.toFixed(1)} > ${max} (+${(((f.median - max) / max) * 100).toFixed(0)}%)`);
  rows.push([label, value, max === null ? '' : `≤ ${max}`, ok]);
}
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ['figure', 'median (min, max)', 'budget', ''][c].length));
const line = (r) => r.map((x, c) => x.padEnd(widths[c])).join('  ').trimEnd();
console.log(`\nbench: build ${build}, ${RUNS} cold loads, ${updates.length} input changes, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`);
console.log(line(['figure', 'median (min, max)', 'budget', '']));
for (const r of rows) console.log(line(r));
if (extra.hardware_chart_bars) console.log(`hardware chart: ${extra.hardware_chart_bars.median} bars in view at each update (every accelerator with a throughput figure)`);
console.log(`also: next frame after an input ${extra.update_to_next_frame_ms.median.toFixed(1)} ms (median); load event ${extra.load_event_ms.median.toFixed(0)} ms; served incl. the service worker's precache ${extra.served_incl_service_worker_kb.median.toFixed(1)} KB`);
console.log(missed.length ? `BUDGETS MISSED:\n  ${missed.join('\n  ')}` : 'ALL BUDGETS MET');

const result = {
  date: new Date().toISOString(),
  build,
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? null,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    // Timings depend on what else the machine is doing: 1-minute load average before/after.
    load_average: [+loadBefore.toFixed(2), +os.loadavg()[0].toFixed(2)],
  },
  method: { runs: RUNS, updates_per_run: UPDATES, server: 'GitHub-Pages-like: gzip level 6 for text and wasm, ETag, max-age=600', kb: 1000, throttled: { ...THROTTLE.network, cpu_slowdown: THROTTLE.cpuRate } },
  budgets: Object.fromEntries(Object.entries(BUDGETS).map(([k, v]) => [k, v.max])),
  figures,
  extra,
  missed,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
const archive = path.join(REPO, 'bench/results', `bench-${result.date.replace(/[:.]/g, '-')}.json`);
fs.mkdirSync(path.dirname(archive), { recursive: true });
fs.writeFileSync(archive, JSON.stringify(result, null, 2) + '\n');
// The README's performance table, regenerated from these figures (paste it over the old one).
const md = [
  '| figure | median (min, max) | budget |',
  '|---|---|---|',
  ...rows.map(([label, value, budget, ok]) => `| ${label} | ${value} | ${budget}${ok === 'MISSED' ? ': **missed**' : ok ? ': ok' : ''} |`),
].join('\n') + '\n';
const mdOut = OUT.replace(/\.json$/, '') + '.md';
fs.writeFileSync(mdOut, md);
console.log(`wrote ${path.relative(REPO, OUT)}, ${path.relative(REPO, mdOut)} (the README's table) and ${path.relative(REPO, archive)}`);
process.exit(STRICT && missed.length ? 1 : 0);
