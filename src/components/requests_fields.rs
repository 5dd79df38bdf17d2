use crate::components::number_field::NumberField;
use crate::components::text_field::TextField;
use crate::state::use_app;
use emissions_core::fields::{FieldId, BASIS_MAX_CHARS};
use leptos::prelude::*;

/// Inference as requests × energy per request, with the basis stated.
#[component]
pub fn RequestsFields() -> impl IntoView {
    let app = use_app();
    view! {
        <fieldset class="group">
            <legend>"Inference"</legend>
            <div class="row">
                <NumberField id=FieldId::Requests/>
                <NumberField id=FieldId::WhPerRequest/>
            </div>
            <TextField
                id="field-basis"
                label="Basis for the energy per request"
                placeholder="e.g. measured with nvidia-smi on 1 × H100, Llama 3.1 8B, 500 output tokens"
                maxlength=BASIS_MAX_CHARS
                value=app.field(FieldId::Basis)
                on_input=app.setter(FieldId::Basis)
                error=app.error(FieldId::Basis)
                help="Statements quote this basis. Location and PUE below still apply; the energy per request is IT energy before PUE."
            />
        </fieldset>
    }
}
