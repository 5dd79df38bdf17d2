//! "Which hardware?": the job's work (its FLOPs given, or the FLOPs its hours
//! performed) on every accelerator with a throughput figure, at the same MFU, on
//! the same number of devices, in the same place (PUE, grid intensity and its
//! basis); as a bar chart or a table, with one sentence of advice. The arithmetic
//! (hours, energy, sorting, filtering, the saving) is
//! `emissions_core::compare_hardware`, its sentences are in the core, and the
//! chart is the region comparison's (`crate::region_chart`, one chart for both).
//!
//! The comparison is a memo of the job and the filters, read by the advice, the
//! summary, the table and the one effect that draws the chart. Choosing a bar
//! moves the job to that device, keeping the number of devices (and, for a job
//! described by time, setting its duration to the time the same work takes there).
//!
//! The card follows the job one frame late (just after the estimate is painted):
//! comparing every accelerator never delays the result of an edit.
//!
//! Benchmark hook: each update of the chart is recorded as
//! `performance.measure("hardware-update")`, whose duration is the time spent
//! comparing plus drawing (SVG + DOM); the chart container
//! (`[data-testid=hardware-chart]`) also gets `data-update-ms` (that duration, ms),
//! `data-updates` (a counter) and `data-bars`.

use crate::browser;
use crate::chart_host::ChartHost;
use crate::components::grouped_options::{GroupedOptions, OptionGroup};
use crate::components::hardware_table::HardwareTable;
use crate::components::select_field::SelectField;
use crate::components::text_field::TextField;
use crate::region_chart::{dom, hardware};
use crate::state::{use_app, Kind};
use emissions_core::catalog;
use emissions_core::compare_hardware::{self as hw, Comparison, Query, Unavailable};
use emissions_core::data::{HardwareKind, Precision};
use emissions_core::fields::{self, FieldId};
use emissions_core::form::JobBy;
use emissions_core::format;
use leptos::prelude::*;

/// The kinds of accelerator a filter can choose, with their keys.
const KINDS: [(HardwareKind, &str); 4] = [
    (HardwareKind::Gpu, "gpu"),
    (HardwareKind::Tpu, "tpu"),
    (HardwareKind::Accelerator, "accelerator"),
    (HardwareKind::Soc, "soc"),
];

#[component]
pub fn HardwareComparison() -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let vendor = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let memory = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let table_view = RwSignal::new(false);
    // The chart's container, width, drawing and benchmark record.
    let host = ChartHost::new("hardware-update");

    // The card is below the fold: it follows the job once the new estimate has been
    // painted, so that typing never waits for the accelerators to be compared.
    let job_now = app.job();
    let job = RwSignal::new(job_now.get_untracked());
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        job_now.track();
        if pending.try_get_value() == Some(false) {
            pending.set_value(true);
            browser::after_next_paint(move || {
                // (Once the card is gone, these do nothing.)
                pending.set_value(false);
                if let Some(j) = job_now.try_get_untracked() {
                    if job.try_with_untracked(|cur| *cur != j) == Some(true) {
                        job.set(j);
                    }
                }
            });
        }
    });
    let precision = app.form_slice(|f| f.precision);
    let by_time = app.form_slice(|f| f.job_by == JobBy::Time);
    // "Memory at least": empty = any; a value the registry's memory field accepts, else a message.
    let min_memory = Memo::new(move |_| {
        memory.with(|m| if m.trim().is_empty() { Ok(None) } else { fields::MEMORY_GB.parse(m).map(Some) })
    });
    let query = Memo::new(move |_| Query {
        precision: precision.get(),
        vendor: vendor.with(|v| (!v.is_empty()).then(|| v.clone())),
        kind: kind.with(|k| KINDS.iter().find(|(_, key)| key == k).map(|(kind, _)| *kind)),
        min_memory_gb: min_memory.with(|m| m.clone().ok().flatten()),
        text: text.get(),
    });

    // Compare the job of the run shown under `q`, timing it for the chart's update.
    let compare_under = move |q: &Query, prev: Option<&Option<Result<Comparison, Unavailable>>>| {
        let t0 = browser::now();
        let next = job.with(|j| j.as_ref().map(|j| hw::compare_hardware(data, j, q)));
        if prev != Some(&next) {
            host.compared_since(t0);
        }
        next
    };
    // The accelerators in view.
    let comparison = Memo::new(move |prev| query.with(|q| compare_under(q, prev)));
    // When filters hide some, every accelerator: the chart draws them all once and
    // hides the filtered ones, so typing in the search only moves bars.
    let whole = Memo::new(move |prev: Option<&Option<Result<Comparison, Unavailable>>>| {
        let unfiltered = Query::new(precision.get());
        if table_view.get() || query.with(|q| *q == unfiltered) {
            return None;
        }
        compare_under(&unfiltered, prev)
    });
    let in_view = Signal::derive(move || comparison.with(|c| c.as_ref().and_then(|c| c.as_ref().ok().cloned())));

    // Move the job to the device `id` (a bar or a table button), at the precision its bar used.
    let select = move |id: String| {
        let Some(h) = data.hardware(&id) else { return };
        let Some(p) = hw::precision_for(h, precision.get_untracked()) else { return };
        let row = comparison.with_untracked(|c| {
            let c = c.as_ref()?.as_ref().ok()?;
            c.rows.iter().find(|r| hardware::row_id(data, r) == id).map(|r| (r.current, r.wall_hours))
        });
        let Some((current, wall_hours)) = row else { return };
        if current {
            return;
        }
        app.edit_form(|f| {
            f.hardware = id;
            f.precision = p;
            // The same work takes that device's time (the bar's): the duration follows.
            if f.job_by == JobBy::Time {
                f.duration = format::decimal(wall_hours / f.unit.hours(), 6);
            }
        });
    };

    // Draw the chart: the one effect, timed for the benchmark.
    Effect::new(move |_| {
        let t0 = browser::now();
        let chart = !table_view.get();
        host.update(t0, |width| {
            comparison.with(|c| {
                whole.with(|whole| match (chart, c) {
                    (true, Some(Ok(c))) => {
                        let all = whole.as_ref().and_then(|w| w.as_ref().ok()).unwrap_or(c);
                        Some((hardware::drawn(data, all, c, width()), c.rows.len()))
                    }
                    _ => None,
                })
            })
        });
    });

    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(id) = dom::row_of(ev.target()).and_then(|row| row.get_attribute("data-id")) {
            select(id);
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if let Some(id) = dom::on_key(&ev) {
            select(id);
        }
    };

    // Vendors and kinds of the accelerators that can be compared at this precision.
    let comparable = move |p: Precision| {
        data.hardware.iter().filter(move |h| h.kind != HardwareKind::Cpu && hw::peak_for(h, p).is_some())
    };
    let vendors = Memo::new(move |_| {
        let mut names: Vec<String> = comparable(precision.get()).map(|h| h.vendor.clone()).collect();
        names.sort();
        names.dedup();
        let mut options = vec![(String::new(), "Every vendor".to_string())];
        options.extend(names.into_iter().map(|v| (v.clone(), v)));
        vec![OptionGroup::plain(options)]
    });
    let kinds = Memo::new(move |_| {
        let p = precision.get();
        let mut options = vec![(String::new(), "Every kind".to_string())];
        options.extend(
            KINDS
                .iter()
                .filter(|(k, _)| comparable(p).any(|h| h.kind == *k))
                .map(|(k, key)| (key.to_string(), k.label().to_string())),
        );
        vec![OptionGroup::plain(options)]
    });
    let precisions = Signal::stored(vec![OptionGroup::plain(
        fields::PRECISION.choices().iter().map(|(k, l)| (k.to_string(), l.to_string())).collect(),
    )]);
    let current_precision = app.field(FieldId::Precision);
    let precision_value = Signal::derive(move || {
        precisions.track();
        current_precision.get()
    });

    let advice = move || {
        comparison.with(|c| match c {
            Some(Ok(c)) => hw::advice_sentence(c),
            Some(Err(u)) => u.message().to_string(),
            // The comparison re-runs the work of a run estimated from hardware.
            None if app.kind.get() != Kind::Hardware => {
                "Hardware is compared for runs estimated from hardware and time.".to_string()
            }
            None => "Complete the form above to compare hardware.".to_string(),
        })
    };
    let summary = move || {
        comparison.with(|c| {
            let c = c.as_ref()?.as_ref().ok()?;
            job.with(|j| Some(catalog::hardware_comparison_summary(j.as_ref()?, precision.get(), c)))
        })
    };
    let memory_error = Signal::derive(move || min_memory.with(|m| m.clone().err()));

    view! {
        <section class="card hardware-comparison" aria-labelledby="hw-title" data-testid="hardware-comparison">
            <h2 id="hw-title">"Which hardware?"</h2>
            <div class="rc-controls">
                <div class="field">
                    <label for="hw-vendor">"Vendor"</label>
                    <select
                        id="hw-vendor"
                        prop:value=move || {
                            vendors.track();
                            vendor.get()
                        }
                        on:change=move |ev| vendor.set(event_target_value(&ev))
                    >
                        <GroupedOptions groups=vendors/>
                    </select>
                </div>
                <div class="field">
                    <label for="hw-kind">"Kind"</label>
                    <select
                        id="hw-kind"
                        prop:value=move || {
                            kinds.track();
                            kind.get()
                        }
                        on:change=move |ev| kind.set(event_target_value(&ev))
                    >
                        <GroupedOptions groups=kinds/>
                    </select>
                </div>
                <TextField
                    id="hw-memory"
                    label="Memory at least (GB)"
                    placeholder="e.g. 80"
                    value=memory
                    on_input=Callback::new(move |m| memory.set(m))
                    error=memory_error
                />
                <SelectField
                    id="hw-precision".to_string()
                    name="hw-precision"
                    label="Precision of the job"
                    value=precision_value
                    on_change=app.setter(FieldId::Precision)
                    error=app.error(FieldId::Precision)
                >
                    <GroupedOptions groups=precisions/>
                </SelectField>
                <TextField
                    id="hw-search"
                    label="Search"
                    kind="search"
                    placeholder="e.g. H100, MI300X, TPU"
                    value=text
                    on_input=Callback::new(move |t| text.set(t))
                />
            </div>
            <p class="rc-advice" data-testid="hw-advice" role="status" aria-live="polite">{advice}</p>
            <p class="help rc-summary" data-testid="hw-summary">{summary}</p>
            <p class="help">
                {move || if by_time.get() {
                    "Choosing a device moves the job there, with the same number of devices, and sets its duration to the time this work takes on it. The precision is the job's own (also in the form above)."
                } else {
                    "Choosing a device moves the job there, with the same number of devices. The precision is the job's own (also in the form above)."
                }}
            </p>
            <div class="rc-toolbar">
                <ul class="rc-legend" aria-label="Legend">
                    <li><span class="rc-swatch current"></span>"your choice"</li>
                    <li><span class="rc-swatch best"></span>"cleanest in view"</li>
                    <li><span class="rc-swatch other"></span>"other accelerators"</li>
                    <li><span class="hw-mark" aria-hidden="true">{hardware::ESTIMATED_MARK}</span>"estimated power"</li>
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
                data-testid="hardware-chart"
                node_ref=host.node
                hidden=move || table_view.get()
                on:click=on_click
                on:keydown=on_keydown
            ></div>
            <Show when=move || table_view.get()>
                <HardwareTable data=data comparison=in_view on_select=Callback::new(select)/>
            </Show>
        </section>
    }
}
