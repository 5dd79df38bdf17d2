//! How the page writes a few figures, where its wording differs from the
//! statements' (spaced ranges for the results card and the ledger).

use emissions_core::format;
use emissions_core::model::Range;

/// "2.398 kg – 3.391 kg": both ends with their unit, spaced.
pub fn spaced_range(r: Range, unit: fn(f64) -> String) -> String {
    format!("{} – {}", unit(r.low), unit(r.high))
}

/// "282.6 gCO2eq/kWh".
pub fn intensity(g_per_kwh: f64) -> String {
    format!("{} gCO2eq/kWh", format::significant(g_per_kwh, 4))
}
