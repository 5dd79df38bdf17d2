use crate::components::source_link::SourceLink;
use crate::display;
use emissions_core::job::LocationUse;
use leptos::prelude::*;

/// The grid intensity used, its grid and its source, as one entry of a `<dl class="facts">`.
#[component]
pub fn GridFact(#[prop(into)] location: Signal<Option<LocationUse>>) -> impl IntoView {
    let part = move |f: fn(&LocationUse) -> String| move || location.with(|l| l.as_ref().map(f).unwrap_or_default());
    view! {
        <div>
            <dt>"Grid intensity"</dt>
            <dd data-testid="intensity">{part(|l| display::intensity(l.intensity_g_per_kwh))}</dd>
            <dd class="sub">
                {part(|l| format!("{} · {}", display::basis_words(l), l.grid))}
                {move || location.with(|l| l.as_ref()?.source.clone()).map(|s| view! { " · " <SourceLink source=s/> })}
            </dd>
        </div>
    }
}
