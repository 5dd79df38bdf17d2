use crate::components::embodied_line::EmbodiedLine;
use crate::components::equivalents::Equivalents;
use crate::components::grid_fact::GridFact;
use crate::components::method_link::HowLink;
use crate::display::spaced_range;
use crate::state::use_app;
use emissions_core::format;
use emissions_core::method::FactorRef;
use emissions_core::project::{Detail, RunOutcome};
use leptos::prelude::*;

/// Measured (CodeCarbon) and per-request runs: the totals and their basis.
#[component]
pub fn OutcomeSummary() -> impl IntoView {
    let app = use_app();
    let outcome = Memo::new(move |_| app.outcome.with(|o| o.as_ref().ok().cloned()));
    let refs = app.table_refs();
    let grid_row = Signal::derive(move || {
        refs.with(|r| r.iter().find(|f| f.table == "grid_zones.csv" || f.table == "cloud_regions.csv").cloned())
    });
    view! {
        {move || outcome.get().map(|o| summary(o, grid_row))}
        <EmbodiedLine/>
    }
}

fn summary(outcome: RunOutcome, grid_row: Signal<Option<FactorRef>>) -> impl IntoView {
    let kg = outcome.emissions_kg;
    let basis = match &outcome.detail {
        Detail::Requests(r) => {
            let location = Some(r.location.clone());
            view! {
                <dl class="facts">
                    <div>
                        <dt>"Energy"</dt>
                        <dd data-testid="energy">{format::energy_kwh(outcome.energy_kwh.central)}</dd>
                        <dd class="sub">
                            {format!(
                                "{} requests × {} Wh × PUE {}",
                                format::plain(r.requests),
                                format::plain(r.wh_per_request),
                                format::plain(r.pue.value)
                            )}
                        </dd>
                    </div>
                    <GridFact location=Signal::stored(location) row=grid_row/>
                </dl>
                <p class="help">{format!("Energy per request: {}", r.basis)}</p>
            }
            .into_any()
        }
        _ => view! {
            <dl class="facts">
                <div>
                    <dt>"Energy (measured, includes PUE)"</dt>
                    <dd data-testid="energy">{format::energy_kwh(outcome.energy_kwh.central)}</dd>
                </div>
            </dl>
        }
        .into_any(),
    };
    let repeat = (outcome.repeat > 1).then(|| format!(" for {} similar runs", outcome.repeat));
    view! {
        <div class="headline">
            <p class="big" data-testid="emissions">{format::mass_kg(kg.central)}</p>
            <p class="unit-line">"CO"<sub>"2"</sub>"eq" {repeat}</p>
            <p class="range" data-testid="emissions-range">"Range " {spaced_range(kg, format::mass_kg)}</p>
            <p class="how"><HowLink/></p>
        </div>
        {basis}
        <Equivalents grams=Signal::stored(kg.central * 1000.0)/>
    }
}
