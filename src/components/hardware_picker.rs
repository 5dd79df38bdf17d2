use crate::components::number_field::NumberField;
use crate::components::select_field::SelectField;
use crate::components::source_link::SourceLink;
use emissions_core::data::{Dataset, Hardware, Source};
use emissions_core::fields::{self, FieldId};
use emissions_core::form::{Errors, FormState, Job, CUSTOM, NO_ACCELERATOR};
use emissions_core::format;
use leptos::prelude::*;

/// Hardware groups in table order: "NVIDIA · GPU", "AMD · CPU", …
fn groups<'a>(data: &'a Dataset, query: &str, keep: &str) -> Vec<(String, Vec<&'a Hardware>)> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut out: Vec<(String, Vec<&Hardware>)> = Vec::new();
    for h in &data.hardware {
        let hay = format!("{} {} {} {}", h.vendor, h.name, h.kind.label(), h.id).to_lowercase();
        if h.id != keep && !words.iter().all(|w| hay.contains(w.as_str())) {
            continue;
        }
        let group = format!("{} · {}", h.vendor, h.kind.label());
        match out.iter_mut().find(|(g, _)| *g == group) {
            Some((_, items)) => items.push(h),
            None => out.push((group, vec![h])),
        }
    }
    out
}

fn option_label(h: &Hardware) -> String {
    match h.power_w {
        Some(w) => format!("{} — {} W", h.name, format::plain(w)),
        None => format!("{} — power unpublished", h.name),
    }
}

/// Searchable hardware list grouped by vendor and kind, plus Custom and "no accelerator".
#[component]
pub fn HardwarePicker(
    data: &'static Dataset,
    state: RwSignal<FormState>,
    result: Memo<Result<Job, Errors>>,
) -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let selected = move || state.with(|s| s.hardware.clone());
    let error = move || result.with(|r| r.as_ref().err().and_then(|e| e.get(&FieldId::Hardware).cloned()));
    let count = move || {
        let q = query.get();
        groups(data, &q, "").iter().map(|(_, v)| v.len()).sum::<usize>()
    };
    let options = move || {
        let q = query.get();
        let sel = selected();
        let opt = |value: &str, label: String| {
            let is = sel == value;
            view! { <option value=value.to_string() prop:selected=is>{label}</option> }
        };
        view! {
            {opt(CUSTOM, "Custom device (enter its power)…".into())}
            {opt(NO_ACCELERATOR, "No accelerator (CPU and memory only)".into())}
            {groups(data, &q, &sel)
                .into_iter()
                .map(|(group, items)| {
                    let sel = sel.clone();
                    view! {
                        <optgroup label=group>
                            {items
                                .into_iter()
                                .map(|h| {
                                    let is = sel == h.id;
                                    view! { <option value=h.id.clone() prop:selected=is>{option_label(h)}</option> }
                                })
                                .collect_view()}
                        </optgroup>
                    }
                })
                .collect_view()}
        }
    };
    let details = move || {
        let sel = selected();
        data.hardware(&sel).map(|h| {
            let source = Source { name: h.vendor.clone(), url: h.source_url.clone(), year: h.year };
            let power = match h.power_w {
                Some(w) => format!("{} W, {}", format::plain(w), h.power_basis.label()),
                None => "Power not published".into(),
            };
            let memory = h.memory_gb.map(|m| format!(" · {} GB", format::plain(m))).unwrap_or_default();
            let note = h.note.clone();
            view! {
                <p class="factor">
                    <span>{power}{memory}</span>" · "<SourceLink source=source/>
                </p>
                {(!note.is_empty()).then(|| view! { <p class="help">{note}</p> })}
            }
        })
    };
    view! {
        <fieldset class="group">
            <legend>"Hardware"</legend>
            <div class="field">
                <label for="hardware-search">"Search hardware"</label>
                <input
                    id="hardware-search"
                    type="search"
                    placeholder="e.g. H100, MI300X, TPU, 4090"
                    autocomplete="off"
                    aria-controls="field-hardware"
                    on:input=move |ev| set_query.set(event_target_value(&ev))
                    prop:value=move || query.get()
                />
                <p class="help" role="status" aria-live="polite">
                    {move || {
                        let n = count();
                        if query.with(|q| q.trim().is_empty()) { format!("{n} devices listed") } else { format!("{n} matching") }
                    }}
                </p>
            </div>
            <SelectField id=FieldId::Hardware label="Device" state=state write=|s, v| s.hardware = v error=Signal::derive(error)>
                {options}
            </SelectField>
            {details}
            <Show when=move || state.with(|s| s.hardware == CUSTOM)>
                <div class="row">
                    <div class="field">
                        <label for="field-custom_name">"Device name"</label>
                        <input
                            id="field-custom_name"
                            type="text"
                            maxlength="80"
                            autocomplete="off"
                            placeholder="e.g. in-house ASIC"
                            prop:value=move || state.with(|s| s.custom_name.clone())
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                state.update(|s| s.custom_name = v);
                            }
                        />
                        <p class="error" role="status">
                            {move || result.with(|r| r.as_ref().err().and_then(|e| e.get(&FieldId::CustomName).cloned()))}
                        </p>
                    </div>
                    <NumberField
                        spec=fields::CUSTOM_POWER
                        state=state
                        result=result
                        read=|s| s.custom_power_w.clone()
                        write=|s, v| s.custom_power_w = v
                    />
                </div>
            </Show>
        </fieldset>
    }
}
