//! Import of a JSON export (file or pasted text): restores the exact project.
//! A file that cannot be read leaves the current inputs untouched and says why,
//! inline. The parsing and every check are in the core (`export::import_json`).

use crate::browser;
use crate::state::use_app;
use emissions_core::{export, text};
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
enum Outcome {
    Restored { what: String, notes: Vec<String> },
    Failed(String),
}

#[component]
pub fn StatementImport() -> impl IntoView {
    let app = use_app();
    let pasted = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);

    let apply = move |text: &str, from: String| match export::import_json(text) {
        Ok(imported) => {
            let runs = imported.project.len();
            let name = imported.project.name.trim().to_string();
            let what = format!(
                "Restored {}{from}: {}.",
                if name.is_empty() { String::new() } else { format!("“{name}” from ") },
                text::count(runs, "run", "runs")
            );
            app.replace_project(imported.project);
            pasted.set(String::new());
            outcome.set(Some(Outcome::Restored { what, notes: imported.notes }));
        }
        Err(e) => outcome.set(Some(Outcome::Failed(format!(
            "{} was not imported: {e} Nothing was changed.",
            text::capitalize(&from)
        )))),
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = browser::chosen_file(&ev) else { return };
        let name = format!("“{}”", file.name());
        if file.size() > export::MAX_IMPORT_BYTES as f64 {
            outcome.set(Some(Outcome::Failed(format!(
                "{name} is too large ({} kB): an export of this calculator is at most {} kB. Nothing was changed.",
                (file.size() / 1000.0).round(),
                export::MAX_IMPORT_BYTES / 1000
            ))));
            return;
        }
        leptos::task::spawn_local(async move {
            match browser::file_text(&file).await {
                Some(text) => apply(&text, name),
                None => outcome
                    .set(Some(Outcome::Failed(format!("{name} could not be read as text. Nothing was changed.")))),
            }
        });
    };

    let on_paste_import = move |_| {
        let text = pasted.get_untracked();
        apply(&text, "the pasted export".into());
    };

    let message = move || {
        outcome.get().map(|o| match o {
            Outcome::Restored { what, notes } => view! {
                <div class="statement-import-done" data-testid="statement-import-done">
                    <p>{what}</p>
                    {notes.into_iter().map(|n| view! { <p class="help">{n}</p> }).collect_view()}
                </div>
            }
            .into_any(),
            Outcome::Failed(msg) => view! {
                <p class="error statement-import-error" role="alert" data-testid="statement-import-error">{msg}</p>
            }
            .into_any(),
        })
    };

    view! {
        <div class="statement-import">
            <h3>"Restore from a JSON export"</h3>
            <p class="help">
                "A JSON export (from this page or the ml-emissions command-line tool) holds every input as entered: importing it restores the same project and numbers."
            </p>
            <div class="statement-import-row">
                <label class="button statement-file">
                    "Choose a .json file…"
                    <input
                        class="statement-file-input"
                        type="file"
                        accept=".json,application/json"
                        data-testid="statement-import-file"
                        on:change=on_file
                    />
                </label>
            </div>
            <div class="field">
                <label for="statement-import-text">"Or paste an export"</label>
                <textarea
                    id="statement-import-text"
                    class="statement-import-text"
                    rows="3"
                    spellcheck="false"
                    data-testid="statement-import-text"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                ></textarea>
            </div>
            <button
                type="button"
                class="button"
                data-testid="statement-import-button"
                disabled=move || pasted.with(|t| t.trim().is_empty())
                on:click=on_paste_import
            >
                "Import pasted export"
            </button>
            <div aria-live="polite">{message}</div>
        </div>
    }
}
