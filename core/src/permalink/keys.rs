//! The keys of a run in a link: every field of the registry, the measurement
//! of a tracked run, and the factor values recorded when the link was made.
//! Also the format's frozen defaults.

use crate::data::Precision;
use crate::fields::FieldId;
use crate::form::{DurationUnit, FormState, JobBy, LocationMode, CUSTOM};
use crate::project::{Phase, Run, RunKind};

/// The project's own keys.
pub(super) const K_VERSION: &str = "v";
pub(super) const K_DATA: &str = "d";
pub(super) const K_NAME: &str = "name";
pub(super) const K_RUNS: &str = "runs";
pub(super) const K_ACTIVE: &str = "active";
/// The project's grid basis, written only when it is not lifecycle (added in data version 2026.12).
pub(super) const K_GRID_BASIS: &str = "grid_basis";
/// "1" when the headline includes the manufacturing share (added in data version 2026.12).
pub(super) const K_EMBODIED: &str = "include_embodied";

/// The measurement of a tracked run, in the order of [`MeasuredKey::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MeasuredKey {
    Energy,
    Emissions,
    Hours,
    Source,
    Location,
    Hardware,
}

impl MeasuredKey {
    pub(super) const ALL: [MeasuredKey; 6] = [
        MeasuredKey::Energy,
        MeasuredKey::Emissions,
        MeasuredKey::Hours,
        MeasuredKey::Source,
        MeasuredKey::Location,
        MeasuredKey::Hardware,
    ];

    pub(super) fn key(self) -> &'static str {
        match self {
            MeasuredKey::Energy => "m_energy",
            MeasuredKey::Emissions => "m_emissions",
            MeasuredKey::Hours => "m_hours",
            MeasuredKey::Source => "m_source",
            MeasuredKey::Location => "m_location",
            MeasuredKey::Hardware => "m_hardware",
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            MeasuredKey::Energy => "Measured energy",
            MeasuredKey::Emissions => "Measured emissions",
            MeasuredKey::Hours => "Measured duration",
            MeasuredKey::Source => "Measurement source",
            MeasuredKey::Location => "Measured location",
            MeasuredKey::Hardware => "Measured hardware",
        }
    }
}

/// A factor value from the tables, recorded in a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Factor {
    Intensity,
    Pue,
    Power,
}

impl Factor {
    pub(super) const ALL: [Factor; 3] = [Factor::Intensity, Factor::Pue, Factor::Power];

    pub(super) fn key(self) -> &'static str {
        match self {
            Factor::Intensity => "used_intensity",
            Factor::Pue => "used_pue",
            Factor::Power => "used_power",
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Factor::Intensity => "Recorded grid intensity",
            Factor::Pue => "Recorded PUE",
            Factor::Power => "Recorded device power",
        }
    }
}

/// Every key a run can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    Field(FieldId),
    Measured(MeasuredKey),
    Used(Factor),
}

impl Key {
    pub(super) fn from_key(key: &str) -> Option<Key> {
        if let Some(id) = FieldId::from_key(key) {
            return Some(Key::Field(id));
        }
        if let Some(m) = MeasuredKey::ALL.into_iter().find(|m| m.key() == key) {
            return Some(Key::Measured(m));
        }
        Factor::ALL.into_iter().find(|f| f.key() == key).map(Key::Used)
    }

    pub(super) fn key(self) -> &'static str {
        match self {
            Key::Field(id) => id.key(),
            Key::Measured(m) => m.key(),
            Key::Used(f) => f.key(),
        }
    }

    /// The name in notices (the form's label where there is one).
    pub(super) fn name(self) -> &'static str {
        match self {
            Key::Field(id) => id.field().label,
            Key::Measured(m) => m.name(),
            Key::Used(f) => f.name(),
        }
    }
}

/// The defaults of format 1. Frozen: a key left out of a version-1 link always
/// means this value, even if the app's defaults change later (a test says
/// where they differ today). The compute fields (`job_by` … `custom_tflops`)
/// were added in data version 2026.12; a link made before names none of them
/// and so reads as a job described by time, as it was.
pub fn v1_default_run() -> Run {
    Run {
        label: "Training run".into(),
        phase: Phase::FinalTraining,
        repeat: "1".into(),
        form: FormState {
            hardware: "nvidia-a100-sxm4-80gb".into(),
            custom_name: String::new(),
            custom_power: String::new(),
            devices: "1".into(),
            duration: "24".into(),
            unit: DurationUnit::Hours,
            utilization: "100".into(),
            job_by: JobBy::Time,
            flops: String::new(),
            params: String::new(),
            tokens: String::new(),
            mfu: "40".into(),
            precision: Precision::Bf16,
            custom_tflops: String::new(),
            location: LocationMode::Cloud,
            provider: "aws".into(),
            region: "us-east-1".into(),
            zone: "US".into(),
            provider_figure: false,
            custom_intensity: String::new(),
            pue: String::new(),
            host: false,
            cpu: CUSTOM.into(),
            cpu_cores: "0".into(),
            cpu_power: "12".into(),
            cpu_usage: "100".into(),
            memory_gb: "0".into(),
            lifetime: String::new(),
        },
        kind: RunKind::Hardware,
    }
}
