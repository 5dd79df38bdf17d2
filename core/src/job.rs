//! Validation of a [`FormState`] into a typed [`Job`]: every number finite and
//! in range, every factor with its source. Every problem is reported at once,
//! each on its field, in words for the user.
//!
//! Longer than 450 lines because validation is one pass over the form that reports every problem at
//! once: the device, the job by time or by compute, the place, the PUE and the host each check
//! their fields here, in the order the form shows them.

use crate::compute::{self, ComputeUse, FlopsMethod, Peak};
use crate::data::{
    Basis, CloudRegion, Dataset, GridZone, Hardware, HardwareKind, PowerBasis, Pue, Source, MEMORY_W_PER_GB,
    PUE_ON_PREMISES,
};
use crate::fields::{self, Field, FieldId};
use crate::form::{FormState, JobBy, LocationMode, CUSTOM, NO_ACCELERATOR};
use crate::model::{self, Bands, Estimate, Inputs};
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The accelerator, as used in the estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HardwareUse {
    /// Hardware id, or "custom" / "none".
    pub id: String,
    pub name: String,
    pub power_w: f64,
    /// What the power figure is (None for a custom device or no accelerator).
    #[serde(default)]
    pub power_basis: Option<PowerBasis>,
    /// True when the power figure is a documented estimate (no vendor rating).
    #[serde(default)]
    pub estimated: bool,
    /// The power's range, W: an estimate's band; the figure itself otherwise.
    #[serde(default)]
    pub power_low_w: f64,
    #[serde(default)]
    pub power_high_w: f64,
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

/// Which kind of figure a grid intensity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntensityBasis {
    /// A zone's lifecycle figure (Ember's method): the default, like for like everywhere.
    Lifecycle,
    /// A zone's direct figure (combustion at the plant, or scope 2), where published.
    Direct,
    /// A cloud provider's own figure for its region, on the provider's own method.
    Provider,
    /// Typed by the user.
    Entered,
}

impl IntensityBasis {
    /// "lifecycle", "direct (combustion / scope 2)", "the provider's own figure", "entered by the user".
    pub fn label(self) -> &'static str {
        match self {
            IntensityBasis::Lifecycle => Basis::Lifecycle.label(),
            IntensityBasis::Direct => Basis::Direct.label(),
            IntensityBasis::Provider => "the provider's own figure",
            IntensityBasis::Entered => "entered by the user",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationUse {
    /// "Amazon Web Services us-east-1 (US East (N. Virginia))", "France", "Custom intensity".
    pub label: String,
    /// Where it is: "Virginia, US".
    pub place: String,
    /// The grid the factor describes: "SERC Virginia/Carolina (eGRID SRVC)".
    pub grid: String,
    /// Grid zone of `data/grid_zones.csv` whose figure is used; None for a
    /// provider's own regional figure or a custom intensity.
    #[serde(default)]
    pub zone_id: Option<String>,
    pub intensity_g_per_kwh: f64,
    /// Which kind of figure it is.
    pub intensity_basis: IntensityBasis,
    /// True when the direct basis was chosen but this zone publishes no direct
    /// figure: its lifecycle figure is used (and said so).
    #[serde(default)]
    pub basis_fallback: bool,
    /// What the figure measures, in the publisher's words.
    pub basis: String,
    /// The basis in a few words, for sentences ("lifecycle (Ember)").
    #[serde(default)]
    pub short_basis: String,
    /// None for a custom intensity.
    pub source: Option<Source>,
    /// Market-based: the provider's carbon-free energy share, shown apart, never subtracted.
    pub provider_cfe: Option<f64>,
    /// The provider's own figure for the region, when it publishes one: the
    /// figure used when `intensity_basis` is `Provider`, else shown beside the
    /// zone's figure, never mixed in silently. Its source is also the source of
    /// `provider_cfe`.
    #[serde(default)]
    pub provider_figure: Option<ProviderFigure>,
}

/// A cloud provider's own published grid intensity for one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderFigure {
    pub intensity_g_per_kwh: f64,
    /// "Google Cloud, region carbon data".
    pub source: Source,
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
    /// The job's compute: given (and the hours derived from it), or derived
    /// from the hours when the device's peak throughput is known.
    #[serde(default)]
    pub compute: Option<ComputeUse>,
    /// Years of service typed for the embodied share (None: the table's default).
    #[serde(default)]
    pub lifetime_years: Option<f64>,
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

    /// The range's assumptions: utilization and PUE; an estimated power's band;
    /// the MFU's band for a job described by its compute.
    pub fn bands(&self) -> Bands {
        let h = &self.hardware;
        let hours = self.compute.as_ref().and_then(|c| c.hours_at_ends(f64::from(self.devices)));
        Bands::around(self.utilization, self.pue.low, self.pue.high)
            .with_power(h.power_w, h.power_low_w, h.power_high_w)
            .with_hours(hours)
    }

    pub fn estimate(&self) -> Estimate {
        model::estimate(&self.inputs(), &self.bands())
    }
}

/// Messages keyed by the field they belong to.
pub type Errors = BTreeMap<FieldId, String>;

/// Parse one numeric field, recording its message on failure.
pub fn number(errors: &mut Errors, spec: &Field, raw: &str) -> Option<f64> {
    match spec.parse(raw) {
        Ok(v) => Some(v),
        Err(msg) => {
            errors.insert(spec.id, msg);
            None
        }
    }
}

/// The provider's own location-based grid intensity for a cloud region and its
/// year, when the provider publishes one (Google Cloud does, per region). It is
/// on the provider's own method, so it is used only when chosen explicitly;
/// the region's grid zone gives the like-for-like figure.
pub fn provider_intensity(r: &CloudRegion) -> Option<(f64, u16)> {
    match (r.provider_intensity_g_per_kwh, r.provider_intensity_year) {
        (Some(v), Some(year)) => Some((v, year)),
        _ => None,
    }
}

/// The provider's own figure for region `r`, with its source.
pub fn provider_figure(r: &CloudRegion, data: &Dataset) -> Option<ProviderFigure> {
    provider_intensity(r).map(|(v, year)| ProviderFigure {
        intensity_g_per_kwh: v,
        source: Source {
            name: data.provider_label(&r.provider).to_string(),
            url: r.provider_intensity_source_url.clone(),
            year,
            title: "Carbon data for cloud regions".into(),
        },
    })
}

/// A zone's intensity on `basis` (gCO2eq/kWh): the one rule for the form and the comparison.
pub fn zone_intensity(zone: &GridZone, basis: Basis) -> f64 {
    zone.intensity(basis).value
}

/// The PUE row that applies by default to the chosen location.
pub fn default_pue<'d>(state: &FormState, data: &'d Dataset) -> Option<&'d Pue> {
    match state.location {
        LocationMode::Cloud => data
            .region(&state.provider, &state.region)
            .and_then(|r| data.region_pue(r))
            .or_else(|| data.pue(&state.provider)),
        LocationMode::Zone | LocationMode::Custom => data.pue(PUE_ON_PREMISES),
    }
}

/// Validate the whole form with lifecycle grid intensities (the default basis).
pub fn validate(state: &FormState, data: &Dataset) -> Result<Job, Errors> {
    validate_on(state, data, Basis::Lifecycle)
}

/// Validate the whole form, with zone intensities on `basis`. Every problem is
/// reported at once, each on its field.
pub fn validate_on(state: &FormState, data: &Dataset, basis: Basis) -> Result<Job, Errors> {
    let mut errors = Errors::new();
    let no_accelerator = state.hardware == NO_ACCELERATOR;
    let hardware = validate_hardware(state, data, &mut errors);
    let devices = if no_accelerator { Some(0.0) } else { number(&mut errors, &fields::DEVICES, &state.devices) };
    let (hours, compute) = if !no_accelerator && state.job_by == JobBy::Compute {
        match validate_by_compute(state, data, devices, &mut errors) {
            Some((c, hours)) => (Some(hours), Some(c)),
            None => (None, None),
        }
    } else {
        let hours = validate_duration(state, &mut errors);
        let compute = if no_accelerator { None } else { compute_of_time(state, data, devices, hours, &mut errors) };
        (hours, compute)
    };
    let utilization = if no_accelerator {
        Some(1.0)
    } else {
        number(&mut errors, &fields::UTILIZATION, &state.utilization).map(|p| p / 100.0)
    };
    let host = if state.host || no_accelerator { validate_host(state, data, &mut errors) } else { None };
    let (location, pue) = validate_site(state, data, basis, &mut errors);
    let lifetime_years =
        if state.lifetime.trim().is_empty() { None } else { number(&mut errors, &fields::LIFETIME, &state.lifetime) };

    match (hardware, devices, hours, utilization, location, pue) {
        (Some(hardware), Some(devices), Some(hours), Some(utilization), Some(location), Some(pue))
            if errors.is_empty() =>
        {
            Ok(Job {
                hardware,
                devices: devices as u32,
                hours,
                utilization,
                host,
                location,
                pue,
                compute,
                lifetime_years,
            })
        }
        _ => Err(errors),
    }
}

/// The accelerator: a listed device with a power figure, a custom device, or none.
fn validate_hardware(state: &FormState, data: &Dataset, errors: &mut Errors) -> Option<HardwareUse> {
    match state.hardware.as_str() {
        NO_ACCELERATOR => Some(HardwareUse {
            id: NO_ACCELERATOR.into(),
            name: "no accelerator".into(),
            power_w: 0.0,
            power_basis: None,
            estimated: false,
            power_low_w: 0.0,
            power_high_w: 0.0,
            basis: String::new(),
            source: None,
        }),
        CUSTOM => {
            let name = state.custom_name.trim();
            if name.chars().count() > fields::NAME_MAX_CHARS {
                errors
                    .insert(FieldId::CustomName, format!("Keep the name under {} characters.", fields::NAME_MAX_CHARS));
            }
            number(errors, &fields::CUSTOM_POWER, &state.custom_power).map(|w| HardwareUse {
                id: CUSTOM.into(),
                name: if name.is_empty() { "custom device".into() } else { name.to_string() },
                power_w: w,
                power_basis: None,
                estimated: false,
                power_low_w: w,
                power_high_w: w,
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
                Some(w) => {
                    // Only an estimate's band widens the range; a published
                    // rating's configurable range is a fact about the part, not an
                    // uncertainty of the figure.
                    let (low, high) = if h.power_is_estimated() { h.power_range_w().unwrap_or((w, w)) } else { (w, w) };
                    Some(HardwareUse {
                        id: h.id.clone(),
                        name: h.full_name(),
                        power_w: w,
                        power_basis: Some(h.power_basis),
                        estimated: h.power_is_estimated(),
                        power_low_w: low,
                        power_high_w: high,
                        basis: h.power_basis.label().into(),
                        source: Some(h.source()),
                    })
                }
            },
        },
    }
}

/// The peak throughput of the chosen device at the chosen precision. With
/// `errors`, a missing figure is reported on the field that can fix it.
fn peak(state: &FormState, data: &Dataset, errors: Option<&mut Errors>) -> Option<Peak> {
    let precision = state.precision;
    if state.hardware == CUSTOM {
        if errors.is_none() && state.custom_tflops.trim().is_empty() {
            return None;
        }
        let tflops = match (fields::CUSTOM_TFLOPS.parse(&state.custom_tflops), errors) {
            (Ok(v), _) => v,
            (Err(m), Some(e)) => {
                e.insert(FieldId::CustomTflops, m);
                return None;
            }
            (Err(_), None) => return None,
        };
        return Some(Peak { precision, tflops, source: None, status: "entered by the user".into() });
    }
    let h: &Hardware = data.hardware(&state.hardware)?;
    match h.peak_tflops(precision) {
        Some(tflops) => Some(Peak {
            precision,
            tflops,
            source: Some(Source::new(&h.vendor, &h.throughput_source_url, h.year)),
            status: h.throughput_status.map_or("figure", |s| s.label()).into(),
        }),
        None => {
            if let Some(e) = errors {
                let others: Vec<&str> = crate::data::Precision::ALL
                    .into_iter()
                    .filter(|p| h.peak_tflops(*p).is_some())
                    .map(|p| p.label())
                    .collect();
                if others.is_empty() {
                    e.insert(
                        FieldId::Hardware,
                        format!(
                            "No published peak throughput for the {}: choose another device, or describe the job by time.",
                            h.full_name()
                        ),
                    );
                } else {
                    e.insert(
                        FieldId::Precision,
                        format!(
                            "The {} has no published dense {} throughput: choose {}, or describe the job by time.",
                            h.full_name(),
                            precision.label(),
                            others.join(" or ")
                        ),
                    );
                }
            }
            None
        }
    }
}

/// A job described by its compute: its FLOPs (given, or 6 × parameters ×
/// tokens), and the hours they take on these devices at the MFU.
fn validate_by_compute(
    state: &FormState,
    data: &Dataset,
    devices: Option<f64>,
    errors: &mut Errors,
) -> Option<(ComputeUse, f64)> {
    let given = |s: &str| !s.trim().is_empty();
    let (method, flops) = if given(&state.flops) || (!given(&state.params) && !given(&state.tokens)) {
        (FlopsMethod::Entered, number(errors, &fields::FLOPS, &state.flops))
    } else {
        let params = number(errors, &fields::PARAMS, &state.params);
        let tokens = number(errors, &fields::TOKENS, &state.tokens);
        match (params, tokens) {
            (Some(p), Some(t)) => (FlopsMethod::SixNd { params_b: p, tokens_b: t }, Some(compute::six_nd(p, t))),
            _ => (FlopsMethod::Entered, None),
        }
    };
    let mfu = number(errors, &fields::MFU, &state.mfu).map(|p| p / 100.0);
    let peak = peak(state, data, Some(errors));
    let (c, hours) = ComputeUse::from_flops(method, flops?, peak?, mfu?, devices?);
    if !(hours.is_finite() && hours <= fields::DURATION.max()) {
        errors.insert(
            FieldId::Flops,
            format!(
                "At this utilization the job would run more than {} h on these devices: check the compute and its unit.",
                crate::format::plain(fields::DURATION.max())
            ),
        );
        return None;
    }
    Some((c, hours))
}

/// The FLOPs a job described by time performed, when the device's peak
/// throughput is known. The MFU (and a custom device's peak, when typed) are
/// checked like any field; a device without a throughput figure simply has no
/// compute facts.
fn compute_of_time(
    state: &FormState,
    data: &Dataset,
    devices: Option<f64>,
    hours: Option<f64>,
    errors: &mut Errors,
) -> Option<ComputeUse> {
    let mfu = number(errors, &fields::MFU, &state.mfu).map(|p| p / 100.0);
    let typed_peak = state.hardware == CUSTOM && !state.custom_tflops.trim().is_empty();
    let peak = peak(state, data, if typed_peak { Some(errors) } else { None });
    Some(ComputeUse::from_time(devices?, hours?, peak?, mfu?))
}

/// The duration in hours, whatever unit it was typed in.
fn validate_duration(state: &FormState, errors: &mut Errors) -> Option<f64> {
    let h = number(errors, &fields::DURATION, &state.duration)? * state.unit.hours();
    if h > fields::DURATION.max() {
        errors.insert(
            FieldId::Duration,
            format!(
                "Duration must be at most {} h ({} days): check the value and its unit.",
                crate::format::plain(fields::DURATION.max()),
                crate::format::fixed(fields::DURATION.max() / 24.0, 0)
            ),
        );
        return None;
    }
    Some(h)
}

/// Host CPU and memory, as Green Algorithms counts them.
fn validate_host(state: &FormState, data: &Dataset, errors: &mut Errors) -> Option<HostUse> {
    let no_accelerator = state.hardware == NO_ACCELERATOR;
    let cores = number(errors, &fields::CPU_CORES, &state.cpu_cores);
    let (cpu_name, w_per_core, cpu_source) = if state.cpu == CUSTOM {
        ("CPU".to_string(), number(errors, &fields::CPU_POWER, &state.cpu_power), None)
    } else {
        match data.hardware(&state.cpu).filter(|h| h.kind == HardwareKind::Cpu) {
            Some(h) => match h.watts_per_core() {
                Some(w) => (h.full_name(), Some(w), Some(h.source())),
                None => {
                    errors.insert(
                        FieldId::Cpu,
                        format!(
                            "{} does not publish the power of the {}: choose Custom and enter the power per core.",
                            h.vendor, h.name
                        ),
                    );
                    (h.full_name(), None, None)
                }
            },
            None => {
                errors.insert(FieldId::Cpu, "Choose a CPU from the list, or Custom.".into());
                (String::new(), None, None)
            }
        }
    };
    let usage = number(errors, &fields::CPU_USAGE, &state.cpu_usage).map(|p| p / 100.0);
    let memory_gb = number(errors, &fields::MEMORY_GB, &state.memory_gb);
    let (cores, w_per_core, usage, memory_gb) = (cores?, w_per_core?, usage?, memory_gb?);
    if no_accelerator && cores == 0.0 && memory_gb == 0.0 {
        errors.insert(FieldId::CpuCores, "With no accelerator, enter the CPU cores or memory the job used.".into());
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

/// Where the job ran and the data centre's PUE: the part of the form shared by
/// every kind of run (estimated from hardware, or from energy per request).
pub fn validate_site(
    state: &FormState,
    data: &Dataset,
    basis: Basis,
    errors: &mut Errors,
) -> (Option<LocationUse>, Option<PueUse>) {
    (validate_location(state, data, basis, errors), validate_pue(state, data, errors))
}

/// A zone's figure on `basis` as used for a location: value, kind, fallback,
/// basis in the publisher's words and in a few words, source.
fn zone_use(z: &GridZone, basis: Basis) -> (f64, IntensityBasis, bool, String, String, Source) {
    let i = z.intensity(basis);
    let kind = match i.basis {
        Basis::Lifecycle => IntensityBasis::Lifecycle,
        Basis::Direct => IntensityBasis::Direct,
    };
    let text = if i.fallback {
        format!("{}; no direct figure is published for {}, so its lifecycle figure is used", i.basis_text, z.name)
    } else {
        i.basis_text.to_string()
    };
    let short = if i.fallback {
        format!("{}; no direct figure is published for {}, so its lifecycle figure is used", i.short_basis, z.name)
    } else {
        i.short_basis.to_string()
    };
    (i.value, kind, i.fallback, text, short, i.source())
}

fn validate_location(state: &FormState, data: &Dataset, basis: Basis, errors: &mut Errors) -> Option<LocationUse> {
    match state.location {
        LocationMode::Cloud => {
            let Some(r) = data.region(&state.provider, &state.region) else {
                errors.insert(FieldId::Region, "Choose a region of this provider.".into());
                return None;
            };
            let z = data.zone(&r.zone_id)?;
            let provider = data.provider_label(&r.provider).to_string();
            let label = format!("{provider} {} ({})", r.region_code, r.region_name);
            let place = text::join_nonempty(&[&r.city, &r.subdivision, &r.country_iso2]);
            let figure = provider_figure(r, data);
            let location = match figure {
                Some(f) if state.provider_figure => LocationUse {
                    provider_figure: Some(f.clone()),
                    label,
                    place,
                    grid: format!("{} grid ({})", r.region_code, provider),
                    zone_id: None,
                    intensity_g_per_kwh: f.intensity_g_per_kwh,
                    intensity_basis: IntensityBasis::Provider,
                    basis_fallback: false,
                    basis: "location-based grid intensity published by the provider for this region, on the provider's own method (not the zone basis)".into(),
                    short_basis: "the provider's own figure, on its own method".into(),
                    source: Some(f.source),
                    provider_cfe: r.provider_cfe,
                },
                figure => {
                    let (value, kind, fallback, text, short, source) = zone_use(z, basis);
                    LocationUse {
                        short_basis: short,
                        label,
                        place,
                        grid: z.name.clone(),
                        zone_id: Some(z.zone_id.clone()),
                        intensity_g_per_kwh: value,
                        intensity_basis: kind,
                        basis_fallback: fallback,
                        basis: text,
                        source: Some(source),
                        provider_cfe: r.provider_cfe,
                        provider_figure: figure,
                    }
                }
            };
            Some(location)
        }
        LocationMode::Zone => match data.zone(&state.zone) {
            None => {
                errors.insert(FieldId::Zone, "Choose a country or grid zone.".into());
                None
            }
            Some(z) => {
                let (value, kind, fallback, text, short, source) = zone_use(z, basis);
                Some(LocationUse {
                    short_basis: short,
                    label: z.name.clone(),
                    place: z.name.clone(),
                    grid: z.name.clone(),
                    zone_id: Some(z.zone_id.clone()),
                    intensity_g_per_kwh: value,
                    intensity_basis: kind,
                    basis_fallback: fallback,
                    basis: text,
                    source: Some(source),
                    provider_cfe: None,
                    provider_figure: None,
                })
            }
        },
        LocationMode::Custom => {
            number(errors, &fields::CUSTOM_INTENSITY, &state.custom_intensity).map(|v| LocationUse {
                label: "custom grid intensity".into(),
                place: "location not stated".into(),
                grid: "custom".into(),
                zone_id: None,
                intensity_g_per_kwh: v,
                intensity_basis: IntensityBasis::Entered,
                basis_fallback: false,
                basis: "entered by the user".into(),
                short_basis: "entered by the user".into(),
                source: None,
                provider_cfe: None,
                provider_figure: None,
            })
        }
    }
}

/// PUE: the typed value, or the location's default.
fn validate_pue(state: &FormState, data: &Dataset, errors: &mut Errors) -> Option<PueUse> {
    if !state.pue.trim().is_empty() {
        return number(errors, &fields::PUE, &state.pue).map(|v| {
            let (low, high) = Bands::custom_pue(v);
            PueUse { value: v, low, high, label: "entered by the user".into(), source: None }
        });
    }
    match default_pue(state, data) {
        Some(p) => Some(PueUse {
            value: p.pue,
            low: p.pue_low,
            high: p.pue_high,
            label: p.label.clone(),
            source: Some(p.source()),
        }),
        None => {
            errors.insert(FieldId::Pue, "No published PUE for this choice: enter one.".into());
            None
        }
    }
}
