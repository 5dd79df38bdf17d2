use crate::components::number_field::NumberField;
use crate::components::source_link::SourceLink;
use crate::state::use_app;
use emissions_core::data::{PUE_ON_PREMISES, PUE_PERSONAL};
use emissions_core::fields::FieldId;
use emissions_core::format;
use emissions_core::job;
use leptos::prelude::*;

/// PUE: the location's published default is shown and used until the user types one.
#[component]
pub fn PueField() -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let default = app.form_slice(move |f| job::default_pue(f, data).cloned());
    let placeholder =
        Signal::derive(move || default.with(|d| d.as_ref().map(|p| format::plain(p.pue)).unwrap_or_default()));
    let custom = app.form_slice(|f| !f.pue.trim().is_empty());
    let preset = move |key: &'static str| {
        let value = data.pue(key).map(|p| format::plain(p.pue)).unwrap_or_default();
        app.set_field(FieldId::Pue, value);
    };
    view! {
        <fieldset class="group">
            <legend>"Data centre efficiency"</legend>
            <NumberField id=FieldId::Pue placeholder=placeholder/>
            <p class="factor">
                {move || default.get().map(|p| {
                    view! {
                        <span>
                            {move || if custom.get() { "Published default: " } else { "Using the published default: " }}
                            <strong>{format::plain(p.pue)}</strong>
                            {format!(" (range {}–{}) · ", format::plain(p.pue_low), format::plain(p.pue_high))}
                        </span>
                        <SourceLink source=p.source()/>
                    }
                })}
            </p>
            <div class="chips">
                <button
                    type="button"
                    class="chip"
                    on:click=move |_| app.set_field(FieldId::Pue, String::new())
                    disabled=move || !custom.get()
                >
                    "Use default"
                </button>
                <button type="button" class="chip" on:click=move |_| preset(PUE_ON_PREMISES)>"Industry average"</button>
                <button type="button" class="chip" on:click=move |_| preset(PUE_PERSONAL)>"Personal computer (1.0)"</button>
            </div>
        </fieldset>
    }
}
