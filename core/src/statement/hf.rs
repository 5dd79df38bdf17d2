//! Hugging Face model card metadata: the `co2_eq_emissions` block.
//!
//! Fields as the Hub documents them: `emissions` (a number, in grams of
//! CO2eq), `source`, `training_type` ("pre-training" or "fine-tuning"),
//! `geographical_location`, `hardware_used`. Every string is a YAML
//! double-quoted scalar; the facts the Hub has no field for (range, energy,
//! PUE, grid intensity, data version) are YAML comments above the block.
//!
//! Written for the real readers (`scripts/consumers/hf_card_check.py`, run by
//! `scripts/test.sh`): `huggingface_hub`'s `ModelCard` (PyYAML) and the Hub
//! client's emissions filter (`list_models(emissions_thresholds=…)`). So:
//! * `emissions` is written so that the filter reads the true grams, also for
//!   tiny, zero and huge values ([`emissions_yaml`]);
//! * `training_type` only takes the two documented values: a statement of
//!   inference runs only leaves the key out and says why ([`training_type`]);
//! * no text carries a Unicode non-character (U+FFFE, U+FFFF, U+FDD0–U+FDEF, the
//!   last two code points of every plane) or a character YAML does not allow,
//!   comments included: PyYAML refuses the whole card for one raw U+FFFE.

use super::{escape, Facts, CALCULATOR_NAME};
use crate::format;
use crate::project::Detail;
use crate::project::Phase;
use crate::{APP_VERSION, DATA_VERSION};

/// A number of grams as a plain decimal: six significant digits, no
/// separators, never an exponent (`format::decimal`).
pub fn grams(kg: f64) -> String {
    format::decimal(kg * 1000.0, 6)
}

/// The smallest number of grams written as a YAML number: Python's `str()`
/// prints a float below 1e-4 with an exponent.
const SMALLEST_NUMBER_G: f64 = 1e-4;
/// From here a number would reach the Hub's filter with an exponent: the Hub
/// serves card data as JSON written by JavaScript, whose numbers print with an
/// exponent from 1e21.
const LARGEST_NUMBER_G: f64 = 1e21;

/// The value of `emissions:` in grams, and why it is text when it is.
///
/// The Hub's emissions filter
/// (`huggingface_hub.utils.endpoint_helpers._is_emission_within_threshold`)
/// takes the value as PyYAML parsed it (`ModelCardData` keeps it as is),
/// returns False for a falsy value and otherwise reads the first
/// `\d+\.\d+|\d+` of `str(value)`. So a number is read right only if `str()`
/// prints it without an exponent and it is not zero:
/// * from 0.0001 g (and below 1e21 g): a plain decimal **number**, as the Hub
///   documents. PyYAML gives a float when it has a point (`94.1513`: Python
///   prints floats from 1e-4 to 1e16 without exponent; six digits keep every
///   value from 1e5 g up a whole number) or an int when it has none
///   (`150000000000000000`: a Python int prints every digit, however large).
/// * below 0.0001 g, zero, and from 1e21 g: the same decimal as a **quoted
///   string** (`"0.00001"`, `"0"`). `str()` of a string is the string, so the
///   filter reads exactly those digits, and `"0"` is not falsy: a zero estimate
///   is still listed under a threshold. As numbers, 0.00001 would be parsed as
///   1e-05 and read as 1 g, and 0 would never be listed.
pub fn emissions_yaml(kg: f64) -> (String, Option<String>) {
    let g = kg * 1000.0;
    let text = grams(kg);
    let rounded: f64 = text.parse().unwrap_or(0.0);
    if (SMALLEST_NUMBER_G..LARGEST_NUMBER_G).contains(&rounded) {
        return (text, None);
    }
    let why = if g == 0.0 {
        "the Hub's emissions filter skips a number 0, so the model would never be listed".to_string()
    } else if rounded < SMALLEST_NUMBER_G {
        let py = python_float(rounded);
        let misread = py.split('e').next().unwrap_or_default();
        format!("as a number, Python would hold {py} and the Hub's emissions filter would read {misread} g")
    } else {
        "a number this large reaches the Hub's emissions filter with an exponent, which it misreads".to_string()
    };
    let note = format!("emissions is written as text ({text} g): {why}.");
    (format!("\"{text}\""), Some(note))
}

/// How Python's `str()` prints a small float: `1e-05`, `2.5e-05`.
fn python_float(x: f64) -> String {
    let s = format!("{x:e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let e: i32 = e.parse().unwrap_or(0);
            format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
        }
        None => s,
    }
}

/// The Hub's `training_type`: "pre-training" when there is a final training,
/// else "fine-tuning" when there is one. `None` when every run is inference:
/// serving is neither of the two documented values, and either would tell the
/// Hub's readers that this footprint is one of training; the key is optional,
/// so it is left out (and a comment says so). Exploration, searches and failed
/// runs are the overhead of a training: "pre-training".
pub fn training_type(facts: &Facts) -> Option<&'static str> {
    let has = |p: Phase| facts.runs.iter().any(|r| r.phase == p);
    if has(Phase::FinalTraining) {
        Some("pre-training")
    } else if has(Phase::FineTuning) {
        Some("fine-tuning")
    } else if facts.runs.iter().all(|r| r.phase == Phase::Inference) {
        None
    } else {
        Some("pre-training")
    }
}

/// A Unicode non-character: U+FDD0–U+FDEF and U+xFFFE, U+xFFFF of every plane.
fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

/// A character YAML allows in a stream (YAML 1.1 and 1.2 `c-printable`, which
/// PyYAML's reader enforces): tab, line feed, carriage return, printable ASCII,
/// U+0085, U+00A0–U+D7FF, U+E000–U+FFFD and the other planes.
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c as u32 >= 0x10000
}

/// Text for the card: without non-characters (removed before any escaping,
/// so that none comes back as an escape either).
fn card_text(text: &str) -> String {
    text.chars().filter(|c| !is_noncharacter(*c)).collect()
}

/// A value of the block: one line like the comments (control characters, line
/// separators and bidi controls as `escape::clean` treats them), no
/// non-character, as a YAML double-quoted scalar.
fn string(text: &str) -> String {
    escape::yaml_string(&escape::clean(&card_text(text)))
}

fn comment(out: &mut String, text: &str) {
    out.push_str("# ");
    out.push_str(&escape::yaml_comment(&card_text(text)));
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
                    Some(s) if pue.label != s.name => {
                        format!("; PUE {} ({}; {}, {})", format::plain(pue.value), pue.label, s.name, s.year)
                    }
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
    let training = training_type(facts);
    let has_inference = facts.runs.iter().any(|r| r.phase == Phase::Inference);
    if training.is_none() {
        comment(
            &mut out,
            "training_type is left out: these runs are inference (serving), and the Hub documents only \"pre-training\" and \"fine-tuning\".",
        );
    } else if has_inference {
        comment(&mut out, "The emissions include inference (serving) runs; training_type describes the training runs.");
    }
    // Manufacturing is reported apart, and in the Hub's figure only when the project includes it.
    if t.embodied_kg.central > 0.0 {
        comment(
            &mut out,
            &format!(
                "Manufacturing (embodied) share of the hardware, cradle-to-gate: {} CO2eq (range {}), {} the emissions below.",
                format::mass_kg(t.embodied_kg.central),
                format::range(t.embodied_kg, format::mass_kg),
                if t.include_embodied { "included in" } else { "not included in" }
            ),
        );
    }
    let (emissions, emissions_note) = emissions_yaml(t.headline_kg().central);
    if let Some(note) = emissions_note {
        comment(&mut out, &note);
    }
    comment(&mut out, &format!("{CALCULATOR_NAME}, app version {APP_VERSION}, data version {DATA_VERSION}."));
    out.push_str("co2_eq_emissions:\n");
    out.push_str(&format!("  emissions: {emissions}\n"));
    out.push_str(&format!(
        "  source: {}\n",
        string(&format!(
            "{CALCULATOR_NAME} {APP_VERSION} (data version {DATA_VERSION}), {}{}",
            if facts.all_measured() { "from a tracker's measurements" } else { "location-based estimate" },
            if t.include_embodied && t.embodied_kg.central > 0.0 {
                ", including the hardware's manufacturing share"
            } else {
                ""
            }
        ))
    ));
    if let Some(training) = training {
        out.push_str(&format!("  training_type: {}\n", string(training)));
    }
    out.push_str(&format!("  geographical_location: {}\n", string(&facts.location_summary().join("; "))));
    out.push_str(&format!("  hardware_used: {}\n", string(&facts.hardware_summary().join("; "))));
    // Every text above went through `card_text` and the YAML escapes; this
    // keeps the guarantee for any text added later.
    out.retain(|c| yaml_printable(c) && !is_noncharacter(c));
    out
}
