use crate::state::use_app;
use emissions_core::format;
use leptos::prelude::*;

/// What the tracker's energy includes of the data centre's overhead.
fn overhead(m: &emissions_core::project::MeasuredRun) -> String {
    match (m.pue, m.pue_applied) {
        (_, Some(p)) => format!(
            "A PUE of {} was applied on import (CodeCarbon recorded 1.0: no data-centre overhead).",
            format::plain(p)
        ),
        (Some(p), None) if p <= 1.0 => {
            "CodeCarbon recorded PUE 1.0: the energy includes no data-centre overhead.".to_string()
        }
        (Some(p), None) => format!("The energy includes CodeCarbon's PUE of {}.", format::plain(p)),
        (None, None) => {
            "The file records no PUE: whether the energy includes a data-centre overhead is unknown.".to_string()
        }
    }
}

/// A run measured by CodeCarbon: its values are shown, not recomputed.
#[component]
pub fn MeasuredRun() -> impl IntoView {
    let app = use_app();
    let measured = Memo::new(move |_| {
        app.project.with(|p| {
            let r = p.active_run();
            r.measured().map(|m| (r.label.clone(), m.clone()))
        })
    });
    move || {
        measured.get().map(|(label, m)| {
            let or_unknown = |s: &str| if s.is_empty() { "not recorded".to_string() } else { s.to_string() };
            view! {
                <div class="measured" data-testid="measured-run">
                    <h3>{label}</h3>
                    <p>
                        "Measured by CodeCarbon: " <strong>{format::energy_kwh(m.energy_kwh)}</strong> " and "
                        <strong>{format::mass_kg(m.emissions_kg)}</strong> " CO2eq over "
                        {format!("{} h", format::significant(m.duration_h, 4))} "."
                    </p>
                    <p class="help">
                        {overhead(&m)}
                        " Its emissions use CodeCarbon's own grid factor: both are kept as measured, never recomputed. "
                        {format!(
                            "Hardware: {}. Location: {}. Source: {}.",
                            or_unknown(&m.hardware),
                            or_unknown(&m.location),
                            m.source
                        )}
                    </p>
                </div>
            }
        })
    }
}
