use crate::components::source_link::SourceLink;
use crate::state::use_app;
use emissions_core::catalog;
use emissions_core::format;
use leptos::prelude::*;

/// "That is about": the everyday equivalents that read naturally for an amount.
#[component]
pub fn Equivalents(#[prop(into)] grams: Signal<f64>) -> impl IntoView {
    let data = use_app().data;
    let items = move || {
        data.equivalents_for(grams.get())
            .into_iter()
            .map(|(q, n)| {
                view! {
                    <li>
                        <span class="eq-value">{format::significant(n, 3)}</span>
                        " " {q.label.clone()}
                        <span class="eq-source">" · " <SourceLink source=catalog::equivalent_source(q)/></span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h3>"That is about"</h3>
        <ul class="equivalents" data-testid="equivalents">{items}</ul>
    }
}
