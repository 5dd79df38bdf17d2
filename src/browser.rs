//! Everything the app asks of the browser, in one place: the page address,
//! local storage, the clipboard (with a fallback), file downloads, timers that
//! a newer call supersedes, the clock, page-wide events, focus, and the
//! benchmark's hooks.
//! Each call tolerates a browser that refuses (blocked storage, no clipboard):
//! the page then works the same, without that convenience.
//!
//! Natively (the feature `shell`: the page rendered to HTML at build time) the calls
//! made while the page is drawn answer as a fresh visit would: no link in the address,
//! nothing saved, storage available, no timers or page hooks.

use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// False when the page is rendered natively to HTML (the shell, see `crate::shell`).
const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

// ---- the page address ----------------------------------------------------------------

/// The URL fragment without `#`, if there is one.
pub fn current_hash() -> Option<String> {
    if !IN_BROWSER {
        return None;
    }
    let hash = window().location().hash().ok()?;
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    (!hash.trim().is_empty()).then(|| hash.to_string())
}

/// This page's address without its fragment.
fn base_href() -> String {
    let href = window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Put `encoded` in the address as its fragment, without adding a history entry.
pub fn set_hash(encoded: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{encoded}")));
    }
}

/// Remove the fragment from the address, without adding a history entry.
pub fn clear_hash() {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&base_href()));
    }
}

/// This page's address with `encoded` as its fragment.
pub fn link_to(encoded: &str) -> String {
    format!("{}#{encoded}", base_href())
}

// ---- local storage -------------------------------------------------------------------

/// Local storage, when the browser allows it (it may be blocked or absent).
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn storage_available() -> bool {
    if !IN_BROWSER {
        return true;
    }
    storage().is_some()
}

pub fn load(key: &str) -> Option<String> {
    if !IN_BROWSER {
        return None;
    }
    storage()?.get_item(key).ok().flatten()
}

/// Save `value` under `key`, or forget it (`None`). Failures (quota, blocked) are
/// ignored: the page works the same without a saved session.
pub fn save(key: &str, value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

// ---- clipboard and downloads -----------------------------------------------------------

/// Copy `text` to the clipboard. Without a clipboard API, or when it refuses, the
/// text of the `<textarea>` with id `fallback` (if given) is selected and copied
/// with the legacy command. True if either worked.
pub async fn copy_text(text: &str, fallback: Option<&str>) -> bool {
    let clipboard = window().navigator().clipboard();
    let copied = if JsValue::from(clipboard.clone()).is_undefined() {
        false
    } else {
        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
    };
    copied || fallback.is_some_and(copy_by_selection)
}

/// Select the text of the `<textarea>` `id` and copy it with the legacy command.
fn copy_by_selection(id: &str) -> bool {
    let Some(doc) = window().document() else { return false };
    let Some(area) = doc.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) else {
        return false;
    };
    let _ = area.focus();
    area.select();
    doc.dyn_into::<web_sys::HtmlDocument>().ok().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false)
}

/// Save `text` as a file through a Blob and an object URL.
pub fn download(text: &str, file_name: &str, mime: &str) -> Result<(), JsValue> {
    let parts = web_sys::js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let doc = window().document().ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    let body = doc.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    let _ = body.remove_child(&a);
    // Revoke later: revoking at once can cancel the download in some browsers.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), Duration::from_secs(30));
    Ok(())
}

/// The text of a file the user chose, or `None` if it cannot be read as text.
pub async fn file_text(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text()).await.ok()?.as_string()
}

/// The file chosen in the `<input type=file>` of an event, which is emptied so that
/// the same file can be chosen again later.
pub fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// Every file chosen in a `<input type=file multiple>`, which is then emptied.
pub fn chosen_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let files = input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
    input.set_value("");
    files
}

// ---- timers ----------------------------------------------------------------------------

/// A delayed action that a newer one supersedes: "clear this message in a few
/// seconds, unless another message came meanwhile", "write once typing pauses".
#[derive(Clone, Copy)]
pub struct Latest {
    /// Bumped by every call; an action runs only if it is still the latest.
    generation: StoredValue<u64>,
    pending: StoredValue<bool>,
}

impl Latest {
    pub fn new() -> Latest {
        Latest { generation: StoredValue::new(0), pending: StoredValue::new(false) }
    }

    /// Run `f` after `delay`, unless `later` or `cancel` is called again before.
    pub fn later(&self, delay: Duration, f: impl FnOnce() + 'static) {
        let this = *self;
        let generation = self.bump();
        self.pending.set_value(true);
        set_timeout(
            move || {
                if this.generation.try_get_value() == Some(generation) {
                    this.pending.set_value(false);
                    f();
                }
            },
            delay,
        );
    }

    /// Forget the action waiting, if any.
    pub fn cancel(&self) {
        self.bump();
        self.pending.set_value(false);
    }

    /// Whether an action is waiting.
    pub fn is_pending(&self) -> bool {
        self.pending.try_get_value().unwrap_or(false)
    }

    fn bump(&self) -> u64 {
        self.generation
            .try_update_value(|g| {
                *g = g.wrapping_add(1);
                *g
            })
            .unwrap_or_default()
    }
}

impl Default for Latest {
    fn default() -> Latest {
        Latest::new()
    }
}

/// Run `f` just after the next frame is painted (a frame, then a task).
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    if !IN_BROWSER {
        drop(f);
        return;
    }
    request_animation_frame(move || set_timeout(f, Duration::ZERO));
}

/// Milliseconds on the page's clock (`performance.now()`).
pub fn now() -> Option<f64> {
    if !IN_BROWSER {
        return None;
    }
    window().performance().map(|p| p.now())
}

// ---- page-wide signals -----------------------------------------------------------------

/// Whether the page's root element carries the attribute `name`.
pub fn root_has_attribute(name: &str) -> bool {
    if !IN_BROWSER {
        return false;
    }
    document().document_element().is_some_and(|html| html.has_attribute(name))
}

/// Dispatch a plain event named `name` on `window`; false if it could not be made.
pub fn dispatch(name: &str) -> bool {
    match web_sys::Event::new(name) {
        Ok(ev) => {
            let _ = window().dispatch_event(&ev);
            true
        }
        Err(_) => false,
    }
}

pub fn reload() {
    let _ = window().location().reload();
}

/// Listen to `event` on `window` while the calling component lives (the listener is
/// removed on its cleanup). Natively nothing listens.
pub fn on_window_event<E>(event: E, f: impl Fn(E::EventType) + 'static)
where
    E: leptos::ev::EventDescriptor + 'static,
    E::EventType: JsCast,
{
    if !IN_BROWSER {
        drop(f);
        return;
    }
    let handle = window_event_listener(event, f);
    on_cleanup(move || handle.remove());
}

/// [`on_window_event`] for an event known only by its name (the service worker's).
pub fn on_window_event_named(name: &str, f: impl Fn(web_sys::Event) + 'static) {
    if !IN_BROWSER {
        drop(f);
        return;
    }
    let handle = window_event_listener_untyped(name, f);
    on_cleanup(move || handle.remove());
}

// ---- focus -------------------------------------------------------------------------------

/// Move the keyboard focus to the element `id`.
pub fn focus(id: &str) {
    if let Some(el) = window().document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Scroll the list `list_id` (not the page) so that its item `item_id` is visible.
pub fn keep_in_view(list_id: &str, item_id: &str) {
    let Some(doc) = window().document() else { return };
    let (Some(list), Some(item)) = (doc.get_element_by_id(list_id), doc.get_element_by_id(item_id)) else { return };
    let (Ok(list), Ok(item)) = (list.dyn_into::<web_sys::HtmlElement>(), item.dyn_into::<web_sys::HtmlElement>())
    else {
        return;
    };
    // Offsets relative to the list (it is the items' offset parent: position: absolute).
    let (top, bottom) = (item.offset_top(), item.offset_top() + item.offset_height());
    let (view_top, view_h) = (list.scroll_top(), list.client_height());
    if top < view_top {
        list.set_scroll_top(top);
    } else if bottom > view_top + view_h {
        list.set_scroll_top(bottom - view_h);
    }
}

/// Select the whole text of the input an event came from (typing then replaces it).
pub fn select_text(ev: &web_sys::FocusEvent) {
    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        input.select();
    }
}

/// Whether the `<details>` an event (its `toggle`) came from is open.
pub fn is_open(ev: &web_sys::Event) -> bool {
    ev.target()
        .and_then(|t| web_sys::js_sys::Reflect::get(&t, &JsValue::from_str("open")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The (`data-table`, `data-key`, `data-col`) of the button an event
/// happened in, for markup that links figures to table rows
/// (`crate::method_markup`).
pub fn clicked_row(ev: &web_sys::Event) -> Option<(String, String, String)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("[data-table]").ok()??;
    Some((
        el.get_attribute("data-table")?,
        el.get_attribute("data-key")?,
        el.get_attribute("data-col").unwrap_or_default(),
    ))
}

/// Bring the element `id` into view and mark it: scrolled to the middle of the
/// window (its top to the top when it is taller than the window; and in any
/// scrolling box around it), focused (made focusable if it is not), and given
/// `data-revealed`, which the one element revealed before
/// loses. With `column`, its cell `[data-col=column]` is marked too. False if
/// there is no such element.
pub fn reveal(id: &str, column: Option<&str>) -> bool {
    let Some(doc) = window().document() else { return false };
    let Some(el) = doc.get_element_by_id(id) else { return false };
    // A row and its cell at most.
    for _ in 0..4 {
        match doc.query_selector("[data-revealed]") {
            Ok(Some(e)) => drop(e.remove_attribute("data-revealed")),
            _ => break,
        }
    }
    let _ = el.set_attribute("data-revealed", "");
    let cell = column
        .filter(|c| !c.is_empty() && c.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .and_then(|col| el.query_selector(&format!("[data-col={col}]")).ok().flatten());
    if let Some(cell) = &cell {
        let _ = cell.set_attribute("data-revealed", "");
    }
    show(&el, true);
    // The cell may be off to the side in its table's scroll box: sideways to it,
    // to the box's end (its start is under the row's key, which stays in view).
    if let Some(cell) = &cell {
        scroll_into_view(cell, "nearest", "end");
    }
    true
}

/// Move to the element `id` as an in-page link would, without touching the
/// address (its fragment is the permalink): focused and scrolled to the top.
pub fn jump_to(id: &str) -> bool {
    match window().document().and_then(|d| d.get_element_by_id(id)) {
        Some(el) => {
            show(&el, false);
            true
        }
        None => false,
    }
}

/// Focus `el` (made focusable if it is not) and scroll it into view: to the
/// middle of the window when `center` and it fits, else to the top.
fn show(el: &web_sys::Element, center: bool) {
    if !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    if let Ok(h) = el.clone().dyn_into::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
    let tall = window().inner_height().ok().and_then(|h| h.as_f64()).is_some_and(|h| f64::from(el.client_height()) > h);
    scroll_into_view(el, if center && !tall { "center" } else { "start" }, "nearest");
}

/// `el.scrollIntoView({block, inline})` (web-sys has the options behind a feature).
fn scroll_into_view(el: &web_sys::Element, block: &str, inline: &str) {
    let options = web_sys::js_sys::Object::new();
    let _ = web_sys::js_sys::Reflect::set(&options, &JsValue::from_str("block"), &JsValue::from_str(block));
    let _ = web_sys::js_sys::Reflect::set(&options, &JsValue::from_str("inline"), &JsValue::from_str(inline));
    match web_sys::js_sys::Reflect::get(el, &JsValue::from_str("scrollIntoView"))
        .ok()
        .and_then(|f| f.dyn_into::<web_sys::js_sys::Function>().ok())
    {
        Some(f) => drop(f.call1(el, &options)),
        None => el.scroll_into_view(),
    }
}

// ---- benchmark hooks -----------------------------------------------------------------------

/// `performance.mark(name)`: a point on the page's clock, for the benchmark (the app
/// marks "app-mounted" once it has taken over from the first paint).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn mark(name: &str) {
    if let Some(perf) = window().performance() {
        let _ = perf.mark(name);
    }
}

/// `performance.measure(name, {start, duration})`: a span of `duration` ms from
/// `start` on the page's clock, for the benchmark. (web-sys has this options
/// dictionary only behind its unstable flag.)
pub fn measure(name: &str, start: f64, duration: f64) {
    let Some(perf) = window().performance() else { return };
    let options = web_sys::js_sys::Object::new();
    let set = |key: &str, value: f64| {
        let _ = web_sys::js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_f64(value));
    };
    set("start", start);
    set("duration", duration);
    if let Ok(measure) = web_sys::js_sys::Reflect::get(&perf, &JsValue::from_str("measure")) {
        if let Ok(measure) = measure.dyn_into::<web_sys::js_sys::Function>() {
            let _ = measure.call2(&perf, &JsValue::from_str(name), &options);
        }
    }
}

/// `window.__mlEvaluations()`: how many times the project was evaluated since the
/// page loaded (`emissions_core::project::evaluations`). `scripts/bench.mjs`
/// reads it around each input change: one change, one evaluation.
pub fn expose_evaluation_count() {
    if !IN_BROWSER {
        return;
    }
    let count =
        wasm_bindgen::closure::Closure::<dyn Fn() -> f64>::new(|| emissions_core::project::evaluations() as f64);
    let _ = web_sys::js_sys::Reflect::set(&window(), &JsValue::from_str("__mlEvaluations"), count.as_ref());
    // The page keeps the function for its whole life.
    count.forget();
}
