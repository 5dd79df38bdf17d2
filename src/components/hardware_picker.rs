use crate::components::combobox::Combobox;
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
    let selected = app.field(FieldId::Hardware);
    let fixed =
        [(CUSTOM, "Custom device (enter its power)…"), (NO_ACCELERATOR, "No accelerator (CPU and memory only)")];
    // Every device for "", the matches otherwise; Custom and "none" first when they match.
    let filter = Callback::new(move |q: String| {
        let mut top: Vec<(String, String)> = fixed
            .iter()
            .filter(|(_, l)| catalog::words_match(&l.to_lowercase(), &q))
            .map(|(k, l)| (k.to_string(), l.to_string()))
            .collect();
        let mut groups = Vec::new();
        if !top.is_empty() {
            groups.push(OptionGroup::plain(std::mem::take(&mut top)));
        }
        groups.extend(catalog::hardware_groups(data, &q, "").into_iter().map(|g| OptionGroup {
            label: Some(g.label),
            options: g.items.into_iter().map(|h| (h.id.clone(), catalog::hardware_option_label(h))).collect(),
        }));
        groups
    });
    let display = Signal::derive(move || {
        selected.with(|k| match fixed.iter().find(|(f, _)| f == k) {
            Some((_, l)) => l.to_string(),
            None => data
                .hardware(k)
                .map(|h| format!("{} {}", h.vendor, catalog::hardware_option_label(h)))
                .unwrap_or_else(|| k.clone()),
        })
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
            <Combobox
                id="field-hardware".to_string()
                name="hardware"
                label="Device"
                value=selected
                display=display
                filter=filter
                on_pick=app.setter(FieldId::Hardware)
                placeholder="Type to search, e.g. H100, MI300X, TPU, 4090"
                error=app.error(FieldId::Hardware)
                noun=("device", "devices")
            />
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
