//! The page: loads the tables and the project to open (a link or the saved
//! session) before anything is drawn, provides the state, and lays out the
//! components.

use crate::browser;
use crate::components::{
    advice_card::AdviceCard, hardware_comparison::HardwareComparison, job_form::JobForm, ledger::Ledger,
    method_view::MethodView, region_comparison::RegionComparison, results::Results, share_bar::ShareBar,
    statement_panel::StatementPanel, summary_bar::SummaryBar, update_notice::UpdateNotice,
};
use crate::reveal::Reveal;
use crate::session;
use crate::state::AppState;
use emissions_core::data::Dataset;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    match Dataset::embedded() {
        Ok(data) => view! { <Calculator data=data/> }.into_any(),
        Err(e) => view! {
            <main class="fatal" role="alert">
                <h1>"The factor tables could not be loaded"</h1>
                <p>{e.to_string()}</p>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn Calculator(data: &'static Dataset) -> impl IntoView {
    // The project is read first, so every component is built with it.
    let (project, notice) = session::initial(data);
    AppState::provide(data, project);
    Reveal::provide();
    browser::expose_evaluation_count();
    // The form and the estimate paint first; the comparison and the statement,
    // below the fold, mount just after that first paint.
    let below_fold = RwSignal::new(false);
    browser::after_next_paint(move || below_fold.set(true));

    view! {
        <div class="page" data-app-ready="">
            <UpdateNotice/>
            <header class="masthead">
                <div class="masthead-inner">
                    <h1>"ML Emissions Calculator"</h1>
                    <p class="tagline">
                        "The carbon footprint of training or running a model: energy, CO"<sub>"2"</sub>
                        "eq with an honest range, and where every factor comes from. Computed in your browser; nothing you type leaves it."
                    </p>
                </div>
            </header>
            <main class="layout">
                <ShareBar notice=notice/>
                <Ledger/>
                // The form and the estimate side by side on a wide screen: the estimate stays
                // in view while the form scrolls, and no further (style/main.css).
                <div class="workbench">
                    <JobForm/>
                    <Results/>
                </div>
                <Show when=move || below_fold.get()>
                    <AdviceCard/>
                    <RegionComparison/>
                    <HardwareComparison/>
                    <StatementPanel/>
                    <MethodView/>
                </Show>
            </main>
            <SummaryBar/>
            <footer class="site-footer">
                <p>
                    "Data version " {emissions_core::DATA_VERSION} " · app " {emissions_core::APP_VERSION}
                    " · Grid data: Ember and Energy Institute via Our World in Data (CC BY 4.0), US EPA eGRID2022, ECCC, DCCEEW NGA 2024, Google Cloud region carbon data. "
                    "Method: energy = devices × power × utilization × hours × PUE; emissions = energy × grid intensity (location-based)."
                </p>
            </footer>
        </div>
    }
}
