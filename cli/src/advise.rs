//! `ml-emissions advise` and `ml-emissions explain`: the project `estimate`
//! would build from the same inputs, then the core's advice (what would cut
//! its emissions most) or its worked calculation, as plain text.

use crate::args::{self, RawAdvise};
use crate::estimate::checked_project;
use crate::Usage;
use emissions_core::advice;
use emissions_core::compare::Catalogue;
use emissions_core::data::Dataset;
use emissions_core::format;
use emissions_core::method;
use std::path::PathBuf;

/// The text to print and where (standard output when `None`).
type Printed = (String, Option<PathBuf>);

pub fn advise(raw: RawAdvise, data: &Dataset) -> Result<Printed, Usage> {
    let a = args::estimate(raw.into_estimate(), data)?;
    let (project, totals) = checked_project(a.input, data)?;
    let advice = advice::advise(&project, &totals, data, &Catalogue::new(data));
    let mut out = format!(
        "What would cut the emissions most ({} CO2eq as entered, {} grid intensities):\n\n",
        format::mass_kg(advice.total_kg),
        advice.basis.label()
    );
    out.push_str(&advice.text());
    if advice.items.len() > 1 {
        out.push_str("\nEach saving is counted from the project as entered: they do not add up.\n");
    }
    Ok((out, a.output))
}

pub fn explain(raw: RawAdvise, data: &Dataset) -> Result<Printed, Usage> {
    let a = args::estimate(raw.into_estimate(), data)?;
    let (project, totals) = checked_project(a.input, data)?;
    let m = method::of_project(&project, &totals, data);
    let mut out = format!(
        "The worked calculation ({} CO2eq; data version {}):\n\n",
        format::mass_kg(m.headline_kg.central),
        emissions_core::DATA_VERSION
    );
    out.push_str(&m.text());
    Ok((out, a.output))
}
