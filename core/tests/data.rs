//! Every row of every factor table is validated here.

use emissions_core::data::{
    Dataset, EmbodiedIncludes, HardwareKind, PowerBasis, Precision, ThroughputStatus, ZoneKind,
};

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
