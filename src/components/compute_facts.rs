use crate::components::compute_assumptions::ComputeAssumptions;
use crate::components::source_link::SourceLink;
use crate::state::use_app;
use emissions_core::catalog;
use emissions_core::fields::FieldId;
use emissions_core::form::JobBy;
use leptos::prelude::*;

/// What the job's compute comes to, under its inputs: by compute, the FLOPs,
/// device-hours and wall-clock hours on the devices entered, with the MFU's
/// range; by time, the FLOPs the hours performed (when the device's peak is
/// known), with the MFU and precision folded under it. The words are the
/// core's (`catalog::compute_facts`).
#[component]
pub fn ComputeFacts() -> impl IntoView {
    let app = use_app();
    let job = app.job();
    let precision = app.form_slice(|f| f.precision);
    let by_time = app.form_slice(|f| f.job_by == JobBy::Time);
    let line = Memo::new(move |_| job.with(|j| j.as_ref().map(|j| catalog::compute_facts(j, precision.get()))));
    let source = move || {
        job.with(|j| j.as_ref()?.compute.as_ref()?.peak.source.clone())
            .map(|s| view! { " Peak: " <SourceLink source=s/> })
    };
    // A message on a folded field opens the fold (the user closes it again).
    let errors = [FieldId::Mfu, FieldId::Precision, FieldId::CustomTflops].map(|id| app.error(id));
    let fold = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        if errors.iter().any(|e| e.with(Option::is_some)) {
            if let Some(el) = fold.get() {
                el.set_open(true);
            }
        }
    });
    view! {
        <Show when=move || line.with(|l| l.as_ref().is_some_and(|l| !l.is_empty()))>
            <p class="factor compute-facts" data-testid="compute-facts">
                {move || line.get().unwrap_or_default()}
                {source}
            </p>
        </Show>
        <Show when=move || by_time.get()>
            <details class="compute-more" node_ref=fold>
                <summary>"MFU and precision, for the FLOPs"</summary>
                <ComputeAssumptions/>
            </details>
        </Show>
    }
}
