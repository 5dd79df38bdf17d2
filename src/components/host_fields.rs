use crate::components::field_select::FieldSelect;
use crate::components::grouped_options::OptionGroup;
use crate::components::number_field::NumberField;
use crate::state::use_app;
use emissions_core::catalog;
use emissions_core::fields::FieldId;
use emissions_core::form::{CUSTOM, NO_ACCELERATOR};
use emissions_core::format;
use leptos::prelude::*;

/// Optional host CPU and memory, counted as Green Algorithms does.
#[component]
pub fn HostFields() -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let forced = app.form_slice(|f| f.hardware == NO_ACCELERATOR);
    let open = app.form_slice(|f| f.host || f.hardware == NO_ACCELERATOR);
    let custom_cpu = app.form_slice(|f| f.cpu == CUSTOM);
    // The same list for the whole page: it does not depend on the form.
    let mut cpus = vec![(CUSTOM.to_string(), "Custom (enter W per core)".to_string())];
    cpus.extend(
        catalog::cpus(data)
            .map(|(h, w)| (h.id.clone(), format!("{} {} — {} W/core", h.vendor, h.name, format::significant(w, 3)))),
    );
    let cpus = Signal::stored(vec![OptionGroup::plain(cpus)]);
    view! {
        <fieldset class="group">
            <legend>"Host CPU and memory"</legend>
            <label class="check">
                <input
                    type="checkbox"
                    name="host"
                    prop:checked=open
                    prop:disabled=forced
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        app.edit_form(|f| f.host = on);
                    }
                />
                <span>"Include the host's CPU cores and memory"</span>
            </label>
            <Show when=move || open.get()>
                <FieldSelect id=FieldId::Cpu label="CPU model" options=cpus/>
                <div class="row">
                    <NumberField id=FieldId::CpuCores/>
                    <Show when=move || custom_cpu.get()>
                        <NumberField id=FieldId::CpuPower/>
                    </Show>
                </div>
                <div class="row">
                    <NumberField id=FieldId::CpuUsage/>
                    <NumberField id=FieldId::MemoryGb/>
                </div>
            </Show>
        </fieldset>
    }
}
