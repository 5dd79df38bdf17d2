//! Rows into runs: every row of a `run_id` holds the run's totals so far
//! (`tracker.flush()` appends one, `stop()` the last), so a run is its last row;
//! the same `run_id` in two files is one run, kept from the row with the larger
//! duration (then energy). Rows without a `run_id` are a run each. One pass,
//! one hash map: linear in the rows.

use super::read::{FileRows, Row};
use super::{Duplicate, ImportOptions, RowRef, Warning};
use crate::project::{MeasuredRun, Run, RunKind};
use std::collections::HashMap;
use std::rc::Rc;

pub(super) struct Merged {
    /// (file index, row) of every run, in file order then line order of the kept row.
    pub kept: Vec<(usize, Row)>,
    /// Per file: rows merged into a later row of the same run.
    pub superseded: Vec<usize>,
    pub duplicates: Vec<Duplicate>,
    pub warnings: Vec<Warning>,
}

fn bigger(a: &Row, b: &Row) -> bool {
    (a.duration_s, a.energy_kwh) > (b.duration_s, b.energy_kwh)
}

pub(super) fn merge(names: &[String], files: Vec<FileRows>) -> Merged {
    let mut superseded = vec![0; files.len()];
    let mut warnings = Vec::new();
    // Within each file: a run_id's last row, at the place of that row.
    let mut per_file: Vec<Vec<Row>> = Vec::with_capacity(files.len());
    for (f, file) in files.into_iter().enumerate() {
        let mut slots: Vec<Option<Row>> = Vec::with_capacity(file.rows.len());
        let mut by_id: HashMap<Rc<str>, usize> = HashMap::new();
        for row in file.rows {
            if !row.run_id.is_empty() {
                if let Some(i) = by_id.insert(row.run_id.clone(), slots.len()) {
                    if let Some(prev) = slots[i].take() {
                        superseded[f] += 1;
                        if bigger(&prev, &row) {
                            warnings.push(Warning {
                                file: names[f].clone(),
                                line: row.line,
                                message: format!(
                                    "run {} has a smaller duration or energy than on line {}: the last row is kept, as CodeCarbon's rows are running totals",
                                    short(&row.run_id),
                                    prev.line
                                ),
                            });
                        }
                    }
                }
            }
            slots.push(Some(row));
        }
        per_file.push(slots.into_iter().flatten().collect());
    }
    // Across files: a run_id once, from the row with the larger duration (then energy).
    let mut slots: Vec<Option<(usize, Row)>> = Vec::new();
    let mut by_id: HashMap<Rc<str>, usize> = HashMap::new();
    let mut duplicates = Vec::new();
    let row_ref = |file: usize, line: usize| RowRef { file: names[file].clone(), line };
    for (f, rows) in per_file.into_iter().enumerate() {
        for row in rows {
            if row.run_id.is_empty() {
                slots.push(Some((f, row)));
                continue;
            }
            let Some(&i) = by_id.get(&*row.run_id) else {
                by_id.insert(row.run_id.clone(), slots.len());
                slots.push(Some((f, row)));
                continue;
            };
            let Some((pf, prev)) = slots[i].take() else { continue };
            if bigger(&row, &prev) {
                duplicates.push(Duplicate {
                    run_id: row.run_id.to_string(),
                    kept: row_ref(f, row.line),
                    dropped: row_ref(pf, prev.line),
                });
                by_id.insert(row.run_id.clone(), slots.len());
                slots.push(Some((f, row)));
            } else {
                duplicates.push(Duplicate {
                    run_id: row.run_id.to_string(),
                    kept: row_ref(pf, prev.line),
                    dropped: row_ref(f, row.line),
                });
                slots[i] = Some((pf, prev));
            }
        }
    }
    Merged { kept: slots.into_iter().flatten().collect(), superseded, duplicates, warnings }
}

/// The first 8 characters of a run_id, as CodeCarbon's dashboard shows it.
pub(super) fn short(run_id: &str) -> String {
    run_id.chars().take(8).collect()
}

/// "emissions.csv (CodeCarbon 3.3.2), run 5b0fa12a, line 12"; without a file
/// name "CodeCarbon 3.3.2 emissions.csv, run 5b0fa12a, line 12".
fn source(name: &str, row: &Row) -> String {
    let mut s = match (name.is_empty(), row.version.is_empty()) {
        (false, false) => format!("{name} (CodeCarbon {})", row.version),
        (false, true) => format!("{name} (CodeCarbon)"),
        (true, false) => format!("CodeCarbon {} emissions.csv", row.version),
        (true, true) => "CodeCarbon emissions.csv".into(),
    };
    if !row.run_id.is_empty() {
        s.push_str(&format!(", run {}", short(&row.run_id)));
    }
    s.push_str(&format!(", line {}", row.line));
    s
}

/// The ledger's runs, with the location's PUE applied where asked and the file says 1.0.
pub(super) fn build(
    names: &[String],
    kept: Vec<(usize, Row)>,
    options: &ImportOptions,
) -> (Vec<Run>, Vec<RowRef>, usize) {
    let mut runs = Vec::with_capacity(kept.len());
    let mut origins = Vec::with_capacity(kept.len());
    let mut applied = 0;
    for (i, (f, row)) in kept.into_iter().enumerate() {
        let label = match (row.project.is_empty(), row.run_id.is_empty()) {
            (false, false) => format!("{} {}", row.project, short(&row.run_id)),
            (false, true) => format!("{} #{}", row.project, i + 1),
            _ => format!("CodeCarbon run {}", i + 1),
        };
        let scale = match (options.apply_pue, row.pue) {
            (Some(p), Some(file)) if file == 1.0 && p != 1.0 => Some(p),
            _ => None,
        };
        if scale.is_some() {
            applied += 1;
        }
        let k = scale.unwrap_or(1.0);
        let name = names[f].as_str();
        runs.push(Run {
            label: label.chars().take(80).collect(),
            phase: options.phase,
            repeat: "1".into(),
            form: Default::default(),
            kind: RunKind::Measured(MeasuredRun {
                energy_kwh: row.energy_kwh * k,
                emissions_kg: row.emissions_kg * k,
                duration_h: row.duration_s / 3600.0,
                source: source(name, &row).chars().take(200).collect(),
                location: row.location.to_string(),
                hardware: row.hardware.to_string(),
                pue: row.pue,
                pue_applied: scale,
                tracking_mode: row.tracking_mode.to_string(),
                run_id: row.run_id.to_string(),
                cpu_energy_kwh: row.cpu_kwh.map(|e| e * k),
                gpu_energy_kwh: row.gpu_kwh.map(|e| e * k),
                ram_energy_kwh: row.ram_kwh.map(|e| e * k),
            }),
        });
        origins.push(RowRef { file: name.to_string(), line: row.line });
    }
    (runs, origins, applied)
}
