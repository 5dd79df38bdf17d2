use crate::display::spaced_range;
use crate::state::use_app;
use emissions_core::format;
use emissions_core::model::Range;
use emissions_core::project::PhaseTotal;
use leptos::prelude::*;

/// Emissions by phase: a horizontal bar per phase, drawn as SVG, with a table
/// of the same numbers for screen readers and copying.
#[component]
pub fn PhaseChart() -> impl IntoView {
    let app = use_app();
    let totals = Memo::new(move |_| app.totals.with(|t| (t.phases.clone(), t.energy_kwh, t.emissions_kg)));
    move || totals.with(|(phases, energy, emissions)| chart(phases, *energy, *emissions))
}

fn chart(phases: &[PhaseTotal], energy: Range, emissions: Range) -> impl IntoView {
    let max = phases.iter().map(|p| p.emissions_kg.high).fold(0.0_f64, f64::max);
    let total = emissions.central;
    let row_h = 34.0;
    let height = row_h * phases.len() as f64 + 4.0;
    let scale = move |v: f64| if max > 0.0 { v / max * 100.0 } else { 0.0 };
    let bars = phases
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = i as f64 * row_h;
            let share = if total > 0.0 { p.emissions_kg.central / total } else { 0.0 };
            let label =
                format!("{} · {} ({})", p.phase.label(), format::mass_kg(p.emissions_kg.central), format::percent(share));
            view! {
                <g>
                    <text x="0" y=y + 12.0 class="phase-label">{label}</text>
                    <rect x="0" y=y + 16.0 width=format!("{}%", scale(p.emissions_kg.central).max(0.3)) height="12" rx="3" class="phase-bar"/>
                    <line x1=format!("{}%", scale(p.emissions_kg.low)) x2=format!("{}%", scale(p.emissions_kg.high)) y1=y + 22.0 y2=y + 22.0 class="phase-range"/>
                </g>
            }
        })
        .collect_view();
    let rows = phases
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.phase.label()}</th>
                    <td class="num">{format::plain(p.runs as f64)}</td>
                    <td class="num">{format::energy_kwh(p.energy_kwh.central)}</td>
                    <td class="num">{format::mass_kg(p.emissions_kg.central)}</td>
                    <td class="num">{spaced_range(p.emissions_kg, format::mass_kg)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="phases">
            <h3>"By phase"</h3>
            <svg class="phase-chart" width="100%" height=height role="img" aria-label="Emissions by phase (the table below has the same numbers)">
                {bars}
            </svg>
            <table class="phase-table" data-testid="phase-table">
                <thead>
                    <tr>
                        <th scope="col">"Phase"</th>
                        <th scope="col" class="num">"Runs"</th>
                        <th scope="col" class="num">"Energy"</th>
                        <th scope="col" class="num">"CO2eq"</th>
                        <th scope="col" class="num">"Range"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Total"</th>
                        <td></td>
                        <td class="num">{format::energy_kwh(energy.central)}</td>
                        <td class="num" data-testid="total-kg">{format::mass_kg(emissions.central)}</td>
                        <td class="num">{spaced_range(emissions, format::mass_kg)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
