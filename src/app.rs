//! The calculator page: owns the state signal and lays out the components.

use crate::components::{
    hardware_picker::HardwarePicker, host_fields::HostFields, ledger::Ledger, location_picker::LocationPicker,
    measured_run::MeasuredRun, number_field::NumberField, pue_field::PueField, region_comparison::RegionComparison,
    requests_fields::RequestsFields, results::Results, share_bar::ShareBar, statement_panel::StatementPanel,
    summary_bar::SummaryBar, update_notice::UpdateNotice,
};
use crate::state::AppState;
use emissions_core::data::Dataset;
use emissions_core::fields;
use emissions_core::form::{DurationUnit, NO_ACCELERATOR};
use emissions_core::project::{PerRequest, Project};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    match Dataset::embedded() {
        Ok(data) => view! { <Calculator data=data/> }.into_any(),
        Err(e) => view! {
            <main class="fatal" role="alert">
                <h1>"The factor tables could not be loaded"</h1>
                <p>{e.to_string()}</p>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn Calculator(data: &'static Dataset) -> impl IntoView {
    let app = AppState::new(data, Project::default());
    // The form and the estimate paint first; the comparison and the statement,
    // below the fold, mount just after that first paint.
    let below_fold = RwSignal::new(false);
    request_animation_frame(move || set_timeout(move || below_fold.set(true), std::time::Duration::ZERO));
    let state = app.form;
    let result = app.result;
    let no_accelerator = move || state.with(|s| s.hardware == NO_ACCELERATOR);
    let measured = move || app.active_run.with(|r| r.measured.is_some());
    let by_requests = move || app.active_run.with(|r| r.per_request.is_some());
    let set_by_requests = move |on: bool| {
        app.update_active(|r| {
            r.per_request = if on {
                Some(r.per_request.clone().unwrap_or(PerRequest {
                    requests: fields::REQUESTS.default.into(),
                    wh_per_request: fields::WH_PER_REQUEST.default.into(),
                    basis: String::new(),
                }))
            } else {
                None
            };
        })
    };

    view! {
        <div class="page" data-app-ready="">
            <UpdateNotice app=app/>
            <header class="masthead">
                <div class="masthead-inner">
                    <h1>"ML Emissions Calculator"</h1>
                    <p class="tagline">
                        "The carbon footprint of training or running a model: energy, CO"<sub>"2"</sub>
                        "eq with an honest range, and where every factor comes from. Computed in your browser; nothing you type leaves it."
                    </p>
                </div>
            </header>
            <main class="layout">
                <ShareBar app=app/>
                <Ledger app=app/>
                <form class="card inputs" aria-label="Job description" on:submit=|ev| ev.prevent_default()>
                    <h2>{move || app.active_run.with(|r| if app.project.with(|p| p.runs.len()) > 1 { format!("Run: {}", r.label) } else { "Your job".to_string() })}</h2>
                    <MeasuredRun app=app/>
                    <Show when=move || !measured()>
                    <div class="segmented" role="radiogroup" aria-label="What to estimate from">
                        <label class="seg">
                            <input type="radio" name="run-kind" value="hardware" prop:checked=move || !by_requests() on:change=move |_| set_by_requests(false)/>
                            <span>"Hardware and time"</span>
                        </label>
                        <label class="seg">
                            <input type="radio" name="run-kind" value="requests" prop:checked=by_requests on:change=move |_| set_by_requests(true)/>
                            <span>"Inference requests"</span>
                        </label>
                    </div>
                    <Show when=by_requests>
                        <RequestsFields app=app/>
                    </Show>
                    <Show when=move || !by_requests()>
                    <HardwarePicker data=data state=state result=result/>
                    <Show when=move || !no_accelerator()>
                        <div class="row">
                            <NumberField
                                spec=fields::DEVICES
                                state=state
                                result=result
                                read=|s| s.devices.clone()
                                write=|s, v| s.devices = v
                            />
                            <NumberField
                                spec=fields::UTILIZATION
                                state=state
                                result=result
                                read=|s| s.utilization_pct.clone()
                                write=|s, v| s.utilization_pct = v
                            />
                        </div>
                    </Show>
                    <NumberField
                        spec=fields::DURATION
                        state=state
                        result=result
                        read=|s| s.duration.clone()
                        write=|s, v| s.duration = v
                    >
                        <select
                            class="unit-select"
                            aria-label="Duration unit"
                            on:change=move |ev| {
                                let unit = if event_target_value(&ev) == "days" { DurationUnit::Days } else { DurationUnit::Hours };
                                state.update(|s| s.duration_unit = unit);
                            }
                            prop:value=move || state.with(|s| match s.duration_unit { DurationUnit::Hours => "hours", DurationUnit::Days => "days" })
                        >
                            <option value="hours">"hours"</option>
                            <option value="days">"days"</option>
                        </select>
                    </NumberField>
                    </Show>
                    <LocationPicker data=data state=state result=result/>
                    <PueField data=data state=state result=result/>
                    <Show when=move || !by_requests()>
                        <HostFields data=data state=state result=result/>
                    </Show>
                    </Show>
                </form>
                <Results app=app/>
                <Show when=move || below_fold.get()>
                    <RegionComparison app=app/>
                    <StatementPanel app=app/>
                </Show>
            </main>
            <SummaryBar app=app/>
            <footer class="site-footer">
                <p>
                    "Data version " {emissions_core::DATA_VERSION} " · app " {emissions_core::APP_VERSION}
                    " · Grid data: Ember and Energy Institute via Our World in Data (CC BY 4.0), US EPA eGRID2022, ECCC, DCCEEW NGA 2024, Google Cloud region carbon data. "
                    "Method: energy = devices × power × utilization × hours × PUE; emissions = energy × grid intensity (location-based)."
                </p>
            </footer>
        </div>
    }
}
