//! data/changes.csv: every entry names a table of data/ that exists, and says
//! of today's tables what they hold (an added row is there with its value, a
//! removed row is gone, an added column is in the header, a changed value is
//! the one today); the counts are those data/README.md gives.

use emissions_core::changes::{self, Change, ChangeKind, PREVIOUS_DATA_VERSION, TABLES};
use emissions_core::DATA_VERSION;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

/// A table's header and its rows by key (the first column; provider:region_code for regions).
fn table(name: &str) -> (Vec<String>, HashMap<String, HashMap<String, String>>) {
    let mut r = csv::Reader::from_path(data_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let header: Vec<String> = r.headers().expect("header").iter().map(String::from).collect();
    let mut rows = HashMap::new();
    for rec in r.records() {
        let rec = rec.expect("row");
        let row: HashMap<String, String> = header.iter().cloned().zip(rec.iter().map(String::from)).collect();
        let key = if name == "cloud_regions.csv" { format!("{}:{}", &rec[0], &rec[1]) } else { rec[0].to_string() };
        rows.insert(key, row);
    }
    (header, rows)
}

fn all() -> &'static [Change] {
    changes::changes().expect("data/changes.csv parses")
}

#[test]
fn every_change_names_a_table_that_exists() {
    let files: BTreeSet<String> = std::fs::read_dir(data_dir())
        .expect("data/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".csv") && n != "changes.csv")
        .collect();
    let known: BTreeSet<String> = TABLES.iter().map(|t| t.to_string()).collect();
    assert_eq!(files, known, "changes::TABLES lists the tables of data/");
    assert!(!all().is_empty());
    for c in all() {
        assert!(known.contains(&c.table), "{c:?}: no table {}", c.table);
        assert_eq!((c.version.as_str(), c.previous.as_str()), (DATA_VERSION, PREVIOUS_DATA_VERSION), "{c:?}");
        assert!(!c.note.is_empty(), "{c:?}: every change says why");
    }
}

#[test]
fn every_change_is_true_of_todays_tables() {
    let mut tables = HashMap::new();
    for c in all() {
        let (header, rows) = tables.entry(c.table.clone()).or_insert_with(|| table(&c.table));
        let has_column = header.contains(&c.column);
        match c.change {
            ChangeKind::TableAdded => assert!(c.key.is_empty() && c.column.is_empty(), "{c:?}"),
            ChangeKind::ColumnAdded => assert!(has_column && c.key.is_empty(), "{c:?}: not in the header"),
            ChangeKind::ColumnRemoved => assert!(!has_column && c.key.is_empty(), "{c:?}: still in the header"),
            ChangeKind::RowAdded | ChangeKind::ValueChanged => {
                let row = rows.get(&c.key).unwrap_or_else(|| panic!("{c:?}: no such row today"));
                if !c.column.is_empty() {
                    assert_eq!(row.get(&c.column), Some(&c.after), "{c:?}: today's value");
                }
                if c.change == ChangeKind::ValueChanged {
                    assert_ne!(c.before, c.after, "{c:?}");
                }
            }
            ChangeKind::RowRemoved => {
                assert!(!rows.contains_key(&c.key), "{c:?}: the row is still there");
                assert!(c.after.is_empty());
            }
            ChangeKind::MethodChanged => assert!(has_column, "{c:?}: names a column of today"),
        }
    }
}

#[test]
fn the_counts_are_those_the_data_readme_gives() {
    let count = |table: &str, kind: ChangeKind| all().iter().filter(|c| c.table == table && c.change == kind).count();
    // "Zones removed (27) … Zones added (84) … Regions that moved zone (55 of 242)".
    assert_eq!(count("grid_zones.csv", ChangeKind::RowRemoved), 27);
    assert!(all()
        .iter()
        .filter(|c| c.change == ChangeKind::RowRemoved)
        .all(|c| c.key.starts_with("US-EGRID-") || c.table != "grid_zones.csv"));
    assert_eq!(count("grid_zones.csv", ChangeKind::RowAdded), 84);
    assert_eq!(count("cloud_regions.csv", ChangeKind::ValueChanged), 55);
    // "Headline values": AWS us-east-1 from US-EGRID-SRVC (282.58) to US-VA (349.06).
    let find = |table: &str, key: &str, column: &str| {
        all()
            .iter()
            .find(|c| c.table == table && c.key == key && c.column == column)
            .unwrap_or_else(|| panic!("{table} {key} {column}"))
    };
    let r = find("cloud_regions.csv", "aws:us-east-1", "zone_id");
    assert_eq!((r.before.as_str(), r.after.as_str()), ("US-EGRID-SRVC", "US-VA"));
    let old: f64 = find("grid_zones.csv", "US-EGRID-SRVC", "intensity_g_per_kwh").before.parse().expect("number");
    assert!((old - 282.58).abs() < 0.005);
    assert_eq!(find("grid_zones.csv", "US-VA", "lifecycle_g_per_kwh").after, "349.06");
    // "Country rows changed: CA 174.81 → 184.97, AU 551.59 → 553.75, IN 708.32 → 708.95".
    for (zone, before, after) in [("CA", "174.81", "184.97"), ("AU", "551.59", "553.75"), ("IN", "708.32", "708.95")] {
        let c = find("grid_zones.csv", zone, "lifecycle_g_per_kwh");
        assert_eq!((c.before.as_str(), c.after.as_str()), (before, after));
    }
    // Quebec: 0.8 (ECCC 2019) → 24.34 lifecycle.
    let qc = find("grid_zones.csv", "CA-QC", "lifecycle_g_per_kwh");
    assert_eq!((qc.before.as_str(), qc.after.as_str()), ("0.8", "24.34"));
    // The new tables and the estimated powers (15 estimated rows, 2 Apple wall figures).
    for t in ["grid_mix.csv", "grid_factors.csv", "embodied.csv"] {
        assert_eq!(count(t, ChangeKind::TableAdded), 1, "{t}");
    }
    assert_eq!(count("hardware.csv", ChangeKind::ValueChanged), 17);
}

#[test]
fn changes_since_a_version_and_a_short_summary() {
    assert_eq!(changes::since(PREVIOUS_DATA_VERSION).expect("parses").len(), all().len());
    assert!(changes::since(DATA_VERSION).expect("parses").is_empty());
    let every = changes::since("2026.01").expect("parses");
    let groups = changes::summary(&every);
    let zones_added =
        groups.iter().find(|g| g.table == "grid_zones.csv" && g.change == ChangeKind::RowAdded).expect("zones added");
    assert_eq!(zones_added.count, 84);
    assert_eq!(zones_added.sentence(3), "grid_zones.csv: 84 rows added (IN-AN, IN-AP, IN-AR, …)");
    let new = groups.iter().find(|g| g.table == "embodied.csv").expect("embodied");
    assert_eq!(new.sentence(3), "embodied.csv: new table");
    assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), all().len());
    let c = all().iter().find(|c| c.key == "aws:us-east-1").expect("us-east-1");
    assert_eq!(
        c.sentence(),
        "cloud_regions.csv, aws:us-east-1: zone_id US-EGRID-SRVC → US-VA; joined to its state instead of its eGRID subregion"
    );
    // Bad rows are refused with their line.
    let bad = "version,previous,table,change,key,column,before,after,note\n2026.12,2026.11,pue.csv,renamed,,,,,x\n";
    let e = changes::parse(bad).expect_err("unknown kind");
    assert!(e.to_string().starts_with("data/changes.csv: row on line 2"), "{e}");
}

#[test]
fn the_embedded_changes_are_the_csv_text_read_as_csv() {
    let text = std::fs::read_to_string(data_dir().join("changes.csv")).expect("data/changes.csv");
    let parsed = changes::parse(&text).expect("data/changes.csv parses as CSV");
    assert_eq!(all(), parsed.as_slice());
}
