//! Reads every table of `data/` at build time and writes it to `$OUT_DIR/<name>.tbl` in
//! the compact form that `src/tables.rs` decodes (a string pool and cell indices). A table
//! that is not well-formed CSV fails the build here; its cells are typed when decoded, and
//! the tests check that decoding gives the same rows as reading the CSV text.

#[path = "src/tables/encode.rs"]
mod encode;

use std::path::Path;

/// (file of `data/`, whether cells and headers are trimmed as the core has always read it).
const TABLES: [(&str, bool); 10] = [
    ("hardware.csv", true),
    ("grid_zones.csv", true),
    ("grid_sources.csv", true),
    ("grid_mix.csv", true),
    ("grid_factors.csv", true),
    ("cloud_regions.csv", true),
    ("pue.csv", true),
    ("equivalents.csv", true),
    ("embodied.csv", true),
    ("changes.csv", false),
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for (file, trim) in TABLES {
        let path = Path::new("../data").join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let bytes = table(&path, trim).unwrap_or_else(|e| panic!("data/{file}: {e}"));
        let name = file.trim_end_matches(".csv");
        std::fs::write(Path::new(&out).join(format!("{name}.tbl")), bytes).expect("write to OUT_DIR");
    }
}

fn table(path: &Path, trim: bool) -> Result<Vec<u8>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(if trim { csv::Trim::All } else { csv::Trim::None })
        .from_path(path)
        .map_err(|e| e.to_string())?;
    let header: Vec<String> = reader.headers().map_err(|e| e.to_string())?.iter().map(String::from).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        rows.push(record.iter().map(String::from).collect::<Vec<String>>());
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    encode::encode(&header, &rows)
}
