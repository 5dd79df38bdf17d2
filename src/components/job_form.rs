use crate::components::compute_facts::ComputeFacts;
use crate::components::compute_fields::ComputeFields;
use crate::components::hardware_picker::HardwarePicker;
use crate::components::host_fields::HostFields;
use crate::components::lifetime_field::LifetimeField;
use crate::components::location_picker::LocationPicker;
use crate::components::measured_run::MeasuredRun;
use crate::components::number_field::NumberField;
use crate::components::pue_field::PueField;
use crate::components::requests_fields::RequestsFields;
use crate::components::segmented::{Choice, Segmented};
use crate::state::{use_app, Kind};
use emissions_core::fields::{self, FieldId};
use emissions_core::form::{DurationUnit, JobBy, NO_ACCELERATOR};
use leptos::prelude::*;

/// The calculator's form for the run shown: what it is estimated from, then the
/// hardware and time (or the requests), the location, the PUE and the host.
/// A measured run is shown as measured instead.
#[component]
pub fn JobForm() -> impl IntoView {
    let app = use_app();
    let kind = app.kind;
    let by_requests = Memo::new(move |_| kind.get() == Kind::Requests);
    let no_accelerator = app.form_slice(|f| f.hardware == NO_ACCELERATOR);
    let unit = app.field(FieldId::Unit);
    let job_by = app.form_slice(|f| f.job_by);
    // With no accelerator there is no compute: the job is its duration.
    let by_compute = Memo::new(move |_| !no_accelerator.get() && job_by.get() == JobBy::Compute);
    let heading = Memo::new(move |_| {
        app.project
            .with(|p| if p.len() > 1 { format!("Run: {}", p.active_run().label) } else { "Your job".to_string() })
    });
    view! {
        <form class="card inputs" aria-label="Job description" on:submit=|ev| ev.prevent_default()>
            <h2>{move || heading.get()}</h2>
            <MeasuredRun/>
            <Show when=move || kind.get() != Kind::Measured>
                <Segmented
                    name="run-kind"
                    aria_label="What to estimate from"
                    choices=vec![
                        Choice::new(false, "hardware", "Hardware and time"),
                        Choice::new(true, "requests", "Inference requests"),
                    ]
                    value=by_requests
                    on_change=Callback::new(move |on: bool| app.edit_run(|r| r.set_by_requests(on)))
                />
                <Show when=move || by_requests.get()>
                    <RequestsFields/>
                </Show>
                <Show when=move || !by_requests.get()>
                    <HardwarePicker/>
                    <Show when=move || !no_accelerator.get()>
                        <div class="row">
                            <NumberField id=FieldId::Devices/>
                            <NumberField id=FieldId::Utilization/>
                        </div>
                        <div class="job-by">
                            <p class="seg-label" aria-hidden="true">{fields::JOB_BY.label}</p>
                            <Segmented
                                name="job-by"
                                aria_label=fields::JOB_BY.label
                                choices=vec![
                                    Choice::new(JobBy::Time, JobBy::Time.key(), "Time"),
                                    Choice::new(JobBy::Compute, JobBy::Compute.key(), "Compute"),
                                ]
                                value=job_by
                                on_change=Callback::new(move |by: JobBy| app.set_field(FieldId::JobBy, by.key().to_string()))
                            />
                            <p class="help">{fields::JOB_BY.help}</p>
                        </div>
                    </Show>
                    <Show when=move || by_compute.get()>
                        <ComputeFields/>
                    </Show>
                    <Show when=move || !by_compute.get()>
                    <NumberField id=FieldId::Duration>
                        <select
                            class="unit-select"
                            aria-label="Duration unit"
                            prop:value=move || unit.get()
                            on:change=move |ev| app.set_field(FieldId::Unit, event_target_value(&ev))
                        >
                            <option value=DurationUnit::Hours.key()>"hours"</option>
                            <option value=DurationUnit::Days.key()>"days"</option>
                        </select>
                    </NumberField>
                    </Show>
                    <Show when=move || !no_accelerator.get()>
                        <ComputeFacts/>
                    </Show>
                </Show>
                <LocationPicker/>
                <PueField/>
                <Show when=move || !by_requests.get()>
                    <HostFields/>
                    <LifetimeField/>
                </Show>
            </Show>
        </form>
    }
}
