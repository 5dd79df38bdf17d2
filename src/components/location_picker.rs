use crate::components::combobox::Combobox;
use crate::components::field_select::FieldSelect;
use crate::components::grouped_options::OptionGroup;
use crate::components::number_field::NumberField;
use crate::components::segmented::{Choice, Segmented};
use crate::components::source_link::SourceLink;
use crate::display;
use crate::state::use_app;
use emissions_core::catalog;
use emissions_core::data::Basis;
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
    let basis = Memo::new(move |_| app.project.with(|p| p.grid_basis));

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
    // Every zone for "", the matches otherwise, each with its figure on the project's basis.
    let zone_filter = Callback::new(move |q: String| {
        let b = basis.get();
        catalog::zone_groups(data, &q, "")
            .into_iter()
            .map(|g| OptionGroup {
                label: Some(g.label),
                options: g.items.into_iter().map(|z| (z.zone_id.clone(), catalog::zone_option_label(z, b))).collect(),
            })
            .collect::<Vec<_>>()
    });
    let zone_display = Signal::derive(move || {
        zone.with(|k| data.zone(k).map(|z| catalog::zone_option_label(z, basis.get())).unwrap_or_else(|| k.clone()))
    });
    // Choosing a provider also chooses its first region.
    let set_provider = Callback::new(move |p: String| app.edit_form(|f| f.set_provider(&p, data)));

    // The factor in use, its basis and source; the provider's own figure and its
    // market-based claim apart.
    let location = Memo::new(move |_| app.outcome.with(|o| o.as_ref().ok()?.site().map(|(l, _)| l.clone())));
    let using_provider = app.form_slice(|f| f.provider_figure);
    let factor = move || {
        location.get().map(|l| {
            let fallback = l.basis_fallback.then(|| {
                view! {
                    <p class="help" data-testid="basis-fallback">
                        "This zone publishes no direct figure: its lifecycle figure is used, and marked so in every statement."
                    </p>
                }
            });
            let provider = l.provider_figure.clone().map(|p| {
                let own = provider.with(|k| app.data.provider_label(k).to_string());
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid="provider-figure"
                            prop:checked=move || using_provider.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                app.set_field(FieldId::ProviderFigure, emissions_core::form::flag_key(on).into());
                            }
                        />
                        <span>
                            {format!(
                                "Use {own}'s own figure for this region: {} gCO2eq/kWh (hourly, consumption-based, its own method; ",
                                format::significant(p.intensity_g_per_kwh, 4)
                            )}
                            <SourceLink source=p.source.clone()/>
                            "). Other places stay on the zone figures, so comparisons say so."
                        </span>
                    </label>
                }
            });
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
                    <span data-testid="intensity-basis">{format!(" · {}", display::basis_words(&l))}</span>
                    " · " {l.grid}
                    {l.source.map(|s| view! { " · " <SourceLink source=s/> })}
                </p>
                {fallback}
                {provider}
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
                <Combobox
                    id="field-zone".to_string()
                    name="zone"
                    label="Country or grid region"
                    value=zone
                    display=zone_display
                    filter=zone_filter
                    on_pick=app.setter(FieldId::Zone)
                    placeholder="Type to search, e.g. France, Quebec, Texas"
                    error=app.error(FieldId::Zone)
                    noun=("place", "places")
                />
            </Show>
            <Show when=move || mode.get() == LocationMode::Custom>
                <NumberField id=FieldId::CustomIntensity/>
            </Show>
            <div class="field basis-choice">
                <span class="label" id="grid-basis-label">"Grid figures, for every run and comparison"</span>
                <Segmented
                    name="grid-basis"
                    aria_label="Basis of the grid figures"
                    choices=vec![
                        Choice::new(Basis::Lifecycle, "lifecycle", "Lifecycle"),
                        Choice::new(Basis::Direct, "direct", "Direct (combustion)"),
                    ]
                    value=basis
                    on_change=Callback::new(move |b| app.set_grid_basis(b))
                />
                <p class="help">
                    "Lifecycle (Ember's method, every zone) adds fuel supply and plant construction to combustion. Direct counts combustion only (or scope 2), published for US, Canadian and Australian zones; elsewhere the lifecycle figure is used and marked."
                </p>
            </div>
            {factor}
        </fieldset>
    }
}
