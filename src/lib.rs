#![recursion_limit = "256"]
//! The calculator's web front end. The page is in `app`, its state in `state`, its
//! parts in `components`; `browser` and `session` talk to the browser; the region
//! chart's layout and markup (`region_chart`) and the method view's markup
//! (`method_markup`) are plain code, tested natively.
//!
//! The binary `ml-emissions-app` (src/main.rs) mounts the page in the browser. The
//! same components also render natively to HTML with the feature `shell`
//! (src/bin/shell.rs, run by Trunk before each build): the static first paint of
//! `index.html`, the default estimate as the app draws it (see `shell`).

#[cfg(any(target_arch = "wasm32", feature = "shell"))]
pub mod app;
#[cfg(any(target_arch = "wasm32", feature = "shell"))]
mod browser;
#[cfg(any(target_arch = "wasm32", feature = "shell"))]
mod chart_host;
/// Marks the moment the app has mounted (`performance.mark("app-mounted")`, read by `make bench`).
#[cfg(target_arch = "wasm32")]
pub fn mark_mounted() {
    browser::mark("app-mounted");
}
#[cfg(any(target_arch = "wasm32", feature = "shell"))]
mod components;
#[cfg(any(target_arch = "wasm32", feature = "shell"))]
mod display;
mod method_markup;
mod region_chart;
#[cfg(any(target_arch = "wasm32", feature = "shell"))]
mod reveal;
#[cfg(any(target_arch = "wasm32", feature = "shell"))]
mod session;
#[cfg(feature = "shell")]
pub mod shell;
#[cfg(any(target_arch = "wasm32", feature = "shell"))]
mod state;
