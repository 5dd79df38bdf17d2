//! "Where should this job run?": the job as entered, estimated in every region of
//! a provider, of all providers, or in every country and grid zone; as a bar chart
//! or a table, with one sentence of advice. The arithmetic (factors, sorting,
//! filtering, scaling, savings) is `emissions_core::compare`; this file only draws.
//!
//! The chart can hold several hundred bars and must update within a frame, so it
//! is written as one SVG string (hand-written, every text escaped) and set with
//! `innerHTML` in one effect, with one click and one keydown listener on its
//! container (event delegation) instead of a reactive node per bar.
//!
//! Benchmark hook: each update of the chart (compare + SVG + DOM) is bracketed by
//! `performance.mark("compare-start")` and `performance.measure("compare-update",
//! "compare-start")`; the chart container (`[data-testid=region-chart]`) also gets
//! `data-update-ms` (that duration, ms), `data-updates` (a counter) and `data-bars`.

use crate::components::region_table::RegionTable;
use crate::state::AppState;
use emissions_core::compare::{self, Catalogue, Comparison, Query, Scope};
use emissions_core::data::{Dataset, PUE_ON_PREMISES};
use emissions_core::form::LocationMode;
use emissions_core::format;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys;
use std::fmt::Write;
use std::sync::OnceLock;

/// The scope as the user picked it; `None` in the signal = follow the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeChoice {
    ThisProvider,
    AllProviders,
    Zones,
}

/// Candidates of the embedded tables, built on first use. There is one dataset
/// per page (`Dataset::embedded`), so one catalogue.
fn catalogue(data: &'static Dataset) -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::new(data))
}

#[component]
pub fn RegionComparison(app: AppState) -> impl IntoView {
    let cat = catalogue(app.data);
    let choice = RwSignal::new(None::<ScopeChoice>);
    let continent = RwSignal::new(String::new());
    let provider_filter = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let table_view = RwSignal::new(false);
    let width = RwSignal::new(0.0_f64);
    let comparison = RwSignal::new(None::<Comparison>);
    let chart_ref = NodeRef::<leptos::html::Div>::new();
    let updates = StoredValue::new(0_u64);
    let drawn = StoredValue::new(None::<Drawn>);

    let on_cloud = move || app.form.with(|f| f.location == LocationMode::Cloud);
    let scope_choice =
        move || choice.get().unwrap_or_else(|| if on_cloud() { ScopeChoice::ThisProvider } else { ScopeChoice::Zones });
    let provider_key = move || app.form.with(|f| f.provider.clone());
    let query = Memo::new(move |_| {
        let scope = match scope_choice() {
            ScopeChoice::ThisProvider => Scope::Provider(provider_key()),
            ScopeChoice::AllProviders => Scope::AllProviders,
            ScopeChoice::Zones => Scope::Zones,
        };
        // A continent left over from another scope that has none there: all continents.
        let c = continent.get();
        let continent = (!c.is_empty() && cat.continents(&scope).contains(&c)).then_some(c);
        let p = provider_filter.get();
        let provider = (scope == Scope::AllProviders && !p.is_empty()).then_some(p);
        Query { scope, continent, provider, text: text.get() }
    });

    // Select a location in the form (chart bar or table button).
    let select = move |index: usize| {
        if let Some(place) = cat.places.get(index) {
            let target = place.target.clone();
            app.form.update(|f| target.apply(f));
        }
    };

    // Compare and draw: one effect, timed for the benchmark.
    Effect::new(move |_| {
        let perf = window().performance();
        let t0 = perf.as_ref().map(|p| {
            let _ = p.mark("compare-start");
            p.now()
        });
        let q = query.get();
        let chart = !table_view.get();
        let w = width.get();
        // The locations in view, and (when filters hide some) the whole scope: the chart
        // draws every location of the scope once and hides the filtered ones, so that
        // typing in the search only moves bars instead of drawing them anew.
        let (result, whole) = app.result.with(|r| match r.as_ref() {
            Ok(job) => app.form.with(|f| {
                let view = compare::compare(cat, job, f, &q);
                let unfiltered = Query::scope(q.scope.clone());
                let whole = (q != unfiltered && chart).then(|| compare::compare(cat, job, f, &unfiltered));
                (Some(view), whole)
            }),
            Err(_) => (None, None),
        });
        if let Some(el) = chart_ref.get() {
            match (chart, result.as_ref()) {
                (true, Some(c)) => {
                    let w = if w > 0.0 { w } else { f64::from(el.client_width()) };
                    let next = Drawn::new(cat, whole.as_ref().unwrap_or(c), c, &q.scope, w);
                    drawn.update_value(|prev| {
                        // Same locations in the same order (a number of the job, the choice or
                        // a filter changed): patch the bars in place. Otherwise draw anew,
                        // keeping the focus.
                        match prev.as_ref().filter(|p| p.shape == next.shape) {
                            Some(p) => patch(&el, p, &next),
                            None => {
                                let focused = focused_row(&el);
                                el.set_inner_html(&chart_svg(cat, &next));
                                if let Some(id) = focused {
                                    focus_row(&el, &id);
                                }
                            }
                        }
                        *prev = Some(next);
                    });
                }
                _ => {
                    el.set_inner_html("");
                    drawn.set_value(None);
                }
            }
            if let (Some(p), Some(t0)) = (perf.as_ref(), t0) {
                let ms = p.now() - t0;
                let _ = p.measure_with_start_mark("compare-update", "compare-start");
                p.clear_marks_with_mark_name("compare-start");
                let n = updates.try_update_value(|u| {
                    *u += 1;
                    *u
                });
                let bars = if chart { result.as_ref().map_or(0, |c| c.rows.len()) } else { 0 };
                let _ = el.set_attribute("data-update-ms", &format!("{ms:.3}"));
                let _ = el.set_attribute("data-updates", &n.unwrap_or(0).to_string());
                let _ = el.set_attribute("data-bars", &bars.to_string());
            }
        }
        comparison.set(result);
    });

    // Redraw at the new width when the window is resized.
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        if let Some(el) = chart_ref.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && w != width.get_untracked() {
                width.set(w);
            }
        }
    });
    on_cleanup(move || resize.remove());

    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(index) =
            row_of(ev.target()).and_then(|row| row.get_attribute("data-id")).and_then(|id| cat.find_id(&id))
        {
            select(index);
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let Some(row) = row_of(ev.target()) else { return };
        match ev.key().as_str() {
            "Enter" | " " => {
                ev.prevent_default();
                if let Some(index) = row.get_attribute("data-id").and_then(|id| cat.find_id(&id)) {
                    select(index);
                }
            }
            key @ ("ArrowDown" | "ArrowUp" | "Home" | "End") => {
                ev.prevent_default();
                let step = |e: &web_sys::Element, down: bool| {
                    if down {
                        e.next_element_sibling()
                    } else {
                        e.previous_element_sibling()
                    }
                };
                // Hidden (filtered) bars are skipped.
                let seek = |mut e: Option<web_sys::Element>, down: bool| {
                    while let Some(x) = e.as_ref().filter(|x| x.has_attribute("display")) {
                        e = step(x, down);
                    }
                    e
                };
                let next = match key {
                    "ArrowDown" => seek(row.next_element_sibling(), true),
                    "ArrowUp" => seek(row.previous_element_sibling(), false),
                    "Home" => seek(row.parent_element().and_then(|p| p.first_element_child()), true),
                    _ => seek(row.parent_element().and_then(|p| p.last_element_child()), false),
                };
                if let Some(next) = next.filter(|n| n.class_list().contains("rc-row")) {
                    let _ = row.set_attribute("tabindex", "-1");
                    let _ = next.set_attribute("tabindex", "0");
                    if let Ok(svg) = next.dyn_into::<web_sys::SvgElement>() {
                        let _ = svg.focus();
                    }
                }
            }
            _ => {}
        }
    };

    let scope_radio = move |c: ScopeChoice, value: &'static str, label: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <label class="seg">
                <input
                    type="radio"
                    name="rc-scope"
                    value=value
                    prop:checked=move || scope_choice() == c
                    on:change=move |_| choice.set(Some(c))
                />
                <span>{label}</span>
            </label>
        }
    };
    let this_provider_label = move || format!("{} regions", app.data.provider_label(&provider_key()));

    let continents = move || {
        let scope = query.with(|q| q.scope.clone());
        let current = query.with(|q| q.continent.clone().unwrap_or_default());
        cat.continents(&scope)
            .into_iter()
            .map(|c| {
                let selected = c == current;
                view! { <option value=c.clone() prop:selected=selected>{c.clone()}</option> }
            })
            .collect_view()
    };
    let providers = move || {
        let current = provider_filter.get();
        cat.providers
            .iter()
            .map(|(key, label)| {
                let selected = *key == current;
                view! { <option value=key.clone() prop:selected=selected>{label.clone()}</option> }
            })
            .collect_view()
    };

    let advice = move || {
        comparison.with(|c| match c {
            Some(c) => compare::advice_sentence(cat, c),
            None => "Complete the form above to compare locations.".to_string(),
        })
    };
    let summary = move || {
        comparison.with(|c| {
            let c = c.as_ref()?;
            let (it_kwh, job_pue) =
                app.result.with(|r| r.as_ref().ok().map(|j| (j.inputs().energy_kwh(j.utilization, 1.0), j.pue.value)))?;
            let pue = if query.with(|q| q.scope != Scope::Zones) {
                "the region's own published PUE".to_string()
            } else if on_cloud() {
                match app.data.pue(PUE_ON_PREMISES) {
                    Some(p) => format!("an on-premises data centre's PUE ({}, industry average)", format::plain(p.pue)),
                    None => "an on-premises data centre's PUE".to_string(),
                }
            } else {
                format!("your PUE ({})", format::plain(job_pue))
            };
            let n = c.rows.len();
            Some(format!(
                "{n} location{} in view, cleanest first. Each bar: this job's {} of IT energy × {pue} × the location's grid intensity. Your current estimate: {}.",
                if n == 1 { "" } else { "s" },
                format::energy_kwh(it_kwh),
                format::mass_kg(c.baseline_kg),
            ))
        })
    };
    let typed_pue_note = move || {
        app.form.with(|f| !f.pue.trim().is_empty() && f.location == LocationMode::Cloud).then(|| {
            view! {
                <p class="help">
                    "Your PUE applies to your current region only: the other bars use each location's published PUE, and choosing one of them replaces your PUE with it."
                </p>
            }
        })
    };

    view! {
        <section class="card region-comparison" aria-labelledby="rc-title" data-testid="region-comparison">
            <h2 id="rc-title">"Where should this job run?"</h2>
            <div class="segmented" role="radiogroup" aria-label="Locations to compare">
                {scope_radio(ScopeChoice::ThisProvider, "provider", Box::new(this_provider_label))}
                {scope_radio(ScopeChoice::AllProviders, "all", Box::new(|| "All cloud providers".to_string()))}
                {scope_radio(ScopeChoice::Zones, "zones", Box::new(|| "Countries and grid zones".to_string()))}
            </div>
            <div class="rc-controls">
                <Show when=move || scope_choice() == ScopeChoice::AllProviders>
                    <div class="field">
                        <label for="rc-provider">"Provider"</label>
                        <select id="rc-provider" on:change=move |ev| provider_filter.set(event_target_value(&ev))>
                            <option value="" prop:selected=move || provider_filter.with(String::is_empty)>"Every provider"</option>
                            {providers}
                        </select>
                    </div>
                </Show>
                <div class="field">
                    <label for="rc-continent">"Continent"</label>
                    <select id="rc-continent" on:change=move |ev| continent.set(event_target_value(&ev))>
                        <option value="" prop:selected=move || query.with(|q| q.continent.is_none())>"Every continent"</option>
                        {continents}
                    </select>
                </div>
                <div class="field">
                    <label for="rc-search">"Search"</label>
                    <input
                        id="rc-search"
                        type="search"
                        autocomplete="off"
                        placeholder="e.g. Europe, Stockholm, us-east"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <p class="rc-advice" data-testid="advice" role="status" aria-live="polite">{advice}</p>
            <p class="help rc-summary">{summary}</p>
            {typed_pue_note}
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
                node_ref=chart_ref
                hidden=move || table_view.get()
                on:click=on_click
                on:keydown=on_keydown
            ></div>
            <Show when=move || table_view.get()>
                <RegionTable
                    cat=cat
                    comparison=comparison.read_only()
                    scope=Signal::derive(move || query.with(|q| q.scope.clone()))
                    on_select=Callback::new(select)
                />
            </Show>
        </section>
    }
}

/// The bar row (`g.rc-row`) an event happened in.
fn row_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target?.dyn_into::<web_sys::Element>().ok()?.closest(".rc-row").ok()?
}

/// The id of the bar that has the keyboard focus, if any.
fn focused_row(container: &web_sys::Element) -> Option<String> {
    let active = document().active_element()?;
    if container.contains(Some(&active)) {
        active.get_attribute("data-id")
    } else {
        None
    }
}

/// Give the keyboard focus back to the bar `id` after a redraw (it may have moved).
fn focus_row(container: &web_sys::Element, id: &str) {
    let selector = format!("[data-id=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\""));
    if let Ok(Some(row)) = container.query_selector(&selector) {
        if let Some(old) = container.query_selector(".rc-row[tabindex=\"0\"]").ok().flatten() {
            let _ = old.set_attribute("tabindex", "-1");
        }
        let _ = row.set_attribute("tabindex", "0");
        if let Ok(svg) = row.dyn_into::<web_sys::SvgElement>() {
            let _ = svg.focus();
        }
    }
}

/// Text for an SVG/HTML attribute or element.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Average advance of a 13 px system-ui character, rounded up: labels are cut to
/// fit by character count (and clipped, so they never run into the bars).
const CHAR_PX: f64 = 7.2;
/// Room kept right of the longest bar for its value ("999.9 kg").
const VALUE_W: f64 = 78.0;
/// From this width, labels sit left of the bars; below it, above them, with the
/// whole width for the name and place (the card sits in the left column on a
/// desktop, about 570 px of chart, so labels go above there too).
const WIDE_PX: f64 = 760.0;

struct Geometry {
    width: f64,
    row_h: f64,
    label_x: f64,
    label_y: f64,
    label_w: f64,
    bar_x: f64,
    bar_y: f64,
    bar_h: f64,
    bar_max: f64,
    value_y: f64,
}

fn geometry(width: f64) -> Geometry {
    let width = width.max(240.0);
    if width >= WIDE_PX {
        let label_w = (width * 0.4).clamp(200.0, 380.0);
        Geometry {
            width,
            row_h: 26.0,
            label_x: 6.0,
            label_y: 17.5,
            label_w: label_w - 14.0,
            bar_x: label_w,
            bar_y: 5.0,
            bar_h: 16.0,
            bar_max: width - label_w - VALUE_W,
            value_y: 17.5,
        }
    } else {
        Geometry {
            width,
            row_h: 38.0,
            label_x: 6.0,
            label_y: 15.0,
            label_w: width - 12.0,
            bar_x: 6.0,
            bar_y: 20.0,
            bar_h: 13.0,
            bar_max: width - 6.0 - VALUE_W,
            value_y: 31.0,
        }
    }
}

/// What is on screen, to tell whether the next chart can be patched in place.
struct Drawn {
    /// Everything that needs a new drawing when it changes: every location of the
    /// scope in order, the width, whether names carry the provider.
    shape: (Vec<usize>, u64, bool),
    geometry: Geometry,
    show_provider: bool,
    /// Catalogue index and values of every bar, in the order of `shape`.
    bars: Vec<(usize, BarValues)>,
    /// Bars in view.
    shown: usize,
}

/// The parts of a bar that follow the job, the form's choice and the filters.
#[derive(PartialEq)]
struct BarValues {
    /// Position among the bars in view; `None` = hidden by a filter.
    slot: Option<usize>,
    width: f64,
    value: String,
    aria: String,
    current: bool,
    cleanest: bool,
    /// Markup inside the label's `<text>`.
    label: String,
}

impl Drawn {
    /// `whole`: every location of the scope, sorted; `view`: those in view (a
    /// subsequence of `whole`, as filtering keeps the order), which set the marks
    /// and the scale.
    fn new(cat: &Catalogue, whole: &Comparison, view: &Comparison, scope: &Scope, width: f64) -> Drawn {
        let geometry = geometry(width);
        let show_provider = !matches!(scope, Scope::Provider(_));
        let mut in_view = view.rows.iter().enumerate().peekable();
        let bars: Vec<(usize, BarValues)> = whole
            .rows
            .iter()
            .map(|row| {
                let seen = in_view.next_if(|(_, v)| v.place == row.place);
                let (slot, row) = match seen {
                    Some((i, v)) => (Some(i), v),
                    None => (None, row),
                };
                let (current, cleanest) = (row.current && slot.is_some(), row.cleanest && slot.is_some());
                let w = compare::bar_fraction(row.emissions_kg, view.max_kg) * geometry.bar_max;
                let value = format::mass_kg(row.emissions_kg);
                let (aria, label) = cat.places.get(row.place).map_or_else(Default::default, |p| {
                    let name = if show_provider { p.title() } else { p.name.clone() };
                    let aria = format!(
                        "{name}, {}: {value} CO2eq{}{}",
                        p.location,
                        if current { ", your choice" } else { "" },
                        if cleanest { ", cleanest in view" } else { "" }
                    );
                    (aria, label_markup(&geometry, &name, &p.location, mark(current, cleanest)))
                });
                let values = BarValues {
                    slot,
                    width: if row.emissions_kg > 0.0 { w.max(1.5) } else { 0.0 },
                    value,
                    aria,
                    current,
                    cleanest,
                    label,
                };
                (row.place, values)
            })
            .collect();
        // Filtering keeps the order; should it ever not, draw only the rows in view.
        let matched = bars.iter().filter(|(_, b): &&(usize, BarValues)| b.slot.is_some()).count();
        if matched != view.rows.len() && !std::ptr::eq(whole, view) {
            return Drawn::new(cat, view, view, scope, width);
        }
        let order = whole.rows.iter().map(|r| r.place).collect();
        Drawn {
            shape: (order, geometry.width.to_bits(), show_provider),
            geometry,
            show_provider,
            bars,
            shown: view.rows.len(),
        }
    }

    /// The bar that takes the keyboard's tab stop: the current choice, else the first in view.
    fn tab_stop(&self) -> Option<usize> {
        let shown = || self.bars.iter().enumerate().filter(|(_, (_, b))| b.slot.is_some());
        shown().find(|(_, (_, b))| b.current).or_else(|| shown().next()).map(|(i, _)| i)
    }

    fn height(&self) -> f64 {
        self.geometry.row_h * self.shown as f64 + 8.0
    }
}

fn row_y(g: &Geometry, slot: usize) -> String {
    format!("translate(0 {:.0})", slot as f64 * g.row_h + 4.0)
}

fn mark(current: bool, cleanest: bool) -> &'static str {
    match (current, cleanest) {
        (true, true) => " · your choice, cleanest",
        (true, false) => " · your choice",
        (false, true) => " · cleanest",
        (false, false) => "",
    }
}

/// Characters of label that fit; the name (and its mark) first, then as much of
/// the place as fits. Returns the name and place as shown.
fn fit_label(g: &Geometry, name: &str, location: &str, mark: &str) -> (String, String) {
    let budget = (g.label_w / CHAR_PX).floor() as usize;
    let mark_len = mark.chars().count();
    let name_shown = clip(name, budget.saturating_sub(mark_len).max(8));
    let left = budget.saturating_sub(name_shown.chars().count() + mark_len + 3);
    let loc = if left >= 6 { clip(location, left) } else { String::new() };
    (name_shown, loc)
}

fn label_markup(g: &Geometry, name: &str, location: &str, mark: &str) -> String {
    let (name, loc) = fit_label(g, name, location, mark);
    let mut s = format!("<tspan class=\"rc-name\">{}</tspan>", esc(&name));
    if !mark.is_empty() {
        let _ = write!(s, "<tspan class=\"rc-mark\">{}</tspan>", esc(mark));
    }
    if !loc.is_empty() {
        let _ = write!(s, "<tspan class=\"rc-loc\"> · {}</tspan>", esc(&loc));
    }
    s
}

fn set_flag(el: &web_sys::Element, name: &str, on: bool) {
    let _ = if on { el.set_attribute(name, "true") } else { el.remove_attribute(name) };
}

/// Update bars drawn with the same shape: positions (filters), widths, values,
/// labels, and which bar is the current choice and the cleanest. The DOM nodes,
/// and so the keyboard focus, stay.
fn patch(container: &web_sys::Element, old: &Drawn, new: &Drawn) {
    if old.shown != new.shown {
        if let Ok(Some(svg)) = container.query_selector("svg") {
            let _ = svg.set_attribute("height", &format!("{:.0}", new.height()));
            let _ = svg.set_attribute("aria-label", &svg_label(new.shown));
        }
    }
    let (old_stop, new_stop) = (old.tab_stop(), new.tab_stop());
    let mut row = container.query_selector(".rc-row").ok().flatten();
    for (i, ((_, o), (_, n))) in old.bars.iter().zip(&new.bars).enumerate() {
        let Some(r) = row else { return };
        if o != n {
            if o.slot != n.slot {
                match n.slot {
                    Some(slot) => {
                        let _ = r.set_attribute("transform", &row_y(&new.geometry, slot));
                        let _ = r.remove_attribute("display");
                    }
                    None => {
                        let _ = r.set_attribute("display", "none");
                    }
                }
            }
            if o.aria != n.aria {
                let _ = r.set_attribute("aria-label", &n.aria);
            }
            if o.current != n.current {
                set_flag(&r, "data-current", n.current);
                set_flag(&r, "aria-current", n.current);
            }
            if o.cleanest != n.cleanest {
                set_flag(&r, "data-cleanest", n.cleanest);
            }
            if o.label != n.label {
                if let Ok(Some(label)) = r.query_selector(".rc-label") {
                    label.set_inner_html(&n.label);
                }
            }
            if let Some(value) = r.last_element_child() {
                if o.width != n.width {
                    if let Some(bar) = value.previous_element_sibling() {
                        let _ = bar.set_attribute("width", &format!("{:.1}", n.width));
                    }
                    let _ = value.set_attribute("x", &format!("{:.1}", new.geometry.bar_x + n.width + 6.0));
                }
                if o.value != n.value {
                    value.set_text_content(Some(&n.value));
                }
            }
        }
        // The keyboard's way in follows the current choice, and never stays on a hidden bar.
        if new_stop != old_stop && new_stop == Some(i) {
            if let Ok(Some(stop)) = container.query_selector(".rc-row[tabindex=\"0\"]") {
                let _ = stop.set_attribute("tabindex", "-1");
            }
            let _ = r.set_attribute("tabindex", "0");
        }
        row = r.next_element_sibling();
    }
}

fn svg_label(n: usize) -> String {
    format!("CO2eq of this job in {n} locations, cleanest first. Select a bar to use that location.")
}

/// The chart: one `g.rc-row` per location of the scope (role=button, roving
/// tabindex, the current choice and the cleanest marked with data attributes,
/// those hidden by a filter with `display="none"`), in one SVG.
fn chart_svg(cat: &Catalogue, d: &Drawn) -> String {
    let g = &d.geometry;
    let stop = d.tab_stop();
    let mut s = String::with_capacity(560 * d.bars.len() + 600);
    let _ = write!(
        s,
        "<svg class=\"rc-svg\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"group\" aria-label=\"{label}\">\
         <defs><clipPath id=\"rc-clip\"><rect x=\"0\" y=\"0\" width=\"{cw:.1}\" height=\"{rh:.0}\"/></clipPath></defs><g>",
        w = g.width,
        h = d.height(),
        label = svg_label(d.shown),
        cw = g.label_x + g.label_w,
        rh = g.row_h,
    );
    for (i, (place, values)) in d.bars.iter().enumerate() {
        let Some(place) = cat.places.get(*place) else { continue };
        bar(&mut s, g, place, values, stop == Some(i), d.show_provider);
    }
    s.push_str("</g></svg>");
    s
}

fn bar(s: &mut String, g: &Geometry, place: &compare::Place, values: &BarValues, tab_stop: bool, show_provider: bool) {
    let _ = write!(
        s,
        "<g class=\"rc-row\" role=\"button\" tabindex=\"{tab}\" data-id=\"{id}\"{cur}{best} aria-label=\"{aria}\" transform=\"{y}\"{hidden}>",
        tab = if tab_stop { 0 } else { -1 },
        id = esc(&place.id),
        cur = if values.current { " data-current=\"true\" aria-current=\"true\"" } else { "" },
        best = if values.cleanest { " data-cleanest=\"true\"" } else { "" },
        aria = esc(&values.aria),
        y = row_y(g, values.slot.unwrap_or(0)),
        hidden = if values.slot.is_none() { " display=\"none\"" } else { "" },
    );
    // The whole name on hover when the label is shortened (judged with the longest mark).
    let name = if show_provider { place.title() } else { place.name.clone() };
    let (name_shown, loc_shown) = fit_label(g, &name, &place.location, mark(true, true));
    if name_shown != name || loc_shown != place.location {
        let _ = write!(s, "<title>{}</title>", esc(&format!("{name}, {}", place.location)));
    }
    // The value text is the row's last child and the bar the one before it (`patch`).
    let _ = write!(
        s,
        "<rect class=\"rc-hit\" x=\"0\" y=\"0\" width=\"{gw:.0}\" height=\"{rh:.0}\" rx=\"4\"/>\
         <text class=\"rc-label\" x=\"{lx:.0}\" y=\"{ly:.1}\" clip-path=\"url(#rc-clip)\">{label}</text>\
         <rect class=\"rc-bar\" x=\"{bx:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{bh:.0}\" rx=\"2\"/>\
         <text class=\"rc-value\" x=\"{vx:.1}\" y=\"{vy:.1}\">{value}</text></g>",
        gw = g.width,
        rh = g.row_h,
        lx = g.label_x,
        ly = g.label_y,
        label = values.label,
        bx = g.bar_x,
        by = g.bar_y,
        w = values.width,
        bh = g.bar_h,
        vx = g.bar_x + values.width + 6.0,
        vy = g.value_y,
        value = esc(&values.value),
    );
}
