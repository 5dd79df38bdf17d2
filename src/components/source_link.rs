use emissions_core::data::Source;
use leptos::prelude::*;

/// "NVIDIA, 2023 ↗": the provenance shown beside every factor.
#[component]
pub fn SourceLink(source: Source) -> impl IntoView {
    view! {
        <a class="source" href=source.url.clone() target="_blank" rel="noopener noreferrer">
            {format!("{}, {}", source.name, source.year)}
        </a>
    }
}
