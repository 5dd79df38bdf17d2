//! "Which hardware?": the same job, by its work, on every accelerator.
//!
//! The job's compute (FLOPs given, or the FLOPs its hours performed on its own
//! device at its MFU, see [`crate::compute`]) is re-run on every accelerator
//! that publishes a peak throughput at the chosen precision, at the same MFU,
//! on the same number of devices, in the same place (same PUE and grid
//! intensity) with the same host CPU and memory:
//!
//! ```text
//! device-hours = FLOPs ÷ (peak × MFU) ÷ 3600        wall-clock hours = device-hours ÷ devices
//! energy       = the model's energy at that device's power and those hours
//! ```
//!
//! The current device always shows the job's own estimate, so its bar equals the
//! results card. Same MFU everywhere is an assumption (a newer device is often
//! run at a lower MFU); the view says so.

use crate::data::{Dataset, Hardware, HardwareKind, Precision};
use crate::format;
use crate::job::Job;
use serde::Serialize;
use std::cmp::Ordering;

/// What narrows the candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The precision whose peak is used ("bf16" usually).
    pub precision: Precision,
    /// Only this vendor ("NVIDIA"); `None` = every vendor.
    pub vendor: Option<String>,
    /// Only this kind (GPU, TPU, accelerator); `None` = every kind.
    pub kind: Option<HardwareKind>,
    /// Only devices with at least this much memory, GB.
    pub min_memory_gb: Option<f64>,
    /// Words that must all occur in the vendor, name or id.
    pub text: String,
}

impl Query {
    pub fn new(precision: Precision) -> Query {
        Query { precision, vendor: None, kind: None, min_memory_gb: None, text: String::new() }
    }
}

/// One accelerator, running the job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Index into `Dataset::hardware`; `None` for the job's own custom device.
    pub hardware: Option<usize>,
    pub name: String,
    pub peak_tflops: f64,
    pub power_w: f64,
    /// The power figure is an estimate (no vendor rating).
    pub estimated_power: bool,
    pub device_hours: f64,
    /// On the job's number of devices.
    pub wall_hours: f64,
    pub energy_kwh: f64,
    pub emissions_kg: f64,
    /// The job's own device.
    pub current: bool,
    pub cleanest: bool,
}

/// The one sentence of advice, as data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Advice {
    /// No accelerator in view.
    Empty,
    /// Row `row` emits least, and less than the job as entered.
    Switch { row: usize, saving_kg: f64, saving_fraction: f64 },
    /// The job's own device is in view and nothing emits less.
    AlreadyCleanest { row: usize },
    /// The job's device is not in view and nothing in view emits less than the job.
    NothingCleaner,
}

/// The job on every accelerator in view, cleanest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub rows: Vec<Row>,
    /// The job's FLOPs (central value) that every row performs.
    pub flops: f64,
    /// True when the FLOPs were given (or 6·N·D); false when implied by the hours.
    pub flops_given: bool,
    pub mfu: f64,
    pub devices: u32,
    /// The job's own estimate, kg CO2eq.
    pub baseline_kg: f64,
    pub max_kg: f64,
    pub advice: Advice,
}

/// Why there is no comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// No accelerator (host CPU and memory only).
    NoAccelerator,
    /// The job's device publishes no throughput at its precision, so the job's work is unknown.
    NoThroughput,
}

impl Unavailable {
    pub fn message(&self) -> &'static str {
        match self {
            Unavailable::NoAccelerator => "Choose an accelerator to compare hardware for the same work.",
            Unavailable::NoThroughput => "This device publishes no peak throughput at the chosen precision, so the work the job did is unknown: describe the job by its compute, or choose a device with a throughput figure.",
        }
    }
}

/// The peak a device runs the job at: the chosen precision, and for 16-bit work
/// the other 16-bit format where the device has only one (Volta and Turing have
/// FP16 but no BF16; some parts publish only BF16).
pub fn peak_for(h: &Hardware, precision: Precision) -> Option<f64> {
    h.peak_tflops(precision).or_else(|| match precision {
        Precision::Bf16 => h.peak_tflops(Precision::Fp16),
        Precision::Fp16 => h.peak_tflops(Precision::Bf16),
        _ => None,
    })
}

fn matches(h: &Hardware, q: &Query) -> bool {
    let hay = format!("{} {} {}", h.vendor, h.name, h.id).to_lowercase();
    q.vendor.as_ref().is_none_or(|v| h.vendor.eq_ignore_ascii_case(v))
        && q.kind.is_none_or(|k| h.kind == k)
        && q.min_memory_gb.is_none_or(|m| h.memory_gb.is_some_and(|g| g >= m))
        && q.text.split_whitespace().all(|w| hay.contains(&w.to_lowercase()))
}

/// The job, by its work, on every accelerator of `data` in view of `q`.
pub fn compare_hardware(data: &Dataset, job: &Job, q: &Query) -> Result<Comparison, Unavailable> {
    if job.devices == 0 {
        return Err(Unavailable::NoAccelerator);
    }
    let c = job.compute.as_ref().ok_or(Unavailable::NoThroughput)?;
    let (flops, mfu) = (c.flops.central, c.mfu);
    let devices = f64::from(job.devices);
    let inputs = job.inputs();
    let baseline_kg = job.estimate().emissions_kg.central;
    let run = |power_w: f64, peak: f64| {
        let device_hours = flops / (peak * 1e12 * mfu) / 3600.0;
        let wall_hours = device_hours / devices;
        let i = crate::model::Inputs { device_power_w: power_w, hours: wall_hours, ..inputs };
        let energy_kwh = i.energy_kwh(i.utilization, i.pue);
        (device_hours, wall_hours, energy_kwh, energy_kwh * i.intensity_g_per_kwh / 1000.0)
    };

    // The job as entered: its own estimate, so the current bar equals the results.
    let current_row = |hardware: Option<usize>, name: String| {
        let e = job.estimate();
        Row {
            hardware,
            name,
            peak_tflops: c.peak.tflops,
            power_w: job.hardware.power_w,
            estimated_power: job.hardware.estimated,
            device_hours: devices * job.hours,
            wall_hours: job.hours,
            energy_kwh: e.energy_kwh.central,
            emissions_kg: e.emissions_kg.central,
            current: true,
            cleanest: false,
        }
    };

    let mut rows = Vec::new();
    let mut current_listed = false;
    for (i, h) in data.hardware.iter().enumerate() {
        if h.kind == HardwareKind::Cpu {
            continue;
        }
        let current = h.id == job.hardware.id;
        if !current && !matches(h, q) {
            continue;
        }
        let row = if current {
            current_listed = true;
            current_row(Some(i), h.full_name())
        } else {
            let (Some(power_w), Some(peak)) = (h.power_w, peak_for(h, q.precision)) else { continue };
            let (device_hours, wall_hours, energy_kwh, emissions_kg) = run(power_w, peak);
            Row {
                hardware: Some(i),
                name: h.full_name(),
                peak_tflops: peak,
                power_w,
                estimated_power: h.power_is_estimated(),
                device_hours,
                wall_hours,
                energy_kwh,
                emissions_kg,
                current: false,
                cleanest: false,
            }
        };
        rows.push(row);
    }
    if !current_listed {
        // A custom device (or one the tables no longer list) still shows as the baseline.
        rows.push(current_row(None, job.hardware.name.clone()));
    }
    rows.sort_by(|a, b| a.emissions_kg.total_cmp(&b.emissions_kg).then_with(|| a.name.cmp(&b.name)));
    let max_kg = rows.iter().map(|r| r.emissions_kg).fold(0.0, f64::max);
    let advice = advise(&mut rows, baseline_kg);
    Ok(Comparison { rows, flops, flops_given: c.by_compute, mfu, devices: job.devices, baseline_kg, max_kg, advice })
}

fn advise(rows: &mut [Row], baseline_kg: f64) -> Advice {
    let Some(first) = rows.first() else { return Advice::Empty };
    let min = first.emissions_kg;
    let best = match rows.iter().position(|r| r.current) {
        Some(c) if rows[c].emissions_kg.total_cmp(&min) != Ordering::Greater => c,
        _ => 0,
    };
    rows[best].cleanest = true;
    let best_kg = rows[best].emissions_kg;
    if rows[best].current {
        Advice::AlreadyCleanest { row: best }
    } else if best_kg < baseline_kg {
        let saving_kg = baseline_kg - best_kg;
        Advice::Switch { row: best, saving_kg, saving_fraction: saving_kg / baseline_kg }
    } else {
        Advice::NothingCleaner
    }
}

/// "9.1 days" from 48 h on, else "20.5 h".
pub fn duration(hours: f64) -> String {
    if hours >= 48.0 {
        format!("{} days", format::significant(hours / 24.0, 3))
    } else {
        format!("{} h", format::significant(hours, 3))
    }
}

/// The advice as one sentence: "On 64 × NVIDIA H100 SXM5 80GB instead of 64 × NVIDIA
/// V100 SXM2 32GB, this job would take 9.1 days instead of 46 days and emit 71 % less
/// (1.2 t CO2eq), at the same MFU."
pub fn advice_sentence(cmp: &Comparison) -> String {
    let current = cmp.rows.iter().find(|r| r.current);
    match (cmp.advice, current) {
        (Advice::Empty, _) => "No accelerator matches these filters.".to_string(),
        (Advice::Switch { row, saving_kg, saving_fraction }, Some(cur)) => {
            let best = &cmp.rows[row];
            format!(
                "On {n} × {} instead of {n} × {}, this job would take {} instead of {} and emit {} less ({} CO2eq), at the same MFU of {}.",
                best.name,
                cur.name,
                duration(best.wall_hours),
                duration(cur.wall_hours),
                crate::compare::saving_percent(saving_fraction),
                format::mass_kg(saving_kg),
                format::percent(cmp.mfu),
                n = cmp.devices,
            )
        }
        (Advice::AlreadyCleanest { .. }, Some(cur)) => {
            format!("{} is already the cleanest accelerator in view for this work, at the same MFU.", cur.name)
        }
        _ => {
            let n = cmp.rows.len();
            format!(
                "None of the {n} accelerators in view would emit less than {} for this work.",
                current.map_or("the job's device", |c| c.name.as_str())
            )
        }
    }
}

/// A column of the comparison's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Emissions,
    WallTime,
    DeviceHours,
    Energy,
    Peak,
    Power,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Name,
        Column::Emissions,
        Column::WallTime,
        Column::DeviceHours,
        Column::Energy,
        Column::Peak,
        Column::Power,
    ];

    /// Numeric columns sort numerically and are right-aligned.
    pub fn numeric(self) -> bool {
        self != Column::Name
    }
}

/// Sort rows for the table by `column` (stable; ties in emissions order, then name).
pub fn sort_rows(rows: &mut [Row], column: Column, descending: bool) {
    rows.sort_by(|a, b| {
        let primary = match column {
            Column::Name => a.name.cmp(&b.name),
            Column::Emissions => a.emissions_kg.total_cmp(&b.emissions_kg),
            Column::WallTime => a.wall_hours.total_cmp(&b.wall_hours),
            Column::DeviceHours => a.device_hours.total_cmp(&b.device_hours),
            Column::Energy => a.energy_kwh.total_cmp(&b.energy_kwh),
            Column::Peak => a.peak_tflops.total_cmp(&b.peak_tflops),
            Column::Power => a.power_w.total_cmp(&b.power_w),
        };
        let primary = if descending { primary.reverse() } else { primary };
        primary.then_with(|| a.emissions_kg.total_cmp(&b.emissions_kg)).then_with(|| a.name.cmp(&b.name))
    });
}

/// The precision a device runs the job at under `precision`: that one, or for
/// 16-bit work the other 16-bit format when the device publishes only that one
/// (what [`peak_for`] reads). Moving the job to the device sets it, so the job's
/// estimate equals the device's bar. `None` without a figure.
pub fn precision_for(h: &Hardware, precision: Precision) -> Option<Precision> {
    if h.peak_tflops(precision).is_some() {
        return Some(precision);
    }
    let other = match precision {
        Precision::Bf16 => Precision::Fp16,
        Precision::Fp16 => Precision::Bf16,
        _ => return None,
    };
    h.peak_tflops(other).map(|_| other)
}
