//! Region comparison: candidates, factors, order, savings and selection, with hand-computed values.

use emissions_core::compare::*;
use emissions_core::data::Basis;
use emissions_core::data::Dataset;
use emissions_core::form::{FormState, LocationMode, CUSTOM};
use emissions_core::job::{validate, validate_on, IntensityBasis};

const HARDWARE: &str = "id,vendor,kind,name,power_w,power_basis,cores,memory_gb,released,source_url,year,note\n\
    gpu-300,Acme,gpu,G300,300,tdp,,16,2020,https://example.org/g,2020,\n";
const ZONES: &str =
    "zone_id,name,country_iso2,kind,continent,intensity_g_per_kwh,year,basis,publisher,source_url,licence\n\
    WORLD,World,,world,World,500,2024,b,p,https://example.org/z,CC\n\
    FR,France,FR,country,Europe,50,2024,b,p,https://example.org/z,CC\n\
    SE,Sweden,SE,country,Europe,40,2024,b,p,https://example.org/z,CC\n\
    US,United States,US,country,North America,400,2024,b,p,https://example.org/z,CC\n\
    US-VA,Virginia grid,US,subnational,North America,300,2024,b,p,https://example.org/z,CC\n\
    IN,India,IN,country,Asia,700,2024,b,p,https://example.org/z,CC\n";
const REGIONS: &str = "provider,region_code,region_name,city,subdivision,country_iso2,zone_id,provider_intensity_g_per_kwh,provider_cfe,provider_intensity_year,provider_intensity_source_url,source_url,year\n\
    aws,us-east-1,US East (N. Virginia),Ashburn,US-VA,US,US-VA,,,,,https://example.org/r,2026\n\
    aws,eu-west-3,Europe (Paris),Paris,FR-IDF,FR,FR,,,,,https://example.org/r,2026\n\
    aws,eu-north-1,Europe (Stockholm),Stockholm,SE-AB,SE,SE,,,,,https://example.org/r,2026\n\
    aws,ap-south-1,Asia Pacific (Mumbai),Mumbai,IN-MH,IN,IN,,,,,https://example.org/r,2026\n\
    gcp,us-east4,N. Virginia,Ashburn,US-VA,US,US-VA,320,0.6,2024,https://example.org/g,https://example.org/r,2026\n\
    gcp,europe-west9,Paris,Paris,FR-IDF,FR,FR,20,0.9,2024,https://example.org/g,https://example.org/r,2026\n\
    gcp,us-central9,Nowhere,,,US,US,,,,,https://example.org/r,2026\n";
const PUE: &str = "key,label,pue,pue_low,pue_high,year,source_url,note\n\
    aws,Amazon Web Services,1.2,1.1,1.3,2025,https://example.org/p,\n\
    gcp,Google Cloud,1.1,1.05,1.15,2024,https://example.org/p,\n\
    gcp:us-east4,Ashburn campus,1.05,1.05,1.05,2022,https://example.org/p,\n\
    on-premises,On premises,1.5,1.25,2,2024,https://example.org/p,\n\
    personal,Personal,1,1,1,2016,https://example.org/p,\n";
const EQUIVALENTS: &str = "id,label,grams_co2e_per_unit,unit,year,source_url,note\n";

fn data() -> Dataset {
    Dataset::parse(HARDWARE, ZONES, REGIONS, PUE, EQUIVALENTS).expect("fixture parses")
}

/// 1 × 300 W at 100 % for 100 h: 30 kWh of IT energy before PUE.
fn form(location: LocationMode, provider: &str, region: &str, zone: &str) -> FormState {
    FormState {
        hardware: "gpu-300".into(),
        devices: "1".into(),
        duration: "100".into(),
        utilization: "100".into(),
        location,
        provider: provider.into(),
        region: region.into(),
        zone: zone.into(),
        ..FormState::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

fn ids(cat: &Catalogue, c: &Comparison) -> Vec<String> {
    c.rows.iter().map(|r| cat.places[r.place].id.clone()).collect()
}

#[test]
fn one_provider_sorted_with_hand_computed_emissions_and_advice() {
    let d = data();
    let cat = Catalogue::new(&d);
    let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
    let job = validate(&s, &d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::Provider("aws".into())));
    // 30 kWh × PUE 1.2 = 36 kWh in every AWS region;
    // SE 40 g → 1.44 kg, FR 50 → 1.8, US-VA 300 → 10.8, IN 700 → 25.2.
    assert_eq!(ids(&cat, &c), ["aws:eu-north-1", "aws:eu-west-3", "aws:us-east-1", "aws:ap-south-1"]);
    let kg: Vec<f64> = c.rows.iter().map(|r| r.emissions_kg).collect();
    for (got, want) in kg.iter().zip([1.44, 1.8, 10.8, 25.2]) {
        assert!(close(*got, want), "{kg:?}");
    }
    assert!(c.rows.iter().all(|r| close(r.energy_kwh, 36.0)));
    assert!(close(c.baseline_kg, 10.8));
    assert!(close(c.max_kg, 25.2));
    assert_eq!(c.rows.iter().filter(|r| r.current).count(), 1);
    assert!(c.rows[2].current);
    assert!(c.rows[0].cleanest && c.rows.iter().filter(|r| r.cleanest).count() == 1);
    // Saving: 10.8 − 1.44 = 9.36 kg, 9.36 / 10.8 = 86.666… %.
    match c.advice {
        Advice::Switch { row, saving_kg, saving_fraction } => {
            assert_eq!(row, 0);
            assert!(close(saving_kg, 9.36));
            assert!(close(saving_fraction, 9.36 / 10.8));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        advice_sentence(&cat, &c),
        "Running in Amazon Web Services eu-north-1 (Stockholm, Sweden) instead would emit 86.7 % less (9.36 kg CO2eq)."
    );
}

#[test]
fn all_providers_use_the_zone_figure_on_one_basis_and_each_regions_own_pue() {
    let d = data();
    let cat = Catalogue::new(&d);
    let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
    let job = validate(&s, &d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::AllProviders));
    let find = |id: &str| c.rows.iter().find(|r| cat.places[r.place].id == id).copied().expect(id);
    // gcp europe-west9: France's 50 g/kWh like every other Paris region (Google's own
    // 20 g is on Google's method and is not a candidate's figure), fleet PUE 1.1:
    // 30 × 1.1 × 50 / 1000 = 1.65 kg.
    let paris = find("gcp:europe-west9");
    assert_eq!((paris.intensity_g_per_kwh, paris.pue), (50.0, 1.1));
    assert!(close(paris.emissions_kg, 1.65));
    assert_eq!(find("aws:eu-west-3").intensity_g_per_kwh, 50.0, "same zone, same number");
    // gcp us-east4: per-region PUE row 1.05, Virginia's 300 g: 30 × 1.05 × 300 / 1000 = 9.45 kg.
    let ashburn = find("gcp:us-east4");
    assert_eq!((ashburn.intensity_g_per_kwh, ashburn.pue), (300.0, 1.05));
    assert!(close(ashburn.emissions_kg, 9.45));
    assert_eq!(c.current_basis, None, "the job is on the comparison's basis");
    // gcp us-central9 has no city: its location falls back to the region name.
    assert_eq!(cat.places[find("gcp:us-central9").place].location, "Nowhere, United States");
    assert_eq!(c.rows.len(), 7);
    // Sweden's 40 g at AWS's PUE 1.2 (1.44 kg) beats Paris's 50 g at Google's 1.1 (1.65 kg).
    assert_eq!(ids(&cat, &c)[0], "aws:eu-north-1");
    assert_eq!(
        advice_sentence(&cat, &c),
        "Running in Amazon Web Services eu-north-1 (Stockholm, Sweden) instead would emit 86.7 % less (9.36 kg CO2eq)."
    );
    // Provider filter within all providers, current choice pinned.
    let mut q = Query::scope(Scope::AllProviders);
    q.provider = Some("gcp".into());
    let c = compare(&cat, &job, &s, &q);
    assert_eq!(ids(&cat, &c), ["gcp:europe-west9", "gcp:us-east4", "aws:us-east-1", "gcp:us-central9"]);
}

#[test]
fn zones_take_the_on_premises_pue_from_a_cloud_job_and_the_jobs_pue_on_premises() {
    let d = data();
    let cat = Catalogue::new(&d);
    // From the cloud: zones at the on-premises PUE 1.5 (30 × 1.5 = 45 kWh).
    let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
    let job = validate(&s, &d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::Zones));
    assert!(c.rows.iter().all(|r| !r.current && r.pue == 1.5));
    assert_eq!(c.rows.len(), 6);
    // Sweden: 45 × 40 / 1000 = 1.8 kg vs the AWS job's 10.8 kg: 83.3 % less.
    assert_eq!(ids(&cat, &c)[0], "SE");
    assert!(close(c.rows[0].emissions_kg, 1.8));
    assert_eq!(advice_sentence(&cat, &c), "Running in Sweden (Europe) instead would emit 83.3 % less (9 kg CO2eq).");

    // On premises in France with a typed PUE 1.2: every zone uses 1.2 (36 kWh).
    let mut s = form(LocationMode::Zone, "aws", "us-east-1", "FR");
    s.pue = "1.2".into();
    let job = validate(&s, &d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::Zones));
    assert!(c.rows.iter().all(|r| r.pue == 1.2));
    assert!(close(c.baseline_kg, 1.8));
    let cur = c.rows.iter().find(|r| r.current).expect("France is current");
    assert!(close(cur.emissions_kg, 1.8));
    // SE 1.44, FR 1.8, US-VA 10.8, US 14.4, WORLD 18, IN 25.2 kg.
    assert_eq!(ids(&cat, &c), ["SE", "FR", "US-VA", "US", "WORLD", "IN"]);
    assert_eq!(cat.places[c.rows[2].place].location, "United States");
    // Sweden 36 × 40 / 1000 = 1.44 kg: 20 % less, 0.36 kg = 360 g.
    assert_eq!(advice_sentence(&cat, &c), "Running in Sweden (Europe) instead would emit 20 % less (360 g CO2eq).");
}

#[test]
fn already_cleanest_nothing_cleaner_and_empty() {
    let d = data();
    let cat = Catalogue::new(&d);
    let s = form(LocationMode::Cloud, "aws", "eu-north-1", "");
    let job = validate(&s, &d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::Provider("aws".into())));
    assert_eq!(c.advice, Advice::AlreadyCleanest { row: 0 });
    assert!(c.rows[0].current && c.rows[0].cleanest);
    assert_eq!(
        advice_sentence(&cat, &c),
        "Your current choice, Amazon Web Services eu-north-1 (Stockholm, Sweden), is already the cleanest in view."
    );

    // The current choice is not in scope (zones) and only India matches: nothing cleaner.
    let mut q = Query::scope(Scope::Zones);
    q.text = "india".into();
    let c = compare(&cat, &job, &s, &q);
    assert_eq!(ids(&cat, &c), ["IN"]);
    assert_eq!(c.advice, Advice::NothingCleaner);
    assert_eq!(advice_sentence(&cat, &c), "None of the 1 location in view would emit less than your current choice.");

    q.text = "atlantis".into();
    let c = compare(&cat, &job, &s, &q);
    assert!(c.rows.is_empty());
    assert_eq!((c.advice, c.max_kg), (Advice::Empty, 0.0));
    assert_eq!(advice_sentence(&cat, &c), "No location matches these filters.");
}

#[test]
fn a_tie_with_the_current_choice_counts_as_already_cleanest() {
    // Sweden given France's 50 g/kWh, and chosen in the form.
    let zones = ZONES.replace("SE,Sweden,SE,country,Europe,40", "SE,Sweden,SE,country,Europe,50");
    let d = Dataset::parse(HARDWARE, &zones, REGIONS, PUE, EQUIVALENTS).expect("parses");
    let cat = Catalogue::new(&d);
    let s = form(LocationMode::Zone, "aws", "us-east-1", "SE");
    let job = validate(&s, &d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::Zones));
    // France and Sweden tie at 50 g: France sorts first by name, but the current
    // choice (Sweden) is the one marked cleanest.
    assert_eq!(ids(&cat, &c)[..2], ["FR", "SE"]);
    assert!(c.rows[1].current && c.rows[1].cleanest && !c.rows[0].cleanest);
    assert_eq!(c.advice, Advice::AlreadyCleanest { row: 1 });
}

#[test]
fn filters_by_continent_and_text_keep_the_current_choice() {
    let d = data();
    let cat = Catalogue::new(&d);
    let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
    let job = validate(&s, &d).expect("valid");
    let mut q = Query::scope(Scope::Provider("aws".into()));
    q.continent = Some("Europe".into());
    let c = compare(&cat, &job, &s, &q);
    assert_eq!(ids(&cat, &c), ["aws:eu-north-1", "aws:eu-west-3", "aws:us-east-1"]);
    q.continent = None;
    q.text = "  PARIS  ".into();
    let c = compare(&cat, &job, &s, &q);
    assert_eq!(ids(&cat, &c), ["aws:eu-west-3", "aws:us-east-1"]);
    q.text = "europe stockholm".into();
    assert_eq!(ids(&cat, &compare(&cat, &job, &s, &q)), ["aws:eu-north-1", "aws:us-east-1"]);
    assert_eq!(cat.continents(&Scope::Provider("aws".into())), ["Asia", "Europe", "North America"]);
    assert_eq!(cat.continents(&Scope::Zones), ["Asia", "Europe", "North America", "World"]);
}

#[test]
fn custom_intensity_has_no_current_bar_and_compares_with_the_estimate() {
    let d = data();
    let cat = Catalogue::new(&d);
    let mut s = form(LocationMode::Custom, "aws", "us-east-1", "");
    s.custom_intensity = "100".into();
    let job = validate(&s, &d).expect("valid");
    // 30 kWh × on-premises 1.5 × 100 g = 4.5 kg; zones at the job's PUE 1.5.
    let c = compare(&cat, &job, &s, &Query::scope(Scope::Zones));
    assert!(close(c.baseline_kg, 4.5));
    assert!(c.rows.iter().all(|r| !r.current));
    match c.advice {
        Advice::Switch { saving_kg, .. } => assert!(close(saving_kg, 4.5 - 45.0 * 40.0 / 1000.0)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn selecting_any_bar_makes_the_form_give_that_bars_emissions() {
    let d = data();
    let cat = Catalogue::new(&d);
    let mut typed = form(LocationMode::Cloud, "aws", "us-east-1", "");
    typed.pue = "1.3".into();
    let mut on_prem = form(LocationMode::Zone, "aws", "us-east-1", "FR");
    on_prem.pue = "1.4".into();
    let mut custom = form(LocationMode::Custom, "aws", "us-east-1", "");
    custom.custom_intensity = "123".into();
    let starts = [form(LocationMode::Cloud, "aws", "us-east-1", ""), typed, on_prem, custom];
    for start in &starts {
        let job = validate(start, &d).expect("valid");
        for scope in [Scope::AllProviders, Scope::Zones] {
            let c = compare(&cat, &job, start, &Query::scope(scope));
            for row in &c.rows {
                let mut s = start.clone();
                cat.places[row.place].target.apply(&mut s);
                let after = validate(&s, &d).expect("still valid").estimate().emissions_kg.central;
                assert_eq!(after, row.emissions_kg, "{} from {start:?}", cat.places[row.place].id);
            }
        }
    }
    // Selecting the current choice changes nothing, typed PUE included.
    let mut s = starts[1].clone();
    Target::Region { provider: "aws".into(), region: "us-east-1".into() }.apply(&mut s);
    assert_eq!(s, starts[1]);
    // Between on-premises zones the typed PUE stays.
    let mut s = starts[2].clone();
    Target::Zone("SE".into()).apply(&mut s);
    assert_eq!((s.location, s.zone.as_str(), s.pue.as_str()), (LocationMode::Zone, "SE", "1.4"));
}

#[test]
fn ids_round_trip_and_scaling() {
    let d = data();
    let cat = Catalogue::new(&d);
    for (i, p) in cat.places.iter().enumerate() {
        assert_eq!(cat.find_id(&p.id), Some(i));
    }
    assert_eq!(cat.find_id("aws:nowhere-1"), None);
    assert_eq!(cat.find_id(""), None);
    assert_eq!(bar_fraction(5.0, 20.0), 0.25);
    assert_eq!(bar_fraction(20.0, 20.0), 1.0);
    assert_eq!(bar_fraction(0.0, 20.0), 0.0);
    assert_eq!(bar_fraction(1.0, 0.0), 0.0);
    assert_eq!(bar_fraction(f64::NAN, 1.0), 0.0);
    assert_eq!(saving_percent(0.99999), "99.9 %");
    assert_eq!(saving_percent(1.0), "100 %");
    assert_eq!(saving_percent(0.8666666), "86.7 %");
}

#[test]
fn table_sorting() {
    let d = data();
    let cat = Catalogue::new(&d);
    let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
    let job = validate(&s, &d).expect("valid");
    let mut c = compare(&cat, &job, &s, &Query::scope(Scope::Provider("aws".into())));
    sort_rows(&cat, &mut c.rows, Column::Name, false);
    assert_eq!(ids(&cat, &c), ["aws:ap-south-1", "aws:eu-north-1", "aws:eu-west-3", "aws:us-east-1"]);
    sort_rows(&cat, &mut c.rows, Column::Emissions, true);
    assert_eq!(ids(&cat, &c), ["aws:ap-south-1", "aws:us-east-1", "aws:eu-west-3", "aws:eu-north-1"]);
    // Equal PUE everywhere: ties fall back to emissions ascending.
    sort_rows(&cat, &mut c.rows, Column::Pue, true);
    assert_eq!(ids(&cat, &c), ["aws:eu-north-1", "aws:eu-west-3", "aws:us-east-1", "aws:ap-south-1"]);
    sort_rows(&cat, &mut c.rows, Column::Continent, false);
    assert_eq!(ids(&cat, &c)[0], "aws:ap-south-1");
}

#[test]
fn embedded_tables_cover_every_region_and_zone() {
    let d = Dataset::embedded().expect("embedded tables");
    let cat = Catalogue::new(d);
    assert_eq!(cat.places.len(), d.regions.len() + d.zones.len());
    let s = FormState { hardware: CUSTOM.into(), custom_power: "1000".into(), ..FormState::default() };
    let job = validate(&s, d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::AllProviders));
    assert_eq!(c.rows.len(), d.regions.len());
    assert!(c.rows.windows(2).all(|w| w[0].emissions_kg <= w[1].emissions_kg));
    // The default choice (aws us-east-1) is current and matches the estimate exactly.
    let cur = c.rows.iter().find(|r| r.current).expect("current in view");
    assert_eq!(cur.emissions_kg, job.estimate().emissions_kg.central);
}

#[test]
fn with_the_real_tables_regions_in_one_state_get_one_number_on_each_basis() {
    let d = Dataset::embedded().expect("tables");
    let cat = Catalogue::new(d);
    let s = FormState::default();
    for basis in [Basis::Lifecycle, Basis::Direct] {
        let job = validate_on(&s, d, basis).expect("valid");
        let q = Query { basis, ..Query::scope(Scope::AllProviders) };
        let c = compare(&cat, &job, &s, &q);
        let virginia: Vec<(String, f64)> = c
            .rows
            .iter()
            .filter(|r| cat.places[r.place].zone_id == "US-VA")
            .map(|r| (cat.places[r.place].id.clone(), r.intensity_g_per_kwh))
            .collect();
        for provider in ["aws:", "azure:", "gcp:", "oci:"] {
            assert!(virginia.iter().any(|(id, _)| id.starts_with(provider)), "{provider} has a Virginia region");
        }
        assert!(virginia.windows(2).all(|w| w[0].1 == w[1].1), "{basis:?}: {virginia:?}");
        // Virginia publishes no direct figure: on the direct basis its bars say they fell back.
        assert!(c
            .rows
            .iter()
            .filter(|r| cat.places[r.place].zone_id == "US-VA")
            .all(|r| r.fallback == (basis == Basis::Direct)));
    }
}

#[test]
fn the_default_jobs_advice_is_true_on_one_basis() {
    // The default job (1 × A100 for 24 h in us-east-1) among AWS regions, lifecycle figures.
    let d = Dataset::embedded().expect("tables");
    let cat = Catalogue::new(d);
    let s = FormState::default();
    let job = validate(&s, d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::Provider("aws".into())));
    let Advice::Switch { row, saving_fraction, .. } = c.advice else { panic!("{:?}", c.advice) };
    let best = &c.rows[row];
    let place = &cat.places[best.place];
    // Every bar is a zone's lifecycle figure × the region's PUE: recompute the best one by hand.
    let zone = d.zone(&place.zone_id).expect("zone");
    let pue = d.region_pue(d.region("aws", &place.name).expect("region")).expect("pue").pue;
    let kwh = 400.0 * 24.0 * pue / 1000.0;
    assert!((best.emissions_kg - kwh * zone.intensity_g_per_kwh / 1000.0).abs() < 1e-12);
    assert!(saving_fraction < 0.995, "no saving of 99.7 % from comparing a combustion figure with lifecycle ones");
    println!("{}", advice_sentence(&cat, &c));
}

#[test]
fn a_job_on_the_providers_own_figure_is_marked_in_the_comparison() {
    let d = Dataset::embedded().expect("tables");
    let cat = Catalogue::new(d);
    let s = FormState {
        provider: "gcp".into(),
        region: "us-central1".into(),
        provider_figure: true,
        ..FormState::default()
    };
    let job = validate(&s, d).expect("valid");
    let c = compare(&cat, &job, &s, &Query::scope(Scope::AllProviders));
    assert_eq!(c.current_basis, Some(IntensityBasis::Provider));
    let current = c.rows.iter().find(|r| r.current).expect("current in view");
    assert_eq!(current.emissions_kg, job.estimate().emissions_kg.central, "the current bar is the estimate");
}
