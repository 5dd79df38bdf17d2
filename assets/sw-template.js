// Service worker of the ML Emissions Calculator: makes the site work offline after
// the first visit. Generated into dist/sw.js by scripts/gen-sw.mjs (a Trunk post_build
// hook) from assets/sw-template.js, which fills in BUILD (a hash of every file of the
// build) and PRECACHE (every file of the build, relative to this script).
//
// - install: download every file of this build into a cache of its own;
// - activate: delete this app's caches of older builds (only ours: other projects on
//   the same github.io origin keep theirs);
// - fetch: same-origin GETs are answered from the cache first (navigations get the
//   cached index.html, ignoring ?query), anything else same-origin goes to the network;
//   cross-origin requests never reach the network (the app makes none; the CSP forbids
//   them too);
// - a new build waits until the page asks for it ({type: "SKIP_WAITING"}), so a page
//   never runs a mix of two builds.
const BUILD = '__BUILD__';
const PRECACHE = __PRECACHE__;
const MODE = '__MODE__'; // "offline" (trunk build) or "passthrough" (trunk serve: no caching)

const SCOPE = self.registration.scope;
const PREFIX = `ml-emissions:${SCOPE}:`;
const CACHE = PREFIX + BUILD;
// Hashed file names (name-0123abcd….ext) never change content: the HTTP cache may serve
// them. Everything else (index.html, manifest, icons) is revalidated.
const HASHED = /-[0-9a-f]{8,}(_bg)?\.[a-z0-9]+$/;
const INDEX = new URL('./', SCOPE).href;

self.addEventListener('install', (event) => {
  if (MODE !== 'offline') {
    self.skipWaiting(); // development server: always the latest files, no notice
    return;
  }
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        PRECACHE.map(async (path) => {
          const url = new URL(path, SCOPE).href;
          const response = await fetch(url, { cache: HASHED.test(path) ? 'default' : 'no-cache' });
          if (!response.ok) throw new Error(`precache ${url}: HTTP ${response.status}`);
          // "./" is stored under the scope URL, which is how navigations look it up.
          await cache.put(path === 'index.html' ? INDEX : url, response);
        }),
      ),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    // The app never asks for anything elsewhere: refuse instead of going out.
    event.respondWith(Response.error());
    return;
  }
  if (MODE !== 'offline' || request.method !== 'GET') return; // the browser does it as usual
  event.respondWith(answer(request, url));
});

async function answer(request, url) {
  const cache = await caches.open(CACHE);
  const bare = url.origin + url.pathname;
  if (request.mode === 'navigate' && (bare === INDEX || bare === INDEX + 'index.html')) {
    const page = await cache.match(INDEX);
    if (page) return page;
  }
  return (await cache.match(request)) ?? fetch(request);
}
