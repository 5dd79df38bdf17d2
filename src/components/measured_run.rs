use crate::state::AppState;
use emissions_core::format;
use leptos::prelude::*;

/// A run measured by CodeCarbon: its values are shown, not recomputed.
#[component]
pub fn MeasuredRun(app: AppState) -> impl IntoView {
    move || {
        app.active_run.with(|r| {
            r.measured.as_ref().map(|m| {
                view! {
                    <div class="measured" data-testid="measured-run">
                        <h3>{r.label.clone()}</h3>
                        <p>
                            "Measured by CodeCarbon: " <strong>{format::energy_kwh(m.energy_kwh)}</strong> " and "
                            <strong>{format::mass_kg(m.emissions_kg)}</strong> " CO2eq over "
                            {format!("{} h", format::significant(m.duration_h, 4))} "."
                        </p>
                        <p class="help">
                            "CodeCarbon's energy already includes its PUE, and its emissions use its own grid factor: both are kept as measured, never recomputed. "
                            {format!("Hardware: {}. Location: {}. Source: {}.",
                                if m.hardware.is_empty() { "not recorded" } else { &m.hardware },
                                if m.location.is_empty() { "not recorded" } else { &m.location },
                                m.source)}
                        </p>
                    </div>
                }
            })
        })
    }
}
