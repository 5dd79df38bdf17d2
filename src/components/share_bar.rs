//! Shareable, reproducible estimates. The whole project lives in the page
//! address (URL fragment, updated with `history.replaceState`, so the Back
//! button is not flooded) and in local storage; "Copy link" and "Reset".
//! The format and its total decoder are in the core (`emissions_core::permalink`,
//! see docs/permalinks.md). Text from a link or storage is only ever shown as
//! text nodes.

use crate::state::AppState;
use emissions_core::permalink::{self, Origin, STORAGE_KEY};
use emissions_core::project::Project;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsValue;

/// Projects with more runs than this are kept out of the address: a link of
/// thousands of runs would be megabytes long. The JSON export shares them.
const MAX_LINK_RUNS: usize = 500;
/// Small projects are written to the address and storage at once (it costs
/// microseconds, and a reload right after an edit must find it). Bigger ones
/// are written once typing pauses this long, or when the page is hidden, so a
/// keystroke never waits for a long encoding.
const WRITE_DELAY: Duration = Duration::from_millis(150);
const WRITE_AT_ONCE_RUNS: usize = 50;

/// Notices about a link or saved session that was not read exactly as made.
#[derive(Clone, PartialEq)]
struct Notice {
    heading: &'static str,
    items: Vec<String>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Copied,
    /// The clipboard refused: show the link to copy by hand.
    CopyFailed(String),
    /// Just reset: offer to undo.
    Reset,
    /// Too many runs for a link.
    TooBig(usize),
}

/// The URL fragment without `#`, if there is one.
fn current_hash() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let hash = hash.strip_prefix('#').unwrap_or(&hash);
    (!hash.trim().is_empty()).then(|| hash.to_string())
}

/// Local storage, when the browser allows it (it may be blocked or absent).
fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load_saved() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

/// Save the session, or forget it (`None`). Failures (quota, blocked) are ignored:
/// the page works the same without a saved session.
fn save(value: Option<&str>) {
    if let Some(s) = storage() {
        let _ = match value {
            Some(v) => s.set_item(STORAGE_KEY, v),
            None => s.remove_item(STORAGE_KEY),
        };
    }
}

/// Put the state in the address without adding a history entry.
fn set_hash(encoded: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{encoded}")));
    }
}

/// Remove the fragment from the address (the project is too big for a link).
fn clear_hash() {
    let href = window().location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default().to_string();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&base));
    }
}

/// This page's address with `encoded` as its fragment.
fn link_to(encoded: &str) -> String {
    let href = window().location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{encoded}")
}

#[component]
pub fn ShareBar(app: AppState) -> impl IntoView {
    let data = app.data;

    // Decode a link or saved session into the app; notices if it was not read exactly.
    let restore = move |text: &str, origin: Origin| -> Option<Notice> {
        let decoded = permalink::decode_from(text, data, origin);
        app.replace_project(decoded.project);
        (!decoded.notices.is_empty()).then_some(Notice {
            heading: match origin {
                Origin::Link => "About this link",
                Origin::Saved => "About your saved session",
            },
            items: decoded.notices,
        })
    };

    // Restore once, before the first write below: a link wins over the saved session.
    let initial = match current_hash() {
        Some(hash) => restore(&hash, Origin::Link),
        None => load_saved().and_then(|saved| restore(&saved, Origin::Saved)),
    };
    let notice = RwSignal::new(initial);
    let status = RwSignal::new(Status::Idle);
    let undo = StoredValue::new(None::<Project>);
    // What the address and storage hold now.
    let written = StoredValue::new(String::new());
    let copies = StoredValue::new(0u32);

    // The address (replaceState, never pushState) and the saved session follow every
    // change, written once typing pauses.
    let pending = StoredValue::new(0u64);
    let write_now = move || {
        pending.set_value(0);
        let runs = app.project.with_untracked(|p| p.runs.len());
        if runs > MAX_LINK_RUNS {
            clear_hash();
            if !matches!(status.get_untracked(), Status::TooBig(_)) {
                status.set(Status::TooBig(runs));
            }
            let encoded = app.project.with_untracked(|p| permalink::encode(p, data));
            // A few MB at most: beyond that the browser would refuse it anyway.
            save((encoded.len() < 4_000_000).then_some(encoded.as_str()));
            written.set_value(String::new());
            return;
        }
        if matches!(status.get_untracked(), Status::TooBig(_)) {
            status.set(Status::Idle);
        }
        let (encoded, is_default) =
            app.project.with_untracked(|p| (permalink::encode(p, data), *p == Project::default()));
        if written.with_value(|w| *w == encoded) {
            return;
        }
        set_hash(&encoded);
        save((!is_default).then_some(encoded.as_str()));
        written.set_value(encoded);
        if !is_default && status.get_untracked() == Status::Reset {
            status.set(Status::Idle);
            undo.set_value(None);
        }
    };
    Effect::new(move |_| {
        if app.project.with(|p| p.runs.len()) <= WRITE_AT_ONCE_RUNS {
            write_now();
            return;
        }
        // A big project never leaves a stale link behind (a reload would reopen it).
        if current_hash().is_some() {
            clear_hash();
        }
        let generation = pending.get_value().wrapping_add(1).max(1);
        pending.set_value(generation);
        set_timeout(
            move || {
                if pending.try_get_value() == Some(generation) {
                    write_now();
                }
            },
            WRITE_DELAY,
        );
    });
    // Leaving or reloading the page flushes a pending write.
    let flush = window_event_listener(leptos::ev::pagehide, move |_| {
        if pending.get_value() != 0 {
            write_now();
        }
    });
    on_cleanup(move || flush.remove());

    // A link typed or pasted into the address bar of the open page.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        if let Some(hash) = current_hash() {
            if written.with_value(|w| *w != hash) {
                notice.set(restore(&hash, Origin::Link));
                status.set(Status::Idle);
            }
        }
    });
    on_cleanup(move || listener.remove());

    let copy = move |_| {
        let runs = app.project.with_untracked(|p| p.runs.len());
        if runs > MAX_LINK_RUNS {
            status.set(Status::TooBig(runs));
            return;
        }
        let link = link_to(&app.project.with_untracked(|p| permalink::encode(p, data)));
        let clipboard = window().navigator().clipboard();
        if JsValue::from(clipboard.clone()).is_undefined() {
            status.set(Status::CopyFailed(link));
            return;
        }
        let promise = clipboard.write_text(&link);
        copies.update_value(|c| *c += 1);
        let this_copy = copies.get_value();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => {
                    status.set(Status::Copied);
                    set_timeout(
                        move || {
                            if copies.try_get_value() == Some(this_copy) && status.get_untracked() == Status::Copied {
                                status.set(Status::Idle);
                            }
                        },
                        Duration::from_secs(4),
                    );
                }
                Err(_) => status.set(Status::CopyFailed(link)),
            }
        });
    };

    let reset = move |_| {
        undo.set_value(Some(app.project.get_untracked()));
        app.replace_project(Project::default());
        save(None);
        notice.set(None);
        status.set(Status::Reset);
    };
    let undo_reset = move |_| {
        if let Some(p) = undo.try_update_value(|u| u.take()).flatten() {
            app.replace_project(p);
        }
        status.set(Status::Idle);
    };

    let hint = if storage().is_some() {
        "Your inputs are kept in this page's address and in this browser."
    } else {
        "Your inputs are kept in this page's address (this browser does not allow saving them)."
    };
    let status_view = move || {
        match status.get() {
        Status::Idle => view! { <span class="share-hint">{hint}</span> }.into_any(),
        Status::Copied => view! { <strong class="share-done">"Link copied"</strong> }.into_any(),
        Status::CopyFailed(_) => view! {
            <span class="share-failed">"The link could not be copied: select it below and copy it."</span>
        }
        .into_any(),
        Status::TooBig(n) => view! {
            <span class="share-failed">
                {format!(
                    "This project has {} runs, too many for a link: share it with the JSON export of the statement panel. It is still saved in this browser.",
                    emissions_core::format::plain(n as f64)
                )}
            </span>
        }
        .into_any(),
        Status::Reset => view! {
            <span>
                "Reset to the defaults. "
                <button type="button" class="button share-undo" on:click=undo_reset>"Undo"</button>
            </span>
        }
        .into_any(),
    }
    };
    let failed_link = move || match status.get() {
        Status::CopyFailed(link) => Some(view! {
            <input
                class="share-link"
                type="text"
                readonly
                aria-label="Link to this estimate"
                prop:value=link
                on:focus=|ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    input.select();
                }
            />
        }),
        _ => None,
    };
    let notice_view = move || {
        notice.get().map(|n| {
            view! {
                <div class="share-notice">
                    <p class="share-notice-heading">
                        <strong>{n.heading}</strong>
                    </p>
                    <ul>{n.items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
                    <button type="button" class="button" on:click=move |_| notice.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    };

    view! {
        <section class="share-bar" aria-label="Share and save">
            <div class="share-row">
                <button type="button" class="button share-copy" on:click=copy>
                    "Copy link"
                </button>
                <button type="button" class="button share-reset" on:click=reset>
                    "Reset"
                </button>
                <p class="share-status" role="status" aria-live="polite">
                    {status_view}
                </p>
            </div>
            {failed_link}
            <div class="share-notices" aria-live="polite">
                {notice_view}
            </div>
        </section>
    }
}
