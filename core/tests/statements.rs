//! Statements in every format: snapshots, the facts each must name, accurate
//! wording, escaping of hostile text (checked with a Markdown parser and a
//! YAML parser), and the JSON export → import round trip.
//!
//! Snapshots are plain files in `core/tests/snapshots/`, compared exactly. A
//! missing or different snapshot FAILS; to accept new output on purpose run
//! `UPDATE_SNAPSHOTS=1 cargo test -p emissions-core --test statements` and
//! review the diff in git.

use emissions_core::data::Dataset;
use emissions_core::export::{self, import_json};
use emissions_core::form::FormState;
use emissions_core::job::validate;
use emissions_core::output::{self, Format};
use emissions_core::project::{self, MeasuredRun, Phase, Project, Run, RunKind};
use emissions_core::statement::{self, escape};
use emissions_core::DATA_VERSION;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::PathBuf;

fn data() -> &'static Dataset {
    match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => panic!("embedded tables do not parse: {e}"),
    }
}

fn render(format: Format, p: &Project) -> String {
    match output::render_project(format, p, data()) {
        Ok(s) => s,
        Err(e) => panic!("no {} statement: {e}", format.key()),
    }
}

// ---------------------------------------------------------------------------
// Projects used below.

const CASES: &str = include_str!("../../tests/cases.json");
const MULTI: &str = include_str!("fixtures/multi-run.json");

fn case_form(i: usize) -> FormState {
    let v: serde_json::Value = serde_json::from_str(CASES).expect("tests/cases.json parses");
    serde_json::from_value(v["cases"][i]["form"].clone()).expect("case form")
}

fn one_run(name: &str, form: FormState) -> Project {
    Project::new(name.into(), vec![Run { form, ..Run::default() }], 0)
}

fn multi() -> Project {
    import_json(MULTI).expect("fixture imports").project
}

fn gcp_with_host() -> Project {
    let form = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        devices: "4".into(),
        duration: "3".into(),
        unit: emissions_core::form::DurationUnit::Days,
        provider: "gcp".into(),
        region: "us-central1".into(),
        host: true,
        cpu_cores: "32".into(),
        memory_gb: "256".into(),
        ..FormState::default()
    };
    let mut p = one_run("Vision transformer (ViT-B/16)", form);
    p.run_mut(0).expect("run").phase = Phase::FineTuning;
    p
}

fn measured() -> Project {
    let mut p = one_run("", FormState::default());
    p.run_mut(0).expect("run").kind = RunKind::Measured(MeasuredRun {
        energy_kwh: 1.5,
        emissions_kg: 0.6,
        duration_h: 3.0,
        source: "CodeCarbon emissions.csv, line 12".into(),
        location: "France".into(),
        hardware: "1 x NVIDIA A100-SXM4-80GB".into(),
        ..MeasuredRun::default()
    });
    p
}

fn all_projects() -> Vec<(&'static str, Project)> {
    vec![
        ("aws-h100", one_run("", case_form(0))),
        ("cpu-france", one_run("Green Algorithms check", case_form(1))),
        ("custom-hostile", one_run(HOSTILE, case_form(2))),
        ("gcp-host", gcp_with_host()),
        ("measured", measured()),
        ("multi-run", multi()),
    ]
}

/// Every special character of every format, control characters, a line
/// separator, a bidi override, an HTML tag, a YAML key and a LaTeX command.
const HOSTILE: &str = "Evil \\input{/etc/passwd} {x} $5 & #1 ^2 _a 50% ~me *b* _i_ [l](http://x) <script>alert(1)</script> |t| `c` key: v # not a comment - 'q' \"dq\" \n--- \r\tnew\u{2028}line \u{202E}rtl Zoë ''x'' 中文 &amp; !`x` \u{0}";

// ---------------------------------------------------------------------------
// Snapshots.

fn snapshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.txt"))
}

/// Compare with the stored snapshot; with UPDATE_SNAPSHOTS=1, write it.
fn check_snapshot(name: &str, actual: &str) -> Option<String> {
    let path = snapshot_path(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create snapshots dir");
        }
        std::fs::write(&path, actual).expect("write snapshot");
        return None;
    }
    match std::fs::read_to_string(&path) {
        Err(_) => {
            Some(format!("{name}: snapshot {} is missing (run with UPDATE_SNAPSHOTS=1 to create it)", path.display()))
        }
        Ok(expected) if expected == actual => None,
        Ok(expected) => {
            let (n, (e, a)) = expected
                .lines()
                .chain(std::iter::repeat(""))
                .zip(actual.lines().chain(std::iter::repeat("")))
                .enumerate()
                .find(|(_, (e, a))| e != a)
                .unwrap_or((0, ("", "")));
            Some(format!(
                "{name}: differs from {} at line {}:\n  expected: {e}\n  actual:   {a}",
                path.display(),
                n + 1
            ))
        }
    }
}

#[test]
fn snapshots_of_every_format() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (name, p) in all_projects() {
        for f in Format::ALL {
            count += 1;
            if let Some(msg) = check_snapshot(&format!("{name}.{}", f.key()), &render(f, &p)) {
                failures.push(msg);
            }
        }
    }
    assert_eq!(count, 6 * Format::ALL.len());
    assert!(failures.is_empty(), "{} of {count} snapshots fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_missing_snapshot_fails() {
    if std::env::var("UPDATE_SNAPSHOTS").is_ok() {
        return;
    }
    let msg = check_snapshot("does-not-exist", "x").expect("a missing snapshot is a failure");
    assert!(msg.contains("missing"), "{msg}");
    let msg = check_snapshot("aws-h100.text", "something else").expect("a different snapshot is a failure");
    assert!(msg.contains("line 1"), "{msg}");
}

// ---------------------------------------------------------------------------
// Content and wording.

#[test]
fn every_statement_names_every_fact() {
    let p = one_run("", case_form(0));
    let facts = [
        "8 × NVIDIA H100 SXM5 80GB",
        "700 W each",
        "72 h",
        "100 % of rated power",
        "PUE) of 1.14 (Amazon Web Services, 2025",
        "349.1 gCO2eq/kWh for Virginia (Ember, 2024 [4])",
        "grid zone US-VA",
        "a lifecycle figure (state mix × Ember's US factors",
        "459.6 kWh (range 356.4–504 kWh)",
        "160.4 kg",
        "range 124.4–175.9 kg",
        "location-based",
        &format!("data version {DATA_VERSION}"),
    ];
    for f in [Format::Text, Format::Markdown] {
        let s = render(f, &p);
        for fact in facts {
            assert!(s.contains(fact), "{} lacks “{fact}”:\n{s}", f.key());
        }
    }
    let latex = render(Format::Latex, &p);
    for fact in [
        "8 $\\times$ NVIDIA H100~SXM5 80GB",
        "72~h",
        "100~\\% of rated power",
        "PUE) of 1.14~\\citep{mlec-pue-amazon-2025}",
        "349.1~gCO2eq/kWh for Virginia~\\citep{mlec-grid-ember-2024}",
        "US-VA",
        "459.6~kWh (range 356.4--504~kWh)",
        "\\textbf{160.4~kg} CO\\textsubscript{2}eq (range 124.4--175.9~kg",
        "location-based",
        &format!("data version {DATA_VERSION}"),
    ] {
        assert!(latex.contains(fact), "latex lacks “{fact}”:\n{latex}");
    }
    let hf = render(Format::Hf, &p);
    for fact in [
        "Location-based estimate: 160.4 kg CO2eq (range 124.4–175.9 kg); energy 459.6 kWh (range 356.4–504 kWh).",
        "459.6 kWh",
        "PUE 1.14 (Amazon Web Services, 2025)",
        "349.1 gCO2eq/kWh",
        &format!("data version {DATA_VERSION}"),
        "8 × NVIDIA H100 SXM5 80GB, 700 W each, 100 % utilization, 72 h",
    ] {
        assert!(hf.contains(fact), "hf lacks “{fact}”:\n{hf}");
    }
}

#[test]
fn hugging_face_fields_in_grams_and_parseable() {
    let p = one_run("", case_form(0));
    let docs = yaml_rust2::YamlLoader::load_from_str(&render(Format::Hf, &p)).expect("valid YAML");
    let co2 = &docs[0]["co2_eq_emissions"];
    let grams = co2["emissions"].as_f64().or_else(|| co2["emissions"].as_i64().map(|g| g as f64)).expect("a number");
    // 459.648 kWh × 349.06 g/kWh = 160.44473088 kg, six significant digits in grams.
    assert_eq!(grams, 160445.0);
    assert_eq!(co2["training_type"].as_str(), Some("pre-training"));
    assert_eq!(co2["hardware_used"].as_str(), Some("8 × NVIDIA H100 SXM5 80GB"));
    assert_eq!(
        co2["geographical_location"].as_str(),
        Some("Amazon Web Services us-east-1 (US East (N. Virginia)), US-VA, US")
    );
    assert!(co2["source"]
        .as_str()
        .is_some_and(|s| s.contains("ML Emissions Calculator") && s.contains("location-based")));
    // Fine-tuning maps to Hugging Face's "fine-tuning"; small values keep their digits.
    let docs = yaml_rust2::YamlLoader::load_from_str(&render(Format::Hf, &gcp_with_host())).expect("valid YAML");
    assert_eq!(docs[0]["co2_eq_emissions"]["training_type"].as_str(), Some("fine-tuning"));
    assert_eq!(statement::hf::grams(0.094151326464), "94.1513");
    assert_eq!(statement::hf::grams(4062.1), "4062100");
}

/// A device of `watts` W for 0.001 h on a grid of `intensity` g/kWh, PUE 1.
fn tiny_run(watts: &str, intensity: &str) -> Project {
    one_run(
        "",
        FormState {
            hardware: "custom".into(),
            custom_name: "tiny".into(),
            custom_power: watts.into(),
            devices: "1".into(),
            duration: "0.001".into(),
            utilization: "100".into(),
            location: emissions_core::form::LocationMode::Custom,
            custom_intensity: intensity.into(),
            pue: "1".into(),
            ..FormState::default()
        },
    )
}

#[test]
fn hugging_face_emissions_are_what_the_hub_filter_reads() {
    use statement::hf::emissions_yaml;
    // Plain decimal numbers where Python prints them without exponent (as
    // floats from 1e-4, as ints without a point at any size) ...
    assert_eq!(emissions_yaml(0.16044473088), ("160.445".into(), None));
    assert_eq!(emissions_yaml(1e-7), ("0.0001".into(), None));
    assert_eq!(emissions_yaml(1.5e14), ("150000000000000000".into(), None));
    assert_eq!(emissions_yaml(4936.8963), ("4936900".into(), None));
    // ... quoted text below 0.0001 g, for zero and from 1e21 g, each saying why.
    assert_eq!(
        emissions_yaml(1e-8),
        (
            "\"0.00001\"".into(),
            Some("emissions is written as text (0.00001 g): as a number, Python would hold 1e-05 and the Hub's emissions filter would read 1 g.".into())
        )
    );
    assert_eq!(emissions_yaml(2.5e-8).0, "\"0.000025\"");
    assert!(emissions_yaml(2.5e-8).1.is_some_and(|n| n.contains("hold 2.5e-05") && n.contains("read 2.5 g")));
    assert_eq!(
        emissions_yaml(0.0),
        (
            "\"0\"".into(),
            Some("emissions is written as text (0 g): the Hub's emissions filter skips a number 0, so the model would never be listed.".into())
        )
    );
    assert_eq!(emissions_yaml(1e18).0, "\"1000000000000000000000\"");
    assert_eq!(emissions_yaml(1.23456789e-15).0, "\"0.00000000000123457\"");

    // In the card: the YAML value, and the comment above the block.
    for (p, value) in [
        (tiny_run("1", "10"), yaml_rust2::Yaml::String("0.00001".into())),
        (tiny_run("1", "0"), yaml_rust2::Yaml::String("0".into())),
        (tiny_run("1", "100"), yaml_rust2::Yaml::Real("0.0001".into())),
    ] {
        let hf = render(Format::Hf, &p);
        let docs = yaml_rust2::YamlLoader::load_from_str(&hf).unwrap_or_else(|e| panic!("{e}\n{hf}"));
        assert_eq!(docs[0]["co2_eq_emissions"]["emissions"], value, "{hf}");
        assert_eq!(hf.contains("# emissions is written as text"), value.as_str().is_some(), "{hf}");
    }
}

#[test]
fn hugging_face_training_type_is_a_documented_value_or_left_out() {
    let keys = |hf: &str| -> Vec<String> {
        let docs = yaml_rust2::YamlLoader::load_from_str(hf).unwrap_or_else(|e| panic!("{e}\n{hf}"));
        let co2 = docs[0]["co2_eq_emissions"].as_hash().expect("a map").clone();
        co2.into_iter()
            .map(|(k, v)| format!("{}={}", k.as_str().unwrap_or("?"), v.as_str().unwrap_or("")))
            .filter(|kv| kv.starts_with("training_type"))
            .collect()
    };
    let mut serving = multi().runs().iter().find(|r| r.phase == Phase::Inference).expect("serving").clone();
    serving.label = "Serving".into();
    let only = Project::new(String::new(), vec![serving.clone()], 0);
    let hf = render(Format::Hf, &only);
    assert!(keys(&hf).is_empty(), "{hf}");
    assert!(hf.contains("# training_type is left out: these runs are inference (serving), and the Hub documents only \"pre-training\" and \"fine-tuning\".\n"), "{hf}");
    // With training runs the type is theirs, and the comment says the total includes serving.
    let mut runs = gcp_with_host().runs().to_vec();
    runs.push(serving);
    let hf = render(Format::Hf, &Project::new(String::new(), runs, 0));
    assert_eq!(keys(&hf), ["training_type=fine-tuning"], "{hf}");
    assert!(
        hf.contains("# The emissions include inference (serving) runs; training_type describes the training runs.\n")
    );
    for (name, p) in all_projects() {
        let hf = render(Format::Hf, &p);
        let k = keys(&hf);
        assert!(k == ["training_type=pre-training"] || k == ["training_type=fine-tuning"], "{name}: {k:?}");
    }
}

#[test]
fn hugging_face_output_has_no_noncharacter_or_character_yaml_forbids() {
    // PyYAML refuses a whole card for one raw U+FFFE, comments included.
    let hostile =
        "GPU\u{FFFE}X\u{FFFF} \u{FDD0}\u{FDEF}\u{1FFFE}\u{10FFFF}\"q\" # c: d\u{1}\u{7F}\u{85}\u{9F}\u{FEFF}\u{2028}e";
    let form = FormState { custom_name: hostile.into(), ..case_form(2) };
    let runs = vec![
        Run { label: hostile.into(), form: form.clone(), ..Run::default() },
        Run { label: format!("2 {hostile}"), form, ..Run::default() },
    ];
    let hf = render(Format::Hf, &Project::new(hostile.into(), runs, 0));
    let bad: Vec<String> = hf
        .chars()
        .filter(|&c| {
            let u = c as u32;
            let noncharacter = (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE;
            let printable =
                matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}') || u >= 0x10000;
            noncharacter || !printable || c == '\u{FEFF}'
        })
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{bad:?} in\n{hf}");
    let docs = yaml_rust2::YamlLoader::load_from_str(&hf).unwrap_or_else(|e| panic!("{e}\n{hf}"));
    assert_eq!(docs[0]["co2_eq_emissions"]["hardware_used"].as_str(), Some("4 × GPUX \"q\" # c: d e"));
    assert_eq!(hf.matches("Final training, “GPUX \"q\" # c: d e”: 4 × GPUX \"q\" # c: d e,").count(), 1, "{hf}");
}

#[test]
fn wording_is_location_based_and_never_offset() {
    for (name, p) in all_projects() {
        for f in Format::ALL {
            let s = render(f, &p).to_lowercase();
            // The .bib only lists references; a measured run is the tracker's figure.
            if f != Format::Bibtex && name != "measured" {
                assert!(s.contains("location-based"), "{name}.{}: no “location-based”", f.key());
            }
            for banned in
                ["offset", "carbon neutral", "carbon-neutral", "net zero", "net-zero", "market-based emissions"]
            {
                assert!(!s.contains(banned), "{name}.{}: says “{banned}”", f.key());
            }
        }
    }
    // Google's carbon-free energy share is stated apart, as market-based, not subtracted.
    let s = render(Format::Text, &gcp_with_host());
    assert!(s.contains("carbon-free energy (CFE) share of 87 %"), "{s}");
    assert!(s.contains("market-based figure"), "{s}");
    assert!(s.contains("not subtracted from the location-based emissions"), "{s}");
    // The CFE share changes nothing: emissions = energy × location-based intensity.
    let t = project::evaluate(&gcp_with_host(), data());
    let job = validate(&gcp_with_host().runs()[0].form, data()).expect("valid");
    assert_eq!(t.emissions_kg.central, t.energy_kwh.central * job.location.intensity_g_per_kwh / 1000.0);
}

#[test]
fn measured_runs_are_described_as_measured() {
    let s = render(Format::Text, &measured());
    assert!(s.contains("was measured with CodeCarbon emissions.csv, line 12"), "{s}");
    // No PUE recorded with this run (an export from before the importer kept it): unknown, not assumed.
    assert!(s.contains("1.5 kWh of electricity, data-centre overhead unknown (the file records no PUE), and 600 g CO2eq as reported by the tracker"), "{s}");
    assert!(!s.contains("range"), "a measured value has no modelled range: {s}");
    let m = render(Format::Markdown, &multi());
    assert!(m.contains("Fine-tuning, “Instruction tuning”: measured with CodeCarbon"), "{m}");
}

#[test]
fn multi_run_statements_give_phases_total_and_left_out_runs() {
    let mut p = multi();
    p.push(Run {
        label: "Crashed <run>".into(),
        phase: Phase::Failed,
        form: FormState { duration: "abc".into(), ..FormState::default() },
        ..Run::default()
    });
    let t = project::evaluate(&p, data());
    let s = render(Format::Text, &p);
    assert!(s.contains("28 runs in 5 phases"), "{s}");
    for phase in &t.phases {
        let line = format!("- {} ({} run", phase.phase.label(), phase.runs);
        assert!(s.contains(&line), "no line “{line}”:\n{s}");
    }
    assert!(
        s.contains(&format!("- Total (28 runs): {} CO2eq", emissions_core::format::mass_kg(t.emissions_kg.central))),
        "{s}"
    );
    assert!(s.contains("Left out because a field needs attention: one run (“Crashed <run>”)."), "{s}");
    let m = render(Format::Markdown, &p);
    assert!(m.contains("(“Crashed \\<run\\>”)"), "{m}");
    // The totals are the sum of the phases.
    let sum: f64 = t.phases.iter().map(|p| p.emissions_kg.central).sum();
    assert!((sum - t.emissions_kg.central).abs() < 1e-9 * sum);
}

#[test]
fn no_statement_without_a_valid_run_but_json_export_works() {
    let p = one_run("", FormState { devices: "0".into(), ..FormState::default() });
    let e = output::render_project(Format::Latex, &p, data()).expect_err("no valid run");
    assert_eq!(e.to_string(), "No statement yet: the run has a field that needs attention.");
    let json = render(Format::Json, &p);
    let back = import_json(&json).expect("an invalid state still round-trips");
    assert_eq!(back.project, p);
    assert!(json.contains("\"status\": \"invalid\""));
    assert!(json.contains("Number of devices must be at least 1."));
}

#[test]
fn latex_cites_exactly_the_bibtex_entries() {
    for (name, p) in all_projects() {
        let latex = render(Format::Latex, &p);
        let bib = render(Format::Bibtex, &p);
        let mut cited: Vec<String> = latex
            .split("\\citep{")
            .skip(1)
            .flat_map(|s| s.split('}').next().unwrap_or("").split(',').map(str::to_string).collect::<Vec<_>>())
            .collect();
        cited.sort();
        cited.dedup();
        let mut keys: Vec<String> = bib
            .lines()
            .filter_map(|l| l.strip_prefix('@'))
            .filter_map(|l| l.split_once('{'))
            .map(|(_, k)| k.trim_end_matches(',').to_string())
            .collect();
        keys.sort();
        assert_eq!(cited, keys, "{name}");
        // BibTeX counts every brace: they must balance in every entry.
        let depth = bib.chars().try_fold(0i32, |d, c| {
            let d = d + i32::from(c == '{') - i32::from(c == '}');
            (d >= 0).then_some(d)
        });
        assert_eq!(depth, Some(0), "{name}: unbalanced braces in the .bib");
    }
}

// ---------------------------------------------------------------------------
// Escaping of hostile text.

/// Tokens `escape::latex` may produce; anything else must be inert text.
const LATEX_TOKENS: [&str; 36] = [
    "\\textbackslash{}",
    "\\{",
    "\\}",
    "\\$",
    "\\&",
    "\\#",
    "\\%",
    "\\_",
    "\\textasciicircum{}",
    "\\textasciitilde{}",
    "\\textless{}",
    "\\textgreater{}",
    "\\textbar{}",
    "\\textquotedbl{}",
    "\\textasciigrave{}",
    "{[}",
    "{]}",
    "-{}",
    "'{}",
    ",{}",
    "!{}",
    "?{}",
    "$\\times$",
    "$\\div$",
    "$\\pm$",
    "$\\leq$",
    "$\\geq$",
    "$\\approx$",
    "$\\rightarrow$",
    "\\dots{}",
    "\\textbullet{}",
    "\\texteuro{}",
    "\\texttrademark{}",
    "\\textsubscript{2}",
    "\\textbraceleft{}",
    "\\textbraceright{}",
];

/// Panics unless `out` (escaped from some input) is inert in LaTeX text mode.
fn assert_latex_inert(input: &str, out: &str) {
    assert!(!out.contains('\n') && !out.contains('\r'), "newline in {out:?} (from {input:?})");
    // Typographic input (“ ” –) maps to ligatures on purpose; plain ASCII never forms one.
    if input.is_ascii() {
        for lig in ["--", "''", ",,", "``", "!`", "?`"] {
            assert!(!out.contains(lig), "ligature {lig} in {out:?} (from {input:?})");
        }
    }
    let mut rest = out;
    while let Some(c) = rest.chars().next() {
        if let Some(t) = LATEX_TOKENS.iter().find(|t| rest.starts_with(**t)) {
            rest = &rest[t.len()..];
            continue;
        }
        assert!(!"\\{}$&#^_%~[]<>|\"".contains(c), "raw {c:?} in {out:?} (from {input:?})");
        assert!(
            (' '..='~').contains(&c) || ('\u{A1}'..='\u{17F}').contains(&c),
            "{c:?} cannot be typeset by pdfLaTeX with T1, in {out:?}"
        );
        rest = &rest[c.len_utf8()..];
    }
}

#[test]
fn latex_escapes_every_special_character() {
    for s in [HOSTILE, "\\ { } $ & # ^ _ % ~", "--x--", "''", "a\\b", "}{", "[opt]", "!`?`", "\\\\", "%comment\nnext"] {
        assert_latex_inert(s, &escape::latex(s));
    }
    assert_eq!(
        escape::latex("\\ { } $ & # ^ _ % ~"),
        "\\textbackslash{} \\{ \\} \\$ \\& \\# \\textasciicircum{} \\_ \\% \\textasciitilde{}"
    );
    // In a whole statement, the hostile project and device names stay text.
    let latex = render(
        Format::Latex,
        &one_run(HOSTILE, FormState { custom_name: HOSTILE.chars().take(79).collect(), ..case_form(2) }),
    );
    assert!(latex.contains("Evil \\textbackslash{}input\\{/etc/passwd\\}"), "{latex}");
    assert!(!latex.contains("\\input{"), "{latex}");
}

/// Render Markdown to events and check that `escaped` is plain text equal to `text`.
fn assert_markdown_literal(text: &str, escaped: &str) {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_MATH);
    opts.insert(Options::ENABLE_GFM);
    opts.insert(Options::ENABLE_FOOTNOTES);
    let mut got = String::new();
    for ev in Parser::new_ext(escaped, opts) {
        match ev {
            Event::Text(t) => got.push_str(&t),
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            other => panic!("{escaped:?} (from {text:?}) is not plain text: {other:?}"),
        }
    }
    assert_eq!(got, text, "from {escaped:?}");
}

#[test]
fn markdown_escapes_every_special_character() {
    for s in [
        HOSTILE,
        "*bold* _it_ **x** __y__",
        "[link](http://evil) ![img](x.png) <http://auto>",
        "<b>html</b> <!-- c --> &amp; &#65;",
        "| a | b |",
        "`code` ``x``",
        "# heading",
        "- item",
        "+ item",
        "1. item",
        "2) item",
        "> quote",
        "~~strike~~ $math$ $$x$$",
        "\\*already\\*",
        "===",
        "[^1]",
        "[ ] task",
    ] {
        let clean = escape::clean(s);
        assert_markdown_literal(&clean, &escape::markdown(&clean));
    }
    // The hostile name in a whole Markdown statement: no HTML, link or emphasis.
    let md = render(Format::Markdown, &one_run(HOSTILE, case_form(2)));
    let html = {
        let mut h = String::new();
        pulldown_cmark::html::push_html(&mut h, Parser::new_ext(&md, Options::all()));
        h
    };
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("href=\"http://x\""), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
}

fn yaml_value(s: &str) -> String {
    let doc = format!("k: {}\n", escape::yaml_string(s));
    let docs = yaml_rust2::YamlLoader::load_from_str(&doc).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
    docs[0]["k"].as_str().unwrap_or_else(|| panic!("{doc:?} is not a string")).to_string()
}

#[test]
fn yaml_strings_read_back_exactly() {
    for s in [
        HOSTILE,
        "a: b",
        "# c",
        "- d",
        "'e'",
        "\"f\"",
        "g\nh",
        "",
        "null",
        "true",
        "1e3",
        "~",
        "@x",
        "\u{85}\u{2028}\u{2029}\u{feff}\u{7f}\u{9f}",
    ] {
        assert_eq!(yaml_value(s), s);
    }
    // A hostile device name in the Hugging Face block: one value, no injected key.
    let name: String = HOSTILE.chars().take(79).collect();
    let p = one_run(HOSTILE, FormState { custom_name: name.clone(), ..case_form(2) });
    let hf = render(Format::Hf, &p);
    let docs = yaml_rust2::YamlLoader::load_from_str(&hf).unwrap_or_else(|e| panic!("{e}\n{hf}"));
    let co2 = &docs[0]["co2_eq_emissions"];
    assert_eq!(co2["hardware_used"].as_str(), Some(format!("4 × {}", escape::clean(&name)).as_str()));
    let keys: Vec<&str> = co2.as_hash().expect("a map").keys().filter_map(|k| k.as_str()).collect();
    assert_eq!(keys, ["emissions", "source", "training_type", "geographical_location", "hardware_used"]);
    assert_eq!(docs[0].as_hash().map(|h| h.len()), Some(1), "only co2_eq_emissions at the top:\n{hf}");
}

#[test]
fn json_export_keeps_hostile_text_exactly() {
    let mut p = one_run(HOSTILE, FormState { custom_name: HOSTILE.into(), ..case_form(2) });
    p.run_mut(0).expect("run").label = "\"quotes\" \\ \u{0}\u{1f} \u{2028} </script>".into();
    let json = render(Format::Json, &p);
    assert!(json.contains("\\u0000") && json.contains("\\\"quotes\\\""), "{json}");
    let back = import_json(&json).expect("imports");
    assert_eq!(back.project, p);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn latex_escaping_is_inert_for_any_text(s in any::<String>()) {
        assert_latex_inert(&s, &escape::latex(&s));
        assert_latex_inert(&s, &escape::bibtex(&s).replace("\\{", "").replace("\\}", ""));
    }

    #[test]
    fn latex_escaping_is_inert_for_special_soup(s in "[\\\\{}$&#^_%~<>|\"'`,!?\\[\\]*\\- a1\n]{0,40}") {
        assert_latex_inert(&s, &escape::latex(&s));
    }

    #[test]
    fn markdown_escaping_keeps_any_text_literal(s in "[\\\\*_\\[\\]()<>|#~$&!`{}=+\\-.:0-9 a-z\n]{0,40}") {
        let clean = escape::clean(&s);
        assert_markdown_literal(&clean, &escape::markdown(&clean));
    }

    #[test]
    fn yaml_strings_read_back_for_any_text(s in any::<String>()) {
        prop_assert_eq!(yaml_value(&s), s);
    }

    #[test]
    fn import_never_panics(s in any::<String>()) {
        let _ = import_json(&s);
    }

    #[test]
    fn import_never_panics_on_mangled_exports(cut in 0usize..4000, junk in "[\\[\\]{}\",:0-9a-z\\\\]{0,8}") {
        let json = render(Format::Json, &multi());
        let cut = cut.min(json.len());
        let cut = (0..=cut).rev().find(|i| json.is_char_boundary(*i)).unwrap_or(0);
        let mangled = format!("{}{}{}", &json[..cut], junk, &json[cut..]);
        let _ = import_json(&mangled);
    }
}

// ---------------------------------------------------------------------------
// Export → import.

#[test]
fn export_then_import_restores_the_same_state_and_numbers() {
    for (name, p) in all_projects() {
        let json = render(Format::Json, &p);
        let imported = import_json(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(imported.project, p, "{name}");
        assert!(imported.notes.is_empty(), "{name}: {:?}", imported.notes);
        assert_eq!(project::evaluate(&imported.project, data()), project::evaluate(&p, data()), "{name}");
        for f in Format::ALL {
            assert_eq!(render(f, &imported.project), render(f, &p), "{name}.{}", f.key());
        }
    }
}

#[test]
fn export_schema_carries_inputs_factors_sources_and_ranges() {
    let json = render(Format::Json, &one_run("", case_form(0)));
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["schema"], "ml-emissions-calculator/estimate");
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["data_version"], DATA_VERSION);
    assert_eq!(v["app_version"], emissions_core::APP_VERSION);
    assert_eq!(v["project"]["runs"][0]["form"]["devices"], "8");
    let r = &v["results"];
    assert_eq!(r["accounting"], "location-based");
    let job = validate(&case_form(0), data()).expect("valid");
    let e = job.estimate();
    assert_eq!(r["total"]["emissions_kg"]["central"].as_f64(), Some(e.emissions_kg.central));
    assert_eq!(r["total"]["emissions_kg"]["low"].as_f64(), Some(e.emissions_kg.low));
    assert_eq!(r["total"]["energy_kwh"]["high"].as_f64(), Some(e.energy_kwh.high));
    let f = &r["runs"][0]["factors"];
    assert_eq!(f["hardware"]["power_w"], 700.0);
    assert_eq!(f["hardware"]["source"]["year"], 2024);
    assert_eq!(f["pue"]["value"], 1.14);
    assert_eq!(f["pue"]["source"]["year"], 2025);
    assert_eq!(f["grid"]["intensity_g_per_kwh"], 349.06);
    assert_eq!(f["grid"]["zone_id"], "US-VA");
    assert_eq!(f["grid"]["source"]["name"], "Ember");
    assert_eq!(f["grid"]["source"]["title"], "US state electricity data and Yearly Electricity Data");
    assert_eq!(f["grid"]["intensity_basis"], "lifecycle");
    assert_eq!(f["grid"]["source"]["year"], 2024);
    assert_eq!(f["utilization"]["low"], 0.85);
    // Google regions: the zone's figure, Google's own beside it, and the market-based share apart.
    let v: serde_json::Value = serde_json::from_str(&render(Format::Json, &gcp_with_host())).expect("json");
    let g = &v["results"]["runs"][0]["factors"]["grid"];
    assert!(g["zone_id"].is_string());
    assert!(g["provider_figure"]["intensity_g_per_kwh"].is_number());
    assert_eq!(g["market_based"]["carbon_free_energy_share"], 0.87);
    assert!(g["market_based"]["note"].as_str().is_some_and(|n| n.contains("not subtracted")));
}

#[test]
fn import_explains_every_bad_file() {
    let s = export::SCHEMA;
    let long = "x".repeat(1001);
    let many = format!(
        "{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":{{\"runs\":[{}]}}}}",
        vec!["{}"; export::MAX_RUNS + 1].join(",")
    );
    let huge = " ".repeat(export::MAX_IMPORT_BYTES + 1);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(String, &str)> = vec![
        ("".into(), "Nothing to import"),
        ("   \n".into(), "Nothing to import"),
        ("hello".into(), "This is not valid JSON (line 1, column 1)"),
        ("{\"schema\": ".into(), "This is not valid JSON"),
        (deep, "This is not valid JSON"),
        ("[1, 2]".into(), "should be an object"),
        ("{}".into(), "it has no \"schema\""),
        ("{\"schema\": \"other/thing\"}".into(), "its schema is “other/thing”"),
        ("{\"schema\": \"\u{202e}x\\ny\"}".into(), "its schema is “x y”"),
        (format!("{{\"schema\":\"{s}\"}}"), "no valid \"schema_version\""),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":\"1\"}}"), "no valid \"schema_version\""),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":2,\"project\":{{}}}}"), "newer version of the calculator (schema version 2)"),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1}}"), "has no \"project\""),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":5}}"), "is not an object"),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":{{\"runs\":\"x\"}}}}"), "The project in this export cannot be read: The project: runs: expected a list of runs, found text “x”."),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":{{\"runs\":[{{\"phase\":\"lunch\"}}]}}}}"), "Run 1 (“Training run”): phase (Phase): expected one of \"exploration\", \"hyperparameter_search\", \"failed\", \"final_training\", \"fine_tuning\", \"inference\", found text “lunch”."),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":{{\"runs\":[{{\"form\":{{\"devices\":true}}}}]}}}}"), "Run 1 (“Training run”): devices (Number of devices): expected text such as \"1\", found true."),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":{{\"runs\":[]}}}}"), "has no runs (\"runs\" is empty)"),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":{{\"name\":\"{long}\"}}}}"), "longer than 1000 characters"),
        (many, "This export has 10,001 runs; a project holds at most 10,000 runs"),
        (huge, "This file is too large (100,000,001 bytes)"),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":{{\"runs\":[{{\"label\":\"m\",\"measured\":{{\"energy_kwh\":-1,\"emissions_kg\":1,\"duration_h\":1,\"source\":\"\",\"location\":\"\",\"hardware\":\"\"}}}}]}}}}"), "Run 1 (“m”): measured.energy_kwh (measured energy, kWh): expected a number between 0 and 1,000,000,000,000, found a number -1."),
        (format!("{{\"schema\":\"{s}\",\"schema_version\":1,\"project\":{{\"runs\":[{{\"measured\":{{\"energy_kwh\":1e400}}}}]}}}}"), "This is not valid JSON"),
    ];
    for (input, expected) in cases {
        match import_json(&input) {
            Ok(p) => panic!("{:?} imported: {:?}", input.chars().take(80).collect::<String>(), p),
            Err(e) => assert!(
                e.to_string().contains(expected),
                "{:?}\n  gave: {e}\n  want: {expected}",
                input.chars().take(80).collect::<String>()
            ),
        }
    }
}

#[test]
fn import_notes_another_data_version_and_fills_defaults() {
    let text = format!(
        "{{\"schema\":\"{}\",\"schema_version\":1,\"data_version\":\"2024.01\",\"project\":{{\"name\":\"n\",\"active\":9,\"runs\":[{{\"form\":{{\"devices\":\"2\"}}}}]}}}}",
        export::SCHEMA
    );
    let imported = import_json(&text).expect("imports");
    assert_eq!(imported.project.active(), 0, "active is clamped");
    assert_eq!(imported.project.runs()[0].form.devices, "2");
    assert_eq!(imported.project.runs()[0].form.hardware, FormState::default().hardware);
    assert_eq!(imported.notes.len(), 1);
    assert!(imported.notes[0].contains("data version 2024.01"), "{:?}", imported.notes);
    // A byte-order mark and surrounding whitespace are fine.
    let json = format!("\u{feff}\n{}\n", render(Format::Json, &multi()));
    assert_eq!(import_json(&json).expect("imports").project, multi());
}

#[test]
fn a_huge_project_lists_the_first_runs_and_counts_the_rest() {
    use emissions_core::project::Phase;
    let data = emissions_core::Dataset::embedded().expect("data");
    let mut csv = String::from("duration,emissions,energy_consumed\n");
    for i in 0..1000 {
        csv.push_str(&format!("3600,{},{}\n", 0.001 * f64::from(i), 0.002 * f64::from(i)));
    }
    let runs = emissions_core::codecarbon::parse_emissions_csv(&csv, Phase::HyperparameterSearch).expect("valid");
    let project = emissions_core::Project::new("sweep".into(), runs, 0);
    let text =
        emissions_core::output::render_project(emissions_core::output::Format::Text, &project, data).expect("renders");
    // 0.001 × (0 + … + 999) kg = 499.5 kg
    assert!(text.contains("1000 runs in 1 phase"), "{}", &text[..400]);
    assert!(text.contains("499.5 kg CO2eq"), "{}", &text[..400]);
    assert!(text.contains("… and 975 more runs, counted in the totals above; the JSON export lists every run."));
    assert_eq!(text.matches("measured with CodeCarbon").count(), emissions_core::statement::MAX_LISTED_RUNS);
    let hf =
        emissions_core::output::render_project(emissions_core::output::Format::Hf, &project, data).expect("renders");
    assert!(hf.contains("… and 975 more runs"));
    let json =
        emissions_core::output::render_project(emissions_core::output::Format::Json, &project, data).expect("renders");
    assert!(json.matches("\"measured\"").count() >= 1000, "the JSON export keeps every run");
}

#[test]
fn latex_citations_read_right_in_every_style() {
    for (name, p) in all_projects() {
        let latex = render(Format::Latex, &p);
        let body: String = latex.lines().filter(|l| !l.starts_with('%')).collect::<Vec<_>>().join("\n");
        // natbib's \citep prints "(Author, year)" or "[n]"; the text never writes them too.
        assert!(body.starts_with("\\providecommand{\\citep}{\\cite}"), "{name}: \\citep works without natbib");
        assert!(!body.contains("\\cite{"), "{name}: only \\citep");
        for piece in body.split("\\citep{").skip(1) {
            let keys = piece.split('}').next().unwrap_or("");
            assert!(keys.split(',').all(|k| k.starts_with("mlec-")), "{name}: namespaced keys: {keys}");
        }
        for (i, _) in body.match_indices("~\\citep{") {
            let before = &body[..i];
            let tail: String = before.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
            assert!(
                !tail.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == ','),
                "{name}: a year before a citation: …{tail}"
            );
        }
        assert!(latex.contains("%   \\usepackage{lmodern}"), "{name}");
        let bib = render(Format::Bibtex, &p);
        assert!(!bib.contains("howpublished"), "{name}: the URL is given once");
        for entry in bib.split("\n@").skip(1) {
            assert!(entry.contains("  author = {"), "{name}: every entry names an author or organisation:\n@{entry}");
        }
    }
}

#[test]
fn names_latex_cannot_print_are_warned_about() {
    let p = one_run("北京 cluster", case_form(0));
    let facts = emissions_core::statement::Facts::new(&p, &project::evaluate(&p, data())).expect("facts");
    let w = emissions_core::statement::latex::warnings(&facts);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("“北京 cluster”") && w[0].contains("(北, 京)"), "{}", w[0]);
    let latex = render(Format::Latex, &p);
    assert!(latex.lines().any(|l| l.starts_with("% Warning: ") && l.contains("XeLaTeX")), "{latex}");
    let plain = one_run("Zoë’s model", case_form(0));
    let facts = emissions_core::statement::Facts::new(&plain, &project::evaluate(&plain, data())).expect("facts");
    assert!(emissions_core::statement::latex::warnings(&facts).is_empty(), "T1 prints Zoë");
}

#[test]
fn latex_ties_numbers_to_units() {
    let latex = render(Format::Latex, &one_run("", case_form(0)));
    for tied in ["459.6~kWh", "700~W", "72~h", "100~\\%", "160.4~kg"] {
        assert!(latex.contains(tied), "{tied}:\n{latex}");
    }
    assert!(latex.contains("8 $\\times$ NVIDIA"), "no tie before a symbol");
}

#[test]
fn the_statement_names_the_grid_basis_and_a_zone_without_a_direct_figure() {
    // The default job is in Virginia, which publishes no direct figure.
    let mut p = one_run("Basis", FormState::default());
    let md = render(Format::Markdown, &p);
    assert!(md.contains("a lifecycle figure (state mix × Ember's US factors; grid zone US-VA)"), "{md}");
    p.grid_basis = emissions_core::data::Basis::Direct;
    let md = render(Format::Markdown, &p);
    assert!(
        md.contains(
            "a lifecycle figure (state mix × Ember's US factors; no direct figure is published for Virginia, so its lifecycle figure is used; grid zone US-VA)"
        ),
        "{md}"
    );
    // Quebec publishes one (ECCC NIR 2024, combustion): on the direct basis it is used and named.
    let qc =
        FormState { location: emissions_core::form::LocationMode::Zone, zone: "CA-QC".into(), ..FormState::default() };
    let mut p = one_run("Direct", qc);
    p.grid_basis = emissions_core::data::Basis::Direct;
    let md = render(Format::Markdown, &p);
    assert!(md.contains("1.2 gCO2eq/kWh for Quebec"), "{md}");
    assert!(md.contains(", a direct figure ("), "{md}");
    assert!(!md.contains("no direct figure"), "{md}");
}
