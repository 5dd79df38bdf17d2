use crate::components::compute_fact::{Compute, ComputeFact};
use crate::components::embodied_line::EmbodiedLine;
use crate::components::equivalents::Equivalents;
use crate::components::grid_fact::GridFact;
use crate::components::method_link::{HowLink, RowLink};
use crate::components::source_link::SourceLink;
use crate::display::spaced_range;
use crate::state::use_app;
use emissions_core::catalog;
use emissions_core::data::{Source, MEMORY_W_PER_GB};
use emissions_core::format;
use emissions_core::job::Job;
use emissions_core::model::{self, Range};
use emissions_core::project::Detail;
use leptos::prelude::*;

/// What the card shows of a run estimated from hardware.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    job: Job,
    estimate: model::Estimate,
    repeat: u32,
    /// One run, with the manufacturing share when the project includes it.
    headline_kg: Range,
    /// All the similar runs together, likewise.
    total_kg: Range,
    /// The headline includes a manufacturing share.
    with_embodied: bool,
    /// The manufacturing share of one run, if any.
    embodied_kg: Option<Range>,
}

/// The estimate of a run from hardware: the figure and its range, every factor
/// with its source, equivalents and the assumptions behind the range. The
/// structure is built once; its text follows the run's outcome.
#[component]
pub fn Estimate() -> impl IntoView {
    let app = use_app();
    let include = app.include_embodied();
    let shown = Memo::new(move |_| {
        let include = include.get();
        app.outcome.with(|o| {
            let o = o.as_ref().ok()?;
            match &o.detail {
                Detail::Estimated { job, estimate } => Some(Shown {
                    job: job.clone(),
                    estimate: *estimate,
                    repeat: o.repeat,
                    headline_kg: o.headline_kg(include),
                    total_kg: o.total_kg(include),
                    with_embodied: include && o.embodied.is_some(),
                    embodied_kg: o.embodied_one_run_kg(),
                }),
                _ => None,
            }
        })
    });
    let refs = app.table_refs();
    let row = move |tables: &'static [&'static str]| {
        Signal::derive(move || refs.with(|r| r.iter().find(|f| tables.contains(&f.table.as_str())).cloned()))
    };
    let with_embodied = move || shown.with(|s| s.as_ref().is_some_and(|s| s.with_embodied));
    let text = move |f: fn(&Shown) -> String| move || shown.with(|s| s.as_ref().map(f).unwrap_or_default());
    let source = move |f: fn(&Shown) -> Option<Source>| {
        move || shown.with(|s| s.as_ref().and_then(f)).map(|s| view! { " · " <SourceLink source=s/> })
    };
    let repeat = move || shown.with(|s| s.as_ref().is_some_and(|s| s.repeat > 1));
    let host = move || shown.with(|s| s.as_ref().is_some_and(|s| s.job.host.is_some()));
    view! {
        <div class="headline">
            <p class="big" data-testid="emissions">{text(|s| format::mass_kg(s.headline_kg.central))}</p>
            <p class="unit-line">
                "CO"<sub>"2"</sub>"eq, location-based"
                <Show when=with_embodied>
                    <span data-testid="incl-embodied">", incl. manufacturing"</span>
                </Show>
            </p>
            <Show when=with_embodied>
                <p class="headline-parts" data-testid="headline-parts">
                    {text(|s| {
                        format!(
                            "{} operational + {} manufacturing",
                            format::mass_kg(s.estimate.emissions_kg.central),
                            format::mass_kg(s.embodied_kg.map_or(0.0, |e| e.central)),
                        )
                    })}
                </p>
            </Show>
            <p class="range" data-testid="emissions-range">
                "Range " {text(|s| spaced_range(s.headline_kg, format::mass_kg))}
            </p>
            <p class="how"><HowLink/></p>
            <Show when=repeat>
                <p class="repeat" data-testid="repeat-total">
                    {text(|s| {
                        format!(
                            "× {} similar runs = {} (range {})",
                            s.repeat,
                            format::mass_kg(s.total_kg.central),
                            spaced_range(s.total_kg, format::mass_kg)
                        )
                    })}
                </p>
            </Show>
        </div>
        <dl class="facts">
            <div>
                <dt>"Energy"</dt>
                <dd data-testid="energy">{text(|s| format::energy_kwh(s.estimate.energy_kwh.central))}</dd>
                <dd class="sub">{text(|s| format!("range {}", spaced_range(s.estimate.energy_kwh, format::energy_kwh)))}</dd>
            </div>
            <GridFact
                location=Signal::derive(move || shown.with(|s| s.as_ref().map(|s| s.job.location.clone())))
                row=row(&["grid_zones.csv", "cloud_regions.csv"])
            />
            <div>
                <dt>"PUE"</dt>
                <dd data-testid="pue">{text(|s| format::plain(s.job.pue.value))}</dd>
                <dd class="sub">
                    {text(|s| {
                        let p = &s.job.pue;
                        format!("range {}–{} · {}", format::plain(p.low), format::plain(p.high), p.label)
                    })}
                    {source(|s| s.job.pue.source.clone())}
                    <RowLink target=row(&["pue.csv"])/>
                </dd>
            </div>
            <div>
                <dt>"IT power"</dt>
                <dd data-testid="power">{text(|s| format!("{} W", format::significant(s.estimate.it_power_w, 4)))}</dd>
                <dd class="sub">
                    {text(|s| hardware_line(&s.job))}
                    {source(|s| s.job.hardware.source.clone())}
                    <RowLink target=row(&["hardware.csv"])/>
                    <Show when=host>
                        {text(|s| s.job.host.as_ref().map(host_line).unwrap_or_default())}
                        {source(|s| s.job.host.as_ref().map(|h| h.memory_source.clone()))}
                    </Show>
                </dd>
            </div>
            <Show when=move || shown.with(|s| s.as_ref().is_some_and(|s| s.job.compute.is_some()))>
                <ComputeFact compute=Signal::derive(move || {
                    shown.with(|s| {
                        let s = s.as_ref()?;
                        let compute = s.job.compute.clone()?;
                        Some(Compute { compute, devices: s.job.devices, hours: s.job.hours })
                    })
                })/>
            </Show>
        </dl>
        <EmbodiedLine/>
        <Equivalents grams=Signal::derive(move || {
            shown.with(|s| s.as_ref().map_or(0.0, |s| s.headline_kg.central * 1000.0))
        })/>
        <details class="assumptions">
            <summary>"Assumptions behind the range"</summary>
            <p>
                {text(|s| catalog::range_assumptions(&s.job))}
                " The low end combines the low utilization and the low PUE, the high end the high ones; the grid's hourly variation is not modelled."
            </p>
        </details>
    }
}

/// "8 × H100 SXM5 80GB at 700 W, 100 % utilization", "8 × Google TPU v5e at
/// ~124 W (estimated, range 91–140 W), 100 % utilization", or "No accelerator".
fn hardware_line(job: &Job) -> String {
    if job.devices == 0 {
        return "No accelerator".to_string();
    }
    let h = &job.hardware;
    let power = if h.estimated {
        format!(
            "~{} W (estimated, range {}–{} W)",
            format::plain(h.power_w),
            format::plain(h.power_low_w),
            format::plain(h.power_high_w)
        )
    } else {
        format!("{} W", format::plain(h.power_w))
    };
    format!("{} × {} at {power}, {} utilization", job.devices, h.name, format::percent(job.utilization))
}

/// "; 12 cores × 7.5 W at 100 % + 64 GB memory × 0.3725 W/GB".
fn host_line(h: &emissions_core::job::HostUse) -> String {
    format!(
        "; {} cores × {} W at {} + {} GB memory × {} W/GB",
        format::plain(h.cores),
        format::significant(h.w_per_core, 4),
        format::percent(h.usage),
        format::plain(h.memory_gb),
        format::plain(MEMORY_W_PER_GB)
    )
}
