//! The region comparison as a table: the same rows as the chart, sortable by any
//! column, plain numbers (one unit per column) so that it reads well with a screen
//! reader and pastes cleanly into a spreadsheet.

use emissions_core::catalog;
use emissions_core::compare::{self, Catalogue, Column, Comparison, Scope};
use emissions_core::format;
use leptos::prelude::*;

/// Columns in display order: the figure that matters right after the name, so
/// that it shows without scrolling sideways on a narrow screen.
const ORDER: [Column; 7] = [
    Column::Name,
    Column::Emissions,
    Column::Intensity,
    Column::Pue,
    Column::Energy,
    Column::Location,
    Column::Continent,
];

/// Column title and unit.
fn header(column: Column, regions: bool) -> (&'static str, &'static str) {
    match column {
        Column::Name if regions => ("Region", ""),
        Column::Name => ("Country or grid zone", ""),
        Column::Location => ("Where", ""),
        Column::Continent => ("Continent", ""),
        Column::Intensity => ("Grid intensity", "gCO2eq/kWh"),
        Column::Pue => ("PUE", ""),
        Column::Energy => ("Energy", "kWh"),
        Column::Emissions => ("Emissions", "kg CO2eq"),
    }
}

#[component]
pub fn RegionTable(
    cat: &'static Catalogue,
    #[prop(into)] comparison: Signal<Option<Comparison>>,
    /// What is compared: names the first column, and whether names carry the provider.
    #[prop(into)]
    scope: Signal<Scope>,
    /// Select the place at this index of `cat.places` in the form.
    on_select: Callback<usize>,
) -> impl IntoView {
    let sort = RwSignal::new((Column::Emissions, false));

    let head = move || {
        let (by, descending) = sort.get();
        let regions = scope.with(|s| *s != Scope::Zones);
        ORDER
            .into_iter()
            .map(|column| {
                let aria = (column == by).then_some(if descending { "descending" } else { "ascending" });
                let arrow = match (column == by, descending) {
                    (false, _) => "",
                    (true, false) => " ▲",
                    (true, true) => " ▼",
                };
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
                            {move || {
                                let (title, unit) = header(column, regions);
                                view! {
                                    {title}
                                    <span aria-hidden="true">{arrow}</span>
                                    {(!unit.is_empty()).then(|| view! { <span class="rc-unit">{format!("({unit})")}</span> })}
                                }
                            }}
                        </button>
                    </th>
                }
            })
            .collect_view()
    };

    let body = move || {
        let (by, descending) = sort.get();
        let show_provider = scope.with(|s| *s == Scope::AllProviders);
        comparison.with(|c| {
            let Some(c) = c else { return Vec::new() };
            let mut rows = c.rows.clone();
            compare::sort_rows(cat, &mut rows, by, descending);
            rows.into_iter()
                .filter_map(|row| {
                    let place = cat.places.get(row.place)?;
                    let name = if show_provider { place.title() } else { place.name.clone() };
                    let mark = match (row.current, row.cleanest) {
                        (true, true) => " (your choice, cleanest)",
                        (true, false) => " (your choice)",
                        (false, true) => " (cleanest)",
                        (false, false) => "",
                    };
                    let index = row.place;
                    Some(view! {
                        <tr class:current=row.current class:cleanest=row.cleanest aria-current=row.current.then_some("true")>
                            <th scope="row">
                                <button type="button" class="rc-pick" on:click=move |_| on_select.run(index)>{name}</button>
                                {mark}
                            </th>
                            <td class="num" data-col="emissions">{format::significant(row.emissions_kg, 4)}</td>
                            <td class="num">{format::significant(row.intensity_g_per_kwh, 4)}{catalog::row_mark(c, &row)}</td>
                            <td class="num">{format::plain(row.pue)}</td>
                            <td class="num">{format::significant(row.energy_kwh, 4)}</td>
                            <td>{place.location.clone()}</td>
                            <td>{place.continent.clone()}</td>
                        </tr>
                    })
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <p class="help" id="rc-table-help">"Sort by any column with its header; choose a location by its name."</p>
        <div class="table-wrap rc-table-wrap">
            <table class="rc-table" data-testid="region-table" aria-describedby="rc-table-help">
                <caption class="rc-caption">"CO2eq of this job by location"</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
