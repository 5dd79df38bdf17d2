use crate::display::spaced_range;
use emissions_core::compute::ComputeUse;
use emissions_core::format;
use emissions_core::model::Range;
use leptos::prelude::*;

/// What the results card shows of a job's compute.
#[derive(Debug, Clone, PartialEq)]
pub struct Compute {
    pub compute: ComputeUse,
    pub devices: u32,
    /// Wall-clock hours (derived from the compute when the job is described by it).
    pub hours: f64,
}

fn hours(h: f64) -> String {
    format!("{} h", format::significant(h, 4))
}

/// "MFU 40 % (20–60 %)".
fn mfu(c: &ComputeUse) -> String {
    format!(
        "MFU {} ({}–{} %)",
        format::percent(c.mfu),
        format::significant(c.mfu_low * 100.0, 3),
        format::significant(c.mfu_high * 100.0, 3)
    )
}

/// The job's compute as one entry of a `<dl class="facts">`: by compute, the
/// wall-clock time it takes with its range from the MFU; by time, the FLOPs the
/// hours performed.
#[component]
pub fn ComputeFact(#[prop(into)] compute: Signal<Option<Compute>>) -> impl IntoView {
    let by_compute = move || compute.with(|c| c.as_ref().is_some_and(|c| c.compute.by_compute));
    let text = move |f: fn(&Compute) -> String| move || compute.with(|c| c.as_ref().map(f).unwrap_or_default());
    view! {
        <div>
            <Show
                when=by_compute
                fallback=move || {
                    view! {
                        <dt>"Compute"</dt>
                        <dd data-testid="flops">{text(|c| format!("{} FLOP", format::scientific(c.compute.flops.central)))}</dd>
                        <dd class="sub">
                            {text(|c| {
                                let f = &c.compute.flops;
                                format!(
                                    "range {} – {} · performed in {} device-hours at {} of the {} peak",
                                    format::scientific(f.low),
                                    format::scientific(f.high),
                                    format::significant(c.compute.device_hours.central, 4),
                                    mfu(&c.compute),
                                    c.compute.peak.precision.label()
                                )
                            })}
                        </dd>
                    }
                }
            >
                <dt>"Wall-clock time"</dt>
                <dd data-testid="hours">{text(|c| hours(c.hours))}</dd>
                <dd class="sub">
                    {text(|c| {
                        let (d, dh) = (f64::from(c.devices), c.compute.device_hours);
                        let wall = Range { low: dh.low / d, central: dh.central / d, high: dh.high / d };
                        format!(
                            "range {} · {} device-hours for {} FLOP at {}",
                            spaced_range(wall, hours),
                            format::significant(dh.central, 4),
                            format::scientific(c.compute.flops.central),
                            mfu(&c.compute)
                        )
                    })}
                </dd>
            </Show>
        </div>
    }
}
