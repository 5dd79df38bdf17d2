//! Compute: a job's work in floating-point operations, and the device-hours
//! it takes on an accelerator of a given peak throughput.
//!
//! ```text
//! FLOPs        = 6 × parameters × tokens             (dense transformer training)
//! device-hours = FLOPs ÷ (peak FLOP/s × MFU) ÷ 3600
//! FLOPs done   = devices × hours × 3600 × peak FLOP/s × MFU   (a job described by time)
//! ```
//!
//! MFU (model FLOPs utilization) is the share of the peak that does useful
//! work; it is not the power utilization (the share of rated power drawn),
//! which the model applies separately. The MFU's range is half to one and a
//! half times the value: 20–60 % around the 40 % default, the spread of
//! published large runs (GPT-3 21 %, Gopher 32.5 %, Llama 3 38–43 %, PaLM 46 %,
//! Megatron and MegaScale 51–56 %).

use crate::data::{Precision, Source};
use crate::model::Range;
use serde::{Deserialize, Serialize};

/// The MFU at the low and high ends of its range, as factors of the value.
pub const MFU_LOW_FACTOR: f64 = 0.5;
pub const MFU_HIGH_FACTOR: f64 = 1.5;

/// 6 × N × D for `params_b` billion parameters and `tokens_b` billion tokens.
pub fn six_nd(params_b: f64, tokens_b: f64) -> f64 {
    6.0 * (params_b * 1e9) * (tokens_b * 1e9)
}

/// Device-hours to perform `flops` at `peak_tflops` TFLOP/s and `mfu` (0–1).
pub fn device_hours(flops: f64, peak_tflops: f64, mfu: f64) -> f64 {
    flops / (peak_tflops * 1e12 * mfu) / 3600.0
}

/// FLOPs performed in `device_hours` at `peak_tflops` TFLOP/s and `mfu` (0–1).
pub fn flops_in(device_hours: f64, peak_tflops: f64, mfu: f64) -> f64 {
    device_hours * 3600.0 * peak_tflops * 1e12 * mfu
}

/// The MFU range around a value: (low, high), never above 100 %.
pub fn mfu_band(mfu: f64) -> (f64, f64) {
    (mfu * MFU_LOW_FACTOR, (mfu * MFU_HIGH_FACTOR).min(1.0).max(mfu))
}

/// How the FLOPs of a job are known.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FlopsMethod {
    /// Typed by the user.
    Entered,
    /// 6 × parameters × tokens.
    SixNd { params_b: f64, tokens_b: f64 },
    /// Devices × hours × peak × MFU (a job described by its duration).
    HardwareTime,
}

impl FlopsMethod {
    /// "6 × parameters × tokens": how a statement names the method.
    pub fn label(self) -> &'static str {
        match self {
            FlopsMethod::Entered => "as entered",
            FlopsMethod::SixNd { .. } => "6 × parameters × tokens",
            FlopsMethod::HardwareTime => "devices × hours × peak throughput × MFU",
        }
    }
}

/// The peak throughput used, with where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peak {
    pub precision: Precision,
    /// Dense (no sparsity), TFLOP/s per device.
    pub tflops: f64,
    /// None for a figure typed by the user.
    pub source: Option<Source>,
    /// "vendor figure", "third-party figure" or "entered by the user".
    pub status: String,
}

/// The compute facts of a validated job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputeUse {
    /// True when the job was described by its compute (the hours are derived);
    /// false when described by time (the FLOPs are derived).
    pub by_compute: bool,
    pub method: FlopsMethod,
    /// Training FLOPs: exact when given, a range from the MFU when derived.
    pub flops: Range,
    pub peak: Peak,
    /// Model FLOPs utilization, 0–1, and its range.
    pub mfu: f64,
    pub mfu_low: f64,
    pub mfu_high: f64,
    /// Device-hours: exact for a job described by time, a range from the MFU otherwise.
    pub device_hours: Range,
}

impl ComputeUse {
    /// A job given by its FLOPs on `devices` devices: the facts and the wall-clock hours.
    pub fn from_flops(method: FlopsMethod, flops: f64, peak: Peak, mfu: f64, devices: f64) -> (ComputeUse, f64) {
        let (mfu_low, mfu_high) = mfu_band(mfu);
        let dh = |m: f64| device_hours(flops, peak.tflops, m);
        let device_hours = Range { low: dh(mfu_high), central: dh(mfu), high: dh(mfu_low) };
        let hours = device_hours.central / devices;
        let c = ComputeUse {
            by_compute: true,
            method,
            flops: Range::exact(flops),
            peak,
            mfu,
            mfu_low,
            mfu_high,
            device_hours,
        };
        (c, hours)
    }

    /// A job given by its duration: the FLOPs it performed at the MFU.
    pub fn from_time(devices: f64, hours: f64, peak: Peak, mfu: f64) -> ComputeUse {
        let (mfu_low, mfu_high) = mfu_band(mfu);
        let dh = devices * hours;
        let f = |m: f64| flops_in(dh, peak.tflops, m);
        ComputeUse {
            by_compute: false,
            method: FlopsMethod::HardwareTime,
            flops: Range { low: f(mfu_low), central: f(mfu), high: f(mfu_high) },
            peak,
            mfu,
            mfu_low,
            mfu_high,
            device_hours: Range::exact(dh),
        }
    }

    /// The wall-clock hours on `devices` devices at the low and high ends of
    /// the range, for a job described by its compute (None otherwise).
    pub fn hours_at_ends(&self, devices: f64) -> Option<(f64, f64)> {
        (self.by_compute && devices > 0.0).then(|| (self.device_hours.low / devices, self.device_hours.high / devices))
    }

    /// The duration at the ends of the range, as factors of the central hours
    /// (1 for a job described by time).
    pub fn hours_factors(&self) -> (f64, f64) {
        if self.by_compute && self.device_hours.central > 0.0 {
            (self.device_hours.low / self.device_hours.central, self.device_hours.high / self.device_hours.central)
        } else {
            (1.0, 1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peak(tflops: f64) -> Peak {
        Peak { precision: Precision::Bf16, tflops, source: None, status: "test".into() }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs()
    }

    #[test]
    fn seven_billion_parameters_two_trillion_tokens_on_256_h100() {
        // 6 × 7e9 × 2e12 = 8.4e22 FLOP. H100 SXM: 989 TFLOP/s dense BF16; MFU 40 %:
        // 8.4e22 / (989e12 × 0.4) = 212,335,692.6 device-seconds = 58,982.14 device-hours,
        // ÷ 256 devices = 230.40 h of wall-clock time.
        let flops = six_nd(7.0, 2000.0);
        assert!(close(flops, 8.4e22));
        let (c, hours) = ComputeUse::from_flops(
            FlopsMethod::SixNd { params_b: 7.0, tokens_b: 2000.0 },
            flops,
            peak(989.0),
            0.4,
            256.0,
        );
        assert!(close(c.device_hours.central, 8.4e22 / (989e12 * 0.4) / 3600.0));
        assert!((c.device_hours.central - 58_982.14).abs() < 0.01, "{}", c.device_hours.central);
        assert!((hours - 230.399).abs() < 0.001, "{hours}");
        // MFU 20–60 %: twice as long at 20 %, two thirds of the time at 60 %.
        assert!(close(c.device_hours.high, c.device_hours.central * 2.0));
        assert!(close(c.device_hours.low, c.device_hours.central / 1.5));
        assert!(close(c.mfu_low, 0.2) && close(c.mfu_high, 0.6));
        let (lo, hi) = c.hours_factors();
        assert!(close(lo, 1.0 / 1.5) && close(hi, 2.0));
    }

    #[test]
    fn flops_from_hours_and_back() {
        // 8 devices × 72 h × 3600 s × 989e12 × 0.4 = 8.2028...e20 FLOP.
        let c = ComputeUse::from_time(8.0, 72.0, peak(989.0), 0.4);
        assert!(close(c.flops.central, 8.0 * 72.0 * 3600.0 * 989e12 * 0.4));
        assert!(close(c.flops.low, c.flops.central / 2.0) && close(c.flops.high, c.flops.central * 1.5));
        assert_eq!(c.device_hours, Range::exact(576.0));
        assert_eq!(c.hours_factors(), (1.0, 1.0));
        // The round trip gives the hours back.
        let (_, hours) = ComputeUse::from_flops(FlopsMethod::Entered, c.flops.central, peak(989.0), 0.4, 8.0);
        assert!(close(hours, 72.0));
    }

    #[test]
    fn the_mfu_band_never_exceeds_the_peak() {
        assert_eq!(mfu_band(0.8), (0.4, 1.0));
        assert_eq!(mfu_band(1.0), (0.5, 1.0));
    }
}
