use crate::components::field_select::FieldSelect;
use crate::components::grouped_options::OptionGroup;
use crate::components::number_field::NumberField;
use crate::components::source_link::SourceLink;
use crate::components::text_field::TextField;
use crate::state::use_app;
use emissions_core::catalog;
use emissions_core::fields::{FieldId, NAME_MAX_CHARS};
use emissions_core::form::{CUSTOM, NO_ACCELERATOR};
use emissions_core::format;
use leptos::prelude::*;

/// Searchable hardware list grouped by vendor and kind, plus Custom and "no accelerator".
#[component]
pub fn HardwarePicker() -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let query = RwSignal::new(String::new());
    let selected = app.field(FieldId::Hardware);
    // Rebuilt when the search or the device changes (the device is always listed), not on other edits.
    let options = Memo::new(move |_| {
        let q = query.get();
        let mut groups = vec![OptionGroup::plain(vec![
            (CUSTOM.into(), "Custom device (enter its power)…".into()),
            (NO_ACCELERATOR.into(), "No accelerator (CPU and memory only)".into()),
        ])];
        groups.extend(selected.with(|sel| catalog::hardware_groups(data, &q, sel)).into_iter().map(|g| OptionGroup {
            label: Some(g.label),
            options: g.items.into_iter().map(|h| (h.id.clone(), catalog::hardware_option_label(h))).collect(),
        }));
        groups
    });
    let count = Memo::new(move |_| query.with(|q| catalog::hardware_count(data, q)));
    let count_text = Signal::derive(move || {
        let n = count.get();
        if query.with(|q| q.trim().is_empty()) {
            format!("{n} devices listed")
        } else {
            format!("{n} matching")
        }
    });
    let details = move || {
        selected.with(|sel| data.hardware(sel)).map(|h| {
            let power = match h.power_w {
                Some(w) => format!("{} W, {}", format::plain(w), h.power_basis.label()),
                None => "Power not published".into(),
            };
            let memory = h.memory_gb.map(|m| format!(" · {} GB", format::plain(m))).unwrap_or_default();
            let note = h.note.clone();
            view! {
                <p class="factor">
                    <span>{power}{memory}</span>" · "<SourceLink source=h.source()/>
                </p>
                {(!note.is_empty()).then(|| view! { <p class="help">{note}</p> })}
            }
        })
    };
    let custom = move || selected.with(|s| s == CUSTOM);
    view! {
        <fieldset class="group">
            <legend>"Hardware"</legend>
            <TextField
                id="hardware-search"
                label="Search hardware"
                kind="search"
                placeholder="e.g. H100, MI300X, TPU, 4090"
                controls="field-hardware"
                value=query
                on_input=Callback::new(move |q| query.set(q))
                help=count_text
                live_help=true
            />
            <FieldSelect id=FieldId::Hardware label="Device" options=options/>
            {details}
            <Show when=custom>
                <div class="row">
                    <TextField
                        id="field-custom_name"
                        label="Device name"
                        placeholder="e.g. in-house ASIC"
                        maxlength=NAME_MAX_CHARS
                        value=app.field(FieldId::CustomName)
                        on_input=app.setter(FieldId::CustomName)
                        error=app.error(FieldId::CustomName)
                    />
                    <NumberField id=FieldId::CustomPower/>
                </div>
            </Show>
        </fieldset>
    }
}
