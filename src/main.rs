#![recursion_limit = "256"]
//! Mounts the calculator. Everything else lives in `app` and `components`.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod state;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}

/// The web app only exists for wasm32; natively this binary does nothing.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ml-emissions-app is the web front end: build it with `trunk build` (see README).");
}
