//! The hardware comparison as a table: the same rows as the chart, sortable by
//! any column, plain numbers (one unit per column) so that it reads well with a
//! screen reader and pastes cleanly into a spreadsheet.

use crate::region_chart::hardware::{row_id, ESTIMATED_MARK};
use emissions_core::compare_hardware::{sort_rows, Column, Comparison};
use emissions_core::data::Dataset;
use emissions_core::format;
use leptos::prelude::*;

/// Columns in display order: the figure that matters right after the name.
const ORDER: [Column; 7] = [
    Column::Name,
    Column::Emissions,
    Column::WallTime,
    Column::DeviceHours,
    Column::Energy,
    Column::Power,
    Column::Peak,
];

/// Column title and unit.
fn header(column: Column) -> (&'static str, &'static str) {
    match column {
        Column::Name => ("Accelerator", ""),
        Column::Emissions => ("Emissions", "kg CO2eq"),
        Column::WallTime => ("Wall-clock time", "h"),
        Column::DeviceHours => ("Device-hours", "h"),
        Column::Energy => ("Energy", "kWh"),
        Column::Power => ("Power", "W, ~ estimated"),
        Column::Peak => ("Peak", "TFLOP/s"),
    }
}

#[component]
pub fn HardwareTable(
    data: &'static Dataset,
    #[prop(into)] comparison: Signal<Option<Comparison>>,
    /// Move the job to the device with this id.
    on_select: Callback<String>,
) -> impl IntoView {
    let sort = RwSignal::new((Column::Emissions, false));

    let head = move || {
        let (by, descending) = sort.get();
        ORDER
            .into_iter()
            .map(|column| {
                let aria = (column == by).then_some(if descending { "descending" } else { "ascending" });
                let arrow = match (column == by, descending) {
                    (false, _) => "",
                    (true, false) => " ▲",
                    (true, true) => " ▼",
                };
                let (title, unit) = header(column);
                view! {
                    <th scope="col" aria-sort=aria class:num=column.numeric()>
                        <button
                            type="button"
                            class="rc-sort"
                            on:click=move |_| sort.update(|(c, d)| {
                                if *c == column {
                                    *d = !*d;
                                } else {
                                    *c = column;
                                    *d = false;
                                }
                            })
                        >
                            {title}
                            <span aria-hidden="true">{arrow}</span>
                            {(!unit.is_empty()).then(|| view! { <span class="rc-unit">{format!("({unit})")}</span> })}
                        </button>
                    </th>
                }
            })
            .collect_view()
    };

    let body = move || {
        let (by, descending) = sort.get();
        comparison.with(|c| {
            let Some(c) = c else { return Vec::new() };
            let mut rows = c.rows.clone();
            sort_rows(&mut rows, by, descending);
            rows.into_iter()
                .map(|row| {
                    let mark = match (row.current, row.cleanest) {
                        (true, true) => " (your choice, cleanest)",
                        (true, false) => " (your choice)",
                        (false, true) => " (cleanest)",
                        (false, false) => "",
                    };
                    let id = row_id(data, &row).to_string();
                    // The job's own custom device is not in the tables: nothing to move to.
                    let name = if row.hardware.is_some() {
                        let name = row.name.clone();
                        view! { <button type="button" class="rc-pick" on:click=move |_| on_select.run(id.clone())>{name}</button> }
                            .into_any()
                    } else {
                        row.name.clone().into_any()
                    };
                    let power = if row.estimated_power {
                        view! {
                            <span aria-hidden="true" title="estimated power (no vendor rating)">{ESTIMATED_MARK}</span>
                            <span class="visually-hidden">"estimated "</span>
                            {format::plain(row.power_w)}
                        }
                        .into_any()
                    } else {
                        format::plain(row.power_w).into_any()
                    };
                    view! {
                        <tr class:current=row.current class:cleanest=row.cleanest aria-current=row.current.then_some("true")>
                            <th scope="row">{name}{mark}</th>
                            <td class="num" data-col="emissions">{format::significant(row.emissions_kg, 4)}</td>
                            <td class="num" data-col="wall">{format::significant(row.wall_hours, 4)}</td>
                            <td class="num">{format::significant(row.device_hours, 4)}</td>
                            <td class="num">{format::significant(row.energy_kwh, 4)}</td>
                            <td class="num" data-col="power">{power}</td>
                            <td class="num">{format::significant(row.peak_tflops, 4)}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <p class="help" id="hw-table-help">"Sort by any column with its header; move the job to a device by its name."</p>
        <div class="table-wrap rc-table-wrap">
            <table class="rc-table" data-testid="hardware-table" aria-describedby="hw-table-help">
                <caption class="rc-caption">"CO2eq of this job's work by accelerator"</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
