use emissions_core::fields::Field;
use leptos::prelude::*;

/// A labelled numeric text input described by a [`Field`] of the registry
/// (label, unit, help, wire name), with its validation message. The value is a
/// signal and edits go to a callback; values are kept as typed.
#[component]
pub fn NumberInput(
    field: &'static Field,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Shown when the field is empty, e.g. the default PUE.
    #[prop(optional, into)]
    placeholder: Signal<String>,
    /// Replaces the unit label, e.g. an hours/days select.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let key = field.key;
    let id = format!("field-{key}");
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = format!("{help_id} {error_id}");
    // A field with its own unit control (hours/days) names no unit in its label.
    let own_unit = children.is_some();
    let unit = if let Some(children) = children {
        children().into_any()
    } else if field.unit.is_empty() {
        ().into_any()
    } else {
        view! { <span class="unit" aria-hidden="true">{field.unit}</span> }.into_any()
    };
    let label = if field.unit.is_empty() || own_unit {
        field.label.to_string()
    } else {
        format!("{} ({})", field.label, field.unit)
    };
    let invalid = move || error.with(Option::is_some);
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <div class="input-row">
                <input
                    id=id
                    name=key
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || placeholder.get()
                    aria-describedby=described
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    prop:value=move || value.get()
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                />
                {unit}
            </div>
            <p class="error" id=error_id role="status" aria-live="polite">{move || error.get()}</p>
            <p class="help" id=help_id>{field.help}</p>
        </div>
    }
}
