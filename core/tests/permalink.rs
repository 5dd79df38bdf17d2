//! Permalinks and saved sessions: exact round trips, plain notices for bad
//! links, and a decoder that never panics and always returns a valid project
//! (property tests over thousands of random and mutated inputs).

use emissions_core::data::Precision;
use emissions_core::form::{DurationUnit, FormState, JobBy, LocationMode, CUSTOM, NO_ACCELERATOR};
use emissions_core::permalink::{
    decode, decode_from, encode, v1_default_run, Decoded, Origin, MAX_NOTICES, MAX_RUNS, MAX_TEXT_CHARS,
};
use emissions_core::project::{MeasuredRun, PerRequest, Phase, Project, Run, RunKind, MAX_MEASURED};
use emissions_core::{validate, Dataset, DATA_VERSION};
use proptest::prelude::*;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("embedded tables parse")
}

fn run_texts(r: &Run) -> Vec<&str> {
    let f = &r.form;
    let mut t = vec![
        r.label.as_str(),
        &r.repeat,
        &f.hardware,
        &f.custom_name,
        &f.custom_power,
        &f.devices,
        &f.duration,
        &f.utilization,
        &f.provider,
        &f.region,
        &f.zone,
        &f.custom_intensity,
        &f.pue,
        &f.cpu,
        &f.cpu_cores,
        &f.cpu_power,
        &f.cpu_usage,
        &f.memory_gb,
    ];
    if let Some(m) = r.measured() {
        t.extend([m.source.as_str(), &m.location, &m.hardware]);
    }
    if let Some(p) = r.per_request() {
        t.extend([p.requests.as_str(), &p.wh_per_request, &p.basis]);
    }
    t
}

/// What "valid" means for a decoded project; panics with the reason otherwise.
fn assert_valid(d: &Decoded, input: &str) {
    let p = &d.project;
    assert!(!p.runs().is_empty() && p.len() <= MAX_RUNS, "run count {} for {input:?}", p.len());
    assert!(p.active() < p.len(), "active {} of {} for {input:?}", p.active(), p.len());
    assert!(p.name.chars().count() <= MAX_TEXT_CHARS);
    for r in p.runs() {
        for t in run_texts(r) {
            assert!(t.chars().count() <= MAX_TEXT_CHARS, "text of {} chars for {input:?}", t.chars().count());
        }
        if let Some(m) = r.measured() {
            for x in [m.energy_kwh, m.emissions_kg, m.duration_h] {
                assert!(x.is_finite() && (0.0..=MAX_MEASURED).contains(&x), "measured {x} for {input:?}");
            }
        }
    }
    assert!(d.notices.len() <= MAX_NOTICES + 1, "{} notices for {input:?}", d.notices.len());
    assert!(d.notices.iter().all(|n| !n.trim().is_empty() && n.chars().count() < 2_000));
    // Re-encodable: what was decoded encodes and decodes to itself, without notices.
    let again = decode(&encode(p, data()), data());
    assert_eq!(again.project, *p, "re-encoding changed the project for {input:?}");
}

fn h100_link_project() -> Project {
    let form = FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "8".into(),
        duration: "3".into(),
        unit: DurationUnit::Days,
        ..FormState::default()
    };
    Project::new(String::new(), vec![Run { form, ..Run::default() }], 0)
}

// ---- the format ---------------------------------------------------------------

#[test]
fn single_run_link_is_short_and_readable() {
    let link = encode(&h100_link_project(), data());
    let aws = data().pue("aws").expect("aws pue").pue;
    assert!(
        link.starts_with(&format!(
            "v=1&d={DATA_VERSION}&hardware=nvidia-h100-sxm&devices=8&duration=3&unit=days&utilization=100&location=cloud&provider=aws&region=us-east-1&used_intensity="
        )),
        "{link}"
    );
    assert!(link.contains(&format!("&used_pue={aws}&used_power=700")), "{link}");
    assert!(link.len() < 220, "{} chars: {link}", link.len());
    let back = decode(&link, data());
    assert_eq!(back.project, h100_link_project());
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(back.data_version.as_deref(), Some(DATA_VERSION));
}

#[test]
fn whole_url_or_fragment_or_hash_all_decode() {
    let link = encode(&h100_link_project(), data());
    for input in [
        link.clone(),
        format!("#{link}"),
        format!("https://example.org/ml-emissions/?utm=x#{link}"),
        format!("  #{link}\n"),
    ] {
        let d = decode(&input, data());
        assert_eq!(d.project, h100_link_project(), "{input}");
        assert!(d.notices.is_empty(), "{input}: {:?}", d.notices);
    }
}

#[test]
fn the_same_numbers_after_a_round_trip() {
    let p = h100_link_project();
    let before = validate(&p.runs()[0].form, data()).expect("valid").estimate();
    let q = decode(&encode(&p, data()), data()).project;
    let after = validate(&q.runs()[0].form, data()).expect("valid").estimate();
    assert_eq!(before, after);
    // 8 × 700 W × 72 h × 1.14 = 459.648 kWh (as in tests/form.rs).
    assert!((after.energy_kwh.central - 459.648).abs() < 1e-9);
}

#[test]
fn text_with_separators_and_unicode_round_trips() {
    let mut run = Run { label: "pré-training & eval = 50% #1 + “quotes” <b>".into(), ..Run::default() };
    run.form.hardware = CUSTOM.into();
    run.form.custom_name = "TPU v9?x=1&y=2".into();
    run.form.custom_power = " 350 ".into();
    run.form.location = LocationMode::Custom;
    run.form.custom_intensity = "1,5".into();
    let p = Project::new("Mon projet / 東京".into(), vec![run], 0);
    let link = encode(&p, data());
    assert!(!link.contains(' ') && !link.contains('#') && !link.contains('<'), "{link}");
    assert_eq!(decode(&link, data()).project, p);
}

#[test]
fn multi_run_project_round_trips_with_prefixed_keys() {
    let mut search =
        Run { label: "Search".into(), phase: Phase::HyperparameterSearch, repeat: "50".into(), ..Run::default() };
    search.form.location = LocationMode::Zone;
    search.form.zone = "FR".into();
    search.form.pue = "1.3".into();
    let measured = Run {
        label: "Measured".into(),
        phase: Phase::FinalTraining,
        kind: RunKind::Measured(MeasuredRun {
            energy_kwh: 12.345678901234567,
            emissions_kg: 0.1,
            duration_h: 3.5,
            source: "CodeCarbon emissions.csv, line 12".into(),
            location: "France".into(),
            hardware: "1 x NVIDIA A100".into(),
            ..MeasuredRun::default()
        }),
        ..Run::default()
    };
    let serving = Run {
        label: "Serving".into(),
        phase: Phase::Inference,
        kind: RunKind::PerRequest(PerRequest {
            requests: "1000000".into(),
            wh_per_request: "0.3".into(),
            basis: "".into(),
        }),
        ..Run::default()
    };
    let mut cpu_only = Run { label: "CPU".into(), phase: Phase::Exploration, ..Run::default() };
    cpu_only.form.hardware = NO_ACCELERATOR.into();
    cpu_only.form.cpu_cores = "16".into();
    cpu_only.form.host = true;
    let p = Project::new("Paper".into(), vec![search, measured, serving, cpu_only], 2);
    let link = encode(&p, data());
    assert!(link.contains("&runs=4&active=2&r0.label=Search&r0.phase=hyperparameter_search&r0.repeat=50"), "{link}");
    assert!(link.contains("&r1.m_energy=12.345678901234567&"), "{link}");
    assert!(link.contains("&r2.requests=1000000&r2.wh_per_request=0.3&r2.basis=&"), "{link}");
    // A measured run does not carry the inputs it does not use.
    assert!(!link.contains("r1.hardware"), "{link}");
    let back = decode(&link, data());
    assert_eq!(back.project, p);
    assert!(back.notices.is_empty(), "{:?}", back.notices);
}

#[test]
fn an_empty_input_gives_the_defaults_silently() {
    for input in ["", "#", "   ", "?"] {
        let d = decode(input, data());
        assert_eq!(d.project, Project::default());
        assert!(d.notices.is_empty());
        assert_eq!(d.data_version, None);
    }
}

#[test]
fn a_version_1_link_without_a_key_uses_the_frozen_defaults() {
    let d = decode(&format!("v=1&d={DATA_VERSION}&devices=4"), data());
    let mut expected = v1_default_run();
    expected.form.devices = "4".into();
    assert_eq!(d.project.runs(), vec![expected]);
    assert_eq!(v1_default_run().form.hardware, "nvidia-a100-sxm4-80gb");
}

// ---- notices --------------------------------------------------------------------

#[test]
fn a_garbled_link_says_so_and_gives_the_defaults() {
    let d = decode("#%E2%82zz!!&&==&x", data());
    assert_eq!(d.project, Project::default());
    assert_eq!(
        d.notices,
        vec!["This link could not be read: it holds no calculator settings. The default inputs are shown.".to_string()]
    );
}

#[test]
fn a_script_link_is_only_text() {
    let d = decode("#<script>alert(1)</script>", data());
    assert_eq!(d.project, Project::default());
    assert_eq!(d.notices.len(), 1);
    let d =
        decode("#v=1&label=%3Cscript%3Ealert(1)%3C/script%3E&hardware=%3Cimg%20src=x%20onerror=alert(1)%3E", data());
    assert_eq!(d.project.runs()[0].label, "<script>alert(1)</script>");
    assert_eq!(d.project.runs()[0].form.hardware, "<img src=x onerror=alert(1)>");
    assert!(
        d.notices.iter().any(|n| n.contains("Hardware “<img src=x onerror=alert…” is not in today's tables")),
        "{:?}",
        d.notices
    );
}

#[test]
fn an_older_data_version_is_named_and_changed_factors_listed() {
    let link = "v=1&d=2025.01&hardware=nvidia-h100-sxm&devices=8&duration=72&location=cloud&provider=aws&region=us-east-1&used_intensity=412&used_pue=1.14&used_power=650";
    let d = decode(link, data());
    assert_eq!(d.data_version.as_deref(), Some("2025.01"));
    assert_eq!(d.project.runs()[0].form.devices, "8");
    assert_eq!(
        d.notices[0],
        format!("This link was made with data version 2025.01; today's data ({DATA_VERSION}) is used, so the numbers can differ from those seen when it was made.")
    );
    assert_eq!(d.notices[1], "Factors that changed since then (today's values are used):");
    let region = data().region("aws", "us-east-1").expect("region");
    let zone = data().zone(&region.zone_id).expect("zone");
    let today = emissions_core::job::zone_intensity(zone, emissions_core::data::Basis::Lifecycle);
    assert_eq!(
        d.notices[2],
        format!(
            "Grid intensity of Amazon Web Services us-east-1 (US East (N. Virginia)) was 412 gCO2eq/kWh, now {} gCO2eq/kWh; power of the NVIDIA H100 SXM5 80GB was 650 W, now 700 W.",
            emissions_core::format::plain(today)
        )
    );
    assert_eq!(d.notices.len(), 3, "{:?}", d.notices);
}

#[test]
fn an_older_link_whose_factors_are_unchanged_says_so() {
    let link = encode(&h100_link_project(), data()).replace(&format!("d={DATA_VERSION}"), "d=2025.01");
    let d = decode(&link, data());
    assert_eq!(d.project, h100_link_project());
    assert_eq!(d.notices.len(), 2, "{:?}", d.notices);
    assert!(d.notices[0].contains("data version 2025.01"));
    assert_eq!(
        d.notices[1],
        "The grid intensity, PUE and device power recorded in the link are the same in today's data."
    );
}

#[test]
fn edited_factor_values_in_a_current_link_are_flagged() {
    let link = encode(&Project::default(), data()).replace("used_pue=1.14", "used_pue=1.5");
    let d = decode(&link, data());
    assert!(d.notices[0].contains("may have been edited"), "{:?}", d.notices);
    assert!(d.notices[1].starts_with("PUE (Amazon Web Services) was 1.5, now 1.14"), "{:?}", d.notices);
}

#[test]
fn bad_values_keep_the_default_of_their_field_only() {
    let d = decode(
        &format!("v=1&d={DATA_VERSION}&devices=4&unit=weeks&location=moon&host=maybe&phase=party&duration=-3"),
        data(),
    );
    let r = &d.project.runs()[0];
    assert_eq!(r.form.devices, "4");
    assert_eq!(r.form.duration, "-3", "raw text is kept: the form shows its own message");
    assert_eq!(r.form.unit, DurationUnit::Hours);
    assert_eq!(r.form.location, LocationMode::Cloud);
    assert!(!r.form.host);
    assert_eq!(r.phase, Phase::FinalTraining);
    assert_eq!(
        d.notices,
        vec![
            "Duration unit: “weeks” is not a valid choice, so “hours” is used.",
            "Location type: “moon” is not a valid choice, so “cloud” is used.",
            "Include host CPU and memory: “maybe” is not a valid choice, so “not included” is used.",
            "Phase: “party” is not a valid choice, so “Final training” is used.",
        ]
    );
    let errors = validate(&r.form, data()).expect_err("duration is negative");
    assert_eq!(errors.values().next().map(String::as_str), Some("Duration cannot be negative."));
}

#[test]
fn unknown_and_repeated_keys_are_reported_and_the_last_value_wins() {
    let d = decode(&format!("v=1&d={DATA_VERSION}&devices=2&colour=red&devices=3&x=1&v=1"), data());
    assert_eq!(d.project.runs()[0].form.devices, "3");
    assert_eq!(
        d.notices,
        vec![
            "Unknown settings ignored: “colour”, “x”.",
            "A setting appears more than once; the last value is used: v.",
            "A setting appears more than once; the last value is used: devices.",
        ]
    );
}

#[test]
fn a_truncated_multi_run_link_keeps_the_runs_it_has() {
    let p =
        Project::new(String::new(), (0..3).map(|i| Run { label: format!("run {i}"), ..Run::default() }).collect(), 0);
    let link = encode(&p, data());
    let cut = &link[..link.find("r2.").expect("third run")];
    let d = decode(cut, data());
    assert_eq!(d.project.len(), 2);
    assert_eq!(d.project.runs()[1].label, "run 1");
    assert_eq!(d.notices, vec!["This link lists 3 runs but only 2 could be read: it may have been cut short."]);
}

#[test]
fn long_text_and_huge_run_indices_are_capped() {
    let long = "a".repeat(5_000);
    let d = decode(&format!("v=1&d={DATA_VERSION}&label={long}&r99999999999.devices=1&r10000.devices=2"), data());
    assert_eq!(d.project.len(), 1);
    assert_eq!(d.project.runs()[0].label.chars().count(), MAX_TEXT_CHARS);
    assert!(d
        .notices
        .contains(&"Only the first 10,000 runs are read; settings of later runs were ignored.".to_string()));
    assert!(d.notices.contains(&format!("Run name was longer than {MAX_TEXT_CHARS} characters and was cut.")));
}

#[test]
fn many_problems_give_a_bounded_list_of_notices() {
    let input: String = (0..500).map(|i| format!("r{i}.unit=bad&")).collect();
    let d = decode(&format!("v=1&d={DATA_VERSION}&{input}"), data());
    assert_eq!(d.project.len(), 500);
    assert_eq!(d.notices.len(), MAX_NOTICES + 1);
    assert_eq!(d.notices[MAX_NOTICES], format!("…and {} more notices not shown.", 500 - MAX_NOTICES));
    assert_eq!(d.notices[0], "Run 1 (“Training run”): Duration unit: “bad” is not a valid choice, so “hours” is used.");
}

#[test]
fn measured_values_out_of_range_fall_back_to_an_estimate() {
    let d = decode(&format!("v=1&d={DATA_VERSION}&m_energy=1e400&m_emissions=1&m_hours=2"), data());
    assert_eq!(d.project.runs()[0].measured(), None);
    assert_eq!(
        d.notices,
        vec!["The measured energy, emissions or duration could not be read, so this run is estimated from its inputs instead."]
    );
}

#[test]
fn a_newer_format_and_a_saved_session_are_worded_for_what_they_are() {
    let d = decode_from(&format!("v=7&d={DATA_VERSION}&devices=2"), data(), Origin::Saved);
    assert_eq!(d.project.runs()[0].form.devices, "2");
    assert_eq!(
        d.notices,
        vec!["This saved session was made by a newer version of the calculator (format 7); it was read as format 1, so some settings may be missing."]
    );
    let d = decode_from("devices=2", data(), Origin::Saved);
    assert_eq!(
        d.notices,
        vec![
            "This saved session does not say which format it uses; it was read as format 1.",
            format!("This saved session does not say which data version it was made with; today's data ({DATA_VERSION}) is used.").as_str(),
        ]
    );
}

// ---- properties -------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[0-9]{1,4}(\\.[0-9]{1,3})?",
        "[ -~]{0,20}",
        "\\PC{0,40}",
        ".{0,12}",
        Just("<script>alert(1)</script>".to_string()),
        Just("&=#%+?".to_string()),
    ]
}

fn table_id(ids: Vec<String>) -> impl Strategy<Value = String> {
    prop_oneof![3 => proptest::sample::select(ids), 1 => text()]
}

fn form_state() -> BoxedStrategy<FormState> {
    let d = data();
    let mut hw: Vec<String> = d.hardware.iter().map(|h| h.id.clone()).collect();
    hw.extend([CUSTOM.to_string(), NO_ACCELERATOR.to_string()]);
    let regions: Vec<(String, String)> =
        d.regions.iter().map(|r| (r.provider.clone(), r.region_code.clone())).collect();
    let zones: Vec<String> = d.zones.iter().map(|z| z.zone_id.clone()).collect();
    (
        (table_id(hw.clone()), text(), text(), text(), text(), any::<bool>(), text()),
        (0u8..3, proptest::sample::select(regions), table_id(zones), text(), text()),
        (any::<bool>(), table_id(hw), text(), text(), text(), text()),
        (any::<bool>(), text(), text(), text(), text(), 0usize..4, text()),
    )
        .prop_map(|(a, b, c, k)| FormState {
            hardware: a.0,
            custom_name: a.1,
            custom_power: a.2,
            devices: a.3,
            duration: a.4,
            unit: if a.5 { DurationUnit::Days } else { DurationUnit::Hours },
            utilization: a.6,
            location: [LocationMode::Cloud, LocationMode::Zone, LocationMode::Custom][b.0 as usize],
            provider: b.1 .0,
            region: b.1 .1,
            zone: b.2,
            custom_intensity: b.3,
            provider_figure: k.0 && c.0,
            pue: b.4,
            host: c.0,
            cpu: c.1,
            cpu_cores: c.2,
            cpu_power: c.3,
            cpu_usage: c.4,
            memory_gb: c.5,
            lifetime: if k.0 { k.3.clone() } else { String::new() },
            job_by: if k.0 { JobBy::Compute } else { JobBy::Time },
            flops: k.1,
            params: k.2,
            tokens: k.3,
            mfu: k.4,
            precision: Precision::ALL[k.5],
            custom_tflops: k.6,
        })
        .boxed()
}

fn measured() -> impl Strategy<Value = Option<MeasuredRun>> {
    proptest::option::weighted(
        0.2,
        (0.0..=MAX_MEASURED, 0.0..=MAX_MEASURED, 0.0..=1e6f64, text(), text(), text()).prop_map(|m| MeasuredRun {
            energy_kwh: m.0,
            emissions_kg: m.1,
            duration_h: m.2,
            source: m.3,
            location: m.4,
            hardware: m.5,
            ..MeasuredRun::default()
        }),
    )
}

fn run() -> BoxedStrategy<Run> {
    (
        text(),
        proptest::sample::select(Phase::ALL.to_vec()),
        text(),
        form_state(),
        measured(),
        proptest::option::weighted(0.2, (text(), text(), text())),
    )
        .prop_map(|(label, phase, repeat, form, measured, pr)| Run {
            label,
            phase,
            repeat,
            form,
            kind: match (measured, pr) {
                (Some(m), _) => RunKind::Measured(m),
                (None, Some((requests, wh_per_request, basis))) => {
                    RunKind::PerRequest(PerRequest { requests, wh_per_request, basis })
                }
                (None, None) => RunKind::Hardware,
            },
        })
        .boxed()
}

fn project() -> impl Strategy<Value = Project> {
    (text(), proptest::collection::vec(run(), 1..5), any::<proptest::sample::Index>()).prop_map(|(name, runs, i)| {
        let active = i.index(runs.len());
        Project::new(name, runs, active)
    })
}

/// A valid link, then damaged the way links get damaged.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(proptest::sample::Index),
    FlipByte(proptest::sample::Index, u8),
    DuplicatePair(proptest::sample::Index),
    DropPair(proptest::sample::Index),
    SwapValue(proptest::sample::Index, String),
    Append(String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let nasty = prop_oneof![
        Just("1e309".to_string()),
        Just("-1e400".to_string()),
        Just("99999999999999999999999999".to_string()),
        Just("NaN".to_string()),
        Just("%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("%ZZ%".to_string()),
        Just("%FF%FE".to_string()),
        Just("r99999.hardware=x".to_string()),
        Just("runs=1000000000".to_string()),
        Just("active=-1".to_string()),
        Just("v=999".to_string()),
        Just("d=".to_string()),
        "[a-z_.0-9]{1,12}=[ -~]{0,30}",
        "(r[0-9]\\.)?(label|custom_name|duration)=[a-zA-Z%0-9+]{190,400}",
    ];
    prop_oneof![
        any::<proptest::sample::Index>().prop_map(Mutation::Truncate),
        (any::<proptest::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::FlipByte(i, b)),
        any::<proptest::sample::Index>().prop_map(Mutation::DuplicatePair),
        any::<proptest::sample::Index>().prop_map(Mutation::DropPair),
        (any::<proptest::sample::Index>(), nasty.clone()).prop_map(|(i, v)| Mutation::SwapValue(i, v)),
        nasty.prop_map(Mutation::Append),
    ]
}

fn mutate(link: &str, mutations: &[Mutation]) -> String {
    let mut s = link.to_string();
    for m in mutations {
        let mut pairs: Vec<String> = s.split('&').map(str::to_string).collect();
        s = match m {
            Mutation::Truncate(i) => {
                let bytes = s.as_bytes();
                String::from_utf8_lossy(&bytes[..i.index(bytes.len() + 1)]).into_owned()
            }
            Mutation::FlipByte(i, b) => {
                let mut bytes = s.clone().into_bytes();
                if !bytes.is_empty() {
                    let at = i.index(bytes.len());
                    bytes[at] = *b;
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
            Mutation::DuplicatePair(i) => {
                let p = pairs[i.index(pairs.len())].clone();
                pairs.push(p);
                pairs.join("&")
            }
            Mutation::DropPair(i) => {
                pairs.remove(i.index(pairs.len()));
                pairs.join("&")
            }
            Mutation::SwapValue(i, v) => {
                let at = i.index(pairs.len());
                let key = pairs[at].split('=').next().unwrap_or("").to_string();
                pairs[at] = format!("{key}={v}");
                pairs.join("&")
            }
            Mutation::Append(tail) => format!("{s}&{tail}"),
        };
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Any string at all: no panic, and a valid, re-encodable project.
    #[test]
    fn any_string_decodes_to_a_valid_project(input in prop_oneof![
        ".{0,200}",
        "\\PC{0,300}",
        "[a-z0-9_.=&%#?+<>/ -]{0,300}",
        "(v=1&)?(name|label|r1\\.hardware|m_source)=[^&]{150,600}",
        proptest::collection::vec(any::<u8>(), 0..300).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]) {
        let d = decode(&input, data());
        assert_valid(&d, &input);
        let d = decode_from(&input, data(), Origin::Saved);
        assert_valid(&d, &input);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Valid links damaged by truncation, flipped bytes, duplicated or dropped
    /// pairs, huge numbers and script tags: no panic, and a valid, re-encodable project.
    #[test]
    fn mutated_links_decode_to_valid_projects(p in project(), ms in proptest::collection::vec(mutation(), 1..4)) {
        let link = encode(&p, data());
        let input = mutate(&link, &ms);
        let d = decode(&input, data());
        assert_valid(&d, &input);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Every valid project survives the round trip exactly, and its link holds
    /// nothing a browser would rewrite.
    #[test]
    fn valid_projects_round_trip_exactly(p in project()) {
        let link = encode(&p, data());
        prop_assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._*%+=&".contains(&b)), "{}", link);
        let d = decode(&link, data());
        prop_assert_eq!(&d.project, &p);
        prop_assert_eq!(d.data_version.as_deref(), Some(DATA_VERSION));
        // The only notices a fresh link can carry are about choices the tables do not list.
        for n in &d.notices {
            prop_assert!(n.contains("is not in today's tables") || n.contains("more notices"), "{}", n);
        }
        // The same link from a saved session gives the same project.
        prop_assert_eq!(decode_from(&link, data(), Origin::Saved).project, p);
    }
}

#[test]
fn a_link_made_with_data_version_2026_11_opens_and_lists_what_changed() {
    // Exactly what version 2026.11 wrote for 8 × H100 for 72 h in us-east-1 (eGRID SRVC then).
    let link = "v=1&d=2026.11&hardware=nvidia-h100-sxm&devices=8&duration=72&unit=hours&utilization=100&location=cloud&provider=aws&region=us-east-1&used_intensity=282.5821&used_pue=1.14&used_power=700";
    let d = decode(link, data());
    assert_eq!(d.project.runs()[0].form.region, "us-east-1");
    assert_eq!(d.notices[1], "Factors that changed since then (today's values are used):");
    let now = data().zone("US-VA").expect("Virginia").intensity_g_per_kwh;
    assert_eq!(
        d.notices[2],
        format!(
            "Grid intensity of Amazon Web Services us-east-1 (US East (N. Virginia)) was 282.5821 gCO2eq/kWh, now {} gCO2eq/kWh.",
            emissions_core::format::plain(now)
        )
    );
}

#[test]
fn the_grid_basis_is_part_of_the_link() {
    let mut p = h100_link_project();
    assert!(!encode(&p, data()).contains("grid_basis"), "lifecycle is the default and is not written");
    p.grid_basis = emissions_core::data::Basis::Direct;
    let link = encode(&p, data());
    assert!(link.contains("&grid_basis=direct&"), "{link}");
    let d = decode(&link, data());
    assert_eq!(d.project, p);
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    let d = decode(&format!("v=1&d={DATA_VERSION}&grid_basis=market"), data());
    assert_eq!(d.project.grid_basis, emissions_core::data::Basis::Lifecycle);
    assert_eq!(d.notices, ["The grid basis “market” is not recognised; lifecycle intensities are used."]);
}
