//! ACL Rolling Review, Responsible NLP Research checklist, item C1: "Did you
//! report the number of parameters in the models used, the total
//! computational budget (e.g., GPU hours), and computing infrastructure
//! used?" Since 2024 the checklist is filled in the submission form, so this
//! is plain text: the answer, the section (the author's), and the sentences
//! for that section: parameters when the run's compute was given as
//! 6 × N × D, the total budget in GPU-hours (device-hours), the infrastructure.

use super::ledger::{self, Sum};
use super::Facts;
use crate::format;
use crate::project::Phase;
use crate::text;

/// The checklist's question, as the template words it.
pub const QUESTION: &str = "C1. Did you report the number of parameters in the models used, the total computational budget (e.g., GPU hours), and computing infrastructure used?";

fn budget(all: &Sum, training: &Sum, overhead: &Sum) -> String {
    let mut s = if all.device_hours > 0.0 {
        format!(
            "{} GPU-hours (device-hours: devices × wall-clock hours) over {}",
            ledger::device_hours_text(all.device_hours),
            text::count(all.runs as usize, "run", "runs")
        )
    } else {
        format!("no GPU-hours recorded over {}", text::count(all.runs as usize, "run", "runs"))
    };
    if all.no_device_hours > 0 && all.device_hours > 0.0 {
        s.push_str(&format!(
            " (the {} without a device count, from requests or measured without one, {} not in this figure)",
            text::count(all.no_device_hours as usize, "run", "runs"),
            ledger::is_are(all.no_device_hours)
        ));
    }
    if training.device_hours > 0.0 && training.device_hours < all.device_hours {
        s.push_str(&format!(
            ", of which {} for the final training and fine-tuning",
            ledger::device_hours_text(training.device_hours)
        ));
    }
    if overhead.device_hours > 0.0 {
        s.push_str(&format!(
            " and {} for exploration, hyperparameter search and failed runs",
            ledger::device_hours_text(overhead.device_hours)
        ));
    }
    if let Some(f) = all.flops {
        let partial = if all.no_flops > 0 { " for the runs whose FLOPs are known" } else { "" };
        s.push_str(&format!("; {} FLOP{partial}", ledger::sci_text(f.central, 2)));
    }
    s.push_str(&format!(
        "; {} of electricity ({}), {} CO2eq (location-based)",
        format::energy_kwh(all.energy_kwh.central),
        all.how(),
        format::mass_kg(all.emissions_kg.central),
    ));
    s
}

pub fn render(facts: &Facts) -> String {
    let all = ledger::sum(facts, |_| true);
    let training = ledger::sum(facts, ledger::training);
    let overhead = ledger::sum(facts, Phase::is_overhead);
    let mut params: Vec<String> = Vec::new();
    for r in &facts.runs {
        if let Some(p) = ledger::params_b(r) {
            let s = format!("{} billion (“{}”)", format::plain(p), text::clean(&r.label));
            if !params.contains(&s) {
                params.push(s);
            }
        }
    }
    let mut infra: Vec<String> = Vec::new();
    for r in &facts.runs {
        let s = ledger::worker(r);
        if !infra.contains(&s) {
            infra.push(s);
        }
    }
    let mut out = format!(
        "ACL Rolling Review, Responsible NLP Research checklist, section C (computational experiments), from the {}.\n\n",
        ledger::version()
    );
    out.push_str(&format!("{QUESTION}\n"));
    out.push_str("Answer: Yes\n");
    out.push_str("Section: [to fill in: the section or appendix of the paper that reports the text below]\n\n");
    out.push_str("For that section of the paper:\n");
    out.push_str(&format!(
        "- Number of parameters: {}\n",
        if params.is_empty() {
            "[to fill in: not recorded in the calculator (it knows the parameters only when the compute is given as 6 × parameters × tokens)]".to_string()
        } else {
            params.join("; ")
        }
    ));
    out.push_str(&format!("- Total computational budget: {}.\n", budget(&all, &training, &overhead)));
    out.push_str(&format!("- Computing infrastructure: {}.\n", infra.join("; ")));
    out.push_str(&format!(
        "- Method: compiled with the {}; emissions {}; every run of the project's ledger, repeats included.\n",
        ledger::version(),
        ledger::basis(facts, |_| true)
    ));
    if params.is_empty() {
        out.push_str("\nStill to fill in: the section, and the number of parameters of each model used.\n");
    } else {
        out.push_str("\nStill to fill in: the section.\n");
    }
    out
}
