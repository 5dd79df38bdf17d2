//! "What would cut this most?": the core's ranked advice for the project
//! (`emissions_core::advice::advise`), each item with its saving, and a button
//! that makes the move for a region or hardware item; the provider's
//! carbon-free-energy claims apart, as market-based, with no saving.
//!
//! `advise` runs the region comparison once per run (and the hardware one per
//! run with known work), so it reads the totals only, one frame after each change
//! of them (just after the new estimate is painted): one evaluation of the
//! project, one advice, and typing never waits for it. Each update is recorded as
//! `performance.measure("advice-update")` for the benchmark.

use crate::browser;
use crate::components::source_link::SourceLink;
use crate::state::{catalogue, use_app};
use emissions_core::advice::{self, Item, Link, NOTHING_FOUND, NOT_ADDITIVE};
use emissions_core::compare;
use emissions_core::fields::FieldId;
use emissions_core::format;
use emissions_core::text;
use leptos::prelude::*;

#[component]
pub fn AdviceCard() -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let cat = catalogue(data);
    // The card is below the fold: it follows the project once the new estimate has
    // been painted, so that typing never waits for every region and device to be compared.
    let settled = RwSignal::new(0_u64);
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        app.totals.track();
        if pending.try_get_value() == Some(false) {
            pending.set_value(true);
            browser::after_next_paint(move || {
                // (Once the card is gone, these do nothing.)
                pending.set_value(false);
                let _ = settled.try_update(|n| *n += 1);
            });
        }
    });
    let advice = Memo::new(move |_| {
        settled.track();
        let t0 = browser::now();
        let a = app.totals.with_untracked(|t| app.project.with_untracked(|p| advice::advise(p, t, data, cat)));
        if let (Some(t0), Some(t1)) = (t0, browser::now()) {
            browser::measure("advice-update", t0, t1 - t0);
        }
        a
    });
    // What the last button did.
    let done = RwSignal::new(String::new());

    let apply = move |link: Link| {
        match link {
            Link::Region { run, place, .. } => {
                let Some(p) = cat.find_id(&place).and_then(|i| cat.places.get(i)) else { return };
                app.select(run);
                app.edit_run_at(run, |r| p.target.apply(&mut r.form));
                done.set(format!("Moved {} to {}.", run_words(app, run), p.title()));
            }
            Link::Hardware { run, hardware, .. } => {
                let Some(h) = data.hardware(&hardware) else { return };
                app.select(run);
                app.edit_run_at(run, |r| {
                    // The id comes from the table: the choice is always valid.
                    let _ = r.set(FieldId::Hardware, &hardware);
                });
                done.set(format!("{} now runs on {}.", text::capitalize(&run_words(app, run)), h.full_name()));
            }
            Link::Runs { .. } => {}
        }
    };

    let intro = move || {
        advice.with(|a| {
            let left_out = if a.invalid_runs > 0 {
                format!(" {} left out until fixed.", text::capitalize(&text::count(a.invalid_runs, "run", "runs")))
            } else {
                String::new()
            };
            format!(
                "Computed from this project as entered ({} CO2eq, {} grid intensities), largest saving first.{left_out}",
                format::mass_kg(a.total_kg),
                a.basis.label()
            )
        })
    };
    let items = move || {
        advice.with(|a| {
            if a.items.is_empty() {
                return view! { <p class="help" data-testid="advice-empty">{NOTHING_FOUND}</p> }.into_any();
            }
            let list = a.items.iter().enumerate().map(|(i, it)| item_view(i, it, apply)).collect_view();
            view! { <ol class="advice-list" data-testid="advice-list">{list}</ol> }.into_any()
        })
    };
    let many = move || advice.with(|a| a.items.len() > 1);
    let market = move || {
        advice.with(|a| {
            (!a.market.is_empty()).then(|| {
                let list = a
                    .market
                    .iter()
                    .map(|it| {
                        view! {
                            <li data-testid="advice-market-item">
                                <strong>{it.title.clone()}</strong>
                                <p>
                                    {it.explanation.clone()}
                                    {it.source.clone().map(|s| view! { " " <SourceLink source=s/> })}
                                </p>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="market-based advice-market" role="group" aria-labelledby="advice-market-title" data-testid="advice-market">
                        <h3 id="advice-market-title">"Market-based, shown apart"</h3>
                        <p class="help">"Carbon-free-energy claims are not subtracted from the location-based estimate: no saving is counted."</p>
                        <ul>{list}</ul>
                    </div>
                }
            })
        })
    };

    view! {
        <section class="card advice" aria-labelledby="advice-title" data-testid="advice-card">
            <h2 id="advice-title">"What would cut this most?"</h2>
            <p class="help">{intro}</p>
            {items}
            <Show when=many>
                <p class="help" data-testid="advice-not-additive">{NOT_ADDITIVE}</p>
            </Show>
            <p class="advice-done" role="status" aria-live="polite">{move || done.get()}</p>
            {market}
        </section>
    }
}

/// "this job" for a one-run project, else the run's label in quotation marks.
fn run_words(app: crate::state::AppState, run: usize) -> String {
    app.project.with_untracked(|p| {
        if p.len() == 1 {
            "this job".to_string()
        } else {
            p.run(run).map_or_else(|| format!("run {}", run + 1), |r| text::quote(&r.label, 40))
        }
    })
}

fn item_view(i: usize, it: &Item, apply: impl Fn(Link) + Copy + Send + Sync + 'static) -> impl IntoView {
    let title_id = format!("advice-item-{i}");
    let saving = match (it.saving_kg, it.saving_fraction) {
        (Some(kg), Some(f)) => format!("−{} CO2eq ({})", format::mass_kg(kg), compare::saving_percent(f)),
        (Some(kg), None) => format!("−{} CO2eq", format::mass_kg(kg)),
        _ => String::new(),
    };
    let button = match &it.link {
        Link::Region { .. } => Some("Move the run there"),
        Link::Hardware { .. } => Some("Switch to this hardware"),
        Link::Runs { .. } => None,
    }
    .map(|label| {
        let link = it.link.clone();
        view! {
            <button
                type="button"
                class="button"
                aria-describedby=title_id.clone()
                data-testid="advice-apply"
                on:click=move |_| apply(link.clone())
            >
                {label}
            </button>
        }
    });
    view! {
        <li class="advice-item" data-kind=it.kind.key() data-testid="advice-item">
            <h3 id=title_id.clone() class="advice-item-title">{it.title.clone()}</h3>
            <p class="advice-saving" data-testid="advice-saving">{saving}</p>
            <p class="advice-explanation">{it.explanation.clone()}</p>
            {it.caveat.clone().map(|c| view! { <p class="help">{c}</p> })}
            {button}
        </li>
    }
}
