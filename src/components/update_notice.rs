//! "A new version is ready — Reload": shown when the service worker has downloaded a
//! new build that waits to take over (the page keeps running the build it started with
//! until the user says so, so nothing typed is lost by surprise).
//!
//! The service worker itself is registered by `assets/register-sw.js` (a same-origin
//! script: the CSP allows no inline script). It marks `<html data-update-ready>` and
//! dispatches `app-update-ready` on `window` when a new build waits; the Reload button
//! dispatches `app-update-apply`, on which that script tells the waiting worker to take
//! over and reloads the page once it has.

use crate::browser;
use leptos::prelude::*;

const READY_ATTR: &str = "data-update-ready";
const READY_EVENT: &str = "app-update-ready";
const APPLY_EVENT: &str = "app-update-apply";

#[component]
pub fn UpdateNotice() -> impl IntoView {
    // The event may have fired before this component mounted: the attribute says so.
    let ready = RwSignal::new(browser::root_has_attribute(READY_ATTR));
    browser::on_window_event_named(READY_EVENT, move |_| ready.set(true));
    let reload = move |_| {
        // The event cannot fail for a plain name; reloading would still pick up the new
        // build once every tab of the old one is closed.
        if !browser::dispatch(APPLY_EVENT) {
            browser::reload();
        }
    };

    view! {
        // Always in the DOM (hidden until needed), so screen readers announce it.
        <div class="update-notice" data-testid="update-notice" role="status" aria-live="polite" hidden=move || !ready.get()>
            <span>"A new version is ready."</span>
            <button type="button" class="button" on:click=reload>"Reload"</button>
        </div>
    }
}
