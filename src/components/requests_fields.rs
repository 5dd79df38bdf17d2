use crate::components::number_input::NumberInput;
use crate::state::AppState;
use emissions_core::fields::{self, FieldId, FieldSpec};
use emissions_core::project::PerRequest;
use leptos::prelude::*;

/// Inference as requests × energy per request, with the basis stated.
#[component]
pub fn RequestsFields(app: AppState) -> impl IntoView {
    let error = move |id: FieldId| {
        Signal::derive(move || app.active_outcome.with(|o| o.as_ref().err().and_then(|e| e.get(&id).cloned())))
    };
    let value = move |read: fn(&PerRequest) -> String| {
        Signal::derive(move || app.active_run.with(|r| r.per_request.as_ref().map(read).unwrap_or_default()))
    };
    let write = move |write: fn(&mut PerRequest, String)| {
        Callback::new(move |v: String| {
            app.update_active(|r| write(r.per_request.get_or_insert_with(Default::default), v))
        })
    };
    let field = move |spec: FieldSpec, read: fn(&PerRequest) -> String, w: fn(&mut PerRequest, String)| {
        view! { <NumberInput spec=spec value=value(read) on_input=write(w) error=error(spec.id)/> }
    };
    let basis_error = error(FieldId::Basis);
    view! {
        <fieldset class="group">
            <legend>"Inference"</legend>
            <div class="row">
                {field(fields::REQUESTS, |p| p.requests.clone(), |p, v| p.requests = v)}
                {field(fields::WH_PER_REQUEST, |p| p.wh_per_request.clone(), |p, v| p.wh_per_request = v)}
            </div>
            <div class="field" class:invalid=move || basis_error.with(Option::is_some)>
                <label for="field-basis">"Basis for the energy per request"</label>
                <input
                    id="field-basis"
                    type="text"
                    maxlength="200"
                    placeholder="e.g. measured with nvidia-smi on 1 × H100, Llama 3.1 8B, 500 output tokens"
                    aria-describedby="field-basis-error"
                    prop:value=value(|p| p.basis.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        app.update_active(|r| r.per_request.get_or_insert_with(Default::default).basis = v);
                    }
                />
                <p class="error" id="field-basis-error" role="status">{move || basis_error.get()}</p>
                <p class="help">"Statements quote this basis. Location and PUE below still apply; the energy per request is IT energy before PUE."</p>
            </div>
        </fieldset>
    }
}
