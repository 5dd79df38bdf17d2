//! Hugging Face model card metadata: the `co2_eq_emissions` block.
//!
//! Fields as the Hub documents them: `emissions` (a number, in grams of
//! CO2eq), `source`, `training_type` ("pre-training" or "fine-tuning"),
//! `geographical_location`, `hardware_used`. Every string is a YAML
//! double-quoted scalar; the facts the Hub has no field for (range, energy,
//! PUE, grid intensity, data version) are YAML comments above the block.

use super::{escape, Facts, CALCULATOR_NAME};
use crate::format;
use crate::project::Detail;
use crate::project::Phase;
use crate::{APP_VERSION, DATA_VERSION};

/// A number of grams as a YAML/JSON number: six significant digits, no
/// separators, no exponent.
pub fn grams(kg: f64) -> String {
    let g = kg * 1000.0;
    if g == 0.0 || !g.is_finite() {
        return "0".into();
    }
    let magnitude = g.abs().log10().floor() as i32;
    let decimals = (5 - magnitude).clamp(0, 9) as usize;
    let s = format!("{:.*}", decimals, g);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// "pre-training" unless every run is fine-tuning or inference.
pub fn training_type(facts: &Facts) -> &'static str {
    let has = |p: Phase| facts.runs.iter().any(|r| r.phase == p);
    if has(Phase::FinalTraining) {
        "pre-training"
    } else if has(Phase::FineTuning) {
        "fine-tuning"
    } else if facts.runs.iter().all(|r| r.phase == Phase::Inference) {
        "inference"
    } else {
        "pre-training"
    }
}

fn comment(out: &mut String, text: &str) {
    out.push_str("# ");
    out.push_str(&escape::yaml_comment(text));
    out.push('\n');
}

pub fn render(facts: &Facts) -> String {
    let t = &facts.totals;
    let mut out = String::new();
    comment(
        &mut out,
        "Carbon footprint for the Hugging Face model card: paste into the YAML metadata at the top of README.md.",
    );
    let all_measured = facts.all_measured();
    let emissions = format::range(t.emissions_kg, format::mass_kg);
    let energy = format::range(t.energy_kwh, format::energy_kwh);
    let (e_central, kwh_central) = (format::mass_kg(t.emissions_kg.central), format::energy_kwh(t.energy_kwh.central));
    let with_range = |central: &str, range: &str| {
        if central == range {
            central.to_string()
        } else {
            format!("{central} (range {range})")
        }
    };
    comment(
        &mut out,
        &format!(
            "{}: {}; energy {}.",
            if all_measured { "Measured by a tracker" } else { "Location-based estimate" },
            with_range(&e_central, &emissions).replacen(&e_central, &format!("{e_central} CO2eq"), 1),
            with_range(&kwh_central, &energy)
        ),
    );
    for r in facts.runs.iter().take(super::MAX_LISTED_RUNS) {
        let lead = if facts.single().is_some() {
            String::new()
        } else {
            format!("{}, “{}”: ", r.phase.label(), escape::clean(&r.label))
        };
        let repeat = if r.repeat > 1 { format!(" (× {} runs)", r.repeat) } else { String::new() };
        let what = match &r.detail {
            Detail::Estimated { job, .. } if job.devices == 0 => {
                format!("no accelerator (host CPU and memory), {} h{repeat}", format::plain(job.hours))
            }
            Detail::Estimated { job, .. } => format!(
                "{} × {}, {} W each, {} utilization, {} h{repeat}",
                job.devices,
                escape::clean(&job.hardware.name),
                format::plain(job.hardware.power_w),
                format::percent(job.utilization),
                format::plain(job.hours)
            ),
            Detail::Requests(requests) => format!(
                "{} requests × {} Wh per request (basis: {}){repeat}",
                format::plain(requests.requests),
                format::plain(requests.wh_per_request),
                escape::clean(&requests.basis)
            ),
            Detail::Measured(m) => format!(
                "measured by {}: {}, energy {} ({}), {} h{repeat}",
                escape::clean(&m.source),
                escape::clean(&m.hardware),
                format::energy_kwh(m.energy_kwh),
                super::phrases::measured_overhead(m).1,
                format::plain(m.duration_h)
            ),
        };
        let site = match r.site() {
            None => String::new(),
            Some((location, pue, _)) => {
                let pue = match &pue.source {
                    Some(s) => format!("; PUE {} ({}, {})", format::plain(pue.value), s.name, s.year),
                    None => format!("; PUE {} (entered by the user)", format::plain(pue.value)),
                };
                let grid = match &location.source {
                    Some(s) => format!(
                        "; grid {} gCO2eq/kWh, {} ({}, {})",
                        format::significant(location.intensity_g_per_kwh, 4),
                        location.grid,
                        s.name,
                        s.year
                    ),
                    None => format!(
                        "; grid {} gCO2eq/kWh (entered by the user)",
                        format::significant(location.intensity_g_per_kwh, 4)
                    ),
                };
                format!("{pue}{grid}")
            }
        };
        comment(&mut out, &format!("{lead}{what}{site}."));
    }
    if facts.runs.len() > super::MAX_LISTED_RUNS {
        let more = facts.runs.len() - super::MAX_LISTED_RUNS;
        comment(
            &mut out,
            &format!(
                "… and {} more runs, counted in the total; the JSON export lists every run.",
                format::plain(more as f64)
            ),
        );
    }
    comment(&mut out, &format!("{CALCULATOR_NAME}, app version {APP_VERSION}, data version {DATA_VERSION}."));
    out.push_str("co2_eq_emissions:\n");
    out.push_str(&format!("  emissions: {}\n", grams(t.emissions_kg.central)));
    out.push_str(&format!(
        "  source: {}\n",
        escape::yaml_string(&format!(
            "{CALCULATOR_NAME} {APP_VERSION} (data version {DATA_VERSION}), {}",
            if facts.all_measured() { "from a tracker's measurements" } else { "location-based estimate" }
        ))
    ));
    out.push_str(&format!("  training_type: {}\n", escape::yaml_string(training_type(facts))));
    out.push_str(&format!("  geographical_location: {}\n", escape::yaml_string(&facts.location_summary().join("; "))));
    out.push_str(&format!("  hardware_used: {}\n", escape::yaml_string(&facts.hardware_summary().join("; "))));
    out
}
