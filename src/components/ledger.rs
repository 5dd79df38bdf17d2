use crate::components::codecarbon_import::CodecarbonImport;
use crate::components::ledger_row::LedgerRow;
use crate::components::method_link::HowLink;
use crate::components::phase_chart::PhaseChart;
use crate::display::spaced_range;
use crate::state::use_app;
use emissions_core::format;
use emissions_core::project::Run;
use emissions_core::text;
use leptos::prelude::*;

/// Runs shown per page: the ledger stays responsive with thousands of runs.
const PAGE: usize = 50;
/// The longest project name kept.
const PROJECT_NAME_MAX_CHARS: usize = 120;

/// The project ledger: every run it took to make the model, grouped by phase.
/// With one run it is a single line, so the calculator stays the simple path.
#[component]
pub fn Ledger() -> impl IntoView {
    let app = use_app();
    let run_count = app.run_count;
    let single = Memo::new(move |_| run_count.get() == 1);
    let pages = Memo::new(move |_| run_count.get().div_ceil(PAGE).max(1));
    let chosen_page = RwSignal::new(0usize);
    // A page past the end (after removing runs) shows the last one.
    let page = Memo::new(move |_| chosen_page.get().min(pages.get() - 1));

    // Add a run made from the one shown (same hardware and place), show it and its page.
    let add = move |make: fn(&Run) -> Run| {
        let run = app.project.with_untracked(|p| make(p.active_run()));
        let i = app.push(run);
        chosen_page.set(i / PAGE);
    };

    let totals_line = Memo::new(move |_| {
        app.totals.with(|t| {
            let runs = t.run_count();
            let invalid = t.invalid_runs;
            let headline = t.headline_kg();
            // The rows and the phases are operational: the total says what it adds to them.
            let incl = if t.include_embodied && t.embodied_kg.central > 0.0 {
                format!(
                    " incl. manufacturing ({} operational + {} manufacturing)",
                    format::mass_kg(t.emissions_kg.central),
                    format::mass_kg(t.embodied_kg.central)
                )
            } else {
                String::new()
            };
            format!(
                "{} CO2eq{incl} (range {}) · {} · {}{}",
                format::mass_kg(headline.central),
                spaced_range(headline, format::mass_kg),
                format::energy_kwh(t.energy_kwh.central),
                text::count(runs, "run", "runs"),
                if invalid > 0 { format!(" · {invalid} left out until fixed") } else { String::new() },
            )
        })
    });

    let rows = move || {
        let start = page.get() * PAGE;
        start..run_count.get().min(start + PAGE)
    };

    let pager = move || {
        let n = run_count.get();
        (n > PAGE).then(|| {
            view! {
                <div class="pager">
                    <button
                        type="button"
                        class="chip"
                        disabled=move || page.get() == 0
                        on:click=move |_| chosen_page.set(page.get_untracked().saturating_sub(1))
                    >
                        "Previous"
                    </button>
                    <span>
                        {move || {
                            let p = page.get();
                            format!("Runs {}–{} of {}", p * PAGE + 1, ((p + 1) * PAGE).min(n), format::plain(n as f64))
                        }}
                    </span>
                    <button
                        type="button"
                        class="chip"
                        disabled=move || page.get() + 1 >= pages.get()
                        on:click=move |_| chosen_page.set((page.get_untracked() + 1).min(pages.get_untracked() - 1))
                    >
                        "Next"
                    </button>
                </div>
            }
        })
    };

    view! {
        <section class="card ledger" class:single=move || single.get() aria-labelledby="ledger-title">
            <div class="ledger-head">
                <h2 id="ledger-title">"Project"</h2>
                <label class="project-name">
                    <span class="visually-hidden">"Project name"</span>
                    <input
                        type="text"
                        maxlength=PROJECT_NAME_MAX_CHARS
                        placeholder="Project name (optional)"
                        prop:value=move || app.project.with(|p| p.name.clone())
                        on:input=move |ev| {
                            app.set_name(event_target_value(&ev).chars().take(PROJECT_NAME_MAX_CHARS).collect())
                        }
                    />
                </label>
                <p class="project-total" data-testid="project-total">{move || totals_line.get()}</p>
                <HowLink/>
            </div>
            <Show when=move || single.get()>
                <p class="help">
                    "A model's footprint is every run it took: exploration, tuning, failed runs, final training and serving. Add them to account for the whole project."
                </p>
            </Show>
            <div class="chips ledger-actions">
                <button type="button" class="chip" on:click=move |_| add(Run::exploration_like)>"+ Add a run"</button>
                <button type="button" class="chip" on:click=move |_| add(Run::search_like)>
                    "+ Add a search (50 similar runs)"
                </button>
                <button type="button" class="chip" on:click=move |_| add(Run::inference_like)>
                    "+ Add inference (requests)"
                </button>
                <CodecarbonImport/>
            </div>
            <Show when=move || !single.get()>
                <div class="table-wrap">
                    <table class="runs" data-testid="runs">
                        <caption class="visually-hidden">"Runs of this project"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Run"</th>
                                <th scope="col">"Phase"</th>
                                <th scope="col">"Similar runs"</th>
                                <th scope="col" class="num">"CO2eq"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=rows key=|i| *i let:i>
                                <LedgerRow i=i/>
                            </For>
                        </tbody>
                    </table>
                </div>
                {pager}
                <PhaseChart/>
            </Show>
        </section>
    }
}
