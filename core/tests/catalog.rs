//! The lists the form offers (hardware, zones, CPUs, regions), their search,
//! the equivalents of an amount and the sentences shown beside the numbers.

use emissions_core::catalog::{self, Group};
use emissions_core::compare::{self, Catalogue, Query, Scope};
use emissions_core::data::{Basis, HardwareKind, ZoneKind};
use emissions_core::form::{FormState, LocationMode, NO_ACCELERATOR};
use emissions_core::job::{validate, validate_on};
use emissions_core::Dataset;

fn data() -> &'static Dataset {
    Dataset::embedded().expect("data")
}

fn ids<T>(groups: &[Group<'_, T>], id: impl Fn(&T) -> &str) -> Vec<String> {
    groups.iter().flat_map(|g| g.items.iter().map(|x| id(x).to_string())).collect()
}

#[test]
fn words_match_every_word_in_any_case() {
    let hay = "nvidia h100 sxm5 80gb gpu nvidia-h100-sxm";
    assert!(catalog::words_match(hay, ""));
    assert!(catalog::words_match(hay, "  "));
    assert!(catalog::words_match(hay, "H100 sxm"));
    assert!(catalog::words_match(hay, "sxm NVIDIA"));
    assert!(!catalog::words_match(hay, "h100 pcie"));
}

#[test]
fn hardware_is_grouped_by_vendor_and_kind_and_searched() {
    let d = data();
    let all = catalog::hardware_groups(d, "", "");
    assert_eq!(ids(&all, |h| &h.id).len(), d.hardware.len(), "an empty search lists everything");
    assert_eq!(catalog::hardware_count(d, ""), d.hardware.len());
    // Groups in table order, each named "vendor · kind", each row in its group.
    assert_eq!(all[0].label, format!("{} · {}", d.hardware[0].vendor, d.hardware[0].kind.label()));
    for g in &all {
        assert!(g.items.iter().all(|h| g.label == format!("{} · {}", h.vendor, h.kind.label())));
    }
    assert!(all.iter().any(|g| g.label == "AMD · CPU"));

    let h100 = catalog::hardware_groups(d, "h100 SXM", "");
    assert_eq!(ids(&h100, |h| &h.id), ["nvidia-h100-sxm"]);
    assert_eq!(catalog::hardware_count(d, "h100 SXM"), 1);
    // The current choice stays listed, in its own group and place.
    let kept = catalog::hardware_groups(d, "h100 sxm", "amd-epyc-7742");
    assert_eq!(ids(&kept, |h| &h.id), ["nvidia-h100-sxm", "amd-epyc-7742"]);
    assert_eq!(kept[1].label, "AMD · CPU");
    assert_eq!(catalog::hardware_count(d, "no such device"), 0);
    assert!(catalog::hardware_groups(d, "no such device", "").is_empty());
    // The kind label is searchable ("tpu" finds every TPU, whatever its name).
    let tpus = catalog::hardware_groups(d, "tpu", "");
    assert!(ids(&tpus, |h| &h.id).len() >= 2);
    assert!(tpus.iter().flat_map(|g| &g.items).all(|h| h.kind == HardwareKind::Tpu || h.name.contains("TPU")));
}

#[test]
fn a_devices_option_says_when_its_power_is_estimated() {
    let d = data();
    let h = |id: &str| d.hardware(id).expect(id);
    assert_eq!(catalog::hardware_option_label(h("nvidia-h100-sxm")), "H100 SXM5 80GB — 700 W");
    // Google publishes no TPU v5e power: the table's documented estimate, marked.
    let v5e = h("google-tpu-v5e");
    assert!(v5e.power_is_estimated());
    assert_eq!(catalog::hardware_option_label(v5e), format!("{} — ~124 W, estimated", v5e.name));
    assert_eq!(
        catalog::hardware_option_label(h("aws-graviton2")),
        format!("{} — power unpublished", h("aws-graviton2").name)
    );
    // Every estimated row, and only those, says so.
    for x in &d.hardware {
        let label = catalog::hardware_option_label(x);
        assert_eq!(label.ends_with(", estimated"), x.power_is_estimated(), "{label}");
        assert!(label.starts_with(&x.name), "{label}");
    }
}

#[test]
fn zones_list_countries_first_then_grid_regions_by_country() {
    let d = data();
    let all = catalog::zone_groups(d, "", "");
    assert_eq!(all[0].label, "Countries");
    assert_eq!(all[0].items[0].kind, ZoneKind::World, "the world average first");
    let names: Vec<&str> = all[0].items[1..].iter().map(|z| z.name.as_str()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "countries by name");
    assert!(all[0].items.iter().all(|z| z.kind != ZoneKind::Subnational));
    assert!(all.iter().any(|g| g.label == "United States: grid regions"));
    assert_eq!(ids(&all, |z| &z.zone_id).len(), d.zones.len(), "every zone once");

    let quebec = catalog::zone_groups(d, "quebec", "");
    assert_eq!(quebec.len(), 1, "no empty Countries group");
    assert_eq!(quebec[0].label, "Canada: grid regions");
    assert_eq!(ids(&quebec, |z| &z.zone_id), ["CA-QC"]);
    // Search by id and by continent; the current choice stays.
    assert_eq!(ids(&catalog::zone_groups(d, "CA-QC", ""), |z| &z.zone_id), ["CA-QC"]);
    assert!(ids(&catalog::zone_groups(d, "france", ""), |z| &z.zone_id).contains(&"FR".to_string()));
    let kept = catalog::zone_groups(d, "quebec", "FR");
    assert_eq!(ids(&kept, |z| &z.zone_id), ["FR", "CA-QC"]);
    assert!(catalog::zone_groups(d, "europe", "").iter().flat_map(|g| &g.items).all(|z| z.continent == "Europe"));
}

#[test]
fn cpus_and_regions() {
    let d = data();
    let cpus: Vec<_> = catalog::cpus(d).collect();
    assert!(!cpus.is_empty());
    for (h, w) in &cpus {
        assert_eq!(h.kind, HardwareKind::Cpu);
        assert_eq!(Some(*w), h.watts_per_core());
    }
    // AMD EPYC 7742: 225 W over 64 cores.
    assert!(cpus.iter().any(|(h, w)| h.id == "amd-epyc-7742" && *w == 225.0 / 64.0));

    let aws = catalog::regions_sorted(d, "aws");
    assert_eq!(aws.len(), d.regions_of("aws").count());
    assert!(aws.iter().all(|r| r.provider == "aws"));
    assert!(aws.windows(2).all(|w| w[0].region_code < w[1].region_code));
    assert!(catalog::regions_sorted(d, "nowhere").is_empty());
}

#[test]
fn equivalents_that_read_naturally() {
    let d = data();
    for grams in [0.5, 3_093.0, 1e6, 5e9] {
        let shown = d.equivalents_for(grams);
        assert!(shown.len() <= catalog::MAX_EQUIVALENTS);
        for (q, n) in &shown {
            assert_eq!(*n, grams / q.grams_co2e_per_unit);
            assert!((0.1..1e7).contains(n), "{grams} g as {n} {}", q.unit);
        }
        // In table order, and the first ones that fit.
        let fitting: Vec<&str> = d
            .equivalents
            .iter()
            .filter(|q| (0.1..1e7).contains(&(grams / q.grams_co2e_per_unit)))
            .take(catalog::MAX_EQUIVALENTS)
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(shown.iter().map(|(q, _)| q.id.as_str()).collect::<Vec<_>>(), fitting);
    }
    // 3.093 kg is 12.67 km in a car at 244.2 g/km.
    let car = d.equivalents_for(3_093.0).into_iter().find(|(q, _)| q.id == "car-km").expect("car-km");
    assert!((car.1 - 12.665).abs() < 1e-3);
    assert_eq!(catalog::equivalent_source(car.0).name, "US EPA");
    assert!(d.equivalents_for(0.0).is_empty());
}

#[test]
fn every_equivalent_names_its_publisher() {
    for q in &data().equivalents {
        assert!(!q.publisher.is_empty(), "{}", q.id);
        assert_eq!(catalog::equivalent_source(q).name, q.publisher);
    }
}

#[test]
fn the_range_sentence_is_the_statement_s() {
    let d = data();
    // The default job: 100 % utilization (band 85–100 %), AWS PUE 1.14 (1.04–1.25).
    let job = validate(&FormState::default(), d).expect("valid");
    assert_eq!(
        catalog::range_assumptions(&job),
        "The range combines an accelerator utilization of 85–100 % (±15 points) with a PUE of 1.04–1.25; the grid intensity is an annual average."
    );
    let host_only = FormState {
        hardware: NO_ACCELERATOR.into(),
        cpu_cores: "4".into(),
        location: LocationMode::Custom,
        custom_intensity: "100".into(),
        pue: "1.2".into(),
        ..FormState::default()
    };
    let job = validate(&host_only, d).expect("valid");
    let s = catalog::range_assumptions(&job);
    assert!(s.starts_with("The range combines a PUE of "), "{s}");
    assert!(!s.contains("utilization"));
}

#[test]
fn the_comparison_summary_names_the_pue_compare_uses() {
    let d = data();
    let cat = Catalogue::new(d);
    let form = FormState::default();
    let job = validate(&form, d).expect("valid");
    let scope = Scope::Provider("aws".into());
    let cmp = compare::compare(&cat, &job, &form, &Query::scope(scope.clone()));
    let s = catalog::comparison_summary(d, &job, &form, &scope, &cmp);
    // 400 W × 24 h = 9.6 kWh of IT energy; × AWS PUE 1.14 × Virginia 349.06 g/kWh (lifecycle) = 3.820 kg.
    assert_eq!(
        s,
        format!(
            "{} locations in view, cleanest first. Each bar: this job's 9.6 kWh of IT energy × the region's own published PUE × the location's lifecycle grid intensity (Ember's method). Your current estimate: 3.82 kg.",
            cmp.rows.len()
        )
    );
    let zones = compare::compare(&cat, &job, &form, &Query::scope(Scope::Zones));
    let s = catalog::comparison_summary(d, &job, &form, &Scope::Zones, &zones);
    assert!(s.contains("× an on-premises data centre's PUE (1.56, industry average) ×"), "{s}");
    let on_prem =
        FormState { location: LocationMode::Zone, zone: "FR".into(), pue: "1.3".into(), ..FormState::default() };
    let job = validate(&on_prem, d).expect("valid");
    let zones = compare::compare(&cat, &job, &on_prem, &Query::scope(Scope::Zones));
    let s = catalog::comparison_summary(d, &job, &on_prem, &Scope::Zones, &zones);
    assert!(s.contains("× your PUE (1.3) ×"), "{s}");
}

#[test]
fn the_comparison_summary_names_its_basis_and_marks_the_rows_off_it() {
    let d = data();
    let cat = Catalogue::new(d);
    let form = FormState::default();
    // Direct: every AWS region whose zone publishes no direct figure is marked *.
    let job = validate_on(&form, d, Basis::Direct).expect("valid");
    let q = Query { basis: Basis::Direct, ..Query::scope(Scope::Provider("aws".into())) };
    let cmp = compare::compare(&cat, &job, &form, &q);
    let without_direct = d
        .regions
        .iter()
        .filter(|r| r.provider == "aws")
        .filter(|r| d.zone(&r.zone_id).expect("zone").direct_g_per_kwh.is_none())
        .count();
    assert!(without_direct > 1, "some AWS zones publish no direct figure ({without_direct})");
    assert_eq!(cmp.rows.iter().filter(|r| catalog::row_mark(&cmp, r) == "*").count(), without_direct);
    let s = catalog::comparison_summary(d, &job, &form, &Scope::Provider("aws".into()), &cmp);
    assert!(s.contains("× the location's direct grid intensity (combustion or scope 2)."), "{s}");
    assert!(
        s.ends_with(&format!(
            " * {without_direct} locations publish no direct figure: their lifecycle figure is shown."
        )),
        "{s}"
    );
    assert!(!s.contains('†'), "the job is on the comparison's basis: {s}");

    // The provider's own figure: the current bar is marked † and the summary says why.
    let gcp = FormState {
        provider: "gcp".into(),
        region: "us-central1".into(),
        provider_figure: true,
        ..FormState::default()
    };
    let job = validate(&gcp, d).expect("valid");
    let cmp = compare::compare(&cat, &job, &gcp, &Query::scope(Scope::Provider("gcp".into())));
    let current = cmp.rows.iter().find(|r| r.current).expect("current");
    assert_eq!(catalog::row_mark(&cmp, current), "†");
    assert_eq!(cmp.rows.iter().filter(|r| !catalog::row_mark(&cmp, r).is_empty()).count(), 1);
    let s = catalog::comparison_summary(d, &job, &gcp, &Scope::Provider("gcp".into()), &cmp);
    assert!(
        s.ends_with(" † Your choice uses the provider's own figure, not the lifecycle figure of the other bars: compare it with care."),
        "{s}"
    );
}

#[test]
fn a_zones_option_names_the_basis_of_its_figure() {
    let d = data();
    let fr = d.zone("FR").expect("France");
    assert!(fr.direct_g_per_kwh.is_none(), "France publishes no direct figure here");
    let v = format_sig4(fr.intensity_g_per_kwh);
    assert_eq!(
        catalog::zone_option_label(fr, Basis::Lifecycle),
        format!("France — {v} g/kWh (lifecycle, {})", fr.year)
    );
    assert_eq!(
        catalog::zone_option_label(fr, Basis::Direct),
        format!("France — {v} g/kWh (lifecycle: no direct figure, {})", fr.year)
    );
    let with_direct = d.zones.iter().find(|z| z.direct_g_per_kwh.is_some()).expect("a zone with a direct figure");
    let direct = with_direct.direct_g_per_kwh.expect("direct");
    assert_eq!(
        catalog::zone_option_label(with_direct, Basis::Direct),
        format!(
            "{} — {} g/kWh (direct, {})",
            with_direct.name,
            format_sig4(direct),
            with_direct.direct_year.expect("year")
        )
    );
}

/// Four significant digits, as the list shows them, computed independently of `format`.
fn format_sig4(v: f64) -> String {
    let digits = 3 - v.abs().log10().floor() as i32;
    let s = format!("{:.*}", digits.max(0) as usize, v);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[test]
fn the_best_match_is_exact_then_prefix_then_word_then_first() {
    let hw = [
        ("nvidia-h100-pcie", "H100 PCIe 80GB — 350 W"),
        ("nvidia-h100-sxm", "H100 SXM5 80GB — 700 W"),
        ("nvidia-h100-nvl", "H100 NVL 94GB — 400 W"),
    ];
    assert_eq!(catalog::best_match(hw, "h100 sxm"), Some(1));
    assert_eq!(catalog::best_match(hw, "H100"), Some(0), "a tie goes to list order");
    assert_eq!(catalog::best_match(hw, "nvidia-h100-nvl"), Some(2), "an exact key wins");
    let zones =
        [("AU", "Australia — 552 g/kWh"), ("US", "United States — 384 g/kWh"), ("US-VA", "Virginia — 349 g/kWh")];
    assert_eq!(catalog::best_match(zones, "us"), Some(1), "not Australia, which merely contains it");
    assert_eq!(catalog::best_match(zones, "virg"), Some(2));
    assert_eq!(catalog::best_match(zones, "states"), Some(1), "a word that starts with it");
    assert_eq!(catalog::best_match(zones, ""), Some(0));
    assert_eq!(catalog::best_match([], "x"), None);
}

#[test]
fn the_compute_facts_beside_the_form() {
    use emissions_core::data::Precision;
    use emissions_core::form::{JobBy, CUSTOM};
    let d = data();
    // 6 × 7e9 × 2e12 = 8.4e22 FLOP on 256 × H100 SXM (989 TFLOP/s BF16) at 40 % MFU:
    // 8.4e22 / (989e12 × 0.4) / 3600 = 58,982.14 device-hours (39,321.4 at 60 %, 117,964.3 at 20 %),
    // ÷ 256 = 230.40 h = 9.6 days (153.6–460.8 h).
    let by_compute = FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "256".into(),
        job_by: JobBy::Compute,
        params: "7".into(),
        tokens: "2000".into(),
        mfu: "40".into(),
        ..FormState::default()
    };
    let job = validate(&by_compute, d).expect("valid");
    assert_eq!(
        catalog::compute_facts(&job, Precision::Bf16),
        "8.4 × 10^22 FLOP (6 × 7 billion parameters × 2,000 billion tokens) at an MFU of 40 % (range 20–60 %) of the BF16 peak, 989 TFLOP/s per device: 58,982 device-hours (range 39,321–117,964), that is 230.4 h (9.6 days) of wall-clock time on 256 devices (range 153.6–460.8 h)."
    );
    let entered = FormState { flops: "1e21".into(), devices: "1".into(), ..by_compute.clone() };
    let job = validate(&entered, d).expect("valid");
    // 1e21 / (989e12 × 0.4) / 3600 = 702.2 h on one device.
    assert!(catalog::compute_facts(&job, Precision::Bf16)
        .starts_with("1 × 10^21 FLOP at an MFU of 40 % (range 20–60 %) of the BF16 peak, 989 TFLOP/s per device: 702.2 device-hours (range 468.1–1,404), that is 702.2 h (29.3 days) of wall-clock time on 1 device"));

    // 8 × A100 SXM4 80GB for 72 h: 576 device-hours × 3600 × 312e12 × 0.4 = 2.588e20 FLOP (1.294e20 at 20 %, 3.882e20 at 60 %).
    let by_time = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        devices: "8".into(),
        duration: "72".into(),
        ..FormState::default()
    };
    let job = validate(&by_time, d).expect("valid");
    assert_eq!(
        catalog::compute_facts(&job, Precision::Bf16),
        "576 device-hours at an MFU of 40 % (range 20–60 %) of the BF16 peak, 312 TFLOP/s per device, perform about 2.59 × 10^20 FLOP (range 1.29 × 10^20 – 3.88 × 10^20)."
    );
    // Without a throughput figure the FLOPs are not derived, and the line says why.
    let k80 = FormState { hardware: "nvidia-k80".into(), ..by_time.clone() };
    let job = validate(&k80, d).expect("valid by time");
    assert_eq!(
        catalog::compute_facts(&job, Precision::Bf16),
        "The FLOPs are not derived: no dense BF16 peak throughput is published for this device."
    );
    let custom = FormState { hardware: CUSTOM.into(), custom_power: "300".into(), ..by_time.clone() };
    let job = validate(&custom, d).expect("valid");
    assert!(catalog::compute_facts(&job, Precision::Bf16).starts_with("Enter the device's peak throughput"));
    let none = FormState { hardware: NO_ACCELERATOR.into(), host: true, cpu_cores: "8".into(), ..by_time };
    assert_eq!(catalog::compute_facts(&validate(&none, d).expect("valid"), Precision::Bf16), "");
}

#[test]
fn the_hardware_comparison_summary_names_what_each_bar_holds() {
    use emissions_core::compare_hardware::{compare_hardware, Query};
    use emissions_core::data::Precision;
    let d = data();
    let form = FormState {
        hardware: "nvidia-a100-sxm4-80gb".into(),
        devices: "8".into(),
        duration: "72".into(),
        ..FormState::default()
    };
    let job = validate(&form, d).expect("valid");
    let c = compare_hardware(d, &job, &Query::new(Precision::Bf16)).expect("comparison");
    let s = catalog::hardware_comparison_summary(&job, Precision::Bf16, &c);
    assert!(s.starts_with(&format!("{} accelerators in view, cleanest first. Each bar: the work this job's hours performed, 2.59 × 10^20 FLOP on 8 of each device at an MFU of 40 % of its dense BF16 peak (FP16 where it publishes only that), at its power × 100 % utilization × PUE {} × {} gCO2eq/kWh. Your current estimate: {}.",
        c.rows.len(),
        emissions_core::format::plain(job.pue.value),
        emissions_core::format::significant(job.location.intensity_g_per_kwh, 4),
        emissions_core::format::mass_kg(job.estimate().emissions_kg.central))), "{s}");
    assert!(c.rows.iter().any(|r| r.estimated_power), "fixture: TPUs and Trainium have estimated powers");
    assert!(s.contains(" ~ marks a power estimated from published figures (no vendor rating)."));
    assert!(s.ends_with("The same MFU everywhere is an assumption: newer devices often run at a lower one."));
}
