use leptos::prelude::*;

/// Options under one heading; without a heading they are listed plainly.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionGroup {
    pub label: Option<String>,
    /// `(value, label)`.
    pub options: Vec<(String, String)>,
}

impl OptionGroup {
    /// Options without a heading.
    pub fn plain(options: Vec<(String, String)>) -> OptionGroup {
        OptionGroup { label: None, options }
    }
}

/// The `<option>`s of a `<select>`, grouped with `<optgroup>`. They carry no
/// selection: the `<select>` has it (`prop:value`).
#[component]
pub fn GroupedOptions(#[prop(into)] groups: Signal<Vec<OptionGroup>>) -> impl IntoView {
    let options = |options: Vec<(String, String)>| {
        options.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()
    };
    move || {
        groups
            .get()
            .into_iter()
            .map(|g| match g.label {
                Some(label) => view! { <optgroup label=label>{options(g.options)}</optgroup> }.into_any(),
                None => options(g.options).into_any(),
            })
            .collect_view()
    }
}
