//! The calculator page: owns the state signal and lays out the components.

use crate::components::{
    hardware_picker::HardwarePicker, host_fields::HostFields, ledger::Ledger, location_picker::LocationPicker,
    number_field::NumberField, pue_field::PueField, region_comparison::RegionComparison, results::Results,
    share_bar::ShareBar, statement_panel::StatementPanel, summary_bar::SummaryBar, update_notice::UpdateNotice,
};
use crate::state::AppState;
use emissions_core::data::Dataset;
use emissions_core::project::Project;
use emissions_core::fields;
use emissions_core::form::{DurationUnit, NO_ACCELERATOR};
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
    let state = app.form;
    let result = app.result;
    let no_accelerator = move || state.with(|s| s.hardware == NO_ACCELERATOR);

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
                    <h2>"Your job"</h2>
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
                    <LocationPicker data=data state=state result=result/>
                    <PueField data=data state=state result=result/>
                    <HostFields data=data state=state result=result/>
                </form>
                <Results data=data result=result/>
                <RegionComparison app=app/>
                <StatementPanel app=app/>
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
