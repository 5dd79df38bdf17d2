use crate::reveal::{use_reveal, Place};
use emissions_core::method::FactorRef;
use leptos::prelude::*;

/// "How is this computed?": opens the worked calculation in the method view.
#[component]
pub fn HowLink() -> impl IntoView {
    let reveal = use_reveal();
    view! {
        <button type="button" class="link-button how-link" on:click=move |_| reveal.show(Place::Calculation)>
            "How is this computed?"
        </button>
    }
}

/// "table row": opens a factor table of the method view at the row (and cell)
/// a figure comes from; nothing when the figure comes from no table.
#[component]
pub fn RowLink(#[prop(into)] target: Signal<Option<FactorRef>>) -> impl IntoView {
    let reveal = use_reveal();
    move || {
        target.get().map(|r| {
            let label = format!("table row: data/{}, {}", r.table, r.key);
            view! {
                " · "
                <button
                    type="button"
                    class="link-button row-link"
                    aria-label=label
                    data-table=r.table.clone()
                    data-key=r.key.clone()
                    on:click=move |_| reveal.show(Place::Row(r.clone()))
                >
                    "table row"
                </button>
            }
        })
    }
}
