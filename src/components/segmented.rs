use leptos::prelude::*;

/// One button of a [`Segmented`] group.
pub struct Choice<T> {
    pub value: T,
    /// The radio's `value` attribute.
    pub key: &'static str,
    pub label: Signal<String>,
}

impl<T> Choice<T> {
    pub fn new(value: T, key: &'static str, label: &'static str) -> Choice<T> {
        Choice { value, key, label: Signal::stored(label.to_string()) }
    }
}

/// A segmented radio group: one choice of a few, each a labelled radio button.
#[component]
pub fn Segmented<T>(
    /// The radios' `name`.
    name: &'static str,
    /// What the group chooses, for screen readers.
    aria_label: &'static str,
    choices: Vec<Choice<T>>,
    #[prop(into)] value: Signal<T>,
    on_change: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let buttons = choices
        .into_iter()
        .map(|c| {
            let v = c.value;
            // The page's first paint, rendered to HTML at build time (`crate::shell`),
            // cannot carry the DOM property: it gets the attribute. None in the browser.
            let checked = cfg!(feature = "shell").then(|| value.get_untracked() == v);
            view! {
                <label class="seg">
                    <input
                        type="radio"
                        name=name
                        value=c.key
                        checked=checked
                        prop:checked=move || value.get() == v
                        on:change=move |_| on_change.run(v)
                    />
                    <span>{move || c.label.get()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <div class="segmented" role="radiogroup" aria-label=aria_label>
            {buttons}
        </div>
    }
}
