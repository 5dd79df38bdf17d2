//! "Which hardware?": the same work on every accelerator, against hand calculations.

use emissions_core::compare_hardware::{advice_sentence, compare_hardware, duration, Advice, Query, Unavailable};
use emissions_core::data::{HardwareKind, Precision};
use emissions_core::form::{FormState, JobBy, LocationMode, NO_ACCELERATOR};
use emissions_core::job::validate;
use emissions_core::Dataset;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("data")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs()
}

/// 7 B parameters × 2 T tokens on 64 × V100 SXM2 32GB in FP16 at 40 % MFU, PUE 1.0, 400 g/kWh.
fn v100_job() -> FormState {
    FormState {
        hardware: "nvidia-v100-sxm2-32gb".into(),
        devices: "64".into(),
        job_by: JobBy::Compute,
        params: "7".into(),
        tokens: "2000".into(),
        mfu: "40".into(),
        precision: Precision::Fp16,
        location: LocationMode::Custom,
        custom_intensity: "400".into(),
        pue: "1".into(),
        ..FormState::default()
    }
}

#[test]
fn the_same_work_on_nvidia_accelerators() {
    let job = validate(&v100_job(), data()).expect("valid");
    let mut q = Query::new(Precision::Fp16);
    q.vendor = Some("NVIDIA".into());
    let c = compare_hardware(data(), &job, &q).expect("comparison");
    assert_eq!(c.flops, 8.4e22);
    let row =
        |id: &str| c.rows.iter().find(|r| r.hardware.map(|i| data().hardware[i].id.as_str()) == Some(id)).expect(id);
    // V100 (the job): 8.4e22 / (125e12 × 0.4) / 3600 = 466,666.7 device-hours; × 300 W = 140 MWh; × 400 g = 56 t.
    let v100 = row("nvidia-v100-sxm2-32gb");
    assert!(v100.current);
    assert!(close(v100.device_hours, 8.4e22 / (125e12 * 0.4) / 3600.0));
    assert!(close(v100.energy_kwh, 140_000.0), "{}", v100.energy_kwh);
    assert!(close(v100.emissions_kg, 56_000.0));
    assert_eq!(v100.emissions_kg, job.estimate().emissions_kg.central, "the current bar is the estimate");
    // H100 SXM (BF16 989 TFLOP/s, the 16-bit peak): 58,982.1 device-hours × 700 W = 41,287.5 kWh.
    let h100 = row("nvidia-h100-sxm");
    assert!(close(h100.device_hours, 8.4e22 / (989e12 * 0.4) / 3600.0));
    assert!(close(h100.wall_hours, h100.device_hours / 64.0));
    assert!(close(h100.energy_kwh, h100.device_hours * 0.7));
    // B200 (2,250 TFLOP/s at 1,000 W) is the cleanest NVIDIA part: 25,925.9 device-hours, 25,925.9 kWh,
    // 81.5 % less than 140 MWh.
    assert_eq!(data().hardware[c.rows[0].hardware.expect("listed")].id, "nvidia-b200");
    match c.advice {
        Advice::Switch { row, saving_fraction, .. } => {
            assert_eq!(row, 0);
            assert!(close(saving_fraction, 1.0 - (8.4e22 / (2250e12 * 0.4) / 3600.0) / 140_000.0));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        advice_sentence(&c),
        "On 64 × NVIDIA B200 (HGX B200) instead of 64 × NVIDIA V100 SXM2 32GB, this job would take 16.9 days instead of 304 days and emit 81.5 % less (45.63 t CO2eq), at the same MFU of 40 %."
    );
    assert!(c.rows.windows(2).all(|w| w[0].emissions_kg <= w[1].emissions_kg), "sorted cleanest first");
    assert!(c.rows.iter().all(|r| r.current || data().hardware[r.hardware.expect("listed")].vendor == "NVIDIA"));
}

#[test]
fn filters_keep_the_job_in_view_and_flag_estimated_power() {
    let job = validate(&v100_job(), data()).expect("valid");
    let mut q = Query::new(Precision::Bf16);
    q.kind = Some(HardwareKind::Tpu);
    let c = compare_hardware(data(), &job, &q).expect("comparison");
    assert!(c.rows.iter().any(|r| r.current), "the job's own device stays in view");
    assert!(c
        .rows
        .iter()
        .filter(|r| !r.current)
        .all(|r| data().hardware[r.hardware.expect("listed")].kind == HardwareKind::Tpu));
    let v5e = c.rows.iter().find(|r| r.name.contains("TPU v5e")).expect("TPU v5e");
    assert!(v5e.estimated_power, "Google publishes no TPU v5e power: the estimate is flagged");
    q.min_memory_gb = Some(100.0);
    let c = compare_hardware(data(), &job, &q).expect("comparison");
    assert!(c
        .rows
        .iter()
        .filter(|r| !r.current)
        .all(|r| data().hardware[r.hardware.expect("listed")].memory_gb.unwrap_or(0.0) >= 100.0));
    q.text = "no-such-device".into();
    let c = compare_hardware(data(), &job, &q).expect("comparison");
    assert_eq!(c.rows.len(), 1);
    assert_eq!(c.advice, Advice::AlreadyCleanest { row: 0 });
}

#[test]
fn a_job_by_time_compares_the_work_it_did() {
    // 8 × A100 SXM4 80GB for 72 h at 40 % MFU did 8 × 72 × 3600 × 312e12 × 0.4 FLOP.
    let s = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        devices: "8".into(),
        duration: "72".into(),
        ..FormState::default()
    };
    let job = validate(&s, data()).expect("valid");
    let c = compare_hardware(data(), &job, &Query::new(Precision::Bf16)).expect("comparison");
    assert!(!c.flops_given);
    assert!(close(c.flops, 8.0 * 72.0 * 3600.0 * 312e12 * 0.4));
    let h100 = c.rows.iter().find(|r| r.name == "NVIDIA H100 SXM5 80GB").expect("H100");
    // The same FLOPs on H100: 72 h × 312 / 989 = 22.71 h.
    assert!(close(h100.wall_hours, 72.0 * 312.0 / 989.0));
}

#[test]
fn no_comparison_without_the_jobs_work() {
    let none = FormState { hardware: NO_ACCELERATOR.into(), host: true, cpu_cores: "8".into(), ..FormState::default() };
    let job = validate(&none, data()).expect("valid");
    assert_eq!(compare_hardware(data(), &job, &Query::new(Precision::Bf16)), Err(Unavailable::NoAccelerator));
    let a10g = FormState { hardware: "nvidia-a10g".into(), ..FormState::default() };
    let job = validate(&a10g, data()).expect("valid");
    assert_eq!(compare_hardware(data(), &job, &Query::new(Precision::Bf16)), Err(Unavailable::NoThroughput));
}

#[test]
fn durations_read_in_hours_or_days() {
    assert_eq!(duration(20.5), "20.5 h");
    assert_eq!(duration(72.0), "3 days");
    assert_eq!(duration(7291.67), "304 days");
}

#[test]
fn the_table_sorts_by_any_column_and_ties_follow_the_emissions() {
    use emissions_core::compare_hardware::{sort_rows, Column};
    let job = validate(&v100_job(), data()).expect("valid");
    let c = compare_hardware(data(), &job, &Query::new(Precision::Fp16)).expect("comparison");
    for column in Column::ALL {
        for descending in [false, true] {
            let mut rows = c.rows.clone();
            sort_rows(&mut rows, column, descending);
            assert_eq!(rows.len(), c.rows.len());
            let key = |r: &emissions_core::compare_hardware::Row| match column {
                Column::Name => 0.0,
                Column::Emissions => r.emissions_kg,
                Column::WallTime => r.wall_hours,
                Column::DeviceHours => r.device_hours,
                Column::Energy => r.energy_kwh,
                Column::Peak => r.peak_tflops,
                Column::Power => r.power_w,
            };
            for w in rows.windows(2) {
                let ordered = if column == Column::Name {
                    if descending {
                        w[0].name >= w[1].name
                    } else {
                        w[0].name <= w[1].name
                    }
                } else if descending {
                    key(&w[0]) >= key(&w[1])
                } else {
                    key(&w[0]) <= key(&w[1])
                };
                assert!(ordered, "{column:?} descending={descending}: {} then {}", w[0].name, w[1].name);
            }
        }
    }
    let mut rows = c.rows.clone();
    sort_rows(&mut rows, Column::Emissions, false);
    assert_eq!(rows, c.rows, "by emissions, ascending: the chart's order");
    assert!(!Column::Name.numeric() && Column::Power.numeric());
}

#[test]
fn a_16_bit_job_moves_to_a_device_at_the_precision_its_bar_used() {
    use emissions_core::compare_hardware::{peak_for, precision_for};
    let h = |id: &str| data().hardware(id).expect(id);
    // V100 publishes FP16 only: a BF16 job runs there at FP16, and says so.
    let v100 = h("nvidia-v100-sxm2-32gb");
    assert_eq!(precision_for(v100, Precision::Bf16), Some(Precision::Fp16));
    assert_eq!(peak_for(v100, Precision::Bf16), v100.peak_tflops(Precision::Fp16));
    assert_eq!(precision_for(v100, Precision::Fp8), None);
    let h100 = h("nvidia-h100-sxm");
    assert_eq!(precision_for(h100, Precision::Bf16), Some(Precision::Bf16));
    assert_eq!(precision_for(h("nvidia-k80"), Precision::Bf16), None);
    // Whatever the device, the precision chosen gives the peak its bar used.
    for d in &data().hardware {
        for p in Precision::ALL {
            assert_eq!(precision_for(d, p).and_then(|q| d.peak_tflops(q)), peak_for(d, p), "{} {p:?}", d.id);
        }
    }
    // Moving the V100 job at BF16 to the V100 validates: the job's estimate is its bar.
    let bf16 = FormState { precision: Precision::Bf16, ..v100_job() };
    assert!(validate(&bf16, data()).is_err(), "V100 has no BF16 figure");
    let moved = FormState { precision: precision_for(v100, Precision::Bf16).expect("fp16"), ..bf16 };
    let job = validate(&moved, data()).expect("valid at FP16");
    let c = compare_hardware(data(), &job, &Query::new(Precision::Bf16)).expect("comparison");
    let row = c.rows.iter().find(|r| r.current).expect("the job's row");
    assert_eq!(row.emissions_kg, job.estimate().emissions_kg.central);
}
