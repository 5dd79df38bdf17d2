use crate::components::number_field::NumberField;
use crate::components::source_link::SourceLink;
use emissions_core::data::{Dataset, Source, PUE_ON_PREMISES, PUE_PERSONAL};
use emissions_core::fields;
use emissions_core::form::{self, Errors, FormState, Job};
use emissions_core::format;
use leptos::prelude::*;

/// PUE: the location's published default is shown and used until the user types one.
#[component]
pub fn PueField(
    data: &'static Dataset,
    state: RwSignal<FormState>,
    result: Memo<Result<Job, Errors>>,
) -> impl IntoView {
    let default = Memo::new(move |_| state.with(|s| form::default_pue(s, data).cloned()));
    let placeholder =
        Signal::derive(move || default.with(|d| d.as_ref().map(|p| format::plain(p.pue)).unwrap_or_default()));
    let custom = move || state.with(|s| !s.pue.trim().is_empty());
    let preset = move |key: &'static str| {
        let value = data.pue(key).map(|p| format::plain(p.pue)).unwrap_or_default();
        state.update(|s| s.pue = value);
    };
    view! {
        <fieldset class="group">
            <legend>"Data centre efficiency"</legend>
            <NumberField
                spec=fields::PUE
                state=state
                result=result
                read=|s| s.pue.clone()
                write=|s, v| s.pue = v
                placeholder=placeholder
            />
            <p class="factor">
                {move || default.get().map(|p| {
                    let source = Source { name: p.label.clone(), url: p.source_url.clone(), year: p.year };
                    view! {
                        <span>
                            {move || if custom() { "Published default: " } else { "Using the published default: " }}
                            <strong>{format::plain(p.pue)}</strong>
                            {format!(" (range {}–{}) · ", format::plain(p.pue_low), format::plain(p.pue_high))}
                        </span>
                        <SourceLink source=source/>
                    }
                })}
            </p>
            <div class="chips">
                <button type="button" class="chip" on:click=move |_| state.update(|s| s.pue.clear()) disabled=move || !custom()>
                    "Use default"
                </button>
                <button type="button" class="chip" on:click=move |_| preset(PUE_ON_PREMISES)>"Industry average"</button>
                <button type="button" class="chip" on:click=move |_| preset(PUE_PERSONAL)>"Personal computer (1.0)"</button>
            </div>
        </fieldset>
    }
}
