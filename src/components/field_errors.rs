use crate::state::use_app;
use leptos::prelude::*;

/// No estimate yet: the fields that need attention, each linked to its input.
#[component]
pub fn FieldErrors() -> impl IntoView {
    let app = use_app();
    let errors = Memo::new(move |_| app.outcome.with(|o| o.as_ref().err().cloned().unwrap_or_default()));
    view! {
        <div class="no-result" data-testid="no-result">
            <p>
                <strong>
                    {move || {
                        let n = errors.with(|e| e.len());
                        if n == 1 { "One field needs attention".to_string() } else { format!("{n} fields need attention") }
                    }}
                </strong>
                " before there is an estimate:"
            </p>
            <ul>
                {move || {
                    errors
                        .get()
                        .into_iter()
                        .map(|(id, msg)| {
                            let text = naming(id.field().label, msg);
                            view! { <li><a href=format!("#field-{}", id.key())>{text}</a></li> }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// The message as it reads away from its field: "Hardware lifetime: “abc” is
/// not a number." (a message that already names the field is left as it is).
fn naming(label: &str, msg: String) -> String {
    if msg.to_lowercase().contains(&label.to_lowercase()) {
        msg
    } else {
        format!("{label}: {msg}")
    }
}
