//! The JSON export and import at the project limit: limits that agree (any
//! project the app holds exports and imports again), the size message, an
//! empty project, values of the wrong kind named by run and field, recoverable
//! values read, older files read, and the factors that changed since an older
//! data version. (Every other malformed file: `statements.rs`.)

use emissions_core::data::Dataset;
use emissions_core::export::{self, check_size, import_json, import_json_with};
use emissions_core::form::{DurationUnit, FormState, JobBy, LocationMode};
use emissions_core::project::{self, MeasuredRun, PerRequest, Phase, Project, Run, RunKind};
use emissions_core::{permalink, DATA_VERSION};
use serde_json::{json, Value};
use std::time::Instant;

fn data() -> &'static Dataset {
    match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => panic!("embedded tables do not parse: {e}"),
    }
}

fn export(p: &Project) -> String {
    export::export_json(p, &project::evaluate(p, data()))
}

fn h100() -> FormState {
    FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "8".into(),
        duration: "72".into(),
        provider: "aws".into(),
        region: "us-east-1".into(),
        ..FormState::default()
    }
}

/// One run of every kind the app makes: estimated in the cloud with host CPU
/// and memory, by compute, in a zone, with a typed intensity, per request,
/// measured by a tracker; `long` gives every text its longest form (3-byte
/// characters: the app's limits count characters).
fn every_kind(long: bool) -> Vec<Run> {
    let t = |short: &str, n: usize| if long { "中".repeat(n) } else { short.to_string() };
    let gcp = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        devices: "4".into(),
        duration: "3".into(),
        unit: DurationUnit::Days,
        provider: "gcp".into(),
        region: "us-central1".into(),
        host: true,
        cpu_cores: "32".into(),
        memory_gb: "256".into(),
        ..FormState::default()
    };
    let compute = FormState { job_by: JobBy::Compute, params: "7".into(), tokens: "2000".into(), ..gcp.clone() };
    let zone = FormState { location: LocationMode::Zone, zone: "FR".into(), ..h100() };
    let custom = FormState {
        hardware: "custom".into(),
        custom_name: t("Lab TPU", 80),
        custom_power: "300".into(),
        location: LocationMode::Custom,
        custom_intensity: "450".into(),
        pue: "1.2".into(),
        ..h100()
    };
    let run = |label: &str, phase: Phase, form: FormState, kind: RunKind| Run {
        label: t(label, 80),
        phase,
        repeat: "3".into(),
        form,
        kind,
    };
    vec![
        run("Final", Phase::FinalTraining, h100(), RunKind::Hardware),
        run("Tuning", Phase::FineTuning, gcp.clone(), RunKind::Hardware),
        run("By compute", Phase::FinalTraining, compute, RunKind::Hardware),
        run("Zone", Phase::Exploration, zone, RunKind::Hardware),
        run("Custom", Phase::HyperparameterSearch, custom, RunKind::Hardware),
        run(
            "Serving",
            Phase::Inference,
            gcp.clone(),
            RunKind::PerRequest(PerRequest { basis: t("ML.ENERGY leaderboard", 200), ..PerRequest::default() }),
        ),
        run(
            "Tracked",
            Phase::Failed,
            FormState::default(),
            RunKind::Measured(MeasuredRun {
                energy_kwh: 12.5,
                emissions_kg: 0.75,
                duration_h: 3.2,
                source: t("CodeCarbon emissions.csv, line 2, codecarbon 3.3.2", 300),
                location: t("gcp, europe-west1, Belgium", 300),
                hardware: t("1 x NVIDIA A100-SXM4-80GB", 300),
                ..MeasuredRun::default()
            }),
        ),
    ]
}

fn project_of(n: usize, long: bool) -> Project {
    let kinds = every_kind(long);
    let runs = (0..n)
        .map(|i| {
            let mut r = kinds[i % kinds.len()].clone();
            if !long {
                r.label = format!("{} {}", r.label, i + 1);
            }
            r
        })
        .collect();
    Project::new("Sweep of 10,000 runs".into(), runs, 7)
}

// ---------------------------------------------------------------------------
// Limits.

#[test]
fn one_project_limit_for_links_exports_and_imports() {
    assert_eq!(export::MAX_RUNS, permalink::MAX_RUNS);
    assert_eq!(export::MAX_RUNS, 10_000);
    // The fullest run of each kind, at MAX_RUNS, fits the byte limit with room.
    let kinds = every_kind(true);
    let mut fullest = 0;
    for run in &kinds {
        let one = Project::new("n".repeat(120), vec![run.clone()], 0);
        let two = Project::new("n".repeat(120), vec![run.clone(), run.clone()], 0);
        let (a, b) = (export(&one).len(), export(&two).len());
        println!("{:>5} bytes per run ({:?}, {})", b - a, run.phase, run.kind.key());
        fullest = fullest.max(b - a);
    }
    let header = export(&Project::new("n".repeat(120), vec![kinds[0].clone()], 0)).len();
    let worst = fullest * export::MAX_RUNS + header;
    println!("fullest run {fullest} bytes: {} runs of it = {worst} bytes", export::MAX_RUNS);
    assert!(worst < export::MAX_IMPORT_BYTES * 9 / 10, "{worst} bytes does not fit {}", export::MAX_IMPORT_BYTES);
    assert!(check_size(worst as u64).is_ok());
}

#[test]
fn ten_thousand_runs_export_and_import_again() {
    let p = project_of(export::MAX_RUNS, false);
    let t = Instant::now();
    let json = export(&p);
    let exported = t.elapsed();
    assert!(check_size(json.len() as u64).is_ok());
    let t = Instant::now();
    let imported = import_json(&json).unwrap_or_else(|e| panic!("{e}"));
    let read = t.elapsed();
    println!(
        "{} runs: export {:.1} MB in {exported:.2?}, import in {read:.2?} (debug build unless --release)",
        p.len(),
        json.len() as f64 / 1e6
    );
    assert_eq!(imported.project, p);
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert_eq!(imported.project.active(), 7);
    // The largest project a link holds is the largest an export holds.
    let t = Instant::now();
    let link = permalink::encode(&p, data());
    assert_eq!(permalink::decode(&link, data()).project.len(), export::MAX_RUNS);
    println!("and as a link ({:.1} MB) in {:.2?}", link.len() as f64 / 1e6, t.elapsed());

    // One more run is refused, with both counts.
    let runs = vec![json!({}); export::MAX_RUNS + 1];
    assert_eq!(
        import_err(json!({ "runs": runs })),
        "This export has 10,001 runs; a project holds at most 10,000 runs, so it cannot be imported."
    );
}

#[test]
fn the_size_message_gives_the_real_size() {
    assert!(check_size(19_700_000).is_ok());
    assert!(check_size(export::MAX_IMPORT_BYTES as u64).is_ok());
    assert_eq!(
        check_size(120_345_678).expect_err("too large").to_string(),
        "This file is too large (120.3 MB): an export of this calculator is at most 100 MB (a project of up to 10,000 runs)."
    );
    assert_eq!(
        check_size(5_000_000_000).expect_err("too large").to_string(),
        "This file is too large (5,000 MB): an export of this calculator is at most 100 MB (a project of up to 10,000 runs)."
    );
    // Just over: rounded, both would read "100 MB".
    assert_eq!(
        check_size(export::MAX_IMPORT_BYTES as u64 + 1).expect_err("too large").to_string(),
        "This file is too large (100,000,001 bytes): an export of this calculator is at most 100,000,000 bytes (a project of up to 10,000 runs)."
    );
    // The text itself is measured the same way.
    let big = " ".repeat(export::MAX_IMPORT_BYTES + 49_000);
    assert_eq!(
        import_json(&big).expect_err("too large").to_string(),
        "This file is too large (100 MB): an export of this calculator is at most 100 MB (a project of up to 10,000 runs)."
            .replace("(100 MB)", "(100,049,000 bytes)")
            .replace("at most 100 MB", "at most 100,000,000 bytes")
    );
}

// ---------------------------------------------------------------------------
// Empty projects and values of the wrong kind.

fn file(project: Value) -> String {
    json!({"schema": export::SCHEMA, "schema_version": 1, "data_version": DATA_VERSION, "project": project}).to_string()
}

fn import_err(project: Value) -> String {
    match import_json(&file(project)) {
        Ok(p) => panic!("imported: {:?}", p.project),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_empty_project_is_refused_not_replaced_by_a_default_run() {
    assert_eq!(
        import_err(json!({"name": "x", "runs": []})),
        "The project in this export has no runs (\"runs\" is empty): there is nothing to restore. A project has at least one run."
    );
    assert_eq!(
        import_err(json!({"name": "x"})),
        "The project in this export has no \"runs\": there is nothing to restore."
    );
    assert_eq!(
        import_err(json!({"runs": {"label": "a"}})),
        "The project in this export cannot be read: The project: runs: expected a list of runs, found an object."
    );
}

#[test]
fn a_value_of_the_wrong_kind_names_the_run_and_the_field() {
    let three = |bad: Value| json!({"runs": [{"label": "A"}, {}, bad]});
    let lead = "The project in this export cannot be read: ";
    let mut wrong = Vec::new();
    for (run3, want) in [
        (
            json!({"label": "Sweep", "form": {"devices": true}}),
            "Run 3 (“Sweep”): devices (Number of devices): expected text such as \"1\", found true.",
        ),
        (
            json!({"label": "Sweep", "form": {"duration": [72]}}),
            "Run 3 (“Sweep”): duration (Duration): expected text such as \"24\", found a list.",
        ),
        (
            json!({"label": "Sweep", "form": {"utilization_pct": {"v": 80}}}),
            "Run 3 (“Sweep”): utilization_pct (Average utilization): expected text such as \"100\", found an object.",
        ),
        (
            json!({"label": "Sweep", "form": {"unit": "weeks"}}),
            "Run 3 (“Sweep”): unit (Duration unit): expected one of \"hours\", \"days\", found text “weeks”.",
        ),
        (
            json!({"label": "Sweep", "form": {"host": "yes"}}),
            "Run 3 (“Sweep”): host (Include host CPU and memory): expected true or false, found text “yes”.",
        ),
        (
            json!({"label": "Sweep", "phase": "lunch"}),
            "Run 3 (“Sweep”): phase (Phase): expected one of \"exploration\", \"hyperparameter_search\", \"failed\", \"final_training\", \"fine_tuning\", \"inference\", found text “lunch”.",
        ),
        (
            json!({"label": "Sweep", "form": null}),
            "Run 3 (“Sweep”): form: expected an object (the calculator's inputs), found null.",
        ),
        (
            json!({"label": "Sweep", "per_request": {"requests": false}}),
            "Run 3 (“Sweep”): per_request.requests (Requests served): expected text such as \"1000000\", found false.",
        ),
        (
            json!({"label": "Sweep", "measured": {"energy_kwh": "lots", "emissions_kg": 1, "duration_h": 1}}),
            "Run 3 (“Sweep”): measured.energy_kwh (measured energy, kWh): expected a number such as 1.5, found text “lots”.",
        ),
        (
            json!({"label": "Sweep", "measured": {"energy_kwh": -1, "emissions_kg": 1, "duration_h": 1}}),
            "Run 3 (“Sweep”): measured.energy_kwh (measured energy, kWh): expected a number between 0 and 1,000,000,000,000, found a number -1.",
        ),
        (
            json!({"label": "Sweep", "measured": {"emissions_kg": 1, "duration_h": 1}}),
            "Run 3 (“Sweep”): measured.energy_kwh (measured energy, kWh): missing (a measured run has its energy, emissions and duration).",
        ),
        (json!({"label": ["Sweep"]}), "Run 3: label (Run name): expected text such as \"Training run\", found a list."),
        (json!("Sweep"), "Run 3: expected an object (one run of the ledger), found text “Sweep”."),
        (json!({"form": {"zone": null}}), "Run 3 (“Training run”): zone (Country or grid zone): expected text such as \"US\", found null."),
    ] {
        let got = import_err(three(run3.clone()));
        if got != format!("{lead}{want}") {
            wrong.push(format!("{run3}\n  got:  {got}\n  want: {lead}{want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        import_err(json!({"name": ["x"], "grid_basis": "market", "active": -1, "runs": [{}]})),
        format!("{lead}The project: name (project name): expected text, found a list. The project: grid_basis (grid basis): expected one of \"lifecycle\", \"direct\", found text “market”. The project: active (the run shown): expected a whole number such as 0, found a number -1.")
    );
    // Many problems: the first three, and a count of the others.
    let bad = json!({"label": "B", "form": {"devices": true, "duration": true, "mfu": true, "pue": true, "host": 1}});
    assert_eq!(
        import_err(json!({"runs": [bad]})),
        format!("{lead}Run 1 (“B”): devices (Number of devices): expected text such as \"1\", found true. Run 1 (“B”): duration (Duration): expected text such as \"24\", found true. Run 1 (“B”): mfu (Model FLOPs utilization): expected text such as \"40\", found true. …and 2 more problems.")
    );
}

#[test]
fn recoverable_values_are_read_and_older_files_too() {
    // Numbers where the form keeps text (hand-edited or older files), a
    // measurement written as text, and the older wire names.
    let v = json!({
        "name": 2024,
        "runs": [
            {"label": 7, "repeat": 50, "form": {"devices": 8, "duration": 2.5, "custom_power_w": 300, "hardware": "custom",
              "duration_unit": "days", "utilization_pct": 80, "cpu_w_per_core": 7, "cpu_usage_pct": 50, "pue": 1.2}},
            {"label": "m", "measured": {"energy_kwh": "1.5", "emissions_kg": 0.6, "duration_h": " 3 "}},
            {"label": "r", "phase": "inference", "per_request": {"requests": 1000000, "wh_per_request": 0.3, "basis": "x"}},
            {"label": "both", "form": {"utilization": "90", "utilization_pct": "10"}}
        ]
    });
    let p = import_json(&file(v)).unwrap_or_else(|e| panic!("{e}")).project;
    assert_eq!(p.name, "2024");
    let r = &p.runs()[0];
    assert_eq!((r.label.as_str(), r.repeat.as_str()), ("7", "50"));
    let f = &r.form;
    assert_eq!(
        (f.devices.as_str(), f.duration.as_str(), f.custom_power.as_str(), f.unit, f.utilization.as_str()),
        ("8", "2.5", "300", DurationUnit::Days, "80")
    );
    assert_eq!((f.cpu_power.as_str(), f.cpu_usage.as_str(), f.pue.as_str()), ("7", "50", "1.2"));
    let m = p.runs()[1].measured().expect("measured");
    assert_eq!((m.energy_kwh, m.emissions_kg, m.duration_h, m.source.as_str()), (1.5, 0.6, 3.0, ""));
    let pr = p.runs()[2].per_request().expect("per request");
    assert_eq!((pr.requests.as_str(), pr.wh_per_request.as_str()), ("1000000", "0.3"));
    assert_eq!(p.runs()[3].form.utilization, "90", "the current name wins over an older one");
    assert!(project::evaluate(&p, data()).runs.iter().all(Result::is_ok));

    // Every exported snapshot, and the older multi-run fixture (data version 2026.11).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut n = 0;
    for entry in std::fs::read_dir(dir.join("snapshots")).expect("snapshots") {
        let path = entry.expect("entry").path();
        if path.to_string_lossy().ends_with(".json.txt") {
            let text = std::fs::read_to_string(&path).expect("read");
            let imported = import_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(export(&imported.project), text, "{} exports the same again", path.display());
            n += 1;
        }
    }
    assert!(n >= 6, "{n} snapshots");
    let multi = std::fs::read_to_string(dir.join("fixtures/multi-run.json")).expect("fixture");
    let imported = import_json(&multi).expect("imports");
    assert_eq!(imported.project.len(), 5);
    assert!(imported.notes[0].contains("data version 2026.11"), "{:?}", imported.notes);
}

// ---------------------------------------------------------------------------
// Factors that changed since the data version of the file.

/// An export of `p` as if made with data version `version`, with each run's
/// recorded factors edited by `edit`.
fn older(p: &Project, version: &str, edit: impl Fn(usize, &mut Value)) -> String {
    let mut v: Value = serde_json::from_str(&export(p)).expect("json");
    v["data_version"] = json!(version);
    for (i, r) in v["results"]["runs"].as_array_mut().expect("runs").iter_mut().enumerate() {
        edit(i, r);
    }
    v.to_string()
}

fn version_note(v: &str) -> String {
    format!("This export was made with data version {v}; the numbers are recomputed with data version {DATA_VERSION}, so they may differ.")
}

#[test]
fn an_older_export_lists_the_factors_that_changed() {
    let p = Project::new(String::new(), vec![Run { form: h100(), ..Run::default() }], 0);
    let text = older(&p, "2026.11", |_, r| {
        r["factors"]["grid"]["intensity_g_per_kwh"] = json!(282.5821);
        r["factors"]["hardware"]["power_w"] = json!(650.0);
    });
    let imported = import_json(&text).expect("imports");
    assert_eq!(imported.project, p);
    assert_eq!(
        imported.notes,
        [
            version_note("2026.11"),
            "Factors that changed since then (today's values are used):".into(),
            "Grid intensity of Amazon Web Services us-east-1 (US East (N. Virginia)) was 282.5821 gCO2eq/kWh, now 349.06 gCO2eq/kWh; power of the NVIDIA H100 SXM5 80GB was 650 W, now 700 W.".to_string(),
        ]
    );
    // The same values: said so.
    let same = older(&p, "2026.11", |_, _| {});
    assert_eq!(
        import_json(&same).expect("imports").notes,
        [
            version_note("2026.11"),
            "The grid intensity, PUE and device power recorded in the export are the same in today's data.".into()
        ]
    );
    // Today's version: the recorded values are not compared (they are for readers).
    let edited = older(&p, DATA_VERSION, |_, r| r["factors"]["pue"]["value"] = json!(1.5));
    assert!(import_json(&edited).expect("imports").notes.is_empty());
    // No data version: compared, worded for what is known.
    let mut v: Value =
        serde_json::from_str(&older(&p, "x", |_, r| r["factors"]["pue"]["value"] = json!(1.5))).expect("json");
    v.as_object_mut().expect("object").remove("data_version");
    assert_eq!(
        import_json_with(&v.to_string(), data()).expect("imports").notes[1..],
        [
            "Factors recorded in the export that differ from today's data (today's values are used):".to_string(),
            "PUE (Amazon Web Services) was 1.5, now 1.14.".into()
        ]
    );
}

#[test]
fn runs_with_the_same_change_share_a_line_and_long_lists_are_counted() {
    let mut runs = every_kind(false);
    runs.extend((0..4).map(|i| Run { label: format!("H100 {i}"), form: h100(), ..Run::default() }));
    let p = Project::new("p".into(), runs, 0);
    let text = older(&p, "2026.11", |i, r| {
        if let Some(f) = r.get_mut("factors") {
            f["grid"]["intensity_g_per_kwh"] = json!(282.5821);
        }
        if i == 5 {
            r["per_request"]["pue"]["value"] = json!(1.2);
        }
    });
    let notes = import_json(&text).expect("imports").notes;
    let h100_change = "Grid intensity of Amazon Web Services us-east-1 (US East (N. Virginia)) was 282.5821 gCO2eq/kWh, now 349.06 gCO2eq/kWh.";
    assert_eq!(notes[0], version_note("2026.11"));
    assert_eq!(notes[1], "Factors that changed since then (today's values are used):");
    assert_eq!(notes[2], format!("Runs 1, 8, 9 and 2 more: {h100_change}"), "{notes:#?}");
    assert_eq!(
        notes[3],
        "Runs 2 and 3: Grid intensity of Google Cloud us-central1 (Iowa) was 282.5821 gCO2eq/kWh, now 272.21 gCO2eq/kWh."
    );
    assert_eq!(notes[4], "Run 4 (“Zone”): Grid intensity of France was 282.5821 gCO2eq/kWh, now 44.18 gCO2eq/kWh.");
    assert_eq!(notes[5], "Run 6 (“Serving”): PUE (Council Bluffs, Iowa (us-central1)) was 1.2, now 1.11.");
    assert_eq!(notes.len(), 6, "{notes:#?}");
    assert!(
        notes.iter().all(|n| !n.contains("Custom") && !n.contains("Tracked")),
        "typed and measured values are not factors: {notes:#?}"
    );

    // Every run a change of its own: ten lines, then a count.
    let runs: Vec<Run> = (0..25).map(|i| Run { label: format!("r{i}"), form: h100(), ..Run::default() }).collect();
    let p = Project::new("p".into(), runs, 0);
    let text = older(&p, "2026.11", |i, r| r["factors"]["grid"]["intensity_g_per_kwh"] = json!(100 + i));
    let notes = import_json(&text).expect("imports").notes;
    assert_eq!(notes.len(), 2 + 10 + 1, "{notes:#?}");
    assert!(notes[2].starts_with(
        "Run 1 (“r0”): Grid intensity of Amazon Web Services us-east-1 (US East (N. Virginia)) was 100 gCO2eq/kWh"
    ));
    assert_eq!(notes[12], "…and 15 more runs whose factors changed.");
}
