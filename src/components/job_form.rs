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
use emissions_core::fields::FieldId;
use emissions_core::form::{DurationUnit, NO_ACCELERATOR};
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
                    </Show>
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
