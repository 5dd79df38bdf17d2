//! One factor table of the method view: searchable, sortable by any column,
//! every row with its sources, year, licence, status and note, and an id a
//! link can open it at; downloadable as the CSV the app embeds. The rows are
//! built (`emissions_core::factor_tables::table`) and drawn only once the table is
//! opened, as one string (`crate::method_markup::table_rows`).

use crate::browser;
use crate::method_markup;
use crate::reveal::{use_reveal, Place};
use crate::state::use_app;
use emissions_core::factor_tables::{self, Table};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn FactorTable(file: &'static str) -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let reveal = use_reveal();
    let title = factor_tables::title(file).unwrap_or(file);
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    // (column, descending): the table's own order is by its first column.
    let sort = RwSignal::new(None::<(usize, bool)>);
    let table = RwSignal::new(None::<Arc<Table>>);
    let build = move || {
        if table.with_untracked(Option::is_none) {
            table.set(factor_tables::table(data, file).map(Arc::new));
        }
    };
    Effect::new(move |_| {
        if let Some(Place::Row(r)) = reveal.wanted() {
            if r.table == file {
                build();
                query.set(String::new());
                open.set(true);
                let id = factor_tables::anchor(file, &r.key);
                browser::after_next_paint(move || {
                    browser::reveal(&id, Some(&r.column));
                });
            }
        }
    });
    let slug = file.trim_end_matches(".csv").replace('_', "-");
    let search_id = format!("table-search-{slug}");
    let count_id = format!("table-count-{slug}");

    let order = Memo::new(move |_| {
        let q = query.get();
        let s = sort.get();
        table.with(|t| {
            t.as_ref().map_or_else(Vec::new, |t| match s {
                Some((c, d)) => t.order(&q, c, d),
                None => (0..t.rows.len()).filter(|&i| t.rows[i].matches(&q)).collect(),
            })
        })
    });
    let count = move || {
        let total = table.with(|t| t.as_ref().map_or(0, |t| t.rows.len()));
        let shown = order.with(Vec::len);
        if shown == total {
            format!("{total} rows")
        } else {
            format!("{shown} of {total} rows")
        }
    };
    let head = move || {
        let Some(t) = table.get() else { return Vec::new() };
        let mut cells: Vec<AnyView> = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let state = move || sort.get().filter(|(s, _)| *s == i).map(|(_, d)| d);
                let aria = move || match state() {
                    Some(true) => Some("descending"),
                    Some(false) => Some("ascending"),
                    None => None,
                };
                let arrow = move || match state() {
                    Some(true) => " ▼",
                    Some(false) => " ▲",
                    None => "",
                };
                let label = c.label;
                view! {
                    <th scope="col" aria-sort=aria class:num=c.numeric>
                        <button
                            type="button"
                            class="sort-button"
                            on:click=move |_| {
                                sort.update(|s| {
                                    *s = match *s {
                                        Some((c, d)) if c == i => Some((i, !d)),
                                        _ => Some((i, false)),
                                    }
                                })
                            }
                        >
                            {label}
                            <span aria-hidden="true">{arrow}</span>
                        </button>
                    </th>
                }
                .into_any()
            })
            .collect();
        cells.push(view! { <th scope="col">"Sources"</th> }.into_any());
        cells.push(view! { <th scope="col">"Note"</th> }.into_any());
        cells
    };
    let rows = Memo::new(move |_| {
        order.with(|o| table.with(|t| t.as_ref().map(|t| method_markup::table_rows(t, o)).unwrap_or_default()))
    });
    let about = move || table.with(|t| t.as_ref().map(|t| t.about));

    view! {
        <details
            class="method-section factor-table"
            id=format!("table-{slug}")
            data-table=file
            prop:open=move || open.get()
            on:toggle=move |ev| {
                let now = browser::is_open(&ev);
                if now {
                    build();
                }
                open.set(now);
            }
        >
            <summary>
                <h4>{title} <span class="table-file">{format!(" · data/{file}")}</span></h4>
            </summary>
            <Show when=move || open.get()>
                <p class="help">{about}</p>
                <div class="table-tools">
                    <div class="field">
                        <label for=search_id.clone()>{format!("Search {}", title.to_lowercase())}</label>
                        <input
                            id=search_id.clone()
                            type="search"
                            autocomplete="off"
                            aria-describedby=count_id.clone()
                            prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))
                        />
                    </div>
                    <p class="table-count" id=count_id.clone() role="status" data-testid="table-count">{count}</p>
                    // The build's own copy of the file (index.html copies data/ into dist/data/,
                    // and the service worker keeps it offline): the bytes of the table, not
                    // a copy of it carried in the wasm.
                    <a class="button" href=format!("data/{file}") download=file data-testid="table-download">
                        {format!("Download {file}")}
                    </a>
                </div>
                <div class="table-wrap method-table-wrap" tabindex="0" role="region" aria-label=format!("{title} table, scrolls sideways")>
                    <table class="method-table" data-testid="factor-table">
                        <caption class="visually-hidden">{format!("{title}: data/{file}")}</caption>
                        <thead><tr>{head}</tr></thead>
                        <tbody inner_html=move || rows.get()></tbody>
                    </table>
                </div>
            </Show>
        </details>
    }
}
