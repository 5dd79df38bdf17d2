use leptos::prelude::*;

/// A labelled `<select>` whose choice is a signal (bound with `prop:value`, so
/// the options never carry `selected` state of their own) and whose changes go
/// to a callback, with an optional validation message. The options are the
/// children.
#[component]
pub fn SelectField(
    /// Element id; its message is `{id}-error`.
    id: String,
    /// The form field name.
    name: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional, into)] error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let invalid = move || error.with(Option::is_some);
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                name=name
                aria-describedby=error_id.clone()
                aria-invalid=move || if invalid() { "true" } else { "false" }
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {children()}
            </select>
            <p class="error" id=error_id role="status" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}
