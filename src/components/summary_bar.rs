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
            // A run of several similar ones: their total, as the ledger shows it.
            Ok(o) if o.repeat > 1 => format!(
                "{} CO2eq{} · {} runs",
                format::mass_kg(o.total_kg(include).central),
                if include && o.embodied.is_some() { " incl. manufacturing" } else { "" },
                o.repeat
            ),
            Ok(o) => format!(
                "{} CO2eq{}",
                format::mass_kg(o.headline_kg(include).central),
                if include && o.embodied.is_some() { " incl. manufacturing" } else { "" }
            ),
            Err(e) => format!("{} field(s) to fix", e.len()),
        })
    });
    view! {
        // A landmark of its own: the bar sits outside <main>, after it.
        <aside class="summary-bar" aria-label="Estimate summary">
            // Its name is its text ("Estimate: 3.82 kg CO2eq. Details"), so what is read is what is
            // shown. A real link to the estimate, followed here without a change of address:
            // `#results-title` in the address would be read as a (damaged) project link.
            <a
                class="summary-link"
                href="#results-title"
                on:click=move |ev| {
                    ev.prevent_default();
                    browser::jump_to("results-title");
                }
            >
                <span class="summary-value"><span class="visually-hidden">"Estimate: "</span>{move || text.get()}<span class="visually-hidden">"."</span></span>
                <span class="summary-jump">"Details"<span aria-hidden="true">" ↓"</span></span>
            </a>
        </aside>
    }
}
