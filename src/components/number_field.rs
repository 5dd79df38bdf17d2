use emissions_core::fields::FieldSpec;
use emissions_core::form::{Errors, FormState, Job};
use leptos::prelude::*;

/// A labelled numeric input driven by one [`FieldSpec`]: label, unit, help and
/// the validation message all come from the spec and the validation result.
/// The raw text is stored as typed, so a bad value never loses anything.
#[component]
pub fn NumberField(
    spec: FieldSpec,
    state: RwSignal<FormState>,
    result: Memo<Result<Job, Errors>>,
    read: fn(&FormState) -> String,
    write: fn(&mut FormState, String),
    /// Shown when the field is empty, e.g. the default PUE.
    #[prop(optional, into)]
    placeholder: Signal<String>,
    /// Replaces the unit label, e.g. an hours/days select.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let id = format!("field-{}", spec_key(&spec));
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let error = move || result.with(|r| r.as_ref().err().and_then(|e| e.get(&spec.id).cloned()));
    let described = format!("{help_id} {error_id}");
    let unit = if let Some(children) = children {
        children().into_any()
    } else if spec.unit.is_empty() {
        ().into_any()
    } else {
        view! { <span class="unit" aria-hidden="true">{spec.unit}</span> }.into_any()
    };
    let label = if spec.unit.is_empty() { spec.label.to_string() } else { format!("{} ({})", spec.label, spec.unit) };
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            <div class="input-row">
                <input
                    id=id.clone()
                    name=spec_key(&spec)
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || placeholder.get()
                    aria-describedby=described
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                    prop:value=move || state.with(read)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        state.update(|s| write(s, v));
                    }
                />
                {unit}
            </div>
            <p class="error" id=error_id role="status" aria-live="polite">{error}</p>
            <p class="help" id=help_id>{spec.help}</p>
        </div>
    }
}

fn spec_key(spec: &FieldSpec) -> &'static str {
    spec.id.key()
}
