use crate::state::AppState;
use emissions_core::codecarbon;
use emissions_core::project::Phase;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Files larger than this are refused before reading (about 100,000 rows).
const MAX_BYTES: f64 = 30_000_000.0;

/// Import CodeCarbon's emissions.csv into ledger runs: all rows or none.
#[component]
pub fn CodecarbonImport(app: AppState) -> impl IntoView {
    let (phase, set_phase) = signal(Phase::Exploration);
    let (message, set_message) = signal(None::<(bool, String)>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        if file.size() > MAX_BYTES {
            set_message
                .set(Some((false, "The file is larger than 30 MB: split it first. Nothing was imported.".into())));
            return;
        }
        let name = file.name();
        let target_phase = phase.get_untracked();
        spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => v.as_string().unwrap_or_default(),
                Err(_) => {
                    set_message.set(Some((false, format!("{name} could not be read. Nothing was imported."))));
                    return;
                }
            };
            match codecarbon::parse_emissions_csv(&text, target_phase) {
                Ok(runs) => {
                    let n = runs.len();
                    app.project.update(|p| {
                        // A fresh single default run is replaced rather than kept beside the import.
                        if p.runs.len() == 1 && p.runs[0] == emissions_core::project::Run::default() {
                            p.runs.clear();
                            p.active = 0;
                        }
                        p.runs.extend(runs);
                    });
                    let p = app.project.get_untracked().normalized();
                    app.replace_project(p);
                    set_message.set(Some((
                        true,
                        format!(
                            "Imported {} run{} from {name}.",
                            emissions_core::format::plain(n as f64),
                            if n == 1 { "" } else { "s" }
                        ),
                    )));
                }
                Err(e) => set_message
                    .set(Some((false, format!("{name}: {e}. Nothing was imported; the ledger is unchanged.")))),
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
                <select aria-label="Phase for imported runs" on:change=move |ev| {
                    if let Some(p) = Phase::from_key(&event_target_value(&ev)) { set_phase.set(p) }
                }>
                    {Phase::ALL.into_iter().map(|ph| view! {
                        <option value=ph.key() prop:selected=ph == Phase::Exploration>{format!("as {}", ph.label().to_lowercase())}</option>
                    }).collect_view()}
                </select>
            </label>
            <span class="import-message" role="status" aria-live="polite" data-testid="import-message"
                class:error=move || message.with(|m| matches!(m, Some((false, _))))>
                {move || message.get().map(|(_, m)| m)}
            </span>
        </span>
    }
}
