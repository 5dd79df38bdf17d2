use crate::browser;
use crate::method_markup;
use emissions_core::changes::{self, PREVIOUS_DATA_VERSION};
use emissions_core::DATA_VERSION;
use leptos::prelude::*;

/// The data version and what changed since the previous one
/// (`emissions_core::changes`, data/changes.csv): a summary by table and kind,
/// and every change, searchable. Drawn once opened.
#[component]
pub fn DataChanges() -> impl IntoView {
    let open = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let all = changes::since(PREVIOUS_DATA_VERSION);
    let count = all.as_ref().map_or(0, Vec::len);
    let body = move || {
        let list = match changes::since(PREVIOUS_DATA_VERSION) {
            Ok(list) => list,
            Err(e) => return view! { <p class="error">{e.to_string()}</p> }.into_any(),
        };
        let summary: Vec<String> = changes::summary(&list).iter().map(|g| g.sentence(6)).collect();
        let shown = move || {
            let q = query.get().to_lowercase();
            let words: Vec<&str> = q.split_whitespace().collect();
            changes::since(PREVIOUS_DATA_VERSION)
                .unwrap_or_default()
                .into_iter()
                .map(|c| c.sentence())
                .filter(|s| {
                    let s = s.to_lowercase();
                    words.iter().all(|w| s.contains(w))
                })
                .collect::<Vec<_>>()
        };
        let shown = Memo::new(move |_| shown());
        view! {
            <h4>"By table"</h4>
            <ul class="changes-summary" inner_html=method_markup::list_items(&summary)></ul>
            <div class="table-tools">
                <div class="field">
                    <label for="changes-search">"Search the changes"</label>
                    <input
                        id="changes-search"
                        type="search"
                        autocomplete="off"
                        placeholder="e.g. US-VA, hardware, removed"
                        aria-describedby="changes-count"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </div>
                <p class="table-count" id="changes-count" role="status" data-testid="changes-count">
                    {move || format!("{} of {} changes", shown.with(Vec::len), list.len())}
                </p>
            </div>
            <ul
                class="changes-list"
                data-testid="changes-list"
                tabindex="0"
                aria-label="Changes, scrolls"
                inner_html=move || shown.with(|s| method_markup::list_items(s))
            ></ul>
        }
        .into_any()
    };
    view! {
        <details
            id="method-changes"
            class="method-section"
            prop:open=move || open.get()
            on:toggle=move |ev| open.set(browser::is_open(&ev))
        >
            <summary>
                <h3>{format!("Data version {DATA_VERSION}: {count} changes since {PREVIOUS_DATA_VERSION}")}</h3>
            </summary>
            <p class="help">"Every change of the factor tables since the previous data version, one per row of data/changes.csv."</p>
            <Show when=move || open.get()>{body}</Show>
        </details>
    }
}
