use crate::components::number_field::NumberField;
use crate::state::use_app;
use emissions_core::fields::FieldId;
use emissions_core::format;
use leptos::prelude::*;

/// The hardware's years of service, over which its manufacturing share is
/// spread (empty: the default of its `data/embodied.csv` row, shown as the
/// placeholder while the run is valid).
#[component]
pub fn LifetimeField() -> impl IntoView {
    let app = use_app();
    let placeholder = Signal::derive(move || {
        app.outcome.with(|o| {
            o.as_ref()
                .ok()
                .and_then(|o| o.embodied.as_ref())
                .map(|e| format::plain(e.lifetime_years))
                .unwrap_or_default()
        })
    });
    view! {
        <fieldset class="group">
            <legend>"Manufacturing share"</legend>
            <NumberField id=FieldId::Lifetime placeholder=placeholder/>
        </fieldset>
    }
}
