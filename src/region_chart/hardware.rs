//! The "which hardware?" comparison as bars of the chart: each accelerator
//! running the job's work, with its wall-clock time and power beside its name,
//! its value marked "~" when its power is an estimate (no vendor rating).

// Natively only the tests use this module (the chart is drawn in the browser).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use super::layout::{Bar, Dimension, Drawn, Series};
use emissions_core::compare_hardware::{self as hw, Comparison};
use emissions_core::data::Dataset;
use emissions_core::form::CUSTOM;
use emissions_core::format;
use std::borrow::Cow;

/// Marks the value of a device whose power is estimated.
pub const ESTIMATED_MARK: &str = "~";
/// What the mark means, said after the value.
pub const ESTIMATED_NOTE: &str = ", estimated power (no vendor rating)";

/// The key of the job's own custom device (not in the table).
const CUSTOM_KEY: usize = usize::MAX;

/// A comparison of accelerators, as the chart reads it.
pub struct Devices<'a> {
    data: &'a Dataset,
    cmp: &'a Comparison,
}

impl<'a> Devices<'a> {
    pub fn new(data: &'a Dataset, cmp: &'a Comparison) -> Devices<'a> {
        Devices { data, cmp }
    }
}

/// The id a bar reports: the device's id in the table, or "custom".
pub fn row_id<'a>(data: &'a Dataset, row: &hw::Row) -> &'a str {
    row.hardware.and_then(|i| data.hardware.get(i)).map_or(CUSTOM, |h| h.id.as_str())
}

/// "9.6 days · 700 W", "4.1 days · ~289 W".
pub fn detail(row: &hw::Row) -> String {
    let mark = if row.estimated_power { ESTIMATED_MARK } else { "" };
    format!("{} · {mark}{} W", hw::duration(row.wall_hours), format::plain(row.power_w))
}

impl Series for Devices<'_> {
    fn len(&self) -> usize {
        self.cmp.rows.len()
    }

    fn key(&self, i: usize) -> usize {
        self.cmp.rows[i].hardware.unwrap_or(CUSTOM_KEY)
    }

    fn bar(&self, i: usize) -> Bar<'_> {
        let row = &self.cmp.rows[i];
        let estimated = row.estimated_power;
        Bar {
            id: row_id(self.data, row),
            name: Cow::Borrowed(row.name.as_str()),
            detail: Cow::Owned(detail(row)),
            kg: row.emissions_kg,
            prefix: if estimated { ESTIMATED_MARK } else { "" },
            suffix: "",
            note: if estimated { ESTIMATED_NOTE } else { "" },
            current: row.current,
            cleanest: row.cleanest,
        }
    }

    fn max_kg(&self) -> f64 {
        self.cmp.max_kg
    }
}

/// The chart of `view` (in view) among `whole` (every accelerator with a throughput figure).
pub fn drawn(data: &Dataset, whole: &Comparison, view: &Comparison, width: f64) -> Drawn {
    let w = Devices::new(data, whole);
    if std::ptr::eq(whole, view) {
        return Drawn::new(Dimension::Accelerators, &w, &w, width);
    }
    Drawn::new(Dimension::Accelerators, &w, &Devices::new(data, view), width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use emissions_core::compare_hardware::{compare_hardware, Query};
    use emissions_core::data::{HardwareKind, Precision};
    use emissions_core::form::{FormState, JobBy};
    use emissions_core::job::validate;

    /// 7 B parameters × 2 T tokens on 256 × H100 SXM at 40 % MFU, in the default region.
    fn llm() -> FormState {
        FormState {
            hardware: "nvidia-h100-sxm".into(),
            devices: "256".into(),
            job_by: JobBy::Compute,
            params: "7".into(),
            tokens: "2000".into(),
            mfu: "40".into(),
            ..FormState::default()
        }
    }

    #[test]
    fn one_bar_per_accelerator_with_the_jobs_own_estimate_on_its_device() {
        let data = Dataset::embedded().expect("data"); // ok: test
        let job = validate(&llm(), data).expect("valid"); // ok: test
        let whole = compare_hardware(data, &job, &Query::new(Precision::Bf16)).expect("comparison"); // ok: test
        let d = drawn(data, &whole, &whole, 570.0);
        assert_eq!(d.dimension, Dimension::Accelerators);
        assert_eq!(d.bars.len(), whole.rows.len());
        assert_eq!(d.shown, whole.rows.len());
        assert!(d.bars.iter().enumerate().all(|(i, (_, b))| b.slot == Some(i)), "in order, all in view");
        // The job's device: the tab stop, marked, showing the results card's figure.
        let current = d.bars.iter().position(|(_, b)| b.current).expect("the job's device"); // ok: test
        assert_eq!(d.tab_stop(), Some(current));
        let bar = &d.bars[current].1;
        assert_eq!(bar.id, "nvidia-h100-sxm");
        assert_eq!(bar.value, format::mass_kg(job.estimate().emissions_kg.central));
        // 8.4e22 / (256 × 989e12 × 0.4) / 3600 = 230.4 h = 9.6 days, at 700 W.
        assert!(bar.label.contains("9.6 days · 700 W"), "{}", bar.label);
        assert!(
            bar.aria.starts_with("NVIDIA H100 SXM5 80GB · your choice · 9.6 days · 700 W: "),
            "the accessible name holds the label as shown: {}",
            bar.aria
        );
        assert!(bar.aria.ends_with(" CO2eq"));
        // Estimated powers are marked in the value, the label and the accessible name; only they.
        for ((_, b), row) in d.bars.iter().zip(&whole.rows) {
            assert_eq!(b.value.starts_with(ESTIMATED_MARK), row.estimated_power, "{}", row.name);
            assert_eq!(b.aria.ends_with(ESTIMATED_NOTE), row.estimated_power, "{}", row.name);
            assert_eq!(
                b.label.contains(&format!("{ESTIMATED_MARK}{} W", format::plain(row.power_w))),
                row.estimated_power
            );
        }
        assert!(whole.rows.iter().any(|r| r.estimated_power), "fixture: TPUs have estimated powers");
        assert_eq!(d.bars.iter().filter(|(_, b)| b.cleanest).count(), 1);
        let widest = d.bars.iter().map(|(_, b)| b.width).fold(0.0, f64::max);
        assert!((widest - d.geometry.bar_max).abs() < 1e-9, "the longest bar spans the scale");
    }

    #[test]
    fn filters_hide_bars_without_a_new_drawing() {
        let data = Dataset::embedded().expect("data"); // ok: test
        let job = validate(&llm(), data).expect("valid"); // ok: test
        let whole = compare_hardware(data, &job, &Query::new(Precision::Bf16)).expect("comparison"); // ok: test
        let d = drawn(data, &whole, &whole, 570.0);
        let q = Query { kind: Some(HardwareKind::Tpu), ..Query::new(Precision::Bf16) };
        let view = compare_hardware(data, &job, &q).expect("comparison"); // ok: test
        let filtered = drawn(data, &whole, &view, 570.0);
        assert_eq!(filtered.shape, d.shape, "same devices in the same order: patched");
        assert_eq!(filtered.shown, view.rows.len());
        assert!(filtered.shown < d.shown);
        let slots: Vec<usize> = filtered.bars.iter().filter_map(|(_, b)| b.slot).collect();
        assert_eq!(slots, (0..view.rows.len()).collect::<Vec<_>>());
        // The job's device stays in view among the TPUs.
        assert!(filtered.bars.iter().any(|(_, b)| b.current && b.slot.is_some()));
        // A job of other hours keeps the shape only if the order is the same; another width never does.
        assert_ne!(drawn(data, &whole, &whole, 1000.0).shape, d.shape);
    }

    #[test]
    fn the_jobs_custom_device_is_a_bar_of_its_own() {
        let data = Dataset::embedded().expect("data"); // ok: test
        let form = FormState {
            hardware: CUSTOM.into(),
            custom_name: "in-house ASIC".into(),
            custom_power: "500".into(),
            custom_tflops: "800".into(),
            ..llm()
        };
        let job = validate(&form, data).expect("valid"); // ok: test
        let whole = compare_hardware(data, &job, &Query::new(Precision::Bf16)).expect("comparison"); // ok: test
        let d = drawn(data, &whole, &whole, 360.0);
        let (key, bar) = d.bars.iter().find(|(_, b)| b.current).expect("the custom device"); // ok: test
        assert_eq!((*key, bar.id.as_str()), (CUSTOM_KEY, CUSTOM));
        assert!(bar.aria.starts_with("in-house ASIC · your choice"));
        let svg = crate::region_chart::svg::chart_svg(&d);
        assert_eq!(svg.matches("clip-path=\"url(#hw-clip)\"").count(), d.bars.len());
        assert!(!svg.contains("rc-clip"), "its own clip path: both charts can be on the page");
    }
}
