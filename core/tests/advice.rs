//! "What would cut this most?": every item against a hand calculation, on the
//! real tables, with small custom-power and custom-intensity projects; and the
//! numbers equal the comparison views' own.
//!
//! Table values used below (data 2026.12): Virginia (US-VA) 349.06 g/kWh,
//! Quebec (CA-QC, AWS ca-central-1, the cleanest AWS region) 24.34 g/kWh,
//! Prince Edward Island (CA-PE, the cleanest zone) 17.87 g/kWh, AWS PUE 1.14;
//! A100 SXM4 80GB 400 W and 312 TFLOP/s BF16; TPU v6e 346 W (estimated) and
//! 918 TFLOP/s BF16, the least power per peak FLOP of the table.

use emissions_core::advice::{advise, kept_trials, Advice, Item, Kind, Link, Reduction};
use emissions_core::compare::{self, Catalogue, Query, Scope};
use emissions_core::compare_hardware as hw;
use emissions_core::data::{Basis, Precision};
use emissions_core::form::{FormState, LocationMode, CUSTOM};
use emissions_core::job::validate_on;
use emissions_core::project::{evaluate, MeasuredRun, PerRequest, Phase, Project, Run, RunKind};
use emissions_core::Dataset;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("tables")
}

fn advice_of(p: &Project) -> Advice {
    let d = data();
    advise(p, &evaluate(p, d), d, &Catalogue::new(d))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

fn item(a: &Advice, kind: Kind) -> &Item {
    a.all().find(|i| i.kind == kind).unwrap_or_else(|| panic!("no {kind:?} item in {a:#?}"))
}

/// One custom device at 100 %, at a typed intensity and PUE (on premises).
fn custom(power: &str, hours: &str, intensity: &str, pue: &str) -> FormState {
    FormState {
        hardware: CUSTOM.into(),
        custom_power: power.into(),
        devices: "1".into(),
        duration: hours.into(),
        utilization: "100".into(),
        location: LocationMode::Custom,
        custom_intensity: intensity.into(),
        pue: pue.into(),
        ..FormState::default()
    }
}

fn run(label: &str, phase: Phase, repeat: &str, form: FormState) -> Run {
    Run { label: label.into(), phase, repeat: repeat.into(), form, kind: RunKind::Hardware }
}

fn project(runs: Vec<Run>) -> Project {
    Project::new("test".into(), runs, 0)
}

#[test]
fn the_default_job_moves_to_quebec_with_the_region_comparisons_own_numbers() {
    // 1 × A100 400 W × 100 % × 24 h × 1.14 = 10.944 kWh; × 349.06 g/kWh = 3.82011264 kg.
    // In ca-central-1: 10.944 × 24.34 = 0.26637696 kg; saving 3.55373568 kg, 93.03 %.
    let p = Project::default();
    let a = advice_of(&p);
    assert!(close(a.total_kg, 10.944 * 349.06 / 1000.0));
    let r = item(&a, Kind::Region);
    assert!(close(r.saving_kg.expect("a saving"), 10.944 * (349.06 - 24.34) / 1000.0), "{r:?}");
    assert!(close(r.saving_fraction.expect("a fraction"), (349.06 - 24.34) / 349.06));
    assert_eq!(r.link, Link::Region { run: 0, place: "aws:ca-central-1".into(), scope: "aws".into() });
    assert_eq!(r.title, "Run in Amazon Web Services ca-central-1");
    assert_eq!(
        r.explanation,
        "On lifecycle grid intensities, running this job in Amazon Web Services ca-central-1 (Quebec, Canada) instead would save 3.554 kg CO2eq, 93 % of the project's emissions."
    );

    // Exactly the comparison's own saving and fraction (one run, repeat 1).
    let d = data();
    let cat = Catalogue::new(d);
    let job = validate_on(&p.runs()[0].form, d, Basis::Lifecycle).expect("valid");
    let c = compare::compare(&cat, &job, &p.runs()[0].form, &Query::scope(Scope::Provider("aws".into())));
    let compare::Advice::Switch { saving_kg, saving_fraction, .. } = c.advice else { panic!("{:?}", c.advice) };
    assert_eq!(r.saving_kg, Some(saving_kg));
    assert_eq!(r.saving_fraction, Some(saving_fraction));

    // Hardware: FLOPs = 24 h × 3600 × 312e12 × 40 %; on a TPU v6e the same work takes
    // 24 × 312 / 918 = 8.157 h: 346 W × 8.157 h × 1.14 = 3.2175 kWh × 349.06 = 1.1231 kg.
    let h = item(&a, Kind::Hardware);
    let v6e_kg = 346.0 * (24.0 * 312.0 / 918.0) * 1.14 / 1000.0 * 349.06 / 1000.0;
    let saving = 10.944 * 349.06 / 1000.0 - v6e_kg;
    assert!((h.saving_kg.expect("a saving") - saving).abs() < 1e-9, "{h:?} vs {saving}");
    assert_eq!(h.link, Link::Hardware { run: 0, hardware: "google-tpu-v6e".into(), precision: Precision::Bf16 });
    let hc = hw::compare_hardware(d, &job, &hw::Query::new(Precision::Bf16)).expect("compute facts");
    let hw::Advice::Switch { saving_kg: hs, saving_fraction: hf, .. } = hc.advice else { panic!() };
    assert_eq!((h.saving_kg, h.saving_fraction), (Some(hs), Some(hf)), "the hardware view's own numbers");
    assert!(h.caveat.as_deref().is_some_and(|c| c.contains("same MFU (40 %)")), "{:?}", h.caveat);

    // Ranked by saving: 3.554 kg before 2.697 kg. No search, no CFE claim in AWS.
    let kinds: Vec<Kind> = a.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [Kind::Region, Kind::Hardware]);
    assert!(a.market.is_empty());
}

#[test]
fn every_run_moves_within_its_own_scope_and_the_savings_add_up() {
    // Run 0, on premises at a typed 500 g/kWh, PUE 1.2, 3 times: 1,000 W × 10 h × 1.2 =
    // 12 kWh → 6 kg a run, 18 kg. Among zones (with the job's own PUE), Prince Edward
    // Island: 12 × 17.87 = 0.21444 kg; saving 3 × 5.78556 = 17.35668 kg.
    // Run 1, 1,000,000 requests × 0.3 Wh × 1.14 in us-east-1 = 342 kWh → 119.37852 kg;
    // in ca-central-1 342 × 24.34 = 8.32428 kg; saving 111.05424 kg.
    // Run 2, measured 10 kg: nothing to move. Total 147.37852 kg.
    let requests = Run {
        label: "Serving".into(),
        phase: Phase::Inference,
        repeat: "1".into(),
        form: FormState::default(),
        kind: RunKind::PerRequest(PerRequest {
            requests: "1000000".into(),
            wh_per_request: "0.3".into(),
            basis: "a benchmark".into(),
        }),
    };
    let measured = Run {
        label: "Tuning".into(),
        phase: Phase::FineTuning,
        kind: RunKind::Measured(MeasuredRun { energy_kwh: 20.0, emissions_kg: 10.0, ..MeasuredRun::default() }),
        ..Run::default()
    };
    let p =
        project(vec![run("Lab", Phase::FinalTraining, "3", custom("1000", "10", "500", "1.2")), requests, measured]);
    let a = advice_of(&p);
    assert!(close(a.total_kg, 18.0 + 119.37852 + 10.0));
    let r = item(&a, Kind::Region);
    assert_eq!(r.runs.len(), 2);
    // Largest first: the serving run names the place.
    assert_eq!((r.runs[0].run, r.runs[0].target.as_deref()), (1, Some("aws:ca-central-1")));
    assert!(close(r.runs[0].saving_kg.expect("saving"), 342.0 * (349.06 - 24.34) / 1000.0));
    assert_eq!((r.runs[1].run, r.runs[1].target.as_deref()), (0, Some("CA-PE")));
    assert!(close(r.runs[1].saving_kg.expect("saving"), 3.0 * (6.0 - 12.0 * 17.87 / 1000.0)));
    let total = 17.35668 + 111.05424;
    assert!((r.saving_kg.expect("saving") - total).abs() < 1e-9);
    assert!((r.saving_fraction.expect("fraction") - total / 147.37852).abs() < 1e-12);
    assert_eq!(r.link, Link::Region { run: 1, place: "aws:ca-central-1".into(), scope: "aws".into() });
    assert!(r.explanation.starts_with("On lifecycle grid intensities, running each of 2 runs in the cleanest place of its scope (its provider's regions in the cloud, every country and grid zone on premises) would save 128.4 kg CO2eq, 87.1 % of the project's emissions; for the largest, “Serving”, that is Amazon Web Services ca-central-1 (Quebec, Canada)."), "{}", r.explanation);
    // A typed intensity is compared with zone figures: the caveat says so.
    assert!(r.caveat.as_deref().is_some_and(|c| c.contains("“Lab”") && c.contains("entered by the user")));
    // No compute facts (custom device without a peak), no overhead, no CFE: nothing else.
    assert_eq!(a.items.len(), 1, "{a:#?}");
}

#[test]
fn the_same_work_on_the_most_efficient_accelerator() {
    // A custom 1,000 W device of 100 TFLOP/s, 10 h at 100 g/kWh, PUE 1: 10 kWh → 1 kg.
    // Its work, 10 h × 100 TFLOP/s × 40 %, on a TPU v6e takes 10 × 100 / 918 h:
    // 346 W × 1.0893 h = 0.3769 kWh → 0.03769 kg; saving 0.96231 kg a run, twice.
    let mut form = custom("1000", "10", "100", "1");
    form.custom_tflops = "100".into();
    let p = project(vec![run("Pretraining", Phase::FinalTraining, "2", form)]);
    let a = advice_of(&p);
    let h = item(&a, Kind::Hardware);
    let per_run = 1.0 - 346.0 * (10.0 * 100.0 / 918.0) / 1000.0 * 100.0 / 1000.0;
    assert!(close(h.saving_kg.expect("saving"), 2.0 * per_run), "{h:?}");
    assert!(close(h.saving_fraction.expect("fraction"), per_run));
    assert_eq!(h.runs[0].target.as_deref(), Some("google-tpu-v6e"));
    assert_eq!(h.title, "Run on Google TPU v6e Trillium (per chip)");
    assert_eq!(
        h.explanation,
        "The same work on 1 × Google TPU v6e Trillium (per chip) instead of 1 × custom device would take 1.09 h instead of 10 h and save 1.925 kg CO2eq, 96.2 % of the project's emissions."
    );
    // Region: among zones at PUE 1, Prince Edward Island: 10 kWh × 17.87 = 0.1787 kg a run,
    // saving 2 × 0.8213 kg: less than the hardware's, so ranked second.
    let r = item(&a, Kind::Region);
    assert!(close(r.saving_kg.expect("saving"), 2.0 * (1.0 - 10.0 * 17.87 / 1000.0)));
    let kinds: Vec<Kind> = a.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [Kind::Hardware, Kind::Region]);
}

#[test]
fn a_search_that_repeats_is_halved_and_the_reasoning_is_hedged() {
    // Final: 1,000 W × 10 h at 100 g/kWh, PUE 1 = 1 kg. Search: 100 W × 2 h = 0.02 kg a
    // trial × 50 = 1 kg. Exploration: 100 W × 1 h = 0.01 kg. Total 2.01 kg, overhead
    // 1.01 kg (50.2 %). Half the trials: 25 × 0.02 = 0.5 kg (24.9 %).
    let p = project(vec![
        run("Final", Phase::FinalTraining, "1", custom("1000", "10", "100", "1")),
        run("LR search", Phase::HyperparameterSearch, "50", custom("100", "2", "100", "1")),
        run("Sweeps", Phase::Exploration, "1", custom("100", "1", "100", "1")),
    ]);
    let a = advice_of(&p);
    let o = item(&a, Kind::Overhead);
    assert!(close(o.overhead_kg.expect("overhead"), 1.01));
    assert!(close(o.overhead_fraction.expect("share"), 1.01 / 2.01));
    assert!(close(o.saving_kg.expect("saving"), 0.5));
    assert!(close(o.saving_fraction.expect("fraction"), 0.5 / 2.01));
    assert_eq!(o.reduction, Some(Reduction::HalveSearchTrials { run: 1, trials: 50, kept: 25, searches: 1 }));
    assert_eq!(o.link, Link::Runs { runs: vec![1, 2] });
    assert_eq!(o.title, "Search with 25 trials instead of 50");
    assert_eq!(
        o.explanation,
        "Exploration, hyperparameter search and failed runs emitted 1.01 kg CO2eq (50.2 % of the project's emissions); replacing half the trials of the 50-trial search “LR search” by a random search of 25 trials would save 500 g CO2eq, and random search has been found to match a grid search with fewer trials (Bergstra & Bengio, 2012), though whether it does depends on the search."
    );

    // Two searches: 3 trials keep 2 (one 0.02 kg trial saved) and the 50 keep 25.
    assert_eq!((kept_trials(50), kept_trials(3), kept_trials(2), kept_trials(1)), (25, 2, 1, 1));
    let mut p2 = p.clone();
    p2.push(run("Batch search", Phase::HyperparameterSearch, "3", custom("100", "2", "100", "1")));
    let a2 = advice_of(&p2);
    let o2 = item(&a2, Kind::Overhead);
    assert!(close(o2.saving_kg.expect("saving"), 0.5 + 0.02));
    assert_eq!(o2.reduction, Some(Reduction::HalveSearchTrials { run: 1, trials: 50, kept: 25, searches: 2 }));
    assert_eq!(o2.title, "Search with half the trials");
}

#[test]
fn overhead_without_a_repeated_search_counts_half_of_it() {
    // Final 1 kg; a failed run 1,000 W × 5 h = 0.5 kg; exploration 1,000 W × 2 h = 0.2 kg;
    // a one-trial search 100 W × 1 h = 0.01 kg. Overhead 0.71 kg of 1.71; half: 0.355 kg.
    let p = project(vec![
        run("Final", Phase::FinalTraining, "1", custom("1000", "10", "100", "1")),
        run("Crashed", Phase::Failed, "1", custom("1000", "5", "100", "1")),
        run("Sweeps", Phase::Exploration, "1", custom("1000", "2", "100", "1")),
        run("One trial", Phase::HyperparameterSearch, "1", custom("100", "1", "100", "1")),
    ]);
    let a = advice_of(&p);
    let o = item(&a, Kind::Overhead);
    assert!(close(o.overhead_kg.expect("overhead"), 0.71));
    assert!(close(o.saving_kg.expect("saving"), 0.355));
    assert!(close(o.saving_fraction.expect("fraction"), 0.355 / 1.71));
    assert_eq!(o.reduction, Some(Reduction::CutOverhead { fraction: 0.5 }));
    assert_eq!(o.runs.iter().map(|r| r.run).collect::<Vec<_>>(), [1, 2, 3], "largest first");
    assert_eq!(
        o.explanation,
        "Exploration, hyperparameter search and failed runs emitted 710 g CO2eq (41.5 % of the project's emissions); avoiding 50 % of them would save 355 g CO2eq."
    );
}

#[test]
fn the_providers_carbon_free_energy_is_apart_and_saves_nothing() {
    // Google publishes a CFE share for us-central1 (87 %) and europe-west4 (83 %).
    let gcp = |region: &str| FormState { provider: "gcp".into(), region: region.into(), ..FormState::default() };
    let p = project(vec![
        run("Big", Phase::FinalTraining, "1", gcp("us-central1")),
        run("Small", Phase::Exploration, "1", FormState { duration: "2".into(), ..gcp("europe-west4") }),
        run("Also Iowa", Phase::FineTuning, "1", FormState { duration: "1".into(), ..gcp("us-central1") }),
    ]);
    let a = advice_of(&p);
    assert!(a.items.iter().all(|i| i.kind != Kind::ProviderCfe), "never among the savings");
    assert_eq!(a.market.len(), 2, "one per region");
    let iowa = &a.market[0];
    assert_eq!(
        (iowa.kind.key(), iowa.cfe, iowa.saving_kg, iowa.saving_fraction),
        ("provider_cfe", Some(0.87), None, None)
    );
    assert_eq!(iowa.runs.iter().map(|r| r.run).collect::<Vec<_>>(), [0, 2]);
    assert_eq!(iowa.title, "Google Cloud's carbon-free energy in us-central1: 87 %");
    assert!(iowa.explanation.contains("market-based figure, shown apart and not subtracted"));
    assert_eq!(iowa.link, Link::Region { run: 0, place: "gcp:us-central1".into(), scope: "gcp".into() });
    assert_eq!(a.market[1].cfe, Some(0.83));
    // The location-based saving is the comparison's, with no CFE in it: the Iowa run
    // (400 W × 24 h × 1.11 = 10.656 kWh at 272.21 g/kWh) in Quebec at Google's fleet
    // PUE 1.09 (400 × 24 × 1.09 = 10.464 kWh at 24.34 g/kWh).
    let r = item(&a, Kind::Region);
    let big = r.runs.iter().find(|x| x.run == 0).expect("run 0");
    assert_eq!(big.target.as_deref(), Some("gcp:northamerica-northeast1"));
    assert!(close(big.saving_kg.expect("saving"), 10.656 * 272.21 / 1000.0 - 10.464 * 24.34 / 1000.0));
    assert!(a.text().contains("\nMarket-based, shown apart (not subtracted from the estimate):\n"));
}

#[test]
fn what_does_not_apply_is_left_out() {
    // A custom device with no peak throughput in AWS's cleanest region, final training only,
    // plus an invalid run: no region, hardware, overhead or CFE item.
    let form = FormState {
        hardware: CUSTOM.into(),
        custom_power: "300".into(),
        region: "ca-central-1".into(),
        ..FormState::default()
    };
    let bad = FormState { devices: "zero".into(), ..FormState::default() };
    let p = project(vec![run("Clean", Phase::FinalTraining, "1", form), run("Broken", Phase::Exploration, "5", bad)]);
    let a = advice_of(&p);
    assert!(a.items.is_empty() && a.market.is_empty(), "{a:#?}");
    assert_eq!(a.invalid_runs, 1);
    assert!(a.text().starts_with("No saving found from this project's own numbers"));
    // A measured run has nothing to move either.
    let measured = Run {
        kind: RunKind::Measured(MeasuredRun { energy_kwh: 1.0, emissions_kg: 0.5, ..MeasuredRun::default() }),
        ..Run::default()
    };
    assert!(advice_of(&project(vec![measured])).items.is_empty());
}

#[test]
fn the_region_item_follows_the_projects_grid_basis() {
    // On the direct basis Virginia publishes no direct figure (its lifecycle one is used) and
    // Quebec's direct figure is 1.2 g/kWh: 10.944 × (349.06 − 1.2) = 3.80697984 kg.
    let mut p = Project::default();
    p.grid_basis = Basis::Direct;
    let a = advice_of(&p);
    let r = item(&a, Kind::Region);
    assert_eq!(a.basis, Basis::Direct);
    assert!(close(r.saving_kg.expect("saving"), 10.944 * (349.06 - 1.2) / 1000.0), "{r:?}");
    assert!(r.explanation.starts_with("On direct"), "{}", r.explanation);
}

#[test]
fn the_advice_serializes_with_stable_keys() {
    let a = advice_of(&Project::default());
    let v = serde_json::to_value(&a).expect("serializes");
    assert_eq!(v["items"][0]["kind"], "region");
    assert_eq!(v["items"][0]["link"]["kind"], "region");
    assert_eq!(v["items"][0]["link"]["place"], "aws:ca-central-1");
    assert_eq!(v["items"][1]["link"]["hardware"], "google-tpu-v6e");
    for k in [Kind::Region, Kind::Hardware, Kind::Overhead, Kind::ProviderCfe] {
        assert_eq!(serde_json::to_value(k).expect("key"), k.key());
    }
}
