use crate::components::field_select::FieldSelect;
use crate::components::grouped_options::OptionGroup;
use crate::components::number_field::NumberField;
use crate::state::use_app;
use emissions_core::fields::{self, FieldId};
use emissions_core::form::CUSTOM;
use leptos::prelude::*;

/// How fast the devices do the work: the model FLOPs utilization, the precision
/// whose peak throughput is used, and a custom device's peak. Shown with the
/// compute of a job described by it, and folded under the FLOPs line of a job
/// described by time.
#[component]
pub fn ComputeAssumptions() -> impl IntoView {
    let app = use_app();
    let custom = app.form_slice(|f| f.hardware == CUSTOM);
    // The registry's choices, in its order: the same list for the whole page.
    let precisions = Signal::stored(vec![OptionGroup::plain(
        fields::PRECISION.choices().iter().map(|(k, l)| (k.to_string(), l.to_string())).collect(),
    )]);
    view! {
        <div class="row">
            <NumberField id=FieldId::Mfu/>
            <FieldSelect id=FieldId::Precision label=fields::PRECISION.label options=precisions/>
        </div>
        <Show when=move || custom.get()>
            <NumberField id=FieldId::CustomTflops/>
        </Show>
        <p class="help compute-note">
            "MFU is not the average utilization above: MFU is the share of the peak throughput doing useful work (it sets the hours); utilization is the share of rated power drawn (it sets the power). Both ranges are carried into the result."
        </p>
    }
}
