//! Encoding a project as a link: the registry's fields of each run, its
//! measurement, and the table values it uses.

use super::factors::table_factors;
use super::keys::{
    v1_default_run, Factor, MeasuredKey, K_ACTIVE, K_DATA, K_EMBODIED, K_GRID_BASIS, K_NAME, K_RUNS, K_VERSION,
};
use super::FORMAT_VERSION;
use crate::data::{Basis, Dataset, DATA_VERSION};
use crate::fields;
use crate::project::{Project, Run};

/// Shortest text that parses back to exactly `x`.
fn number(x: f64) -> String {
    format!("{x}")
}

/// The key/value pairs of one run, in the registry's order.
fn run_pairs(run: &Run, data: &Dataset, basis: Basis) -> Vec<(&'static str, String)> {
    let d = v1_default_run();
    let mut out: Vec<(&'static str, String)> = Vec::new();
    // A value is written when the estimate uses it (so a later change of
    // default cannot alter it), or when it differs from the format's default.
    // Request fields exist only on runs from requests: there, all three are
    // written, their presence marking the kind.
    for field in fields::ALL {
        if let Some(value) = run.get(field.id) {
            if run.uses(field.id) || Some(value) != d.get(field.id) {
                out.push((field.key, value.to_string()));
            }
        }
    }
    if let Some(m) = run.measured() {
        for key in MeasuredKey::ALL {
            let value = match key {
                MeasuredKey::Energy => number(m.energy_kwh),
                MeasuredKey::Emissions => number(m.emissions_kg),
                MeasuredKey::Hours => number(m.duration_h),
                MeasuredKey::Source => m.source.clone(),
                MeasuredKey::Location => m.location.clone(),
                MeasuredKey::Hardware => m.hardware.clone(),
            };
            out.push((key.key(), value));
        }
    }
    // The table values this estimate uses today, so that a link opened with a
    // later data version can say which of them changed.
    let used = table_factors(run, data, basis);
    for factor in Factor::ALL {
        if let Some((value, _)) = used.get(factor) {
            out.push((factor.key(), number(*value)));
        }
    }
    out
}

/// Encode a project as `key=value&…` (without the leading `#`).
pub fn encode(project: &Project, data: &Dataset) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair(K_VERSION, &FORMAT_VERSION.to_string());
    s.append_pair(K_DATA, DATA_VERSION);
    if !project.name.is_empty() {
        s.append_pair(K_NAME, &project.name);
    }
    if project.grid_basis != Basis::Lifecycle {
        s.append_pair(K_GRID_BASIS, project.grid_basis.key());
    }
    if project.include_embodied {
        s.append_pair(K_EMBODIED, "1");
    }
    let basis = project.grid_basis;
    match project.runs() {
        [run] => {
            for (k, v) in run_pairs(run, data, basis) {
                s.append_pair(k, &v);
            }
        }
        runs => {
            s.append_pair(K_RUNS, &runs.len().to_string());
            s.append_pair(K_ACTIVE, &project.active().to_string());
            for (i, run) in runs.iter().enumerate() {
                for (k, v) in run_pairs(run, data, basis) {
                    s.append_pair(&format!("r{i}.{k}"), &v);
                }
            }
        }
    }
    s.finish()
}
