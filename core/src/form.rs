//! The calculator's inputs as the user typed them. Raw text is kept as text so
//! that a bad value never loses what the user typed; validation into a typed
//! [`crate::job::Job`] happens once, in [`crate::job`].
//!
//! Every input is reachable by its [`FieldId`] ([`FormState::get`] and
//! [`FormState::set`]), which is how permalinks, the CLI and the UI bind to
//! it; serde uses the registry's wire names (older names are still read).

use crate::data::{Dataset, Precision};
use crate::fields::{self, FieldId};
use serde::{Deserialize, Serialize};

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

    /// The wire name: "hours" or "days".
    pub fn key(self) -> &'static str {
        match self {
            DurationUnit::Hours => "hours",
            DurationUnit::Days => "days",
        }
    }

    /// Reads the wire name, and the short forms "h" and "d".
    pub fn from_key(key: &str) -> Option<DurationUnit> {
        match key {
            "hours" | "h" => Some(DurationUnit::Hours),
            "days" | "d" => Some(DurationUnit::Days),
            _ => None,
        }
    }
}

/// How the job is described: by its duration, or by its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobBy {
    /// Devices × hours (the compute it performed is derived with the MFU).
    #[default]
    Time,
    /// Training FLOPs (or parameters × tokens) ÷ (peak × MFU) give the hours.
    Compute,
}

impl JobBy {
    pub fn key(self) -> &'static str {
        match self {
            JobBy::Time => "time",
            JobBy::Compute => "compute",
        }
    }

    pub fn from_key(key: &str) -> Option<JobBy> {
        [JobBy::Time, JobBy::Compute].into_iter().find(|m| m.key() == key)
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

impl LocationMode {
    /// The wire name: "cloud", "zone" or "custom".
    pub fn key(self) -> &'static str {
        match self {
            LocationMode::Cloud => "cloud",
            LocationMode::Zone => "zone",
            LocationMode::Custom => "custom",
        }
    }

    pub fn from_key(key: &str) -> Option<LocationMode> {
        [LocationMode::Cloud, LocationMode::Zone, LocationMode::Custom].into_iter().find(|m| m.key() == key)
    }
}

/// Everything the user entered about one job, as entered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormState {
    /// A hardware id from `data/hardware.csv`, [`CUSTOM`] or [`NO_ACCELERATOR`].
    pub hardware: String,
    pub custom_name: String,
    #[serde(alias = "custom_power_w")]
    pub custom_power: String,
    pub devices: String,
    pub duration: String,
    #[serde(alias = "duration_unit")]
    pub unit: DurationUnit,
    #[serde(alias = "utilization_pct")]
    pub utilization: String,
    pub job_by: JobBy,
    /// Training compute in FLOPs; empty means 6 × parameters × tokens.
    pub flops: String,
    /// Parameters, in billions (active parameters for a mixture of experts).
    pub params: String,
    /// Training tokens, in billions.
    pub tokens: String,
    /// Model FLOPs utilization, %.
    pub mfu: String,
    pub precision: Precision,
    /// Peak TFLOP/s of a custom device.
    pub custom_tflops: String,
    pub location: LocationMode,
    pub provider: String,
    pub region: String,
    pub zone: String,
    /// Use the cloud provider's own published figure for the region instead of
    /// the zone's (only where the provider publishes one).
    pub provider_figure: bool,
    pub custom_intensity: String,
    /// Empty means "the default PUE for this location".
    pub pue: String,
    /// Include host CPU and memory.
    pub host: bool,
    /// A CPU id from `data/hardware.csv` or [`CUSTOM`].
    pub cpu: String,
    pub cpu_cores: String,
    #[serde(alias = "cpu_w_per_core")]
    pub cpu_power: String,
    #[serde(alias = "cpu_usage_pct")]
    pub cpu_usage: String,
    pub memory_gb: String,
    /// Years of service the hardware's manufacturing is shared over; empty: the table's default.
    pub lifetime: String,
}

pub const DEFAULT_HARDWARE: &str = fields::HARDWARE.default;
pub const DEFAULT_PROVIDER: &str = fields::PROVIDER.default;
pub const DEFAULT_REGION: &str = fields::REGION.default;
pub const DEFAULT_ZONE: &str = fields::ZONE.default;

/// The text fields of [`FormState`], by id: the one place that ties a field
/// of the registry to its place in the struct.
macro_rules! form_text_fields {
    ($($id:ident => $member:ident),* $(,)?) => {
        impl FormState {
            /// The raw text of a text or numeric field of the form.
            pub fn text(&self, id: FieldId) -> Option<&str> {
                match id {
                    $(FieldId::$id => Some(&self.$member),)*
                    _ => None,
                }
            }

            /// The raw text of a text or numeric field, to edit in place.
            pub fn text_mut(&mut self, id: FieldId) -> Option<&mut String> {
                match id {
                    $(FieldId::$id => Some(&mut self.$member),)*
                    _ => None,
                }
            }

            fn with_defaults() -> FormState {
                FormState {
                    $($member: fields::FieldId::$id.field().default.to_string(),)*
                    unit: DurationUnit::Hours,
                    job_by: JobBy::Time,
                    precision: Precision::Bf16,
                    location: LocationMode::Cloud,
                    provider_figure: false,
                    host: false,
                }
            }
        }
    };
}

form_text_fields! {
    Hardware => hardware,
    CustomName => custom_name,
    CustomPower => custom_power,
    Devices => devices,
    Duration => duration,
    Utilization => utilization,
    Flops => flops,
    Params => params,
    Tokens => tokens,
    Mfu => mfu,
    CustomTflops => custom_tflops,
    Provider => provider,
    Region => region,
    Zone => zone,
    CustomIntensity => custom_intensity,
    Pue => pue,
    Cpu => cpu,
    CpuCores => cpu_cores,
    CpuPower => cpu_power,
    CpuUsage => cpu_usage,
    MemoryGb => memory_gb,
    Lifetime => lifetime,
}

impl Default for FormState {
    fn default() -> Self {
        let f = FormState::with_defaults();
        debug_assert_eq!(f.unit.key(), fields::UNIT.default);
        debug_assert_eq!(f.location.key(), fields::LOCATION.default);
        debug_assert_eq!(f.job_by.key(), fields::JOB_BY.default);
        debug_assert_eq!(f.precision.key(), fields::PRECISION.default);
        f
    }
}

/// "1" or "0", the wire form of a flag.
pub fn flag_key(on: bool) -> &'static str {
    if on {
        "1"
    } else {
        "0"
    }
}

/// Reads "1"/"0", "true"/"false", "yes"/"no".
pub fn flag_from_key(key: &str) -> Option<bool> {
    match key {
        "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// "Duration unit: “weeks” is not a valid choice." for a choice that cannot be read.
pub fn invalid_choice(id: FieldId, value: &str) -> String {
    format!("{}: {} is not a valid choice.", id.field().label, crate::text::quote(value, 24))
}

impl FormState {
    /// The value of any field of the form as its wire text ("hours", "1", "8").
    pub fn get(&self, id: FieldId) -> Option<&str> {
        match id {
            FieldId::Unit => Some(self.unit.key()),
            FieldId::Location => Some(self.location.key()),
            FieldId::Host => Some(flag_key(self.host)),
            FieldId::ProviderFigure => Some(flag_key(self.provider_figure)),
            FieldId::JobBy => Some(self.job_by.key()),
            FieldId::Precision => Some(self.precision.key()),
            _ => self.text(id),
        }
    }

    /// Set a field from its wire text. Text is stored as typed (validation
    /// reports on it later); a choice that cannot be read is refused with a
    /// message and the field keeps its value. `Ok(false)`: not a form field.
    pub fn set(&mut self, id: FieldId, value: &str) -> Result<bool, String> {
        match id {
            FieldId::Unit => {
                self.unit = DurationUnit::from_key(value.trim()).ok_or_else(|| invalid_choice(id, value))?
            }
            FieldId::Location => {
                self.location = LocationMode::from_key(value.trim()).ok_or_else(|| invalid_choice(id, value))?
            }
            FieldId::Host => self.host = flag_from_key(value.trim()).ok_or_else(|| invalid_choice(id, value))?,
            FieldId::ProviderFigure => {
                self.provider_figure = flag_from_key(value.trim()).ok_or_else(|| invalid_choice(id, value))?
            }
            FieldId::JobBy => self.job_by = JobBy::from_key(value.trim()).ok_or_else(|| invalid_choice(id, value))?,
            FieldId::Precision => {
                self.precision = Precision::from_key(value.trim()).ok_or_else(|| invalid_choice(id, value))?
            }
            _ => match self.text_mut(id) {
                Some(text) => *text = value.to_string(),
                None => return Ok(false),
            },
        }
        Ok(true)
    }

    /// Choose a cloud provider: its first region is selected with it.
    pub fn set_provider(&mut self, provider: &str, data: &Dataset) {
        self.location = LocationMode::Cloud;
        if self.provider != provider {
            self.provider = provider.to_string();
            self.region = data.regions_of(provider).next().map(|r| r.region_code.clone()).unwrap_or_default();
            self.pue.clear();
        }
    }

    /// Whether the estimate reads this field, for a run estimated from hardware
    /// (`hardware` true) or from requests (false). Fields it does not read are
    /// kept as typed, but a link need not record them.
    pub fn uses(&self, id: FieldId, hardware: bool) -> bool {
        let accelerator = hardware && self.hardware != NO_ACCELERATOR;
        let host = hardware && (self.host || self.hardware == NO_ACCELERATOR);
        let by_compute = accelerator && self.job_by == JobBy::Compute;
        match id {
            FieldId::Hardware => hardware,
            FieldId::Duration | FieldId::Unit => hardware && !by_compute,
            FieldId::Mfu | FieldId::Precision => by_compute,
            FieldId::CustomTflops => by_compute && self.hardware == CUSTOM,
            FieldId::CustomPower => hardware && self.hardware == CUSTOM,
            FieldId::Devices | FieldId::Utilization => accelerator,
            FieldId::Location => true,
            FieldId::Provider | FieldId::Region => self.location == LocationMode::Cloud,
            FieldId::Zone => self.location == LocationMode::Zone,
            FieldId::CustomIntensity => self.location == LocationMode::Custom,
            FieldId::Cpu | FieldId::CpuCores | FieldId::CpuUsage | FieldId::MemoryGb => host,
            FieldId::CpuPower => host && self.cpu == CUSTOM,
            // Optional (an empty PUE means the location's) or descriptive.
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_field_is_reachable_by_id() {
        let mut f = FormState::default();
        let mut n = 0;
        for field in fields::ALL {
            if let Some(v) = f.get(field.id) {
                n += 1;
                assert_eq!(v, field.default, "default of {}", field.key);
                let other = match field.kind {
                    fields::Kind::Choice(options) => options[options.len() - 1].0,
                    fields::Kind::Flag => "1",
                    _ => "x",
                };
                assert_eq!(f.set(field.id, other), Ok(true));
                assert_eq!(f.get(field.id), Some(other), "{} round-trips", field.key);
            }
        }
        assert_eq!(n, 28, "form fields");
        assert_eq!(f.set(FieldId::Label, "x"), Ok(false));
        assert_eq!(f.set(FieldId::Unit, "weeks"), Err("Duration unit: “weeks” is not a valid choice.".into()));
        assert_eq!(f.unit, DurationUnit::Days, "a refused choice keeps the value");
    }

    #[test]
    fn json_uses_the_wire_names_and_reads_the_old_ones() {
        let json = serde_json::to_value(FormState::default()).expect("serializes");
        for field in fields::ALL {
            if FormState::default().get(field.id).is_some() {
                assert!(json.get(field.key).is_some(), "{} is written under its key", field.key);
            }
        }
        let old: FormState = serde_json::from_str(
            r#"{"custom_power_w":"300","utilization_pct":"80","duration_unit":"days","cpu_w_per_core":"7","cpu_usage_pct":"50"}"#,
        )
        .expect("old names read");
        assert_eq!(
            (
                old.custom_power.as_str(),
                old.utilization.as_str(),
                old.unit,
                old.cpu_power.as_str(),
                old.cpu_usage.as_str()
            ),
            ("300", "80", DurationUnit::Days, "7", "50")
        );
    }
}
