use crate::components::compute_assumptions::ComputeAssumptions;
use crate::components::number_field::NumberField;
use crate::state::use_app;
use emissions_core::fields::FieldId;
use leptos::prelude::*;

/// A job described by its compute: the total FLOPs, or parameters × tokens
/// (6·N·D), and how fast the devices do that work.
#[component]
pub fn ComputeFields() -> impl IntoView {
    let app = use_app();
    // FLOPs typed win over parameters × tokens (the core's rule): say so rather than drop either.
    let both = app.form_slice(|f| {
        let given = |s: &str| !s.trim().is_empty();
        given(&f.flops) && (given(&f.params) || given(&f.tokens))
    });
    view! {
        <div class="compute-fields" data-testid="compute-fields">
            <NumberField id=FieldId::Flops/>
            <p class="compute-or">"or, for a dense transformer, 6 × parameters × tokens:"</p>
            <div class="row">
                <NumberField id=FieldId::Params/>
                <NumberField id=FieldId::Tokens/>
            </div>
            <Show when=move || both.get()>
                <p class="help" data-testid="flops-wins">
                    "The total compute you entered is used; the parameters and tokens are kept but not used. Empty it to use 6 × parameters × tokens."
                </p>
            </Show>
            <ComputeAssumptions/>
        </div>
    }
}
