use crate::display::spaced_range;
use crate::state::use_app;
use emissions_core::fields::LABEL_MAX_CHARS;
use emissions_core::format;
use emissions_core::project::Phase;
use leptos::prelude::*;

/// Run `i` of the ledger: its label, phase and repeat count (edited in place),
/// its emissions or its first problem, and Edit, Duplicate and Remove. Each part
/// follows its own slice of the project, so an edit elsewhere changes nothing here.
#[component]
pub fn LedgerRow(i: usize) -> impl IntoView {
    let app = use_app();
    let label = app.run_slice(i, |r| r.label.clone());
    let phase = app.run_slice(i, |r| r.phase.key());
    let repeat = app.run_slice(i, |r| r.repeat.clone());
    let kind = app.run_slice(i, |r| r.kind.key());
    let active = Memo::new(move |_| app.active.get() == i);
    let many = Memo::new(move |_| app.run_count.get() > 1);
    let result = Memo::new(move |_| {
        app.totals.with(|t| match t.runs.get(i)? {
            Ok(o) => Some(Ok((format::mass_kg(o.emissions_kg.central), spaced_range(o.emissions_kg, format::mass_kg)))),
            Err(e) => Some(Err(e.values().next().cloned().unwrap_or_default())),
        })
    });
    let n = i + 1;
    view! {
        <tr class:active=move || active.get() data-run=i>
            <td class="run-name">
                <input
                    class="cell-input"
                    type="text"
                    maxlength=LABEL_MAX_CHARS
                    aria-label=format!("Label of run {n}")
                    prop:value=move || label.get().unwrap_or_default()
                    on:change=move |ev| {
                        let v: String = event_target_value(&ev).chars().take(LABEL_MAX_CHARS).collect();
                        app.edit_run_at(i, |r| r.label = v);
                    }
                />
                <span class="run-kind">{move || kind.get()}</span>
            </td>
            <td data-label="Phase">
                <select
                    aria-label=format!("Phase of run {n}")
                    prop:value=move || phase.get().unwrap_or_default()
                    on:change=move |ev| {
                        if let Some(ph) = Phase::from_key(&event_target_value(&ev)) {
                            app.edit_run_at(i, |r| r.phase = ph);
                        }
                    }
                >
                    {Phase::ALL.into_iter().map(|ph| view! { <option value=ph.key()>{ph.label()}</option> }).collect_view()}
                </select>
            </td>
            <td data-label="Similar runs">
                <input
                    class="cell-input narrow"
                    type="text"
                    inputmode="numeric"
                    aria-label=format!("Similar runs like run {n}")
                    prop:value=move || repeat.get().unwrap_or_default()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        app.edit_run_at(i, |r| r.repeat = v);
                    }
                />
            </td>
            <td class="num" data-label="Emissions">
                {move || match result.get() {
                    Some(Ok((kg, range))) => view! {
                        <span class="kg">{kg}</span>
                        <span class="sub">{range}</span>
                    }
                    .into_any(),
                    Some(Err(msg)) => view! { <span class="needs-fix">{msg}</span> }.into_any(),
                    None => ().into_any(),
                }}
            </td>
            <td class="actions">
                <button
                    type="button"
                    class="chip"
                    aria-pressed=move || if active.get() { "true" } else { "false" }
                    on:click=move |_| app.select(i)
                >
                    {move || if active.get() { "Editing" } else { "Edit" }}
                </button>
                <button type="button" class="chip" on:click=move |_| app.duplicate(i)>"Duplicate"</button>
                <button type="button" class="chip danger" disabled=move || !many.get() on:click=move |_| app.remove(i)>
                    "Remove"
                </button>
            </td>
        </tr>
    }
}
