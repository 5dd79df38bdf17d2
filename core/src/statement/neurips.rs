//! The NeurIPS paper checklist, item 8 "Experiments compute resources" (the
//! 2025 and 2026 checklists word it the same): the answer and its 1–2 sentence
//! justification in the checklist's own macros (`\answerYes{}`), and the
//! appendix the justification points to, with what the guidelines ask for:
//! the type of compute workers, the compute and time of each run, the total
//! compute, and whether the full project used more compute than the reported
//! experiments (from the ledger's phases: exploration, hyperparameter search
//! and failed runs against the final training, fine-tuning and inference).
//!
//! Compute is given in device-hours (accelerator-hours, GPU-hours), and in
//! FLOPs where the calculator knows them. Memory and storage are the author's
//! to add where the device names do not state them.

use super::ledger::{self, Sum};
use super::{latex, Facts};
use crate::format;
use crate::project::Phase;
use crate::text;

/// The label of the appendix the justification points to.
pub const APPENDIX_LABEL: &str = "app:compute";

fn tex(s: &str) -> String {
    ledger::latex_text(s)
}

/// "k×" of the reported experiments' compute, from device-hours when every
/// run has them, else from energy. None when the reported experiments are 0.
fn ratio(overhead: &Sum, reported: &Sum) -> Option<(f64, &'static str)> {
    if overhead.no_device_hours == 0 && reported.no_device_hours == 0 && reported.device_hours > 0.0 {
        Some(((overhead.device_hours + reported.device_hours) / reported.device_hours, "device-hours"))
    } else if reported.energy_kwh.central > 0.0 {
        Some(((overhead.energy_kwh.central + reported.energy_kwh.central) / reported.energy_kwh.central, "energy"))
    } else {
        None
    }
}

/// "1.05" for a ratio: three significant digits.
fn times(x: f64) -> String {
    format::significant(x, 3)
}

/// The justification: one or two sentences.
fn justification(facts: &Facts) -> String {
    let all = ledger::sum(facts, |_| true);
    let overhead = ledger::sum(facts, Phase::is_overhead);
    let reported = ledger::sum(facts, ledger::reported);
    let total = if all.device_hours > 0.0 {
        format!("{} device-hours", ledger::device_hours_text(all.device_hours))
    } else {
        format::energy_kwh(all.energy_kwh.central)
    };
    let mut s = format!(
        "Appendix~\\ref{{{APPENDIX_LABEL}}} gives the type and number of accelerators, the execution time and the compute of each run, and the total compute ({}).",
        tex(&total)
    );
    if overhead.rows == 0 {
        s.push_str(" The project's ledger records no preliminary or failed experiments beyond the reported ones.");
    } else {
        let share = match ratio(&overhead, &reported) {
            Some((k, unit)) => {
                format!(", and the full project used {}$\\times$ the {unit} of the reported experiments", times(k))
            }
            None => String::new(),
        };
        s.push_str(&format!(
            " It also reports the compute of the exploration, hyperparameter search and failed runs not in the paper ({}){share}.",
            tex(&text::count(overhead.runs as usize, "run", "runs"))
        ));
    }
    s
}

/// The appendix: workers, each run, the total, the share beyond the reported experiments.
fn appendix(facts: &Facts) -> String {
    let all = ledger::sum(facts, |_| true);
    let overhead = ledger::sum(facts, Phase::is_overhead);
    let reported = ledger::sum(facts, ledger::reported);
    let mut out = format!("\\section{{Compute resources}}\\label{{{APPENDIX_LABEL}}}\n\n");
    let mut workers: Vec<String> = Vec::new();
    for r in &facts.runs {
        let mut w = ledger::worker(r);
        if let crate::project::Detail::Estimated { job, .. } = &r.detail {
            if let Some(h) = job.host.as_ref().filter(|h| job.devices > 0 && (h.cores > 0.0 || h.memory_gb > 0.0)) {
                w.push_str(&format!(
                    ", with {} host CPU cores and {} GB of host memory",
                    format::plain(h.cores),
                    format::plain(h.memory_gb)
                ));
            }
        }
        if !workers.contains(&w) {
            workers.push(w);
        }
    }
    out.push_str(&format!(
        "The experiments ran on {}. Time, energy and emissions were compiled with the {}~\\citep{{mlec-calculator}} (app version {}, data version {}); device-hours are accelerator-hours (GPU-hours), devices $\\times$ wall-clock hours, repeats included.\n\n",
        tex(&workers.join("; ")),
        super::CALCULATOR_NAME,
        crate::APP_VERSION,
        crate::DATA_VERSION
    ));
    out.push_str("Compute of each run:\n\\begin{itemize}\n");
    let (listed, more) = ledger::listed(facts);
    for r in listed {
        out.push_str(&format!(
            "  \\item {}: {}; energy {}.\n",
            tex(&ledger::run_title(r)),
            tex(&ledger::compute_line(r)),
            tex(&ledger::with_range(r.energy_kwh, format::energy_kwh))
        ));
    }
    if more > 0 {
        out.push_str(&format!(
            "  \\item {} more {}, counted in the totals below.\n",
            format::plain(more as f64),
            text::plural(more, "run", "runs")
        ));
    }
    out.push_str("\\end{itemize}\n\n");
    let mut total = format!("Total compute: {}", text::count(all.runs as usize, "run", "runs"));
    if all.device_hours > 0.0 {
        total.push_str(&format!(", {} device-hours", ledger::device_hours_text(all.device_hours)));
        if all.no_device_hours > 0 {
            total.push_str(&format!(
                " (the {} without a device count, from requests or measured without one, {} not in this figure)",
                text::count(all.no_device_hours as usize, "run", "runs"),
                ledger::is_are(all.no_device_hours)
            ));
        }
    }
    if let Some(f) = all.flops {
        let partial = if all.no_flops > 0 { " for the runs whose FLOPs are known" } else { "" };
        total.push_str(&format!(", {} FLOP{partial}", ledger::sci_text(f.central, 2)));
    }
    total.push_str(&format!(
        ", and {} of electricity ({}), which emitted {} CO2eq, {}.",
        ledger::with_range(all.energy_kwh, format::energy_kwh),
        all.how(),
        ledger::with_range(all.emissions_kg, format::mass_kg),
        ledger::basis(facts, |_| true)
    ));
    out.push_str(&tex(&total));
    out.push_str("\n\n");
    if overhead.rows == 0 {
        out.push_str(&tex(
            "The project's ledger records no exploration, hyperparameter search or failed runs: as recorded, the reported experiments are the whole project.",
        ));
    } else {
        let mut s = format!(
            "Beyond the reported experiments (final training, fine-tuning and inference: {}), the full research project used more compute: exploration, hyperparameter search and failed runs ({}) took ",
            text::count(reported.runs as usize, "run", "runs"),
            text::count(overhead.runs as usize, "run", "runs")
        );
        let mut parts = Vec::new();
        if overhead.device_hours > 0.0 && all.device_hours > 0.0 {
            parts.push(format!(
                "{} device-hours ({} of the project's device-hours)",
                ledger::device_hours_text(overhead.device_hours),
                format::percent(overhead.device_hours / all.device_hours)
            ));
        }
        if all.energy_kwh.central > 0.0 {
            parts.push(format!(
                "{} of electricity ({} of the project's energy)",
                format::energy_kwh(overhead.energy_kwh.central),
                format::percent(overhead.energy_kwh.central / all.energy_kwh.central)
            ));
        }
        s.push_str(&parts.join(" and "));
        match ratio(&overhead, &reported) {
            Some((k, unit)) => {
                s.push_str(&format!("; the full project used {}× the {unit} of the reported experiments.", times(k)))
            }
            None => s.push('.'),
        }
        out.push_str(&tex(&s));
    }
    out.push('\n');
    out
}

/// The file: instructions as comments, the two checklist lines, the appendix.
pub fn render(facts: &Facts) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "% NeurIPS paper checklist, item 8 \"Experiments compute resources\", from the {}.\n",
        ledger::version()
    ));
    out.push_str(&format!(
        "% 1. In the checklist, replace item 8's Answer and Justification lines with the two \\item[] lines below.\n% 2. Put the section after them in the appendix (its label {APPENDIX_LABEL} is the one the justification\n%    points to). It cites mlec-calculator from the statement's BibTeX file (emissions-references.bib).\n% 3. The checklist also asks for memory and storage: add them where the device names do not say.\n"
    ));
    if ledger::sum(facts, Phase::is_overhead).rows == 0 {
        out.push_str("% 4. The checklist asks whether the full project used more compute than the reported experiments:\n%    add preliminary and failed runs to the project, if there were any, before answering.\n");
    }
    out.push_str(&format!("{} % \\citep as \\cite where natbib is not loaded\n", latex::CITEP_FALLBACK));
    out.push_str("    \\item[] Answer: \\answerYes{}\n");
    out.push_str(&format!("    \\item[] Justification: {}\n\n", justification(facts)));
    out.push_str("% For the appendix:\n");
    out.push_str(&appendix(facts));
    out
}
