//! The `ml-emissions` binary: same numbers as the core (and so as the web
//! app, which runs the same core on the same cases in e2e/statement.test.mjs),
//! every format, and clear messages with exit status 2 on bad input.

use emissions_core::advice;
use emissions_core::compare::Catalogue;
use emissions_core::data::Dataset;
use emissions_core::export::import_json;
use emissions_core::form::FormState;
use emissions_core::job::validate;
use emissions_core::output::{self, Format};
use emissions_core::project::{self, Project, Run};
use serde_json::Value;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_ml-emissions");
const CASES: &str = include_str!("../../tests/cases.json");
const MULTI: &str = "../core/tests/fixtures/multi-run.json";

fn data() -> &'static Dataset {
    match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => panic!("embedded tables do not parse: {e}"),
    }
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("the binary runs")
}

fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Runs with exit status 2 and returns stderr.
fn bad(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: stdout {}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout on error");
    String::from_utf8(out.stderr).expect("UTF-8 stderr")
}

fn cases() -> Vec<Value> {
    let v: Value = serde_json::from_str(CASES).expect("tests/cases.json parses");
    v["cases"].as_array().expect("cases").clone()
}

fn args_of(case: &Value) -> Vec<String> {
    case["cli"].as_array().expect("cli args").iter().map(|a| a.as_str().expect("string").to_string()).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1e-9)
}

#[test]
fn shared_cases_give_the_cores_numbers_and_the_hand_computed_ones() {
    for case in cases() {
        let name = case["name"].as_str().unwrap_or("?");
        let mut args: Vec<String> = vec!["estimate".into()];
        args.extend(args_of(&case));
        args.extend(["--format".into(), "json".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out: Value = serde_json::from_str(&ok(&args)).expect("JSON output");

        // The flags build exactly the form the web app holds for this case.
        let form: FormState = serde_json::from_value(case["form"].clone()).expect("case form");
        let cli_form: FormState = serde_json::from_value(out["project"]["runs"][0]["form"].clone()).expect("form");
        assert_eq!(cli_form, form, "{name}");

        // Same numbers as the core, to the bit.
        let e = validate(&form, data()).unwrap_or_else(|e| panic!("{name}: {e:?}")).estimate();
        let total = &out["results"]["total"];
        for (key, range) in [("emissions_kg", e.emissions_kg), ("energy_kwh", e.energy_kwh)] {
            assert_eq!(total[key]["central"].as_f64(), Some(range.central), "{name} {key}");
            assert_eq!(total[key]["low"].as_f64(), Some(range.low), "{name} {key}");
            assert_eq!(total[key]["high"].as_f64(), Some(range.high), "{name} {key}");
        }
        // And the hand-computed ones.
        let x = &case["expected"];
        assert!(close(e.energy_kwh.central, x["energy_kwh"].as_f64().expect("number")), "{name}: {e:?}");
        assert!(close(e.emissions_kg.central, x["emissions_kg"].as_f64().expect("number")), "{name}: {e:?}");
        assert!(close(e.emissions_kg.low, x["emissions_low_kg"].as_f64().expect("number")), "{name}: {e:?}");
        assert!(close(e.emissions_kg.high, x["emissions_high_kg"].as_f64().expect("number")), "{name}: {e:?}");

        // Every text format shows the same rounded figure the web app shows.
        let display = x["display"].as_str().expect("display");
        let range = x["range_display"].as_str().expect("range");
        let mut text_args = args.clone();
        let n = text_args.len();
        for f in ["text", "markdown", "latex"] {
            text_args[n - 1] = f;
            let s = ok(&text_args);
            // LaTeX writes en dashes as "--" and ties numbers to units with "~".
            let s = s.replace("--", "–").replace('~', " ");
            assert!(s.contains(display), "{name} {f}: no {display}:\n{s}");
            assert!(s.contains(range), "{name} {f}: no range {range}:\n{s}");
        }
    }
}

#[test]
fn every_format_equals_the_library_rendering() {
    let case = &cases()[0];
    let form: FormState = serde_json::from_value(case["form"].clone()).expect("case form");
    let project = Project::new(String::new(), vec![Run { form, ..Run::default() }], 0);
    for f in Format::ALL {
        let mut args: Vec<String> = vec!["estimate".into()];
        args.extend(args_of(case));
        args.extend(["--format".into(), f.key().into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let expected = output::render_project(f, &project, data()).expect("renders");
        assert_eq!(ok(&args), expected, "{}", f.key());
    }
}

#[test]
fn from_json_restores_the_project_and_prints_any_format() {
    let fixture = std::fs::read_to_string(format!("{}/{MULTI}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
    let project = import_json(&fixture).expect("fixture imports").project;
    for f in Format::ALL {
        let expected = output::render_project(f, &project, data()).expect("renders");
        assert_eq!(ok(&["estimate", "--from-json", MULTI, "--format", f.key()]), expected, "{}", f.key());
    }
    // The CLI's JSON export imports back to the same project.
    let json = ok(&["estimate", "--from-json", MULTI, "--format", "json"]);
    assert_eq!(import_json(&json).expect("imports").project, project);
    let totals = project::evaluate(&project, data());
    let v: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["results"]["total"]["emissions_kg"]["central"].as_f64(), Some(totals.emissions_kg.central));
    // Standard input, and --output.
    let mut child = Command::new(BIN)
        .args(["estimate", "--from-json", "-", "--format", "hf"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(fixture.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), output::render_project(Format::Hf, &project, data()).expect("hf"));
    let dir = std::env::temp_dir().join(format!("ml-emissions-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let file = dir.join("statement.tex");
    let file_s = file.to_string_lossy().to_string();
    assert_eq!(ok(&["estimate", "--from-json", MULTI, "--format", "latex", "--output", &file_s]), "");
    assert_eq!(
        std::fs::read_to_string(&file).expect("written"),
        output::render_project(Format::Latex, &project, data()).expect("latex")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hardware_by_id_or_name_with_clear_errors() {
    let by_name = ok(&["estimate", "--hardware", "h100 sxm5 80gb", "--format", "json"]);
    let by_id = ok(&["estimate", "--hardware", "nvidia-h100-sxm", "--format", "json"]);
    let by_words = ok(&["estimate", "--hardware", "H100 SXM", "--format", "json"]);
    assert_eq!(by_name, by_id);
    assert_eq!(by_words, by_id);
    let e = bad(&["estimate", "--hardware", "H100 SXN"]);
    assert!(e.contains("no hardware matches “H100 SXN”. Close matches:"), "{e}");
    assert!(e.contains("nvidia-h100-sxm"), "{e}");
    let e = bad(&["estimate", "--hardware", "H100"]);
    assert!(e.contains("“H100” matches 3 hardware entries; give one of these ids:"), "{e}");
    assert!(e.contains("nvidia-h100-pcie") && e.contains("nvidia-h100-nvl"), "{e}");
}

#[test]
fn bad_input_exits_2_with_the_web_apps_messages() {
    let cases: [(&[&str], &str); 16] = [
        (&["estimate", "--devices", "0"], "--devices: Number of devices must be at least 1."),
        (&["estimate", "--hours", "abc"], "--hours: “abc” is not a number."),
        (&["estimate", "--days", "-2"], "--days: Duration cannot be negative."),
        (&["estimate", "--utilization", "150"], "--utilization: Average utilization must be at most 100 %"),
        (&["estimate", "--pue", "0.5"], "--pue: PUE must be at least 1."),
        (&["estimate", "--hardware", "custom"], "--power: Enter the power per device."),
        (&["estimate", "--devcies", "8"], "unknown option “--devcies”; did you mean --devices?"),
        (&["estimate", "--devices"], "--devices needs a value"),
        (&["estimate", "--devices", "1", "--devices", "2"], "--devices is given twice"),
        (&["estimate", "--region", "aws:us-east-9"], "aws has no region “us-east-9”; did you mean aws:us-east-1"),
        (&["estimate", "--region", "ibm:x"], "unknown cloud provider “ibm”"),
        (&["estimate", "--region", "us-east-1"], "--region takes PROVIDER:CODE"),
        (&["estimate", "--zone", "Frnace"], "no grid zone “Frnace”. Close matches:"),
        (&["estimate", "--format", "pdf"], "unknown format “pdf”: use one of latex, markdown, text, hf, json, bibtex"),
        (&["estimate", "--zone", "FR", "--intensity", "50"], "give one location: --region, --zone or --intensity"),
        (&["frobnicate"], "unknown command “frobnicate”"),
    ];
    for (args, expected) in cases {
        let e = bad(args);
        assert!(e.contains(expected), "{args:?}\n  gave: {e}\n  want: {expected}");
    }
}

#[test]
fn from_json_rejects_bad_files_with_the_import_message() {
    let dir = std::env::temp_dir().join(format!("ml-emissions-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp dir");
    let garbage = dir.join("garbage.json");
    std::fs::write(&garbage, "{\"schema\": \"something-else\"}").expect("write");
    let g = garbage.to_string_lossy().to_string();
    let e = bad(&["estimate", "--from-json", &g]);
    assert!(e.contains("its schema is “something-else”"), "{e}");
    let binary = dir.join("binary.json");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).expect("write");
    let e = bad(&["estimate", "--from-json", &binary.to_string_lossy()]);
    assert!(e.contains("is not UTF-8 text"), "{e}");
    let e = bad(&["estimate", "--from-json", "/nonexistent/file.json"]);
    assert!(e.contains("cannot read /nonexistent/file.json"), "{e}");
    let e = bad(&["estimate", "--from-json", MULTI, "--devices", "2"]);
    assert!(e.contains("--from-json restores a whole project: it cannot be combined with --devices"), "{e}");
    // A project whose runs have errors: each is named.
    let invalid = dir.join("invalid.json");
    std::fs::write(
        &invalid,
        format!(
            "{{\"schema\":\"{}\",\"schema_version\":1,\"project\":{{\"runs\":[{{\"label\":\"A\",\"form\":{{\"duration\":\"\"}}}}]}}}}",
            emissions_core::export::SCHEMA
        ),
    )
    .expect("write");
    let e = bad(&["estimate", "--from-json", &invalid.to_string_lossy()]);
    assert!(e.contains("run 1 (“A”): duration: Enter a duration."), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_version_and_lists() {
    assert!(ok(&["--help"]).contains("ml-emissions estimate [OPTIONS]"));
    assert_eq!(
        ok(&["--version"]),
        format!("ml-emissions {} (data version {})\n", emissions_core::APP_VERSION, emissions_core::DATA_VERSION)
    );
    let hw = ok(&["list", "hardware", "h100"]);
    assert_eq!(hw.lines().count(), 3, "{hw}");
    assert!(ok(&["list", "regions", "gcp"]).contains("gcp:us-central1"));
    assert!(ok(&["list", "zones", "france"]).starts_with("FR "));
    assert!(ok(&["list", "formats"]).contains("emissions-statement.tex"));
}

/// The subcommands a help text lists under "Commands:" (without `help`).
fn commands_of(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_command_has_its_help_on_stdout_with_status_0() {
    let root = ok(&["--help"]);
    let commands = commands_of(&root);
    assert_eq!(commands, ["estimate", "advise", "explain", "compare", "list"], "{root}");
    let compare = ok(&["compare", "--help"]);
    assert_eq!(commands_of(&compare), ["hardware", "regions"], "{compare}");
    let list = ok(&["list", "--help"]);
    let lists = commands_of(&list);
    assert_eq!(lists, ["hardware", "regions", "zones", "formats", "changes"], "{list}");
    let mut invocations: Vec<Vec<String>> =
        vec![vec![], vec!["-h".into()], vec!["help".into()], vec!["help".into(), "list".into(), "zones".into()]];
    for c in &commands {
        invocations.push(vec![c.clone(), "--help".into()]);
        invocations.push(vec![c.clone(), "-h".into()]);
        invocations.push(vec!["help".into(), c.clone()]);
    }
    for l in &lists {
        invocations.push(vec!["list".into(), l.clone(), "--help".into()]);
    }
    for c in ["hardware", "regions"] {
        invocations.push(vec!["compare".into(), c.into(), "--help".into()]);
    }
    for args in invocations {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?} wrote to stderr");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(text.contains("Usage: ml-emissions"), "{args:?}:\n{text}");
    }
    // Help comes before anything else: even with bad values around it.
    assert!(ok(&["estimate", "--devices", "0", "--help"]).contains("--wh-per-request"));
}

#[test]
fn the_estimate_help_is_generated_from_the_field_registry() {
    let help = ok(&["estimate", "--help"]);
    for f in emissions_core::fields::ALL {
        if let Some(flag) = f.cli {
            let line = help.lines().find(|l| l.trim_start().starts_with(&format!("--{flag} <")));
            let line = line.unwrap_or_else(|| panic!("no --{flag} in:\n{help}"));
            // The first words of the field's help are on the flag's line.
            let start: String = f.help.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            assert!(line.contains(&start), "--{flag}: {line}");
        }
    }
    assert!(help.contains("--days <NUMBER>"), "{help}");
    assert!(help.contains("[unit: gCO2eq/kWh]"), "{help}");
}

#[test]
fn unknown_flags_and_values_get_a_suggestion() {
    let cases: [(&[&str], &str); 8] = [
        (&["estimate", "--utilisation", "80"], "unknown option “--utilisation”; did you mean --utilization?"),
        (&["estimate", "--hour", "3"], "unknown option “--hour”; did you mean --hours?"),
        (&["estimate", "--from-jsn", "x.json"], "did you mean --from-json?"),
        (
            &["estimate", "--format", "jsn"],
            "unknown format “jsn”: use one of latex, markdown, text, hf, json, bibtex, latex-runs, neurips, acl, hf-body, hf-card, climate, climate-tex, eu-ai-act, boamps; did you mean json?",
        ),
        (&["estimate", "--phase", "finetuning"], "unknown phase “finetuning”: use one of exploration,"),
        (&["estimate", "--phase", "finetuning"], "; did you mean fine_tuning?"),
        (
            &["list", "zone"],
            "unknown command “zone”: use 'hardware', 'regions', 'zones', 'formats' or 'changes'; did you mean zones?",
        ),
        (&["list"], "list what? hardware, regions, zones, formats or changes"),
    ];
    for (args, expected) in cases {
        let e = bad(args);
        assert!(e.contains(expected), "{args:?}\n  gave: {e}\n  want: {expected}");
    }
    // A flag of another command is not suggested where it does not exist.
    assert!(!bad(&["list", "hardware", "--format", "json"]).contains("did you mean --format"));
}

#[test]
fn a_cpu_without_a_published_power_is_an_error_on_cpu() {
    for args in [&["estimate", "--cpu", "aws-graviton3"][..], &["estimate", "--cpu", "Graviton3", "--cpu-cores", "16"]]
    {
        let e = bad(args);
        assert!(
            e.contains(
                "--cpu: AWS does not publish the power of the Graviton3: choose Custom and enter the power per core."
            ),
            "{args:?}: {e}"
        );
    }
    // With a power per core of your own, the same host is fine.
    ok(&["estimate", "--cpu", "custom", "--cpu-power", "4", "--cpu-cores", "16"]);
}

#[test]
fn percentages_may_carry_their_sign() {
    let plain = ok(&["estimate", "--utilization", "80", "--cpu-cores", "4", "--cpu-usage", "50", "--format", "json"]);
    for (u, c) in [("80%", "50%"), ("80 %", "50 %"), (" 80%", "50% ")] {
        let signed = ok(&["estimate", "--utilization", u, "--cpu-cores", "4", "--cpu-usage", c, "--format", "json"]);
        let v: Value = serde_json::from_str(&signed).expect("json");
        let p: Value = serde_json::from_str(&plain).expect("json");
        assert_eq!(v["results"], p["results"], "{u} {c}");
        // The text is kept as typed, as the web form keeps it.
        assert_eq!(v["project"]["runs"][0]["form"]["utilization"], u);
    }
    assert!(bad(&["estimate", "--hours", "5%"]).contains("--hours: “5%” is not a number."));
}

#[test]
fn every_number_flag_reports_its_own_errors() {
    use emissions_core::fields::{FieldId, Kind};
    for f in emissions_core::fields::ALL {
        let (Some(flag), Kind::Number { .. }) = (f.cli, f.kind) else { continue };
        let flag = format!("--{flag}");
        // The context in which the core reads the field.
        let mut args: Vec<&str> = vec!["estimate"];
        match f.id {
            FieldId::CustomPower => args.extend(["--hardware", "custom"]),
            FieldId::CustomTflops => args.extend(["--hardware", "custom", "--power", "300"]),
            FieldId::CpuPower => args.extend(["--cpu", "custom"]),
            FieldId::Requests | FieldId::WhPerRequest => args.extend(["--basis", "a paper"]),
            _ => {}
        }
        args.extend([flag.as_str(), "abc"]);
        let e = bad(&args);
        assert!(e.contains(&format!("  {flag}: “abc” is not a number.")), "{args:?}: {e}");
    }
    // A duration in days is reported on --days.
    assert!(bad(&["estimate", "--days", "100000"]).contains("--days: Duration must be at most 1,000,000 h"));
}

#[test]
fn compare_hardware_gives_the_same_advice_as_the_core() {
    let out = ok(&[
        "compare",
        "hardware",
        "--hardware",
        "V100 SXM2 32GB",
        "--devices",
        "64",
        "--params",
        "7",
        "--tokens",
        "2000",
        "--precision",
        "fp16",
        "--vendor",
        "NVIDIA",
        "--pue",
        "1",
        "--intensity",
        "400",
    ]);
    assert!(out.contains("8.4 × 10^22 FLOP"), "{out}");
    assert!(out.contains("On 64 × NVIDIA B200 (HGX B200) instead of 64 × NVIDIA V100 SXM2 32GB, this job would take 16.9 days instead of 304 days and emit 81.5 % less (45.63 t CO2eq), at the same MFU of 40 %."), "{out}");
    let e = bad(&["compare", "hardware", "--hardware", "none", "--cpu-cores", "8"]);
    assert!(e.contains("Choose an accelerator"), "{e}");
    let e = bad(&["compare", "hardware", "--flops", "1e21", "--hours", "3"]);
    assert!(e.contains("not both"), "{e}");
}

#[test]
fn compare_regions_on_one_basis() {
    let out = ok(&["compare", "regions", "--top", "3"]);
    assert!(out.contains("Running in Amazon Web Services ca-central-1 (Quebec, Canada) instead would emit"), "{out}");
    let direct = ok(&["compare", "regions", "--scope", "all", "--grid-basis", "direct", "--top", "400"]);
    assert!(direct.contains("* no direct figure published there: lifecycle shown."), "{direct}");
    assert!(bad(&["compare", "regions", "--scope", "moon"]).contains("--scope: use provider, all or zones"));
}

#[test]
fn codecarbon_files_import_as_measured() {
    let dir = format!("{}/../core/tests/fixtures/codecarbon", env!("CARGO_MANIFEST_DIR"));
    let out = run(&["estimate", "--from-codecarbon", &format!("{dir}/cc3.3.2-append.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 runs imported; 6 cumulative rows merged"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["project"]["runs"].as_array().map(Vec::len), Some(2));
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/expected.json")).expect("expected.json"))
            .expect("json");
    // What the file says the two runs emitted (their last rows), from the fixture's manifest.
    let total = expected["files"]["cc3.3.2-append.csv"]["file_view"]["emissions_kg"].as_f64().expect("file total");
    let got = v["results"]["total"]["emissions_kg"]["central"].as_f64().expect("total");
    assert!((got - total).abs() <= 1e-12 * total, "{got} vs {total}");
    let e = bad(&["estimate", "--from-codecarbon", &format!("{dir}/cc3.3.2-append.csv"), "--devices", "2"]);
    assert!(e.contains("cannot be combined with --devices"), "{e}");
    assert!(bad(&["estimate", "--apply-pue", "1.2"]).contains("--apply-pue goes with --from-codecarbon"));
}

#[test]
fn a_ten_thousand_run_codecarbon_import_round_trips_through_the_json_export() {
    // 10,000 runs of CodeCarbon 3.3.2's columns (the machine fixture's row, with its own run_id each).
    let dir = std::env::temp_dir().join(format!("mlec-cc10k-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fixture = std::fs::read_to_string(format!(
        "{}/../core/tests/fixtures/codecarbon/cc3.3.2-machine.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let mut lines = fixture.lines();
    let header = lines.next().expect("header");
    let row = lines.next().expect("row");
    let run_id = row.split(',').nth(2).expect("run_id");
    let mut csv = format!("{header}\n");
    for i in 0..10_000 {
        csv.push_str(&row.replacen(run_id, &format!("00000000-0000-4000-8000-{i:012}"), 1));
        csv.push('\n');
    }
    let cc = dir.join("emissions.csv");
    std::fs::write(&cc, csv).expect("write");
    let json = dir.join("export.json");
    let (cc, json_s) = (cc.to_string_lossy().into_owned(), json.to_string_lossy().into_owned());
    assert_eq!(ok(&["estimate", "--from-codecarbon", &cc, "--format", "json", "--output", &json_s]), "");
    let first: Value = serde_json::from_str(&std::fs::read_to_string(&json).expect("export")).expect("json");
    assert_eq!(first["project"]["runs"].as_array().map(Vec::len), Some(10_000));
    // The export imports back to the same project and the same totals.
    let again = ok(&["estimate", "--from-json", &json_s, "--format", "json"]);
    let second: Value = serde_json::from_str(&again).expect("json");
    assert_eq!(first["project"], second["project"]);
    assert_eq!(first["results"]["total"], second["results"]["total"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The core's advice and worked calculation for a project, as `advise` and `explain` print them.
fn core_advice_and_method(p: &Project) -> (String, String) {
    let d = data();
    let totals = project::evaluate(p, d);
    let a = advice::advise(p, &totals, d, &Catalogue::new(d));
    let m = emissions_core::method::of_project(p, &totals, d);
    (a.text(), m.text())
}

#[test]
fn advise_and_explain_print_the_cores_advice_and_calculation() {
    for case in cases() {
        let args = args_of(&case);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let form: FormState = serde_json::from_value(case["form"].clone()).expect("case form");
        let p = Project::new(String::new(), vec![Run { form, ..Run::default() }], 0);
        let (advice, method) = core_advice_and_method(&p);
        let out = ok(&[&["advise"][..], &args].concat());
        assert!(out.contains(&advice), "{args:?}:\n{out}\nvs\n{advice}");
        let out = ok(&[&["explain"][..], &args].concat());
        assert!(out.ends_with(&method), "{args:?}:\n{out}");
        // The worked result is the statement's figure.
        let display = case["expected"]["display"].as_str().expect("display");
        assert!(out.starts_with(&format!("The worked calculation ({display} CO2eq;")), "{out}");
        assert!(out.contains(&format!(" = {display} CO2eq\n")), "{out}");
    }
    // A whole project from its export: the same text as the core's.
    let p = import_json(&std::fs::read_to_string(format!("{}/{MULTI}", env!("CARGO_MANIFEST_DIR"))).expect("fixture"))
        .expect("imports")
        .project;
    let (advice, method) = core_advice_and_method(&p);
    let out = ok(&["advise", "--from-json", MULTI]);
    assert!(out.contains(&advice) && out.contains("Market-based, shown apart"), "{out}");
    assert!(out.ends_with("Each saving is counted from the project as entered: they do not add up.\n"), "{out}");
    assert!(ok(&["explain", "--from-json", MULTI]).ends_with(&method));
    // Bad input is named by its flag, as for estimate.
    assert!(bad(&["advise", "--devices", "0"]).contains("  --devices: "));
    assert!(bad(&["explain", "--from-json", MULTI, "--devices", "2"]).contains("--from-json restores a whole project"));
    assert!(bad(&["advise", "--format", "json"]).contains("--format"));
}

#[test]
fn list_changes_names_what_changed_since_the_previous_data_version() {
    let all = ok(&["list", "changes"]);
    assert!(all.starts_with("Data version 2026.12 against 2026.11 (254 changes;"), "{all}");
    assert!(all.contains("\ngrid_zones.csv: 27 rows removed (US-EGRID-AKGD,"), "{all}");
    let va = ok(&["list", "changes", "us-va"]);
    assert!(va.starts_with("grid_zones.csv, US-VA: row added (lifecycle_g_per_kwh 349.06)"), "{va}");
    assert_eq!(va.lines().count(), 11, "the zone and the 10 regions that moved to it:\n{va}");
    assert!(bad(&["list", "changes", "no-such-thing"]).contains("nothing matches"));
}
