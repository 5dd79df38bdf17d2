//! The factor tables as the method view lists them (`emissions_core::tables`):
//! as many rows as each CSV, keys and anchors unique, every cell the worked
//! calculation refers to is a row and column of a listed table, search and
//! sort; every listed table is a file the site serves (data/<file>); the results card's
//! headline with and without the manufacturing share, by hand.

use emissions_core::advice::{self, NOTHING_FOUND};
use emissions_core::compare::Catalogue;
use emissions_core::export::import_json;
use emissions_core::factor_tables::{self, anchor, table, FILES};
use emissions_core::fields::FieldId;
use emissions_core::form::FormState;
use emissions_core::method::{of_project, Origin};
use emissions_core::project::{evaluate, Phase, Project, Run};
use emissions_core::Dataset;
use std::collections::HashSet;

const MULTI: &str = include_str!("fixtures/multi-run.json");
const CASES: &str = include_str!("../../tests/cases.json");

fn data() -> &'static Dataset {
    Dataset::embedded().expect("tables")
}

fn file(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn csv_rows(name: &str) -> Vec<csv::StringRecord> {
    let text = file(name);
    csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.expect("row")).collect()
}

fn one_run(form: FormState) -> Project {
    Project::new(String::new(), vec![Run { form, ..Run::default() }], 0)
}

#[test]
fn every_listed_table_has_a_row_per_csv_row_in_file_order() {
    for name in FILES {
        let t = table(data(), name).unwrap_or_else(|| panic!("{name} is listed"));
        let rows = csv_rows(name);
        assert_eq!(t.rows.len(), rows.len(), "{name}");
        for (row, rec) in t.rows.iter().zip(&rows) {
            let key = if name == "cloud_regions.csv" { format!("{}:{}", &rec[0], &rec[1]) } else { rec[0].to_string() };
            assert_eq!(row.key, key, "{name}");
            assert_eq!(row.cells.len(), t.columns.len(), "{name} {key}");
            assert!(!row.sources.is_empty(), "{name} {key}: a source link");
            assert!(row.sources.iter().all(|s| s.url.starts_with("https://")), "{name} {key}");
        }
        // Every column names a CSV column of the file, or none.
        let header: Vec<String> = csv::Reader::from_reader(file(name).as_bytes())
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        for c in &t.columns {
            let derived = ["kind", "name", "lifecycle_year", "lifecycle_method"]; // joined or renamed
            assert!(
                c.csv.is_empty() || header.iter().any(|h| h == c.csv) || derived.contains(&c.csv),
                "{name}: column {}",
                c.csv
            );
        }
        // Year, licence and status on every row.
        for label in ["Year", "Licence"] {
            let i = t.columns.iter().position(|c| c.label == label).unwrap_or_else(|| panic!("{name}: {label}"));
            assert!(t.rows.iter().all(|r| !r.cells[i].text.is_empty()), "{name}: {label} on every row");
        }
        assert!(t.columns.iter().any(|c| c.label.contains("status") || c.label == "Status"), "{name}: a status");
    }
    assert!(table(data(), "changes.csv").is_none());
}

#[test]
fn anchors_are_unique_and_readable() {
    let mut seen = HashSet::new();
    for name in FILES {
        for r in table(data(), name).expect("listed").rows {
            assert!(r.anchor.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{}", r.anchor);
            assert!(seen.insert(r.anchor.clone()), "{} twice", r.anchor);
        }
    }
    assert_eq!(anchor("hardware.csv", "nvidia-h100-sxm"), "row-hardware-nvidia-h100-sxm");
    assert_eq!(anchor("cloud_regions.csv", "aws:us-east-1"), "row-cloud-regions-aws-us-east-1");
    assert_eq!(anchor("grid_zones.csv", "US-VA"), "row-grid-zones-US-VA");
    assert_eq!(anchor("pue.csv", "gcp:us-east4"), "row-pue-gcp-us-east4");
}

#[test]
fn every_listed_table_is_a_file_the_site_serves() {
    // The view's download links point at data/<file> of the built site: index.html
    // must copy each of them into dist/data/ (and the core must know it as a table).
    let index = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../index.html")).expect("index.html");
    for name in FILES {
        assert!(emissions_core::data::TABLE_FILES.contains(&name), "{name} is not a table of data/");
        let copy = format!("<link data-trunk rel=\"copy-file\" href=\"data/{name}\" data-target-path=\"data\" />");
        assert!(index.contains(&copy), "index.html does not copy data/{name} into the site");
        assert!(!file(name).is_empty());
    }
}

#[test]
fn every_cell_the_calculation_uses_is_a_listed_row_and_column() {
    let cases: serde_json::Value = serde_json::from_str(CASES).expect("cases");
    let mut projects: Vec<Project> = cases["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| one_run(serde_json::from_value(c["form"].clone()).expect("form")))
        .collect();
    projects.push(import_json(MULTI).expect("fixture").project);
    projects.push(one_run(FormState {
        provider: "gcp".into(),
        region: "us-central1".into(),
        provider_figure: true,
        host: true,
        cpu: "amd-epyc-7543".into(),
        ..FormState::default()
    }));
    let listed: Vec<_> = FILES.iter().map(|f| table(data(), f).expect("listed")).collect();
    let mut seen = 0;
    for p in &projects {
        let t = evaluate(p, data());
        for r in of_project(p, &t, data()).runs {
            for f in r.table_refs() {
                let t = listed.iter().find(|t| t.file == f.table).unwrap_or_else(|| panic!("{f:?}: listed"));
                let row = t.rows.iter().find(|row| row.key == f.key).unwrap_or_else(|| panic!("{f:?}: a row"));
                assert!(row.anchor.starts_with("row-"));
                assert!(t.columns.iter().any(|c| c.csv == f.column), "{f:?}: a column");
                seen += 1;
            }
        }
    }
    assert!(seen > 20, "{seen} references");
}

#[test]
fn table_refs_are_each_cell_once_in_order() {
    let p = one_run(FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "8".into(),
        duration: "72".into(),
        ..FormState::default()
    });
    let t = evaluate(&p, data());
    let m = of_project(&p, &t, data());
    let refs: Vec<String> =
        m.runs[0].table_refs().iter().map(|r| format!("{} {} {}", r.table, r.key, r.column)).collect();
    assert_eq!(refs[0], "hardware.csv nvidia-h100-sxm power_w");
    assert_eq!(refs[1], "pue.csv aws pue");
    assert_eq!(refs[2], "grid_zones.csv US-VA lifecycle_g_per_kwh");
    assert!(refs.contains(&"embodied.csv nvidia-h100-sxm-pcf host_share_kg".to_string()));
    assert!(refs.contains(&"hardware.csv nvidia-h100-sxm bf16_tflops".to_string()));
    let unique: HashSet<&String> = refs.iter().collect();
    assert_eq!(unique.len(), refs.len());
    // The references are the terms' own.
    let terms = m.runs[0]
        .operational
        .central
        .iter()
        .flat_map(|s| s.terms())
        .filter(|t| matches!(t.origin, Origin::Table(_)))
        .count();
    assert!(terms >= 3);
}

#[test]
fn search_and_sort() {
    let t = table(data(), "pue.csv").expect("pue");
    let pue = t.columns.iter().position(|c| c.label == "PUE").expect("PUE column");
    let keys = |rows: Vec<usize>| rows.into_iter().map(|i| t.rows[i].key.clone()).collect::<Vec<_>>();
    // Every word, any case, anywhere in the row (the note included).
    assert_eq!(keys(t.order("AMAZON web SERVICES", 0, false)), ["aws"]);
    assert_eq!(keys(t.order("uptime survey", 0, false)), ["on-premises"]);
    assert!(t.order("no such words", 0, false).is_empty());
    assert_eq!(t.order("", 0, false).len(), t.rows.len());
    // By number: personal (1.0) first, on-premises (1.56) last; descending reverses.
    let up = keys(t.order("", pue, false));
    assert_eq!(up.first().map(String::as_str), Some("personal"));
    assert_eq!(up.last().map(String::as_str), Some("on-premises"));
    let down = keys(t.order("", pue, true));
    assert_eq!(down.first().map(String::as_str), Some("on-premises"));
    // By text, ignoring case.
    let by_key = keys(t.order("", 0, false));
    let mut sorted = by_key.clone();
    sorted.sort_by_key(|k| k.to_lowercase());
    assert_eq!(by_key, sorted);

    // Empty cells stay last both ways: zones without a direct figure.
    let z = table(data(), "grid_zones.csv").expect("zones");
    let direct = z.columns.iter().position(|c| c.csv == "direct_g_per_kwh").expect("direct");
    for descending in [false, true] {
        let order = z.order("", direct, descending);
        let filled: Vec<bool> = order.iter().map(|&i| z.rows[i].cells[direct].number.is_some()).collect();
        let n = filled.iter().filter(|f| **f).count();
        assert_eq!(n, 23, "23 zones publish a direct figure");
        assert!(filled[..n].iter().all(|f| *f) && filled[n..].iter().all(|f| !*f));
        let values: Vec<f64> = order[..n].iter().filter_map(|&i| z.rows[i].cells[direct].number).collect();
        assert!(values.windows(2).all(|w| if descending { w[0] >= w[1] } else { w[0] <= w[1] }));
    }
}

#[test]
fn rows_state_licence_and_status_from_their_tables() {
    let row = |file: &str, key: &str| {
        table(data(), file).expect("listed").rows.into_iter().find(|r| r.key == key).expect("row")
    };
    let cell = |file: &str, key: &str, label: &str| {
        let t = table(data(), file).expect("listed");
        let i = t.columns.iter().position(|c| c.label == label).expect("column");
        row(file, key).cells[i].text.clone()
    };
    assert_eq!(cell("hardware.csv", "nvidia-h100-sxm", "Power status"), "published");
    assert_eq!(cell("hardware.csv", "google-tpu-v5e", "Power status"), "estimated");
    assert_eq!(cell("hardware.csv", "nvidia-h100-sxm", "Licence"), factor_tables::FACTS);
    assert_eq!(cell("grid_zones.csv", "FR", "Licence"), "CC BY 4.0");
    assert_eq!(cell("grid_zones.csv", "FR", "Status"), "published");
    assert_eq!(cell("grid_zones.csv", "US-VA", "Status"), "computed here from published figures");
    assert!(cell("grid_zones.csv", "US-VA", "Licence").starts_with("CC BY 4.0"));
    assert_eq!(cell("cloud_regions.csv", "azure:eastus", "Licence"), "CC BY 4.0 (Microsoft Learn)");
    assert_eq!(cell("equivalents.csv", "car-km", "Licence"), "public domain (US Government)");
    assert_eq!(cell("embodied.csv", "nvidia-h100-sxm-pcf", "Status"), "derived from published figures");
    assert_eq!(cell("cloud_regions.csv", "gcp:us-central1", "Carbon-free energy (%)"), "87");
    let h100 = row("hardware.csv", "nvidia-h100-sxm");
    assert_eq!(h100.sources[0].label, "power: nvidia.com");
    assert!(h100.matches("h100 SXM5"));
}

#[test]
fn the_results_card_headline_with_and_without_the_manufacturing_share() {
    // 8 × H100 SXM for 72 h in us-east-1: 160.44473088 kg operational; manufacturing
    // 576 device-h × (164 + 712.5) kg ÷ (4 × 8,760 h) = 14.40821917808… kg.
    let mut p = one_run(FormState {
        hardware: "nvidia-h100-sxm".into(),
        devices: "8".into(),
        duration: "72".into(),
        ..FormState::default()
    });
    let embodied = 576.0 * 876.5 / 35_040.0;
    let o = evaluate(&p, data()).runs[0].clone().expect("valid");
    assert!((o.headline_kg(false).central - 160.44473088).abs() < 1e-9);
    assert!((o.headline_kg(true).central - (160.44473088 + embodied)).abs() < 1e-9);
    assert_eq!(o.total_kg(true), o.headline_kg(true));
    // Five similar runs: the card shows one run, the total all five.
    p.active_run_mut().repeat = "5".into();
    let o = evaluate(&p, data()).runs[0].clone().expect("valid");
    assert!((o.headline_kg(true).central - (160.44473088 + embodied)).abs() < 1e-9);
    assert!((o.total_kg(true).central - 5.0 * (160.44473088 + embodied)).abs() < 1e-9);
    assert!((o.embodied_one_run_kg().expect("a share").high - 576.0 * 1023.0 / (3.0 * 8760.0)).abs() < 1e-9);
    // A run from requests has no manufacturing share: including it changes nothing.
    let mut r = Run { phase: Phase::Inference, ..Run::default() };
    r.set(FieldId::Basis, "measured on our servers").expect("a basis");
    let o = evaluate(&Project::new(String::new(), vec![r], 0), data()).runs[0].clone().expect("valid");
    assert_eq!(o.embodied_one_run_kg(), None);
    assert_eq!(o.headline_kg(true), o.headline_kg(false));
}

#[test]
fn an_empty_advice_says_what_was_looked_for() {
    // A measured run cannot be moved or re-run on other hardware.
    let p = import_json(MULTI).expect("fixture").project;
    let t = evaluate(&p, data());
    let a = advice::advise(&p, &t, data(), &Catalogue::new(data()));
    assert!(!a.items.is_empty());
    assert!(!a.text().contains(NOTHING_FOUND));
    let mut empty = a.clone();
    empty.items.clear();
    assert!(empty.text().starts_with(NOTHING_FOUND));
}
