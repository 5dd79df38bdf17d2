// Marks the page's first paint stale when the app will open another project than the
// default one. index.html carries the page as the app draws it for a fresh visit (the
// shell: src/shell.rs renders it at build time); the app opens a link in the address
// first, else the session saved in this browser (src/session.rs, the same key), else the
// default project. For a link or a saved session the shell's numbers are not the user's:
// <html> gets the class `shell-stale`, and style/main.css then hides them behind
// "Loading your estimate…" until the app mounts (src/main.rs removes the shell and the
// class). A classic script in <head> so that the class is set before the first paint; a
// file because the Content-Security-Policy allows no inline script.
(function () {
  var stale = location.hash.replace(/^#/, '').trim() !== '';
  if (!stale) {
    try {
      stale = window.localStorage.getItem('ml-emissions-calculator/v1') !== null;
    } catch (e) {
      // Storage blocked: nothing can have been saved.
    }
  }
  if (stale) document.documentElement.classList.add('shell-stale');
})();
