//! The sentences of a statement, one phrase per fact, shared by the single-run
//! and the project prose ([`super::prose`]). All wording lives here.

use super::doc::{Line, Piece};
use super::facts::{Facts, RunCites, RunFacts};
use super::CALCULATOR_NAME;
use crate::data::MEMORY_W_PER_GB;
use crate::form::{self, DurationUnit};
use crate::format;
use crate::job::{IntensityBasis, Job, LocationUse, PueUse};
use crate::model::{Bands, Range, UTILIZATION_BAND};
use crate::project::{MeasuredRun, RequestsUse};
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

/// "8 × NVIDIA H100 SXM5 80GB (700 W each, rated power (TDP) [2]) for 72 h at an average utilization of 100 % of rated power"
pub(crate) fn hardware_phrase(line: Line, job: &Job, unit: DurationUnit, cites: &RunCites) -> Line {
    let mut line = if job.devices == 0 {
        line.t("no accelerator")
    } else {
        let name = if job.hardware.id == form::CUSTOM {
            format!("custom device {}", quoted(&job.hardware.name))
        } else {
            job.hardware.name.clone()
        };
        line.t(format!(
            "{} × {} ({} W each, {}",
            job.devices,
            name,
            format::plain(job.hardware.power_w),
            job.hardware.basis
        ))
        .cite([cites.hardware])
        .t(")")
    };
    if let Some(h) = &job.host {
        line = line.t(if job.devices == 0 { ": the host " } else { " plus the host " });
        if h.cores > 0.0 {
            line = line
                .t(format!(
                    "CPU ({} {} at {} W per core, {} usage",
                    format::plain(h.cores),
                    if h.cpu_name == "CPU" { "cores".to_string() } else { format!("cores of {}", h.cpu_name) },
                    format::significant(h.w_per_core, 4),
                    format::percent(h.usage)
                ))
                .cite([cites.cpu])
                .t(")");
            if h.memory_gb > 0.0 {
                line = line.t(" and ");
            }
        }
        if h.memory_gb > 0.0 {
            line = line
                .t(format!("memory ({} GB at {} W/GB", format::plain(h.memory_gb), format::plain(MEMORY_W_PER_GB)))
                .cite([cites.memory])
                .t(")");
        }
    }
    line = line.t(format!(" for {}", hours_text(job.hours, unit)));
    if job.devices > 0 {
        line = line.t(format!(
            " at an average accelerator utilization of {} of rated power",
            format::percent(job.utilization)
        ));
    }
    line
}

pub(crate) fn pue_phrase(line: Line, p: &PueUse, cites: &RunCites) -> Line {
    match &p.source {
        Some(s) => line
            .t(format!("a power usage effectiveness (PUE) of {} ({}, {}", format::plain(p.value), s.name, s.year))
            .cite([cites.pue])
            .t(")"),
        None => {
            line.t(format!("a power usage effectiveness (PUE) of {} (entered by the user)", format::plain(p.value)))
        }
    }
}

/// "282.6 gCO2eq/kWh (grid zone US-EGRID-SRVC, SERC …; US EPA eGRID2022, 2022 [4]; basis: …)"
pub(crate) fn intensity_phrase(line: Line, l: &LocationUse, cites: &RunCites) -> Line {
    let line = line.t(format!("{} gCO2eq/kWh (", format::significant(l.intensity_g_per_kwh, 4)));
    match &l.source {
        None => line.t("entered by the user; location not stated)"),
        Some(s) => {
            let zone = match &l.zone_id {
                Some(z) if *z != l.grid => format!("grid zone {z}, {}", l.grid),
                Some(z) => format!("grid zone {z}"),
                None => format!("the provider's own figure for the {}", l.grid),
            };
            line.t(format!("{zone}; {}, {}", s.name, s.year)).cite([cites.grid]).t(format!("; basis: {})", l.basis))
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

pub(crate) fn range_sentence(line: Line, job: &Job, bands: &Bands) -> Line {
    let mut line = line.t(" The range combines ");
    if job.devices > 0 {
        line = line.t(format!(
            "an accelerator utilization of {} (±{} points) with ",
            band(bands.utilization_low, bands.utilization_high, format::percent),
            format::plain(UTILIZATION_BAND * 100.0)
        ));
    }
    line.t(format!(
        "a PUE of {}; the grid intensity is an annual average.",
        band(bands.pue_low, bands.pue_high, format::plain)
    ))
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
