use crate::browser;
use crate::state::use_app;
use emissions_core::codecarbon::{self, ImportOptions, SourceFile};
use emissions_core::export::MAX_RUNS;
use emissions_core::fields;
use emissions_core::project::Phase;
use emissions_core::text;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Files larger than this are refused before reading (about 100,000 rows).
const MAX_BYTES: f64 = 30_000_000.0;

/// What the last import said.
#[derive(Clone, PartialEq)]
enum Message {
    Done(String),
    Failed(String),
}

/// Import CodeCarbon's emissions.csv files as CodeCarbon measured them: one run
/// per run_id, rows without values skipped and reported, the file's PUE kept
/// (and, when asked, a data centre's PUE applied to runs recorded at 1.0). A
/// fresh default project is replaced by the import (`Project::import`).
#[component]
pub fn CodecarbonImport() -> impl IntoView {
    let app = use_app();
    let phase = RwSignal::new(Phase::Exploration);
    let apply = RwSignal::new(false);
    // The PUE proposed for runs recorded at PUE 1.0: the run shown's.
    let run_pue = Memo::new(move |_| app.job().get().map(|j| j.pue.value));
    let typed_pue = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Message>);
    let on_files = move |ev: leptos::ev::Event| {
        let files = browser::chosen_files(&ev);
        if files.is_empty() {
            return;
        }
        if let Some(big) = files.iter().find(|f| f.size() > MAX_BYTES) {
            let name = big.name();
            message.set(Some(Message::Failed(format!(
                "{name} is larger than 30 MB: split it first. Nothing was imported."
            ))));
            return;
        }
        let apply_pue = if apply.get_untracked() {
            let raw = typed_pue.get_untracked();
            let raw = if raw.trim().is_empty() {
                run_pue.get_untracked().map(|p| p.to_string()).unwrap_or_default()
            } else {
                raw
            };
            match fields::PUE.parse(&raw) {
                Ok(p) => Some(p),
                Err(m) => {
                    message.set(Some(Message::Failed(format!("PUE to apply: {m} Nothing was imported."))));
                    return;
                }
            }
        } else {
            None
        };
        let options = ImportOptions { phase: phase.get_untracked(), apply_pue };
        spawn_local(async move {
            let mut texts: Vec<(String, String)> = Vec::with_capacity(files.len());
            for file in &files {
                let name = file.name();
                let Some(text) = browser::file_text(file).await else {
                    message.set(Some(Message::Failed(format!("{name} could not be read. Nothing was imported."))));
                    return;
                };
                texts.push((name, text));
            }
            let sources: Vec<SourceFile> = texts.iter().map(|(name, text)| SourceFile { name, text }).collect();
            match codecarbon::import_files(&sources, &options) {
                Ok(report) => {
                    let fresh = app.project.with_untracked(|p| p.is_fresh());
                    let held = if fresh { 0 } else { app.run_count.get_untracked() };
                    if held + report.runs.len() > MAX_RUNS {
                        message.set(Some(Message::Failed(format!(
                            "{} would make {} runs; a project holds at most {}. Nothing was imported.",
                            text::count(report.runs.len(), "run", "runs"),
                            text::count(held + report.runs.len(), "run", "runs"),
                            text::count(MAX_RUNS, "run", "runs"),
                        ))));
                        return;
                    }
                    let mut said = format!("{}.", text::capitalize(&report.summary()));
                    for w in report.warnings.iter().take(3) {
                        said.push(' ');
                        said.push_str(&text::capitalize(&w.message));
                        if !said.ends_with('.') {
                            said.push('.');
                        }
                    }
                    app.import(report.runs);
                    message.set(Some(Message::Done(said)));
                }
                Err(e) => {
                    message.set(Some(Message::Failed(format!("{e}. Nothing was imported; the ledger is unchanged."))))
                }
            }
        });
    };
    view! {
        <span class="import">
            <label class="chip file-chip">
                "Import CodeCarbon CSV"
                <input
                    type="file"
                    multiple=true
                    accept=".csv,text/csv"
                    class="visually-hidden"
                    data-testid="codecarbon-file"
                    on:change=on_files
                />
            </label>
            <label class="inline-select">
                <span class="visually-hidden">"Phase for imported runs"</span>
                <select
                    aria-label="Phase for imported runs"
                    prop:value=move || phase.get().key()
                    on:change=move |ev| {
                        if let Some(p) = Phase::from_key(&event_target_value(&ev)) {
                            phase.set(p)
                        }
                    }
                >
                    {Phase::ALL
                        .into_iter()
                        .map(|ph| view! { <option value=ph.key()>{format!("as {}", ph.label().to_lowercase())}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="inline-check">
                <input type="checkbox" data-testid="apply-pue" prop:checked=move || apply.get() on:change=move |ev| apply.set(event_target_checked(&ev))/>
                " apply a PUE of "
                <input
                    type="text"
                    inputmode="decimal"
                    class="cell-input narrow"
                    aria-label="PUE to apply to runs CodeCarbon recorded at PUE 1.0"
                    placeholder=move || run_pue.get().map(emissions_core::format::plain).unwrap_or_default()
                    prop:value=move || typed_pue.get()
                    on:input=move |ev| typed_pue.set(event_target_value(&ev))
                />
                " to runs CodeCarbon recorded at PUE 1.0"
            </label>
            <span
                class="import-message"
                role="status"
                aria-live="polite"
                data-testid="import-message"
                class:error=move || message.with(|m| matches!(m, Some(Message::Failed(_))))
            >
                {move || message.get().map(|m| match m {
                    Message::Done(s) | Message::Failed(s) => s,
                })}
            </span>
        </span>
    }
}
