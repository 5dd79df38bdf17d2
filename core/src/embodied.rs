//! Embodied (manufacturing) emissions of the hardware a run used, amortised
//! over the device-hours it ran:
//!
//! ```text
//! embodied (kg) = (device kg + host share kg) × devices × hours ÷ (lifetime years × 8,760 h)
//! ```
//!
//! Cradle-to-gate figures per device from `data/embodied.csv` (NVIDIA's product
//! carbon footprints, Google's TPU life-cycle study, EcoLogits' and CCF's server
//! figures), the device's own row or its kind's documented fallback. The range
//! takes the low figures over the longest lifetime and the high figures over the
//! shortest. Reported apart from the operational (electricity) emissions and
//! added to the total only when the project says so.

use crate::data::{Dataset, Embodied, EmbodiedIncludes, HardwareKind, Source};
use crate::form::{CUSTOM, NO_ACCELERATOR};
use crate::job::Job;
use crate::model::Range;
use serde::{Deserialize, Serialize};

/// Hours in a year of service.
pub const HOURS_PER_YEAR: f64 = 8760.0;
/// Cores per CPU package assumed for a custom CPU, to charge a host server per
/// package (the CPU fallback row is one host server per CPU package).
pub const CORES_PER_PACKAGE: f64 = 32.0;

/// The manufacturing share of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbodiedUse {
    /// Amortised over this run's use, one run (before the repeat count), kg CO2e.
    pub kg: Range,
    /// `data/embodied.csv` row.
    pub row: String,
    /// True when the device has no row of its own and its kind's fallback is used.
    pub fallback: bool,
    /// What one device's figure covers.
    pub includes: EmbodiedIncludes,
    /// kg CO2e per device, and its range.
    pub device_kg: f64,
    pub device_low_kg: f64,
    pub device_high_kg: f64,
    /// kg CO2e of host server charged per device (0 when none).
    pub host_kg: f64,
    pub host_low_kg: f64,
    pub host_high_kg: f64,
    /// Years of service the figures are shared over, and the range.
    pub lifetime_years: f64,
    pub lifetime_low_years: f64,
    pub lifetime_high_years: f64,
    /// Device-hours (or CPU-package-hours for a host-only job) charged.
    pub device_hours: f64,
    /// "cradle-to-gate (…)".
    pub scope: String,
    pub source: Source,
}

/// The lifetime's range around a value: the table's relative band (3–6 years around 4).
fn lifetime_band(row: &Embodied, lifetime: f64) -> (f64, f64) {
    let d = row.lifetime_years;
    (lifetime * row.lifetime_low_years / d, lifetime * row.lifetime_high_years / d)
}

/// The embodied share of `job`, or None where no figure applies (a run from
/// requests or a measurement carries no device count; a host-only job with no
/// cores). `lifetime`: years typed by the user, else the table's default.
pub fn of_job(job: &Job, data: &Dataset, lifetime: Option<f64>) -> Option<EmbodiedUse> {
    let (row, fallback, units) = if job.hardware.id == NO_ACCELERATOR {
        let host = job.host.as_ref().filter(|h| h.cores > 0.0)?;
        let row = data.embodied.iter().find(|e| e.fallback && e.kind == HardwareKind::Cpu)?;
        let package_cores = data
            .hardware
            .iter()
            .find(|h| h.kind == HardwareKind::Cpu && h.full_name() == host.cpu_name)
            .and_then(|h| h.cores)
            .map_or(CORES_PER_PACKAGE, f64::from);
        (row, true, host.cores / package_cores)
    } else if job.hardware.id == CUSTOM {
        let row = data.embodied.iter().find(|e| e.fallback && e.kind == HardwareKind::Gpu)?;
        (row, true, f64::from(job.devices))
    } else {
        let h = data.hardware(&job.hardware.id)?;
        let (row, fallback) = data.embodied_for(h)?;
        (row, fallback, f64::from(job.devices))
    };
    let lifetime_years = lifetime.unwrap_or(row.lifetime_years);
    let (lifetime_low_years, lifetime_high_years) = lifetime_band(row, lifetime_years);
    let device_hours = units * job.hours;
    let per_hour = |kg: f64, years: f64| kg * device_hours / (years * HOURS_PER_YEAR);
    let (host_kg, host_low_kg, host_high_kg) = (
        row.host_share_kg.unwrap_or(0.0),
        row.host_share_low_kg.or(row.host_share_kg).unwrap_or(0.0),
        row.host_share_high_kg.or(row.host_share_kg).unwrap_or(0.0),
    );
    let kg = Range {
        low: per_hour(row.embodied_low_kg + host_low_kg, lifetime_high_years),
        central: per_hour(row.embodied_kg + host_kg, lifetime_years),
        high: per_hour(row.embodied_high_kg + host_high_kg, lifetime_low_years),
    };
    Some(EmbodiedUse {
        kg,
        row: row.id.clone(),
        fallback,
        includes: row.includes,
        device_kg: row.embodied_kg,
        device_low_kg: row.embodied_low_kg,
        device_high_kg: row.embodied_high_kg,
        host_kg,
        host_low_kg,
        host_high_kg,
        lifetime_years,
        lifetime_low_years,
        lifetime_high_years,
        device_hours,
        scope: row.scope.clone(),
        source: Source::new(&row.publisher, &row.source_url, row.year),
    })
}
