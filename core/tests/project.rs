//! Projects: the ledger's operations keep their invariant, every run kind is
//! evaluated with hand-computed numbers, and the version-1 JSON shape of a run
//! still reads.

use emissions_core::data::Basis;
use emissions_core::fields::{self, FieldId};
use emissions_core::form::{FormState, LocationMode, CUSTOM};
use emissions_core::permalink::v1_default_run;
use emissions_core::project::{self, evaluate, evaluate_run, MeasuredRun, PerRequest, Phase, Project, Run, RunKind};
use emissions_core::Dataset;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("data")
}

fn run(phase: Phase, repeat: &str, watts: &str, hours: &str) -> Run {
    Run {
        label: phase.label().into(),
        phase,
        repeat: repeat.into(),
        form: FormState {
            hardware: CUSTOM.into(),
            custom_power: watts.into(),
            duration: hours.into(),
            location: LocationMode::Custom,
            custom_intensity: "500".into(),
            pue: "1".into(),
            ..FormState::default()
        },
        kind: RunKind::Hardware,
    }
}

fn labels(p: &Project) -> Vec<&str> {
    p.runs().iter().map(|r| r.label.as_str()).collect()
}

#[test]
fn inference_from_requests_applies_pue_and_intensity() {
    let mut r = run(Phase::Inference, "1", "1", "1");
    r.form.pue = "1.2".into();
    r.kind = RunKind::PerRequest(PerRequest {
        requests: "1000000".into(),
        wh_per_request: "0.3".into(),
        basis: "measured".into(),
    });
    // 1e6 × 0.3 Wh = 300 kWh IT; × 1.2 = 360 kWh; × 500 g = 180 kg. PUE band 1.15–1.25.
    let o = evaluate_run(&r, data(), Basis::Lifecycle).expect("valid");
    assert!((o.energy_kwh.central - 360.0).abs() < 1e-9);
    assert!((o.emissions_kg.central - 180.0).abs() < 1e-9);
    assert!((o.energy_kwh.low - 345.0).abs() < 1e-9);
    assert!(o.job().is_none() && matches!(o.detail, project::Detail::Requests(_)));
    r.kind = RunKind::PerRequest(PerRequest { requests: "-1".into(), wh_per_request: "x".into(), basis: " ".into() });
    let e = evaluate_run(&r, data(), Basis::Lifecycle).expect_err("invalid");
    assert_eq!(e.get(&FieldId::Basis).map(String::as_str), Some("State where the energy per request comes from."));
    assert!(e.contains_key(&FieldId::Requests) && e.contains_key(&FieldId::WhPerRequest));
}

#[test]
fn totals_per_phase_and_overall() {
    let p = Project::new(
        "test".into(),
        vec![
            // 50 trials × 300 W × 2 h = 30 kWh → 15 kg at 500 g/kWh
            run(Phase::HyperparameterSearch, "50", "300", "2"),
            // 1000 W × 10 h = 10 kWh → 5 kg
            run(Phase::FinalTraining, "1", "1000", "10"),
            // invalid: left out and counted
            run(Phase::Exploration, "1", "abc", "10"),
        ],
        0,
    );
    let t = evaluate(&p, data());
    assert_eq!(t.invalid_runs, 1);
    assert_eq!(t.phases.len(), 2);
    assert_eq!(t.phases[0].phase, Phase::HyperparameterSearch);
    assert_eq!(t.phases[0].runs, 50);
    assert_eq!(t.run_count(), 51);
    assert!((t.phases[0].energy_kwh.central - 30.0).abs() < 1e-9);
    assert!((t.emissions_kg.central - 20.0).abs() < 1e-9);
    // Custom PUE 1.0 has band 1.0–1.05; utilization band 85–100 %.
    assert!((t.energy_kwh.low - 40.0 * 0.85).abs() < 1e-9);
    assert!((t.energy_kwh.high - 40.0 * 1.05).abs() < 1e-9);
}

#[test]
fn measured_runs_never_get_pue_again() {
    let mut r = Run { repeat: "2".into(), ..Run::default() };
    r.form.pue = "2.0".into();
    r.kind = RunKind::Measured(MeasuredRun {
        energy_kwh: 1.5,
        emissions_kg: 0.6,
        duration_h: 3.0,
        source: "CodeCarbon".into(),
        location: "France".into(),
        hardware: "1 x A100".into(),
        ..MeasuredRun::default()
    });
    let o = evaluate_run(&r, data(), Basis::Lifecycle).expect("valid");
    assert_eq!(o.energy_kwh.central, 3.0);
    assert_eq!(o.emissions_kg.central, 1.2);
    assert_eq!(o.emissions_kg.low, 1.2);
}

#[test]
fn a_project_always_has_a_run_and_a_valid_active_index() {
    let p = Project::new(String::new(), vec![], 7);
    assert_eq!(p.len(), 1);
    assert_eq!(p.active(), 0);
    assert!(p.is_fresh());
    let p = Project::new(String::new(), vec![Run::default(), Run::default()], 7);
    assert_eq!(p.active(), 0, "an index out of range shows the first run");
    // A file with no runs and a bad index reads as a valid project.
    let p: Project = serde_json::from_str(r#"{"name":"x","runs":[],"active":3}"#).expect("reads");
    assert_eq!((p.len(), p.active()), (1, 0));
}

#[test]
fn ledger_operations_keep_the_shown_run() {
    let mut p = Project::default();
    p.active_run_mut().label = "A".into();
    assert_eq!(p.push(Run { label: "B".into(), ..Run::default() }), 1);
    assert_eq!(p.push(Run { label: "C".into(), ..Run::default() }), 2);
    assert_eq!(p.active(), 2, "push shows the new run");
    assert!(p.select(0));
    assert!(!p.select(3), "no such run");
    assert_eq!(p.active(), 0);
    // Duplicate shows the copy, right after the original.
    assert_eq!(p.duplicate(0), Some(1));
    assert_eq!(labels(&p), ["A", "A (copy)", "B", "C"]);
    assert_eq!(p.duplicate(9), None);
    // Removing a run before the shown one keeps showing the same run.
    p.select(2);
    assert!(p.remove(0));
    assert_eq!(p.active_run().label, "B");
    // Removing the shown run shows its neighbour; removing the last shown run, the one before.
    p.select(2);
    assert!(p.remove(2));
    assert_eq!((p.active(), p.active_run().label.as_str()), (1, "B"));
    assert!(p.remove(0) && !p.remove(0), "the last run stays");
    assert_eq!(labels(&p), ["B"]);
    assert!(!p.remove(5));
}

#[test]
fn a_copy_keeps_its_label_short() {
    let long = "x".repeat(fields::LABEL_MAX_CHARS);
    let copy = Run { label: long, ..Run::default() }.copy();
    assert_eq!(copy.label.chars().count(), fields::LABEL_MAX_CHARS + 1, "clipped with an ellipsis");
    assert!(copy.label.ends_with('…'));
}

#[test]
fn an_import_replaces_a_fresh_project_and_extends_any_other() {
    let imported = || vec![Run { label: "m1".into(), ..Run::default() }, Run { label: "m2".into(), ..Run::default() }];
    let mut p = Project::default();
    p.import(imported());
    assert_eq!(labels(&p), ["m1", "m2"]);
    p.select(1);
    p.import(imported());
    assert_eq!(labels(&p), ["m1", "m2", "m1", "m2"]);
    assert_eq!(p.active(), 1, "the run shown does not change");
    p.import(vec![]);
    assert_eq!(p.len(), 4);
}

#[test]
fn templates_of_the_ledger() {
    let mut base = Run::default();
    base.form.hardware = "nvidia-h100-sxm".into();
    base.form.duration = "72".into();
    let s = Run::search_like(&base);
    assert_eq!((s.phase, s.repeat.as_str(), s.form.duration.as_str()), (Phase::HyperparameterSearch, "50", "2"));
    assert_eq!(s.form.hardware, "nvidia-h100-sxm", "same hardware as the run it is based on");
    let e = Run::exploration_like(&base);
    assert_eq!((e.phase, e.form.duration.as_str()), (Phase::Exploration, "72"));
    let i = Run::inference_like(&base);
    assert_eq!(i.per_request(), Some(&PerRequest::default()));
    assert_eq!(i.per_request().map(|p| p.requests.as_str()), Some(fields::REQUESTS.default));
    // Measured runs are never templates' kind.
    let m = Run {
        kind: RunKind::Measured(MeasuredRun {
            energy_kwh: 1.0,
            emissions_kg: 1.0,
            duration_h: 1.0,
            source: String::new(),
            location: String::new(),
            hardware: String::new(),
            ..MeasuredRun::default()
        }),
        ..base
    };
    assert_eq!(Run::exploration_like(&m).kind, RunKind::Hardware);
}

#[test]
fn every_field_of_a_run_by_id() {
    let mut r = Run::default();
    assert_eq!(r.get(FieldId::Requests), None, "a hardware run has no requests");
    r.set(FieldId::Requests, "5").expect("sets");
    assert_eq!(r.kind.key(), "requests", "a request field makes the run per-request");
    assert_eq!(r.get(FieldId::WhPerRequest), Some(fields::WH_PER_REQUEST.default));
    r.set(FieldId::Phase, "inference").expect("sets");
    assert_eq!(r.phase, Phase::Inference);
    assert_eq!(r.set(FieldId::Phase, "lunch"), Err("Phase: “lunch” is not a valid choice.".into()));
    assert_eq!(r.phase, Phase::Inference, "a refused choice changes nothing");
    for f in fields::ALL {
        let got = r.get(f.id);
        assert!(got.is_some(), "{} readable on a per-request run", f.key);
    }
    r.set_by_requests(false);
    assert_eq!(r.kind, RunKind::Hardware);
}

#[test]
fn phases_follow_the_registry() {
    let choices = fields::PHASE.choices();
    assert_eq!(choices.len(), Phase::ALL.len());
    for (p, (key, label)) in Phase::ALL.iter().zip(choices) {
        assert_eq!((p.key(), p.label()), (*key, *label));
        assert_eq!(Phase::from_key(key), Some(*p));
    }
    assert_eq!(Phase::default().key(), fields::PHASE.default);
}

#[test]
fn version_1_runs_still_read() {
    // Both objects in one file: measured wins, as every version has read it.
    let json = r#"{"label":"x","measured":{"energy_kwh":1,"emissions_kg":2,"duration_h":3,"source":"s","location":"l","hardware":"h"},
                   "per_request":{"requests":"1","wh_per_request":"1","basis":"b"}}"#;
    let r: Run = serde_json::from_str(json).expect("reads");
    assert_eq!(r.kind.key(), "measured");
    let back = serde_json::to_value(&r).expect("writes");
    assert!(back["per_request"].is_null() && back["measured"]["energy_kwh"] == 1.0);
    let r: Run = serde_json::from_str(r#"{"per_request":{"requests":"7"}}"#).expect("reads");
    assert_eq!(r.per_request().map(|p| p.requests.as_str()), Some("7"));
    assert_eq!(r.label, "Training run", "missing fields take the defaults");
}

#[test]
fn the_frozen_link_defaults_equal_todays() {
    // Format 1's defaults are frozen; if a default changes, decide here how old
    // links read (a key left out of a v1 link means the v1 value).
    assert_eq!(v1_default_run(), Run::default());
}

#[test]
fn evaluations_are_counted() {
    let before = project::evaluations();
    let _ = evaluate(&Project::default(), data());
    assert!(project::evaluations() > before);
}
