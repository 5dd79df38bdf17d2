//! The method laid open: the worked calculation equals the headline numbers to
//! the last displayed digit (both formatted the same way) for every shared case
//! of tests/cases.json, a job described by its compute, a run from requests, a
//! measured run, the manufacturing share and a multi-run project; every step
//! evaluates to its result; every table reference is a cell that holds the
//! term's value.

use emissions_core::data::Basis;
use emissions_core::export::import_json;
use emissions_core::form::{FormState, JobBy, LocationMode};
use emissions_core::format;
use emissions_core::method::{of_active, of_project, End, FactorRef, Origin, ProjectMethod, Step, StepKey};
use emissions_core::model::Range;
use emissions_core::project::{evaluate, MeasuredRun, PerRequest, Phase, Project, ProjectTotals, Run, RunKind};
use emissions_core::Dataset;
use std::collections::HashMap;

const CASES: &str = include_str!("../../tests/cases.json");
const MULTI: &str = include_str!("fixtures/multi-run.json");

fn data() -> &'static Dataset {
    Dataset::embedded().expect("tables")
}

fn cases() -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(CASES).expect("tests/cases.json parses");
    v["cases"].as_array().expect("cases").clone()
}

fn one_run(form: FormState) -> Project {
    Project::new(String::new(), vec![Run { form, ..Run::default() }], 0)
}

fn worked(p: &Project) -> (ProjectMethod, ProjectTotals) {
    let t = evaluate(p, data());
    (of_project(p, &t, data()), t)
}

fn kg_range(r: Range) -> String {
    format::range(r, format::mass_kg)
}

fn kwh_range(r: Range) -> String {
    format::range(r, format::energy_kwh)
}

/// The worked figures read exactly as the results do: central values and ranges
/// of energy, operational emissions, the manufacturing share and the headline,
/// for the project and for every run.
fn assert_same_display(p: &Project) -> ProjectMethod {
    let (m, t) = worked(p);
    assert_eq!(format::mass_kg(m.headline_kg.central), format::mass_kg(t.headline_kg().central));
    assert_eq!(kg_range(m.headline_kg), kg_range(t.headline_kg()));
    assert_eq!(format::mass_kg(m.emissions_kg.central), format::mass_kg(t.emissions_kg.central));
    assert_eq!(kg_range(m.emissions_kg), kg_range(t.emissions_kg));
    assert_eq!(format::energy_kwh(m.energy_kwh.central), format::energy_kwh(t.energy_kwh.central));
    assert_eq!(kwh_range(m.energy_kwh), kwh_range(t.energy_kwh));
    assert_eq!(kg_range(m.embodied_kg), kg_range(t.embodied_kg));
    // The central value is the model's to the last bit.
    assert_eq!(m.emissions_kg.central, t.emissions_kg.central);
    assert_eq!(m.energy_kwh.central, t.energy_kwh.central);
    assert_eq!(m.headline_kg.central, t.headline_kg().central);
    for r in &m.runs {
        let o = t.runs[r.run].as_ref().expect("a valid run");
        assert_eq!(kg_range(r.emissions_kg), kg_range(o.emissions_kg), "run {}", r.run);
        assert_eq!(kwh_range(r.energy_kwh), kwh_range(o.energy_kwh), "run {}", r.run);
        assert_eq!(r.emissions_kg.central, o.emissions_kg.central, "run {}", r.run);
        match (&r.embodied_kg, &o.embodied) {
            (Some(w), Some(e)) => assert_eq!(kg_range(*w), kg_range(e.kg), "run {}", r.run),
            (None, None) => {}
            other => panic!("run {}: {other:?}", r.run),
        }
    }
    assert_steps_are_sound(&m);
    m
}

fn all_steps(m: &ProjectMethod) -> Vec<&Step> {
    let mut v = Vec::new();
    for r in &m.runs {
        for end in End::ALL {
            v.extend(r.operational.get(end));
            if let Some(e) = &r.embodied {
                v.extend(e.get(end));
            }
        }
        v.extend(&r.work);
    }
    for e in m.totals.iter().chain(&m.headline) {
        for end in End::ALL {
            v.extend(e.get(end));
        }
    }
    v
}

/// A factor table: its header and its rows by key.
struct Table {
    header: Vec<String>,
    rows: HashMap<String, Vec<String>>,
}

fn table(name: &str) -> Table {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data").join(name);
    let mut r = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let header: Vec<String> = r.headers().expect("header").iter().map(String::from).collect();
    let mut rows = HashMap::new();
    for rec in r.records() {
        let rec: Vec<String> = rec.expect("row").iter().map(String::from).collect();
        let key = if name == "cloud_regions.csv" { format!("{}:{}", rec[0], rec[1]) } else { rec[0].clone() };
        rows.insert(key, rec);
    }
    Table { header, rows }
}

/// Every factor table, read once.
fn tables() -> &'static HashMap<String, Table> {
    static TABLES: std::sync::OnceLock<HashMap<String, Table>> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| emissions_core::changes::TABLES.iter().map(|t| (t.to_string(), table(t))).collect())
}

fn cell(r: &FactorRef) -> f64 {
    let t = tables().get(&r.table).unwrap_or_else(|| panic!("{r:?}: no such table"));
    let col = t.header.iter().position(|h| *h == r.column).unwrap_or_else(|| panic!("{r:?}: no such column"));
    let row = t.rows.get(&r.key).unwrap_or_else(|| panic!("{r:?}: no such row"));
    row[col].parse().unwrap_or_else(|_| panic!("{r:?}: {:?} is not a number", row[col]))
}

fn assert_steps_are_sound(m: &ProjectMethod) {
    for s in all_steps(m) {
        assert_eq!(s.result.value, s.evaluate(), "{}", s.expression());
        for term in s.terms() {
            if let Origin::Table(r) = &term.origin {
                let v = cell(r);
                assert!((v - term.value).abs() <= 1e-12 * v.abs(), "{r:?} holds {v}, the term is {}", term.value);
            }
        }
    }
}

fn line(m: &ProjectMethod, run: usize, end: End, key: StepKey) -> String {
    let r = m.runs.iter().find(|r| r.run == run).expect("run");
    let steps = r.operational.get(end).iter().chain(r.embodied.iter().flat_map(|e| e.get(end)));
    steps.filter(|s| s.key == key).map(Step::expression).next_back().unwrap_or_else(|| panic!("no {key:?} step"))
}

#[test]
fn every_shared_case_works_out_to_its_headline() {
    for (i, c) in cases().iter().enumerate() {
        let form: FormState = serde_json::from_value(c["form"].clone()).expect("case form");
        let m = assert_same_display(&one_run(form));
        let e = &c["expected"];
        assert_eq!(format::mass_kg(m.headline_kg.central), e["display"].as_str().expect("display"), "case {i}");
        assert_eq!(kg_range(m.emissions_kg), e["range_display"].as_str().expect("range"), "case {i}");
        assert!((m.emissions_kg.central - e["emissions_kg"].as_f64().expect("kg")).abs() < 1e-9);
        assert!((m.emissions_kg.low - e["emissions_low_kg"].as_f64().expect("low")).abs() < 1e-9);
        assert!((m.emissions_kg.high - e["emissions_high_kg"].as_f64().expect("high")).abs() < 1e-9);
    }
}

#[test]
fn the_shared_cases_read_as_their_hand_calculations() {
    let form = |i: usize| -> FormState { serde_json::from_value(cases()[i]["form"].clone()).expect("form") };
    // 8 × 700 W × 100 % × 72 h × 1.14 = 459.648 kWh; × 349.06 g/kWh = 160.445 kg.
    let (m, _) = worked(&one_run(form(0)));
    assert_eq!(line(&m, 0, End::Central, StepKey::Energy), "8 × 700 W × 100 % × 72 h × 1.14 ÷ 1000 = 459.6 kWh");
    assert_eq!(line(&m, 0, End::Central, StepKey::Emissions), "459.6 kWh × 349.06 g/kWh ÷ 1000 = 160.4 kg CO2eq");
    // Low: 85 % and PUE 1.04 = 356.4 kWh → 124.4 kg; high: 100 % and PUE 1.25 = 504 kWh → 175.9 kg.
    assert_eq!(line(&m, 0, End::Low, StepKey::Energy), "8 × 700 W × 85 % × 72 h × 1.04 ÷ 1000 = 356.4 kWh");
    assert_eq!(line(&m, 0, End::Low, StepKey::Emissions), "356.4 kWh × 349.06 g/kWh ÷ 1000 = 124.4 kg CO2eq");
    assert_eq!(line(&m, 0, End::High, StepKey::Energy), "8 × 700 W × 100 % × 72 h × 1.25 ÷ 1000 = 504 kWh");
    assert_eq!(line(&m, 0, End::High, StepKey::Emissions), "504 kWh × 349.06 g/kWh ÷ 1000 = 175.9 kg CO2eq");
    let energy = &m.runs[0].operational.central[0];
    let refs: Vec<&FactorRef> = energy
        .terms()
        .filter_map(|t| match &t.origin {
            Origin::Table(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(
        refs,
        [&FactorRef::new("hardware.csv", "nvidia-h100-sxm", "power_w"), &FactorRef::new("pue.csv", "aws", "pue")]
    );
    let emissions = &m.runs[0].operational.central[1];
    let intensity = emissions.terms().nth(1).expect("intensity");
    assert_eq!(intensity.origin, Origin::Table(FactorRef::new("grid_zones.csv", "US-VA", "lifecycle_g_per_kwh")));
    assert!(matches!(&energy.terms().nth(2).expect("utilization").origin, Origin::Entered));
    assert!(matches!(&m.runs[0].operational.low[0].terms().nth(2).expect("utilization").origin, Origin::Band { .. }));

    // Host CPU and memory only: 12 h × (12 × 7.5 W + 64 GB × 0.3725 W/GB) × 1.56 = 2.1310848 kWh
    // × 44.18 g/kWh = 94.15 g; a typed PUE's band is ±0.05.
    let (m, _) = worked(&one_run(form(1)));
    assert_eq!(
        line(&m, 0, End::Central, StepKey::Energy),
        "(12 × 7.5 W × 100 % + 64 GB × 0.3725 W/GB) × 12 h × 1.56 ÷ 1000 = 2.131 kWh"
    );
    assert_eq!(line(&m, 0, End::Central, StepKey::Emissions), "2.131 kWh × 44.18 g/kWh ÷ 1000 = 94.15 g CO2eq");
    assert_eq!(
        line(&m, 0, End::High, StepKey::Energy),
        "(12 × 7.5 W × 100 % + 64 GB × 0.3725 W/GB) × 12 h × 1.61 ÷ 1000 = 2.199 kWh"
    );
    // The host's manufacturing share: one host server per 32 cores of a custom CPU.
    assert_eq!(line(&m, 0, End::Central, StepKey::DeviceHours), "12 ÷ 32 × 12 h = 4.5 device-h");

    // 4 × 300 W × 60 % × 48 h (2 days) × 1.2 = 41.472 kWh × 450 g/kWh = 18.66 kg.
    let (m, _) = worked(&one_run(form(2)));
    assert_eq!(line(&m, 0, End::Central, StepKey::Energy), "4 × 300 W × 60 % × 48 h × 1.2 ÷ 1000 = 41.47 kWh");
    assert_eq!(line(&m, 0, End::Central, StepKey::Emissions), "41.47 kWh × 450 g/kWh ÷ 1000 = 18.66 kg CO2eq");
    assert_eq!(line(&m, 0, End::Low, StepKey::Energy), "4 × 300 W × 45 % × 48 h × 1.15 ÷ 1000 = 29.81 kWh");
}

#[test]
fn a_job_described_by_its_compute_shows_the_derived_hours() {
    // 7 B parameters × 2 T tokens on 256 × H100 SXM at 40 % MFU in us-east-1:
    // 6 × 7e9 × 2e12 = 8.4e22 FLOP; ÷ (989e12 × 0.4) ÷ 3600 ÷ 256 = 230.399 h;
    // × 256 × 700 W × 1.14 = 47,067.7 kWh; × 349.06 g/kWh = 16,429.5 kg.
    // Ends: MFU 60 % (hours ÷ 1.5, PUE 1.04, 85 %) and 20 % (hours × 2, PUE 1.25).
    let form = FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "256".into(),
        job_by: JobBy::Compute,
        params: "7".into(),
        tokens: "2000".into(),
        ..FormState::default()
    };
    let m = assert_same_display(&one_run(form));
    let hours = 8.4e22 / (989e12 * 0.4) / 3600.0 / 256.0;
    let kwh = 256.0 * 700.0 * hours * 1.14 / 1000.0;
    assert!((m.energy_kwh.central - kwh).abs() < 1e-9 * kwh);
    assert!((m.emissions_kg.central - kwh * 349.06 / 1000.0).abs() < 1e-9 * kwh);
    let low = 256.0 * 700.0 * 0.85 * (hours / 1.5) * 1.04 / 1000.0 * 349.06 / 1000.0;
    let high = 256.0 * 700.0 * (hours * 2.0) * 1.25 / 1000.0 * 349.06 / 1000.0;
    assert!((m.emissions_kg.low - low).abs() < 1e-9 * low && (m.emissions_kg.high - high).abs() < 1e-9 * high);
    assert_eq!(line(&m, 0, End::Central, StepKey::Flops), "6 × (7 × 10^9) × (2 × 10^12) = 8.4 × 10^22 FLOP");
    assert_eq!(
        line(&m, 0, End::Central, StepKey::Hours),
        "8.4 × 10^22 FLOP ÷ (989 TFLOP/s × 10^12 × 40 %) ÷ 3600 ÷ 256 = 230.4 h"
    );
    assert_eq!(
        line(&m, 0, End::Low, StepKey::Hours),
        "8.4 × 10^22 FLOP ÷ (989 TFLOP/s × 10^12 × 60 %) ÷ 3600 ÷ 256 = 153.6 h"
    );
    assert_eq!(
        line(&m, 0, End::High, StepKey::Hours),
        "8.4 × 10^22 FLOP ÷ (989 TFLOP/s × 10^12 × 20 %) ÷ 3600 ÷ 256 = 460.8 h"
    );
    assert_eq!(line(&m, 0, End::Central, StepKey::Energy), "256 × 700 W × 100 % × 230.4 h × 1.14 ÷ 1000 = 47.07 MWh");
    let hours_step = m.runs[0].operational.central.iter().find(|s| s.key == StepKey::Hours).expect("hours");
    let peak = hours_step.terms().nth(1).expect("peak");
    assert_eq!(peak.origin, Origin::Table(FactorRef::new("hardware.csv", "nvidia-h100-sxm", "bf16_tflops")));
    assert!(m.runs[0].work.is_none(), "the compute is given, not derived");
}

/// Found by the property test below: 10 A100s for 6 × 54e9 × 100e9 FLOP at 46 %
/// in europe-west4, 13 runs. The low end's energy is 82,925 kWh exactly, on a
/// rounding edge: the model took the hours as the central hours × a factor
/// (82,925.00000000001 kWh, "82.93 MWh") where the worked calculation divides
/// the compute at the high MFU by the devices (82,925 kWh, "82.92 MWh"). The
/// model now computes each end's hours as the calculation shows them.
#[test]
fn an_end_on_a_rounding_edge_reads_as_the_results() {
    let form = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        devices: "10".into(),
        duration: "0.1".into(),
        utilization: "46".into(),
        location: LocationMode::Cloud,
        provider: "gcp".into(),
        region: "europe-west4".into(),
        job_by: JobBy::Compute,
        params: "54".into(),
        tokens: "100".into(),
        ..FormState::default()
    };
    let run = Run { repeat: "13".into(), form, ..Run::default() };
    let mut p = Project::new(String::new(), vec![run], 0);
    p.include_embodied = true;
    let m = assert_same_display(&p);
    assert_eq!(kwh_range(m.energy_kwh), "82.92–489.5 MWh");
}

#[test]
fn a_run_from_requests_and_a_measured_run() {
    // 1,000,000 × 0.3 Wh × PUE 1.14 ÷ 1000 × 2 runs = 684 kWh; × 349.06 g/kWh = 238.757 kg.
    let requests = Run {
        label: "Serving".into(),
        phase: Phase::Inference,
        repeat: "2".into(),
        form: FormState::default(),
        kind: RunKind::PerRequest(PerRequest {
            requests: "1000000".into(),
            wh_per_request: "0.3".into(),
            basis: "a benchmark".into(),
        }),
    };
    let m = assert_same_display(&Project::new(String::new(), vec![requests.clone()], 0));
    assert!((m.emissions_kg.central - 684.0 * 349.06 / 1000.0).abs() < 1e-9);
    assert_eq!(line(&m, 0, End::Central, StepKey::Energy), "1,000,000 × 0.3 Wh × 1.14 ÷ 1000 × 2 runs = 684 kWh");
    assert_eq!(line(&m, 0, End::Central, StepKey::Emissions), "684 kWh × 349.06 g/kWh ÷ 1000 = 238.8 kg CO2eq");
    assert_eq!(line(&m, 0, End::Low, StepKey::Energy), "1,000,000 × 0.3 Wh × 1.04 ÷ 1000 × 2 runs = 624 kWh");
    assert!(m.runs[0].embodied.is_none(), "no device count, no manufacturing share");

    // Measured: 1.5 kWh and 0.6 kg as recorded, 3 times; no range.
    let measured = Run {
        repeat: "3".into(),
        kind: RunKind::Measured(MeasuredRun {
            energy_kwh: 1.5,
            emissions_kg: 0.6,
            source: "emissions.csv, line 2".into(),
            ..MeasuredRun::default()
        }),
        ..Run::default()
    };
    let m = assert_same_display(&Project::new(String::new(), vec![measured], 0));
    assert_eq!(m.emissions_kg, Range::exact(0.6 * 3.0));
    assert_eq!(line(&m, 0, End::Central, StepKey::Energy), "1.5 kWh × 3 runs = 4.5 kWh");
    assert_eq!(line(&m, 0, End::High, StepKey::Emissions), "0.6 kg × 3 runs = 1.8 kg CO2eq");
    let recorded = m.runs[0].operational.central[0].terms().next().expect("energy");
    assert_eq!(recorded.origin, Origin::Measured { source: "emissions.csv, line 2".into() });
    assert!(m.runs[0].text().contains("Central value (both ends of the range are the same):"));
}

#[test]
fn the_manufacturing_share_and_a_headline_that_includes_it() {
    // 8 × H100 for 72 h: (164 + 712.5 kg) × 576 device-h ÷ (4 years × 8,760 h) = 14.408 kg;
    // low (164 + 125) over 6 years, high (273 + 750) over 3. Headline 160.445 + 14.408 kg.
    let form: FormState = serde_json::from_value(cases()[0]["form"].clone()).expect("form");
    let mut p = one_run(form);
    p.include_embodied = true;
    let m = assert_same_display(&p);
    assert_eq!(
        line(&m, 0, End::Central, StepKey::Embodied),
        "(164 kg + 712.5 kg) × 576 device-h ÷ (4 years × 8,760 h) = 14.41 kg CO2eq"
    );
    assert_eq!(
        line(&m, 0, End::Low, StepKey::Embodied),
        "(164 kg + 125 kg) × 576 device-h ÷ (6 years × 8,760 h) = 3.167 kg CO2eq"
    );
    assert_eq!(
        line(&m, 0, End::High, StepKey::Embodied),
        "(273 kg + 750 kg) × 576 device-h ÷ (3 years × 8,760 h) = 22.42 kg CO2eq"
    );
    let embodied = 576.0 * 876.5 / (4.0 * 8760.0);
    assert!((m.embodied_kg.central - embodied).abs() < 1e-12);
    assert!((m.headline_kg.central - (160.44473088 + embodied)).abs() < 1e-9);
    let h = m.headline.as_ref().expect("headline steps");
    assert_eq!(h.central[0].expression(), "160.4 kg + 14.41 kg = 174.9 kg CO2eq");
    assert_eq!(format::mass_kg(m.headline_kg.central), "174.9 kg");

    // A typed lifetime of 5 years keeps the table's relative band (3.75–7.5 years).
    let mut p5 = p.clone();
    p5.run_mut(0).expect("run").form.lifetime = "5".into();
    let m5 = assert_same_display(&p5);
    assert_eq!(
        line(&m5, 0, End::Low, StepKey::Embodied),
        "(164 kg + 125 kg) × 576 device-h ÷ (7.5 years × 8,760 h) = 2.534 kg CO2eq"
    );
}

#[test]
fn host_cpu_listed_the_providers_own_figure_and_the_direct_basis() {
    // 4 × A100 for 3 days in GCP us-central1 with the host (the form's default CPU, 32 cores,
    // 256 GB of an AMD EPYC 7543, 225 W ÷ 32 cores = 7.03125 W), on Google's own figure for
    // the region: the CPU's power ÷ cores is its own step.
    let form = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        devices: "4".into(),
        duration: "3".into(),
        unit: emissions_core::form::DurationUnit::Days,
        provider: "gcp".into(),
        region: "us-central1".into(),
        provider_figure: true,
        host: true,
        cpu: "amd-epyc-7543".into(),
        cpu_cores: "32".into(),
        memory_gb: "256".into(),
        ..FormState::default()
    };
    let m = assert_same_display(&one_run(form));
    let core = m.runs[0].operational.central.iter().find(|s| s.key == StepKey::CorePower).expect("W per core");
    assert!(core.terms().all(|t| matches!(&t.origin, Origin::Table(r) if r.table == "hardware.csv")));
    assert_eq!(core.expression(), "225 W ÷ 32 = 7.031 W");
    let emissions = m.runs[0].operational.central.iter().find(|s| s.key == StepKey::Emissions).expect("emissions");
    assert_eq!(
        emissions.terms().nth(1).expect("intensity").origin,
        Origin::Table(FactorRef::new("cloud_regions.csv", "gcp:us-central1", "provider_intensity_g_per_kwh"))
    );
    let energy = line(&m, 0, End::Central, StepKey::Energy);
    // (1,600 W + 225 W + 95.36 W) × 72 h × 1.11 = 153.475 kWh.
    assert_eq!(
        energy,
        "(4 × 400 W × 100 % + 32 × 7.031 W × 100 % + 256 GB × 0.3725 W/GB) × 72 h × 1.11 ÷ 1000 = 153.5 kWh"
    );
    assert!((m.energy_kwh.central - 1920.36 * 72.0 * 1.11 / 1000.0).abs() < 1e-9);

    // The direct basis in Virginia, which publishes none: the lifecycle figure, and a note.
    let mut p = one_run(FormState::default());
    p.grid_basis = Basis::Direct;
    let m = assert_same_display(&p);
    assert!(
        m.runs[0].notes.iter().any(|n| n.contains("no direct figure is published for Virginia")),
        "{:?}",
        m.runs[0].notes
    );
}

#[test]
fn a_multi_run_project_sums_to_its_totals() {
    let mut p = import_json(MULTI).expect("fixture imports").project;
    let m = assert_same_display(&p);
    assert_eq!(m.runs.len(), 5);
    let t = m.totals.as_ref().expect("sums");
    let sum = t.central.iter().find(|s| s.key == StepKey::TotalEmissions).expect("sum");
    assert_eq!(sum.terms().count(), 5);
    assert!(m.headline.is_none());
    p.include_embodied = true;
    let m = assert_same_display(&p);
    assert!(m.headline.is_some());
    // The run shown in the calculator (run 3, the final 7B run).
    let t = evaluate(&p, data());
    let active = of_active(&p, &t, data()).expect("valid");
    assert_eq!((active.run, active.label.as_str()), (2, "Final 7B run"));
    assert!(active
        .text()
        .starts_with("Central value:\n  Energy: 64 × 700 W × 80 % × 336 h × 1.14 ÷ 1000 = 13.73 MWh\n"));
    // An invalid run is left out and counted.
    p.push(Run { repeat: "0".into(), ..Run::default() });
    let (m, _) = worked(&p);
    assert_eq!((m.runs.len(), m.invalid_runs), (5, 1));
    assert!(m.text().contains("1 run left out: a field is invalid."));
}

#[test]
fn an_estimated_power_has_its_own_band() {
    // TPU v5e: 124 W, estimated 91–140 W (the table's power_low_w, power_high_w), zone FR.
    let form = FormState {
        hardware: "google-tpu-v5e".into(),
        devices: "8".into(),
        duration: "10".into(),
        location: LocationMode::Zone,
        zone: "FR".into(),
        ..FormState::default()
    };
    let m = assert_same_display(&one_run(form));
    assert_eq!(line(&m, 0, End::Low, StepKey::Energy), "8 × 91 W × 85 % × 10 h × 1.25 ÷ 1000 = 7.735 kWh");
    assert_eq!(line(&m, 0, End::High, StepKey::Energy), "8 × 140 W × 100 % × 10 h × 2 ÷ 1000 = 22.4 kWh");
    let low = &m.runs[0].operational.low[0];
    assert_eq!(
        low.terms().nth(1).expect("power").origin,
        Origin::Table(FactorRef::new("hardware.csv", "google-tpu-v5e", "power_low_w"))
    );
}

#[test]
fn the_steps_serialize_for_the_ui() {
    let form: FormState = serde_json::from_value(cases()[0]["form"].clone()).expect("form");
    let (m, _) = worked(&one_run(form));
    let v = serde_json::to_value(&m.runs[0]).expect("serializes");
    let tokens = &v["operational"]["central"][0]["tokens"];
    assert_eq!(v["operational"]["central"][0]["key"], "energy");
    assert_eq!(tokens[0]["kind"], "term");
    assert_eq!(tokens[1]["kind"], "times");
    let power = &tokens[2]["term"];
    assert_eq!(
        (power["value"].as_f64(), power["unit"].as_str(), power["text"].as_str()),
        (Some(700.0), Some("W"), Some("700 W"))
    );
    assert_eq!(power["origin"]["kind"], "table");
    assert_eq!(power["origin"]["table"], "hardware.csv");
    assert_eq!(power["origin"]["key"], "nvidia-h100-sxm");
    assert_eq!(v["operational"]["central"][0]["result"]["text"], "459.6 kWh");
}

mod any_job {
    use super::*;
    use emissions_core::form::{DurationUnit, CUSTOM};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any custom job (with or without host, by time or by compute, repeated or not):
        /// the worked figures read as the results do, at both ends.
        #[test]
        fn the_worked_figures_read_as_the_results(
            devices in 1u32..512,
            power in 1u32..3000,
            hours in 1u32..20_000,
            utilization in 1u32..=100,
            intensity in 0u32..2000,
            pue in 100u32..300,
            host in any::<bool>(),
            cores in 0u32..128,
            memory in 0u32..2048,
            by_compute in any::<bool>(),
            tflops in 1u32..3000,
            mfu in 1u32..=100,
            repeat in 1u32..60,
        ) {
            let mut form = FormState {
                hardware: CUSTOM.into(),
                custom_power: power.to_string(),
                devices: devices.to_string(),
                duration: format!("{}", f64::from(hours) / 10.0),
                unit: DurationUnit::Hours,
                utilization: utilization.to_string(),
                location: LocationMode::Custom,
                custom_intensity: intensity.to_string(),
                pue: format!("{}", f64::from(pue) / 100.0),
                host,
                cpu_cores: cores.to_string(),
                memory_gb: memory.to_string(),
                custom_tflops: tflops.to_string(),
                mfu: mfu.to_string(),
                ..FormState::default()
            };
            if by_compute {
                form.job_by = JobBy::Compute;
                form.flops = format!("{}e18", hours);
            }
            let run = Run { repeat: repeat.to_string(), form, ..Run::default() };
            let mut p = Project::new(String::new(), vec![run], 0);
            p.include_embodied = true;
            prop_assume!(evaluate(&p, data()).invalid_runs == 0);
            assert_same_display(&p);
        }

        /// Listed devices (estimated powers among them) by time or by compute, in
        /// cloud regions and zones, on either grid basis.
        #[test]
        fn listed_devices_read_as_the_results(
            hw in 0usize..5,
            place in 0usize..4,
            devices in 1u32..256,
            hours in 1u32..5000,
            utilization in 1u32..=100,
            by_compute in any::<bool>(),
            params in 1u32..200,
            direct in any::<bool>(),
            repeat in 1u32..30,
        ) {
            let hardware = ["google-tpu-v5e", "apple-m3-max", "nvidia-h100-sxm", "aws-trainium2", "nvidia-a100-sxm4-80gb"][hw];
            let (location, provider, region, zone) = [
                (LocationMode::Cloud, "aws", "us-east-1", ""),
                (LocationMode::Cloud, "gcp", "europe-west4", ""),
                (LocationMode::Zone, "", "", "CA-QC"),
                (LocationMode::Zone, "", "", "AU-NSW"),
            ][place];
            let mut form = FormState {
                hardware: hardware.into(),
                devices: devices.to_string(),
                duration: format!("{}", f64::from(hours) / 10.0),
                utilization: utilization.to_string(),
                location,
                provider: provider.into(),
                region: region.into(),
                zone: zone.into(),
                ..FormState::default()
            };
            if by_compute {
                form.job_by = JobBy::Compute;
                form.params = params.to_string();
                form.tokens = "100".into();
            }
            let run = Run { repeat: repeat.to_string(), form, ..Run::default() };
            let mut p = Project::new(String::new(), vec![run], 0);
            p.grid_basis = if direct { Basis::Direct } else { Basis::Lifecycle };
            p.include_embodied = true;
            prop_assume!(evaluate(&p, data()).invalid_runs == 0);
            assert_same_display(&p);
        }
    }
}
