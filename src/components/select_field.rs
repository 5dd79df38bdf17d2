use emissions_core::fields::FieldId;
use emissions_core::form::FormState;
use leptos::prelude::*;

/// A labelled `<select>` bound to one field of the form, with its validation
/// message. The options are the children (usually a reactive list).
#[component]
pub fn SelectField(
    id: FieldId,
    label: &'static str,
    state: RwSignal<FormState>,
    write: fn(&mut FormState, String),
    #[prop(into)] error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let key = id.key();
    let select_id = format!("field-{key}");
    let error_id = format!("{select_id}-error");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=select_id.clone()>{label}</label>
            <select
                id=select_id
                name=key
                aria-describedby=error_id.clone()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.update(|s| write(s, v));
                }
            >
                {children()}
            </select>
            <p class="error" id=error_id role="status" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
