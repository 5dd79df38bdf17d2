//! Mounts the calculator (see the library, src/lib.rs).

/// Mount the page, then remove the static first paint that `index.html` carries (the
/// shell, see `ml_emissions_app::shell`) in the same task, so no frame shows both or
/// neither: the page the app draws takes the shell's place, at the same size.
#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    let shell = leptos::prelude::document().get_element_by_id(SHELL_ID);
    // Remove it first, so that nothing the app looks up by id during mounting finds
    // the shell's copy; the frame is only painted after this task.
    if let Some(shell) = &shell {
        shell.remove();
    }
    leptos::mount::mount_to_body(ml_emissions_app::app::App);
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.class_list().remove_1(STALE_CLASS);
    }
    // From here the form answers: `make bench` reads this as the time to interactive.
    ml_emissions_app::mark_mounted();
}

/// The shell's container in `index.html`, and the class `assets/shell.js` puts on
/// `<html>` when the shell's numbers are not the ones the app will show.
#[cfg(target_arch = "wasm32")]
const SHELL_ID: &str = "app-shell";
#[cfg(target_arch = "wasm32")]
const STALE_CLASS: &str = "shell-stale";

/// The web app only exists for wasm32; natively this binary does nothing (its
/// tests check the region chart's layout).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ml-emissions-app is the web front end: build it with `trunk build` (see README).");
}
