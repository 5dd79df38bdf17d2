//! Writes the Hugging Face YAML block (`--format hf`) of a few projects made to
//! break its readers, for `scripts/consumers/hf_cards_test.py` (run by
//! `scripts/test.sh`): tiny, zero and huge emissions, a hostile name, inference
//! only, an ordinary run and a five-phase project; each as the YAML block and
//! as a whole card.
//!
//!     cargo run -q -p emissions-core --example hf_cards OUTDIR
//!
//! OUTDIR gets one `NAME.yaml` per project (`--format hf`), one `NAME.md` (the
//! whole model card of `--format hf-card`: that YAML as front matter and the
//! "Environmental Impact" section) and `expected.json`: for each file, the
//! grams the Hub's emissions filter must read (`filter_reads`, the value as
//! written: six significant digits), the unrounded grams (`true_grams`), the
//! `training_type` (null: left out), where it matters the `hardware_used`, and
//! for a card `"body": true` (its section must state the same grams).

use emissions_core::form::{FormState, LocationMode};
use emissions_core::output::{render_project, Format};
use emissions_core::project::{self, MeasuredRun, PerRequest, Phase, Project, Run, RunKind};
use emissions_core::statement::hf;
use emissions_core::Dataset;
use serde_json::{json, Value};
use std::path::PathBuf;

/// A device of `watts` W for `hours` h on a grid of `intensity` g/kWh, PUE 1.
fn custom(name: &str, watts: &str, hours: &str, intensity: &str) -> FormState {
    FormState {
        hardware: "custom".into(),
        custom_name: name.into(),
        custom_power: watts.into(),
        devices: "1".into(),
        duration: hours.into(),
        utilization: "100".into(),
        location: LocationMode::Custom,
        custom_intensity: intensity.into(),
        pue: "1".into(),
        ..FormState::default()
    }
}

fn one(form: FormState) -> Project {
    Project::new(String::new(), vec![Run { form, ..Run::default() }], 0)
}

fn measured(kg: f64, repeat: &str) -> Project {
    let run = Run {
        label: "Tracked".into(),
        repeat: repeat.into(),
        kind: RunKind::Measured(MeasuredRun {
            energy_kwh: kg * 2.0,
            emissions_kg: kg,
            duration_h: 1.0,
            source: "CodeCarbon emissions.csv, line 2".into(),
            location: "France".into(),
            hardware: "1 x NVIDIA A100-SXM4-80GB".into(),
            ..MeasuredRun::default()
        }),
        ..Run::default()
    };
    Project::new(String::new(), vec![run], 0)
}

/// Non-characters (U+FFFE, U+FFFF, U+FDD0, U+1FFFE, U+10FFFF), characters YAML
/// does not allow raw (C0, DEL, C1, a byte-order mark), a line separator, a
/// quote, a comment and a key: in a run's name and in its device's name.
const HOSTILE: &str =
    "GPU\u{FFFE}X\u{FFFF} \u{FDD0}\u{FDEF}\u{1FFFE}\u{10FFFF}\"q\" # c: d\u{1}\u{7F}\u{85}\u{9F}\u{FEFF}\u{2028}e";
/// What is left of it in `hardware_used` (one line: controls and separators as
/// spaces, runs of spaces as one).
const HOSTILE_CLEANED: &str = "GPUX \"q\" # c: d e";

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: hf_cards OUTDIR");
        std::process::exit(2);
    };
    let data = match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let aws = FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "8".into(),
        duration: "72".into(),
        provider: "aws".into(),
        region: "us-east-1".into(),
        ..FormState::default()
    };
    let hostile_runs = vec![
        Run { label: HOSTILE.into(), form: custom(HOSTILE, "300", "1", "100"), ..Run::default() },
        Run { label: format!("2 {HOSTILE}"), form: custom(HOSTILE, "300", "2", "100"), ..Run::default() },
    ];
    let serving = Run {
        label: "Serving".into(),
        phase: Phase::Inference,
        form: aws.clone(),
        kind: RunKind::PerRequest(PerRequest { basis: "ML.ENERGY leaderboard".into(), ..PerRequest::default() }),
        ..Run::default()
    };
    // (file name, project, the training_type the card must carry (None: left
    // out), its hardware_used where it matters)
    let pre = Some("pre-training");
    let cards: Vec<(&str, Project, Option<&str>, Option<&str>)> = vec![
        ("ordinary", one(aws), pre, None),
        // Five phases, a measured and a per-request run: the card's body lists them all.
        (
            "multi-run",
            emissions_core::export::import_json(include_str!("../tests/fixtures/multi-run.json"))
                .expect("the fixture imports")
                .project,
            pre,
            None,
        ),
        // 1 W for 0.001 h at 10 g/kWh: 1e-5 g (what the CLI wrote as 0.00001).
        ("tiny-1e-5", one(custom("tiny", "1", "0.001", "10")), pre, None),
        ("tiny-2.5e-5", one(custom("tiny", "1", "0.001", "25")), pre, None),
        ("just-1e-4", one(custom("tiny", "1", "0.001", "100")), pre, None),
        ("zero", one(custom("zero", "300", "1", "0")), pre, None),
        // 1.5e14 kg = 1.5e17 g: Python prints the float 1.5e+17.
        ("huge-1.5e17", measured(1.5e14, "1"), pre, None),
        // 1e12 kg × 1,000,000 runs = 1e21 g.
        ("huge-1e21", measured(1e12, "1000000"), pre, None),
        ("hostile-name", Project::new(HOSTILE.into(), hostile_runs, 0), pre, Some(HOSTILE_CLEANED)),
        ("inference-only", Project::new(String::new(), vec![serving], 0), None, None),
    ];
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }
    let mut expected = serde_json::Map::new();
    for (name, p, training, hardware) in cards {
        for (format, ext) in [(Format::Hf, "yaml"), (Format::HfCard, "md")] {
            let text = match render_project(format, &p, data) {
                Ok(y) => y,
                Err(e) => {
                    eprintln!("{name}: {e}");
                    std::process::exit(1);
                }
            };
            let path = dir.join(format!("{name}.{ext}"));
            if let Err(e) = std::fs::write(&path, &text) {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
            let totals = project::evaluate(&p, data);
            let kg = totals.emissions_kg.central;
            let mut e = json!({
                "filter_reads": hf::grams(kg).parse::<f64>().unwrap_or(f64::NAN),
                "true_grams": kg * 1000.0,
                "training_type": training,
            });
            if let Some(h) = hardware {
                e["hardware_used"] = json!(format!("1 × {h}"));
            }
            if format == Format::HfCard {
                e["body"] = json!(true);
            }
            expected.insert(format!("{name}.{ext}"), e);
            println!("{}", path.display());
        }
    }
    let path = dir.join("expected.json");
    let text = serde_json::to_string_pretty(&Value::Object(expected)).expect("plain data serializes");
    if let Err(e) = std::fs::write(&path, text + "\n") {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}
