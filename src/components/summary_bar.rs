use crate::browser;
use crate::state::use_app;
use emissions_core::format;
use leptos::prelude::*;

/// On narrow screens the estimate sits below the form: this bar keeps the
/// headline number in view and jumps to the full estimate.
#[component]
pub fn SummaryBar() -> impl IntoView {
    let app = use_app();
    let include = app.include_embodied();
    let text = Memo::new(move |_| {
        let include = include.get();
        app.outcome.with(|o| match o {
            Ok(o) => format!(
                "{} CO2eq{}",
                format::mass_kg(o.headline_kg(include).central),
                if include && o.embodied.is_some() { " incl. manufacturing" } else { "" }
            ),
            Err(e) => format!("{} field(s) to fix", e.len()),
        })
    });
    view! {
        // A real link to the estimate, followed here without a change of address:
        // `#results-title` in the address would be read as a (damaged) project link.
        <a
            class="summary-bar"
            href="#results-title"
            on:click=move |ev| {
                ev.prevent_default();
                browser::jump_to("results-title");
            }
            aria-label=move || format!("Estimate: {}. Jump to the details.", text.get())>
            <span class="summary-value">{move || text.get()}</span>
            <span class="summary-jump" aria-hidden="true">"Details ↓"</span>
        </a>
    }
}
