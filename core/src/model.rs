//! The estimate model. Pure arithmetic on validated numbers.
//!
//! Energy (kWh) = (devices × rated power × utilization
//!                 + CPU cores × W per core × CPU usage
//!                 + memory GB × W per GB) × hours × PUE ÷ 1000
//! Emissions (g) = energy (kWh) × grid intensity (gCO2eq/kWh)
//!
//! A job described by its compute gets its hours from [`crate::compute`]
//! first; the model is the same.
//!
//! Full f64 precision throughout; rounding happens only in `format`.

use serde::{Deserialize, Serialize};

/// Absolute spread applied to the accelerator utilization to build the range:
/// real average draw is seldom known to better than ±15 percentage points.
/// The band never goes above 100 % (rated power) nor below 1 %.
pub const UTILIZATION_BAND: f64 = 0.15;

/// Spread applied to a PUE the user typed (no published range then): ±0.05,
/// never below 1.0.
pub const CUSTOM_PUE_BAND: f64 = 0.05;

/// Numbers the model needs, already validated (finite, in range).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub devices: f64,
    pub device_power_w: f64,
    /// Fraction of rated power drawn on average, 0..=1.
    pub utilization: f64,
    pub hours: f64,
    pub cpu_cores: f64,
    pub cpu_w_per_core: f64,
    /// Fraction 0..=1.
    pub cpu_usage: f64,
    pub memory_gb: f64,
    pub memory_w_per_gb: f64,
    pub pue: f64,
    pub intensity_g_per_kwh: f64,
}

/// The assumption bands that make the low–high range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bands {
    pub utilization_low: f64,
    pub utilization_high: f64,
    pub pue_low: f64,
    pub pue_high: f64,
    /// Accelerator power at the low and high ends, as a factor of the central
    /// figure: 1 for a published rating, an estimate's own band otherwise.
    pub power_low: f64,
    pub power_high: f64,
    /// Duration at the low and high ends, h: None (the central hours) for a job
    /// described by time; from the MFU band for a job described by its compute
    /// (a higher MFU finishes sooner). Hours, not factors of the central hours,
    /// so that an end is computed as the worked calculation writes it
    /// (`method`), to the last bit.
    pub hours_low: Option<f64>,
    pub hours_high: Option<f64>,
}

impl Bands {
    /// The documented bands around a central utilization and PUE range.
    pub fn around(utilization: f64, pue_low: f64, pue_high: f64) -> Bands {
        Bands {
            utilization_low: (utilization - UTILIZATION_BAND).clamp(0.01, 1.0).min(utilization),
            utilization_high: (utilization + UTILIZATION_BAND).clamp(0.01, 1.0).max(utilization),
            pue_low,
            pue_high,
            power_low: 1.0,
            power_high: 1.0,
            hours_low: None,
            hours_high: None,
        }
    }

    /// These bands with the accelerator's power band (W) around `power_w`.
    pub fn with_power(self, power_w: f64, low_w: f64, high_w: f64) -> Bands {
        if power_w > 0.0 {
            Bands { power_low: low_w / power_w, power_high: high_w / power_w, ..self }
        } else {
            self
        }
    }

    /// These bands with the duration at each end (h), if it has a band.
    pub fn with_hours(self, ends: Option<(f64, f64)>) -> Bands {
        Bands { hours_low: ends.map(|e| e.0), hours_high: ends.map(|e| e.1), ..self }
    }

    /// PUE band for a value typed by the user.
    pub fn custom_pue(pue: f64) -> (f64, f64) {
        ((pue - CUSTOM_PUE_BAND).max(1.0).min(pue), pue + CUSTOM_PUE_BAND)
    }
}

/// A central value with its low–high range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Range {
    pub low: f64,
    pub central: f64,
    pub high: f64,
}

impl Range {
    pub fn map(self, f: impl Fn(f64) -> f64) -> Range {
        Range { low: f(self.low), central: f(self.central), high: f(self.high) }
    }

    pub const ZERO: Range = Range { low: 0.0, central: 0.0, high: 0.0 };

    /// A value known without spread (a measurement).
    pub fn exact(x: f64) -> Range {
        Range { low: x, central: x, high: x }
    }
}

impl std::ops::Add for Range {
    type Output = Range;

    fn add(self, other: Range) -> Range {
        Range { low: self.low + other.low, central: self.central + other.central, high: self.high + other.high }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// IT power (W) before PUE at the central utilization.
    pub it_power_w: f64,
    pub energy_kwh: Range,
    pub emissions_kg: Range,
}

impl Inputs {
    /// IT power in W (accelerators + host CPU + memory) at a given accelerator utilization.
    pub fn it_power_w(&self, utilization: f64) -> f64 {
        self.devices * self.device_power_w * utilization
            + self.cpu_cores * self.cpu_w_per_core * self.cpu_usage
            + self.memory_gb * self.memory_w_per_gb
    }

    /// Facility energy in kWh at a given utilization and PUE.
    pub fn energy_kwh(&self, utilization: f64, pue: f64) -> f64 {
        self.it_power_w(utilization) * self.hours * pue / 1000.0
    }

    /// Facility energy in kWh with the accelerator's power scaled by
    /// `power_factor` and the duration `hours` (None: the central hours), at an
    /// end of the range. The operations are those of the worked calculation
    /// (`method`): devices × (power × factor) × utilization.
    pub fn energy_kwh_at(&self, utilization: f64, pue: f64, power_factor: f64, hours: Option<f64>) -> f64 {
        let power = if power_factor == 1.0 { self.device_power_w } else { self.device_power_w * power_factor };
        let it = self.devices * power * utilization
            + self.cpu_cores * self.cpu_w_per_core * self.cpu_usage
            + self.memory_gb * self.memory_w_per_gb;
        it * hours.unwrap_or(self.hours) * pue / 1000.0
    }
}

pub fn estimate(inputs: &Inputs, bands: &Bands) -> Estimate {
    let energy = Range {
        low: inputs.energy_kwh_at(bands.utilization_low, bands.pue_low, bands.power_low, bands.hours_low),
        central: inputs.energy_kwh(inputs.utilization, inputs.pue),
        high: inputs.energy_kwh_at(bands.utilization_high, bands.pue_high, bands.power_high, bands.hours_high),
    };
    Estimate {
        it_power_w: inputs.it_power_w(inputs.utilization),
        energy_kwh: energy,
        emissions_kg: energy.map(|kwh| kwh * inputs.intensity_g_per_kwh / 1000.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gpu_only(power: f64, hours: f64, util: f64, pue: f64, ci: f64) -> Inputs {
        Inputs {
            devices: 1.0,
            device_power_w: power,
            utilization: util,
            hours,
            cpu_cores: 0.0,
            cpu_w_per_core: 0.0,
            cpu_usage: 0.0,
            memory_gb: 0.0,
            memory_w_per_gb: 0.3725,
            pue,
            intensity_g_per_kwh: ci,
        }
    }

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-12)
    }

    #[test]
    fn one_300w_device_for_100_hours() {
        // 300 W × 100 h = 30 000 Wh = 30 kWh; 30 × 566.3 g = 16 989 g.
        let i = gpu_only(300.0, 100.0, 1.0, 1.0, 566.3);
        let e = estimate(&i, &Bands::around(1.0, 1.0, 1.0));
        assert!(close(e.energy_kwh.central, 30.0, 1e-12), "{e:?}");
        assert!(close(e.emissions_kg.central, 16.989, 1e-12), "{e:?}");
    }

    #[test]
    fn green_algorithms_cpu_and_memory_case() {
        // 12 h × (12 cores × 7.5 W + 64 GB × 0.3725 W/GB) × PUE 1.56
        // = 12 × 113.84 × 1.56 / 1000 = 2.1310848 kWh; × 111.18 g/kWh = 236.93 g.
        let i = Inputs {
            devices: 0.0,
            device_power_w: 0.0,
            utilization: 1.0,
            hours: 12.0,
            cpu_cores: 12.0,
            cpu_w_per_core: 7.5,
            cpu_usage: 1.0,
            memory_gb: 64.0,
            memory_w_per_gb: 0.3725,
            pue: 1.56,
            intensity_g_per_kwh: 111.18,
        };
        let e = estimate(&i, &Bands::around(1.0, 1.56, 1.56));
        assert!(close(e.energy_kwh.central, 2.1310848, 1e-12), "{e:?}");
        assert!(close(e.emissions_kg.central * 1000.0, 236.93, 1e-4), "{e:?}");
    }

    #[test]
    fn range_brackets_central_and_uses_stated_bands() {
        let i = gpu_only(700.0, 10.0, 0.6, 1.2, 400.0);
        let e = estimate(&i, &Bands::around(0.6, 1.1, 1.3));
        // low: 700 × 0.45 × 10 × 1.1 / 1000 = 3.465 kWh; high: 700 × 0.75 × 10 × 1.3 / 1000 = 6.825
        assert!(close(e.energy_kwh.low, 3.465, 1e-12));
        assert!(close(e.energy_kwh.central, 5.04, 1e-12));
        assert!(close(e.energy_kwh.high, 6.825, 1e-12));
        assert!(e.emissions_kg.low < e.emissions_kg.central && e.emissions_kg.central < e.emissions_kg.high);
    }

    #[test]
    fn power_and_hours_bands_widen_the_range() {
        // 1 device, 124 W estimated (91–140 W), 10 h, util 100 % (85–100), PUE 1.
        let i = gpu_only(124.0, 10.0, 1.0, 1.0, 100.0);
        let b = Bands::around(1.0, 1.0, 1.0).with_power(124.0, 91.0, 140.0).with_hours(Some((5.0, 20.0)));
        let e = estimate(&i, &b);
        // low: 91 × 0.85 × 5 h = 386.75 Wh; central 1.24 kWh; high: 140 × 1 × 20 h = 2.8 kWh.
        assert!(close(e.energy_kwh.low, 0.38675, 1e-12), "{e:?}");
        assert!(close(e.energy_kwh.central, 1.24, 1e-12), "{e:?}");
        assert!(close(e.energy_kwh.high, 2.8, 1e-12), "{e:?}");
    }

    #[test]
    fn utilization_band_is_clamped_to_rated_power() {
        let b = Bands::around(1.0, 1.0, 1.0);
        assert_eq!((b.utilization_low, b.utilization_high), (0.85, 1.0));
        let b = Bands::around(0.05, 1.0, 1.0);
        assert_eq!((b.utilization_low, b.utilization_high), (0.01, 0.2));
        assert_eq!(Bands::custom_pue(1.02), (1.0, 1.07));
    }
}
