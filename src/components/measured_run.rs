use crate::state::use_app;
use emissions_core::format;
use leptos::prelude::*;

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
                        "CodeCarbon's energy already includes its PUE, and its emissions use its own grid factor: both are kept as measured, never recomputed. "
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
