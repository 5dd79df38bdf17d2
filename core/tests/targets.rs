//! The disclosure targets (the NeurIPS and ACL checklists, the Hugging Face
//! card body, the climate performance model card, the EU AI Act draft,
//! BoAmps, the LaTeX runs table): snapshots of a project made to fill every
//! item, the figures each target must state against hand calculations, and
//! the README's examples against the real output.
//!
//! Snapshots of the six projects of `statements.rs` in every format are
//! checked there; this file adds `llm.<key>.txt` (a 7 B model described by its
//! compute, a search, a failed run and serving). To accept new output on
//! purpose: `UPDATE_SNAPSHOTS=1 cargo test -p emissions-core --test targets`,
//! then review the diff.
//!
//! The real consumers (huggingface_hub, the BoAmps schema, pdfLaTeX in
//! conference templates) check the same outputs in `scripts/test.sh`.

use emissions_core::data::Dataset;
use emissions_core::export::import_json;
use emissions_core::form::{DurationUnit, FormState, JobBy, LocationMode};
use emissions_core::output::{self, Format};
use emissions_core::project::{self, MeasuredRun, PerRequest, Phase, Project, Run, RunKind};
use emissions_core::statement::{hf_body, Facts};
use emissions_core::DATA_VERSION;
use serde_json::Value;
use std::path::PathBuf;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("embedded tables parse")
}

fn render(format: Format, p: &Project) -> String {
    output::render_project(format, p, data()).unwrap_or_else(|e| panic!("no {}: {e}", format.key()))
}

/// The formats this file is about.
const TARGETS: [Format; 9] = [
    Format::LatexRuns,
    Format::Neurips,
    Format::Acl,
    Format::HfBody,
    Format::HfCard,
    Format::Climate,
    Format::ClimateLatex,
    Format::EuAiAct,
    Format::Boamps,
];

// ---------------------------------------------------------------------------
// Projects.

const CASES: &str = include_str!("../../tests/cases.json");
const MULTI: &str = include_str!("fixtures/multi-run.json");

/// The H100 case of tests/cases.json: 8 × H100 SXM for 72 h in AWS us-east-1.
fn h100() -> Project {
    let v: Value = serde_json::from_str(CASES).expect("tests/cases.json parses");
    let form: FormState = serde_json::from_value(v["cases"][0]["form"].clone()).expect("case form");
    Project::new(String::new(), vec![Run { form, ..Run::default() }], 0)
}

fn multi() -> Project {
    import_json(MULTI).expect("fixture imports").project
}

fn aws(devices: &str) -> FormState {
    FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: devices.into(),
        provider: "aws".into(),
        region: "us-east-1".into(),
        ..FormState::default()
    }
}

/// A 7 B model trained from its compute (6 × 7e9 × 2e12 = 8.4e22 FLOP on 256 × H100
/// at 40 % MFU), a 50-trial search of 8 × H100 for 2 h, a failed 64 × H100 day,
/// and serving from requests, all in AWS us-east-1.
fn llm(with_serving: bool) -> Project {
    let final_run = Run {
        label: "Final 7B run".into(),
        phase: Phase::FinalTraining,
        form: FormState {
            job_by: JobBy::Compute,
            params: "7".into(),
            tokens: "2000".into(),
            mfu: "40".into(),
            ..aws("256")
        },
        ..Run::default()
    };
    let search = Run {
        label: "Learning-rate search".into(),
        phase: Phase::HyperparameterSearch,
        repeat: "50".into(),
        form: FormState { duration: "2".into(), ..aws("8") },
        ..Run::default()
    };
    let failed = Run {
        label: "Diverged at step 9k".into(),
        phase: Phase::Failed,
        form: FormState { duration: "1".into(), unit: DurationUnit::Days, ..aws("64") },
        ..Run::default()
    };
    let mut runs = vec![search, failed, final_run];
    if with_serving {
        runs.push(Run {
            label: "First month of serving".into(),
            phase: Phase::Inference,
            form: aws("1"),
            kind: RunKind::PerRequest(PerRequest {
                requests: "2000000".into(),
                wh_per_request: "0.3".into(),
                basis: "ML.ENERGY leaderboard".into(),
            }),
            ..Run::default()
        });
    }
    Project::new("Tiny-LM 7B".into(), runs, 0)
}

fn measured() -> Project {
    let run = Run {
        kind: RunKind::Measured(MeasuredRun {
            energy_kwh: 1.5,
            emissions_kg: 0.6,
            duration_h: 3.0,
            source: "emissions.csv (CodeCarbon 3.3.2), run 5b0fa12a, line 12".into(),
            location: "France".into(),
            hardware: "4 x NVIDIA A100-SXM4-80GB".into(),
            pue: Some(1.0),
            ..MeasuredRun::default()
        }),
        ..Run::default()
    };
    Project::new(String::new(), vec![run], 0)
}

fn zone_only() -> Project {
    let form = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        devices: "2".into(),
        duration: "10".into(),
        location: LocationMode::Zone,
        zone: "FR".into(),
        ..FormState::default()
    };
    Project::new("Zone run".into(), vec![Run { form, ..Run::default() }], 0)
}

fn all_projects() -> Vec<(&'static str, Project)> {
    vec![
        ("h100", h100()),
        ("multi-run", multi()),
        ("llm", llm(true)),
        ("llm-no-serving", llm(false)),
        ("measured", measured()),
        ("zone", zone_only()),
    ]
}

// ---------------------------------------------------------------------------
// Snapshots (the same rules as statements.rs: a missing or different file fails).

fn check_snapshot(name: &str, actual: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.txt"));
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("write snapshot");
        return None;
    }
    match std::fs::read_to_string(&path) {
        Err(_) => Some(format!("{name}: snapshot {} is missing (UPDATE_SNAPSHOTS=1 creates it)", path.display())),
        Ok(expected) if expected == actual => None,
        Ok(expected) => {
            let (n, (e, a)) = expected
                .lines()
                .chain(std::iter::repeat(""))
                .zip(actual.lines().chain(std::iter::repeat("")))
                .enumerate()
                .find(|(_, (e, a))| e != a)
                .unwrap_or((0, ("", "")));
            Some(format!("{name}: differs at line {}:\n  expected: {e}\n  actual:   {a}", n + 1))
        }
    }
}

#[test]
fn snapshots_of_a_project_that_fills_every_item() {
    let p = llm(true);
    let failures: Vec<String> =
        TARGETS.iter().filter_map(|f| check_snapshot(&format!("llm.{}", f.key()), &render(*f, &p))).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// Keys, names, dispatch.

#[test]
fn every_format_has_a_key_a_file_and_a_type() {
    let mut files = Vec::new();
    for f in Format::ALL {
        assert_eq!(Format::from_key(f.key()), Some(f), "{}", f.key());
        assert!(!f.label().is_empty() && !f.description().is_empty() && f.mime().contains("charset=utf-8"));
        assert!(!files.contains(&f.file_name()), "{} reuses a file name", f.key());
        files.push(f.file_name());
    }
    assert_eq!(Format::from_key("model-card"), Some(Format::HfCard));
    assert_eq!(Format::from_key("climate-latex"), Some(Format::ClimateLatex));
    assert_eq!(Format::from_key("ACL-C1"), Some(Format::Acl));
    assert_eq!(Format::Boamps.mime(), "application/json;charset=utf-8");
    assert_eq!(Format::HfCard.file_name(), "README.md");
}

// ---------------------------------------------------------------------------
// What every target states.

#[test]
fn every_target_states_the_basis_the_data_version_and_how_each_figure_is_known() {
    for (name, p) in all_projects() {
        for f in TARGETS {
            let s = render(f, &p);
            assert!(s.contains("location-based"), "{name}.{}: no basis", f.key());
            assert!(s.contains(DATA_VERSION), "{name}.{}: no data version", f.key());
            let how = if name == "measured" { "measured" } else { "estimated" };
            assert!(s.contains(how), "{name}.{}: does not say the figures are {how}", f.key());
            for banned in ["offset", "carbon neutral", "net zero", "market-based emissions"] {
                assert!(!s.to_lowercase().contains(banned), "{name}.{}: says {banned}", f.key());
            }
        }
    }
    // The manufacturing share is stated apart where the target has room for it.
    let s = render(Format::HfBody, &h100());
    assert!(
        s.contains("Manufacturing (embodied) share of the hardware, cradle-to-gate, reported apart: 14.41 kg"),
        "{s}"
    );
    assert!(s.contains("not included in Carbon Emitted"), "{s}");
    let s = render(Format::LatexRuns, &h100());
    assert!(
        s.contains("Manufacturing (embodied), cradle-to-gate, reported apart} & \\begin{tabular}[t]{@{}r@{}}14.41\\\\\\footnotesize (3.167--22.42)"),
        "{s}"
    );
}

// ---------------------------------------------------------------------------
// NeurIPS and ACL.

#[test]
fn neurips_answers_yes_with_the_compute_beyond_the_reported_experiments() {
    let s = render(Format::Neurips, &multi());
    assert!(
        s.contains("    \\item[] Answer: \\answerYes{}\n    \\item[] Justification: Appendix~\\ref{app:compute}"),
        "{s}"
    );
    // Exploration 5 × 1 device × 10 h = 50, search 20 × 4 × 6 h = 480: 530 of 22,037 device-hours
    // (+ 64 × 336 h = 21,504 and the measured 1 × 3.2 h); 530 / 22,037 = 2.405 %.
    assert!(s.contains("took 530 device-hours (2.41 \\% of the project's device-hours)"), "{s}");
    assert!(s.contains("Total compute: 28 runs, 22,037 device-hours"), "{s}");
    assert!(s.contains("\\section{Compute resources}\\label{app:compute}"), "{s}");
    // Serving has no device-hours, so the share of the whole project is by energy:
    // (240.54 + 14,073.66) / 14,073.66 kWh = 1.0171.
    assert!(s.contains("the full project used 1.02$\\times$ the energy of the reported experiments"), "{s}");
    // Every run with a device count: the share is by device-hours. 50 × 8 × 2 h = 800 and 64 × 24 h
    // = 1,536 beside 8.4e22 / (989e12 × 0.4) / 3600 = 58,982.1: (2,336 + 58,982.1) / 58,982.1 = 1.0396.
    let s = render(Format::Neurips, &llm(false));
    assert!(s.contains("the full project used 1.04$\\times$ the device-hours of the reported experiments"), "{s}");
    assert!(s.contains("8.4 $\\times$ $10^{22}$ FLOP (6 $\\times$ parameters $\\times$ tokens)"), "{s}");
    // A single run: no overhead recorded, and the file says to add it if there was any.
    let s = render(Format::Neurips, &h100());
    assert!(s.contains("records no preliminary or failed experiments beyond the reported ones"), "{s}");
    assert!(s.contains("% 4. The checklist asks whether the full project used more compute"), "{s}");
}

#[test]
fn acl_c1_gives_parameters_gpu_hours_and_infrastructure() {
    let s = render(Format::Acl, &llm(true));
    assert!(s.contains("Answer: Yes\n"), "{s}");
    assert!(s.contains("- Number of parameters: 7 billion (“Final 7B run”)"), "{s}");
    // 58,982.1 + 800 + 1,536 = 61,318 device-hours.
    assert!(s.contains("- Total computational budget: 61,318 GPU-hours"), "{s}");
    assert!(s.contains("of which 58,982 for the final training and fine-tuning and 2,336 for exploration"), "{s}");
    assert!(s.contains("256 × NVIDIA H100 SXM5 80GB in Amazon Web Services us-east-1"), "{s}");
    assert!(s.contains("Still to fill in: the section.\n"), "{s}");
    let s = render(Format::Acl, &h100());
    assert!(s.contains("Number of parameters: [to fill in"), "{s}");
    assert!(s.contains("- Total computational budget: 576 GPU-hours"), "{s}");
}

// ---------------------------------------------------------------------------
// Hugging Face.

fn yaml_grams(card_yaml: &str) -> f64 {
    let docs = yaml_rust2::YamlLoader::load_from_str(card_yaml).expect("valid YAML");
    let e = &docs[0]["co2_eq_emissions"]["emissions"];
    e.as_f64()
        .or_else(|| e.as_i64().map(|i| i as f64))
        .or_else(|| e.as_str().and_then(|s| s.parse().ok()))
        .expect("a number")
}

#[test]
fn the_card_body_fills_the_template_fields_and_states_the_grams_of_the_metadata() {
    for (name, p) in all_projects() {
        let card = render(Format::HfCard, &p);
        let (front, body) = card
            .strip_prefix("---\n")
            .and_then(|c| c.split_once("\n---\n"))
            .unwrap_or_else(|| panic!("{name}: no front matter"));
        assert_eq!(front.to_string() + "\n", render(Format::Hf, &p), "{name}: the front matter is the hf block");
        assert!(body.contains(&render(Format::HfBody, &p)), "{name}: the body is the hf-body section");
        let grams = yaml_grams(front);
        let mut at = 0;
        for field in hf_body::FIELDS {
            let line = format!("- **{field}:** ");
            let i = body[at..].find(&line).unwrap_or_else(|| panic!("{name}: no {field} after the previous field"));
            at += i + line.len();
        }
        let carbon =
            body.split("- **Carbon Emitted:** ").nth(1).expect("the field").split(" g CO2eq").next().expect("g");
        let stated: f64 = carbon.replace(',', "").parse().expect("grams");
        assert!((stated - grams).abs() <= 1e-9 * grams.abs().max(1.0), "{name}: body {stated} g, metadata {grams} g");
    }
    let s = render(Format::HfBody, &h100());
    for line in [
        "- **Hardware Type:** 8 × NVIDIA H100 SXM5 80GB\n",
        "- **Hours used:** 72 h (3 days) wall-clock (576 device-hours)\n",
        "- **Cloud Provider:** Amazon Web Services\n",
        "- **Compute Region:** us-east-1 (US East (N. Virginia)), US-VA, US\n",
        "- **Carbon Emitted:** 160,445 g CO2eq (160.4 kg; range 124.4–175.9 kg), location-based estimate\n",
        "- PUE: 1.14 (Amazon Web Services, 2025).\n",
        "- Grid: 349.1 gCO2eq/kWh (Virginia, lifecycle, Ember 2024); annual averages.\n",
    ] {
        assert!(s.contains(line), "no {line:?} in\n{s}");
    }
    let s = render(Format::HfBody, &zone_only());
    assert!(s.contains("- **Cloud Provider:** none stated (not a cloud region)\n"), "{s}");
}

// ---------------------------------------------------------------------------
// Climate performance model card.

#[test]
fn the_climate_card_fills_the_ledger_items_and_leaves_the_authors_items() {
    let s = render(Format::Climate, &multi());
    let rows: Vec<&str> = s.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| ---")).collect();
    // Two header rows and the eleven items.
    assert_eq!(rows.len(), 13, "{s}");
    assert!(s.contains("| 1. Is the resulting model publicly available? | Not recorded in the calculator: to be filled in by the authors (Yes/No) |"), "{s}");
    assert!(s.contains("| 10. Which positive environmental impact can be expected from this work? | Not recorded in the calculator: to be filled in by the authors |"), "{s}");
    // Final model = final training (4.792 t) + the measured fine-tuning (0.71 kg).
    assert!(s.contains("| 7. How much CO2eq was emitted to train the final model? | 4.793 t CO2eq (range 3.553–6.24 t), location-based, estimated and measured |"), "{s}");
    // All experiments = everything but serving: 4,936.9 − 90.65 kg.
    assert!(s.contains("| 8. How much CO2eq was emitted for all experiments? | 4.846 t CO2eq"), "{s}");
    // Serving: 1,000,000 requests × 0.3 Wh × PUE 1.11 × 272.2 g/kWh = 90.65 kg, 0.09065 g per request.
    assert!(s.contains("| 9. What is the average CO2eq emission for the inference of one sample? | 0.09065 g CO2eq per request, over 1,000,000 requests"), "{s}");
    let s = render(Format::Climate, &h100());
    assert!(s.contains("| 9. What is the average CO2eq emission for the inference of one sample? | Not known: no inference run in the ledger |"), "{s}");
    let tex = render(Format::ClimateLatex, &multi());
    assert!(
        tex.contains(
            "{\\raggedright 9. Average CO\\textsubscript{2}eq for inference per sample\\par} & {\\raggedright 0.09065 g CO\\textsubscript{2}eq per request"
        ),
        "{tex}"
    );
    assert!(tex.contains("\\begin{tabular}{@{}p{0.36\\linewidth}p{0.58\\linewidth}@{}}\n\\toprule"), "{tex}");
}

// ---------------------------------------------------------------------------
// EU AI Act.

#[test]
fn the_eu_block_is_a_draft_with_the_forms_units_and_precision() {
    let s = render(Format::EuAiAct, &h100());
    assert!(s.starts_with("# DRAFT"), "{s}");
    assert!(s.contains("**DRAFT, verify against the Commission's current form.**"), "{s}");
    // 72 h = 3.0 days; 8 × 72 h = 576 device-hours = 24 hardware-days.
    assert!(s.contains("| Training time (wall-clock) | 3.0 days (72 h) |"), "{s}");
    assert!(s.contains("| Training time (hardware) | 24 hardware-days (576 device-hours) |"), "{s}");
    assert!(s.contains("| – | \\< 1 month |"), "{s}");
    // 8 × 72 × 3600 × 989e12 × 0.4 = 8.2028e20 FLOP; MFU 20–60 %: 4.1e20–1.2e21.
    assert!(s.contains("8.2 × 10^20 FLOP (range 4.1 × 10^20 – 1.2 × 10^21), estimated; method: hardware-based"), "{s}");
    assert!(s.contains("| 10^20 FLOP |"), "{s}");
    // 459.648 kWh = 0.46 MWh; without the PUE 1.14: 403.2 kWh = 0.40 MWh.
    assert!(s.contains("0.46 MWh (range 0.36–0.50 MWh), estimated; boundary: facility energy: IT energy × PUE (1.14); IT energy alone 0.40 MWh"), "{s}");
    assert!(s.contains("wider than the 30 % error margin"), "{s}");
    assert!(s.contains("## Emissions (optional: not asked by the final form)"), "{s}");
    let s = render(Format::EuAiAct, &llm(true));
    assert!(
        s.contains("8.4 × 10^22 FLOP, estimated; method: architecture-based: 6 × parameters × training tokens"),
        "{s}"
    );
    assert!(s.contains("| 10^22 FLOP |"), "{s}");
    // 58,982 device-hours ÷ 256 devices = 230.4 h = 9.6 days; at MFU 60–20 %: ÷ 1.5 and × 2.
    assert!(s.contains("| Training time (wall-clock) | 9.6 days (230.4 h); derived from the compute at the assumed MFU (range 6.4–19 days) |"), "{s}");
    assert!(s.contains("Not in these figures: exploration, hyperparameter search and failed runs (51 runs"), "{s}");
    assert!(s.contains("N/A – no inference compute given"), "{s}");
    let s = render(Format::EuAiAct, &measured());
    assert!(s.contains("0.0015 MWh, measured; boundary: IT energy only (PUE 1: no data-centre overhead)"), "{s}");
    assert_eq!(emissions_core::statement::eu_ai_act::time_range(31.0), "1–3 months");
    assert_eq!(emissions_core::statement::eu_ai_act::time_range(200.0), "> 6 months");
}

// ---------------------------------------------------------------------------
// BoAmps.

#[test]
fn boamps_measures_add_up_and_intensity_and_quality_follow_the_range() {
    for (name, p) in all_projects() {
        let v: Value = serde_json::from_str(&render(Format::Boamps, &p)).expect("JSON");
        let t = project::evaluate(&p, data());
        let measures = v["measures"].as_array().expect("measures");
        assert_eq!(measures.len(), Facts::new(&p, &t).expect("facts").runs.len(), "{name}");
        let kwh: f64 = measures.iter().map(|m| m["powerConsumption"].as_f64().expect("kWh")).sum();
        assert!((kwh - t.energy_kwh.central).abs() <= 1e-7 * t.energy_kwh.central, "{name}: {kwh}");
        let ci = v["environment"]["powerSourceCarbonIntensity"].as_f64().expect("intensity");
        let kg = kwh * ci / 1000.0;
        assert!((kg - t.emissions_kg.central).abs() <= 1e-6 * t.emissions_kg.central, "{name}: {kg} kg");
        for key in ["taskStage", "taskFamily", "algorithms", "dataset"] {
            assert!(!v["task"][key].is_null(), "{name}: no task.{key}");
        }
        assert!(v["infrastructure"]["components"].as_array().is_some_and(|c| !c.is_empty()), "{name}");
        assert!(v.get("header").is_none(), "{name}: a header needs a report time");
    }
    let quality = |p: &Project| {
        let v: Value = serde_json::from_str(&render(Format::Boamps, p)).expect("JSON");
        v["quality"].as_str().expect("quality").to_string()
    };
    // 356.4–504 kWh around 459.6: −22.5 % / +9.7 %: medium (±25 %).
    assert_eq!(quality(&h100()), "medium");
    // Measured: no modelled range.
    assert_eq!(quality(&measured()), "high");
    // −25.1 % / +29 %: beyond ±25 %.
    assert_eq!(quality(&multi()), "low");
    let v: Value = serde_json::from_str(&render(Format::Boamps, &llm(true))).expect("JSON");
    assert_eq!(v["task"]["taskStage"], "training+inference");
    assert_eq!(v["task"]["nbRequest"], 2_000_000.0);
    assert_eq!(v["task"]["algorithms"][0]["parametersNumber"], 7.0);
    assert_eq!(v["infrastructure"]["infraType"], "publicCloud");
    assert_eq!(v["infrastructure"]["cloudProvider"], "aws");
    assert_eq!(v["environment"]["country"], "US");
    let v: Value = serde_json::from_str(&render(Format::Boamps, &measured())).expect("JSON");
    assert_eq!(v["measures"][0]["measurementMethod"], "codecarbon");
    assert_eq!(v["measures"][0]["version"], "3.3.2");
    assert_eq!(v["infrastructure"]["components"][0]["nbComponent"], 4);
}

// ---------------------------------------------------------------------------
// LaTeX.

fn cite_keys(latex: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for part in latex.split("\\citep{").skip(1) {
        let inside = part.split('}').next().unwrap_or_default();
        keys.extend(inside.split(',').map(|k| k.trim().to_string()));
    }
    keys
}

#[test]
fn latex_targets_list_their_packages_and_cite_only_the_statements_entries() {
    for (name, p) in all_projects() {
        let bib = render(Format::Bibtex, &p);
        for f in [Format::LatexRuns, Format::ClimateLatex, Format::Neurips] {
            let s = render(f, &p);
            if f != Format::Neurips {
                assert!(s.contains("%   \\usepackage{booktabs} % "), "{name}.{}: booktabs not listed", f.key());
                assert!(s.contains("\\toprule") && s.contains("\\bottomrule"), "{name}.{}", f.key());
            }
            let keys = cite_keys(&s);
            assert!(!keys.is_empty(), "{name}.{}: cites nothing", f.key());
            for k in keys {
                assert!(bib.contains(&format!("{{{k},")), "{name}.{}: \\citep{{{k}}} is not in the .bib", f.key());
            }
            // Braces balance outside comments.
            let code: String = s.lines().filter(|l| !l.starts_with('%')).collect::<Vec<_>>().join("\n");
            let depth = code.chars().fold(0i64, |d, c| match c {
                '{' => d + 1,
                '}' => d - 1,
                _ => d,
            });
            assert_eq!(depth, 0, "{name}.{}: unbalanced braces", f.key());
        }
    }
    let s = render(Format::LatexRuns, &multi());
    // One unit per column, from the total (14,314 kWh, 4,937 kg); each range under its value.
    let stack =
        |top: &str, bottom: &str| format!("\\begin{{tabular}}[t]{{@{{}}r@{{}}}}{top}\\\\{bottom}\\end{{tabular}}");
    let header = format!(
        "Phase & Runs & {} & {} & {} & Figures \\\\",
        stack("Device-", "hours"),
        stack("Energy", "(kWh)"),
        stack("Emissions", "(kg CO\\textsubscript{2}eq)")
    );
    assert!(s.contains(&header), "{s}");
    let row = format!(
        "Hyperparameter search & 20 & 480 & {} & {} & estimated \\\\",
        stack("205.4", "\\footnotesize (174.6--205.4)"),
        stack("52.04", "\\footnotesize (44.23--52.04)")
    );
    assert!(s.contains(&row), "{s}");
    assert!(s.contains("Fine-tuning & 1 & 3.2 & 12.5 & 0.71 & measured \\\\"), "{s}");
    assert!(s.contains("Inference and serving & 1 & -- & 333 & 90.65 & estimated \\\\"), "{s}");
    let total = format!(
        "Total & 28 & 22,037$^\\dagger$ & {} & {} & both \\\\",
        stack("14,314", "\\footnotesize (10,720--18,471)"),
        stack("4,937", "\\footnotesize (3,689--6,385)")
    );
    assert!(s.contains(&total), "{s}");
}

// ---------------------------------------------------------------------------
// The README's examples.

/// `<!-- excerpt of: KEY, PROJECT -->` before a fenced block: each of its lines
/// must be a line (or the start of a line) of that output.
#[test]
fn the_readme_examples_are_excerpts_of_real_output() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).expect("README");
    let lines: Vec<&str> = readme.lines().collect();
    let mut seen = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("<!-- excerpt of: ").and_then(|r| r.strip_suffix(" -->")) else { continue };
        let (key, project) = rest.split_once(", ").expect("KEY, PROJECT");
        let f = Format::from_key(key).unwrap_or_else(|| panic!("README line {}: no format {key}", i + 1));
        let p = match project {
            "h100" => h100(),
            "multi-run" => multi(),
            other => panic!("README line {}: no project {other}", i + 1),
        };
        let out = render(f, &p);
        let open = i + 1;
        assert!(lines[open].starts_with("```"), "README line {}: a fenced block must follow", i + 1);
        for (k, shown) in lines[open + 1..].iter().take_while(|l| !l.starts_with("```")).enumerate() {
            let shown = shown.trim_end_matches('…');
            assert!(
                out.lines().any(|l| l.starts_with(shown.trim_end()) || l.contains(shown.trim())),
                "README line {}: not in the {key} output of {project}: {shown}\n{out}",
                open + 2 + k
            );
        }
        seen.push(f);
    }
    for f in TARGETS {
        assert!(seen.contains(&f), "the README shows no example of {}", f.key());
    }
}

#[test]
fn a_card_carries_no_unicode_noncharacter_anywhere() {
    // PyYAML refuses a whole card for one U+FFFE in the YAML; the body drops them too.
    let name = "GPU\u{FFFE}X\u{FFFF} \u{FDD0}\u{1FFFE}\u{10FFFF}";
    let form = FormState {
        hardware: "custom".into(),
        custom_name: name.into(),
        custom_power: "300".into(),
        location: LocationMode::Custom,
        custom_intensity: "100".into(),
        ..FormState::default()
    };
    let p = Project::new(name.into(), vec![Run { label: name.into(), form, ..Run::default() }], 0);
    for f in [Format::HfCard, Format::HfBody] {
        let s = render(f, &p);
        let bad: Vec<char> =
            s.chars().filter(|c| (0xFDD0..=0xFDEF).contains(&(*c as u32)) || (*c as u32) & 0xFFFE == 0xFFFE).collect();
        assert!(bad.is_empty(), "{}: {bad:?}", f.key());
        assert!(s.contains("GPUX"), "{}", f.key());
    }
}

#[test]
fn the_eu_inference_item_reports_inference_compute_only_when_a_run_gives_it() {
    let mut p = h100();
    p.push(Run {
        label: "Serving on H100".into(),
        phase: Phase::Inference,
        form: FormState { duration: "10".into(), ..aws("1") },
        ..Run::default()
    });
    let s = render(Format::EuAiAct, &p);
    // 1 × 10 h × 3600 × 989e12 × 0.4 = 1.4242e19 FLOP (MFU 20–60 %: 7.1e18–2.1e19).
    assert!(s.contains("| Benchmarked amount of computation used for inference (FLOPs) | 1.4 × 10^19 FLOP (range 7.1 × 10^18 – 2.1 × 10^19), estimated, for the ledger's inference runs over their whole duration, not a benchmark task"), "{s}");
    // The training items are the training run's alone.
    assert!(s.contains("| Training time (hardware) | 24 hardware-days (576 device-hours) |"), "{s}");
}

#[test]
fn every_format_is_in_exactly_one_destination() {
    use emissions_core::output::{Destination, Format};
    for f in Format::ALL {
        let holders: Vec<Destination> = Destination::ALL.into_iter().filter(|d| d.formats().contains(&f)).collect();
        assert_eq!(holders.len(), 1, "{} is in {holders:?}", f.key());
        assert_eq!(Destination::of(f), holders[0]);
    }
    let n: usize = Destination::ALL.iter().map(|d| d.formats().len()).sum();
    assert_eq!(n, Format::ALL.len());
}
