use crate::components::data_changes::DataChanges;
use crate::components::factor_table::FactorTable;
use crate::components::worked_calculation::WorkedCalculation;
use emissions_core::factor_tables::FILES;
use leptos::prelude::*;

/// "Method and data": the worked calculation of the run shown, every factor
/// table, and what changed in the data, all from what the page embeds (it
/// works offline like the rest). Reached from every figure of the results
/// and the ledger ("How is this computed?", "table row"), see `crate::reveal`.
#[component]
pub fn MethodView() -> impl IntoView {
    view! {
        <section class="card method" id="method" aria-labelledby="method-title" data-testid="method">
            <h2 id="method-title">"Method and data"</h2>
            <p class="help">
                "How every figure on this page is computed, and the tables its factors come from, exactly as this page has them: nothing is fetched."
            </p>
            <WorkedCalculation/>
            <h3 class="method-tables-title">"Factor tables"</h3>
            {FILES.into_iter().map(|file| view! { <FactorTable file=file/> }).collect_view()}
            <DataChanges/>
        </section>
    }
}
