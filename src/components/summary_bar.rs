use crate::state::AppState;
use emissions_core::format;
use leptos::prelude::*;

/// On narrow screens the estimate sits below the form: this bar keeps the
/// headline number in view and jumps to the full estimate.
#[component]
pub fn SummaryBar(app: AppState) -> impl IntoView {
    let text = move || {
        app.result.with(|r| match r {
            Ok(job) => format!("{} CO2eq", format::mass_kg(job.estimate().emissions_kg.central)),
            Err(e) => format!("{} field(s) to fix", e.len()),
        })
    };
    view! {
        <a class="summary-bar" href="#results-title" aria-label=move || format!("Estimate: {}. Jump to the details.", text())>
            <span class="summary-value">{text}</span>
            <span class="summary-jump" aria-hidden="true">"Details ↓"</span>
        </a>
    }
}
