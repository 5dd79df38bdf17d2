use leptos::prelude::*;

/// A label and a one-line text input (or search box), with an optional message
/// and help line under it. The value is a signal, edits go to a callback.
#[component]
pub fn TextField(
    /// Element id; the message is `{id}-error`.
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    /// "text" or "search".
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] name: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    /// The id of the list this box filters.
    #[prop(optional)]
    controls: Option<&'static str>,
    /// A validation message; `None` for a field that has none.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
    /// A line under the field: a signal (a count of matches, announced) or fixed help.
    #[prop(optional, into)]
    help: Option<Signal<String>>,
    /// Whether `help` changes and should be announced.
    #[prop(optional)]
    live_help: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let invalid = move || error.is_some_and(|e| e.with(Option::is_some));
    let described = error.is_some().then(|| error_id.clone());
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id>{label}</label>
            <input
                id=id
                name=name
                type=kind
                autocomplete="off"
                placeholder=placeholder
                maxlength=maxlength
                aria-controls=controls
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            {error.map(|e| view! {
                <p class="error" id=error_id role="status" aria-live="polite">{move || e.get()}</p>
            })}
            {help.map(|h| {
                let (role, live) = if live_help { (Some("status"), Some("polite")) } else { (None, None) };
                view! { <p class="help" role=role aria-live=live>{move || h.get()}</p> }
            })}
        </div>
    }
}
