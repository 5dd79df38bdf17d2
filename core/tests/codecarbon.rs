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

// ---------------------------------------------------------------------------
// The report API, fixture by fixture.

use emissions_core::codecarbon::{import, import_files, ImportOptions, ImportReport, SourceFile, MAX_ROWS};
use emissions_core::project::MeasuredRun;

fn opts() -> ImportOptions {
    ImportOptions::new(Phase::FinalTraining)
}

fn measured(r: &ImportReport) -> Vec<&MeasuredRun> {
    r.runs.iter().filter_map(|run| run.measured()).collect()
}

fn parse_pue(s: &str) -> f64 {
    s.replace(',', ".").parse().expect("pue in expected.json")
}

/// Everything the file view of expected.json says, checked on the report: run
/// count, run_id, line, energy, emissions, duration and PUE of every run, the
/// totals, the skipped lines and their reason, merged rows, header rows, BOM, CRLF,
/// the file name and version in the source, the tracking mode and the hardware.
#[test]
fn every_fixture_matches_the_file_view_of_expected_json() {
    let e = expected();
    let mut failures = Vec::new();
    for (name, spec) in files(&e) {
        let view = &spec["file_view"];
        let report = match import(&fixture(&name), &name, &opts()) {
            Ok(r) => r,
            Err(err) => {
                failures.push(format!("{name}: refused: {err}"));
                continue;
            }
        };
        let mut fail = |what: String| failures.push(format!("{name}: {what}"));
        let runs = measured(&report);
        let want = view["per_run"].as_array().expect("per_run");
        if runs.len() != want.len() || runs.len() as u64 != view["runs"].as_u64().expect("runs") {
            fail(format!("{} runs, expected {}", runs.len(), want.len()));
            continue;
        }
        for ((m, origin), w) in runs.iter().zip(&report.origins).zip(want) {
            let line = w["line"].as_u64().expect("line") as usize;
            let id = w["run_id"].as_str().expect("run_id");
            if origin.line != line || origin.file != name || m.run_id != id {
                fail(format!("run {id} of line {line}: got run {} of {origin:?}", m.run_id));
            }
            for (got, key) in [
                (m.energy_kwh, "energy_consumed_kwh"),
                (m.emissions_kg, "emissions_kg"),
                (m.duration_h * 3600.0, "duration_s"),
            ] {
                if !close(got, f(w, key), 1e-12) {
                    fail(format!("line {line}: {key} {got} against {}", f(w, key)));
                }
            }
            if m.pue != Some(parse_pue(w["pue"].as_str().expect("pue"))) || m.pue_applied.is_some() {
                fail(format!("line {line}: PUE {:?} (applied {:?}) against {}", m.pue, m.pue_applied, w["pue"]));
            }
            let short: String = id.chars().take(8).collect();
            let version = m.source.split("(CodeCarbon ").nth(1).and_then(|v| v.split(')').next()).unwrap_or("");
            let want_source = if id.is_empty() {
                format!("{name} (CodeCarbon {version}), line {line}")
            } else {
                format!("{name} (CodeCarbon {version}), run {short}, line {line}")
            };
            if m.source != want_source
                || version.is_empty()
                || !spec["written_by"].as_str().unwrap_or("").contains(version)
            {
                fail(format!("source “{}”", m.source));
            }
            if m.tracking_mode != "machine" && m.tracking_mode != "process" {
                fail(format!("line {line}: tracking mode “{}”", m.tracking_mode));
            }
        }
        let (energy, emissions, hours) = report.totals();
        if !close(energy, f(view, "energy_consumed_kwh"), 1e-12)
            || !close(emissions, f(view, "emissions_kg"), 1e-12)
            || !close(hours * 3600.0, f(view, "duration_s"), 1e-12)
        {
            fail(format!("totals {energy} kWh, {emissions} kg, {hours} h"));
        }
        let skipped: Vec<u64> = report.skipped.iter().map(|s| s.line as u64).collect();
        let want_skipped: Vec<u64> =
            view["skipped_lines"].as_array().expect("skipped").iter().filter_map(Value::as_u64).collect();
        if skipped != want_skipped
            || skipped.len() as u64 != view["rows_with_empty_emissions_or_energy"].as_u64().unwrap_or(99)
        {
            fail(format!("skipped {skipped:?}, expected {want_skipped:?}"));
        }
        if let Some(s) = report.skipped.iter().find(|s| s.reason() != "no emissions or energy") {
            fail(format!("line {} skipped for “{}”", s.line, s.reason()));
        }
        let file = &report.files[0];
        let checks = [
            ("superseded", report.superseded as u64, view["rows_superseded_by_a_later_row_of_the_same_run"].as_u64()),
            ("repeated headers", file.header_lines.len() as u64 - 1, view["repeated_header_rows"].as_u64()),
            ("data rows", file.data_rows as u64, view["data_rows"].as_u64()),
            ("bom", file.bom as u64, view["bom"].as_bool().map(u64::from)),
            ("crlf", file.crlf as u64, view["crlf"].as_bool().map(u64::from)),
        ];
        for (what, got, want) in checks {
            if Some(got) != want {
                fail(format!("{what}: {got}, expected {want:?}"));
            }
        }
        if report.files.len() != 1 || file.runs != runs.len() || file.skipped != skipped.len() {
            fail(format!("file summary {file:?}"));
        }
        for job in spec["jobs"].as_array().expect("jobs") {
            let id = job["run_id"].as_str().expect("run_id");
            let Some(m) = runs.iter().find(|m| m.run_id == id) else {
                fail(format!("no run {id}"));
                continue;
            };
            if Some(m.tracking_mode.as_str()) != job["tracking_mode"].as_str() {
                fail(format!("run {id}: tracking mode {} against {}", m.tracking_mode, job["tracking_mode"]));
            }
            if Some(m.pue.unwrap_or(0.0)) != job["pue"].as_f64() {
                fail(format!("run {id}: PUE {:?} against CodeCarbon's {}", m.pue, job["pue"]));
            }
            let gpu = job["gpu_model"].as_str().unwrap_or("");
            if !gpu.is_empty() && m.hardware != gpu {
                fail(format!("run {id}: hardware “{}” against “{gpu}”", m.hardware));
            }
            if gpu.is_empty() && Some(m.hardware.as_str()) != job["cpu_model"].as_str() {
                fail(format!("run {id}: hardware “{}” against {}", m.hardware, job["cpu_model"]));
            }
        }
        let want_summary = if name.starts_with("codecarbon-examples") {
            "19 runs imported; 2 rows skipped: lines 6–7 have no emissions or energy; 7 cumulative rows merged into the last row of their run (CodeCarbon's rows are running totals)".to_string()
        } else {
            report.summary()
        };
        if report.summary() != want_summary {
            fail(format!("summary “{}”", report.summary()));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// Where CodeCarbon's own stop() succeeded, the imported run equals its tracker
/// totals (final_emissions_data) to 1e-9 relative, components included; where it
/// failed (update mode of 2.3.5–3.0.9), the file holds the last flush() and the
/// import reports that, below the tracker's final figure.
#[test]
fn every_run_agrees_with_codecarbons_own_tracker_totals_where_the_file_can() {
    let e = expected();
    let mut failures = Vec::new();
    let mut compared = 0;
    for (name, spec) in files(&e) {
        let report = import(&fixture(&name), &name, &opts()).expect("imports");
        let runs = measured(&report);
        let jobs = spec["jobs"].as_array().expect("jobs");
        let mut fail = |what: String| failures.push(format!("{name}: {what}"));
        for job in jobs {
            let id = job["run_id"].as_str().expect("run_id");
            let Some(m) = runs.iter().find(|m| m.run_id == id) else {
                fail(format!("no run {id}"));
                continue;
            };
            if job["stop_failed"].as_bool() == Some(true) {
                let last_flush = job["flush_returns_kg"].as_array().and_then(|a| a.last()).and_then(Value::as_f64);
                if !last_flush.is_some_and(|k| close(m.emissions_kg, k, 1e-9))
                    || m.emissions_kg >= f(job, "final_emissions_kg")
                {
                    fail(format!("run {id}: {} kg against the last flush {last_flush:?}", m.emissions_kg));
                }
                continue;
            }
            compared += 1;
            let pairs = [
                (Some(m.energy_kwh), "final_energy_consumed_kwh"),
                (Some(m.emissions_kg), "final_emissions_kg"),
                (Some(m.duration_h * 3600.0), "final_duration_s"),
                (m.cpu_energy_kwh, "final_cpu_energy_kwh"),
                (m.gpu_energy_kwh.or(Some(0.0)), "final_gpu_energy_kwh"),
                (m.ram_energy_kwh, "final_ram_energy_kwh"),
            ];
            for (got, key) in pairs {
                if !got.is_some_and(|g| close(g, f(job, key), 1e-9)) {
                    fail(format!("run {id}: {key} {got:?} against CodeCarbon's {}", f(job, key)));
                }
            }
            if let Some(&stop) = job["stop_returns_kg"].as_f64().as_ref() {
                if !close(m.emissions_kg, stop, 1e-9) {
                    fail(format!("run {id}: {} kg against stop()'s {stop}", m.emissions_kg));
                }
            }
        }
        let all_agree = jobs.iter().all(|j| j["stop_failed"].as_bool() == Some(false));
        if all_agree && !jobs.is_empty() {
            let totals = &spec["totals"];
            let (energy, emissions, hours) = report.totals();
            if !close(energy, f(totals, "energy_consumed_kwh"), 1e-9)
                || !close(emissions, f(totals, "emissions_kg"), 1e-9)
                || !close(hours * 3600.0, f(totals, "duration_s"), 1e-9)
                || Some(report.runs.len() as u64) != totals["runs"].as_u64()
            {
                fail(format!("totals {energy} kWh, {emissions} kg against CodeCarbon's {totals}"));
            }
        }
    }
    assert!(compared >= 30, "only {compared} runs compared");
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

/// The 4-GPU file (NVML simulated) keeps CodeCarbon's "4 x …" model once and its GPU energy.
#[test]
fn the_four_gpu_file_names_its_gpus_once() {
    let r = import(&fixture("cc3.3.2-gpu4.csv"), "cc3.3.2-gpu4.csv", &opts()).expect("imports");
    let m = measured(&r)[0];
    assert_eq!(m.hardware, "4 x NVIDIA A100-SXM4-80GB");
    assert!(m.gpu_energy_kwh.is_some_and(|g| g > 0.9 * m.energy_kwh), "{m:?}");
}

/// All fixtures at once: a run_id found in several files (the derived copies) is
/// one run, each repetition reported; the totals are those of the distinct runs.
#[test]
fn several_files_at_once_count_each_run_id_once() {
    let e = expected();
    let names: Vec<String> = files(&e).into_iter().map(|(n, _)| n).collect();
    let texts: Vec<String> = names.iter().map(|n| fixture(n)).collect();
    let sources: Vec<SourceFile> = names.iter().zip(&texts).map(|(name, text)| SourceFile { name, text }).collect();
    let r = import_files(&sources, &opts()).expect("imports");
    let mut distinct = std::collections::BTreeMap::new();
    let mut per_file_runs = 0;
    let mut without_id = 0;
    for (_, spec) in files(&e) {
        for w in spec["file_view"]["per_run"].as_array().expect("per_run") {
            per_file_runs += 1;
            match w["run_id"].as_str().unwrap_or("") {
                "" => without_id += 1,
                id => {
                    distinct.insert(id.to_string(), f(w, "emissions_kg"));
                }
            }
        }
    }
    assert_eq!(r.runs.len(), distinct.len() + without_id);
    assert_eq!(r.duplicates.len(), per_file_runs - r.runs.len());
    assert_eq!(r.files.len(), names.len());
    let want: f64 = distinct.values().sum::<f64>()
        + files(&e)
            .iter()
            .flat_map(|(_, s)| s["file_view"]["per_run"].as_array().cloned().unwrap_or_default())
            .filter(|w| w["run_id"].as_str() == Some(""))
            .map(|w| f(&w, "emissions_kg"))
            .sum::<f64>();
    assert!(close(r.totals().1, want, 1e-12), "{} against {want}", r.totals().1);
    // The CRLF copy of the append file: the same two runs, kept from the first file.
    let lf = fixture("cc3.3.2-append.csv");
    let crlf = fixture("cc3.3.2-append-crlf-bom.csv");
    let two =
        import_files(&[SourceFile { name: "a.csv", text: &lf }, SourceFile { name: "b.csv", text: &crlf }], &opts())
            .expect("imports");
    assert_eq!(two.runs.len(), 2);
    assert_eq!(two.duplicates.len(), 2);
    assert!(two
        .duplicates
        .iter()
        .all(|d| d.kept.file == "a.csv" && d.dropped.file == "b.csv" && d.kept.line == d.dropped.line));
    assert_eq!(two.summary(), "2 runs imported from 2 files; 12 cumulative rows merged into the last row of their run (CodeCarbon's rows are running totals); 2 run_ids in more than one file, counted once");
}

/// The location's PUE applied on request to runs the file records at PUE 1.0
/// only; the statement then says it was applied and from which value.
#[test]
fn applying_the_locations_pue_scales_only_pue_one_runs_and_is_stated() {
    let with = ImportOptions { phase: Phase::FinalTraining, apply_pue: Some(1.58) };
    for file in ["cc3.3.2-machine.csv", "cc2.3.5-append.csv", "codecarbon-examples-emissions.csv"] {
        let plain = import(&fixture(file), file, &opts()).expect("imports");
        let applied = import(&fixture(file), file, &with).expect("imports");
        assert_eq!(applied.pue_applied, applied.runs.len(), "{file}");
        for (a, b) in measured(&applied).into_iter().zip(measured(&plain)) {
            assert_eq!((a.pue, a.pue_applied), (Some(1.0), Some(1.58)));
            assert!(
                close(a.energy_kwh, b.energy_kwh * 1.58, 1e-15) && close(a.emissions_kg, b.emissions_kg * 1.58, 1e-15)
            );
            assert_eq!(a.duration_h, b.duration_h);
        }
    }
    for file in ["cc3.3.2-pue.csv", "cc2.3.5+3.3.2-concatenated.csv"] {
        let applied = import(&fixture(file), file, &with).expect("imports");
        assert_eq!(applied.pue_applied, 0, "{file}: PUE 1.2 already includes the overhead");
        assert!(measured(&applied).iter().all(|m| m.pue == Some(1.2) && m.pue_applied.is_none()));
    }
    let data = emissions_core::Dataset::embedded().expect("data");
    let r = import(&fixture("cc3.3.2-machine.csv"), "emissions.csv", &with).expect("imports");
    let project = emissions_core::Project::new("pue".into(), r.runs, 0);
    let text =
        emissions_core::output::render_project(emissions_core::output::Format::Text, &project, data).expect("renders");
    assert!(
        text.contains("including a data-centre overhead of PUE 1.58 applied on import (CodeCarbon recorded PUE 1.0)"),
        "{text}"
    );
    assert!(
        text.contains("as reported by the tracker with its own grid intensity, scaled by the same PUE 1.58"),
        "{text}"
    );
    assert!(text.contains("measured with emissions.csv (CodeCarbon 3.3.2), run f4c46bda, line 2"), "{text}");
    let hf =
        emissions_core::output::render_project(emissions_core::output::Format::Hf, &project, data).expect("renders");
    assert!(hf.contains("(PUE 1.58 applied on import to CodeCarbon's PUE 1.0)"), "{hf}");
}

/// A project exported with the new fields reads back equal; one exported before
/// them (no pue key) reads as "not recorded".
#[test]
fn the_new_fields_survive_the_json_export() {
    let data = emissions_core::Dataset::embedded().expect("data");
    let r = import(&fixture("cc3.3.2-pue.csv"), "emissions.csv", &opts()).expect("imports");
    let project = emissions_core::Project::new("pue".into(), r.runs, 0);
    let json =
        emissions_core::output::render_project(emissions_core::output::Format::Json, &project, data).expect("renders");
    assert!(json.contains("\"pue\": 1.2") && json.contains("\"tracking_mode\": \"machine\""), "{json}");
    let back = emissions_core::export::import_json(&json).expect("reads back");
    assert_eq!(back.project.runs(), project.runs());
}

/// 10,000 and 100,000 rows of CodeCarbon 3.3.2's 38 columns (runs of 10
/// cumulative flushes): one pass; the time is printed, not asserted.
#[test]
fn large_files_import_in_linear_time() {
    let header = fixture("cc3.3.2-append.csv").lines().next().expect("header").to_string();
    let row = fixture("cc3.3.2-append.csv").lines().nth(1).expect("row").to_string();
    let cells: Vec<&str> = row.split(',').collect();
    // Cells 2 (run_id), 4 (duration), 5 (emissions) and 13 (energy_consumed) vary.
    let (a, b, c, d) = (cells[..2].join(","), cells[3], cells[6..13].join(","), cells[14..].join(","));
    let make = |rows: usize| {
        let mut f = String::with_capacity(rows * (row.len() + 8) + header.len());
        f.push_str(&header);
        f.push('\n');
        for i in 0..rows {
            let k = 1 + i % 10;
            let line = format!("{a},run-{:06},{b},{k},{},{c},{},{d}\n", i / 10, 0.001 * k as f64, 0.002 * k as f64);
            f.push_str(&line);
        }
        f
    };
    // The best of three in a release build, the machine being shared.
    let best = |f: &dyn Fn()| {
        (0..if cfg!(debug_assertions) { 1 } else { 3 })
            .map(|_| {
                let start = std::time::Instant::now();
                f();
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    for rows in [10_000, MAX_ROWS] {
        let text = make(rows);
        let r = import(&text, "big.csv", &opts()).expect("imports");
        assert_eq!((r.runs.len(), r.superseded), (rows / 10, rows - rows / 10));
        // Each run ends at 10 flushes: 0.01 kg.
        assert!(close(r.totals().1, 0.01 * (rows / 10) as f64, 1e-9));
        let took = best(&|| {
            let r = import(&text, "big.csv", &opts()).expect("imports");
            assert!(r.totals().0 > 0.0);
        });
        // For scale: the csv crate alone reading the same text.
        let bare = best(&|| {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
            assert_eq!(reader.records().count(), rows + 1);
        });
        println!(
            "{rows} rows ({:.1} MB): imported with totals in {took:?} (the csv crate alone reading it: {bare:?})",
            text.len() as f64 / 1e6
        );
    }
    let over = format!("duration,emissions,energy_consumed\n{}", "1,1,1\n".repeat(MAX_ROWS + 1));
    let e = import(&over, "big.csv", &opts()).map(|_| ()).map_err(|e| e.to_string());
    assert_eq!(e, Err(format!("big.csv, line {}: more than 100000 rows: split the file", MAX_ROWS + 2)));
}

// ---------------------------------------------------------------------------
// Never a panic, never a non-finite number.

use proptest::prelude::*;

/// Every number an import gives: finite and non-negative.
fn check_numbers(r: &ImportReport) -> Result<(), String> {
    for m in measured(r) {
        let numbers = [Some(m.energy_kwh), Some(m.emissions_kg), Some(m.duration_h), m.pue, m.pue_applied]
            .into_iter()
            .chain([m.cpu_energy_kwh, m.gpu_energy_kwh, m.ram_energy_kwh])
            .flatten();
        for x in numbers {
            if !x.is_finite() || x < 0.0 {
                return Err(format!("{x} in {m:?}"));
            }
        }
    }
    let (e, c, h) = r.totals();
    if !(e.is_finite() && c.is_finite() && h.is_finite()) {
        return Err(format!("totals {e} {c} {h}"));
    }
    Ok(())
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0.0..1e4f64).prop_map(|x| x.to_string()),
        2 => (0.0..1e4f64).prop_map(|x| x.to_string().replace('.', ",")),
        1 => Just(String::new()),
        1 => Just("nan".to_string()),
        1 => prop_oneof![Just("inf"), Just("-1"), Just("1e400"), Just("1,2,3"), Just("0x10"), Just("1.0"), Just("1,5")]
            .prop_map(String::from),
        1 => "[a-z0-9 ,;\"\\n\\r\u{e9}\u{feff}]{0,8}",
        1 => prop_oneof![Just("run-a"), Just("run-b"), Just("machine"), Just("4 x NVIDIA A100")].prop_map(String::from),
    ]
}

/// A cell an import reads: a number (with a dot or a comma), empty or nan.
fn number_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0.0..1e4f64).prop_map(|x| x.to_string()),
        2 => (0.0..1e4f64).prop_map(|x| x.to_string().replace('.', ",")),
        1 => (1.0..3.0f64).prop_map(|x| format!("{x:.1}")),
        1 => Just(String::new()),
        1 => Just("nan".to_string()),
        1 => Just("1.0".to_string()),
    ]
}

const NAMES: [&str; 12] = [
    "duration",
    "emissions",
    "energy_consumed",
    "run_id",
    "pue",
    "cpu_energy",
    "gpu_energy",
    "ram_energy",
    "gpu_model",
    "gpu_count",
    "tracking_mode",
    "codecarbon_version",
];

/// A CSV shaped like CodeCarbon's: its three columns and some others in any
/// order, rows of odd cells (now and then of another width), odd line ends and
/// separators, a repeated header, a BOM.
fn csv_like() -> impl Strategy<Value = String> {
    let header = proptest::sample::subsequence(NAMES[3..].to_vec(), 0..NAMES.len() - 3)
        .prop_map(|rest| NAMES[..3].iter().chain(&rest).copied().collect::<Vec<_>>())
        .prop_shuffle();
    header
        .prop_flat_map(|header| {
            let width = header.len();
            let row = prop_oneof![
                8 => prop::collection::vec(number_cell(), width),
                4 => prop::collection::vec(cell(), width),
                1 => prop::collection::vec(cell(), 1..14),
            ];
            (
                Just(header),
                prop::collection::vec(row, 0..12),
                prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
                prop_oneof![Just(','), Just(';'), Just('\t')],
                any::<bool>(),
                0usize..14,
            )
        })
        .prop_map(|(header, rows, end, sep, bom, repeat_at)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            let header_line = header.join(&sep.to_string());
            text.push_str(&header_line);
            text.push_str(end);
            for (i, row) in rows.iter().enumerate() {
                if i == repeat_at {
                    text.push_str(&header_line);
                    text.push_str(end);
                }
                let quoted: Vec<String> = row
                    .iter()
                    .map(|c| {
                        if c.contains([sep, '"', '\n', '\r']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.clone()
                        }
                    })
                    .collect();
                text.push_str(&quoted.join(&sep.to_string()));
                text.push_str(end);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), pue in prop::option::of(0.0..4.0f64)) {
        let text = String::from_utf8_lossy(&bytes);
        let options = ImportOptions { phase: Phase::Exploration, apply_pue: pue };
        if let Ok(r) = import(&text, "random.bin", &options) {
            prop_assert!(check_numbers(&r).is_ok(), "{:?}", check_numbers(&r));
        }
        let _ = parse_emissions_csv(&text, Phase::Exploration);
    }

    #[test]
    fn random_csv_never_panics_and_accounts_for_every_row(text in csv_like(), pue in prop::option::of(1.0..3.0f64)) {
        let options = ImportOptions { phase: Phase::Exploration, apply_pue: pue };
        let lines = text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count() + 1;
        match import(&text, "r.csv", &options) {
            Ok(r) => {
                prop_assert!(check_numbers(&r).is_ok(), "{:?}", check_numbers(&r));
                let file = &r.files[0];
                // Every data row is a run, a skipped row or merged into a later row of its run.
                prop_assert_eq!(file.data_rows, r.runs.len() + r.skipped.len() + r.superseded);
                let named = r.origins.iter().map(|o| o.line).chain(r.skipped.iter().map(|s| s.line));
                prop_assert!(named.clone().all(|l| l >= 2 && l <= lines), "{:?} of {} lines", named.collect::<Vec<_>>(), lines);
                prop_assert!(!r.summary().is_empty());
            }
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                prop_assert!(e.line <= lines, "line {} of {}: {}", e.line, lines, e);
            }
        }
    }
}
