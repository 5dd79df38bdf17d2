use crate::components::source_link::SourceLink;
use crate::state::AppState;
use emissions_core::data::{Dataset, Source};
use emissions_core::form::{Errors, Job};
use emissions_core::format;
use emissions_core::model::UTILIZATION_BAND;
use emissions_core::project::RunOutcome;
use leptos::prelude::*;

/// The estimate, its range, every factor with its source, and equivalents.
#[component]
pub fn Results(app: AppState) -> impl IntoView {
    let data = app.data;
    let errors_view = |errors: Errors| {
        let n = errors.len();
        view! {
            <div class="no-result" data-testid="no-result">
                <p>
                    <strong>{if n == 1 { "One field needs attention".to_string() } else { format!("{n} fields need attention") }}</strong>
                    " before there is an estimate:"
                </p>
                <ul>
                    {errors.into_iter().map(|(id, msg)| view! {
                        <li><a href=format!("#field-{}", id.key())>{msg}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card results" aria-labelledby="results-title" aria-live="polite">
            <h2 id="results-title">"Estimate"</h2>
            {move || {
                let run = app.active_run.get();
                if run.measured.is_some() || run.per_request.is_some() {
                    match app.active_outcome.get() {
                        Ok(o) => view! { <OutcomeSummary data=data outcome=o/> }.into_any(),
                        Err(e) => errors_view(e),
                    }
                } else {
                    match app.result.get() {
                        Ok(job) => {
                            let repeat = app.active_outcome.with(|o| o.as_ref().map(|o| o.repeat).unwrap_or(1));
                            view! { <Estimate data=data job=job repeat=repeat/> }.into_any()
                        }
                        Err(e) => errors_view(e),
                    }
                }
            }}
        </section>
    }
}

/// Measured (CodeCarbon) and per-request runs: the totals and their basis.
#[component]
fn OutcomeSummary(data: &'static Dataset, outcome: RunOutcome) -> impl IntoView {
    let kg = outcome.emissions_kg;
    let basis = match &outcome.requests {
        Some(r) => view! {
            <dl class="facts">
                <div>
                    <dt>"Energy"</dt>
                    <dd data-testid="energy">{format::energy_kwh(outcome.energy_kwh.central)}</dd>
                    <dd class="sub">{format!("{} requests × {} Wh × PUE {}", format::plain(r.requests), format::plain(r.wh_per_request), format::plain(r.pue.value))}</dd>
                </div>
                <div>
                    <dt>"Grid intensity"</dt>
                    <dd data-testid="intensity">{format!("{} gCO2eq/kWh", format::significant(r.location.intensity_g_per_kwh, 4))}</dd>
                    <dd class="sub">{r.location.grid.clone()} {r.location.source.clone().map(|s| view! { " · " <SourceLink source=s/> })}</dd>
                </div>
            </dl>
            <p class="help">{format!("Energy per request: {}", r.basis)}</p>
        }.into_any(),
        None => view! {
            <dl class="facts">
                <div>
                    <dt>"Energy (measured, includes PUE)"</dt>
                    <dd data-testid="energy">{format::energy_kwh(outcome.energy_kwh.central)}</dd>
                </div>
            </dl>
        }.into_any(),
    };
    let grams = kg.central * 1000.0;
    view! {
        <div class="headline">
            <p class="big" data-testid="emissions">{format::mass_kg(kg.central)}</p>
            <p class="unit-line">"CO"<sub>"2"</sub>"eq" {(outcome.repeat > 1).then(|| format!(" for {} similar runs", outcome.repeat))}</p>
            <p class="range" data-testid="emissions-range">"Range " {format::mass_kg(kg.low)} " – " {format::mass_kg(kg.high)}</p>
        </div>
        {basis}
        <h3>"That is about"</h3>
        <ul class="equivalents" data-testid="equivalents">{equivalents(data, grams)}</ul>
    }
}

fn equivalents(data: &'static Dataset, grams: f64) -> impl IntoView {
    // Show the comparisons that read naturally for this amount (not 0.0005 homes).
    data.equivalents
        .iter()
        .filter(|q| (0.1..1e7).contains(&(grams / q.grams_co2e_per_unit)))
        .take(5)
        .map(|q| {
            let n = grams / q.grams_co2e_per_unit;
            let source = Source { name: source_name(&q.source_url), url: q.source_url.clone(), year: q.year };
            view! {
                <li>
                    <span class="eq-value">{format::significant(n, 3)}</span>
                    " " {q.label.clone()}
                    <span class="eq-source">" · " <SourceLink source=source/></span>
                </li>
            }
        })
        .collect_view()
}

#[component]
fn Estimate(data: &'static Dataset, job: Job, repeat: u32) -> impl IntoView {
    let e = job.estimate();
    let kg = e.emissions_kg;
    let kwh = e.energy_kwh;
    let grams = kg.central * 1000.0;
    let hw_line = if job.devices == 0 {
        "No accelerator".to_string()
    } else {
        format!(
            "{} × {} at {} W, {} utilization",
            job.devices,
            job.hardware.name,
            format::plain(job.hardware.power_w),
            format::percent(job.utilization)
        )
    };
    let host_line = job.host.as_ref().map(|h| {
        format!(
            "{} cores × {} W at {} + {} GB memory × 0.3725 W/GB",
            format::plain(h.cores),
            format::significant(h.w_per_core, 4),
            format::percent(h.usage),
            format::plain(h.memory_gb)
        )
    });
    let bands = job.bands();
    let equivalents = equivalents(data, grams);
    view! {
        <div class="headline">
            <p class="big" data-testid="emissions">{format::mass_kg(kg.central)}</p>
            <p class="unit-line">"CO"<sub>"2"</sub>"eq, location-based"</p>
            <p class="range" data-testid="emissions-range">
                "Range " {format::mass_kg(kg.low)} " – " {format::mass_kg(kg.high)}
            </p>
            {(repeat > 1).then(|| view! {
                <p class="repeat" data-testid="repeat-total">
                    {format!("× {} similar runs = {} (range {} – {})", repeat,
                        format::mass_kg(kg.central * f64::from(repeat)),
                        format::mass_kg(kg.low * f64::from(repeat)),
                        format::mass_kg(kg.high * f64::from(repeat)))}
                </p>
            })}
        </div>
        <dl class="facts">
            <div>
                <dt>"Energy"</dt>
                <dd data-testid="energy">{format::energy_kwh(kwh.central)}</dd>
                <dd class="sub">{format!("range {} – {}", format::energy_kwh(kwh.low), format::energy_kwh(kwh.high))}</dd>
            </div>
            <div>
                <dt>"Grid intensity"</dt>
                <dd data-testid="intensity">{format!("{} gCO2eq/kWh", format::significant(job.location.intensity_g_per_kwh, 4))}</dd>
                <dd class="sub">{job.location.grid.clone()} {job.location.source.clone().map(|s| view! { " · " <SourceLink source=s/> })}</dd>
            </div>
            <div>
                <dt>"PUE"</dt>
                <dd data-testid="pue">{format::plain(job.pue.value)}</dd>
                <dd class="sub">
                    {format!("range {}–{} · {}", format::plain(job.pue.low), format::plain(job.pue.high), job.pue.label)}
                    {job.pue.source.clone().map(|s| view! { " · " <SourceLink source=s/> })}
                </dd>
            </div>
            <div>
                <dt>"IT power"</dt>
                <dd data-testid="power">{format!("{} W", format::significant(e.it_power_w, 4))}</dd>
                <dd class="sub">
                    {hw_line}
                    {job.hardware.source.clone().map(|s| view! { " · " <SourceLink source=s/> })}
                    {host_line.map(|h| format!("; {h}"))}
                    {job.host.as_ref().map(|h| view! { " · " <SourceLink source=h.memory_source.clone()/> })}
                </dd>
            </div>
        </dl>
        <h3>"That is about"</h3>
        <ul class="equivalents" data-testid="equivalents">{equivalents}</ul>
        <details class="assumptions">
            <summary>"Assumptions behind the range"</summary>
            <p>
                {format!(
                    "Accelerator utilization {} (band ±{} points: {}–{}), PUE {} (range {}–{}). The low end combines the low utilization and the low PUE; the high end the high ones. Grid intensity is the annual average of the location's grid (location-based); hourly variation is not modelled.",
                    format::percent(job.utilization),
                    format::plain(UTILIZATION_BAND * 100.0),
                    format::percent(bands.utilization_low),
                    format::percent(bands.utilization_high),
                    format::plain(job.pue.value),
                    format::plain(bands.pue_low),
                    format::plain(bands.pue_high),
                )}
            </p>
        </details>
    }
}

/// A short publisher name from a source URL's host: "epa.gov".
fn source_name(url: &str) -> String {
    let host = url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or(url);
    host.trim_start_matches("www.").to_string()
}
