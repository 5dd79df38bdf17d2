use crate::components::number_input::NumberInput;
use emissions_core::fields::FieldSpec;
use emissions_core::form::{Errors, FormState, Job};
use leptos::prelude::*;

/// A [`NumberInput`] bound to one text field of the calculator's [`FormState`].
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
    let value = Signal::derive(move || state.with(read));
    let error = Signal::derive(move || result.with(|r| r.as_ref().err().and_then(|e| e.get(&spec.id).cloned())));
    let on_input = Callback::new(move |v: String| state.update(|s| write(s, v)));
    match children {
        Some(children) => view! {
            <NumberInput spec=spec value=value on_input=on_input error=error placeholder=placeholder>
                {children()}
            </NumberInput>
        }
        .into_any(),
        None => view! { <NumberInput spec=spec value=value on_input=on_input error=error placeholder=placeholder/> }
            .into_any(),
    }
}
