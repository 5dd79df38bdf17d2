//! Every row of every factor table is validated here.

use emissions_core::data::{
    Basis, Dataset, EmbodiedIncludes, HardwareKind, LifecycleMethod, PowerBasis, Precision, ThroughputStatus, ZoneKind,
    CONSISTENCY_TOLERANCE, DATA_VERSION, DATA_YEAR,
};
use std::collections::BTreeMap;

fn data() -> &'static Dataset {
    match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => panic!("embedded tables do not parse: {e}"),
    }
}

#[test]
fn tables_parse_and_have_no_problems() {
    let problems = data().problems();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_embedded_tables_are_the_csv_text_read_as_csv() {
    // The binaries carry the compact form that core/build.rs writes (crate::tables);
    // reading the CSV text with the csv crate is the reference.
    let csv = Dataset::from_csv().expect("data/*.csv parse as CSV");
    let embedded = data();
    assert_eq!(embedded.hardware, csv.hardware);
    assert_eq!(embedded.zones, csv.zones);
    assert_eq!(embedded.regions, csv.regions);
    assert_eq!(embedded.pue, csv.pue);
    assert_eq!(embedded.equivalents, csv.equivalents);
    assert_eq!(embedded.embodied, csv.embodied);
    assert_eq!(embedded.mix, csv.mix);
    assert_eq!(embedded.factors, csv.factors);
    assert_eq!(*embedded, csv);
}

#[test]
fn the_table_files_are_the_csv_files_of_data() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("data/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = emissions_core::data::TABLE_FILES.iter().map(|f| f.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn table_sizes_meet_the_targets() {
    let c = data().counts();
    println!("{c:#?}");
    assert!(c["hardware (accelerators)"] >= 60, "{c:?}");
    assert!(c["grid_zones (countries)"] >= 200, "{c:?}");
    for provider in ["aws", "gcp", "azure", "oci"] {
        let n = data().regions_of(provider).count();
        assert!(n >= 20, "{provider} has only {n} regions");
    }
    assert!(c["equivalents"] >= 4);
}

#[test]
fn problems_are_detected_not_ignored() {
    // The validator must reject bad rows; otherwise the test above proves nothing.
    let mut d = data().clone();
    d.regions[0].zone_id = "NOWHERE".into();
    d.zones[1].intensity_g_per_kwh = -4.0;
    d.hardware.push(d.hardware[0].clone());
    d.pue[0].pue_low = 0.5;
    d.equivalents[0].source_url = String::new();
    let p = d.problems();
    assert!(p.iter().any(|m| m.contains("zone \"NOWHERE\" has no intensity")), "{p:?}");
    assert!(p.iter().any(|m| m.contains("implausible intensity -4")), "{p:?}");
    assert!(p.iter().any(|m| m.contains("duplicate id")), "{p:?}");
    assert!(p.iter().any(|m| m.contains("needs 1 <= low <= pue")), "{p:?}");
    assert!(p.iter().any(|m| m.contains("missing source URL or year")), "{p:?}");
}

#[test]
fn grid_problems_are_detected_not_ignored() {
    let zone = |d: &mut Dataset, id: &str| d.zones.iter().position(|z| z.zone_id == id).expect(id);
    let mut d = data().clone();
    // A lifecycle value below the direct one needs a label.
    let qc = zone(&mut d, "CA-QC");
    d.zones[qc].direct_g_per_kwh = Some(500.0);
    // A computed value that no longer matches its mix.
    let va = zone(&mut d, "US-VA");
    d.zones[va].intensity_g_per_kwh += 1.0;
    // A country whose zones no longer average to it.
    let au = zone(&mut d, "AU");
    d.zones[au].intensity_g_per_kwh *= 1.1;
    // A mix row whose factor is not the one in grid_factors.csv.
    let m = d.mix.iter().position(|m| m.zone_id == "IN-MH" && m.fuel == "coal").expect("IN-MH coal");
    d.mix[m].factor_g_per_kwh = 1.0;
    // A factor year past the data year + 1.
    d.factors[0].year = DATA_YEAR + 2;
    let p = d.problems();
    let has = |s: &str| p.iter().any(|m| m.contains(s));
    assert!(has("zone CA-QC: lifecycle 24.34 below direct 500 without a labelled correction"), "{p:?}");
    assert!(has("zone US-VA: lifecycle 350.06 but grid_mix.csv gives 349.06"), "{p:?}");
    assert!(has("zone AU: generation-weighted mean of its 7 sub-national zones"), "{p:?}");
    assert!(has("grid_mix IN-MH/coal: factor 1 but grid_factors.csv has 909.7"), "{p:?}");
    assert!(has("needs a source URL, a year and status"), "{p:?}");
    // A source dated DATA_YEAR + 1 is fine (e.g. a factors edition for the coming year).
    let mut d = data().clone();
    d.factors[0].year = DATA_YEAR + 1;
    assert!(d.problems().is_empty(), "{:?}", d.problems());
    assert_eq!(DATA_VERSION, "2026.12");
}

#[test]
fn known_reference_errors_are_fixed() {
    let w = |id: &str| data().hardware(id).and_then(|h| h.power_w);
    assert_eq!(w("nvidia-v100-pcie-16gb"), Some(250.0));
    assert_eq!(w("nvidia-v100-sxm2-16gb"), Some(300.0));
    assert_eq!(w("nvidia-a100-pcie-80gb"), Some(300.0));
    assert_eq!(w("nvidia-h100-sxm"), Some(700.0));
}

#[test]
fn required_hardware_is_listed() {
    let names: Vec<String> = data().hardware.iter().map(|h| format!("{} {}", h.vendor, h.name)).collect();
    for needle in [
        "V100",
        "A100 PCIe 40",
        "A100 PCIe 80",
        "A100 SXM4 40",
        "A100 SXM4 80",
        "A10",
        "A10G",
        "A30",
        "A40",
        "T4",
        "L4",
        "L40S",
        "H100 PCIe",
        "H100 SXM",
        "H100 NVL",
        "H200",
        "B200",
        "GB200",
        "RTX 3090",
        "RTX 4090",
        "RTX 5090",
        "MI250X",
        "MI300X",
        "MI325X",
        "MI355X",
        "Gaudi 2",
        "Gaudi 3",
        "TPU v2",
        "TPU v3",
        "TPU v4",
        "Apple M",
        "EPYC",
        "Xeon",
    ] {
        assert!(names.iter().any(|n| n.contains(needle)), "no hardware named like {needle:?}");
    }
    // Unpublished power is stated, never invented.
    for h in &data().hardware {
        if h.power_basis == PowerBasis::Unpublished {
            assert!(h.power_w.is_none() && !h.note.is_empty(), "{}", h.id);
        }
    }
    assert!(data().hardware.iter().any(|h| h.kind == HardwareKind::Cpu && h.watts_per_core().is_some()));
}

#[test]
fn every_cloud_region_joins_to_a_zone_with_an_intensity() {
    let d = data();
    for r in &d.regions {
        let z = d.zone(&r.zone_id);
        assert!(z.is_some(), "{}:{} → {}", r.provider, r.region_code, r.zone_id);
        assert!(d.region_pue(r).is_some());
    }
    for provider in ["aws", "gcp", "azure", "oci"] {
        assert!(d.regions_of(provider).all(|r| d.region_intensity(r, Basis::Lifecycle).is_some()), "{provider}");
    }
    // Google's own 2024 figure for us-central1 is kept beside the zone value.
    let gcp = d.region("gcp", "us-central1");
    assert_eq!(gcp.and_then(|r| r.provider_intensity_g_per_kwh), Some(412.72));
    assert_eq!(gcp.and_then(|r| r.provider_cfe), Some(0.87));
}

#[test]
fn cloud_regions_join_the_finest_zone_on_the_one_basis() {
    let d = data();
    let zone = |p: &str, r: &str| d.region(p, r).map(|r| r.zone_id.as_str()).unwrap_or("missing");
    for (p, r, z) in [
        ("aws", "us-east-1", "US-VA"),
        ("azure", "eastus", "US-VA"),
        ("gcp", "us-east4", "US-VA"),
        ("oci", "us-ashburn-1", "US-VA"),
        ("aws", "us-east-2", "US-OH"),
        ("gcp", "us-east5", "US-OH"),
        ("aws", "us-west-2", "US-OR"),
        ("gcp", "us-west1", "US-OR"),
        ("gcp", "us-central1", "US-IA"),
        ("azure", "centralus", "US-IA"),
        ("azure", "westcentralus", "US-WY"),
        ("gcp", "us-west4", "US-NV"),
        ("aws", "us-gov-west-1", "US"),
        ("oci", "us-somerset-1", "US"),
        ("aws", "ca-central-1", "CA-QC"),
        ("gcp", "northamerica-northeast1", "CA-QC"),
        ("azure", "canadacentral", "CA-ON"),
        ("aws", "ca-west-1", "CA-AB"),
        ("aws", "ap-southeast-2", "AU-NSW"),
        ("azure", "australiacentral", "AU-NSW"),
        ("aws", "ap-southeast-4", "AU-VIC"),
        ("aws", "ap-south-1", "IN-MH"),
        ("gcp", "asia-south2", "IN-DL"),
        ("oci", "ap-hyderabad-1", "IN-TG"),
        ("gcp", "europe-west9", "FR"),
        ("aws", "eu-west-3", "FR"),
    ] {
        assert_eq!(zone(p, r), z, "{p}:{r}");
    }
    // Every region whose disclosed state has a zone joins that zone (the ACT is counted with NSW).
    for r in &d.regions {
        let sub = if r.subdivision == "AU-ACT" { "AU-NSW" } else { r.subdivision.as_str() };
        if ["US", "CA", "AU", "IN"].contains(&r.country_iso2.as_str()) && d.zone(sub).is_some() {
            assert_eq!(r.zone_id, sub, "{}:{}", r.provider, r.region_code);
        } else if d.zone(sub).is_none() {
            assert_eq!(r.zone_id, r.country_iso2, "{}:{}", r.provider, r.region_code);
        }
    }
    // No eGRID subregion zones any more: they have no lifecycle value on the one basis.
    assert!(d.zones.iter().all(|z| !z.zone_id.starts_with("US-EGRID-")));
}

#[test]
fn regions_in_one_zone_get_one_number_per_basis() {
    let d = data();
    for basis in Basis::ALL {
        let mut by_zone: BTreeMap<&str, Vec<(String, f64, u16)>> = BTreeMap::new();
        for r in &d.regions {
            let v = d.region_intensity(r, basis).expect("joins");
            by_zone.entry(r.zone_id.as_str()).or_default().push((
                format!("{}:{}", r.provider, r.region_code),
                v.value,
                v.year,
            ));
        }
        for (zone, regions) in by_zone {
            let (_, v0, y0) = &regions[0];
            for (r, v, y) in &regions {
                assert!(
                    v == v0 && y == y0,
                    "{zone} {basis:?}: {r} gives {v} ({y}), {} gives {v0} ({y0})",
                    regions[0].0
                );
            }
        }
    }
    // AWS, Azure, Google and Oracle in Virginia: the same figure on each basis.
    let va: Vec<f64> = ["aws:us-east-1", "azure:eastus", "gcp:us-east4", "oci:us-ashburn-1"]
        .iter()
        .map(|k| {
            let (p, r) = k.split_once(':').expect("key");
            d.region_intensity(d.region(p, r).expect(k), Basis::Lifecycle).expect(k).value
        })
        .collect();
    assert!(va.windows(2).all(|w| w[0] == w[1]), "{va:?}");
}

#[test]
fn every_zone_has_a_lifecycle_value_and_direct_ones_have_their_own_source() {
    let d = data();
    for z in &d.zones {
        let l = z.intensity(Basis::Lifecycle);
        assert!(l.value > 0.0 && !l.fallback && l.basis == Basis::Lifecycle, "{}", z.zone_id);
        assert!(l.source_url.starts_with("https://") && !l.basis_text.is_empty() && l.year >= 2020, "{}", z.zone_id);
        let direct = z.intensity(Basis::Direct);
        match z.direct() {
            Some(x) => {
                assert_eq!(direct, x, "{}", z.zone_id);
                assert!(!direct.fallback && direct.source_url.starts_with("https://") && !direct.basis_text.is_empty());
            }
            // Documented fallback: no direct figure published, the lifecycle value is shown.
            None => {
                assert!(direct.fallback && direct.basis == Basis::Lifecycle && direct.value == l.value, "{}", z.zone_id)
            }
        }
        if z.kind == ZoneKind::Subnational {
            assert!(!z.parent_zone.is_empty() && z.generation_gwh.is_some(), "{}", z.zone_id);
            assert!(z.lifecycle_method.from_mix(), "{}", z.zone_id);
        }
    }
    let c = d.counts();
    println!("{c:#?}");
    assert_eq!(c["grid_zones (sub-national)"], 52 + 13 + 7 + 32, "US states+DC+PR, CA, AU, IN");
}

#[test]
fn lifecycle_is_never_below_direct_unless_labelled() {
    let d = data();
    let mut labelled = Vec::new();
    for z in &d.zones {
        let Some(direct) = z.direct() else { continue };
        if z.intensity_g_per_kwh < direct.value {
            assert!(!z.correction.is_empty(), "{}: {} < {}", z.zone_id, z.intensity_g_per_kwh, direct.value);
            labelled.push(z.zone_id.as_str());
        }
        if z.lifecycle_method == LifecycleMethod::ZoneMixFloor {
            assert_eq!(z.intensity_g_per_kwh, direct.value, "{}", z.zone_id);
            assert!(z.correction.starts_with("floor:"), "{}", z.zone_id);
        }
    }
    // Only Australian states stay below, against a consumption-based scope 2 figure.
    assert!(labelled.iter().all(|z| z.starts_with("AU-")), "{labelled:?}");
    let floors: Vec<&str> = d
        .zones
        .iter()
        .filter(|z| z.lifecycle_method == LifecycleMethod::ZoneMixFloor)
        .map(|z| z.zone_id.as_str())
        .collect();
    assert_eq!(floors, ["CA-NS", "CA-NU", "US-PR"]);
    assert!(d.zone("AU-VIC").is_some_and(|z| z.correction.starts_with("brown-coal split")));
}

#[test]
fn computed_values_recompute_from_the_shipped_mix_and_factors() {
    let d = data();
    let factor = |set: &str, fuel: &str| {
        d.factors.iter().find(|f| f.factor_set == set && f.fuel == fuel).map(|f| f.g_co2e_per_kwh)
    };
    let mut n = 0;
    for z in d.zones.iter().filter(|z| z.lifecycle_method.from_mix()) {
        let (mut e, mut g) = (0.0, 0.0);
        for m in d.mix_of(&z.zone_id) {
            // The factor is looked up in grid_factors.csv, not taken from the mix row.
            let f =
                factor(&m.factor_set, &m.fuel).unwrap_or_else(|| panic!("{} {} {}", z.zone_id, m.factor_set, m.fuel));
            e += m.generation_gwh * m.scale * f;
            g += m.generation_gwh * m.scale;
        }
        let computed = (e / g * 100.0).round() / 100.0;
        assert!((g - z.generation_gwh.expect("weight")).abs() < 0.1, "{}", z.zone_id);
        if z.lifecycle_method == LifecycleMethod::ZoneMixFloor {
            assert!(computed < z.intensity_g_per_kwh, "{}", z.zone_id);
        } else {
            assert!(
                (computed - z.intensity_g_per_kwh).abs() < 1e-9,
                "{}: {computed} vs {}",
                z.zone_id,
                z.intensity_g_per_kwh
            );
        }
        n += 1;
    }
    assert_eq!(n, 4 + 104);
    // Ember's implied factors are emissions / generation from Ember's own country data.
    for f in d.factors.iter().filter(|f| f.factor_set.starts_with("ember-2024-") && f.emissions_mt.is_some()) {
        let implied = f.emissions_mt.unwrap_or(0.0) / f.generation_twh.unwrap_or(1.0) * 1000.0;
        assert!((implied - f.g_co2e_per_kwh).abs() <= 0.15, "{} {}: {implied}", f.factor_set, f.fuel);
    }
}

#[test]
fn subnational_zones_average_to_their_country() {
    let d = data();
    let c = d.consistency();
    println!("country  zones  generation_GWh  weighted_mean  country_value  deviation  lowest / highest zone");
    for x in &c {
        println!(
            "{:7} {:6} {:15.0} {:14.2} {:14.2} {:+9.2}%  {} {:.2} / {} {:.2}",
            x.country,
            x.zones,
            x.generation_gwh,
            x.weighted_mean,
            x.country_value,
            x.deviation * 100.0,
            x.lowest.0,
            x.lowest.1,
            x.highest.0,
            x.highest.1
        );
    }
    let worst = c.iter().max_by(|a, b| a.deviation.abs().total_cmp(&b.deviation.abs())).expect("countries");
    println!("worst case: {} {:+.2} %", worst.country, worst.deviation * 100.0);
    let countries: Vec<&str> = c.iter().map(|x| x.country.as_str()).collect();
    assert_eq!(countries, ["AU", "CA", "IN", "US"]);
    for x in &c {
        assert!(x.deviation.abs() <= CONSISTENCY_TOLERANCE, "{x:?}");
    }
}

#[test]
fn headline_regions_on_both_bases() {
    let d = data();
    println!("region                        zone    lifecycle (year)   direct (year, or fallback)   provider figure");
    for (p, r) in [
        ("aws", "us-east-1"),
        ("azure", "eastus"),
        ("gcp", "us-east4"),
        ("oci", "us-ashburn-1"),
        ("aws", "ca-central-1"),
        ("azure", "canadacentral"),
        ("aws", "ap-southeast-2"),
        ("aws", "ap-southeast-4"),
        ("aws", "ap-south-1"),
        ("gcp", "asia-south2"),
        ("gcp", "europe-west9"),
        ("gcp", "us-central1"),
        ("aws", "us-west-2"),
    ] {
        let region = d.region(p, r).expect(r);
        let l = d.region_intensity(region, Basis::Lifecycle).expect(r);
        let x = d.region_intensity(region, Basis::Direct).expect(r);
        let direct = if x.fallback { "none published".to_string() } else { format!("{} ({})", x.value, x.year) };
        println!(
            "{:29} {:7} {:>8} ({})   {:28} {}",
            format!("{p}:{r}"),
            region.zone_id,
            l.value,
            l.year,
            direct,
            region.provider_intensity_g_per_kwh.map(|v| v.to_string()).unwrap_or_default()
        );
    }
    // The comparison that motivated the change: Quebec vs Virginia on one basis.
    let qc = d.zone("CA-QC").expect("QC");
    let va = d.zone("US-VA").expect("VA");
    assert!(qc.intensity_g_per_kwh > 20.0 && qc.intensity_g_per_kwh < 30.0, "{}", qc.intensity_g_per_kwh);
    assert!(va.intensity_g_per_kwh / qc.intensity_g_per_kwh < 20.0);
    assert_eq!(qc.intensity(Basis::Direct).value, 1.2, "NIR 2022 generation intensity");
}

#[test]
fn countries_use_latest_ember_year_and_known_values() {
    let d = data();
    let fr = d.zone("FR").map(|z| (z.kind, z.year, z.intensity_g_per_kwh, z.lifecycle_method));
    assert_eq!(fr, Some((ZoneKind::Country, 2024, 44.18, LifecycleMethod::Published)), "France, Ember 2024 via OWID");
    let world = d.zone("WORLD").map(|z| z.intensity_g_per_kwh);
    assert_eq!(world, Some(473.01));
    // The four countries with sub-national zones are on the factors' Ember revision.
    let us = d.zone("US").expect("US");
    assert_eq!((us.intensity_g_per_kwh, us.lifecycle_method), (383.55, LifecycleMethod::CountryMix));
    // eGRID2022 US 823.149 lb/MWh × 0.45359237 = 373.37 g/kWh (CO2 only).
    assert_eq!(us.direct().map(|x| (x.value, x.year)), Some((373.37, 2022)));
    // ECCC NIR 2024: Alberta 2022 generation intensity 470 g CO2e/kWh.
    assert_eq!(d.zone("CA-AB").and_then(|z| z.direct()).map(|x| (x.value, x.year)), Some((470.0, 2022)));
    // NGA 2025 scope 2, Victoria 0.78 kg/kWh.
    assert_eq!(d.zone("AU-VIC").and_then(|z| z.direct()).map(|x| (x.value, x.year)), Some((780.0, 2025)));
    assert!(d.zone("IN-MH").is_some_and(|z| z.direct().is_none()));
}

/// Current data-centre accelerators: each has a dense BF16 peak, or an empty
/// cell whose reason is written on the row (and in data/README.md).
#[test]
fn current_data_centre_accelerators_have_bf16_or_a_reason() {
    let with_bf16 = [
        "nvidia-a100-pcie-40gb",
        "nvidia-a100-pcie-80gb",
        "nvidia-a100-sxm4-40gb",
        "nvidia-a100-sxm4-80gb",
        "nvidia-h100-pcie",
        "nvidia-h100-sxm",
        "nvidia-h100-nvl",
        "nvidia-h200-sxm",
        "nvidia-b200",
        "nvidia-b300",
        "nvidia-gb200-gpu",
        "nvidia-gb300-gpu",
        "nvidia-l4",
        "nvidia-l40s",
        "amd-mi300x",
        "amd-mi325x",
        "amd-mi355x",
        "intel-gaudi2",
        "intel-gaudi3-oam",
        "google-tpu-v4",
        "google-tpu-v5e",
        "google-tpu-v5p",
        "google-tpu-v6e",
        "google-tpu-v7",
        "aws-trainium",
        "aws-trainium2",
        "aws-inferentia2",
    ];
    for id in with_bf16 {
        let h = data().hardware(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(h.bf16_tflops.is_some(), "{id} has no BF16 figure");
        assert!(h.throughput_status.is_some() && h.throughput_source_url.starts_with("https://"), "{id}");
    }
    for id in ["nvidia-h200-nvl", "nvidia-a10g", "amd-mi350x", "intel-gaudi3-pcie"] {
        let h = data().hardware(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(h.bf16_tflops.is_none(), "{id}: a figure would need a primary source");
        assert!(h.throughput_note.starts_with("no throughput:"), "{id}: reason missing");
    }
}

#[test]
fn throughput_spot_checks_against_the_sources() {
    let d = data();
    let h = |id: &str| d.hardware(id).unwrap_or_else(|| panic!("{id}"));
    let h100 = h("nvidia-h100-sxm");
    assert_eq!((h100.bf16_tflops, h100.fp8_tflops), (Some(989.0), Some(1979.0)));
    assert_eq!(h100.throughput_status, Some(ThroughputStatus::Verified));
    assert_eq!(h("google-tpu-v6e").peak_tflops(Precision::Bf16), Some(918.0));
    assert_eq!(h("aws-trainium2").peak_tflops(Precision::Fp8), Some(1299.0));
    // Counting unit: MI250X figures and power are per OAM module (2 GCDs).
    let mi = h("amd-mi250x");
    assert_eq!((mi.bf16_tflops, mi.power_w), (Some(383.0), Some(560.0)));
    assert!(mi.counting_unit.starts_with("OAM module (2 GCDs"), "{}", mi.counting_unit);
    // GB200 is per GPU, not per superchip.
    assert!(h("nvidia-gb200-gpu").counting_unit.starts_with("one GPU of a superchip"));
    // Volta has no BF16: its tensor figure is FP16.
    let v100 = h("nvidia-v100-sxm2-16gb");
    assert_eq!((v100.bf16_tflops, v100.fp16_tflops), (None, Some(125.0)));
}

#[test]
fn every_accelerator_has_a_power_figure_and_estimates_say_how() {
    let d = data();
    for h in &d.hardware {
        if h.kind != HardwareKind::Cpu {
            assert!(h.power_w.is_some(), "{} has no power", h.id);
            assert!(!h.counting_unit.is_empty(), "{}", h.id);
        }
        if h.power_is_estimated() {
            let (lo, hi) = h.power_range_w().expect("estimated power");
            let w = h.power_w.unwrap_or_default();
            assert!(lo < hi && lo <= w && w <= hi, "{}: {lo} {w} {hi}", h.id);
            assert!(!h.power_method.is_empty() && h.note.starts_with("ESTIMATE"), "{}", h.id);
        }
    }
    // The accelerators that had no figure now carry a labelled one.
    for id in [
        "google-tpu-v5e",
        "google-tpu-v5p",
        "google-tpu-v6e",
        "google-tpu-v7",
        "aws-trainium",
        "aws-trainium2",
        "aws-inferentia",
        "aws-inferentia2",
        "nvidia-a10g",
        "apple-m3-ultra",
    ] {
        let h = d.hardware(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(h.power_basis, PowerBasis::Estimated, "{id}");
    }
    assert_eq!(PowerBasis::Estimated.label(), "estimated from published figures (no vendor rating)");
    // A published TDP keeps its basis; a configurable one shows its range.
    let pcie = d.hardware("nvidia-h100-pcie").and_then(|h| h.power_range_w());
    assert_eq!(pcie, Some((300.0, 350.0)));
    let sxm = d.hardware("nvidia-h100-sxm").and_then(|h| h.power_range_w());
    assert_eq!(sxm, Some((700.0, 700.0)));
}

#[test]
fn bad_throughput_and_power_rows_are_detected() {
    let mut d = data().clone();
    let i = d.hardware.iter().position(|h| h.id == "nvidia-h100-sxm").expect("h100");
    d.hardware[i].fp8_tflops = Some(100.0);
    let j = d.hardware.iter().position(|h| h.id == "google-tpu-v5e").expect("v5e");
    d.hardware[j].power_high_w = None;
    d.hardware[j].power_method.clear();
    let k = d.hardware.iter().position(|h| h.id == "aws-trainium").expect("trn1");
    d.hardware[k].throughput_status = None;
    let l = d.hardware.iter().position(|h| h.id == "nvidia-l4").expect("l4");
    d.hardware[l].power_w = None;
    d.hardware[l].power_basis = PowerBasis::Unpublished;
    let p = d.problems();
    for needle in [
        "nvidia-h100-sxm: FP8 (100) below BF16",
        "google-tpu-v5e: give both power_low_w and power_high_w",
        "google-tpu-v5e: an estimated power needs its method",
        "aws-trainium: throughput figures need a throughput_status",
        "nvidia-l4: every accelerator row needs a power figure",
    ] {
        assert!(p.iter().any(|m| m.contains(needle)), "{needle}: {p:?}");
    }
}

#[test]
fn embodied_rows_join_and_every_device_has_one() {
    let d = data();
    for h in &d.hardware {
        let (e, _) = d.embodied_for(h).unwrap_or_else(|| panic!("{} has no embodied row", h.id));
        assert!(e.kind == h.kind, "{}", h.id);
    }
    let h100 = d.hardware("nvidia-h100-sxm").and_then(|h| d.embodied_for(h));
    let (e, fallback) = h100.expect("h100");
    assert!(!fallback);
    assert_eq!((e.embodied_kg, e.includes, e.host_share_kg), (164.0, EmbodiedIncludes::BoardShare, Some(712.5)));
    // 1,312 kg per HGX H100 baseboard / 8 GPUs.
    assert!((e.embodied_kg - 1312.0 / 8.0).abs() < 1e-9);
    let pcie = d.hardware("nvidia-h100-pcie").and_then(|h| d.embodied_for(h));
    assert_eq!(pcie.map(|(e, f)| (e.id.as_str(), f)), Some(("fallback-gpu", true)));
    let cpu = d.hardware("amd-epyc-9654").and_then(|h| d.embodied_for(h));
    let (e, fallback) = cpu.expect("cpu");
    assert!(fallback && e.includes == EmbodiedIncludes::HostServer && e.host_share_kg.is_none());
    // Amortisation as the lead implements it: kg x device-hours / (lifetime x 8760).
    let (e, _) = h100.expect("h100");
    let kg = e.total_kg() * 8.0 * 1000.0 / (e.lifetime_years * 8760.0);
    assert!((kg - (164.0 + 712.5) * 8000.0 / 35_040.0).abs() < 1e-9, "{kg}");
    assert!(d.counts()["embodied"] >= 10);
}

#[test]
fn bad_embodied_rows_are_detected() {
    let mut d = data().clone();
    d.embodied.retain(|e| e.id != "fallback-soc");
    d.embodied[0].applies_to = "no-such-device".into();
    d.embodied[1].embodied_low_kg = 1e6;
    d.embodied[2].lifetime_years = 40.0;
    let p = d.problems();
    for needle in [
        "embodied: no fallback row for kind Soc",
        "applies_to \"no-such-device\" is not a hardware id",
        "needs 0 < low <= embodied_kg <= high",
        "lifetime needs 1 <= low <= years <= high <= 15",
    ] {
        assert!(p.iter().any(|m| m.contains(needle)), "{needle}: {p:?}");
    }
}
