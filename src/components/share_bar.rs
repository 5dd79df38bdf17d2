//! Shareable, reproducible estimates. The whole project lives in the page
//! address (URL fragment, updated with `history.replaceState`, so the Back
//! button is not flooded) and in local storage; "Copy link" and "Reset".
//! The project the page opened with was read before anything was drawn
//! (`crate::session`); this keeps the address and storage following it, and
//! applies a link pasted into the address bar of the open page. Text from a
//! link or storage is only ever shown as text nodes.

use crate::browser::{self, Latest};
use crate::session::{self, Notice};
use crate::state::use_app;
use emissions_core::permalink::{self, Origin};
use emissions_core::project::Project;
use leptos::prelude::*;
use std::time::Duration;

/// Projects with more runs than this are kept out of the address: a link of
/// thousands of runs would be megabytes long. The JSON export shares them.
const MAX_LINK_RUNS: usize = 500;
/// Small projects are written to the address and storage right after the page
/// has updated (in the next task: `history.replaceState` and `localStorage`
/// take a millisecond or two each, which a keystroke need not wait for), bigger
/// ones once typing pauses this long, so a keystroke never waits for a long
/// encoding. Hiding or leaving the page writes at once, so a reload right after
/// an edit finds it.
const WRITE_DELAY: Duration = Duration::from_millis(150);
const WRITE_SOON_RUNS: usize = 50;
/// A saved session larger than this is not kept: the browser would refuse it anyway.
const MAX_SAVED_BYTES: usize = 4_000_000;
/// How long "Link copied" stays.
const COPIED_FOR: Duration = Duration::from_secs(4);

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

/// `notice`: what was not read exactly in the link or saved session the page opened.
#[component]
pub fn ShareBar(notice: Option<Notice>) -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let notice = RwSignal::new(notice);
    let status = RwSignal::new(Status::Idle);
    let undo = StoredValue::new(None::<Project>);
    // What the address and storage hold now.
    let written = StoredValue::new(String::new());
    let pending_write = Latest::new();
    let copied_message = Latest::new();

    let write_now = move || {
        pending_write.cancel();
        let runs = app.project.with_untracked(Project::len);
        if runs > MAX_LINK_RUNS {
            browser::clear_hash();
            if !matches!(status.get_untracked(), Status::TooBig(_)) {
                status.set(Status::TooBig(runs));
            }
            let encoded = app.project.with_untracked(|p| permalink::encode(p, data));
            session::save((encoded.len() < MAX_SAVED_BYTES).then_some(encoded.as_str()));
            written.set_value(String::new());
            return;
        }
        if matches!(status.get_untracked(), Status::TooBig(_)) {
            status.set(Status::Idle);
        }
        let (encoded, fresh) = app.project.with_untracked(|p| (permalink::encode(p, data), p.is_fresh()));
        if written.with_value(|w| *w == encoded) {
            return;
        }
        browser::set_hash(&encoded);
        session::save((!fresh).then_some(encoded.as_str()));
        written.set_value(encoded);
        if !fresh && status.get_untracked() == Status::Reset {
            status.set(Status::Idle);
            undo.set_value(None);
        }
    };
    // The address and the saved session follow every change of the project.
    Effect::new(move |_| {
        if app.project.with(Project::len) <= WRITE_SOON_RUNS {
            pending_write.later(Duration::ZERO, write_now);
            return;
        }
        // A big project never leaves a stale link behind (a reload would reopen it).
        if browser::current_hash().is_some() {
            browser::clear_hash();
        }
        pending_write.later(WRITE_DELAY, write_now);
    });
    // Leaving or reloading the page flushes a pending write.
    browser::on_window_event(leptos::ev::pagehide, move |_| {
        if pending_write.is_pending() {
            write_now();
        }
    });

    // A link typed or pasted into the address bar of the open page.
    browser::on_window_event(leptos::ev::hashchange, move |_| {
        if let Some(hash) = browser::current_hash() {
            if written.with_value(|w| *w != hash) {
                let (project, n) = session::decode(&hash, Origin::Link, data);
                app.replace_project(project);
                notice.set(n);
                status.set(Status::Idle);
            }
        }
    });

    let copy = move |_| {
        let runs = app.project.with_untracked(Project::len);
        if runs > MAX_LINK_RUNS {
            status.set(Status::TooBig(runs));
            return;
        }
        let link = browser::link_to(&app.project.with_untracked(|p| permalink::encode(p, data)));
        copied_message.cancel();
        leptos::task::spawn_local(async move {
            if browser::copy_text(&link, None).await {
                status.set(Status::Copied);
                copied_message.later(COPIED_FOR, move || {
                    if status.get_untracked() == Status::Copied {
                        status.set(Status::Idle);
                    }
                });
            } else {
                status.set(Status::CopyFailed(link));
            }
        });
    };

    let reset = move |_| {
        undo.set_value(Some(app.project.get_untracked()));
        app.replace_project(Project::default());
        session::save(None);
        notice.set(None);
        status.set(Status::Reset);
    };
    let undo_reset = move |_| {
        if let Some(p) = undo.try_update_value(Option::take).flatten() {
            app.replace_project(p);
        }
        status.set(Status::Idle);
    };

    let hint = if browser::storage_available() {
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
