use crate::state::AppState;
use leptos::prelude::*;

/// Placeholder: filled in by its issue.
#[component]
pub fn StatementPanel(app: AppState) -> impl IntoView {
    let _ = app;
}
