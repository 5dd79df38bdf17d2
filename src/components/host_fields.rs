use crate::components::number_field::NumberField;
use emissions_core::data::{Dataset, HardwareKind};
use emissions_core::fields::{self, FieldId};
use emissions_core::form::{Errors, FormState, Job, CUSTOM, NO_ACCELERATOR};
use emissions_core::format;
use leptos::prelude::*;

/// Optional host CPU and memory, counted as Green Algorithms does.
#[component]
pub fn HostFields(
    data: &'static Dataset,
    state: RwSignal<FormState>,
    result: Memo<Result<Job, Errors>>,
) -> impl IntoView {
    let forced = move || state.with(|s| s.hardware == NO_ACCELERATOR);
    let open = move || state.with(|s| s.host) || forced();
    let cpus = move || {
        let current = state.with(|s| s.cpu.clone());
        let custom_selected = current == CUSTOM;
        let rows = data
            .hardware
            .iter()
            .filter(|h| h.kind == HardwareKind::Cpu)
            .filter_map(|h| {
                h.watts_per_core().map(|w| {
                    let is = h.id == current;
                    let label = format!("{} {} — {} W/core", h.vendor, h.name, format::significant(w, 3));
                    view! { <option value=h.id.clone() prop:selected=is>{label}</option> }
                })
            })
            .collect_view();
        view! {
            <option value=CUSTOM prop:selected=custom_selected>"Custom (enter W per core)"</option>
            {rows}
        }
    };
    let cpu_error = move || result.with(|r| r.as_ref().err().and_then(|e| e.get(&FieldId::CpuPower).cloned()));
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
                        state.update(|s| s.host = on);
                    }
                />
                <span>"Include the host's CPU cores and memory"</span>
            </label>
            <Show when=open>
                <div class="field">
                    <label for="field-cpu">"CPU model"</label>
                    <select
                        id="field-cpu"
                        name="cpu"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            state.update(|s| s.cpu = v);
                        }
                    >
                        {cpus}
                    </select>
                    <p class="error" role="status">{cpu_error}</p>
                </div>
                <div class="row">
                    <NumberField spec=fields::CPU_CORES state=state result=result read=|s| s.cpu_cores.clone() write=|s, v| s.cpu_cores = v/>
                    <Show when=move || state.with(|s| s.cpu == CUSTOM)>
                        <NumberField spec=fields::CPU_POWER state=state result=result read=|s| s.cpu_w_per_core.clone() write=|s, v| s.cpu_w_per_core = v/>
                    </Show>
                </div>
                <div class="row">
                    <NumberField spec=fields::CPU_USAGE state=state result=result read=|s| s.cpu_usage_pct.clone() write=|s, v| s.cpu_usage_pct = v/>
                    <NumberField spec=fields::MEMORY_GB state=state result=result read=|s| s.memory_gb.clone() write=|s, v| s.memory_gb = v/>
                </div>
            </Show>
        </fieldset>
    }
}
