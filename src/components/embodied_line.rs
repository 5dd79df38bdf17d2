use crate::components::method_link::RowLink;
use crate::components::source_link::SourceLink;
use crate::display::spaced_range;
use crate::state::use_app;
use emissions_core::embodied::EmbodiedUse;
use emissions_core::format;
use emissions_core::method::FactorRef;
use emissions_core::model::Range;
use leptos::prelude::*;

/// What the line shows of the run shown.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    use_: EmbodiedUse,
    /// One run (before the repeat count), and every run.
    one_run_kg: Range,
    repeat: u32,
    /// A host-only job: the hours are CPU-package-hours.
    packages: bool,
    /// The kind of device of a fallback row ("GPU").
    fallback_kind: Option<&'static str>,
}

/// The hardware's manufacturing (embodied) share of the run shown, apart from
/// the operational figure, with its basis and source, and the project's
/// choice to include it in the total.
#[component]
pub fn EmbodiedLine() -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let include = app.include_embodied();
    let line = Memo::new(move |_| {
        app.outcome.with(|o| {
            let o = o.as_ref().ok()?;
            let e = o.embodied.clone()?;
            let fallback_kind =
                data.embodied.iter().find(|r| r.id == e.row).filter(|r| r.fallback).map(|r| r.kind.label());
            Some(Line {
                one_run_kg: o.embodied_one_run_kg()?,
                repeat: o.repeat,
                packages: o.job().is_some_and(|j| j.devices == 0),
                fallback_kind,
                use_: e,
            })
        })
    });
    // The checkbox is offered whenever some run of the project has a share.
    let any = Memo::new(move |_| app.totals.with(|t| t.embodied_kg.central > 0.0));
    let row = Signal::derive(move || {
        line.with(|l| l.as_ref().map(|l| FactorRef::new("embodied.csv", &l.use_.row, "embodied_kg")))
    });
    let part = move |f: fn(&Line) -> String| move || line.with(|l| l.as_ref().map(f).unwrap_or_default());
    view! {
        <div class="embodied" data-testid="embodied">
            {move || match line.get() {
                None => view! {
                    <p class="help" data-testid="embodied-none">
                        <strong>"Manufacturing share: "</strong>
                        "not estimated for this run (a run from requests or a measurement has no devices and hours to share the hardware's manufacturing over)."
                    </p>
                }
                .into_any(),
                Some(_) => view! {
                    <p class="embodied-figure">
                        "Manufacturing share: "
                        <span data-testid="embodied-kg">{part(|l| format::mass_kg(l.one_run_kg.central))}</span>
                        " CO2eq"
                        <span class="embodied-range">{part(|l| format!(" (range {})", spaced_range(l.one_run_kg, format::mass_kg)))}</span>
                        {part(repeat_text)}
                    </p>
                    <p class="sub">
                        {part(basis)}
                        " · "
                        {move || line.with(|l| l.as_ref().map(|l| view! { <SourceLink source=l.use_.source.clone()/> }))}
                        <RowLink target=row/>
                    </p>
                    {move || {
                        line.with(|l| l.as_ref()?.fallback_kind).map(|kind| {
                            view! {
                                <p class="help" data-testid="embodied-fallback">
                                    {format!(
                                        "This device has no manufacturing figure of its own: the default for a {kind} is used (data/embodied.csv)."
                                    )}
                                </p>
                            }
                        })
                    }}
                }
                .into_any(),
            }}
            <Show when=move || any.get()>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="include-embodied"
                        prop:checked=move || include.get()
                        on:change=move |ev| app.set_include_embodied(event_target_checked(&ev))
                    />
                    <span>"Include in the total"</span>
                </label>
            </Show>
        </div>
    }
}

/// "; × 50 similar runs = 720.4 kg" (nothing for one run).
fn repeat_text(l: &Line) -> String {
    if l.repeat <= 1 {
        return String::new();
    }
    format!("; × {} similar runs = {}", l.repeat, format::mass_kg(l.use_.kg.central))
}

/// "Cradle-to-gate (device and its share of the baseboard, host server share
/// included), amortised over 576 device-hours of a 4-year life (range 3–6 years)".
fn basis(l: &Line) -> String {
    let e = &l.use_;
    let host = if e.host_kg > 0.0 { ", host server share included" } else { "" };
    let hours = e.device_hours / f64::from(l.repeat.max(1));
    let unit = if l.packages { "CPU-package-hours" } else { "device-hours" };
    let per_run = if l.repeat > 1 { " per run" } else { "" };
    let years = format::plain(e.lifetime_years);
    format!(
        "Cradle-to-gate ({}{host}), amortised over {} {unit}{per_run} of {} {years}-year life (range {}–{} years)",
        e.includes.label(),
        format::significant(hours, 4),
        article(&years),
        format::plain(e.lifetime_low_years),
        format::plain(e.lifetime_high_years),
    )
}

/// "an" before a number read with a vowel sound (8, 11, 18, 80…), else "a".
fn article(number: &str) -> &'static str {
    let whole = number.split('.').next().unwrap_or(number);
    if whole.starts_with('8') || whole == "11" || whole == "18" {
        "an"
    } else {
        "a"
    }
}
