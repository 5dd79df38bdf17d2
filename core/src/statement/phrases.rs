//! The sentences of a statement, one phrase per fact, shared by the single-run
//! and the project prose ([`super::prose`]). All wording lives here.

use super::doc::{Line, Piece};
use super::facts::{Facts, RunCites, RunFacts};
use super::CALCULATOR_NAME;
use crate::compute::{ComputeUse, FlopsMethod};
use crate::data::{PowerBasis, MEMORY_W_PER_GB};
use crate::form::{self, DurationUnit};
use crate::format;
use crate::job::{IntensityBasis, Job, LocationUse, PueUse};
use crate::model::{Bands, Range, UTILIZATION_BAND};
use crate::project::{Detail, MeasuredRun, RequestsUse};
use crate::text;
use crate::{APP_VERSION, DATA_VERSION};

pub(crate) fn quoted(s: &str) -> String {
    format!("“{}”", text::clean(s))
}

/// Where a run ran: "Amazon Web Services us-east-1 (US East (N. Virginia)); US-VA, US".
pub(crate) fn place_phrase(l: &LocationUse) -> Option<String> {
    l.source.as_ref()?;
    Some(if l.place.is_empty() || l.place == l.label { l.label.clone() } else { format!("{}, {}", l.label, l.place) })
}

pub(crate) fn hours_text(hours: f64, unit: DurationUnit) -> String {
    match unit {
        DurationUnit::Hours => format!("{} h", format::plain(hours)),
        DurationUnit::Days => {
            let days = hours / 24.0;
            format!("{} h ({} {})", format::plain(hours), format::plain(days), if days == 1.0 { "day" } else { "days" })
        }
    }
}

/// How the power figure of a listed device is described, after "8 × NVIDIA H100 SXM5 80GB".
fn power_words(job: &Job) -> String {
    let h = &job.hardware;
    let w = format::plain(h.power_w);
    let each = if job.devices > 1 { " each" } else { "" };
    match h.power_basis {
        Some(PowerBasis::Tdp) | None if h.id != form::CUSTOM => format!(", rated at {w} W{each}"),
        Some(PowerBasis::MeasuredAvg) => format!(", drawing a measured average of {w} W{each}"),
        Some(PowerBasis::SystemWall) => format!(", at a whole-system wall power of {w} W{each}"),
        Some(PowerBasis::Estimated) => format!(
            ", at an estimated {w} W{each} (range {}; no published rating)",
            band(h.power_low_w, h.power_high_w, |x| format!("{} W", format::plain(x)))
        ),
        _ => format!(", at {w} W{each} (entered by the user)"),
    }
}

/// "8 × NVIDIA H100 SXM5 80GB, rated at 700 W each [2], for 72 h at an average
/// accelerator utilization of 100 % of rated power"
pub(crate) fn hardware_phrase(line: Line, job: &Job, unit: DurationUnit, cites: &RunCites) -> Line {
    let mut line = if job.devices == 0 {
        line.t("no accelerator")
    } else {
        let name = if job.hardware.id == form::CUSTOM {
            format!("custom device {}", quoted(&job.hardware.name))
        } else {
            job.hardware.name.clone()
        };
        line.t(format!("{} × {name}{}", job.devices, power_words(job))).cite([cites.hardware])
    };
    if let Some(h) = &job.host {
        line = line.t(if job.devices == 0 { ": " } else { ", plus " });
        if h.cores > 0.0 {
            let of = if h.cpu_name == "CPU" { String::new() } else { format!(" of {}", h.cpu_name) };
            line = line
                .t(format!(
                    "{} host CPU cores{of} at {} usage, {} W per core",
                    format::plain(h.cores),
                    format::percent(h.usage),
                    format::significant(h.w_per_core, 4)
                ))
                .cite([cites.cpu]);
            if h.memory_gb > 0.0 {
                line = line.t(", and ");
            }
        }
        if h.memory_gb > 0.0 {
            line = line
                .t(format!("{} GB of memory at {} W/GB", format::plain(h.memory_gb), format::plain(MEMORY_W_PER_GB)))
                .cite([cites.memory]);
        }
        line = line.t(",");
    } else if job.devices > 0 {
        line = line.t(",");
    }
    line = line.t(format!(" for {}", hours_text(job.hours, unit)));
    if job.compute.as_ref().is_some_and(|c| c.by_compute) {
        line = line.t(" (derived from the job's compute)");
    }
    if job.devices > 0 {
        line = line.t(format!(
            " at an average accelerator utilization of {} of rated power",
            format::percent(job.utilization)
        ));
    }
    line
}

/// "8.4 × 10²²" as a scientific-notation piece, three significant digits.
fn sci(line: Line, x: f64) -> Line {
    if x <= 0.0 || !x.is_finite() {
        return line.t(format::plain(x));
    }
    let (mantissa, exponent) = format::mantissa_exponent(x);
    line.sci(mantissa, exponent)
}

/// "The job's compute, 8.4 × 10²² FLOP (6 × parameters × tokens: 7 B × 2,000 B), at a model
/// FLOPs utilization of 40 % (range 20–60 %) of the peak dense BF16 throughput of 989 TFLOP/s
/// per device [5], takes 58,982 device-hours (range 39,321–117,964)."
pub(crate) fn compute_sentence(line: Line, c: &ComputeUse, cites: &RunCites) -> Line {
    let mut line = sci(line.t(" The job's compute, "), c.flops.central).t(" FLOP");
    if let FlopsMethod::SixNd { params_b, tokens_b } = c.method {
        line = line.t(format!(
            " (6 × parameters × tokens: {} billion × {} billion)",
            format::plain(params_b),
            format::plain(tokens_b)
        ));
    }
    line = line
        .t(format!(
            ", at a model FLOPs utilization of {} (range {}) of the peak dense {} throughput of {} TFLOP/s per device",
            format::percent(c.mfu),
            band(c.mfu_low, c.mfu_high, format::percent),
            c.peak.precision.label(),
            format::plain(c.peak.tflops)
        ))
        .cite([cites.peak]);
    let hours = |x: f64| format::significant(x, 4);
    line.t(format!(
        ", takes {} device-hours (range {}–{}); the MFU measures useful work, not the power drawn, which the utilization above describes.",
        hours(c.device_hours.central),
        hours(c.device_hours.low),
        hours(c.device_hours.high)
    ))
}

/// "a power usage effectiveness (PUE) of 1.14 (Amazon Web Services, 2025 [3])"
pub(crate) fn pue_phrase(line: Line, p: &PueUse, cites: &RunCites) -> Line {
    let line = line.t(format!("a power usage effectiveness (PUE) of {}", format::plain(p.value)));
    match &p.source {
        // "(Amazon Web Services, 2025 [3])"; a campus or survey figure names what it is:
        // "(Council Bluffs, Iowa (us-central1); Google, 2022 [4])".
        Some(s) if p.label != s.name => {
            line.attribution(format!("{}; {}, {}", p.label, s.name, s.year)).cite([cites.pue])
        }
        Some(s) => line.attribution(format!("{}, {}", s.name, s.year)).cite([cites.pue]),
        None => line.t(" (entered by the user)"),
    }
}

/// "349.1 gCO2eq/kWh for Virginia (Ember, 2024 [4]), a lifecycle figure (state mix × Ember's
/// US factors; grid zone US-VA)"
pub(crate) fn intensity_phrase(line: Line, l: &LocationUse, cites: &RunCites) -> Line {
    let line = line.t(format!("{} gCO2eq/kWh", format::significant(l.intensity_g_per_kwh, 4)));
    let Some(s) = &l.source else {
        return line.t(" (entered by the user; location not stated)");
    };
    match (&l.zone_id, l.intensity_basis) {
        (_, IntensityBasis::Provider) | (None, _) => line
            .t(format!(" for {}", l.label))
            .attribution(format!("{}, {}", s.name, s.year))
            .cite([cites.grid])
            .t(", the provider's own figure on its own method"),
        (Some(z), kind) => {
            let line =
                line.t(format!(" for {}", l.grid)).attribution(format!("{}, {}", s.name, s.year)).cite([cites.grid]);
            let kind = if kind == IntensityBasis::Direct { "direct" } else { "lifecycle" };
            line.t(format!(", a {kind} figure ({}; grid zone {z})", l.short_basis))
        }
    }
}

pub(crate) fn band(low: f64, high: f64, unit: fn(f64) -> String) -> String {
    format::range(Range { low, central: low, high }, unit)
}

/// "459.6 kWh (range 356.4–504 kWh)", or "333 kWh" with no spread.
pub(crate) fn energy_range(r: Range) -> String {
    let range = format::range(r, format::energy_kwh);
    let central = format::energy_kwh(r.central);
    if range == central {
        central
    } else {
        format!("{central} (range {range})")
    }
}

/// The assumptions behind the range, each named only when it spreads it.
pub(crate) fn range_parts(job: &Job, bands: &Bands) -> Vec<String> {
    let mut parts = Vec::new();
    if job.hardware.estimated {
        parts.push(format!(
            "an estimated accelerator power of {}",
            band(job.hardware.power_low_w, job.hardware.power_high_w, |x| format!("{} W", format::plain(x)))
        ));
    }
    if let Some(c) = job.compute.as_ref().filter(|c| c.by_compute) {
        parts.push(format!("a model FLOPs utilization of {}", band(c.mfu_low, c.mfu_high, format::percent)));
    }
    if job.devices > 0 {
        parts.push(format!(
            "an accelerator utilization of {} (±{} points)",
            band(bands.utilization_low, bands.utilization_high, format::percent),
            format::plain(UTILIZATION_BAND * 100.0)
        ));
    }
    parts.push(format!("a PUE of {}", band(bands.pue_low, bands.pue_high, format::plain)));
    parts
}

pub(crate) fn range_sentence(line: Line, job: &Job, bands: &Bands) -> Line {
    let mut parts = range_parts(job, bands);
    let last = parts.pop().unwrap_or_default();
    let lead = if parts.is_empty() { String::new() } else { format!("{} with ", parts.join(", ")) };
    line.t(format!(" The range combines {lead}{last}; the grid intensity is an annual average."))
}

pub(crate) fn emissions(line: Line, r: Range) -> Line {
    let line = line.strong(format::mass_kg(r.central)).t(" ").co2();
    if r.low == r.high {
        return line;
    }
    line.t(format!(" (range {} ", format::range(r, format::mass_kg))).co2().t(")")
}

pub(crate) fn calculator_line(line: Line) -> Line {
    line.t(format!("the {CALCULATOR_NAME}"))
        .cite([Some(0)])
        .t(format!(" (app version {APP_VERSION}, data version {DATA_VERSION})"))
}

pub(crate) fn subject(facts: &Facts, what: &str) -> String {
    let name = text::clean(&facts.name);
    if name.is_empty() {
        format!("{what} of the model")
    } else {
        format!("{what} of {}", quoted(&name))
    }
}

pub(crate) fn measured_phrase(line: Line, m: &MeasuredRun, repeat: u32, strong: bool) -> Line {
    let each = if repeat > 1 { " per run" } else { "" };
    let (overhead, _) = measured_overhead(m);
    let line = line.t(format!(
        "measured with {} ({}; {}; {} h{each}): {} of electricity{each}, {overhead}, and ",
        text::clean(&m.source),
        text::clean(&m.hardware),
        text::clean(&m.location),
        format::plain(m.duration_h),
        format::energy_kwh(m.energy_kwh),
    ));
    let figure = format::mass_kg(m.emissions_kg);
    let line = if strong { line.strong(figure) } else { line.t(figure) };
    let scaled = match m.pue_applied {
        Some(p) => format!(", scaled by the same PUE {}", format::plain(p)),
        None => String::new(),
    };
    line.t(" ").co2().t(format!("{each} as reported by the tracker with its own grid intensity{scaled}"))
}

/// What a measured run's energy includes of the data-centre overhead, as the
/// tracker's file says (CodeCarbon multiplies its energy by its `pue`, 1.0 by
/// default): the prose's words and the model card's short note.
pub(crate) fn measured_overhead(m: &MeasuredRun) -> (String, String) {
    let plain = |p: f64| format::plain(p);
    match (m.pue.filter(|p| p.is_finite() && *p > 0.0), m.pue_applied.filter(|p| p.is_finite() && *p >= 1.0)) {
        (recorded, Some(p)) => {
            let recorded = recorded.filter(|r| *r != 1.0).map_or("1.0".into(), plain);
            (
                format!(
                    "including a data-centre overhead of PUE {} applied on import (CodeCarbon recorded PUE {recorded})",
                    plain(p)
                ),
                format!("PUE {} applied on import to CodeCarbon's PUE {recorded}", plain(p)),
            )
        }
        (Some(p), None) if p > 1.0 => (
            format!("including a data-centre overhead of PUE {} (as set in CodeCarbon)", plain(p)),
            format!("includes data-centre overhead: CodeCarbon PUE {}", plain(p)),
        ),
        (Some(p), None) if p < 1.0 => (
            format!("scaled by a PUE of {} as set in CodeCarbon (below 1: no data-centre overhead included)", plain(p)),
            format!("CodeCarbon PUE {}, below 1: no data-centre overhead", plain(p)),
        ),
        (Some(_), None) => (
            "no data-centre overhead included (CodeCarbon PUE 1.0)".into(),
            "no data-centre overhead: CodeCarbon PUE 1.0".into(),
        ),
        (None, None) => (
            "data-centre overhead unknown (the file records no PUE)".into(),
            "data-centre overhead unknown: no PUE recorded".into(),
        ),
    }
}

/// The provider's own carbon data for the regions used: its CFE share (a
/// market-based figure, never subtracted) and, where the zone's figure is used,
/// its own grid intensity (on its own method, shown beside, not used).
pub(crate) fn cfe_notes(facts: &Facts) -> Option<Vec<Piece>> {
    let mut line = Line::default();
    let mut seen: Vec<&str> = Vec::new();
    let mut cfe_count = 0;
    for (location, _, cites) in facts.runs.iter().filter_map(RunFacts::site) {
        let Some(figure) = &location.provider_figure else { continue };
        if seen.contains(&location.label.as_str()) {
            continue;
        }
        let s = &figure.source;
        let provider = s.name.split(',').next().unwrap_or(&s.name);
        let lead = if seen.is_empty() { "" } else { " " };
        let used = location.intensity_basis == IntensityBasis::Provider;
        match (location.provider_cfe, used) {
            (Some(cfe), true) => {
                line = line.t(format!(
                    "{lead}{provider} reports a carbon-free energy (CFE) share of {} for {} ({})",
                    format::percent(cfe),
                    location.label,
                    s.year
                ));
                cfe_count += 1;
            }
            (cfe, false) => {
                line = line
                    .t(format!("{lead}{provider} publishes its own carbon data for {} ({})", location.label, s.year))
                    .cite([cites.provider])
                    .t(format!(
                        ": a grid intensity of {} gCO2eq/kWh on its own method, not used here so that every location is on one basis",
                        format::significant(figure.intensity_g_per_kwh, 4),
                    ));
                if let Some(cfe) = cfe {
                    line = line.t(format!(", and a carbon-free energy (CFE) share of {}", format::percent(cfe)));
                    cfe_count += 1;
                }
                line = line.t(".");
                seen.push(&location.label);
                continue;
            }
            (None, true) => continue,
        }
        line = line.cite([cites.provider]).t(".");
        seen.push(&location.label);
    }
    if seen.is_empty() {
        return None;
    }
    if cfe_count > 0 {
        line = line.t(if cfe_count == 1 {
            " The CFE share is a market-based figure about the provider's energy supply, reported here separately: it is not subtracted from the location-based emissions above and does not reduce them."
        } else {
            " The CFE shares are market-based figures about the provider's energy supply, reported here separately: they are not subtracted from the location-based emissions above and do not reduce them."
        });
    }
    Some(line.done())
}

/// " They are not included in the figure above." or " Included, the total is …".
fn inclusion(line: Line, facts: &Facts) -> Line {
    let t = &facts.totals;
    if t.include_embodied {
        emissions(line.t(" They are included in the total, which is then "), t.headline_kg()).t(".")
    } else {
        line.t(" They are not included in the emissions above.")
    }
}

/// The manufacturing share, reported apart: one paragraph, or None when no run has one.
pub(crate) fn embodied_para(facts: &Facts) -> Option<Vec<Piece>> {
    let with: Vec<&RunFacts> = facts.runs.iter().filter(|r| r.embodied.is_some()).collect();
    let single = facts.single().filter(|r| r.embodied.is_some());
    let line = Line::default().t("Manufacturing (embodied) emissions of the hardware are reported apart: ");
    let line = if let Some(r) = single {
        let e = r.embodied.as_ref()?;
        let Detail::Estimated { job, .. } = &r.detail else { return None };
        let what = if job.devices == 0 {
            "the host server's share".to_string()
        } else {
            format!("the {} × {}", job.devices, job.hardware.name)
        };
        let host = if e.host_kg > 0.0 { " and their share of the host server" } else { "" };
        let mut line = line
            .t(format!("{} CO2eq", format::mass_kg(e.kg.central)))
            .t(format!(" (range {} CO2eq) for {what}{host}, cradle-to-gate", format::range(e.kg, format::mass_kg)))
            .attribution(format!("{}, {}", e.source.name, e.source.year))
            .cite([r.cites.embodied])
            .t(format!(
                ", shared over {} years of service (range {} years)",
                format::plain(e.lifetime_years),
                band(e.lifetime_low_years, e.lifetime_high_years, format::plain)
            ));
        if e.fallback {
            line = line.t("; the tables hold no footprint of this device, so the default for its kind is used");
        }
        line.t(".")
    } else {
        if with.is_empty() {
            return None;
        }
        let t = &facts.totals;
        let cites: Vec<Option<usize>> = with.iter().map(|r| r.cites.embodied).collect();
        let mut line = line
            .t(format!(
                "{} CO2eq (range {} CO2eq), cradle-to-gate, shared over each device's years of service and charged for the device-hours used",
                format::mass_kg(t.embodied_kg.central),
                format::range(t.embodied_kg, format::mass_kg)
            ))
            .cite(cites)
            .t(".");
        if t.embodied_missing > 0 {
            line = line.t(format!(
                " {} from requests or measurements {} no figure.",
                text::count(t.embodied_missing, "run", "runs"),
                text::plural(t.embodied_missing, "has", "have")
            ));
        }
        line
    };
    Some(inclusion(line, facts).done())
}

/// " in Amazon Web Services us-east-1 (…)", or nothing for a custom intensity.
pub(crate) fn in_place(l: &LocationUse) -> String {
    place_phrase(l).map(|p| format!(" in {p}")).unwrap_or_default()
}

/// "1,000,000 requests × 0.3 Wh per request (basis: …)"
pub(crate) fn requests_phrase(line: Line, r: &RequestsUse) -> Line {
    line.t(format!(
        "{} requests × {} Wh per request (basis: {})",
        format::plain(r.requests),
        format::plain(r.wh_per_request),
        quoted(&r.basis)
    ))
}
