//! The body of a Hugging Face model card: the "Environmental Impact" section
//! of the Hub's default template (`huggingface_hub/templates/modelcard_template.md`),
//! whose five fields are **Hardware Type**, **Hours used**, **Cloud Provider**,
//! **Compute Region** and **Carbon Emitted**, filled from the project, followed
//! by the range, energy, PUE and grid source the template asks for as
//! "additional considerations", and the full Markdown statement with its sources.
//!
//! [`card`] is a whole `README.md`: the `co2_eq_emissions` YAML of [`super::hf`]
//! as front matter, then this section. `huggingface_hub`'s `ModelCard` loads
//! it and the Hub's emissions filter reads the same grams as the section
//! states (`scripts/consumers/hf_cards_test.py`).

use super::ledger;
use super::{escape, hf, markdown, Facts};
use crate::format;
use crate::text;

/// The template's field labels, in its order.
pub const FIELDS: [&str; 5] = ["Hardware Type", "Hours used", "Cloud Provider", "Compute Region", "Carbon Emitted"];

/// Grams as the YAML states them, with thousands separators where that keeps
/// every digit: "160,445", "0.00001".
pub fn grams_text(kg: f64) -> String {
    let g: f64 = hf::grams(kg).parse().unwrap_or(0.0);
    if g >= 0.001 {
        format::fixed(g, 6)
    } else {
        hf::grams(kg)
    }
}

fn hours_used(facts: &Facts) -> String {
    let all = ledger::sum(facts, |_| true);
    if let Some(r) = facts.single() {
        let Some(h) = ledger::wall_hours(r) else {
            return "not known (estimated from energy per request)".into();
        };
        let mut s = format!("{} wall-clock", ledger::hours(h));
        if let Some(dh) = ledger::device_hours(r) {
            s.push_str(&format!(" ({} device-hours)", ledger::device_hours_text(dh)));
        }
        return s;
    }
    let mut parts = Vec::new();
    if all.device_hours > 0.0 {
        let known = if all.no_device_hours > 0 {
            format!(
                " (the {} with a device count)",
                text::count((all.runs - all.no_device_hours) as usize, "run", "runs")
            )
        } else {
            String::new()
        };
        parts.push(format!(
            "{} device-hours over {}{known}",
            ledger::device_hours_text(all.device_hours),
            text::count(all.runs as usize, "run", "runs")
        ));
    }
    let training = ledger::sum(facts, ledger::training);
    if training.rows > 0 && training.no_wall_hours < training.runs {
        parts.push(format!("final training and fine-tuning {} wall-clock", ledger::hours(training.wall_hours)));
    }
    if parts.is_empty() {
        "not known (no run with a recorded duration)".into()
    } else {
        parts.join("; ")
    }
}

fn providers(facts: &Facts) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut other = false;
    for r in &facts.runs {
        match &r.cloud {
            Some(c) if !out.contains(&c.provider) => out.push(c.provider.clone()),
            Some(_) => {}
            None => other = true,
        }
    }
    match (out.is_empty(), other) {
        (true, _) => "none stated (not a cloud region)".into(),
        (false, true) => format!("{}; other runs not in a cloud region", out.join(", ")),
        (false, false) => out.join(", "),
    }
}

fn regions(facts: &Facts) -> String {
    let mut out: Vec<String> = Vec::new();
    for r in &facts.runs {
        // "us-east-1 (US East (N. Virginia)), US-VA, US": the label without the provider, and the place.
        let s = match (&r.cloud, r.site()) {
            (Some(c), Some((l, _, _))) => {
                let label = text::clean(&l.label);
                let region = label.strip_prefix(&format!("{} ", c.provider)).unwrap_or(&label).to_string();
                let place = text::clean(&l.place);
                if place.is_empty() {
                    region
                } else {
                    format!("{region}, {place}")
                }
            }
            _ => ledger::place(r),
        };
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out.join("; ")
}

fn carbon(facts: &Facts) -> String {
    let t = &facts.totals;
    let kg = t.headline_kg();
    let range = format::range(kg, format::mass_kg);
    let central = format::mass_kg(kg.central);
    let spread = if range == central { String::new() } else { format!("; range {range}") };
    let how = if facts.all_measured() { "measured by a tracker" } else { "location-based estimate" };
    let with = if t.include_embodied && t.embodied_kg.central > 0.0 {
        ", including the hardware's manufacturing share"
    } else {
        ""
    };
    format!("{} g CO2eq ({central}{spread}), {how}{with}", grams_text(kg.central))
}

/// A Unicode non-character: U+FDD0–U+FDEF and U+xFFFE, U+xFFFF of every plane.
/// None is written anywhere in a card (the YAML block already drops them: PyYAML
/// refuses a whole card for one; the body follows the same rule).
fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

/// The section, from its heading.
pub fn render(facts: &Facts) -> String {
    let mut out = section(facts);
    out.retain(|c| !is_noncharacter(c));
    out
}

fn section(facts: &Facts) -> String {
    let t = &facts.totals;
    let mut out = String::from("## Environmental Impact\n\n");
    out.push_str(&format!(
        "<!-- The Hub's template fields, filled in by the {}. Carbon Emitted is the co2_eq_emissions figure of the card's metadata, in grams. -->\n\n",
        ledger::version()
    ));
    let all = ledger::sum(facts, |_| true);
    out.push_str(&format!(
        "Carbon emissions are {} with the {}, {}.\n\n",
        if facts.all_measured() { "measured by a tracker and compiled" } else { "estimated" },
        escape::markdown(&ledger::version()),
        escape::markdown(&ledger::basis(facts, |_| true))
    ));
    let values =
        [facts.hardware_summary().join("; "), hours_used(facts), providers(facts), regions(facts), carbon(facts)];
    for (field, value) in FIELDS.iter().zip(values) {
        out.push_str(&format!("- **{field}:** {}\n", escape::markdown(&value)));
    }
    out.push('\n');
    let mut notes = vec![format!(
        "Energy: {} of electricity ({}), including the data-centre overhead (PUE) where the run states one",
        ledger::with_range(t.energy_kwh, format::energy_kwh),
        all.how()
    )];
    let pues: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for r in &facts.runs {
            let s = match r.site() {
                Some((_, p, _)) => match &p.source {
                    Some(s) if p.label != s.name => {
                        format!("{} ({}; {}, {})", format::plain(p.value), text::clean(&p.label), s.name, s.year)
                    }
                    Some(s) => format!("{} ({}, {})", format::plain(p.value), s.name, s.year),
                    None => format!("{} (entered by the user)", format::plain(p.value)),
                },
                None => match ledger::pue(r) {
                    Some(p) => format!("{} (as the tracker recorded it)", format::plain(p)),
                    None => "unknown for a measured run (the tracker recorded none)".into(),
                },
            };
            if !v.contains(&s) {
                v.push(s);
            }
        }
        v
    };
    notes.push(format!("PUE: {}", pues.join("; ")));
    let grids: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for r in &facts.runs {
            let (g, what) = ledger::grid(r);
            let s = format!("{} gCO2eq/kWh ({what})", format::significant(g, 4));
            if !v.contains(&s) {
                v.push(s);
            }
        }
        v
    };
    notes.push(format!("Grid: {}; annual averages", grids.join("; ")));
    if t.embodied_kg.central > 0.0 {
        notes.push(format!(
            "Manufacturing (embodied) share of the hardware, cradle-to-gate, reported apart: {} CO2eq (range {}), {} Carbon Emitted",
            format::mass_kg(t.embodied_kg.central),
            format::range(t.embodied_kg, format::mass_kg),
            if t.include_embodied { "included in" } else { "not included in" }
        ));
    }
    for n in notes {
        out.push_str(&format!("- {}.\n", escape::markdown(&n)));
    }
    out.push_str("\n### How the emissions were estimated\n\n");
    out.push_str(&markdown::render(facts, markdown::Style::Markdown));
    out
}

/// A whole model card: the metadata as YAML front matter, then the section.
pub fn card(facts: &Facts) -> String {
    let mut out = String::from("---\n");
    out.push_str(&hf::render(facts));
    out.push_str("---\n\n");
    out.push_str(&format!(
        "<!-- Model card written by the {}: add your own sections (the Hub's template: Model Details, Uses, Training Details, Evaluation, …) around the Environmental Impact section. -->\n\n",
        ledger::version()
    ));
    out.push_str(&render(facts));
    out.retain(|c| !is_noncharacter(c));
    out
}
