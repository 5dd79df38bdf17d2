//! The JSON export and import (schema documented in `docs/export-schema.md`).
//!
//! An export holds the project exactly as entered (raw text fields included),
//! so importing it restores the same state; and, for readers of the file, the
//! results: every factor value used with its source and year, and each range.
//! Import never trusts the file: every failure is a message for the user.

use crate::compute::ComputeUse;
use crate::data::{Basis, Source, MEMORY_W_PER_GB};
use crate::embodied::EmbodiedUse;
use crate::fields::FieldId;
use crate::job::{HardwareUse, HostUse, IntensityBasis, Job, LocationUse, ProviderFigure, PueUse};
use crate::model::{Estimate, Range, UTILIZATION_BAND};
use crate::project::{Detail, MeasuredRun, Phase, Project, ProjectTotals, RequestsUse};
use crate::{APP_VERSION, DATA_VERSION};
use serde::Serialize;
use std::collections::BTreeMap;

/// Name of the export format, checked on import.
pub const SCHEMA: &str = "ml-emissions-calculator/estimate";
/// Version of the export format. Bump it when a reader of version 1 would
/// misread a file; adding fields does not need a bump.
pub const SCHEMA_VERSION: u64 = 1;
/// The most runs a project holds: the one project limit, the same for links
/// and saved sessions ([`crate::permalink::MAX_RUNS`]), exports and imports.
/// (An import of tracker files should stop at it too.)
pub const MAX_RUNS: usize = crate::permalink::MAX_RUNS;
/// Largest file accepted on import, in bytes (100 MB). The fullest run the app
/// writes (every factor section, long texts) takes about 7.6 kB pretty-printed,
/// a default run 4.7 kB: [`MAX_RUNS`] of the fullest fit with room to spare
/// (`core/tests/export_import.rs` checks it). [`check_size`] gives the message.
pub const MAX_IMPORT_BYTES: usize = 100_000_000;
/// Longest text accepted in any field of an imported project.
pub const MAX_TEXT_CHARS: usize = 1_000;

mod import;
pub use import::{check_size, import_json, import_json_with, ImportError, Imported};

#[derive(Serialize)]
struct Export<'a> {
    schema: &'static str,
    schema_version: u64,
    app_version: &'static str,
    data_version: &'static str,
    project: &'a Project,
    results: Results,
}

/// The computed part of an export. Written for readers; ignored on import.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Always "location-based".
    pub accounting: &'static str,
    /// The basis of the zones' grid intensities: "lifecycle" or "direct".
    pub grid_basis: Basis,
    pub units: BTreeMap<&'static str, &'static str>,
    pub total: Totals,
    pub phases: Vec<PhaseResult>,
    pub runs: Vec<RunResult>,
    /// Runs left out of the totals because a field is invalid.
    pub invalid_runs: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub energy_kwh: Range,
    /// Operational (electricity) emissions.
    pub emissions_kg: Range,
    /// The hardware's manufacturing share, reported apart (cradle-to-gate,
    /// amortised over the device-hours used).
    pub embodied_kg: Range,
    /// Runs whose manufacturing share is not estimated (from requests or measurements).
    pub embodied_missing_runs: usize,
    /// Whether the headline adds the manufacturing share.
    pub include_embodied: bool,
    /// The headline: `emissions_kg`, plus `embodied_kg` when included.
    pub headline_kg: Range,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseResult {
    pub phase: Phase,
    pub label: &'static str,
    pub runs: usize,
    pub energy_kwh: Range,
    pub emissions_kg: Range,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunResult {
    pub index: usize,
    pub label: String,
    pub phase: Phase,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat: Option<u32>,
    /// Including the repeat count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub energy_kwh: Option<Range>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emissions_kg: Option<Range>,
    /// One run, before the repeat count (estimated runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_run: Option<PerRun>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factors: Option<Factors>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_request: Option<PerRequestFactors>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<MeasuredRun>,
    /// The manufacturing share, including the repeat count (estimated runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embodied: Option<EmbodiedUse>,
    /// Field key → message, for invalid runs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub errors: BTreeMap<&'static str, String>,
}

/// How a run was evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// From hardware.
    Estimated,
    /// Requests × energy per request.
    PerRequest,
    /// A tracker's figures.
    Measured,
    /// A field needs attention; left out of the totals.
    Invalid,
}

#[derive(Debug, Clone, Serialize)]
pub struct PerRun {
    /// IT power (W) at the central utilization, before PUE.
    pub it_power_w: f64,
    pub energy_kwh: Range,
    pub emissions_kg: Range,
}

/// Every factor one estimated run used, each with its source and year.
#[derive(Debug, Clone, Serialize)]
pub struct Factors {
    pub hardware: HardwareUse,
    pub devices: u32,
    pub duration_h: f64,
    pub utilization: Band,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<HostUse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_w_per_gb: Option<f64>,
    pub pue: PueUse,
    pub grid: Grid,
    /// The job's compute (FLOPs, peak throughput, MFU, device-hours) when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compute: Option<ComputeUse>,
}

/// The factors of an inference run estimated from requests.
#[derive(Debug, Clone, Serialize)]
pub struct PerRequestFactors {
    pub requests: f64,
    pub wh_per_request: f64,
    /// Where the energy per request comes from, as the user stated it.
    pub basis: String,
    pub pue: PueUse,
    pub grid: Grid,
}

/// A fraction with the band used for the range.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Half-width of the band in percentage points.
    pub band_points: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    pub intensity_g_per_kwh: f64,
    /// Zone of `data/grid_zones.csv` whose figure is used (null: a provider's
    /// own regional figure, or a value entered by the user).
    pub zone_id: Option<String>,
    pub grid: String,
    pub location: String,
    pub place: String,
    /// "lifecycle", "direct", "provider" or "entered".
    pub intensity_basis: IntensityBasis,
    /// True when direct was chosen but the zone publishes none (its lifecycle figure is used).
    pub basis_fallback: bool,
    pub basis: String,
    pub source: Option<Source>,
    /// The provider's own figure for the region, when it publishes one (the one
    /// used only when `intensity_basis` is "provider").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider_figure: Option<ProviderFigure>,
    /// A provider's market-based figure, reported apart and never subtracted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market_based: Option<MarketBased>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MarketBased {
    pub carbon_free_energy_share: f64,
    pub source: Option<Source>,
    pub note: &'static str,
}

fn grid(l: &LocationUse) -> Grid {
    Grid {
        intensity_g_per_kwh: l.intensity_g_per_kwh,
        zone_id: l.zone_id.clone(),
        grid: l.grid.clone(),
        location: l.label.clone(),
        place: l.place.clone(),
        intensity_basis: l.intensity_basis,
        basis_fallback: l.basis_fallback,
        basis: l.basis.clone(),
        source: l.source.clone(),
        provider_figure: l.provider_figure.clone(),
        market_based: l.provider_cfe.map(|cfe| MarketBased {
            carbon_free_energy_share: cfe,
            source: l.provider_figure.as_ref().map(|f| f.source.clone()).or_else(|| l.source.clone()),
            note: "market-based figure from the provider; not subtracted from the location-based emissions",
        }),
    }
}

fn factors(job: &Job) -> Factors {
    let bands = job.bands();
    Factors {
        hardware: job.hardware.clone(),
        devices: job.devices,
        duration_h: job.hours,
        utilization: Band {
            value: job.utilization,
            low: bands.utilization_low,
            high: bands.utilization_high,
            band_points: UTILIZATION_BAND * 100.0,
        },
        memory_w_per_gb: job.host.as_ref().map(|_| MEMORY_W_PER_GB),
        host: job.host.clone(),
        pue: job.pue.clone(),
        grid: grid(&job.location),
        compute: job.compute.clone(),
    }
}

fn per_request(r: &RequestsUse) -> PerRequestFactors {
    PerRequestFactors {
        requests: r.requests,
        wh_per_request: r.wh_per_request,
        basis: r.basis.clone(),
        pue: r.pue.clone(),
        grid: grid(&r.location),
    }
}

/// The results part of an export, for any project (invalid runs included),
/// read from its evaluation.
pub fn results(project: &Project, totals: &ProjectTotals) -> Results {
    let runs = project
        .runs()
        .iter()
        .zip(&totals.runs)
        .enumerate()
        .map(|(index, (run, outcome))| {
            let mut r = RunResult {
                index,
                label: run.label.clone(),
                phase: run.phase,
                status: Status::Invalid,
                repeat: None,
                energy_kwh: None,
                emissions_kg: None,
                per_run: None,
                factors: None,
                per_request: None,
                measured: None,
                embodied: None,
                errors: BTreeMap::new(),
            };
            match outcome {
                Err(errors) => {
                    r.errors = errors.iter().map(|(id, m): (&FieldId, &String)| (id.key(), m.clone())).collect()
                }
                Ok(o) => {
                    r.repeat = Some(o.repeat);
                    r.energy_kwh = Some(o.energy_kwh);
                    r.emissions_kg = Some(o.emissions_kg);
                    r.embodied = o.embodied.clone();
                    match &o.detail {
                        Detail::Measured(m) => {
                            r.status = Status::Measured;
                            r.measured = Some(m.clone());
                        }
                        Detail::Estimated { job, estimate } => {
                            let Estimate { it_power_w, energy_kwh, emissions_kg } = *estimate;
                            r.status = Status::Estimated;
                            r.per_run = Some(PerRun { it_power_w, energy_kwh, emissions_kg });
                            r.factors = Some(factors(job));
                        }
                        Detail::Requests(req) => {
                            r.status = Status::PerRequest;
                            r.per_request = Some(per_request(req));
                        }
                    }
                }
            }
            r
        })
        .collect();
    Results {
        accounting: "location-based",
        grid_basis: project.grid_basis,
        units: BTreeMap::from([
            ("energy", "kWh"),
            ("emissions", "kg CO2eq"),
            ("intensity", "g CO2eq/kWh"),
            ("power", "W"),
            ("duration", "h"),
            ("utilization", "fraction of rated power (0-1)"),
        ]),
        total: Totals {
            energy_kwh: totals.energy_kwh,
            emissions_kg: totals.emissions_kg,
            embodied_kg: totals.embodied_kg,
            embodied_missing_runs: totals.embodied_missing,
            include_embodied: totals.include_embodied,
            headline_kg: totals.headline_kg(),
        },
        phases: totals
            .phases
            .iter()
            .map(|p| PhaseResult {
                phase: p.phase,
                label: p.phase.label(),
                runs: p.runs,
                energy_kwh: p.energy_kwh,
                emissions_kg: p.emissions_kg,
            })
            .collect(),
        runs,
        invalid_runs: totals.invalid_runs,
    }
}

/// The export file: the project as entered, and its results. Pretty-printed.
pub fn export_json(project: &Project, totals: &ProjectTotals) -> String {
    let export = Export {
        schema: SCHEMA,
        schema_version: SCHEMA_VERSION,
        app_version: APP_VERSION,
        data_version: DATA_VERSION,
        project,
        results: results(project, totals),
    };
    // Plain data (strings, finite numbers, maps with string keys) always serializes.
    let mut s = serde_json::to_string_pretty(&export).expect("an export always serializes");
    s.push('\n');
    s
}
