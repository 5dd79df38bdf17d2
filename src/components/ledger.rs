use crate::components::codecarbon_import::CodecarbonImport;
use crate::components::phase_chart::PhaseChart;
use crate::state::AppState;
use emissions_core::format;
use emissions_core::project::{PerRequest, Phase, Run};
use leptos::prelude::*;

/// Runs shown per page: the ledger stays responsive with thousands of runs.
const PAGE: usize = 50;

fn range_text(low: f64, high: f64) -> String {
    format!("{} – {}", format::mass_kg(low), format::mass_kg(high))
}

/// The project ledger: every run it took to make the model, grouped by phase.
/// With one run it is a single line, so the calculator stays the simple path.
#[component]
pub fn Ledger(app: AppState) -> impl IntoView {
    let (page, set_page) = signal(0usize);
    let run_count = move || app.project.with(|p| p.runs.len());
    let single = move || run_count() == 1;

    let add = move |make: fn(&Run) -> Run| {
        let i = app.project.try_update(|p| {
            let base = p.runs.get(p.active).cloned().unwrap_or_default();
            let mut run = make(&base);
            run.measured = None;
            p.runs.push(run);
            p.runs.len() - 1
        });
        if let Some(i) = i {
            app.select_run(i);
            set_page.set(i / PAGE);
        }
    };
    let add_run = move |_| {
        add(|base| Run { label: "Exploration".into(), phase: Phase::Exploration, per_request: None, ..base.clone() })
    };
    let add_search = move |_| {
        add(|base| {
            let mut r = Run {
                label: "Hyperparameter search".into(),
                phase: Phase::HyperparameterSearch,
                repeat: "50".into(),
                per_request: None,
                ..base.clone()
            };
            r.form.duration = "2".into();
            r.form.duration_unit = emissions_core::form::DurationUnit::Hours;
            r
        })
    };
    let add_inference = move |_| {
        add(|base| Run {
            label: "Serving".into(),
            phase: Phase::Inference,
            repeat: "1".into(),
            per_request: Some(PerRequest {
                requests: emissions_core::fields::REQUESTS.default.into(),
                wh_per_request: emissions_core::fields::WH_PER_REQUEST.default.into(),
                basis: String::new(),
            }),
            ..base.clone()
        })
    };

    let totals_line = move || {
        app.totals.with(|t| {
            let runs: usize = t.phases.iter().map(|p| p.runs).sum();
            let invalid = t.invalid_runs;
            format!(
                "{} CO2eq (range {}) · {} · {} run{}{}",
                format::mass_kg(t.emissions_kg.central),
                range_text(t.emissions_kg.low, t.emissions_kg.high),
                format::energy_kwh(t.energy_kwh.central),
                format::plain(runs as f64),
                if runs == 1 { "" } else { "s" },
                if invalid > 0 { format!(" · {invalid} left out until fixed") } else { String::new() },
            )
        })
    };

    let rows = move || {
        let start = page.get() * PAGE;
        let (active, slice): (usize, Vec<(usize, Run)>) =
            app.project.with(|p| (p.active, p.runs.iter().cloned().enumerate().skip(start).take(PAGE).collect()));
        let many = run_count() > 1;
        slice
            .into_iter()
            .map(|(i, run)| {
                let outcome = move || app.totals.with(|t| t.runs.get(i).cloned());
                let is_active = i == active;
                let phase_key = run.phase.key();
                let kind = if run.measured.is_some() {
                    "measured"
                } else if run.per_request.is_some() {
                    "requests"
                } else {
                    "hardware"
                };
                view! {
                    <tr class:active=is_active data-run=i>
                        <td>
                            <input
                                class="cell-input"
                                type="text"
                                maxlength="80"
                                aria-label=format!("Label of run {}", i + 1)
                                prop:value=run.label.clone()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    app.project.update(|p| if let Some(r) = p.runs.get_mut(i) { r.label = v.chars().take(80).collect() });
                                }
                            />
                            <span class="run-kind">{kind}</span>
                        </td>
                        <td>
                            <select
                                aria-label=format!("Phase of run {}", i + 1)
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    if let Some(ph) = Phase::from_key(&v) {
                                        app.project.update(|p| if let Some(r) = p.runs.get_mut(i) { r.phase = ph });
                                    }
                                }
                            >
                                {Phase::ALL.into_iter().map(|ph| view! {
                                    <option value=ph.key() prop:selected=ph.key() == phase_key>{ph.label()}</option>
                                }).collect_view()}
                            </select>
                        </td>
                        <td>
                            <input
                                class="cell-input narrow"
                                type="text"
                                inputmode="numeric"
                                aria-label=format!("Similar runs like run {}", i + 1)
                                prop:value=run.repeat.clone()
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    app.project.update(|p| if let Some(r) = p.runs.get_mut(i) { r.repeat = v });
                                }
                            />
                        </td>
                        <td class="num">
                            {move || match outcome() {
                                Some(Ok(o)) => view! {
                                    <span class="kg">{format::mass_kg(o.emissions_kg.central)}</span>
                                    <span class="sub">{range_text(o.emissions_kg.low, o.emissions_kg.high)}</span>
                                }.into_any(),
                                Some(Err(e)) => view! {
                                    <span class="needs-fix">{e.values().next().cloned().unwrap_or_default()}</span>
                                }.into_any(),
                                None => ().into_any(),
                            }}
                        </td>
                        <td class="actions">
                            <button type="button" class="chip" aria-pressed=if is_active { "true" } else { "false" }
                                on:click=move |_| app.select_run(i)>
                                {if is_active { "Editing" } else { "Edit" }}
                            </button>
                            <button type="button" class="chip" on:click=move |_| {
                                let n = app.project.try_update(|p| {
                                    if let Some(r) = p.runs.get(i).cloned() {
                                        p.runs.insert(i + 1, Run { label: format!("{} (copy)", r.label).chars().take(80).collect(), ..r });
                                    }
                                    p.runs.len()
                                });
                                let _ = n;
                                app.select_run(i + 1);
                            }>"Duplicate"</button>
                            <button type="button" class="chip danger" disabled=!many on:click=move |_| {
                                let next = app.project.try_update(|p| {
                                    if p.runs.len() > 1 && i < p.runs.len() {
                                        p.runs.remove(i);
                                    }
                                    if p.active >= p.runs.len() || p.active > i { p.active = p.active.saturating_sub(1) }
                                    p.active.min(p.runs.len().saturating_sub(1))
                                });
                                if let Some(n) = next { app.select_run(n) }
                            }>"Remove"</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    let pager = move || {
        let n = run_count();
        (n > PAGE).then(|| {
            let pages = n.div_ceil(PAGE);
            view! {
                <div class="pager">
                    <button type="button" class="chip" disabled=move || page.get() == 0 on:click=move |_| set_page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
                    <span>{move || format!("Runs {}–{} of {}", page.get() * PAGE + 1, ((page.get() + 1) * PAGE).min(n), format::plain(n as f64))}</span>
                    <button type="button" class="chip" disabled=move || { page.get() + 1 >= pages } on:click=move |_| set_page.update(|p| *p = (*p + 1).min(pages - 1))>"Next"</button>
                </div>
            }
        })
    };

    view! {
        <section class="card ledger" class:single=single aria-labelledby="ledger-title">
            <div class="ledger-head">
                <h2 id="ledger-title">"Project"</h2>
                <label class="project-name">
                    <span class="visually-hidden">"Project name"</span>
                    <input
                        type="text"
                        maxlength="120"
                        placeholder="Project name (optional)"
                        prop:value=move || app.project.with(|p| p.name.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            app.project.update(|p| p.name = v.chars().take(120).collect());
                        }
                    />
                </label>
                <p class="project-total" data-testid="project-total">{totals_line}</p>
            </div>
            <Show when=single>
                <p class="help">
                    "A model's footprint is every run it took: exploration, tuning, failed runs, final training and serving. Add them to account for the whole project."
                </p>
            </Show>
            <div class="chips ledger-actions">
                <button type="button" class="chip" on:click=add_run>"+ Add a run"</button>
                <button type="button" class="chip" on:click=add_search>"+ Add a search (50 similar runs)"</button>
                <button type="button" class="chip" on:click=add_inference>"+ Add inference (requests)"</button>
                <CodecarbonImport app=app/>
            </div>
            <Show when=move || !single()>
                <div class="table-wrap">
                    <table class="runs" data-testid="runs">
                        <caption class="visually-hidden">"Runs of this project"</caption>
                        <thead>
                            <tr><th scope="col">"Run"</th><th scope="col">"Phase"</th><th scope="col">"Similar runs"</th><th scope="col" class="num">"CO2eq"</th><th scope="col">"Actions"</th></tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {pager}
                <PhaseChart app=app/>
            </Show>
        </section>
    }
}
