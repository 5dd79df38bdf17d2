#![recursion_limit = "256"]
//! Mounts the calculator. The page is in `app`, its state in `state`, its parts
//! in `components`; `browser` and `session` talk to the browser; the region
//! chart's layout and markup (`region_chart`) and the method view's markup
//! (`method_markup`) are plain code, tested natively.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod display;
mod method_markup;
mod region_chart;
#[cfg(target_arch = "wasm32")]
mod reveal;
#[cfg(target_arch = "wasm32")]
mod session;
#[cfg(target_arch = "wasm32")]
mod state;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// The web app only exists for wasm32; natively this binary does nothing (its
/// tests check the region chart's layout).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ml-emissions-app is the web front end: build it with `trunk build` (see README).");
}
