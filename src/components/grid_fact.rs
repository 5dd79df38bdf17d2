use crate::components::method_link::RowLink;
use crate::components::source_link::SourceLink;
use crate::display;
use emissions_core::job::LocationUse;
use emissions_core::method::FactorRef;
use leptos::prelude::*;

/// The grid intensity used, its grid and its source, as one entry of a `<dl class="facts">`.
#[component]
pub fn GridFact(
    #[prop(into)] location: Signal<Option<LocationUse>>,
    /// The table row the figure comes from, if any.
    #[prop(into)]
    row: Signal<Option<FactorRef>>,
) -> impl IntoView {
    let part = move |f: fn(&LocationUse) -> String| move || location.with(|l| l.as_ref().map(f).unwrap_or_default());
    view! {
        <div>
            <dt>"Grid intensity"</dt>
            <dd data-testid="intensity">{part(|l| display::intensity(l.intensity_g_per_kwh))}</dd>
            <dd class="sub">
                {part(|l| format!("{} · {}", display::basis_words(l), l.grid))}
                {move || location.with(|l| l.as_ref()?.source.clone()).map(|s| view! { " · " <SourceLink source=s/> })}
                <RowLink target=row/>
            </dd>
        </div>
    }
}
