//! From what the user typed to the numbers shown, against values computed by hand.

use emissions_core::data::Basis;
use emissions_core::fields::FieldId;
use emissions_core::form::{DurationUnit, FormState, LocationMode, CUSTOM, NO_ACCELERATOR};
use emissions_core::job::{validate, validate_on};
use emissions_core::Dataset;
use proptest::prelude::*;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("embedded tables parse")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn default_form_is_valid() {
    let job = validate(&FormState::default(), data()).expect("defaults validate");
    assert_eq!(job.devices, 1);
    assert!(job.estimate().emissions_kg.central > 0.0);
}

#[test]
fn eight_h100_for_three_days_in_us_east_1() {
    let s = FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "8".into(),
        duration: "3".into(),
        unit: DurationUnit::Days,
        utilization: "100".into(),
        ..FormState::default()
    };
    let job = validate(&s, data()).expect("valid");
    let e = job.estimate();
    // 8 × 700 W × 72 h × PUE 1.14 (AWS 2025) = 459.648 kWh;
    // × 349.06 g/kWh (Virginia, lifecycle, Ember 2024 mix × Ember's US factors) = 160.445 kg.
    assert!(close(e.energy_kwh.central, 459.648), "{e:?}");
    assert!(close(e.emissions_kg.central, 459.648 * 349.06 / 1000.0), "{e:?}");
    // Range: utilization 85–100 %, PUE 1.04–1.25.
    assert!(close(e.energy_kwh.low, 8.0 * 700.0 * 0.85 * 72.0 * 1.04 / 1000.0));
    assert!(close(e.energy_kwh.high, 8.0 * 700.0 * 72.0 * 1.25 / 1000.0));
    assert_eq!(job.location.zone_id.as_deref(), Some("US-VA"));
    assert_eq!(job.location.source.as_ref().map(|s| s.year), Some(2024));
    // Virginia publishes no direct figure: on the direct basis its lifecycle figure is used, and said so.
    let direct = validate_on(&s, data(), Basis::Direct).expect("valid");
    assert_eq!(direct.location.intensity_g_per_kwh, 349.06);
    assert!(
        direct.location.basis_fallback && direct.location.basis.contains("no direct figure is published for Virginia")
    );
}

#[test]
fn quebec_on_both_bases() {
    // AWS ca-central-1 is in Québec: 24.34 g lifecycle (NIR 2022 mix × Ember's Canada factors),
    // 1.2 g direct (ECCC NIR 2024 generation intensity, combustion).
    let s = FormState { provider: "aws".into(), region: "ca-central-1".into(), ..FormState::default() };
    let life = validate(&s, data()).expect("valid");
    assert_eq!((life.location.zone_id.as_deref(), life.location.intensity_g_per_kwh), (Some("CA-QC"), 24.34));
    let direct = validate_on(&s, data(), Basis::Direct).expect("valid");
    assert_eq!(direct.location.intensity_g_per_kwh, 1.2);
    assert!(!direct.location.basis_fallback);
    assert!(direct.location.intensity_g_per_kwh < life.location.intensity_g_per_kwh);
}

#[test]
fn google_regions_use_the_zone_figure_unless_the_providers_is_chosen() {
    let s = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        provider: "gcp".into(),
        region: "us-central1".into(),
        duration: "10".into(),
        ..FormState::default()
    };
    // Iowa's lifecycle figure, like every other region in Iowa; Google's own is shown beside it.
    let job = validate(&s, data()).expect("valid");
    let iowa = data().zone("US-IA").expect("zone").intensity_g_per_kwh;
    assert_eq!((job.location.zone_id.as_deref(), job.location.intensity_g_per_kwh), (Some("US-IA"), iowa));
    assert_eq!(job.location.provider_figure.as_ref().map(|f| f.intensity_g_per_kwh), Some(412.72));
    assert_eq!(job.location.provider_cfe, Some(0.87));
    assert_eq!(job.pue.value, 1.11);
    // Chosen explicitly: Google's own figure, labelled as the provider's method.
    let own = validate(&FormState { provider_figure: true, ..s }, data()).expect("valid");
    assert_eq!(own.location.intensity_g_per_kwh, 412.72);
    assert_eq!(own.location.zone_id, None);
    assert!(own.location.basis.contains("provider's own method"));
    // 400 W × 10 h × 1.11 = 4.44 kWh; × 412.72 = 1.8324768 kg. CFE is never subtracted.
    let e = own.estimate();
    assert!(close(e.energy_kwh.central, 4.44));
    assert!(close(e.emissions_kg.central, 1.8324768));
}

#[test]
fn cpu_only_job_matches_green_algorithms_example() {
    let s = FormState {
        hardware: NO_ACCELERATOR.into(),
        duration: "12".into(),
        location: LocationMode::Custom,
        custom_intensity: "111.18".into(),
        pue: "1.56".into(),
        cpu: CUSTOM.into(),
        cpu_cores: "12".into(),
        cpu_power: "7.5".into(),
        cpu_usage: "100".into(),
        memory_gb: "64".into(),
        ..FormState::default()
    };
    let job = validate(&s, data()).expect("valid");
    let e = job.estimate();
    assert!(close(e.energy_kwh.central, 2.1310848), "{e:?}");
    assert!((e.emissions_kg.central * 1000.0 - 236.93).abs() < 0.005, "{e:?}");
}

#[test]
fn zone_mode_uses_on_premises_pue() {
    let s = FormState {
        hardware: CUSTOM.into(),
        custom_power: "300".into(),
        duration: "100".into(),
        location: LocationMode::Zone,
        zone: "FR".into(),
        ..FormState::default()
    };
    let job = validate(&s, data()).expect("valid");
    assert_eq!(job.pue.value, 1.56);
    assert!(close(job.estimate().energy_kwh.central, 300.0 * 100.0 * 1.56 / 1000.0));
}

#[test]
fn every_bad_field_gets_its_own_message() {
    let s = FormState {
        devices: "-2".into(),
        duration: "1e12".into(),
        utilization: "abc".into(),
        pue: "NaN".into(),
        ..FormState::default()
    };
    let errors = validate(&s, data()).expect_err("invalid");
    assert_eq!(errors.get(&FieldId::Devices).map(String::as_str), Some("Number of devices cannot be negative."));
    assert_eq!(
        errors.get(&FieldId::Duration).map(String::as_str),
        Some("Duration must be at most 1,000,000 h: check the value and its unit.")
    );
    assert_eq!(errors.get(&FieldId::Utilization).map(String::as_str), Some("“abc” is not a number."));
    assert_eq!(errors.get(&FieldId::Pue).map(String::as_str), Some("Not a number: enter a finite value."));
    assert_eq!(errors.len(), 4);
}

#[test]
fn days_are_checked_after_conversion() {
    let s = FormState { duration: "50000".into(), unit: DurationUnit::Days, ..FormState::default() };
    let errors = validate(&s, data()).expect_err("too long");
    assert_eq!(
        errors.get(&FieldId::Duration).map(String::as_str),
        Some("Duration must be at most 1,000,000 h (41,667 days): check the value and its unit.")
    );
}

#[test]
fn an_unpublished_power_is_used_only_as_a_labelled_estimate() {
    // Google publishes no TPU v5e power: the table's documented estimate is
    // used, and says so in the basis every output repeats.
    let s = FormState { hardware: "google-tpu-v5e".into(), ..FormState::default() };
    let job = validate(&s, data()).expect("an estimated power is usable");
    assert!(job.hardware.basis.starts_with("estimated"), "{}", job.hardware.basis);
    // A device with no figure at all (published or estimated) is a message, not a number.
    let mut d = data().clone();
    let h = d.hardware.iter_mut().find(|h| h.id == "google-tpu-v5e").expect("row");
    h.power_w = None;
    let errors = validate(&s, &d).expect_err("no power");
    let msg = errors.get(&FieldId::Hardware).cloned().unwrap_or_default();
    assert!(msg.contains("does not publish the power"), "{msg}");
}

#[test]
fn unknown_ids_are_rejected_with_a_message() {
    let s = FormState { hardware: "<img src=x>".into(), region: "mars-1".into(), ..FormState::default() };
    let errors = validate(&s, data()).expect_err("unknown");
    assert_eq!(errors.get(&FieldId::Hardware).map(String::as_str), Some("Choose a device from the list, or Custom."));
    assert_eq!(errors.get(&FieldId::Region).map(String::as_str), Some("Choose a region of this provider."));
}

fn raw_number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|x| x.to_string()),
        (0.0f64..1e7).prop_map(|x| format!("{x}")),
        (0u32..2000).prop_map(|x| x.to_string()),
        Just(String::new()),
        Just("NaN".to_string()),
        Just("-inf".to_string()),
        Just("1e308".to_string()),
        ".*",
    ]
}

#[test]
fn a_cpu_without_a_published_power_is_a_message_not_a_silent_drop() {
    let cpu = data()
        .hardware
        .iter()
        .find(|h| h.kind == emissions_core::data::HardwareKind::Cpu && h.watts_per_core().is_none())
        .expect("the tables list a CPU whose power is unpublished");
    let s = FormState { host: true, cpu: cpu.id.clone(), cpu_cores: "8".into(), ..FormState::default() };
    let e = validate(&s, data()).expect_err("no silent drop of the host");
    assert_eq!(
        e.get(&FieldId::Cpu).map(String::as_str),
        Some(
            format!(
                "{} does not publish the power of the {}: choose Custom and enter the power per core.",
                cpu.vendor, cpu.name
            )
            .as_str()
        )
    );
    let s = FormState { host: true, cpu: "no-such-cpu".into(), ..FormState::default() };
    assert_eq!(
        validate(&s, data()).expect_err("unknown").get(&FieldId::Cpu).map(String::as_str),
        Some("Choose a CPU from the list, or Custom.")
    );
}

#[test]
fn percentages_accept_their_sign_like_the_cli() {
    let s = FormState { utilization: "80%".into(), ..FormState::default() };
    let plain = FormState { utilization: "80".into(), ..FormState::default() };
    assert_eq!(validate(&s, data()).map(|j| j.utilization), validate(&plain, data()).map(|j| j.utilization));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Random text in every field: never a panic; any estimate is finite and ordered.
    #[test]
    fn validation_and_model_never_panic_or_produce_nan(
        devices in raw_number(), duration in raw_number(), util in raw_number(), pue in raw_number(),
        power in raw_number(), ci in raw_number(), cores in raw_number(), mem in raw_number(),
        hw in 0usize..200, region in 0usize..300, mode in 0u8..3, days in any::<bool>(), host in any::<bool>(),
    ) {
        let d = data();
        let hardware = d.hardware.get(hw).map(|h| h.id.clone()).unwrap_or_else(|| if hw % 2 == 0 { CUSTOM.into() } else { NO_ACCELERATOR.into() });
        let (provider, region) = d.regions.get(region).map(|r| (r.provider.clone(), r.region_code.clone())).unwrap_or_default();
        let s = FormState {
            hardware, devices, duration, utilization: util, pue, custom_power: power, custom_intensity: ci,
            cpu_cores: cores, memory_gb: mem, provider, region, host,
            unit: if days { DurationUnit::Days } else { DurationUnit::Hours },
            location: [LocationMode::Cloud, LocationMode::Zone, LocationMode::Custom][mode as usize],
            ..FormState::default()
        };
        if let Ok(job) = validate(&s, d) {
            let e = job.estimate();
            for x in [e.energy_kwh.low, e.energy_kwh.central, e.energy_kwh.high, e.emissions_kg.low, e.emissions_kg.central, e.emissions_kg.high, e.it_power_w] {
                prop_assert!(x.is_finite() && x >= 0.0, "{:?}", e);
            }
            prop_assert!(e.energy_kwh.low <= e.energy_kwh.central && e.energy_kwh.central <= e.energy_kwh.high, "{:?}", e);
        }
    }
}
