use crate::components::number_field::NumberField;
use crate::components::select_field::SelectField;
use crate::components::source_link::SourceLink;
use emissions_core::data::{Dataset, GridZone, ZoneKind};
use emissions_core::fields::{self, FieldId};
use emissions_core::form::{Errors, FormState, Job, LocationMode};
use emissions_core::format;
use leptos::prelude::*;

/// Zones grouped for the select: the world and countries, then sub-national zones per country.
fn grouped_zones<'a>(data: &'a Dataset, query: &str, keep: &str) -> Vec<(String, Vec<&'a GridZone>)> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let matches = |z: &GridZone| {
        z.zone_id == keep || {
            let hay = format!("{} {} {}", z.name, z.zone_id, z.continent).to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        }
    };
    let mut countries: Vec<&GridZone> =
        data.zones.iter().filter(|z| z.kind != ZoneKind::Subnational && matches(z)).collect();
    countries.sort_by(|a, b| (a.kind != ZoneKind::World, &a.name).cmp(&(b.kind != ZoneKind::World, &b.name)));
    let mut out = vec![("Countries".to_string(), countries)];
    for z in data.zones.iter().filter(|z| z.kind == ZoneKind::Subnational && matches(z)) {
        let country = data.zone(&z.country_iso2).map(|c| c.name.clone()).unwrap_or_else(|| z.country_iso2.clone());
        let group = format!("{country}: grid regions");
        match out.iter_mut().find(|(g, _)| *g == group) {
            Some((_, v)) => v.push(z),
            None => out.push((group, vec![z])),
        }
    }
    out.retain(|(_, v)| !v.is_empty());
    out
}

/// Where the job ran: a cloud region, a country or grid zone, or a custom intensity.
#[component]
pub fn LocationPicker(
    data: &'static Dataset,
    state: RwSignal<FormState>,
    result: Memo<Result<Job, Errors>>,
) -> impl IntoView {
    let mode = move || state.with(|s| s.location);
    let set_mode = move |m: LocationMode| state.update(|s| s.location = m);
    let (zone_query, set_zone_query) = signal(String::new());
    let err = move |id: FieldId| result.with(|r| r.as_ref().err().and_then(|e| e.get(&id).cloned()));

    let radio = move |m: LocationMode, value: &'static str, label: &'static str| {
        view! {
            <label class="seg">
                <input
                    type="radio"
                    name="location-mode"
                    value=value
                    prop:checked=move || mode() == m
                    on:change=move |_| set_mode(m)
                />
                <span>{label}</span>
            </label>
        }
    };

    let providers = move || {
        let current = state.with(|s| s.provider.clone());
        data.providers()
            .into_iter()
            .map(|p| {
                let is = p.key == current;
                view! { <option value=p.key.clone() prop:selected=is>{p.label.clone()}</option> }
            })
            .collect_view()
    };
    let regions = move || {
        let (provider, current) = state.with(|s| (s.provider.clone(), s.region.clone()));
        let mut list: Vec<_> = data.regions_of(&provider).collect();
        list.sort_by(|a, b| a.region_code.cmp(&b.region_code));
        list.into_iter()
            .map(|r| {
                let is = r.region_code == current;
                let label = format!("{} · {}", r.region_code, r.region_name);
                view! { <option value=r.region_code.clone() prop:selected=is>{label}</option> }
            })
            .collect_view()
    };
    let zones = move || {
        let q = zone_query.get();
        let current = state.with(|s| s.zone.clone());
        grouped_zones(data, &q, &current)
            .into_iter()
            .map(|(group, items)| {
                let current = current.clone();
                view! {
                    <optgroup label=group>
                        {items
                            .into_iter()
                            .map(|z| {
                                let is = z.zone_id == current;
                                let label = format!("{} — {} g/kWh ({})", z.name, format::significant(z.intensity_g_per_kwh, 4), z.year);
                                view! { <option value=z.zone_id.clone() prop:selected=is>{label}</option> }
                            })
                            .collect_view()}
                    </optgroup>
                }
            })
            .collect_view()
    };

    // The factor in use, with its source, and the provider's market-based claim apart.
    let factor = move || {
        result.with(|r| {
            r.as_ref().ok().map(|job| {
                let l = job.location.clone();
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
                        " · " {l.grid.clone()}
                        {l.source.clone().map(|s| view! { " · " <SourceLink source=s/> })}
                    </p>
                    {cfe}
                }
            })
        })
    };

    view! {
        <fieldset class="group">
            <legend>"Location"</legend>
            <div class="segmented" role="radiogroup" aria-label="Kind of location">
                {radio(LocationMode::Cloud, "cloud", "Cloud region")}
                {radio(LocationMode::Zone, "zone", "Country or grid")}
                {radio(LocationMode::Custom, "custom", "Custom intensity")}
            </div>
            <Show when=move || mode() == LocationMode::Cloud>
                <div class="row">
                    <div class="field">
                        <label for="field-provider">"Cloud provider"</label>
                        <select
                            id="field-provider"
                            name="provider"
                            on:change=move |ev| {
                                let p = event_target_value(&ev);
                                let first = data.regions_of(&p).map(|r| r.region_code.clone()).min().unwrap_or_default();
                                state.update(|s| {
                                    s.provider = p;
                                    s.region = first;
                                });
                            }
                        >
                            {providers}
                        </select>
                    </div>
                    <SelectField id=FieldId::Region label="Region" state=state write=|s, v| s.region = v error=Signal::derive(move || err(FieldId::Region))>
                        {regions}
                    </SelectField>
                </div>
            </Show>
            <Show when=move || mode() == LocationMode::Zone>
                <div class="field">
                    <label for="zone-search">"Search countries and grid regions"</label>
                    <input
                        id="zone-search"
                        type="search"
                        autocomplete="off"
                        placeholder="e.g. France, Quebec, SRVC"
                        aria-controls="field-zone"
                        prop:value=move || zone_query.get()
                        on:input=move |ev| set_zone_query.set(event_target_value(&ev))
                    />
                </div>
                <SelectField id=FieldId::Zone label="Country or grid region" state=state write=|s, v| s.zone = v error=Signal::derive(move || err(FieldId::Zone))>
                    {zones}
                </SelectField>
            </Show>
            <Show when=move || mode() == LocationMode::Custom>
                <NumberField
                    spec=fields::CUSTOM_INTENSITY
                    state=state
                    result=result
                    read=|s| s.custom_intensity.clone()
                    write=|s, v| s.custom_intensity = v
                />
            </Show>
            {factor}
        </fieldset>
    }
}
