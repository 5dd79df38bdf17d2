//! The CodeCarbon importer against files written by real CodeCarbon releases
//! (core/tests/fixtures/codecarbon/, see MANIFEST.md there). Every expectation
//! is read from that folder's expected.json, never hard-coded from a run.

use emissions_core::codecarbon::parse_emissions_csv;
use emissions_core::project::Phase;
use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/codecarbon")
}

fn expected() -> Value {
    let text = std::fs::read_to_string(dir().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json parses")
}

/// The fixture's text, as a browser's `File.text()` gives it (UTF-8, BOM kept).
fn fixture(name: &str) -> String {
    let bytes = std::fs::read(dir().join(name)).expect("fixture");
    String::from_utf8(bytes).expect("fixtures are UTF-8")
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}

fn files(e: &Value) -> Vec<(String, Value)> {
    let files = e["files"].as_object().expect("files");
    assert!(files.len() >= 25, "every fixture is listed");
    files.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// Run count, per-run figures and totals of the plain import of every fixture
/// equal the file view (the run is its last row; empty rows skipped).
#[test]
fn every_fixture_imports_one_run_per_run_id_with_the_file_totals() {
    let e = expected();
    let mut failures = Vec::new();
    for (name, spec) in files(&e) {
        let view = &spec["file_view"];
        let runs = match parse_emissions_csv(&fixture(&name), Phase::FinalTraining) {
            Ok(r) => r,
            Err(err) => {
                failures.push(format!("{name}: refused: {err}"));
                continue;
            }
        };
        let want = view["per_run"].as_array().expect("per_run");
        if runs.len() != want.len() {
            failures.push(format!("{name}: {} runs, expected {}", runs.len(), want.len()));
            continue;
        }
        for (run, w) in runs.iter().zip(want) {
            let m = run.measured().expect("measured");
            let line = w["line"].as_u64().expect("line");
            if !close(m.energy_kwh, f(w, "energy_consumed_kwh"), 1e-12)
                || !close(m.emissions_kg, f(w, "emissions_kg"), 1e-12)
                || !close(m.duration_h * 3600.0, f(w, "duration_s"), 1e-12)
            {
                failures.push(format!("{name}: run of line {line}: {m:?} against {w}"));
            }
            if !m.source.contains(&format!("line {line}")) {
                failures.push(format!("{name}: run of line {line} has source “{}”", m.source));
            }
        }
        let total = |get: fn(&emissions_core::project::MeasuredRun) -> f64| {
            runs.iter().filter_map(|r| r.measured()).map(get).sum::<f64>()
        };
        if !close(total(|m| m.emissions_kg), f(view, "emissions_kg"), 1e-12)
            || !close(total(|m| m.energy_kwh), f(view, "energy_consumed_kwh"), 1e-12)
        {
            failures.push(format!("{name}: totals differ"));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// A CRLF file (with a byte-order mark) names the same lines as its LF original.
#[test]
fn crlf_and_bom_keep_the_real_line_numbers() {
    let lines = |text: &str| -> Vec<String> {
        parse_emissions_csv(text, Phase::FinalTraining)
            .expect("imports")
            .iter()
            .filter_map(|r| r.measured())
            .map(|m| m.source.split(", ").find(|p| p.starts_with("line ")).unwrap_or("").to_string())
            .collect()
    };
    let lf = lines(&fixture("cc3.3.2-append.csv"));
    let crlf = lines(&fixture("cc3.3.2-append-crlf-bom.csv"));
    assert_eq!(crlf, lf);
    let small = "\u{feff}duration,emissions,energy_consumed\r\n10,0.1,0.2\r\n20,0.2,0.3\r\n30,x,0.4\r\n";
    assert_eq!(parse_emissions_csv(small, Phase::FinalTraining).map_err(|e| e.line), Err(4));
}

/// The statement says what the file says about the data-centre overhead.
#[test]
fn the_statement_states_codecarbons_pue() {
    let data = emissions_core::Dataset::embedded().expect("data");
    let text = |file: &str| {
        let runs = parse_emissions_csv(&fixture(file), Phase::FinalTraining).expect("imports");
        let project = emissions_core::Project::new("pue".into(), runs, 0);
        emissions_core::output::render_project(emissions_core::output::Format::Text, &project, data).expect("renders")
    };
    let one = text("cc3.3.2-machine.csv");
    assert!(!one.contains("include the data-centre overhead"), "{one}");
    assert!(one.contains("no data-centre overhead included (CodeCarbon PUE 1.0)"), "{one}");
    let set = text("cc3.3.2-pue.csv");
    assert!(set.contains("including a data-centre overhead of PUE 1.2 (as set in CodeCarbon)"), "{set}");
    let old = "timestamp,project_name,duration,emissions,energy_consumed\n2021-03-01T12:00:00,old,120.0,0.0012,0.004\n";
    let runs = parse_emissions_csv(old, Phase::FinalTraining).expect("imports");
    let project = emissions_core::Project::new("old".into(), runs, 0);
    let unknown =
        emissions_core::output::render_project(emissions_core::output::Format::Text, &project, data).expect("renders");
    assert!(unknown.contains("the file records no PUE"), "{unknown}");
}
