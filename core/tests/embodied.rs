//! The manufacturing share: amortisation by hand, fallbacks, and "include"
//! changing the headline and the statement together.

use emissions_core::embodied::{of_job, HOURS_PER_YEAR};
use emissions_core::form::{FormState, CUSTOM, NO_ACCELERATOR};
use emissions_core::job::validate;
use emissions_core::output::{render_project, Format};
use emissions_core::project::{evaluate, Project, Run};
use emissions_core::Dataset;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("data")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs()
}

fn h100() -> FormState {
    FormState { hardware: "nvidia-h100-sxm".into(), devices: "8".into(), duration: "72".into(), ..FormState::default() }
}

#[test]
fn eight_h100_for_three_days() {
    let job = validate(&h100(), data()).expect("valid");
    let e = of_job(&job, data(), None).expect("a figure");
    // NVIDIA HGX H100 PCF: 164 kg per GPU (1,312 kg / 8), + 712.5 kg of host per GPU
    // (EcoLogits 8-GPU host 5,700 / 8), over 4 years: 576 device-h × 876.5 kg ÷ 35,040 h = 14.408 kg.
    assert_eq!(e.row, "nvidia-h100-sxm-pcf");
    assert!(!e.fallback);
    assert_eq!(e.device_hours, 576.0);
    assert!(close(e.kg.central, 576.0 * (164.0 + 712.5) / (4.0 * HOURS_PER_YEAR)));
    // Low: 164 + 125 kg over 6 years; high: 273 + 750 kg over 3 years.
    assert!(close(e.kg.low, 576.0 * (164.0 + 125.0) / (6.0 * HOURS_PER_YEAR)));
    assert!(close(e.kg.high, 576.0 * (273.0 + 750.0) / (3.0 * HOURS_PER_YEAR)));
    // A typed lifetime of 5 years keeps the table's relative band (3/4 to 6/4).
    let e5 = of_job(&job, data(), Some(5.0)).expect("a figure");
    assert!(close(e5.kg.central, 576.0 * 876.5 / (5.0 * HOURS_PER_YEAR)));
    assert_eq!((e5.lifetime_low_years, e5.lifetime_high_years), (3.75, 7.5));
}

#[test]
fn devices_without_a_footprint_use_their_kinds_fallback() {
    let a100 = validate(&FormState { hardware: "nvidia-a100-sxm4-80gb".into(), ..h100() }, data()).expect("valid");
    let e = of_job(&a100, data(), None).expect("fallback");
    assert!(e.fallback && e.row == "fallback-gpu");
    let custom =
        validate(&FormState { hardware: CUSTOM.into(), custom_power: "300".into(), ..h100() }, data()).expect("valid");
    assert_eq!(of_job(&custom, data(), None).map(|e| e.row), Some("fallback-gpu".to_string()));
    // Host only: one host server per CPU package; 64 cores of a custom CPU = 2 packages of 32.
    let cpu = FormState {
        hardware: NO_ACCELERATOR.into(),
        host: true,
        cpu_cores: "64".into(),
        duration: "10".into(),
        ..FormState::default()
    };
    let e = of_job(&validate(&cpu, data()).expect("valid"), data(), None).expect("cpu fallback");
    assert_eq!(e.row, "fallback-cpu");
    assert!(close(e.kg.central, 2.0 * 10.0 * 1000.0 / (4.0 * HOURS_PER_YEAR)));
}

#[test]
fn include_changes_the_headline_and_the_statement_consistently() {
    let mut p = Project::new(String::new(), vec![Run { form: h100(), ..Run::default() }], 0);
    let apart = evaluate(&p, data());
    assert_eq!(apart.headline_kg(), apart.emissions_kg, "apart by default");
    let text_apart = render_project(Format::Text, &p, data()).expect("text");
    assert!(text_apart.contains("They are not included in the emissions above."));
    p.include_embodied = true;
    let with = evaluate(&p, data());
    assert_eq!(with.emissions_kg, apart.emissions_kg, "operational emissions never change");
    assert!(close(with.headline_kg().central, apart.emissions_kg.central + apart.embodied_kg.central));
    let text_with = render_project(Format::Text, &p, data()).expect("text");
    let headline = emissions_core::format::mass_kg(with.headline_kg().central);
    assert!(
        text_with.contains(&format!("They are included in the total, which is then {headline} CO2eq")),
        "{text_with}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&render_project(Format::Json, &p, data()).expect("json")).expect("json");
    assert_eq!(json["results"]["total"]["include_embodied"], true);
    assert_eq!(json["results"]["total"]["headline_kg"]["central"].as_f64(), Some(with.headline_kg().central));
    assert_eq!(json["project"]["include_embodied"], true, "the choice round-trips");
}
