use emissions_core::fields::FieldSpec;
use leptos::prelude::*;

/// A labelled numeric text input described by one [`FieldSpec`]: label, unit,
/// help and the validation message. Values are kept as typed.
#[component]
pub fn NumberInput(
    spec: FieldSpec,
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
    let key = spec.id.key();
    let id = format!("field-{key}");
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = format!("{help_id} {error_id}");
    // A field with its own unit control (hours/days) names no unit in its label.
    let own_unit = children.is_some();
    let unit = if let Some(children) = children {
        children().into_any()
    } else if spec.unit.is_empty() {
        ().into_any()
    } else {
        view! { <span class="unit" aria-hidden="true">{spec.unit}</span> }.into_any()
    };
    let label = if spec.unit.is_empty() || own_unit {
        spec.label.to_string()
    } else {
        format!("{} ({})", spec.label, spec.unit)
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            <div class="input-row">
                <input
                    id=id.clone()
                    name=key
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || placeholder.get()
                    aria-describedby=described
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || value.get()
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                />
                {unit}
            </div>
            <p class="error" id=error_id role="status" aria-live="polite">{move || error.get()}</p>
            <p class="help" id=help_id>{spec.help}</p>
        </div>
    }
}
