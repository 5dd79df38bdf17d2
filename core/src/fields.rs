//! One definition per numeric field: name, unit, help text and bounds.
//! The form, the validation messages, the statements and the JSON export
//! all read these, so a field is described once.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldId {
    Hardware,
    CustomName,
    CustomPower,
    Devices,
    Duration,
    Utilization,
    Region,
    Zone,
    CustomIntensity,
    Pue,
    CpuCores,
    CpuPower,
    CpuUsage,
    MemoryGb,
    Repeat,
    Requests,
    WhPerRequest,
    Basis,
}

impl FieldId {
    /// Stable key, used as the form field name, in JSON and in permalinks.
    pub fn key(self) -> &'static str {
        match self {
            FieldId::Hardware => "hardware",
            FieldId::CustomName => "custom_name",
            FieldId::CustomPower => "custom_power",
            FieldId::Devices => "devices",
            FieldId::Duration => "duration",
            FieldId::Utilization => "utilization",
            FieldId::Region => "region",
            FieldId::Zone => "zone",
            FieldId::CustomIntensity => "custom_intensity",
            FieldId::Pue => "pue",
            FieldId::CpuCores => "cpu_cores",
            FieldId::CpuPower => "cpu_power",
            FieldId::CpuUsage => "cpu_usage",
            FieldId::MemoryGb => "memory_gb",
            FieldId::Repeat => "repeat",
            FieldId::Requests => "requests",
            FieldId::WhPerRequest => "wh_per_request",
            FieldId::Basis => "basis",
        }
    }
}

/// How a numeric field is described and bounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSpec {
    pub id: FieldId,
    /// Form label, also the name in statements ("Number of devices").
    pub label: &'static str,
    /// Used in "Enter …" messages: "the number of devices".
    pub noun: &'static str,
    /// Unit symbol shown beside the input and in exports; empty if none.
    pub unit: &'static str,
    /// One sentence of help under the field.
    pub help: &'static str,
    /// Smallest accepted value (inclusive unless `min_exclusive`).
    pub min: f64,
    pub min_exclusive: bool,
    /// Largest accepted value; beyond it the input is "absurd".
    pub max: f64,
    pub integer: bool,
    /// Default raw text in a new form.
    pub default: &'static str,
}

pub const DEVICES: FieldSpec = FieldSpec {
    noun: "the number of devices",
    id: FieldId::Devices,
    label: "Number of devices",
    unit: "",
    help: "How many of these accelerators ran at the same time.",
    min: 1.0,
    min_exclusive: false,
    max: 1_000_000.0,
    integer: true,
    default: "1",
};

pub const DURATION: FieldSpec = FieldSpec {
    noun: "a duration",
    id: FieldId::Duration,
    label: "Duration",
    unit: "h",
    help: "Wall-clock time the job ran.",
    min: 0.0,
    min_exclusive: true,
    // About 114 years: longer is certainly a unit mistake.
    max: 1_000_000.0,
    integer: false,
    default: "24",
};

pub const UTILIZATION: FieldSpec = FieldSpec {
    noun: "the average utilization",
    id: FieldId::Utilization,
    label: "Average utilization",
    unit: "%",
    help: "Average draw as a share of rated power. 100 % is the conservative default; measured LLM serving on H100/B200 averages 73–76 % (ML.ENERGY, 2026).",
    min: 0.0,
    min_exclusive: true,
    max: 100.0,
    integer: false,
    default: "100",
};

pub const CUSTOM_POWER: FieldSpec = FieldSpec {
    noun: "the power per device",
    id: FieldId::CustomPower,
    label: "Power per device",
    unit: "W",
    help: "Rated power (TDP) of one device, from its datasheet.",
    min: 0.0,
    min_exclusive: true,
    max: 5_000.0,
    integer: false,
    default: "",
};

pub const CUSTOM_INTENSITY: FieldSpec = FieldSpec {
    noun: "a grid carbon intensity",
    id: FieldId::CustomIntensity,
    label: "Grid carbon intensity",
    unit: "gCO2eq/kWh",
    help: "Location-based carbon intensity of the electricity, for example from your utility or national inventory.",
    min: 0.0,
    min_exclusive: false,
    max: 2_000.0,
    integer: false,
    default: "",
};

pub const PUE: FieldSpec = FieldSpec {
    noun: "a PUE",
    id: FieldId::Pue,
    label: "PUE",
    unit: "",
    help: "Power usage effectiveness: facility energy ÷ IT energy. 1.0 for a personal computer.",
    min: 1.0,
    min_exclusive: false,
    max: 3.0,
    integer: false,
    default: "",
};

pub const CPU_CORES: FieldSpec = FieldSpec {
    noun: "the number of CPU cores",
    id: FieldId::CpuCores,
    label: "CPU cores used",
    unit: "",
    help: "Host CPU cores allocated to the job.",
    min: 0.0,
    min_exclusive: false,
    max: 100_000.0,
    integer: true,
    default: "0",
};

pub const CPU_POWER: FieldSpec = FieldSpec {
    noun: "the power per CPU core",
    id: FieldId::CpuPower,
    label: "Power per CPU core",
    unit: "W",
    help: "CPU TDP ÷ its core count. Green Algorithms uses 12 W per core when the model is unknown.",
    min: 0.0,
    min_exclusive: true,
    max: 100.0,
    integer: false,
    default: "12",
};

pub const CPU_USAGE: FieldSpec = FieldSpec {
    noun: "the CPU usage",
    id: FieldId::CpuUsage,
    label: "CPU usage",
    unit: "%",
    help: "Average load of the allocated cores.",
    min: 0.0,
    min_exclusive: false,
    max: 100.0,
    integer: false,
    default: "100",
};

pub const MEMORY_GB: FieldSpec = FieldSpec {
    noun: "the memory",
    id: FieldId::MemoryGb,
    label: "Memory",
    unit: "GB",
    help: "Host memory allocated to the job, at 0.3725 W per GB (Green Algorithms).",
    min: 0.0,
    min_exclusive: false,
    max: 1_000_000.0,
    integer: false,
    default: "0",
};

pub const REPEAT: FieldSpec = FieldSpec {
    id: FieldId::Repeat,
    label: "Similar runs",
    noun: "the number of similar runs",
    unit: "",
    help: "How many runs like this one (for example 50 trials of a search).",
    min: 1.0,
    min_exclusive: false,
    max: 1_000_000.0,
    integer: true,
    default: "1",
};

pub const REQUESTS: FieldSpec = FieldSpec {
    id: FieldId::Requests,
    label: "Requests served",
    noun: "the number of requests",
    unit: "",
    help: "Inference requests (or generated responses) over the period you account for.",
    min: 1.0,
    min_exclusive: false,
    max: 1e13,
    integer: true,
    default: "1000000",
};

pub const WH_PER_REQUEST: FieldSpec = FieldSpec {
    id: FieldId::WhPerRequest,
    label: "Energy per request",
    noun: "the energy per request",
    unit: "Wh",
    help: "IT energy of one request, before PUE, from a measurement or a published estimate (state it below).",
    min: 0.0,
    min_exclusive: true,
    max: 100_000.0,
    integer: false,
    default: "0.3",
};

impl FieldSpec {
    /// Parse raw text into a value inside the bounds, or a message for the user.
    pub fn parse(&self, raw: &str) -> Result<f64, String> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(format!("Enter {}.", self.noun));
        }
        if text.contains(',') && !text.contains('.') && text.matches(',').count() == 1 {
            return Err("Use a dot for decimals, for example 1.5.".into());
        }
        let value: f64 = match text.parse() {
            Ok(v) => v,
            Err(_) => return Err(format!("“{}” is not a number.", crate::format::clip(text, 24))),
        };
        if value.is_nan() {
            return Err("Not a number: enter a finite value.".into());
        }
        if value.is_infinite() {
            return Err("Infinity is not allowed: enter a finite value.".into());
        }
        if value < 0.0 {
            return Err(format!("{} cannot be negative.", self.label));
        }
        if self.integer && value.fract() != 0.0 {
            return Err(format!("{} must be a whole number.", self.label));
        }
        if value < self.min || (self.min_exclusive && value <= self.min) {
            return Err(if self.min_exclusive || self.min == 0.0 {
                format!("{} must be more than {}.", self.label, crate::format::plain(self.min))
            } else {
                format!("{} must be at least {}.", self.label, crate::format::plain(self.min))
            });
        }
        if value > self.max {
            let unit = if self.unit.is_empty() { String::new() } else { format!(" {}", self.unit) };
            return Err(format!(
                "{} must be at most {}{unit}: check the value and its unit.",
                self.label,
                crate::format::plain(self.max)
            ));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_for_bad_input() {
        assert_eq!(DURATION.parse(""), Err("Enter a duration.".into()));
        assert_eq!(DEVICES.parse("  "), Err("Enter the number of devices.".into()));
        assert_eq!(DURATION.parse("abc"), Err("“abc” is not a number.".into()));
        assert_eq!(DURATION.parse("-3"), Err("Duration cannot be negative.".into()));
        assert_eq!(DURATION.parse("0"), Err("Duration must be more than 0.".into()));
        assert_eq!(DURATION.parse("NaN"), Err("Not a number: enter a finite value.".into()));
        assert_eq!(DURATION.parse("inf"), Err("Infinity is not allowed: enter a finite value.".into()));
        assert_eq!(
            DURATION.parse("1e12"),
            Err("Duration must be at most 1,000,000 h: check the value and its unit.".into())
        );
        assert_eq!(DEVICES.parse("2.5"), Err("Number of devices must be a whole number.".into()));
        assert_eq!(DEVICES.parse("0"), Err("Number of devices must be at least 1.".into()));
        assert_eq!(PUE.parse("0.9"), Err("PUE must be at least 1.".into()));
        assert_eq!(DURATION.parse("1,5"), Err("Use a dot for decimals, for example 1.5.".into()));
        assert_eq!(
            DURATION.parse("<script>alert(1)</script>"),
            Err("“<script>alert(1)</script…” is not a number.".into())
        );
    }

    #[test]
    fn good_input_parses_exactly() {
        assert_eq!(DURATION.parse(" 72.5 "), Ok(72.5));
        assert_eq!(DEVICES.parse("8"), Ok(8.0));
        assert_eq!(UTILIZATION.parse("100"), Ok(100.0));
        assert_eq!(CUSTOM_INTENSITY.parse("0"), Ok(0.0));
    }
}
