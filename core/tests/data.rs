//! Every row of every factor table is validated here.

use emissions_core::data::{Dataset, HardwareKind, PowerBasis, ZoneKind};

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
    // Spot checks against the sources, computed by hand.
    let us_east_1 = d.region("aws", "us-east-1").and_then(|r| d.zone(&r.zone_id));
    assert_eq!(us_east_1.map(|z| z.zone_id.as_str()), Some("US-EGRID-SRVC"));
    // Google's own 2024 figure for us-central1 is used where published.
    let gcp = d.region("gcp", "us-central1");
    assert_eq!(gcp.and_then(|r| r.provider_intensity_g_per_kwh), Some(412.72));
    assert_eq!(gcp.and_then(|r| r.provider_cfe), Some(0.87));
}

#[test]
fn countries_use_latest_ember_year_and_known_values() {
    let d = data();
    let fr = d.zone("FR").map(|z| (z.kind, z.year, z.intensity_g_per_kwh));
    assert_eq!(fr, Some((ZoneKind::Country, 2024, 44.18)), "France, Ember 2024 via OWID");
    let world = d.zone("WORLD").map(|z| z.intensity_g_per_kwh);
    assert_eq!(world, Some(473.01));
    // ECCC 2019: Quebec 0.8 t/GWh, Alberta 532.7.
    assert_eq!(d.zone("CA-QC").map(|z| z.intensity_g_per_kwh), Some(0.8));
    assert_eq!(d.zone("CA-AB").map(|z| z.intensity_g_per_kwh), Some(532.7));
    // eGRID2022 SRVC 622.987 lb/MWh × 0.45359237 = 282.58 g/kWh.
    let srvc = d.zone("US-EGRID-SRVC").map(|z| z.intensity_g_per_kwh).unwrap_or_default();
    assert!((srvc - 282.58).abs() < 0.01, "{srvc}");
}
