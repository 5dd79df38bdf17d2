//! The table values a link records (grid intensity, PUE, device power), and
//! the notices when a link is opened: choices today's tables do not list, and
//! factors that changed since the link was made.

use super::keys::Factor;
use crate::data::{Basis, Dataset};
use crate::fields;
use crate::form::{LocationMode, CUSTOM, NO_ACCELERATOR};
use crate::format;
use crate::job::{self, Errors};
use crate::project::{Run, RunKind};
use crate::text::{self, quote};

/// Factor values taken from the tables (not typed by the user), each with what
/// it describes: recorded in a link, and compared when the link is opened.
#[derive(Debug, Default)]
pub(super) struct Factors {
    pub(super) intensity: Option<(f64, String)>,
    pub(super) pue: Option<(f64, String)>,
    pub(super) power: Option<(f64, String)>,
}

impl Factors {
    fn any(&self) -> bool {
        self.intensity.is_some() || self.pue.is_some() || self.power.is_some()
    }

    pub(super) fn get(&self, f: Factor) -> Option<&(f64, String)> {
        match f {
            Factor::Intensity => self.intensity.as_ref(),
            Factor::Pue => self.pue.as_ref(),
            Factor::Power => self.power.as_ref(),
        }
    }
}

pub(super) fn table_factors(run: &Run, data: &Dataset, basis: Basis) -> Factors {
    if matches!(run.kind, RunKind::Measured(_)) {
        return Factors::default();
    }
    let f = &run.form;
    let mut errors = Errors::new();
    let (location, pue) = job::validate_site(f, data, basis, &mut errors);
    let power = if matches!(run.kind, RunKind::Hardware) && f.hardware != CUSTOM && f.hardware != NO_ACCELERATOR {
        data.hardware(&f.hardware).and_then(|h| h.power_w.map(|w| (w, format!("power of the {}", h.full_name()))))
    } else {
        None
    };
    Factors {
        intensity: location
            .filter(|_| f.location != LocationMode::Custom)
            .map(|l| (l.intensity_g_per_kwh, format!("grid intensity of {}", l.label))),
        pue: pue.filter(|_| f.pue.trim().is_empty()).map(|p| (p.value, format!("PUE ({})", p.label))),
        power,
    }
}

/// Factor values a run recorded when its link was made.
#[derive(Default)]
pub(super) struct Recorded {
    pub(super) intensity: Option<f64>,
    pub(super) pue: Option<f64>,
    pub(super) power: Option<f64>,
}

impl Recorded {
    fn any(&self) -> bool {
        self.intensity.is_some() || self.pue.is_some() || self.power.is_some()
    }

    pub(super) fn slot(&mut self, f: Factor) -> &mut Option<f64> {
        match f {
            Factor::Intensity => &mut self.intensity,
            Factor::Pue => &mut self.pue,
            Factor::Power => &mut self.power,
        }
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Notices for choices today's tables do not list. The value is kept, and the
/// form shows its own message on the field.
pub(super) fn check_tables(run: &Run, data: &Dataset, notices: &mut Vec<String>) {
    if matches!(run.kind, RunKind::Measured(_)) {
        return;
    }
    let f = &run.form;
    let hardware_used = matches!(run.kind, RunKind::Hardware);
    if hardware_used && f.hardware != CUSTOM && f.hardware != NO_ACCELERATOR && data.hardware(&f.hardware).is_none() {
        notices
            .push(format!("Hardware {} is not in today's tables: choose a device, or Custom.", quote(&f.hardware, 24)));
    }
    match f.location {
        LocationMode::Cloud if data.region(&f.provider, &f.region).is_none() => notices.push(format!(
            "Cloud region {} of provider {} is not in today's tables: choose a region.",
            quote(&f.region, 24),
            quote(&f.provider, 24)
        )),
        LocationMode::Zone if data.zone(&f.zone).is_none() => notices
            .push(format!("Grid zone {} is not in today's tables: choose a country or zone.", quote(&f.zone, 24))),
        _ => {}
    }
    if hardware_used && (f.host || f.hardware == NO_ACCELERATOR) && f.cpu != CUSTOM && data.hardware(&f.cpu).is_none() {
        notices.push(format!("CPU {} is not in today's tables: choose a CPU, or Custom.", quote(&f.cpu, 24)));
    }
}

/// The recorded factor values that differ from today's tables, in words; None
/// when nothing was recorded (or nothing can be compared).
pub(super) fn factor_changes(run: &Run, recorded: &Recorded, data: &Dataset, basis: Basis) -> Option<Vec<String>> {
    if !recorded.any() {
        return None;
    }
    let today = table_factors(run, data, basis);
    if !today.any() {
        return None;
    }
    let mut out = Vec::new();
    for (then, now, unit) in [
        (recorded.intensity, today.intensity, fields::CUSTOM_INTENSITY.unit),
        (recorded.pue, today.pue, ""),
        (recorded.power, today.power, fields::CUSTOM_POWER.unit),
    ] {
        if let (Some(then), Some((now, what))) = (then, now) {
            if !close(then, now) {
                let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                out.push(format!("{what} was {}{unit}, now {}{unit}", format::plain(then), format::plain(now)));
            }
        }
    }
    if let Some(first) = out.first_mut() {
        *first = text::capitalize(first);
    }
    Some(out)
}
