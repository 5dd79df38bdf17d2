use crate::components::grouped_options::{GroupedOptions, OptionGroup};
use crate::components::select_field::SelectField;
use crate::state::use_app;
use emissions_core::fields::FieldId;
use leptos::prelude::*;

/// A [`SelectField`] bound to one field of the run shown, with its options as
/// [`GroupedOptions`] and the run's message on that field. Changes set the field
/// unless `on_change` says otherwise (choosing a provider also picks its region).
#[component]
pub fn FieldSelect(
    id: FieldId,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<OptionGroup>>,
    #[prop(optional)] on_change: Option<Callback<String>>,
) -> impl IntoView {
    let app = use_app();
    let current = app.field(id);
    // Options drawn anew select their first one: the choice is set again after them.
    let value = Signal::derive(move || {
        options.track();
        current.get()
    });
    view! {
        <SelectField
            id=format!("field-{}", id.key())
            name=id.key()
            label=label
            value=value
            on_change=on_change.unwrap_or_else(|| app.setter(id))
            error=app.error(id)
        >
            <GroupedOptions groups=options/>
        </SelectField>
    }
}
