//! The emissions statement, ready for a paper, a model card or a report, in
//! every format the core renders (LaTeX, Markdown, plain text, Hugging Face
//! YAML, JSON, BibTeX). Each can be copied (clipboard, with a fallback) and
//! downloaded, with visible, announced feedback. Import of a JSON export is
//! in `statement_import`.

use crate::browser::{self, Latest};
use crate::components::segmented::{Choice, Segmented};
use crate::components::statement_import::StatementImport;
use crate::state::use_app;
use emissions_core::output::{self, Destination, Format};
use emissions_core::statement::latex;
use leptos::prelude::*;
use std::time::Duration;

const TEXT_ID: &str = "statement-text";
/// How long a feedback message stays.
const FEEDBACK_FOR: Duration = Duration::from_secs(6);

#[derive(Clone, Copy, PartialEq)]
enum Feedback {
    Idle,
    Copied(Format),
    /// Neither the clipboard API nor the fallback worked: the text is selected.
    CopyFailed,
    Downloaded(Format),
    DownloadFailed,
}

/// What the copied text is, for the feedback message.
fn tab_id(f: Format) -> String {
    format!("statement-tab-{}", f.key())
}

#[component]
pub fn StatementPanel() -> impl IntoView {
    let app = use_app();
    let feedback = RwSignal::new(Feedback::Idle);
    let selected = RwSignal::new(Format::Latex);
    let destination = Memo::new(move |_| Destination::of(selected.get()));
    // Choosing a destination shows its first format.
    let choose = Callback::new(move |d: Destination| {
        if d != destination.get_untracked() {
            selected.set(d.formats()[0]);
            feedback.set(Feedback::Idle);
        }
    });
    // From the evaluated totals: rendering a statement evaluates nothing again.
    let rendered = Memo::new(move |_| {
        let f = selected.get();
        app.project.with(|p| app.totals.with(|t| output::render(f, p, t).map_err(|e| e.to_string())))
    });
    let clear_feedback = Latest::new();

    // Show feedback, and clear it a few seconds later unless another action came.
    let show = move |fb: Feedback| {
        feedback.set(fb);
        clear_feedback.later(FEEDBACK_FOR, move || feedback.set(Feedback::Idle));
    };

    let copy = move |_| {
        let f = selected.get_untracked();
        let Ok(text) = rendered.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let ok = browser::copy_text(&text, Some(TEXT_ID)).await;
            show(if ok { Feedback::Copied(f) } else { Feedback::CopyFailed });
        });
    };

    let save = move |_| {
        let f = selected.get_untracked();
        let Ok(text) = rendered.get_untracked() else { return };
        show(match browser::download(&text, f.file_name(), f.mime()) {
            Ok(()) => Feedback::Downloaded(f),
            Err(_) => Feedback::DownloadFailed,
        });
    };

    // Arrow keys, Home and End move between the destination's tabs (WAI-ARIA tabs pattern).
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let formats = destination.get_untracked().formats();
        let i = formats.iter().position(|f| *f == selected.get_untracked()).unwrap_or(0);
        let n = formats.len();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (i + 1) % n,
            "ArrowLeft" | "ArrowUp" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        let f = formats[next];
        selected.set(f);
        feedback.set(Feedback::Idle);
        browser::focus(&tab_id(f));
    };

    let tabs = move || {
        destination
            .get()
            .formats()
            .iter()
            .copied()
            .map(|f| {
                let is = move || selected.get() == f;
                view! {
                    <button
                        type="button"
                        role="tab"
                        class="statement-tab"
                        id=tab_id(f)
                        data-format=f.key()
                        aria-controls="statement-tabpanel"
                        aria-selected=move || if is() { "true" } else { "false" }
                        tabindex=move || if is() { "0" } else { "-1" }
                        on:click=move |_| {
                            selected.set(f);
                            feedback.set(Feedback::Idle);
                        }
                    >
                        {f.label()}
                    </button>
                }
            })
            .collect_view()
    };

    let message = move || match feedback.get() {
        Feedback::Idle => String::new(),
        Feedback::Copied(f) => format!("Copied {} to the clipboard.", f.description()),
        Feedback::CopyFailed => {
            "The clipboard is not available here: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.".into()
        }
        Feedback::Downloaded(f) => format!("Downloaded {}.", f.file_name()),
        Feedback::DownloadFailed => "The download could not start: copy the text instead.".into(),
    };
    let failed = move || matches!(feedback.get(), Feedback::CopyFailed | Feedback::DownloadFailed);
    let unavailable = move || rendered.with(|r| r.is_err());
    let rows = move || rendered.with(|r| r.as_ref().map(|t| t.lines().count().clamp(4, 18) + 1).unwrap_or(4));

    view! {
        <section class="card statement" aria-labelledby="statement-title">
            <h2 id="statement-title">"Emissions statement"</h2>
            <p class="help statement-intro">
                "For a paper (its paragraph, BibTeX, a table of runs, the NeurIPS and ACL checklist items), a model card (Hugging Face, climate performance card) or a report (EU AI Act energy and compute items, BoAmps): hardware, hours, power, PUE and grid intensity with their sources and years, energy, emissions with their range, and the data version. "
                "Emissions are location-based (the average intensity of the grid where the job ran); a provider's carbon-free energy share is a market-based figure, stated apart and never subtracted."
            </p>
            <Segmented
                name="statement-destination"
                aria_label="Where the text goes"
                choices=Destination::ALL.into_iter().map(|d| Choice::new(d, d.key(), d.label())).collect()
                value=destination
                on_change=choose
            />
            <div class="statement-tabs" role="tablist" aria-label="Format" on:keydown=on_key>
                {tabs}
            </div>
            <div
                class="statement-tabpanel"
                id="statement-tabpanel"
                role="tabpanel"
                aria-labelledby=move || tab_id(selected.get())
            >
                <p class="help statement-what" data-testid="statement-what">{move || capitalised(selected.get().description())}</p>
                <Show when=move || selected.get() == Format::Latex>
                    <div class="statement-packages">
                        <p>"Packages it needs in the preamble (the BibTeX tab has the entries it cites):"</p>
                        <pre data-testid="statement-packages">{latex::packages()}</pre>
                    </div>
                </Show>
                {move || match rendered.get() {
                    Ok(text) => view! {
                        <textarea
                            id=TEXT_ID
                            class="statement-text"
                            data-testid="statement-text"
                            readonly
                            spellcheck="false"
                            rows=rows
                            aria-label=move || format!("{} statement", selected.get().label())
                            prop:value=text
                        ></textarea>
                    }
                    .into_any(),
                    Err(msg) => view! {
                        <p class="statement-empty" data-testid="statement-empty">
                            {msg} " The JSON export is available: it saves the inputs as they are."
                        </p>
                    }
                    .into_any(),
                }}
                <div class="statement-actions">
                    <button type="button" class="button statement-copy" data-testid="statement-copy" on:click=copy disabled=unavailable>
                        "Copy"
                    </button>
                    <button type="button" class="button statement-download" data-testid="statement-download" on:click=save disabled=unavailable>
                        {move || format!("Download {}", selected.get().file_name())}
                    </button>
                    <p class="statement-feedback" class:error=failed role="status" aria-live="polite" data-testid="statement-feedback">
                        {message}
                    </p>
                </div>
            </div>
            <StatementImport/>
        </section>
    }
}

/// "The NeurIPS checklist answer" from "the NeurIPS checklist answer".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
