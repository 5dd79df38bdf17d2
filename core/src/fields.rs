//! The field registry: one definition per input of a run. Its key is the one
//! wire name of the field (JSON export, permalink, form field name, error
//! key); its label, unit, help and bounds drive the form, the validation
//! messages, the statements and the command line (`cli` is the flag name).
//!
//! To add a numeric input: a `Field` constant and a line in `registry!` here,
//! a `String` in [`crate::form::FormState`] with its line in `form_fields!`
//! there, its use in validation/the model, and a `<NumberField>` in the UI.
//! Links, JSON, the CLI's flag and help follow from the registry.
//!
//! Longer than 450 lines because it is the registry: one `Field` constant per input (about 30),
//! each a dozen lines of label, unit, help, bounds and wire names; the last 75 lines are its tests.

use serde::{Deserialize, Serialize};

/// What kind of value a field holds. Every value is stored as the user typed it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A number parsed by [`Field::parse`] within these bounds.
    Number {
        /// Smallest accepted value (inclusive unless `min_exclusive`).
        min: f64,
        min_exclusive: bool,
        /// Largest accepted value; beyond it the input is "absurd".
        max: f64,
        integer: bool,
    },
    /// Free text of at most `max_chars` characters.
    Text { max_chars: usize },
    /// One of a fixed list of keys, `(key, label)`.
    Choice(&'static [(&'static str, &'static str)]),
    /// The id of a row of a factor table (hardware, provider, region, zone).
    Id,
    /// On or off: "1" or "0".
    Flag,
}

/// One input: how it is named, shown, bounded and written on the wire.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    pub id: FieldId,
    /// The wire name: JSON key, permalink key, form field name, error key.
    pub key: &'static str,
    /// Older wire names that are still read (links and files already issued).
    pub aliases: &'static [&'static str],
    /// The command-line flag (without `--`), when the CLI has one.
    pub cli: Option<&'static str>,
    /// Form label, also the name in statements and notices ("Number of devices").
    pub label: &'static str,
    /// Used in "Enter …" messages: "the number of devices".
    pub noun: &'static str,
    /// Unit symbol shown beside the input and in exports; empty if none.
    pub unit: &'static str,
    /// One sentence of help under the field (and in `--help`).
    pub help: &'static str,
    pub kind: Kind,
    /// Default raw text in a new form.
    pub default: &'static str,
}

macro_rules! registry {
    ($($variant:ident = $konst:ident),* $(,)?) => {
        /// Every input of a run, in the order of the form.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum FieldId { $($variant),* }

        impl FieldId {
            pub const ALL: &'static [FieldId] = &[$(FieldId::$variant),*];

            /// The field's definition.
            pub fn field(self) -> &'static Field {
                match self { $(FieldId::$variant => &$konst),* }
            }
        }

        /// Every field definition, in the order of the form.
        pub const ALL: &[&Field] = &[$(&$konst),*];
    };
}

registry! {
    Label = LABEL,
    Phase = PHASE,
    Repeat = REPEAT,
    Hardware = HARDWARE,
    CustomName = CUSTOM_NAME,
    CustomPower = CUSTOM_POWER,
    Devices = DEVICES,
    Duration = DURATION,
    Unit = UNIT,
    Utilization = UTILIZATION,
    JobBy = JOB_BY,
    Flops = FLOPS,
    Params = PARAMS,
    Tokens = TOKENS,
    Mfu = MFU,
    Precision = PRECISION,
    CustomTflops = CUSTOM_TFLOPS,
    Location = LOCATION,
    Provider = PROVIDER,
    Region = REGION,
    Zone = ZONE,
    ProviderFigure = PROVIDER_FIGURE,
    CustomIntensity = CUSTOM_INTENSITY,
    Pue = PUE,
    Host = HOST,
    Cpu = CPU,
    CpuCores = CPU_CORES,
    CpuPower = CPU_POWER,
    CpuUsage = CPU_USAGE,
    MemoryGb = MEMORY_GB,
    Lifetime = LIFETIME,
    Requests = REQUESTS,
    WhPerRequest = WH_PER_REQUEST,
    Basis = BASIS,
}

impl FieldId {
    /// The wire name ([`Field::key`]).
    pub fn key(self) -> &'static str {
        self.field().key
    }

    /// The field whose key or alias is `key`.
    pub fn from_key(key: &str) -> Option<FieldId> {
        ALL.iter().find(|f| f.key == key || f.aliases.contains(&key)).map(|f| f.id)
    }
}

/// A field that is not a number: only its names matter. (Its arguments are the
/// struct's own fields, in order: a builder would be longer, not clearer.)
#[allow(clippy::too_many_arguments)]
const fn named(
    id: FieldId,
    key: &'static str,
    cli: Option<&'static str>,
    label: &'static str,
    noun: &'static str,
    help: &'static str,
    kind: Kind,
    default: &'static str,
) -> Field {
    Field { id, key, aliases: &[], cli, label, noun, unit: "", help, kind, default }
}

/// The longest run label kept (the ledger's name column).
pub const LABEL_MAX_CHARS: usize = 80;
/// The longest custom device name kept.
pub const NAME_MAX_CHARS: usize = 80;
/// The longest stated basis of an energy per request.
pub const BASIS_MAX_CHARS: usize = 200;

pub const LABEL: Field = named(
    FieldId::Label,
    "label",
    Some("label"),
    "Run name",
    "a run name",
    "A short name for this run, shown in the ledger and the statement.",
    Kind::Text { max_chars: LABEL_MAX_CHARS },
    "Training run",
);

pub const PHASE: Field = named(
    FieldId::Phase,
    "phase",
    Some("phase"),
    "Phase",
    "a phase",
    "Which part of the project this run belongs to.",
    Kind::Choice(&[
        ("exploration", "Exploration"),
        ("hyperparameter_search", "Hyperparameter search"),
        ("failed", "Failed or aborted runs"),
        ("final_training", "Final training"),
        ("fine_tuning", "Fine-tuning"),
        ("inference", "Inference and serving"),
    ]),
    "final_training",
);

pub const REPEAT: Field = Field {
    id: FieldId::Repeat,
    key: "repeat",
    aliases: &[],
    cli: Some("repeat"),
    label: "Similar runs",
    noun: "the number of similar runs",
    unit: "",
    help: "How many runs like this one (for example 50 trials of a search).",
    kind: Kind::Number { min: 1.0, min_exclusive: false, max: 1_000_000.0, integer: true },
    default: "1",
};

pub const HARDWARE: Field = named(
    FieldId::Hardware,
    "hardware",
    Some("hardware"),
    "Hardware",
    "a device",
    "The accelerator the job ran on: an id or a name (\"H100 SXM\"), 'custom' (with its power) or 'none' (host CPU and memory only).",
    Kind::Id,
    "nvidia-a100-sxm4-80gb",
);

pub const CUSTOM_NAME: Field = named(
    FieldId::CustomName,
    "custom_name",
    Some("name"),
    "Device name",
    "a device name",
    "Name of a device the tables do not list.",
    Kind::Text { max_chars: NAME_MAX_CHARS },
    "",
);

pub const CUSTOM_POWER: Field = Field {
    id: FieldId::CustomPower,
    key: "custom_power",
    aliases: &["custom_power_w"],
    cli: Some("power"),
    label: "Power per device",
    noun: "the power per device",
    unit: "W",
    help: "Rated power (TDP) of one device, from its datasheet.",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 5_000.0, integer: false },
    default: "",
};

pub const DEVICES: Field = Field {
    id: FieldId::Devices,
    key: "devices",
    aliases: &[],
    cli: Some("devices"),
    label: "Number of devices",
    noun: "the number of devices",
    unit: "",
    help: "How many of these accelerators ran at the same time.",
    kind: Kind::Number { min: 1.0, min_exclusive: false, max: 1_000_000.0, integer: true },
    default: "1",
};

pub const DURATION: Field = Field {
    id: FieldId::Duration,
    key: "duration",
    aliases: &[],
    cli: Some("hours"),
    label: "Duration",
    noun: "a duration",
    unit: "h",
    help: "Wall-clock time the job ran.",
    // About 114 years: longer is certainly a unit mistake.
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 1_000_000.0, integer: false },
    default: "24",
};

pub const UNIT: Field = named(
    FieldId::Unit,
    "unit",
    None,
    "Duration unit",
    "a duration unit",
    "Whether the duration is in hours or days.",
    Kind::Choice(&[("hours", "hours"), ("days", "days")]),
    "hours",
);

pub const UTILIZATION: Field = Field {
    id: FieldId::Utilization,
    key: "utilization",
    aliases: &["utilization_pct"],
    cli: Some("utilization"),
    label: "Average utilization",
    noun: "the average utilization",
    unit: "%",
    help: "Average draw as a share of rated power. 100 % is the conservative default; measured LLM serving on H100/B200 averages 73–76 % (ML.ENERGY, 2026).",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 100.0, integer: false },
    default: "100",
};

pub const JOB_BY: Field = named(
    FieldId::JobBy,
    "job_by",
    None,
    "Describe the job by",
    "how the job is described",
    "By time: devices × hours. By compute: the training FLOPs (or parameters × tokens) and the model FLOPs utilization give the hours.",
    Kind::Choice(&[("time", "Time"), ("compute", "Compute")]),
    "time",
);

pub const FLOPS: Field = Field {
    id: FieldId::Flops,
    key: "flops",
    aliases: &[],
    cli: Some("flops"),
    label: "Training compute",
    noun: "the training compute in FLOPs, or the parameters and tokens",
    unit: "FLOP",
    help: "Total floating-point operations of the job, e.g. 8.4e22. Leave empty to use 6 × parameters × tokens.",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 1e30, integer: false },
    default: "",
};

pub const PARAMS: Field = Field {
    id: FieldId::Params,
    key: "params",
    aliases: &[],
    cli: Some("params"),
    label: "Parameters",
    noun: "the number of parameters",
    unit: "billion",
    help: "Model parameters in billions; for a mixture-of-experts model, the active parameters per token.",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 100_000.0, integer: false },
    default: "",
};

pub const TOKENS: Field = Field {
    id: FieldId::Tokens,
    key: "tokens",
    aliases: &[],
    cli: Some("tokens"),
    label: "Training tokens",
    noun: "the number of training tokens",
    unit: "billion",
    help: "Tokens seen in training, in billions (2 trillion = 2000). Compute ≈ 6 × parameters × tokens for a dense transformer.",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 1_000_000.0, integer: false },
    default: "",
};

pub const MFU: Field = Field {
    id: FieldId::Mfu,
    key: "mfu",
    aliases: &[],
    cli: Some("mfu"),
    label: "Model FLOPs utilization",
    noun: "the model FLOPs utilization",
    unit: "%",
    help: "Share of the device's peak throughput doing useful work (MFU), not its power draw. Large dense runs reach 38–47 % (Llama 3, PaLM, OPT); the range spans half to one and a half times it.",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 100.0, integer: false },
    default: "40",
};

pub const PRECISION: Field = named(
    FieldId::Precision,
    "precision",
    Some("precision"),
    "Precision",
    "a precision",
    "The number format of the job's matrix math: its peak throughput is used (dense, no sparsity).",
    Kind::Choice(&[("bf16", "BF16"), ("fp16", "FP16"), ("fp8", "FP8"), ("fp32", "FP32")]),
    "bf16",
);

pub const CUSTOM_TFLOPS: Field = Field {
    id: FieldId::CustomTflops,
    key: "custom_tflops",
    aliases: &[],
    cli: Some("tflops"),
    label: "Peak throughput per device",
    noun: "the peak throughput per device",
    unit: "TFLOP/s",
    help: "Peak dense throughput of one custom device at the chosen precision, from its datasheet (without sparsity).",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 100_000.0, integer: false },
    default: "",
};

pub const LOCATION: Field = named(
    FieldId::Location,
    "location",
    None,
    "Location type",
    "a location type",
    "A cloud region, a country or grid zone, or a grid intensity you enter.",
    Kind::Choice(&[("cloud", "Cloud region"), ("zone", "Country or grid zone"), ("custom", "Custom intensity")]),
    "cloud",
);

pub const PROVIDER: Field = named(
    FieldId::Provider,
    "provider",
    None,
    "Cloud provider",
    "a cloud provider",
    "The cloud provider whose region ran the job.",
    Kind::Id,
    "aws",
);

pub const REGION: Field = named(
    FieldId::Region,
    "region",
    Some("region"),
    "Cloud region",
    "a cloud region",
    "A cloud region as provider:code, e.g. aws:us-east-1, gcp:europe-west4.",
    Kind::Id,
    "us-east-1",
);

pub const ZONE: Field = named(
    FieldId::Zone,
    "zone",
    Some("zone"),
    "Country or grid zone",
    "a country or grid zone",
    "A country or sub-national grid zone instead of a cloud region, e.g. FR, France.",
    Kind::Id,
    "US",
);

pub const PROVIDER_FIGURE: Field = named(
    FieldId::ProviderFigure,
    "provider_figure",
    Some("provider-figure"),
    "Use the provider's own figure",
    "whether to use the provider's own figure",
    "Google Cloud publishes its own grid intensity per region, on its own method (hourly, consumption-based); the zone's figure is on the same basis as every other place.",
    Kind::Flag,
    "0",
);

pub const CUSTOM_INTENSITY: Field = Field {
    id: FieldId::CustomIntensity,
    key: "custom_intensity",
    aliases: &[],
    cli: Some("intensity"),
    label: "Grid carbon intensity",
    noun: "a grid carbon intensity",
    unit: "gCO2eq/kWh",
    help: "Location-based carbon intensity of the electricity, for example from your utility or national inventory.",
    kind: Kind::Number { min: 0.0, min_exclusive: false, max: 2_000.0, integer: false },
    default: "",
};

pub const PUE: Field = Field {
    id: FieldId::Pue,
    key: "pue",
    aliases: &[],
    cli: Some("pue"),
    label: "PUE",
    noun: "a PUE",
    unit: "",
    help: "Power usage effectiveness: facility energy ÷ IT energy. 1.0 for a personal computer.",
    kind: Kind::Number { min: 1.0, min_exclusive: false, max: 3.0, integer: false },
    default: "",
};

pub const HOST: Field = named(
    FieldId::Host,
    "host",
    None,
    "Include host CPU and memory",
    "whether to include the host",
    "Adds the host's CPU cores and memory, as Green Algorithms counts them.",
    Kind::Flag,
    "0",
);

pub const CPU: Field = named(
    FieldId::Cpu,
    "cpu",
    Some("cpu"),
    "CPU model",
    "a CPU model",
    "Host CPU: an id or a name from the list, or 'custom' (with the power per core).",
    Kind::Id,
    "custom",
);

pub const CPU_CORES: Field = Field {
    id: FieldId::CpuCores,
    key: "cpu_cores",
    aliases: &[],
    cli: Some("cpu-cores"),
    label: "CPU cores used",
    noun: "the number of CPU cores",
    unit: "",
    help: "Host CPU cores allocated to the job.",
    kind: Kind::Number { min: 0.0, min_exclusive: false, max: 100_000.0, integer: true },
    default: "0",
};

pub const CPU_POWER: Field = Field {
    id: FieldId::CpuPower,
    key: "cpu_power",
    aliases: &["cpu_w_per_core"],
    cli: Some("cpu-power"),
    label: "Power per CPU core",
    noun: "the power per CPU core",
    unit: "W",
    help: "CPU TDP ÷ its core count. Green Algorithms uses 12 W per core when the model is unknown.",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 100.0, integer: false },
    default: "12",
};

pub const CPU_USAGE: Field = Field {
    id: FieldId::CpuUsage,
    key: "cpu_usage",
    aliases: &["cpu_usage_pct"],
    cli: Some("cpu-usage"),
    label: "CPU usage",
    noun: "the CPU usage",
    unit: "%",
    help: "Average load of the allocated cores.",
    kind: Kind::Number { min: 0.0, min_exclusive: false, max: 100.0, integer: false },
    default: "100",
};

pub const MEMORY_GB: Field = Field {
    id: FieldId::MemoryGb,
    key: "memory_gb",
    aliases: &[],
    cli: Some("memory"),
    label: "Memory",
    noun: "the memory",
    unit: "GB",
    help: "Host memory allocated to the job, at 0.3725 W per GB (Green Algorithms).",
    kind: Kind::Number { min: 0.0, min_exclusive: false, max: 1_000_000.0, integer: false },
    default: "0",
};

pub const LIFETIME: Field = Field {
    id: FieldId::Lifetime,
    key: "lifetime",
    aliases: &[],
    cli: Some("lifetime"),
    label: "Hardware lifetime",
    noun: "the hardware lifetime",
    unit: "years",
    help: "Years the hardware serves: its manufacturing emissions are shared over them. Empty: 4 years (range 3–6), the Cloud Carbon Footprint default.",
    kind: Kind::Number { min: 0.5, min_exclusive: false, max: 30.0, integer: false },
    default: "",
};

pub const REQUESTS: Field = Field {
    id: FieldId::Requests,
    key: "requests",
    aliases: &[],
    cli: Some("requests"),
    label: "Requests served",
    noun: "the number of requests",
    unit: "",
    help: "Inference requests (or generated responses) over the period you account for.",
    kind: Kind::Number { min: 1.0, min_exclusive: false, max: 1e13, integer: true },
    default: "1000000",
};

pub const WH_PER_REQUEST: Field = Field {
    id: FieldId::WhPerRequest,
    key: "wh_per_request",
    aliases: &[],
    cli: Some("wh-per-request"),
    label: "Energy per request",
    noun: "the energy per request",
    unit: "Wh",
    help: "IT energy of one request, before PUE, from a measurement or a published estimate (state it below).",
    kind: Kind::Number { min: 0.0, min_exclusive: true, max: 100_000.0, integer: false },
    default: "0.3",
};

pub const BASIS: Field = named(
    FieldId::Basis,
    "basis",
    Some("basis"),
    "Basis of the energy per request",
    "where the energy per request comes from",
    "Where the energy per request comes from: a measurement, a paper, a benchmark.",
    Kind::Text { max_chars: BASIS_MAX_CHARS },
    "",
);

impl Field {
    /// Bounds of a numeric field; `None` for other kinds.
    pub fn bounds(&self) -> Option<(f64, f64)> {
        match self.kind {
            Kind::Number { min, max, .. } => Some((min, max)),
            _ => None,
        }
    }

    /// Largest accepted value of a numeric field (infinite for other kinds).
    pub fn max(&self) -> f64 {
        self.bounds().map_or(f64::INFINITY, |(_, max)| max)
    }

    /// Keys and labels of a choice field; empty for other kinds.
    pub fn choices(&self) -> &'static [(&'static str, &'static str)] {
        match self.kind {
            Kind::Choice(options) => options,
            _ => &[],
        }
    }

    /// Parse raw text into a value inside the bounds, or a message for the user.
    /// A percentage may carry its sign ("100%", "85 %"), as the CLI always allowed.
    pub fn parse(&self, raw: &str) -> Result<f64, String> {
        let Kind::Number { min, min_exclusive, max, integer } = self.kind else {
            return Err(format!("{} is not a number field.", self.label));
        };
        let mut text = raw.trim();
        if self.unit == "%" {
            text = text.strip_suffix('%').map_or(text, str::trim_end);
        }
        if text.is_empty() {
            return Err(format!("Enter {}.", self.noun));
        }
        if text.contains(',') && !text.contains('.') && text.matches(',').count() == 1 {
            return Err("Use a dot for decimals, for example 1.5.".into());
        }
        let value: f64 = match text.parse() {
            Ok(v) => v,
            Err(_) => return Err(format!("{} is not a number.", crate::text::quote(text, 24))),
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
        if integer && value.fract() != 0.0 {
            return Err(format!("{} must be a whole number.", self.label));
        }
        if value < min || (min_exclusive && value <= min) {
            return Err(if min_exclusive || min == 0.0 {
                format!("{} must be more than {}.", self.label, crate::format::plain(min))
            } else {
                format!("{} must be at least {}.", self.label, crate::format::plain(min))
            });
        }
        if value > max {
            let unit = if self.unit.is_empty() { String::new() } else { format!(" {}", self.unit) };
            return Err(format!(
                "{} must be at most {}{unit}: check the value and its unit.",
                self.label,
                crate::format::plain(max)
            ));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

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
        // A percent sign belongs only to percentages.
        assert_eq!(DURATION.parse("5%"), Err("“5%” is not a number.".into()));
        assert_eq!(UTILIZATION.parse("%"), Err("Enter the average utilization.".into()));
        assert_eq!(LABEL.parse("1"), Err("Run name is not a number field.".into()));
    }

    #[test]
    fn good_input_parses_exactly() {
        assert_eq!(DURATION.parse(" 72.5 "), Ok(72.5));
        assert_eq!(DEVICES.parse("8"), Ok(8.0));
        assert_eq!(UTILIZATION.parse("100"), Ok(100.0));
        assert_eq!(UTILIZATION.parse("100%"), Ok(100.0));
        assert_eq!(UTILIZATION.parse(" 85 % "), Ok(85.0));
        assert_eq!(CPU_USAGE.parse("50%"), Ok(50.0));
        assert_eq!(CUSTOM_INTENSITY.parse("0"), Ok(0.0));
    }

    #[test]
    fn the_registry_is_consistent() {
        let mut keys = BTreeSet::new();
        let mut flags = BTreeSet::new();
        for (i, f) in ALL.iter().enumerate() {
            assert_eq!(FieldId::ALL[i], f.id, "ALL and FieldId::ALL in the same order");
            assert_eq!(f.id.field(), *f);
            for k in std::iter::once(&f.key).chain(f.aliases) {
                assert!(keys.insert(*k), "wire name {k} used twice");
                assert_eq!(FieldId::from_key(k), Some(f.id));
                assert!(k.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{k} is snake_case");
            }
            // The serde name of the id is the wire name (errors maps, JSON).
            assert_eq!(serde_json::to_string(&f.id).expect("serializes"), format!("\"{}\"", f.key));
            if let Some(flag) = f.cli {
                assert!(flags.insert(flag), "flag --{flag} used twice");
                assert!(flag.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "--{flag} is kebab-case");
            }
            assert!(!f.label.is_empty() && !f.noun.is_empty() && f.help.ends_with('.'), "{} is described", f.key);
            match f.kind {
                Kind::Number { min, max, .. } => {
                    assert!(min < max);
                    if !f.default.is_empty() {
                        assert!(f.parse(f.default).is_ok(), "default of {} parses", f.key);
                    }
                }
                Kind::Choice(options) => assert!(options.iter().any(|(k, _)| *k == f.default)),
                Kind::Flag => assert!(f.default == "0" || f.default == "1"),
                Kind::Text { max_chars } => assert!(f.default.chars().count() <= max_chars),
                Kind::Id => {}
            }
        }
    }
}
