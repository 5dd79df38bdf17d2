// Trunk post_build hook (see Trunk.toml): finishes the site Trunk assembled in
// $TRUNK_STAGING_DIR (or in the directory given as the first argument):
//
//   0. Puts the page's first paint, target/shell/shell.html (rendered by src/shell.rs in
//      Trunk's pre_build hook), in place of <div id="app-shell"></div>. Fails if the
//      page has that placeholder and the file is missing.
//   1. Moves every inline <script> (Trunk's wasm loader) into a same-origin file
//      boot-<hash>.js, so the Content-Security-Policy can forbid inline script. Fails if
//      the page still has inline script, inline style or a non-relative asset URL after it.
//   2. Computes BUILD, a hash of every file of the build, and writes it into index.html
//      as <meta name="app-build" content="...">.
//   3. Writes sw.js from assets/sw-template.js with BUILD and the list of every file of
//      the build, so the precache always matches dist/.
//
// Running it again on its own output is harmless (it is idempotent), and after editing a
// built site it re-stamps it as a new build: e2e/offline.test.mjs does this.
//
// Under `trunk serve` (Trunk has injected its autoreload script) the autoreload script
// stays inline, the page's CSP allows inline script, and sw.js is a pass-through worker
// that caches nothing, so development always sees the latest files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? '');
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? './';
const fail = (msg) => {
  console.error(`gen-sw: ${msg}`);
  process.exit(1);
};
if (!process.argv[2] && !process.env.TRUNK_STAGING_DIR) fail('usage: node scripts/gen-sw.mjs DIR (or run as a Trunk hook)');
const indexPath = path.join(dir, 'index.html');
if (!fs.existsSync(indexPath)) fail(`no index.html in ${dir}`);

const sha = (alg, data, enc = 'hex') => crypto.createHash(alg).update(data).digest(enc);
let html = fs.readFileSync(indexPath, 'utf8');

// 0. The first paint. Already filled (this script run again on its own output): left as is.
const SHELL_PLACEHOLDER = '<div id="app-shell"></div>';
if (html.includes(SHELL_PLACEHOLDER)) {
  const shellFile = path.join(REPO, 'target/shell/shell.html');
  if (!fs.existsSync(shellFile)) {
    fail(`index.html has ${SHELL_PLACEHOLDER} but ${path.relative(REPO, shellFile)} is missing (Trunk.toml's pre_build hook writes it)`);
  }
  const shell = fs.readFileSync(shellFile, 'utf8');
  if (!shell.startsWith('<div id="app-shell"')) fail(`${path.relative(REPO, shellFile)} is not the shell`);
  html = html.replace(SHELL_PLACEHOLDER, () => shell);
  console.log(`gen-sw: first paint from ${path.relative(REPO, shellFile)} (${shell.length} bytes)`);
}

// 1. Inline scripts out. Trunk's autoreload script (trunk serve) must stay inline: the
//    dev server rewrites placeholders in it when it serves index.html.
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
let devServer = false;
html = html.replace(INLINE_SCRIPT, (whole, attrs, body) => {
  if (/\bsrc\s*=/i.test(attrs) || body.trim() === '') return whole;
  if (body.includes('.well-known/trunk/ws')) {
    devServer = true;
    return whole;
  }
  const code = body.trim() + '\n';
  const file = `boot-${sha('sha256', code).slice(0, 16)}.js`;
  fs.writeFileSync(path.join(dir, file), code);
  const type = /\btype\s*=\s*["']?module/i.test(attrs) ? ' type="module"' : '';
  const integrity = `sha384-${sha('sha384', code, 'base64')}`;
  console.log(`gen-sw: inline script -> ${file}`);
  return `<script${type} src="${publicUrl}${file}" integrity="${integrity}"></script>`;
});

const CSP = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;
if (!CSP.test(html)) fail('index.html has no Content-Security-Policy meta tag');
if (devServer) {
  html = html.replace(CSP, (_, a, csp, c) => a + csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") + c);
  console.log("gen-sw: trunk serve detected: CSP allows the inline autoreload script, sw.js caches nothing");
} else {
  // What the CSP would block in the browser, caught at build time.
  for (const [, attrs, body] of html.matchAll(INLINE_SCRIPT)) {
    if (!/\bsrc\s*=/i.test(attrs) && body.trim()) fail('index.html still has an inline <script>');
  }
  if (/<style\b/i.test(html)) fail('index.html has an inline <style> (the CSP forbids it)');
  if (/\sstyle\s*=/i.test(html)) fail('index.html has a style="" attribute (the CSP forbids it)');
  // What the page loads (not the links a reader may follow, such as a source's page).
  const LOADS = /<(?:script|link|img|source|iframe|embed|object)\b[^>]*?\b(?:src|href)\s*=\s*"([^"]*)"/gi;
  for (const [, url] of html.matchAll(LOADS)) {
    if (/^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('/')) {
      fail(`index.html refers to ${url}: every URL must be relative, to work under any sub-path`);
    }
  }
}

// 2. The build's identity: every file except sw.js and the stamp itself.
const STAMP = /\s*<meta name="app-build" content="[^"]*"\s*\/?>/;
html = html.replace(STAMP, '');
const files = [];
(function walk(rel) {
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.')) continue; // .stage and the like
    if (entry.isDirectory()) walk(child);
    else if (child !== 'sw.js') files.push(child);
  }
})('');
files.sort();
const hash = crypto.createHash('sha256');
for (const file of files) {
  const bytes = file === 'index.html' ? Buffer.from(html) : fs.readFileSync(path.join(dir, file));
  hash.update(`${file}\0${bytes.length}\0`).update(bytes);
}
const build = hash.digest('hex').slice(0, 16);
html = html.replace(/(\s*)<title>/, `$1<meta name="app-build" content="${build}" />$1<title>`);
fs.writeFileSync(indexPath, html);

// 3. sw.js. index.html first: it is what a navigation gets.
const precache = ['index.html', ...files.filter((f) => f !== 'index.html')];
const template = fs.readFileSync(path.join(REPO, 'assets/sw-template.js'), 'utf8');
const sw = template
  .replace("'__BUILD__'", JSON.stringify(build))
  .replace('__PRECACHE__', JSON.stringify(precache, null, 2))
  .replace("'__MODE__'", JSON.stringify(devServer ? 'passthrough' : 'offline'));
if (/__(BUILD|PRECACHE|MODE)__/.test(sw.replace(/\/\/.*$/gm, ''))) fail('assets/sw-template.js: a placeholder was not filled');
fs.writeFileSync(path.join(dir, 'sw.js'), sw);
const bytes = files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
console.log(`gen-sw: build ${build}: sw.js precaches ${precache.length} files, ${(bytes / 1024).toFixed(1)} KiB`);
