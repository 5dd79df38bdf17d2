//! Jobs described by their compute: the hours, energy and emissions with their
//! ranges against hand calculations, and the messages for bad input.

use emissions_core::data::Precision;
use emissions_core::fields::FieldId;
use emissions_core::form::{FormState, JobBy, LocationMode, CUSTOM};
use emissions_core::job::validate;
use emissions_core::Dataset;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("data")
}

/// 7 B parameters × 2 T tokens on 256 × H100 SXM at 40 % MFU, PUE 1.0 and 400 g/kWh.
fn llm() -> FormState {
    FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "256".into(),
        job_by: JobBy::Compute,
        params: "7".into(),
        tokens: "2000".into(),
        mfu: "40".into(),
        location: LocationMode::Custom,
        custom_intensity: "400".into(),
        pue: "1".into(),
        ..FormState::default()
    }
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs()
}

#[test]
fn seven_billion_parameters_two_trillion_tokens_on_256_h100() {
    let job = validate(&llm(), data()).expect("valid");
    let c = job.compute.as_ref().expect("compute facts");
    // 6 × 7e9 × 2e12 = 8.4e22 FLOP; ÷ (989e12 FLOP/s × 0.40) ÷ 3600 = 58,982.14 device-hours.
    assert_eq!(c.flops.central, 8.4e22);
    assert!(c.by_compute);
    let device_hours = 8.4e22 / (989e12 * 0.4) / 3600.0;
    assert!(close(c.device_hours.central, device_hours, 1e-12));
    assert!((device_hours - 58_982.14).abs() < 0.01);
    // 58,982.14 ÷ 256 = 230.40 h of wall-clock time.
    assert!(close(job.hours, device_hours / 256.0, 1e-12));
    // Energy: 58,982.14 device-h × 700 W × 100 % × PUE 1 = 41,287.5 kWh; × 400 g = 16.515 t.
    let e = job.estimate();
    assert!(close(e.energy_kwh.central, device_hours * 0.7, 1e-12), "{e:?}");
    assert!(close(e.emissions_kg.central, device_hours * 0.7 * 0.4, 1e-12));
    // Range: low = 85 % utilization, MFU 60 % (2/3 of the hours), PUE 1.0 (typed: 1.0–1.05);
    //        high = 100 % utilization, MFU 20 % (twice the hours), PUE 1.05.
    assert!(close(e.energy_kwh.low, device_hours * 0.7 * 0.85 / 1.5, 1e-12), "{e:?}");
    assert!(close(e.energy_kwh.high, device_hours * 0.7 * 2.0 * 1.05, 1e-12), "{e:?}");
}

#[test]
fn flops_given_directly_and_derived_from_hours() {
    let s = FormState { flops: "8.4e22".into(), params: String::new(), tokens: String::new(), ..llm() };
    let a = validate(&s, data()).expect("valid");
    let b = validate(&llm(), data()).expect("valid");
    assert!(close(a.hours, b.hours, 1e-12), "FLOPs typed or 6·N·D give the same hours");
    // By time: 8 × 72 h on H100 at 40 % MFU performed 8 × 72 × 3600 × 989e12 × 0.4 FLOP.
    let t = FormState { job_by: JobBy::Time, devices: "8".into(), duration: "72".into(), ..llm() };
    let job = validate(&t, data()).expect("valid");
    let c = job.compute.clone().expect("derived from the hours");
    assert!(!c.by_compute);
    assert!(close(c.flops.central, 8.0 * 72.0 * 3600.0 * 989e12 * 0.4, 1e-12));
    assert_eq!(c.device_hours.central, 576.0);
    // The range of the estimate by time does not depend on the MFU.
    let plain = validate(&FormState { mfu: "10".into(), ..t }, data()).expect("valid");
    assert_eq!(plain.estimate(), job.estimate());
}

#[test]
fn bad_compute_input_gets_a_message_on_its_field() {
    let cases: Vec<(FormState, FieldId, &str)> = vec![
        (FormState { params: String::new(), tokens: String::new(), ..llm() }, FieldId::Flops, "Enter the training compute in FLOPs, or the parameters and tokens."),
        (FormState { flops: "0".into(), ..llm() }, FieldId::Flops, "Training compute must be more than 0."),
        (FormState { flops: "-1e20".into(), ..llm() }, FieldId::Flops, "Training compute cannot be negative."),
        (FormState { tokens: String::new(), ..llm() }, FieldId::Tokens, "Enter the number of training tokens."),
        (FormState { mfu: "120".into(), ..llm() }, FieldId::Mfu, "Model FLOPs utilization must be at most 100 %: check the value and its unit."),
        (FormState { mfu: "0".into(), ..llm() }, FieldId::Mfu, "Model FLOPs utilization must be more than 0."),
        (
            FormState { hardware: "nvidia-v100-sxm2-32gb".into(), ..llm() },
            FieldId::Precision,
            "The NVIDIA V100 SXM2 32GB has no published dense BF16 throughput: choose FP16 or FP32, or describe the job by time.",
        ),
        (FormState { hardware: CUSTOM.into(), custom_power: "300".into(), ..llm() }, FieldId::CustomTflops, "Enter the peak throughput per device."),
        (
            FormState { flops: "1e30".into(), devices: "1".into(), ..llm() },
            FieldId::Flops,
            "At this utilization the job would run more than 1,000,000 h on these devices: check the compute and its unit.",
        ),
    ];
    for (s, field, message) in cases {
        let e = validate(&s, data()).expect_err(message);
        assert_eq!(e.get(&field).map(String::as_str), Some(message), "{e:?}");
    }
    // Nothing else is lost: the same form with the fix is valid again.
    let fixed = FormState { hardware: "nvidia-v100-sxm2-32gb".into(), precision: Precision::Fp16, ..llm() };
    assert!(validate(&fixed, data()).is_ok());
}

#[test]
fn an_estimated_power_widens_the_range_and_says_so() {
    // TPU v5e: no published power; the table's estimate is 124 W (91–140 W).
    let s = FormState {
        hardware: "google-tpu-v5e".into(),
        devices: "1".into(),
        job_by: JobBy::Time,
        duration: "10".into(),
        location: LocationMode::Custom,
        custom_intensity: "100".into(),
        pue: "1".into(),
        ..FormState::default()
    };
    let job = validate(&s, data()).expect("valid");
    let h = data().hardware("google-tpu-v5e").expect("row");
    let (low, high) = h.power_range_w().expect("a band");
    assert!(job.hardware.estimated && job.hardware.power_low_w == low && job.hardware.power_high_w == high);
    let e = job.estimate();
    let w = h.power_w.expect("estimate");
    // low: low power × 85 % × 10 h × PUE 1.0; high: high power × 100 % × 10 h × PUE 1.05.
    assert!(close(e.energy_kwh.low, low * 0.85 * 10.0 / 1000.0, 1e-12), "{e:?}");
    assert!(close(e.energy_kwh.central, w * 10.0 / 1000.0, 1e-12));
    assert!(close(e.energy_kwh.high, high * 10.0 * 1.05 / 1000.0, 1e-12));
    // A published rating keeps the old range (utilization and PUE only).
    let a100 = validate(&FormState { hardware: "nvidia-a100-sxm4-80gb".into(), ..s }, data()).expect("valid");
    assert!(!a100.hardware.estimated);
    assert_eq!(a100.bands().power_low, 1.0);
}
