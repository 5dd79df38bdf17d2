//! Factor tables: embedded, decoded into typed rows, validated.
//!
//! The CSV files in `data/` are the single source of truth; `data/README.md`
//! documents every column. `core/build.rs` reads them at build time into a compact
//! form (`crate::tables`) that is compiled into the binary, so the web app never
//! fetches anything at run time and carries no CSV text. [`Dataset::from_csv`] reads
//! the CSV text itself; the tests check that both give the same tables.
//!
//! The browser build (wasm32) leaves out the generation mix and the per-fuel factors
//! (`grid_mix.csv`, `grid_factors.csv`, [`Dataset::mix`] and [`Dataset::factors`] are
//! empty there): they only serve the consistency checks of [`Dataset::problems`], which
//! run natively.
//!
//! Longer than 450 lines because it holds one typed row per table (ten tables, each with its
//! columns' units and checks beside the fields) and the dataset's lookups; the checks of each table
//! stay next to its row type.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

/// Version of the factor tables, carried by every export and permalink.
pub const DATA_VERSION: &str = "2026.12";

/// Data year of this release. A source may be dated up to one year later (an edition
/// published for the coming year, e.g. NGA Factors); `problems()` rejects later years.
pub const DATA_YEAR: u16 = 2026;

/// The generation-weighted mean of a country's sub-national lifecycle values must be
/// within this fraction of the country's own value.
pub const CONSISTENCY_TOLERANCE: f64 = 0.02;

/// The tables as `core/build.rs` wrote them (see `crate::tables`).
macro_rules! embedded_table {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".tbl"))
    };
}

/// The files of `data/` the core reads, the change log last (`changes::TABLES` is the
/// rest). `index.html` copies each into the site's `data/`, byte for byte, for the
/// method view's downloads.
pub const TABLE_FILES: [&str; 10] = [
    "hardware.csv",
    "embodied.csv",
    "grid_sources.csv",
    "grid_zones.csv",
    "grid_mix.csv",
    "grid_factors.csv",
    "cloud_regions.csv",
    "pue.csv",
    "equivalents.csv",
    "changes.csv",
];

// The CSV text, for `Dataset::from_csv` and `Dataset::parse` only: a binary that never
// calls them (the web app) does not carry it.
const HARDWARE_CSV: &str = include_str!("../../data/hardware.csv");
const ZONES_CSV: &str = include_str!("../../data/grid_zones.csv");
const GRID_SOURCES_CSV: &str = include_str!("../../data/grid_sources.csv");
const GRID_MIX_CSV: &str = include_str!("../../data/grid_mix.csv");
const GRID_FACTORS_CSV: &str = include_str!("../../data/grid_factors.csv");
const REGIONS_CSV: &str = include_str!("../../data/cloud_regions.csv");
const PUE_CSV: &str = include_str!("../../data/pue.csv");
const EQUIVALENTS_CSV: &str = include_str!("../../data/equivalents.csv");
const EMBODIED_CSV: &str = include_str!("../../data/embodied.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HardwareKind {
    Gpu,
    Tpu,
    Accelerator,
    Cpu,
    Soc,
}

impl HardwareKind {
    pub fn label(self) -> &'static str {
        match self {
            HardwareKind::Gpu => "GPU",
            HardwareKind::Tpu => "TPU",
            HardwareKind::Accelerator => "Accelerator",
            HardwareKind::Cpu => "CPU",
            HardwareKind::Soc => "System on chip",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PowerBasis {
    /// Vendor's maximum board/chip power (TDP, TBP, TGP).
    Tdp,
    /// A measured average draw, published in a paper.
    MeasuredAvg,
    /// Whole-machine power at the wall.
    SystemWall,
    /// No vendor figure: a documented estimate (method in `power_method`,
    /// range in `power_low_w`..`power_high_w`).
    Estimated,
    /// The vendor publishes no figure.
    Unpublished,
}

impl PowerBasis {
    pub fn label(self) -> &'static str {
        match self {
            PowerBasis::Tdp => "rated power (TDP)",
            PowerBasis::MeasuredAvg => "measured average power",
            PowerBasis::SystemWall => "whole-system wall power",
            PowerBasis::Estimated => "estimated from published figures (no vendor rating)",
            PowerBasis::Unpublished => "power not published",
        }
    }
}

/// How a peak-throughput figure was obtained (see `data/README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThroughputStatus {
    /// Read in the vendor's or cloud provider's own document.
    Verified,
    /// Read in a careful third-party table or reproduction.
    Secondary,
    /// Computed here from verified or secondary inputs.
    Derived,
}

impl ThroughputStatus {
    pub fn label(self) -> &'static str {
        match self {
            ThroughputStatus::Verified => "vendor figure",
            ThroughputStatus::Secondary => "third-party figure",
            ThroughputStatus::Derived => "derived figure",
        }
    }
}

/// Numeric precision of a peak-throughput figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    #[default]
    /// Dense BF16 tensor/matrix throughput.
    Bf16,
    /// Dense FP16 tensor/matrix throughput.
    Fp16,
    /// Dense FP8 tensor/matrix throughput.
    Fp8,
    /// Non-tensor (vector) FP32 throughput.
    Fp32,
}

impl Precision {
    pub const ALL: [Precision; 4] = [Precision::Bf16, Precision::Fp16, Precision::Fp8, Precision::Fp32];

    /// The wire name: "bf16", "fp16", "fp8", "fp32".
    pub fn key(self) -> &'static str {
        match self {
            Precision::Bf16 => "bf16",
            Precision::Fp16 => "fp16",
            Precision::Fp8 => "fp8",
            Precision::Fp32 => "fp32",
        }
    }

    /// "BF16".
    pub fn label(self) -> &'static str {
        match self {
            Precision::Bf16 => "BF16",
            Precision::Fp16 => "FP16",
            Precision::Fp8 => "FP8",
            Precision::Fp32 => "FP32",
        }
    }

    pub fn from_key(key: &str) -> Option<Precision> {
        let key = key.to_ascii_lowercase();
        Precision::ALL.into_iter().find(|p| p.key() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hardware {
    pub id: String,
    pub vendor: String,
    pub kind: HardwareKind,
    pub name: String,
    pub power_w: Option<f64>,
    pub power_basis: PowerBasis,
    pub cores: Option<u32>,
    pub memory_gb: Option<f64>,
    pub released: Option<u16>,
    pub source_url: String,
    pub year: u16,
    pub note: String,
    /// Low end of the plausible power range, W (estimated rows always have one).
    #[serde(default)]
    pub power_low_w: Option<f64>,
    /// High end of the plausible power range, W.
    #[serde(default)]
    pub power_high_w: Option<f64>,
    /// How an estimated power figure was derived (required for `estimated`).
    #[serde(default)]
    pub power_method: String,
    /// What one device of this row is: "GPU (board)", "chip", "OAM module (2 GCDs ...)".
    /// Power and throughput are both given per this unit.
    #[serde(default)]
    pub counting_unit: String,
    /// Peak dense (no sparsity) BF16 tensor throughput, TFLOP/s per device.
    #[serde(default)]
    pub bf16_tflops: Option<f64>,
    /// Peak dense FP16 tensor throughput, TFLOP/s per device.
    #[serde(default)]
    pub fp16_tflops: Option<f64>,
    /// Peak dense FP8 tensor throughput, TFLOP/s per device.
    #[serde(default)]
    pub fp8_tflops: Option<f64>,
    /// Peak non-tensor FP32 throughput, TFLOP/s per device.
    #[serde(default)]
    pub fp32_tflops: Option<f64>,
    /// Where the throughput figures were read.
    #[serde(default)]
    pub throughput_source_url: String,
    /// Weakest status among the row's throughput figures.
    #[serde(default)]
    pub throughput_status: Option<ThroughputStatus>,
    /// Provenance of each figure, or why there is none.
    #[serde(default)]
    pub throughput_note: String,
}

impl Hardware {
    /// Peak dense throughput at a precision, TFLOP/s per device, if known.
    pub fn peak_tflops(&self, precision: Precision) -> Option<f64> {
        match precision {
            Precision::Bf16 => self.bf16_tflops,
            Precision::Fp16 => self.fp16_tflops,
            Precision::Fp8 => self.fp8_tflops,
            Precision::Fp32 => self.fp32_tflops,
        }
    }

    /// True when the power figure is an estimate rather than a published one.
    pub fn power_is_estimated(&self) -> bool {
        self.power_basis == PowerBasis::Estimated
    }

    /// Plausible power range (low, high) in W: the tabulated band, or the
    /// single published figure when the row has no band.
    pub fn power_range_w(&self) -> Option<(f64, f64)> {
        let w = self.power_w?;
        Some((self.power_low_w.unwrap_or(w), self.power_high_w.unwrap_or(w)))
    }

    /// "NVIDIA H100 SXM5 80GB"
    pub fn full_name(&self) -> String {
        format!("{} {}", self.vendor, self.name)
    }

    /// Where the power figure comes from.
    pub fn source(&self) -> Source {
        Source::new(&self.vendor, &self.source_url, self.year)
    }

    /// Watts per core, for CPUs with a published TDP and core count.
    pub fn watts_per_core(&self) -> Option<f64> {
        match (self.power_w, self.cores) {
            (Some(w), Some(c)) if c > 0 => Some(w / f64::from(c)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ZoneKind {
    World,
    Country,
    Subnational,
}

/// Which accounting basis a grid intensity is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Lifecycle gCO2e per kWh generated (Ember's method; upstream fuel supply, plant
    /// construction and methane included). Every zone has one: the default.
    #[default]
    Lifecycle,
    /// The publisher's direct figure: combustion at the plant (eGRID, ECCC NIR) or a
    /// scope 2 factor (Australian NGA). Only some zones have one.
    Direct,
}

impl Basis {
    pub const ALL: [Basis; 2] = [Basis::Lifecycle, Basis::Direct];

    /// The wire name: "lifecycle" or "direct".
    pub fn key(self) -> &'static str {
        match self {
            Basis::Lifecycle => "lifecycle",
            Basis::Direct => "direct",
        }
    }

    pub fn from_key(key: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Basis::Lifecycle => "lifecycle",
            Basis::Direct => "direct (combustion / scope 2)",
        }
    }
}

/// How a zone's lifecycle value was obtained (column `lifecycle_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum LifecycleMethod {
    /// Ember's country figure as published (via Our World in Data).
    #[default]
    #[serde(rename = "published")]
    Published,
    /// Ember's country generation by fuel x Ember-implied factors (US, CA, AU, IN).
    #[serde(rename = "country mix x country factors")]
    CountryMix,
    /// The zone's own mix, scaled per fuel to the country total, x the country's factors.
    #[serde(rename = "zone mix x country factors")]
    ZoneMix,
    /// As `ZoneMix`, but that came out below the zone's direct (combustion) figure; the
    /// value is set to the direct figure, a lower bound. Labelled in `correction`.
    #[serde(rename = "zone mix x country factors; floor at direct")]
    ZoneMixFloor,
}

impl LifecycleMethod {
    /// Whether the value is recomputed from `grid_mix.csv`.
    pub fn from_mix(self) -> bool {
        self != LifecycleMethod::Published
    }
}

/// A grid zone with both bases joined to their sources.
///
/// `intensity_g_per_kwh`, `year`, `basis`, `publisher`, `source_url` and `licence` are the
/// LIFECYCLE value and its source (as before 2026.12, so existing code keeps working); the
/// direct figure, when published, is in the `direct_*` fields. Prefer [`GridZone::intensity`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridZone {
    pub zone_id: String,
    pub name: String,
    pub country_iso2: String,
    pub kind: ZoneKind,
    pub continent: String,
    /// Lifecycle gCO2e/kWh.
    pub intensity_g_per_kwh: f64,
    /// Data year of the lifecycle value.
    pub year: u16,
    pub basis: String,
    pub publisher: String,
    pub source_url: String,
    pub licence: String,
    /// Country zone id of a sub-national zone ("" otherwise).
    #[serde(default)]
    pub parent_zone: String,
    #[serde(default)]
    pub source_id: String,
    /// `verified` or `secondary` (see data/README.md).
    #[serde(default)]
    pub source_status: String,
    #[serde(default)]
    pub lifecycle_method: LifecycleMethod,
    /// Year of the generation mix behind a computed value ("2022", "FY2022-23"); "" if published.
    #[serde(default)]
    pub mix_year: String,
    /// Generation in GWh that weights this zone in the country consistency check.
    #[serde(default)]
    pub generation_gwh: Option<f64>,
    #[serde(default)]
    pub direct_g_per_kwh: Option<f64>,
    #[serde(default)]
    pub direct_year: Option<u16>,
    #[serde(default)]
    pub direct_source_id: String,
    #[serde(default)]
    pub direct_basis: String,
    #[serde(default)]
    pub direct_publisher: String,
    #[serde(default)]
    pub direct_source_url: String,
    #[serde(default)]
    pub direct_licence: String,
    #[serde(default)]
    pub direct_status: String,
    /// A documented correction or exception (brown-coal split, floor at the direct figure,
    /// "not comparable"); required when the lifecycle value is below the direct one.
    #[serde(default)]
    pub correction: String,
    /// The organisation cited for the lifecycle value, its publication and the basis in a few words.
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub short_basis: String,
    #[serde(default)]
    pub direct_author: String,
    #[serde(default)]
    pub direct_title: String,
    #[serde(default)]
    pub direct_short_basis: String,
}

/// A zone's intensity on one basis, with its provenance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZoneIntensity<'a> {
    /// The basis that was asked for.
    pub requested: Basis,
    /// The basis of `value`: differs from `requested` only on a fallback.
    pub basis: Basis,
    /// gCO2e/kWh (eGRID direct figures: gCO2/kWh, see `basis_text`).
    pub value: f64,
    pub year: u16,
    pub basis_text: &'a str,
    /// The basis in a few words ("lifecycle (Ember)").
    pub short_basis: &'a str,
    pub publisher: &'a str,
    /// The organisation to cite, and the publication's title.
    pub author: &'a str,
    pub title: &'a str,
    pub source_url: &'a str,
    pub licence: &'a str,
    /// True when `Direct` was asked for but the zone has no direct figure: the lifecycle
    /// value is returned. The UI should say "no direct figure published; lifecycle shown".
    pub fallback: bool,
}

impl ZoneIntensity<'_> {
    /// The source as cited: the organisation (the publisher's full text when the
    /// table names no author), the publication's title, the year.
    pub fn source(&self) -> Source {
        let name = if self.author.is_empty() { self.publisher } else { self.author };
        Source {
            name: name.to_string(),
            url: self.source_url.to_string(),
            year: self.year,
            title: self.title.to_string(),
        }
    }
}

impl GridZone {
    /// The lifecycle value (always present).
    pub fn lifecycle(&self) -> ZoneIntensity<'_> {
        ZoneIntensity {
            requested: Basis::Lifecycle,
            basis: Basis::Lifecycle,
            value: self.intensity_g_per_kwh,
            year: self.year,
            basis_text: &self.basis,
            short_basis: &self.short_basis,
            publisher: &self.publisher,
            author: &self.author,
            title: &self.title,
            source_url: &self.source_url,
            licence: &self.licence,
            fallback: false,
        }
    }

    /// The publisher's direct figure, if one is published for this zone.
    pub fn direct(&self) -> Option<ZoneIntensity<'_>> {
        match (self.direct_g_per_kwh, self.direct_year) {
            (Some(value), Some(year)) => Some(ZoneIntensity {
                requested: Basis::Direct,
                basis: Basis::Direct,
                value,
                year,
                basis_text: &self.direct_basis,
                short_basis: &self.direct_short_basis,
                publisher: &self.direct_publisher,
                author: &self.direct_author,
                title: &self.direct_title,
                source_url: &self.direct_source_url,
                licence: &self.direct_licence,
                fallback: false,
            }),
            _ => None,
        }
    }

    /// The value on `basis`. `Direct` falls back to the lifecycle value (with
    /// `fallback = true`) where no direct figure is published: most countries.
    pub fn intensity(&self, basis: Basis) -> ZoneIntensity<'_> {
        match basis {
            Basis::Lifecycle => self.lifecycle(),
            Basis::Direct => {
                self.direct().unwrap_or(ZoneIntensity { requested: Basis::Direct, fallback: true, ..self.lifecycle() })
            }
        }
    }
}

impl GridZone {
    /// Where the lifecycle intensity comes from.
    pub fn source(&self) -> Source {
        self.lifecycle().source()
    }
}

/// A grid zone as stored: its sources are `grid_sources.csv` ids.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct GridZoneRow {
    zone_id: String,
    name: String,
    country_iso2: String,
    kind: ZoneKind,
    continent: String,
    parent_zone: String,
    lifecycle_g_per_kwh: f64,
    lifecycle_year: u16,
    lifecycle_source_id: String,
    lifecycle_method: LifecycleMethod,
    mix_year: String,
    generation_gwh: Option<f64>,
    direct_g_per_kwh: Option<f64>,
    direct_year: Option<u16>,
    direct_source_id: String,
    correction: String,
}

/// One publisher of grid intensities (stored once, shared by its zones).
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct GridSource {
    source_id: String,
    publisher: String,
    basis: String,
    source_url: String,
    licence: String,
    #[serde(default)]
    status: String,
    /// The organisation to cite ("Ember", "US Environmental Protection Agency").
    #[serde(default)]
    author: String,
    /// The publication's title, for the bibliography.
    #[serde(default)]
    title: String,
    /// The basis in a few words, for sentences ("lifecycle (Ember)").
    #[serde(default)]
    short_basis: String,
}

/// Join zones to their sources; a zone naming an unknown source is an error.
fn join_zones(rows: Vec<GridZoneRow>, sources: &[GridSource]) -> Result<Vec<GridZone>, DataError> {
    let find = |zone: &str, id: &str| {
        sources.iter().find(|s| s.source_id == id).ok_or_else(|| DataError {
            table: "grid_zones.csv",
            message: format!("zone {zone} names unknown source_id {id:?}"),
        })
    };
    rows.into_iter()
        .map(|z| {
            let s = find(&z.zone_id, &z.lifecycle_source_id)?;
            let d = if z.direct_source_id.is_empty() { None } else { Some(find(&z.zone_id, &z.direct_source_id)?) };
            let text = |f: fn(&GridSource) -> &String| d.map(|d| f(d).clone()).unwrap_or_default();
            Ok(GridZone {
                intensity_g_per_kwh: z.lifecycle_g_per_kwh,
                year: z.lifecycle_year,
                basis: s.basis.clone(),
                publisher: s.publisher.clone(),
                source_url: s.source_url.clone(),
                licence: s.licence.clone(),
                source_id: s.source_id.clone(),
                source_status: s.status.clone(),
                author: s.author.clone(),
                title: s.title.clone(),
                short_basis: s.short_basis.clone(),
                direct_author: text(|s| &s.author),
                direct_title: text(|s| &s.title),
                direct_short_basis: text(|s| &s.short_basis),
                direct_basis: text(|s| &s.basis),
                direct_publisher: text(|s| &s.publisher),
                direct_source_url: text(|s| &s.source_url),
                direct_licence: text(|s| &s.licence),
                direct_status: text(|s| &s.status),
                zone_id: z.zone_id,
                name: z.name,
                country_iso2: z.country_iso2,
                kind: z.kind,
                continent: z.continent,
                parent_zone: z.parent_zone,
                lifecycle_method: z.lifecycle_method,
                mix_year: z.mix_year,
                generation_gwh: z.generation_gwh,
                direct_g_per_kwh: z.direct_g_per_kwh,
                direct_year: z.direct_year,
                direct_source_id: z.direct_source_id,
                correction: z.correction,
            })
        })
        .collect()
}

/// One fuel of one zone's generation mix (`grid_mix.csv`). The zone's lifecycle value is
/// Σ generation × scale × factor / Σ generation × scale over its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridMix {
    pub zone_id: String,
    /// Ember fuel key: coal, gas, other_fossil, nuclear, hydro, wind, solar, wind_solar,
    /// bioenergy, other_renewables.
    pub fuel: String,
    /// The publisher's own category.
    pub source_fuel: String,
    /// GWh as published (net pumped-storage hydro can be negative, as Ember publishes it).
    pub generation_gwh: f64,
    /// Per-fuel scale to the country's Ember 2024 total (1 for country rows).
    pub scale: f64,
    pub factor_g_per_kwh: f64,
    /// Key into `grid_factors.csv` with `fuel`.
    pub factor_set: String,
}

/// A per-fuel lifecycle factor (`grid_factors.csv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridFactor {
    pub factor_set: String,
    pub country_iso2: String,
    pub fuel: String,
    pub g_co2e_per_kwh: f64,
    /// Inputs of an implied factor (emissions / generation), where transcribed.
    pub generation_twh: Option<f64>,
    pub emissions_mt: Option<f64>,
    pub year: u16,
    pub source_url: String,
    pub status: String,
    pub note: String,
}

/// The generation-weighted mean of a country's sub-national lifecycle values against the
/// country's own value.
#[derive(Debug, Clone, PartialEq)]
pub struct Consistency {
    pub country: String,
    pub zones: usize,
    pub generation_gwh: f64,
    pub weighted_mean: f64,
    pub country_value: f64,
    /// weighted_mean / country_value - 1.
    pub deviation: f64,
    /// The sub-national zone furthest below and above the country value (zone, lifecycle).
    pub lowest: (String, f64),
    pub highest: (String, f64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloudRegion {
    pub provider: String,
    pub region_code: String,
    pub region_name: String,
    pub city: String,
    pub subdivision: String,
    pub country_iso2: String,
    pub zone_id: String,
    pub provider_intensity_g_per_kwh: Option<f64>,
    pub provider_cfe: Option<f64>,
    pub provider_intensity_year: Option<u16>,
    pub provider_intensity_source_url: String,
    pub source_url: String,
    pub year: u16,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pue {
    pub key: String,
    pub label: String,
    pub pue: f64,
    pub pue_low: f64,
    pub pue_high: f64,
    pub year: u16,
    pub source_url: String,
    pub note: String,
    /// The organisation cited for the figure ("Uptime Institute").
    #[serde(default)]
    pub publisher: String,
}

impl Pue {
    /// Where the PUE comes from (the label names the operator or the survey).
    pub fn source(&self) -> Source {
        let name = if self.publisher.is_empty() { &self.label } else { &self.publisher };
        Source {
            name: name.clone(),
            url: self.source_url.clone(),
            year: self.year,
            title: format!("Power usage effectiveness (PUE): {}", self.label),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Equivalent {
    pub id: String,
    pub label: String,
    pub grams_co2e_per_unit: f64,
    pub unit: String,
    pub year: u16,
    pub source_url: String,
    pub note: String,
    /// The organisation named for the figure ("US EPA").
    #[serde(default)]
    pub publisher: String,
}

/// What an embodied-emissions figure covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmbodiedIncludes {
    /// The chip or card alone.
    Device,
    /// One accelerator's share of a multi-accelerator baseboard (GPU, HBM, switch, board, heat sinks).
    BoardShare,
    /// One host server without accelerators.
    HostServer,
    /// A whole machine (a Mac, an embedded module).
    WholeMachine,
}

impl EmbodiedIncludes {
    pub fn label(self) -> &'static str {
        match self {
            EmbodiedIncludes::Device => "device only",
            EmbodiedIncludes::BoardShare => "device and its share of the baseboard",
            EmbodiedIncludes::HostServer => "one host server",
            EmbodiedIncludes::WholeMachine => "whole machine",
        }
    }
}

/// Status of an embodied figure (same vocabulary as throughput).
pub type EmbodiedStatus = ThroughputStatus;

/// Cradle-to-gate (manufacturing) emissions of one device, with the share of
/// its host server to add and the lifetime to amortise both over. See
/// `data/README.md` (embodied.csv) for the method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Embodied {
    pub id: String,
    /// A hardware id, or empty for a per-kind fallback row.
    pub applies_to: String,
    pub kind: HardwareKind,
    pub fallback: bool,
    /// kg CO2e per device (per `counting_unit` of the hardware row).
    pub embodied_kg: f64,
    pub embodied_low_kg: f64,
    pub embodied_high_kg: f64,
    pub includes: EmbodiedIncludes,
    /// kg CO2e of host server to add per device (None: nothing to add).
    pub host_share_kg: Option<f64>,
    pub host_share_low_kg: Option<f64>,
    pub host_share_high_kg: Option<f64>,
    pub host_share_basis: String,
    pub lifetime_years: f64,
    pub lifetime_low_years: f64,
    pub lifetime_high_years: f64,
    pub lifetime_basis: String,
    pub scope: String,
    /// The organisation cited for the figure.
    #[serde(default)]
    pub publisher: String,
    pub source_url: String,
    pub year: u16,
    pub status: EmbodiedStatus,
    pub note: String,
}

impl Embodied {
    /// Device plus host share, kg CO2e per device.
    pub fn total_kg(&self) -> f64 {
        self.embodied_kg + self.host_share_kg.unwrap_or(0.0)
    }
}

/// A factor's provenance, shown next to every number that uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The organisation or authors.
    pub name: String,
    pub url: String,
    pub year: u16,
    /// The publication's title, when the table gives one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
}

impl Source {
    /// A source without a separate title (the citation names the figure it supports).
    pub fn new(name: impl Into<String>, url: impl Into<String>, year: u16) -> Source {
        Source { name: name.into(), url: url.into(), year, title: String::new() }
    }
}

/// PUE key for data centres whose operator is unknown (industry average).
pub const PUE_ON_PREMISES: &str = "on-premises";
/// PUE key for a personal computer or workstation (no facility overhead).
pub const PUE_PERSONAL: &str = "personal";

/// Power drawn per GB of memory, as used by Green Algorithms.
pub const MEMORY_W_PER_GB: f64 = 0.3725;
pub fn memory_power_source() -> Source {
    Source::new(
        "Green Algorithms (Lannelongue et al. 2021), after Karyakin & Salem 2017",
        "https://doi.org/10.1002/advs.202100707",
        2021,
    )
}

#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub table: &'static str,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "data/{}: {}", self.table, self.message)
    }
}

impl std::error::Error for DataError {}

/// All factor tables, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub hardware: Vec<Hardware>,
    pub zones: Vec<GridZone>,
    pub regions: Vec<CloudRegion>,
    pub pue: Vec<Pue>,
    pub equivalents: Vec<Equivalent>,
    /// Embodied (manufacturing) emissions per device, with per-kind fallbacks.
    pub embodied: Vec<Embodied>,
    /// Generation mix behind every computed lifecycle value (empty in `parse` fixtures).
    pub mix: Vec<GridMix>,
    /// Per-fuel lifecycle factors used by `mix` (empty in `parse` fixtures).
    pub factors: Vec<GridFactor>,
}

/// Decode one embedded table (see `crate::tables`).
fn decode_table<T: for<'de> Deserialize<'de>>(table: &'static str, bytes: &'static [u8]) -> Result<Vec<T>, DataError> {
    crate::tables::rows(bytes).map_err(|e| DataError { table, message: e.to_string() })
}

fn parse_table<T: for<'de> Deserialize<'de>>(table: &'static str, text: &str) -> Result<Vec<T>, DataError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.deserialize().enumerate() {
        let row: T = record.map_err(|e| DataError {
            table,
            // Line 1 is the header.
            message: format!("row on line {}: {e}", i + 2),
        })?;
        rows.push(row);
    }
    Ok(rows)
}

impl Dataset {
    /// Parse CSV text for each table; `zones` in the flat form (source columns on
    /// every row), convenient for test fixtures. The embodied table is the
    /// embedded one; replace it with [`Dataset::with_embodied`].
    pub fn parse(
        hardware: &str,
        zones: &str,
        regions: &str,
        pue: &str,
        equivalents: &str,
    ) -> Result<Dataset, DataError> {
        Ok(Dataset {
            hardware: parse_table("hardware.csv", hardware)?,
            zones: parse_table("grid_zones.csv", zones)?,
            regions: parse_table("cloud_regions.csv", regions)?,
            pue: parse_table("pue.csv", pue)?,
            equivalents: parse_table("equivalents.csv", equivalents)?,
            embodied: parse_table("embodied.csv", EMBODIED_CSV)?,
            mix: Vec::new(),
            factors: Vec::new(),
        })
    }

    /// The same dataset with its embodied table parsed from `embodied` CSV text.
    pub fn with_embodied(mut self, embodied: &str) -> Result<Dataset, DataError> {
        self.embodied = parse_table("embodied.csv", embodied)?;
        Ok(self)
    }

    /// The tables compiled into this binary, decoded once. In the browser build
    /// (wasm32) without the generation mix and its factors (see the module's notes).
    pub fn embedded() -> Result<&'static Dataset, DataError> {
        static DATA: OnceLock<Result<Dataset, DataError>> = OnceLock::new();
        DATA.get_or_init(|| {
            Ok(Dataset {
                hardware: decode_table("hardware.csv", embedded_table!("hardware"))?,
                zones: join_zones(
                    decode_table("grid_zones.csv", embedded_table!("grid_zones"))?,
                    &decode_table("grid_sources.csv", embedded_table!("grid_sources"))?,
                )?,
                regions: decode_table("cloud_regions.csv", embedded_table!("cloud_regions"))?,
                pue: decode_table("pue.csv", embedded_table!("pue"))?,
                equivalents: decode_table("equivalents.csv", embedded_table!("equivalents"))?,
                embodied: decode_table("embodied.csv", embedded_table!("embodied"))?,
                #[cfg(not(target_arch = "wasm32"))]
                mix: decode_table("grid_mix.csv", embedded_table!("grid_mix"))?,
                #[cfg(not(target_arch = "wasm32"))]
                factors: decode_table("grid_factors.csv", embedded_table!("grid_factors"))?,
                #[cfg(target_arch = "wasm32")]
                mix: Vec::new(),
                #[cfg(target_arch = "wasm32")]
                factors: Vec::new(),
            })
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    /// Every table read from the CSV text of `data/` with a CSV parser, as the core
    /// read them before the compact form: the reference that [`Dataset::embedded`]
    /// is tested against. Mix and factors included on every target.
    pub fn from_csv() -> Result<Dataset, DataError> {
        Ok(Dataset {
            hardware: parse_table("hardware.csv", HARDWARE_CSV)?,
            zones: join_zones(
                parse_table("grid_zones.csv", ZONES_CSV)?,
                &parse_table("grid_sources.csv", GRID_SOURCES_CSV)?,
            )?,
            regions: parse_table("cloud_regions.csv", REGIONS_CSV)?,
            pue: parse_table("pue.csv", PUE_CSV)?,
            equivalents: parse_table("equivalents.csv", EQUIVALENTS_CSV)?,
            embodied: parse_table("embodied.csv", EMBODIED_CSV)?,
            mix: parse_table("grid_mix.csv", GRID_MIX_CSV)?,
            factors: parse_table("grid_factors.csv", GRID_FACTORS_CSV)?,
        })
    }

    pub fn hardware(&self, id: &str) -> Option<&Hardware> {
        self.hardware.iter().find(|h| h.id == id)
    }

    /// The embodied row for a device: its own row when one exists (`false`),
    /// else the fallback row of its kind (`true`). `problems()` guarantees a
    /// fallback for every kind, so this is `None` only for unchecked data.
    pub fn embodied_for(&self, h: &Hardware) -> Option<(&Embodied, bool)> {
        self.embodied
            .iter()
            .find(|e| !e.fallback && e.applies_to == h.id)
            .map(|e| (e, false))
            .or_else(|| self.embodied.iter().find(|e| e.fallback && e.kind == h.kind).map(|e| (e, true)))
    }

    pub fn zone(&self, zone_id: &str) -> Option<&GridZone> {
        self.zones.iter().find(|z| z.zone_id == zone_id)
    }

    /// A cloud region's grid intensity on `basis`: its zone's value, the same for every
    /// region of every provider in that zone. (Google's own per-region figure is kept in
    /// `CloudRegion::provider_intensity_g_per_kwh` as context; it is not one of the bases.)
    pub fn region_intensity(&self, region: &CloudRegion, basis: Basis) -> Option<ZoneIntensity<'_>> {
        self.zone(&region.zone_id).map(|z| z.intensity(basis))
    }

    /// The sub-national zones of a country zone.
    pub fn subzones<'a>(&'a self, country_zone: &'a str) -> impl Iterator<Item = &'a GridZone> + 'a {
        self.zones.iter().filter(move |z| z.parent_zone == country_zone)
    }

    /// The generation-mix rows of a zone.
    pub fn mix_of<'a>(&'a self, zone_id: &'a str) -> impl Iterator<Item = &'a GridMix> + 'a {
        self.mix.iter().filter(move |m| m.zone_id == zone_id)
    }

    /// (lifecycle gCO2e/kWh, weight GWh) recomputed from a zone's mix rows, unrounded.
    pub fn mix_lifecycle(&self, zone_id: &str) -> Option<(f64, f64)> {
        let (mut emissions, mut generation) = (0.0, 0.0);
        for m in self.mix_of(zone_id) {
            let w = m.generation_gwh * m.scale;
            emissions += w * m.factor_g_per_kwh;
            generation += w;
        }
        (generation > 0.0).then(|| (emissions / generation, generation))
    }

    /// For every country with sub-national zones: the generation-weighted mean of their
    /// lifecycle values against the country's own lifecycle value.
    pub fn consistency(&self) -> Vec<Consistency> {
        let mut parents: Vec<&str> =
            self.zones.iter().map(|z| z.parent_zone.as_str()).filter(|p| !p.is_empty()).collect();
        parents.sort_unstable();
        parents.dedup();
        parents
            .into_iter()
            .filter_map(|c| {
                let country = self.zone(c)?;
                let subs: Vec<&GridZone> = self.subzones(c).filter(|z| z.generation_gwh.is_some()).collect();
                let weight: f64 = subs.iter().filter_map(|z| z.generation_gwh).sum();
                if subs.is_empty() || weight <= 0.0 {
                    return None;
                }
                let mean =
                    subs.iter().map(|z| z.intensity_g_per_kwh * z.generation_gwh.unwrap_or(0.0)).sum::<f64>() / weight;
                let by = |z: &&GridZone| (z.zone_id.clone(), z.intensity_g_per_kwh);
                let lowest =
                    subs.iter().min_by(|a, b| a.intensity_g_per_kwh.total_cmp(&b.intensity_g_per_kwh)).map(by)?;
                let highest =
                    subs.iter().max_by(|a, b| a.intensity_g_per_kwh.total_cmp(&b.intensity_g_per_kwh)).map(by)?;
                Some(Consistency {
                    country: c.to_string(),
                    zones: subs.len(),
                    generation_gwh: weight,
                    weighted_mean: mean,
                    country_value: country.intensity_g_per_kwh,
                    deviation: mean / country.intensity_g_per_kwh - 1.0,
                    lowest,
                    highest,
                })
            })
            .collect()
    }

    pub fn region(&self, provider: &str, region_code: &str) -> Option<&CloudRegion> {
        self.regions.iter().find(|r| r.provider == provider && r.region_code == region_code)
    }

    pub fn pue(&self, key: &str) -> Option<&Pue> {
        self.pue.iter().find(|p| p.key == key)
    }

    /// Providers that have regions, in table order, deduplicated.
    pub fn providers(&self) -> Vec<&Pue> {
        let mut seen = BTreeSet::new();
        self.regions.iter().filter(|r| seen.insert(r.provider.as_str())).filter_map(|r| self.pue(&r.provider)).collect()
    }

    pub fn provider_label<'a>(&'a self, provider: &'a str) -> &'a str {
        self.pue(provider).map(|p| p.label.as_str()).unwrap_or(provider)
    }

    pub fn regions_of<'a>(&'a self, provider: &'a str) -> impl Iterator<Item = &'a CloudRegion> + 'a {
        self.regions.iter().filter(move |r| r.provider == provider)
    }

    /// The PUE that applies to a cloud region: a per-region row when one is
    /// published, else the provider's fleet value.
    pub fn region_pue(&self, region: &CloudRegion) -> Option<&Pue> {
        self.pue(&format!("{}:{}", region.provider, region.region_code)).or_else(|| self.pue(&region.provider))
    }

    /// Row counts per table, for the data README and the test log.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        BTreeMap::from([
            ("hardware", self.hardware.len()),
            ("hardware (accelerators)", self.hardware.iter().filter(|h| h.kind != HardwareKind::Cpu).count()),
            ("grid_zones", self.zones.len()),
            ("grid_zones (countries)", self.zones.iter().filter(|z| z.kind == ZoneKind::Country).count()),
            ("grid_zones (sub-national)", self.zones.iter().filter(|z| z.kind == ZoneKind::Subnational).count()),
            ("grid_zones (with a direct figure)", self.zones.iter().filter(|z| z.direct().is_some()).count()),
            ("grid_mix", self.mix.len()),
            ("grid_factors", self.factors.len()),
            ("cloud_regions", self.regions.len()),
            ("pue", self.pue.len()),
            ("equivalents", self.equivalents.len()),
            ("embodied", self.embodied.len()),
            (
                "hardware (accelerators with BF16)",
                self.hardware.iter().filter(|h| h.kind != HardwareKind::Cpu && h.bf16_tflops.is_some()).count(),
            ),
        ])
    }

    /// Every problem found in the tables; empty when the data is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        let url_ok = |u: &str| u.starts_with("https://") || u.starts_with("http://");
        let year_ok = |y: u16| (1990..=DATA_YEAR + 1).contains(&y);

        let mut ids = BTreeSet::new();
        for h in &self.hardware {
            let at = format!("hardware {}", h.id);
            if !ids.insert(h.id.as_str()) {
                p.push(format!("{at}: duplicate id"));
            }
            if h.id.is_empty() || !h.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                p.push(format!("{at}: id must be a lowercase slug"));
            }
            if h.name.is_empty() || h.vendor.is_empty() {
                p.push(format!("{at}: empty name or vendor"));
            }
            match (h.power_w, h.power_basis) {
                (None, PowerBasis::Unpublished) if h.note.is_empty() => {
                    p.push(format!("{at}: unpublished power needs a note"))
                }
                (None, PowerBasis::Unpublished) => {}
                (None, _) => p.push(format!("{at}: no power but basis is not 'unpublished'")),
                (Some(_), PowerBasis::Unpublished) => p.push(format!("{at}: power given but basis 'unpublished'")),
                (Some(w), _) if !(1.0..=3000.0).contains(&w) => p.push(format!("{at}: implausible power {w} W")),
                _ => {}
            }
            if h.kind == HardwareKind::Cpu {
                match h.cores {
                    Some(c) if (1..=512).contains(&c) => {}
                    _ => p.push(format!("{at}: a CPU needs a core count")),
                }
            }
            if let Some(m) = h.memory_gb {
                if !(0.5..=2048.0).contains(&m) {
                    p.push(format!("{at}: implausible memory {m} GB"));
                }
            }
            if !url_ok(&h.source_url) {
                p.push(format!("{at}: source_url is not a URL"));
            }
            if !year_ok(h.year) {
                p.push(format!("{at}: implausible source year {}", h.year));
            }
            hardware_power_problems(h, &at, &mut p);
            hardware_throughput_problems(h, &at, &url_ok, &mut p);
        }

        embodied_problems(self, &url_ok, &year_ok, &mut p);

        let mut zone_ids = BTreeSet::new();
        let continents = ["Africa", "Asia", "Europe", "North America", "South America", "Oceania", "World"];
        for z in &self.zones {
            let at = format!("zone {}", z.zone_id);
            if !zone_ids.insert(z.zone_id.as_str()) {
                p.push(format!("{at}: duplicate zone_id"));
            }
            if !(z.intensity_g_per_kwh > 0.0 && z.intensity_g_per_kwh <= 1500.0) {
                p.push(format!("{at}: implausible intensity {} g/kWh", z.intensity_g_per_kwh));
            }
            if !continents.contains(&z.continent.as_str()) {
                p.push(format!("{at}: unknown continent {:?}", z.continent));
            }
            if z.name.is_empty() || z.publisher.is_empty() || z.licence.is_empty() || z.basis.is_empty() {
                p.push(format!("{at}: empty name, publisher, basis or licence"));
            }
            if !url_ok(&z.source_url) {
                p.push(format!("{at}: source_url is not a URL"));
            }
            if !year_ok(z.year) {
                p.push(format!("{at}: implausible year {}", z.year));
            }
            let status_ok = |s: &str| s.is_empty() || s == "verified" || s == "secondary";
            if !status_ok(&z.source_status) || !status_ok(&z.direct_status) {
                p.push(format!("{at}: source status must be verified or secondary"));
            }
            if !z.parent_zone.is_empty() {
                match self.zone(&z.parent_zone) {
                    Some(c) if c.kind == ZoneKind::Country && c.country_iso2 == z.country_iso2 => {}
                    _ => p.push(format!("{at}: parent_zone {:?} is not its country zone", z.parent_zone)),
                }
            }
            match (z.direct_g_per_kwh, z.direct_year) {
                (None, None) => {
                    if !z.direct_source_id.is_empty() {
                        p.push(format!("{at}: direct source without a direct value"));
                    }
                }
                (Some(d), Some(y)) => {
                    if !(d > 0.0 && d <= 1500.0) {
                        p.push(format!("{at}: implausible direct intensity {d} g/kWh"));
                    }
                    if !year_ok(y) || !url_ok(&z.direct_source_url) || z.direct_basis.is_empty() {
                        p.push(format!("{at}: direct value without year, source URL or basis"));
                    }
                    if z.intensity_g_per_kwh < d && z.correction.is_empty() {
                        p.push(format!(
                            "{at}: lifecycle {} below direct {d} without a labelled correction",
                            z.intensity_g_per_kwh
                        ));
                    }
                }
                _ => p.push(format!("{at}: direct value and direct year must both be given")),
            }
            if z.lifecycle_method == LifecycleMethod::ZoneMixFloor
                && (z.correction.is_empty() || z.direct_g_per_kwh != Some(z.intensity_g_per_kwh))
            {
                p.push(format!("{at}: a floor must equal the direct value and be labelled"));
            }
            if !self.mix.is_empty() && z.lifecycle_method.from_mix() {
                match self.mix_lifecycle(&z.zone_id) {
                    None => p.push(format!("{at}: computed lifecycle value has no grid_mix.csv rows")),
                    Some((m, w)) => {
                        let floor = z.lifecycle_method == LifecycleMethod::ZoneMixFloor;
                        if floor && m >= z.intensity_g_per_kwh {
                            p.push(format!("{at}: floor applied but the mix gives {m:.2}"));
                        }
                        if !floor && (m - z.intensity_g_per_kwh).abs() > 0.0051 {
                            p.push(format!("{at}: lifecycle {} but grid_mix.csv gives {m:.2}", z.intensity_g_per_kwh));
                        }
                        if z.generation_gwh.is_none_or(|g| (g - w).abs() > 0.1) {
                            p.push(format!(
                                "{at}: generation_gwh {:?} but grid_mix.csv gives {w:.1}",
                                z.generation_gwh
                            ));
                        }
                    }
                }
            }
        }
        for m in &self.mix {
            let at = format!("grid_mix {}/{}", m.zone_id, m.fuel);
            if self.zone(&m.zone_id).is_none() {
                p.push(format!("{at}: unknown zone"));
            }
            match self.factors.iter().find(|f| f.factor_set == m.factor_set && f.fuel == m.fuel) {
                Some(f) if f.g_co2e_per_kwh == m.factor_g_per_kwh => {}
                Some(f) => {
                    p.push(format!("{at}: factor {} but grid_factors.csv has {}", m.factor_g_per_kwh, f.g_co2e_per_kwh))
                }
                None => p.push(format!("{at}: factor set {:?} has no {} factor", m.factor_set, m.fuel)),
            }
            if !(m.scale > 0.0 && m.scale.is_finite()) {
                p.push(format!("{at}: scale must be positive"));
            }
        }
        for f in &self.factors {
            let at = format!("grid_factor {}/{}", f.factor_set, f.fuel);
            if !(f.g_co2e_per_kwh > 0.0 && f.g_co2e_per_kwh < 2000.0) {
                p.push(format!("{at}: implausible factor {}", f.g_co2e_per_kwh));
            }
            if !url_ok(&f.source_url) || !year_ok(f.year) || !(f.status == "verified" || f.status == "secondary") {
                p.push(format!("{at}: needs a source URL, a year and status verified or secondary"));
            }
        }
        for c in self.consistency() {
            if c.deviation.abs() > CONSISTENCY_TOLERANCE {
                p.push(format!(
                    "zone {}: generation-weighted mean of its {} sub-national zones {:.2} is {:+.2} % off the country value {}",
                    c.country,
                    c.zones,
                    c.weighted_mean,
                    c.deviation * 100.0,
                    c.country_value
                ));
            }
        }

        let mut pue_keys = BTreeSet::new();
        for row in &self.pue {
            let at = format!("pue {}", row.key);
            if !pue_keys.insert(row.key.as_str()) {
                p.push(format!("{at}: duplicate key"));
            }
            if !(1.0 <= row.pue_low && row.pue_low <= row.pue && row.pue <= row.pue_high && row.pue_high <= 3.0) {
                p.push(format!("{at}: needs 1 <= low <= pue <= high <= 3"));
            }
            if !url_ok(&row.source_url) || !year_ok(row.year) {
                p.push(format!("{at}: missing source URL or year"));
            }
        }
        for key in [PUE_ON_PREMISES, PUE_PERSONAL] {
            if self.pue(key).is_none() {
                p.push(format!("pue: missing the {key:?} row"));
            }
        }

        let mut region_keys = BTreeSet::new();
        for r in &self.regions {
            let at = format!("region {}:{}", r.provider, r.region_code);
            if !region_keys.insert((r.provider.as_str(), r.region_code.as_str())) {
                p.push(format!("{at}: duplicate region"));
            }
            match self.zone(&r.zone_id) {
                None => p.push(format!("{at}: zone {:?} has no intensity in grid_zones.csv", r.zone_id)),
                Some(z) if z.country_iso2 != r.country_iso2 && z.kind != ZoneKind::World => {
                    p.push(format!("{at}: country {} but zone {} is in {}", r.country_iso2, z.zone_id, z.country_iso2))
                }
                Some(_) => {}
            }
            if self.pue(&r.provider).is_none() {
                p.push(format!("{at}: provider has no PUE row"));
            }
            if let Some(v) = r.provider_intensity_g_per_kwh {
                if !(1.0..=1500.0).contains(&v) {
                    p.push(format!("{at}: implausible provider intensity {v}"));
                }
                if r.provider_intensity_year.is_none() || !url_ok(&r.provider_intensity_source_url) {
                    p.push(format!("{at}: provider intensity without year or source"));
                }
            }
            if let Some(cfe) = r.provider_cfe {
                if !(0.0..=1.0).contains(&cfe) {
                    p.push(format!("{at}: CFE must be a fraction 0-1"));
                }
            }
            if r.region_name.is_empty() {
                p.push(format!("{at}: empty region_name"));
            }
            if !url_ok(&r.source_url) || !year_ok(r.year) {
                p.push(format!("{at}: missing source URL or year"));
            }
        }

        let mut eq_ids = BTreeSet::new();
        for e in &self.equivalents {
            let at = format!("equivalent {}", e.id);
            if !eq_ids.insert(e.id.as_str()) {
                p.push(format!("{at}: duplicate id"));
            }
            if !(e.grams_co2e_per_unit > 0.0 && e.grams_co2e_per_unit.is_finite()) {
                p.push(format!("{at}: grams per unit must be positive"));
            }
            if !url_ok(&e.source_url) || !year_ok(e.year) {
                p.push(format!("{at}: missing source URL or year"));
            }
        }
        p
    }
}

/// Kinds that run the workload and so must carry a power figure.
const ACCELERATOR_KINDS: [HardwareKind; 4] =
    [HardwareKind::Gpu, HardwareKind::Tpu, HardwareKind::Accelerator, HardwareKind::Soc];

/// Power range, estimate method and counting unit of one hardware row.
fn hardware_power_problems(h: &Hardware, at: &str, p: &mut Vec<String>) {
    let accelerator = ACCELERATOR_KINDS.contains(&h.kind);
    if accelerator && h.power_w.is_none() {
        p.push(format!("{at}: every accelerator row needs a power figure (published or estimated)"));
    }
    if accelerator && h.counting_unit.trim().is_empty() {
        p.push(format!("{at}: counting_unit must say what one device is"));
    }
    match (h.power_low_w, h.power_high_w) {
        (None, None) => {}
        (Some(lo), Some(hi)) => {
            let w = h.power_w.unwrap_or(f64::NAN);
            if !(0.0 < lo && lo <= w && w <= hi && hi <= 3000.0) {
                p.push(format!("{at}: power range needs 0 < low <= power_w <= high <= 3000 ({lo} / {w} / {hi})"));
            }
        }
        _ => p.push(format!("{at}: give both power_low_w and power_high_w, or neither")),
    }
    if h.power_basis == PowerBasis::Estimated {
        if h.power_method.trim().is_empty() {
            p.push(format!("{at}: an estimated power needs its method in power_method"));
        }
        match (h.power_low_w, h.power_high_w) {
            (Some(lo), Some(hi)) if hi > lo => {}
            _ => p.push(format!("{at}: an estimated power needs a range with power_high_w > power_low_w")),
        }
    }
}

/// Throughput figures: plausible, ordered, and each with a source and a status.
fn hardware_throughput_problems(h: &Hardware, at: &str, url_ok: &dyn Fn(&str) -> bool, p: &mut Vec<String>) {
    let figures = [("bf16", h.bf16_tflops), ("fp16", h.fp16_tflops), ("fp8", h.fp8_tflops), ("fp32", h.fp32_tflops)];
    let mut any = false;
    for (name, v) in figures {
        if let Some(v) = v {
            any = true;
            let max = if name == "fp32" { 500.0 } else { 20_000.0 };
            if !(v > 0.0 && v <= max) {
                p.push(format!("{at}: implausible {name} throughput {v} TFLOP/s"));
            }
        }
    }
    if let (Some(bf16), Some(fp8)) = (h.bf16_tflops, h.fp8_tflops) {
        if fp8 < bf16 {
            p.push(format!("{at}: FP8 ({fp8}) below BF16 ({bf16}): check for a sparse or mismatched figure"));
        }
    }
    let tensor = h.bf16_tflops.into_iter().chain(h.fp16_tflops).fold(f64::NAN, f64::max);
    if let Some(fp32) = h.fp32_tflops {
        if tensor.is_finite() && fp32 > tensor {
            p.push(format!("{at}: FP32 ({fp32}) above the tensor figures ({tensor})"));
        }
    }
    if any {
        if h.throughput_status.is_none() {
            p.push(format!("{at}: throughput figures need a throughput_status (verified, secondary, derived)"));
        }
        if !url_ok(&h.throughput_source_url) {
            p.push(format!("{at}: throughput figures need a throughput_source_url"));
        }
    } else if h.throughput_status.is_some() || !h.throughput_source_url.is_empty() {
        p.push(format!("{at}: throughput status or source given without any figure"));
    }
}

/// The embodied table: ranges, joins to hardware, one fallback per kind.
fn embodied_problems(d: &Dataset, url_ok: &dyn Fn(&str) -> bool, year_ok: &dyn Fn(u16) -> bool, p: &mut Vec<String>) {
    let mut ids = BTreeSet::new();
    let mut covered = BTreeSet::new();
    for e in &d.embodied {
        let at = format!("embodied {}", e.id);
        if !ids.insert(e.id.as_str()) {
            p.push(format!("{at}: duplicate id"));
        }
        if e.id.is_empty() || !e.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            p.push(format!("{at}: id must be a lowercase slug"));
        }
        if e.publisher.trim().is_empty() {
            p.push(format!("{at}: needs a publisher (the organisation a statement cites)"));
        }
        let (lo, v, hi) = (e.embodied_low_kg, e.embodied_kg, e.embodied_high_kg);
        if !(0.0 < lo && lo <= v && v <= hi && hi <= 50_000.0) {
            p.push(format!("{at}: needs 0 < low <= embodied_kg <= high <= 50000 ({lo} / {v} / {hi})"));
        }
        match (e.host_share_low_kg, e.host_share_kg, e.host_share_high_kg) {
            (None, None, None) => {}
            (Some(lo), Some(v), Some(hi)) => {
                if !(0.0 < lo && lo <= v && v <= hi && hi <= 50_000.0) {
                    p.push(format!("{at}: host share needs 0 < low <= value <= high ({lo} / {v} / {hi})"));
                }
                if matches!(e.includes, EmbodiedIncludes::HostServer | EmbodiedIncludes::WholeMachine) {
                    p.push(format!("{at}: a host server or whole machine has no host share on top"));
                }
                if e.host_share_basis.trim().is_empty() {
                    p.push(format!("{at}: a host share needs host_share_basis"));
                }
            }
            _ => p.push(format!("{at}: host share needs value, low and high together")),
        }
        let (lo, v, hi) = (e.lifetime_low_years, e.lifetime_years, e.lifetime_high_years);
        if !(1.0 <= lo && lo <= v && v <= hi && hi <= 15.0) || e.lifetime_basis.trim().is_empty() {
            p.push(format!("{at}: lifetime needs 1 <= low <= years <= high <= 15 and a basis"));
        }
        if e.fallback {
            if !e.applies_to.is_empty() {
                p.push(format!("{at}: a fallback row applies to a kind, not to {:?}", e.applies_to));
            }
            if !covered.insert(e.kind) {
                p.push(format!("{at}: second fallback for kind {:?}", e.kind));
            }
        } else {
            match d.hardware(&e.applies_to) {
                None => p.push(format!("{at}: applies_to {:?} is not a hardware id", e.applies_to)),
                Some(h) if h.kind != e.kind => p.push(format!("{at}: kind {:?} but {} is {:?}", e.kind, h.id, h.kind)),
                Some(_) => {}
            }
            if d.embodied.iter().filter(|o| !o.fallback && o.applies_to == e.applies_to).count() > 1 {
                p.push(format!("{at}: more than one row for {}", e.applies_to));
            }
        }
        if e.scope.trim().is_empty() || e.note.trim().is_empty() {
            p.push(format!("{at}: scope and note (derivation) are required"));
        }
        if !url_ok(&e.source_url) || !year_ok(e.year) {
            p.push(format!("{at}: missing source URL or year"));
        }
    }
    for kind in [HardwareKind::Gpu, HardwareKind::Tpu, HardwareKind::Accelerator, HardwareKind::Cpu, HardwareKind::Soc]
    {
        if !covered.contains(&kind) {
            p.push(format!("embodied: no fallback row for kind {kind:?}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_join_their_source_or_fail() {
        let sources: Vec<GridSource> = parse_table("grid_sources.csv", GRID_SOURCES_CSV).expect("sources parse");
        let row = |lifecycle: &str, direct: &str| GridZoneRow {
            zone_id: "XX".into(),
            name: "Test".into(),
            country_iso2: "XX".into(),
            kind: ZoneKind::Country,
            continent: "Europe".into(),
            parent_zone: String::new(),
            lifecycle_g_per_kwh: 400.0,
            lifecycle_year: 2024,
            lifecycle_source_id: lifecycle.into(),
            lifecycle_method: LifecycleMethod::Published,
            mix_year: String::new(),
            generation_gwh: None,
            direct_g_per_kwh: (!direct.is_empty()).then_some(373.37),
            direct_year: (!direct.is_empty()).then_some(2022),
            direct_source_id: direct.into(),
            correction: String::new(),
        };
        let joined = join_zones(vec![row("ember-owid", "epa-egrid2022")], &sources).expect("known sources");
        let z = &joined[0];
        assert_eq!(z.licence, "CC BY 4.0");
        assert_eq!(z.direct_publisher, "US EPA eGRID2022");
        assert_eq!(z.direct_licence, "Public domain (US Gov)");
        let d = z.intensity(Basis::Direct);
        assert_eq!((d.value, d.year, d.basis, d.fallback), (373.37, 2022, Basis::Direct, false));
        // Cited by its organisation, with the publication as the title.
        assert_eq!(d.source().name, "US Environmental Protection Agency");
        assert_eq!(d.source().title, "Emissions and Generation Resource Integrated Database (eGRID2022)");
        assert_eq!(d.short_basis, "combustion, CO2 only");
        let lonely = join_zones(vec![row("ember-owid", "")], &sources).expect("known source");
        let d = lonely[0].intensity(Basis::Direct);
        assert_eq!(
            (d.value, d.year, d.basis, d.requested, d.fallback),
            (400.0, 2024, Basis::Lifecycle, Basis::Direct, true)
        );
        let err = join_zones(vec![row("nobody", "")], &sources).expect_err("unknown source");
        assert_eq!(err.to_string(), "data/grid_zones.csv: zone XX names unknown source_id \"nobody\"");
        let err = join_zones(vec![row("ember-owid", "nobody")], &sources).expect_err("unknown direct source");
        assert_eq!(err.to_string(), "data/grid_zones.csv: zone XX names unknown source_id \"nobody\"");
    }
}
