use crate::components::field_select::FieldSelect;
use crate::components::grouped_options::OptionGroup;
use crate::components::number_field::NumberField;
use crate::components::segmented::{Choice, Segmented};
use crate::components::source_link::SourceLink;
use crate::components::text_field::TextField;
use crate::state::use_app;
use emissions_core::catalog;
use emissions_core::fields::FieldId;
use emissions_core::form::LocationMode;
use emissions_core::format;
use leptos::prelude::*;

/// Where the job ran: a cloud region, a country or grid zone, or a custom intensity.
#[component]
pub fn LocationPicker() -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let mode = app.form_slice(|f| f.location);
    let provider = app.field(FieldId::Provider);
    let zone = app.field(FieldId::Zone);
    let zone_query = RwSignal::new(String::new());

    let providers = Signal::stored(vec![OptionGroup::plain(
        data.providers().into_iter().map(|p| (p.key.clone(), p.label.clone())).collect(),
    )]);
    let regions = Memo::new(move |_| {
        let list = provider.with(|p| catalog::regions_sorted(data, p));
        vec![OptionGroup::plain(
            list.into_iter()
                .map(|r| (r.region_code.clone(), format!("{} · {}", r.region_code, r.region_name)))
                .collect(),
        )]
    });
    let zones = Memo::new(move |_| {
        let groups = zone_query.with(|q| zone.with(|z| catalog::zone_groups(data, q, z)));
        groups
            .into_iter()
            .map(|g| OptionGroup {
                label: Some(g.label),
                options: g
                    .items
                    .into_iter()
                    .map(|z| {
                        let label = format!(
                            "{} — {} g/kWh ({})",
                            z.name,
                            format::significant(z.intensity_g_per_kwh, 4),
                            z.year
                        );
                        (z.zone_id.clone(), label)
                    })
                    .collect(),
            })
            .collect::<Vec<_>>()
    });
    // Choosing a provider also chooses its first region.
    let set_provider = Callback::new(move |p: String| app.edit_form(|f| f.set_provider(&p, data)));

    // The factor in use, with its source, and the provider's market-based claim apart.
    let location = Memo::new(move |_| app.outcome.with(|o| o.as_ref().ok()?.site().map(|(l, _)| l.clone())));
    let factor = move || {
        location.get().map(|l| {
            let cfe = l.provider_cfe.map(|c| {
                view! {
                    <p class="market-based">
                        "Market-based, shown apart: the provider reports "
                        <strong>{format::percent(c)}</strong>
                        " carbon-free energy (hourly-matched, counting its own purchases) in this region. It is not subtracted from the location-based estimate."
                    </p>
                }
            });
            view! {
                <p class="factor" data-testid="intensity-used">
                    <strong>{format!("{} gCO2eq/kWh", format::significant(l.intensity_g_per_kwh, 4))}</strong>
                    " · " {l.grid}
                    {l.source.map(|s| view! { " · " <SourceLink source=s/> })}
                </p>
                {cfe}
            }
        })
    };

    view! {
        <fieldset class="group">
            <legend>"Location"</legend>
            <Segmented
                name="location-mode"
                aria_label="Kind of location"
                choices=vec![
                    Choice::new(LocationMode::Cloud, "cloud", "Cloud region"),
                    Choice::new(LocationMode::Zone, "zone", "Country or grid"),
                    Choice::new(LocationMode::Custom, "custom", "Custom intensity"),
                ]
                value=mode
                on_change=Callback::new(move |m: LocationMode| app.set_field(FieldId::Location, m.key().into()))
            />
            <Show when=move || mode.get() == LocationMode::Cloud>
                <div class="row">
                    <FieldSelect id=FieldId::Provider label="Cloud provider" options=providers on_change=set_provider/>
                    <FieldSelect id=FieldId::Region label="Region" options=regions/>
                </div>
            </Show>
            <Show when=move || mode.get() == LocationMode::Zone>
                <TextField
                    id="zone-search"
                    label="Search countries and grid regions"
                    kind="search"
                    placeholder="e.g. France, Quebec, SRVC"
                    controls="field-zone"
                    value=zone_query
                    on_input=Callback::new(move |q| zone_query.set(q))
                />
                <FieldSelect id=FieldId::Zone label="Country or grid region" options=zones/>
            </Show>
            <Show when=move || mode.get() == LocationMode::Custom>
                <NumberField id=FieldId::CustomIntensity/>
            </Show>
            {factor}
        </fieldset>
    }
}
