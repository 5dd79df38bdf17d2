//! How the page writes a few figures, where its wording differs from the
//! statements' (spaced ranges for the results card and the ledger).

use emissions_core::format;
use emissions_core::job::{IntensityBasis, LocationUse};
use emissions_core::model::Range;

/// "2.398 kg – 3.391 kg": both ends with their unit, spaced.
pub fn spaced_range(r: Range, unit: fn(f64) -> String) -> String {
    format!("{} – {}", unit(r.low), unit(r.high))
}

/// "282.6 gCO2eq/kWh".
pub fn intensity(g_per_kwh: f64) -> String {
    format!("{} gCO2eq/kWh", format::significant(g_per_kwh, 4))
}

/// The basis of the figure in use, in a few words: "lifecycle (Ember's method)",
/// "direct: combustion, CO2 only", "lifecycle: no direct figure published",
/// "Google Cloud's own figure", "entered by you".
pub fn basis_words(l: &LocationUse) -> String {
    let with =
        |kind: &str| if l.short_basis.is_empty() { kind.to_string() } else { format!("{kind} ({})", l.short_basis) };
    match l.intensity_basis {
        IntensityBasis::Lifecycle if l.basis_fallback => "lifecycle: no direct figure published".to_string(),
        IntensityBasis::Lifecycle => with("lifecycle"),
        IntensityBasis::Direct => with("direct"),
        IntensityBasis::Provider => "the provider's own figure".to_string(),
        IntensityBasis::Entered => "entered by you".to_string(),
    }
}
