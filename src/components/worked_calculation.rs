//! The worked calculation of the run shown and of the project's sums
//! (`emissions_core::method`), with the user's numbers substituted, at the
//! central value and both ends of the range; every figure from a factor table
//! is a button that opens its row. Computed only while the section is open;
//! the markup is `crate::method_markup::calculation`.

use crate::browser;
use crate::method_markup;
use crate::reveal::{use_reveal, Place};
use crate::state::use_app;
use emissions_core::method::{self, FactorRef};
use leptos::prelude::*;

/// Above this many runs only the run shown is worked out (the sums would list every run).
const MAX_RUNS_WORKED: usize = 200;

#[component]
pub fn WorkedCalculation() -> impl IntoView {
    let app = use_app();
    let data = app.data;
    let reveal = use_reveal();
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        if reveal.wanted() == Some(Place::Calculation) {
            open.set(true);
            browser::after_next_paint(|| {
                browser::reveal("method-calc", None);
            });
        }
    });
    let markup = Memo::new(move |_| {
        if !open.get() {
            return String::new();
        }
        app.totals.with(|t| {
            app.project.with(|p| {
                let runs = p.len();
                if runs <= MAX_RUNS_WORKED {
                    let m = method::of_project(p, t, data);
                    let run = m.runs.iter().find(|r| r.run == p.active());
                    method_markup::calculation(run, Some(&m), runs, t.headline_kg())
                } else {
                    let run = method::of_active(p, t, data);
                    method_markup::calculation(run.as_ref(), None, runs, t.headline_kg())
                }
            })
        })
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some((table, key, column)) = browser::clicked_row(&ev) {
            reveal.show(Place::Row(FactorRef { table, key, column }));
        }
    };
    view! {
        <details
            id="method-calc"
            class="method-section"
            prop:open=move || open.get()
            on:toggle=move |ev| open.set(browser::is_open(&ev))
        >
            <summary>
                <h3>"The worked calculation"</h3>
            </summary>
            <p class="help">
                "Your numbers, substituted: the central value and both ends of the range, in the order the calculator computes them. A figure from a factor table opens its row."
            </p>
            <div data-testid="method-calc" on:click=on_click inner_html=move || markup.get()></div>
        </details>
    }
}
