//! The calculator's state as the user typed it, and its validation into a
//! typed [`Job`]. Raw text is kept as text so that a bad value never loses
//! what the user typed; validation happens once, here.

use crate::data::{CloudRegion, Dataset, GridZone, HardwareKind, Source, MEMORY_W_PER_GB, PUE_ON_PREMISES};
use crate::fields::{self, FieldId, FieldSpec};
use crate::model::{self, Bands, Estimate, Inputs};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Hardware choice meaning "a device the tables do not list".
pub const CUSTOM: &str = "custom";
/// Hardware choice meaning "no accelerator: host CPU and memory only".
pub const NO_ACCELERATOR: &str = "none";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DurationUnit {
    #[default]
    Hours,
    Days,
}

impl DurationUnit {
    pub fn hours(self) -> f64 {
        match self {
            DurationUnit::Hours => 1.0,
            DurationUnit::Days => 24.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationMode {
    /// A cloud provider's region.
    #[default]
    Cloud,
    /// A country or sub-national grid zone (on-premises, HPC centre, laptop).
    Zone,
    /// A grid intensity typed by the user.
    Custom,
}

/// Everything the user entered, as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormState {
    /// A hardware id from `data/hardware.csv`, [`CUSTOM`] or [`NO_ACCELERATOR`].
    pub hardware: String,
    pub custom_name: String,
    pub custom_power_w: String,
    pub devices: String,
    pub duration: String,
    pub duration_unit: DurationUnit,
    pub utilization_pct: String,
    pub location: LocationMode,
    pub provider: String,
    pub region: String,
    pub zone: String,
    pub custom_intensity: String,
    /// Empty means "the default PUE for this location".
    pub pue: String,
    /// Include host CPU and memory.
    pub host: bool,
    /// A CPU id from `data/hardware.csv` or [`CUSTOM`].
    pub cpu: String,
    pub cpu_cores: String,
    pub cpu_w_per_core: String,
    pub cpu_usage_pct: String,
    pub memory_gb: String,
}

pub const DEFAULT_HARDWARE: &str = "nvidia-a100-sxm4-80gb";
pub const DEFAULT_PROVIDER: &str = "aws";
pub const DEFAULT_REGION: &str = "us-east-1";
pub const DEFAULT_ZONE: &str = "US";

impl Default for FormState {
    fn default() -> Self {
        FormState {
            hardware: DEFAULT_HARDWARE.into(),
            custom_name: String::new(),
            custom_power_w: String::new(),
            devices: fields::DEVICES.default.into(),
            duration: fields::DURATION.default.into(),
            duration_unit: DurationUnit::Hours,
            utilization_pct: fields::UTILIZATION.default.into(),
            location: LocationMode::Cloud,
            provider: DEFAULT_PROVIDER.into(),
            region: DEFAULT_REGION.into(),
            zone: DEFAULT_ZONE.into(),
            custom_intensity: String::new(),
            pue: String::new(),
            host: false,
            cpu: CUSTOM.into(),
            cpu_cores: fields::CPU_CORES.default.into(),
            cpu_w_per_core: fields::CPU_POWER.default.into(),
            cpu_usage_pct: fields::CPU_USAGE.default.into(),
            memory_gb: fields::MEMORY_GB.default.into(),
        }
    }
}

/// The accelerator, as used in the estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HardwareUse {
    /// Hardware id, or "custom" / "none".
    pub id: String,
    pub name: String,
    pub power_w: f64,
    pub basis: String,
    pub source: Option<Source>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostUse {
    pub cpu_name: String,
    pub cores: f64,
    pub w_per_core: f64,
    pub usage: f64,
    pub memory_gb: f64,
    pub cpu_source: Option<Source>,
    pub memory_source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationUse {
    /// "Amazon Web Services us-east-1 (US East (N. Virginia))", "France", "Custom intensity".
    pub label: String,
    /// Where it is: "Virginia, US".
    pub place: String,
    /// The grid the factor describes: "SERC Virginia/Carolina (eGRID SRVC)".
    pub grid: String,
    pub intensity_g_per_kwh: f64,
    /// What the figure measures.
    pub basis: String,
    /// None for a custom intensity.
    pub source: Option<Source>,
    /// Market-based: the provider's carbon-free energy share, shown apart, never subtracted.
    pub provider_cfe: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PueUse {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// "Amazon Web Services fleet average" or "entered by the user".
    pub label: String,
    pub source: Option<Source>,
}

/// A validated job: every number finite and in range, every factor with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub hardware: HardwareUse,
    pub devices: u32,
    pub hours: f64,
    /// Fraction of rated power, 0 < u <= 1.
    pub utilization: f64,
    pub host: Option<HostUse>,
    pub location: LocationUse,
    pub pue: PueUse,
}

impl Job {
    pub fn inputs(&self) -> Inputs {
        let (cpu_cores, cpu_w_per_core, cpu_usage, memory_gb) = match &self.host {
            Some(h) => (h.cores, h.w_per_core, h.usage, h.memory_gb),
            None => (0.0, 0.0, 0.0, 0.0),
        };
        Inputs {
            devices: f64::from(self.devices),
            device_power_w: self.hardware.power_w,
            utilization: self.utilization,
            hours: self.hours,
            cpu_cores,
            cpu_w_per_core,
            cpu_usage,
            memory_gb,
            memory_w_per_gb: MEMORY_W_PER_GB,
            pue: self.pue.value,
            intensity_g_per_kwh: self.location.intensity_g_per_kwh,
        }
    }

    pub fn bands(&self) -> Bands {
        Bands::around(self.utilization, self.pue.low, self.pue.high)
    }

    pub fn estimate(&self) -> Estimate {
        model::estimate(&self.inputs(), &self.bands())
    }
}

/// Messages keyed by the field they belong to.
pub type Errors = BTreeMap<FieldId, String>;

fn field(errors: &mut Errors, spec: &FieldSpec, raw: &str) -> Option<f64> {
    match spec.parse(raw) {
        Ok(v) => Some(v),
        Err(msg) => {
            errors.insert(spec.id, msg);
            None
        }
    }
}

fn place(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(", ")
}

/// The provider's own location-based grid intensity for a cloud region and its
/// year, when the provider publishes one (Google Cloud does, per region). Used in
/// place of the region's grid-zone figure: one rule for the form and the region
/// comparison.
pub fn provider_intensity(r: &CloudRegion) -> Option<(f64, u16)> {
    match (r.provider_intensity_g_per_kwh, r.provider_intensity_year) {
        (Some(v), Some(year)) => Some((v, year)),
        _ => None,
    }
}

/// The grid intensity (gCO2eq/kWh) used for cloud region `r` whose grid zone is `zone`.
pub fn region_intensity(r: &CloudRegion, zone: &GridZone) -> f64 {
    provider_intensity(r).map_or(zone.intensity_g_per_kwh, |(v, _)| v)
}

/// The PUE row that applies by default to the chosen location.
pub fn default_pue<'d>(state: &FormState, data: &'d Dataset) -> Option<&'d crate::data::Pue> {
    match state.location {
        LocationMode::Cloud => data
            .region(&state.provider, &state.region)
            .and_then(|r| data.region_pue(r))
            .or_else(|| data.pue(&state.provider)),
        LocationMode::Zone | LocationMode::Custom => data.pue(PUE_ON_PREMISES),
    }
}

/// Validate the whole form. Every problem is reported at once, each on its field.
pub fn validate(state: &FormState, data: &Dataset) -> Result<Job, Errors> {
    let mut errors = Errors::new();

    // Accelerator.
    let hardware = match state.hardware.as_str() {
        NO_ACCELERATOR => Some(HardwareUse {
            id: NO_ACCELERATOR.into(),
            name: "no accelerator".into(),
            power_w: 0.0,
            basis: String::new(),
            source: None,
        }),
        CUSTOM => {
            let name = state.custom_name.trim();
            if name.chars().count() > 80 {
                errors.insert(FieldId::CustomName, "Keep the name under 80 characters.".into());
            }
            field(&mut errors, &fields::CUSTOM_POWER, &state.custom_power_w).map(|w| HardwareUse {
                id: CUSTOM.into(),
                name: if name.is_empty() { "custom device".into() } else { name.to_string() },
                power_w: w,
                basis: "power entered by the user".into(),
                source: None,
            })
        }
        id => match data.hardware(id) {
            None => {
                errors.insert(FieldId::Hardware, "Choose a device from the list, or Custom.".into());
                None
            }
            Some(h) => match h.power_w {
                None => {
                    errors.insert(
                        FieldId::Hardware,
                        format!(
                            "{} does not publish the power of the {}: choose Custom and enter a figure you can cite.",
                            h.vendor, h.name
                        ),
                    );
                    None
                }
                Some(w) => Some(HardwareUse {
                    id: h.id.clone(),
                    name: h.full_name(),
                    power_w: w,
                    basis: h.power_basis.label().into(),
                    source: Some(Source { name: h.vendor.clone(), url: h.source_url.clone(), year: h.year }),
                }),
            },
        },
    };
    let no_accelerator = state.hardware == NO_ACCELERATOR;
    let devices = if no_accelerator { Some(0.0) } else { field(&mut errors, &fields::DEVICES, &state.devices) };

    let duration = field(&mut errors, &fields::DURATION, &state.duration);
    let hours = duration.and_then(|d| {
        let h = d * state.duration_unit.hours();
        if h > fields::DURATION.max {
            errors.insert(
                FieldId::Duration,
                format!(
                    "Duration must be at most {} h ({} days): check the value and its unit.",
                    crate::format::plain(fields::DURATION.max),
                    crate::format::fixed(fields::DURATION.max / 24.0, 0)
                ),
            );
            None
        } else {
            Some(h)
        }
    });
    let utilization = if no_accelerator {
        Some(1.0)
    } else {
        field(&mut errors, &fields::UTILIZATION, &state.utilization_pct).map(|p| p / 100.0)
    };

    // Host CPU and memory.
    let host = if state.host || no_accelerator {
        let cores = field(&mut errors, &fields::CPU_CORES, &state.cpu_cores);
        let (cpu_name, w_per_core, cpu_source) = if state.cpu == CUSTOM {
            let w = field(&mut errors, &fields::CPU_POWER, &state.cpu_w_per_core);
            ("CPU".to_string(), w, None)
        } else {
            match data.hardware(&state.cpu).filter(|h| h.kind == HardwareKind::Cpu) {
                Some(h) => (
                    h.full_name(),
                    h.watts_per_core(),
                    Some(Source { name: h.vendor.clone(), url: h.source_url.clone(), year: h.year }),
                ),
                None => {
                    errors.insert(FieldId::CpuPower, "Choose a CPU from the list, or Custom.".into());
                    (String::new(), None, None)
                }
            }
        };
        let usage = field(&mut errors, &fields::CPU_USAGE, &state.cpu_usage_pct).map(|p| p / 100.0);
        let memory = field(&mut errors, &fields::MEMORY_GB, &state.memory_gb);
        match (cores, w_per_core, usage, memory) {
            (Some(cores), Some(w_per_core), Some(usage), Some(memory_gb)) => {
                if no_accelerator && cores == 0.0 && memory_gb == 0.0 {
                    errors.insert(
                        FieldId::CpuCores,
                        "With no accelerator, enter the CPU cores or memory the job used.".into(),
                    );
                }
                Some(HostUse {
                    cpu_name,
                    cores,
                    w_per_core,
                    usage,
                    memory_gb,
                    cpu_source,
                    memory_source: crate::data::memory_power_source(),
                })
            }
            _ => None,
        }
    } else {
        None
    };

    let (location, pue) = validate_site(state, data, &mut errors);

    match (hardware, devices, hours, utilization, location, pue) {
        (Some(hardware), Some(devices), Some(hours), Some(utilization), Some(location), Some(pue))
            if errors.is_empty() =>
        {
            Ok(Job { hardware, devices: devices as u32, hours, utilization, host, location, pue })
        }
        _ => Err(errors),
    }
}

/// Where the job ran and the data centre's PUE: the part of the form shared by
/// every kind of run (estimated from hardware, or from energy per request).
pub fn validate_site(state: &FormState, data: &Dataset, errors: &mut Errors) -> (Option<LocationUse>, Option<PueUse>) {
    // Location.
    let location = match state.location {
        LocationMode::Cloud => match data.region(&state.provider, &state.region) {
            None => {
                errors.insert(FieldId::Region, "Choose a region of this provider.".into());
                None
            }
            Some(r) => data.zone(&r.zone_id).map(|z| {
                let provider = data.provider_label(&r.provider).to_string();
                let (intensity, basis, source, grid) = match provider_intensity(r) {
                    Some((v, year)) => (
                        v,
                        "location-based grid intensity published by the provider for this region".to_string(),
                        Source {
                            name: format!("{provider}, region carbon data"),
                            url: r.provider_intensity_source_url.clone(),
                            year,
                        },
                        format!("{} grid ({})", r.region_code, provider),
                    ),
                    None => (
                        z.intensity_g_per_kwh,
                        z.basis.clone(),
                        Source { name: z.publisher.clone(), url: z.source_url.clone(), year: z.year },
                        z.name.clone(),
                    ),
                };
                LocationUse {
                    label: format!("{provider} {} ({})", r.region_code, r.region_name),
                    place: place(&[&r.city, &r.subdivision, &r.country_iso2]),
                    grid,
                    intensity_g_per_kwh: intensity,
                    basis,
                    source: Some(source),
                    provider_cfe: r.provider_cfe,
                }
            }),
        },
        LocationMode::Zone => match data.zone(&state.zone) {
            None => {
                errors.insert(FieldId::Zone, "Choose a country or grid zone.".into());
                None
            }
            Some(z) => Some(LocationUse {
                label: z.name.clone(),
                place: z.name.clone(),
                grid: z.name.clone(),
                intensity_g_per_kwh: z.intensity_g_per_kwh,
                basis: z.basis.clone(),
                source: Some(Source { name: z.publisher.clone(), url: z.source_url.clone(), year: z.year }),
                provider_cfe: None,
            }),
        },
        LocationMode::Custom => {
            field(errors, &fields::CUSTOM_INTENSITY, &state.custom_intensity).map(|v| LocationUse {
                label: "custom grid intensity".into(),
                place: "location not stated".into(),
                grid: "custom".into(),
                intensity_g_per_kwh: v,
                basis: "entered by the user".into(),
                source: None,
                provider_cfe: None,
            })
        }
    };

    // PUE: typed value, or the location's default.
    let pue = if state.pue.trim().is_empty() {
        match default_pue(state, data) {
            Some(p) => Some(PueUse {
                value: p.pue,
                low: p.pue_low,
                high: p.pue_high,
                label: p.label.clone(),
                source: Some(Source { name: p.label.clone(), url: p.source_url.clone(), year: p.year }),
            }),
            None => {
                errors.insert(FieldId::Pue, "No published PUE for this choice: enter one.".into());
                None
            }
        }
    } else {
        field(errors, &fields::PUE, &state.pue).map(|v| {
            let (low, high) = Bands::custom_pue(v);
            PueUse { value: v, low, high, label: "entered by the user".into(), source: None }
        })
    };

    (location, pue)
}
