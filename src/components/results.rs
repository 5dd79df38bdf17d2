use crate::components::estimate::Estimate;
use crate::components::field_errors::FieldErrors;
use crate::components::outcome_summary::OutcomeSummary;
use crate::state::use_app;
use emissions_core::project::Detail;
use leptos::prelude::*;

/// Which view of the run shown the card holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Fields need attention.
    Errors,
    /// Estimated from hardware.
    Estimated,
    /// Measured or per-request.
    Summary,
}

/// The estimate of the run shown: its figure, range, factors with their
/// sources and equivalents, or the fields that need attention. The card is
/// rebuilt only when its shape changes; the numbers follow the outcome.
#[component]
pub fn Results() -> impl IntoView {
    let app = use_app();
    let shape = Memo::new(move |_| {
        app.outcome.with(|o| match o {
            Err(_) => Shape::Errors,
            Ok(o) if matches!(o.detail, Detail::Estimated { .. }) => Shape::Estimated,
            Ok(_) => Shape::Summary,
        })
    });
    view! {
        <section class="card results" aria-labelledby="results-title" aria-live="polite">
            <h2 id="results-title">"Estimate"</h2>
            {move || match shape.get() {
                Shape::Errors => view! { <FieldErrors/> }.into_any(),
                Shape::Estimated => view! { <Estimate/> }.into_any(),
                Shape::Summary => view! { <OutcomeSummary/> }.into_any(),
            }}
        </section>
    }
}
