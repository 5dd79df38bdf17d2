//! "Where should this job run?": the job as entered, estimated in every region of
//! a provider, of all providers, or in every country and grid zone; as a bar chart
//! or a table, with one sentence of advice. The arithmetic (factors, sorting,
//! filtering, scaling, savings) is `emissions_core::compare`, its sentences are in
//! `emissions_core::catalog`, and the chart is drawn by `crate::region_chart`.
//!
//! The comparison is a memo of the job, the form and the filters, read by the
//! advice, the summary, the table and the one effect that draws the chart.
//!
//! Benchmark hook: each update of the chart is recorded as
//! `performance.measure("compare-update")`, whose duration is the time spent
//! comparing plus drawing (SVG + DOM); the chart container
//! (`[data-testid=region-chart]`) also gets `data-update-ms` (that duration, ms),
//! `data-updates` (a counter) and `data-bars`.

use crate::browser;
use crate::chart_host::ChartHost;
use crate::components::grouped_options::{GroupedOptions, OptionGroup};
use crate::components::region_table::RegionTable;
use crate::components::segmented::{Choice, Segmented};
use crate::components::text_field::TextField;
use crate::region_chart::{dom, regions};
use crate::state::{catalogue, use_app, Kind};
use emissions_core::catalog;
use emissions_core::compare::{self, Comparison, Query, Scope};
use emissions_core::fields::FieldId;
use emissions_core::form::LocationMode;
use leptos::prelude::*;

/// The scope as the user picked it; `None` in the signal = follow the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeChoice {
    ThisProvider,
    AllProviders,
    Zones,
}

#[component]
pub fn RegionComparison() -> impl IntoView {
    let app = use_app();
    let cat = catalogue(app.data);
    let choice = RwSignal::new(None::<ScopeChoice>);
    let continent = RwSignal::new(String::new());
    let provider_filter = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let table_view = RwSignal::new(false);
    // The chart's container, width, drawing and benchmark record.
    let host = ChartHost::new("compare-update");

    let on_cloud = app.form_slice(|f| f.location == LocationMode::Cloud);
    let typed_cloud_pue = app.form_slice(|f| !f.pue.trim().is_empty() && f.location == LocationMode::Cloud);
    let provider_key = app.field(FieldId::Provider);
    let job = app.job();
    let scope_choice = Memo::new(move |_| {
        choice.get().unwrap_or(if on_cloud.get() { ScopeChoice::ThisProvider } else { ScopeChoice::Zones })
    });
    let query = Memo::new(move |_| {
        let scope = match scope_choice.get() {
            ScopeChoice::ThisProvider => Scope::Provider(provider_key.get()),
            ScopeChoice::AllProviders => Scope::AllProviders,
            ScopeChoice::Zones => Scope::Zones,
        };
        // A continent left over from another scope that has none there: all continents.
        let c = continent.get();
        let continent = (!c.is_empty() && cat.continents(&scope).contains(&c)).then_some(c);
        let p = provider_filter.get();
        let provider = (scope == Scope::AllProviders && !p.is_empty()).then_some(p);
        Query { scope, continent, provider, text: text.get(), basis: app.project.with(|p| p.grid_basis) }
    });
    let scope = Memo::new(move |_| query.with(|q| q.scope.clone()));

    // Compare the job of the run shown under `q`, timing it for the chart's update.
    let compare_under = move |q: &Query, prev: Option<&Option<Comparison>>| {
        let t0 = browser::now();
        let next = job.with(|j| j.as_ref().map(|j| app.active_form.with(|f| compare::compare(cat, j, f, q))));
        if prev != Some(&next) {
            host.compared_since(t0);
        }
        next
    };
    // The locations in view.
    let comparison = Memo::new(move |prev| query.with(|q| compare_under(q, prev)));
    // When filters hide some, the whole scope: the chart draws every location of the
    // scope once and hides the filtered ones, so typing in the search only moves bars
    // instead of drawing them anew.
    let whole = Memo::new(move |prev| {
        let unfiltered = Query::scope(scope.get());
        if table_view.get() || query.with(|q| *q == unfiltered) {
            return None;
        }
        compare_under(&unfiltered, prev)
    });

    // Select a location in the form (chart bar or table button).
    let select = move |index: usize| {
        if let Some(place) = cat.places.get(index) {
            app.edit_form(|f| place.target.apply(f));
        }
    };

    // Draw the chart: the one effect, timed for the benchmark.
    Effect::new(move |_| {
        let t0 = browser::now();
        let chart = !table_view.get();
        let scope = scope.get();
        host.update(t0, |width| {
            comparison.with(|c| {
                whole.with(|whole| match (chart, c) {
                    (true, Some(c)) => {
                        Some((regions::drawn(cat, whole.as_ref().unwrap_or(c), c, &scope, width()), c.rows.len()))
                    }
                    _ => None,
                })
            })
        });
    });

    let select_id = move |id: String| {
        if let Some(index) = cat.find_id(&id) {
            select(index);
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(id) = dom::row_of(ev.target()).and_then(|row| row.get_attribute("data-id")) {
            select_id(id);
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if let Some(id) = dom::on_key(&ev) {
            select_id(id);
        }
    };

    let this_provider = Signal::derive(move || format!("{} regions", app.data.provider_label(&provider_key.get())));
    let continents = Memo::new(move |_| {
        let mut options = vec![(String::new(), "Every continent".to_string())];
        options.extend(scope.with(|s| cat.continents(s)).into_iter().map(|c| (c.clone(), c)));
        vec![OptionGroup::plain(options)]
    });
    let providers = Signal::stored(vec![OptionGroup::plain(
        std::iter::once((String::new(), "Every provider".to_string())).chain(cat.providers.iter().cloned()).collect(),
    )]);

    let advice = move || {
        comparison.with(|c| match c {
            Some(c) => compare::advice_sentence(cat, c),
            // The comparison re-estimates the hardware and time of a run in each place.
            None if app.kind.get() != Kind::Hardware => {
                "Locations are compared for runs estimated from hardware and time.".to_string()
            }
            None => "Complete the form above to compare locations.".to_string(),
        })
    };
    let summary = move || {
        comparison.with(|c| {
            let c = c.as_ref()?;
            job.with(|j| {
                let j = j.as_ref()?;
                Some(app.active_form.with(|f| scope.with(|s| catalog::comparison_summary(app.data, j, f, s, c))))
            })
        })
    };

    view! {
        <section class="card region-comparison" aria-labelledby="rc-title" data-testid="region-comparison">
            <h2 id="rc-title">"Where should this job run?"</h2>
            <Segmented
                name="rc-scope"
                aria_label="Locations to compare"
                choices=vec![
                    Choice { value: ScopeChoice::ThisProvider, key: "provider", label: this_provider },
                    Choice::new(ScopeChoice::AllProviders, "all", "All cloud providers"),
                    Choice::new(ScopeChoice::Zones, "zones", "Countries and grid zones"),
                ]
                value=scope_choice
                on_change=Callback::new(move |c| choice.set(Some(c)))
            />
            <div class="rc-controls">
                <Show when=move || scope_choice.get() == ScopeChoice::AllProviders>
                    <div class="field">
                        <label for="rc-provider">"Provider"</label>
                        <select
                            id="rc-provider"
                            prop:value=move || provider_filter.get()
                            on:change=move |ev| provider_filter.set(event_target_value(&ev))
                        >
                            <GroupedOptions groups=providers/>
                        </select>
                    </div>
                </Show>
                <div class="field">
                    <label for="rc-continent">"Continent"</label>
                    <select
                        id="rc-continent"
                        prop:value=move || {
                            // Set again after the options change with the scope.
                            continents.track();
                            query.with(|q| q.continent.clone().unwrap_or_default())
                        }
                        on:change=move |ev| continent.set(event_target_value(&ev))
                    >
                        <GroupedOptions groups=continents/>
                    </select>
                </div>
                <TextField
                    id="rc-search"
                    label="Search"
                    kind="search"
                    placeholder="e.g. Europe, Stockholm, us-east"
                    value=text
                    on_input=Callback::new(move |t| text.set(t))
                />
            </div>
            <p class="rc-advice" data-testid="advice" role="status" aria-live="polite">{advice}</p>
            <p class="help rc-summary" data-testid="rc-summary">{summary}</p>
            <Show when=move || typed_cloud_pue.get()>
                <p class="help">
                    "Your PUE applies to your current region only: the other bars use each location's published PUE, and choosing one of them replaces your PUE with it."
                </p>
            </Show>
            <div class="rc-toolbar">
                <ul class="rc-legend" aria-label="Legend">
                    <li><span class="rc-swatch current"></span>"your choice"</li>
                    <li><span class="rc-swatch best"></span>"cleanest in view"</li>
                    <li><span class="rc-swatch other"></span>"other locations"</li>
                </ul>
                <button
                    type="button"
                    class="button"
                    aria-pressed=move || if table_view.get() { "true" } else { "false" }
                    on:click=move |_| table_view.update(|t| *t = !*t)
                >
                    {move || if table_view.get() { "Show as chart" } else { "Show as table" }}
                </button>
            </div>
            <div
                class="rc-chart"
                data-testid="region-chart"
                node_ref=host.node
                hidden=move || table_view.get()
                on:click=on_click
                on:keydown=on_keydown
            ></div>
            <Show when=move || table_view.get()>
                <RegionTable cat=cat comparison=comparison scope=scope on_select=Callback::new(select)/>
            </Show>
        </section>
    }
}
