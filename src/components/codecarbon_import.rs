use crate::browser;
use crate::state::use_app;
use emissions_core::codecarbon;
use emissions_core::project::Phase;
use emissions_core::text;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Files larger than this are refused before reading (about 100,000 rows).
const MAX_BYTES: f64 = 30_000_000.0;

/// Import CodeCarbon's emissions.csv into ledger runs: all rows or none. A fresh
/// default project is replaced by the import (`Project::import`).
#[component]
pub fn CodecarbonImport() -> impl IntoView {
    let app = use_app();
    let phase = RwSignal::new(Phase::Exploration);
    // (success, message)
    let message = RwSignal::new(None::<(bool, String)>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = browser::chosen_file(&ev) else { return };
        if file.size() > MAX_BYTES {
            message.set(Some((false, "The file is larger than 30 MB: split it first. Nothing was imported.".into())));
            return;
        }
        let name = file.name();
        let target_phase = phase.get_untracked();
        spawn_local(async move {
            let Some(text) = browser::file_text(&file).await else {
                message.set(Some((false, format!("{name} could not be read. Nothing was imported."))));
                return;
            };
            match codecarbon::parse_emissions_csv(&text, target_phase) {
                Ok(runs) => {
                    let n = runs.len();
                    app.import(runs);
                    message.set(Some((true, format!("Imported {} from {name}.", text::count(n, "run", "runs")))));
                }
                Err(e) => {
                    message.set(Some((false, format!("{name}: {e}. Nothing was imported; the ledger is unchanged."))))
                }
            }
        });
    };
    view! {
        <span class="import">
            <label class="chip file-chip">
                "Import CodeCarbon CSV"
                <input type="file" accept=".csv,text/csv" class="visually-hidden" data-testid="codecarbon-file" on:change=on_file/>
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
            <span
                class="import-message"
                role="status"
                aria-live="polite"
                data-testid="import-message"
                class:error=move || message.with(|m| matches!(m, Some((false, _))))
            >
                {move || message.get().map(|(_, m)| m)}
            </span>
        </span>
    }
}
