//! `ml-emissions list …`: the ids and names that `estimate` accepts.

use crate::args::ListWhat;
use crate::Usage;
use emissions_core::changes;
use emissions_core::data::Dataset;
use emissions_core::format;
use emissions_core::lookup;
use emissions_core::output::Format;
use std::fmt::Write;

/// One line per row that contains every word; no row is an error.
pub fn run(what: &ListWhat, data: &Dataset) -> Result<String, Usage> {
    let mut out = String::new();
    match what {
        ListWhat::Hardware { words } => {
            for h in lookup::search_hardware(data, words) {
                let power = match h.power_w {
                    Some(w) => format!("{} W", format::plain(w)),
                    None => "power unpublished".into(),
                };
                let _ = writeln!(out, "{:<30} {:<44} {:<6} {}", h.id, h.full_name(), h.kind.label(), power);
            }
        }
        ListWhat::Regions { words } => {
            for r in lookup::search_regions(data, words) {
                let id = format!("{}:{}", r.provider, r.region_code);
                let _ = writeln!(out, "{id:<32} {} ({})", r.region_name, r.country_iso2);
            }
        }
        ListWhat::Zones { words } => {
            for z in lookup::search_zones(data, words) {
                let _ = writeln!(
                    out,
                    "{:<20} {:<44} {} gCO2eq/kWh ({}, {})",
                    z.zone_id,
                    z.name,
                    format::significant(z.intensity_g_per_kwh, 4),
                    z.publisher,
                    z.year
                );
            }
        }
        ListWhat::Changes { words } => changes(words, &mut out)?,
        ListWhat::Formats => {
            // Columns as wide as their longest entry.
            let key_w = Format::ALL.iter().map(|f| f.key().chars().count()).max().unwrap_or(0);
            let label_w = Format::ALL.iter().map(|f| f.label().chars().count()).max().unwrap_or(0);
            for f in Format::ALL {
                let _ = writeln!(out, "{:<key_w$} {:<label_w$} {}", f.key(), f.label(), f.file_name());
            }
        }
    }
    if out.is_empty() {
        return Err(Usage("nothing matches".into()));
    }
    Ok(out)
}

/// At most this many keys named per group of the summary.
const KEYS_SHOWN: usize = 6;

/// Without words, one line per table and kind of change; with words, every
/// change that contains them all (case-insensitively).
fn changes(words: &[String], out: &mut String) -> Result<(), Usage> {
    let all = changes::since(changes::PREVIOUS_DATA_VERSION).map_err(|e| Usage(e.to_string()))?;
    if words.is_empty() {
        let _ = writeln!(
            out,
            "Data version {} against {} ({} changes; `list changes WORDS` shows them):",
            emissions_core::DATA_VERSION,
            changes::PREVIOUS_DATA_VERSION,
            all.len()
        );
        for g in changes::summary(&all) {
            let _ = writeln!(out, "{}", g.sentence(KEYS_SHOWN));
        }
        return Ok(());
    }
    let words: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    for c in all {
        let line = c.sentence();
        let hay = line.to_lowercase();
        if words.iter().all(|w| hay.contains(w.as_str())) {
            let _ = writeln!(out, "{line}");
        }
    }
    Ok(())
}
