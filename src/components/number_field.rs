use crate::components::number_input::NumberInput;
use crate::state::use_app;
use emissions_core::fields::FieldId;
use leptos::prelude::*;

/// A [`NumberInput`] bound to one field of the run shown in the calculator:
/// label, unit, help and bounds come from the registry, the value is read and
/// written with `Run::get`/`Run::set`, the message is the run's error on it.
#[component]
pub fn NumberField(
    id: FieldId,
    /// Shown when the field is empty, e.g. the default PUE.
    #[prop(optional, into)]
    placeholder: Signal<String>,
    /// Replaces the unit label, e.g. an hours/days select.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let app = use_app();
    let (field, value, on_input, error) = (id.field(), app.field(id), app.setter(id), app.error(id));
    match children {
        Some(children) => view! {
            <NumberInput field=field value=value on_input=on_input error=error placeholder=placeholder>
                {children()}
            </NumberInput>
        }
        .into_any(),
        None => view! { <NumberInput field=field value=value on_input=on_input error=error placeholder=placeholder/> }
            .into_any(),
    }
}
