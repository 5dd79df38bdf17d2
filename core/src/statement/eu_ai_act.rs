//! EU AI Act, general-purpose AI models: the computational resources and
//! energy items of the Model Documentation Form (GPAI Code of Practice,
//! Transparency chapter, July 2025), which document Annex XI, Section 1,
//! points 2(d) and 2(e). A **draft**: the item names and precisions follow
//! third-party transcriptions of the form (no primary copy was read), so the
//! output says to verify them against the Commission's current form.
//!
//! Filled from the training of the model (the final-training and fine-tuning
//! runs; the other runs are named apart): training time in wall-clock days and
//! hardware-days (and the range the national authorities receive), training
//! FLOPs at two significant figures with the method (hardware-based or
//! 6 × N × D) and its order of magnitude, training energy in MWh at two
//! significant figures with its boundary (IT energy, or with the PUE), the
//! benchmarked inference compute when a run gives it, and the short
//! methodology paragraphs. Emissions are not asked by the final form: they are
//! given apart, as optional.

use super::ledger::{self, Sum};
use super::{escape, Facts, RunFacts};
use crate::compute::FlopsMethod;
use crate::format;
use crate::model::Range;
use crate::project::{Detail, Phase};
use crate::text;

/// Days in a month, for the national authorities' time range.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// The Commission's accepted error margin for a compute estimate (secondary sources).
const ERROR_MARGIN: f64 = 0.30;

fn md(s: &str) -> String {
    escape::markdown(s)
}

fn mwh(kwh: f64) -> String {
    format!("{} MWh", ledger::sig_fig(kwh / 1000.0, 2))
}

fn mwh_range(r: Range) -> String {
    let (low, high) = (ledger::sig_fig(r.low / 1000.0, 2), ledger::sig_fig(r.high / 1000.0, 2));
    if low == high {
        mwh(r.central)
    } else {
        format!("{} (range {low}–{high} MWh)", mwh(r.central))
    }
}

fn flop_range(r: Range) -> String {
    let central = format!("{} FLOP", ledger::sci_text(r.central, 2));
    let (low, high) = (ledger::sci_text(r.low, 2), ledger::sci_text(r.high, 2));
    if low == high {
        central
    } else {
        format!("{central} (range {low} – {high})")
    }
}

/// "< 1 month", "1–3 months", "3–6 months" or "> 6 months".
pub fn time_range(days: f64) -> &'static str {
    let months = days / DAYS_PER_MONTH;
    if months < 1.0 {
        "< 1 month"
    } else if months < 3.0 {
        "1–3 months"
    } else if months < 6.0 {
        "3–6 months"
    } else {
        "> 6 months"
    }
}

fn method_name(m: FlopsMethod) -> &'static str {
    match m {
        FlopsMethod::HardwareTime => "hardware-based: devices × training time × peak throughput × utilisation (MFU)",
        FlopsMethod::SixNd { .. } => "architecture-based: 6 × parameters × training tokens",
        FlopsMethod::Entered => "as entered by the provider",
    }
}

/// How the compute of one run was estimated, in a few words.
fn compute_words(r: &RunFacts) -> Option<String> {
    let Detail::Estimated { job, .. } = &r.detail else { return None };
    let c = job.compute.as_ref()?;
    let peak = match &c.peak.source {
        Some(s) => format!(
            "{} TFLOP/s dense {} ({}, {})",
            format::plain(c.peak.tflops),
            c.peak.precision.label(),
            s.name,
            s.year
        ),
        None => format!("{} TFLOP/s dense {} (entered)", format::plain(c.peak.tflops), c.peak.precision.label()),
    };
    let mfu = format!(
        "an MFU of {} (range {})",
        format::percent(c.mfu),
        super::phrases::band(c.mfu_low, c.mfu_high, format::percent)
    );
    let repeat = if r.repeat > 1 { format!(" × {} runs", r.repeat) } else { String::new() };
    Some(match c.method {
        FlopsMethod::HardwareTime => format!(
            "“{}”: {} × {} × {} h{repeat} × {peak} × {mfu}",
            text::clean(&r.label),
            job.devices,
            text::clean(&job.hardware.name),
            format::plain(job.hours)
        ),
        FlopsMethod::SixNd { params_b, tokens_b } => format!(
            "“{}”: 6 × {} billion parameters × {} billion tokens{repeat}; its time follows from {peak} at {mfu}",
            text::clean(&r.label),
            format::plain(params_b),
            format::plain(tokens_b)
        ),
        FlopsMethod::Entered => {
            format!("“{}”: {} FLOP as entered{repeat}", text::clean(&r.label), ledger::sci_text(c.flops.central, 2))
        }
    })
}

/// The training's wall-clock days at the ends of the MFU range, when a
/// training run was described by its compute (its hours are derived).
fn derived_days(facts: &Facts) -> Option<(f64, f64)> {
    let (mut low, mut high, mut any) = (0.0, 0.0, false);
    for r in facts.runs.iter().filter(|r| ledger::training(r.phase)) {
        let repeat = f64::from(r.repeat.max(1));
        let Some(h) = ledger::wall_hours(r) else { continue };
        match &r.detail {
            Detail::Estimated { job, .. } if job.compute.as_ref().is_some_and(|c| c.by_compute) => {
                let (lo, hi) = job.compute.as_ref().map_or((1.0, 1.0), |c| c.hours_factors());
                low += h * lo * repeat;
                high += h * hi * repeat;
                any = true;
            }
            _ => {
                low += h * repeat;
                high += h * repeat;
            }
        }
    }
    any.then_some((low / 24.0, high / 24.0))
}

/// Where the energy of the training stops: IT energy, or with the data-centre overhead.
fn boundary(facts: &Facts, s: &Sum) -> String {
    let mut pues: Vec<String> = Vec::new();
    let mut unknown = 0;
    for r in facts.runs.iter().filter(|r| ledger::training(r.phase)) {
        match ledger::pue(r) {
            Some(p) => {
                let p = format::plain(p);
                if !pues.contains(&p) {
                    pues.push(p);
                }
            }
            None => unknown += 1,
        }
    }
    let mut out = if pues.iter().all(|p| p == "1") && !pues.is_empty() {
        "IT energy only (PUE 1: no data-centre overhead)".to_string()
    } else if pues.is_empty() {
        return "not known (the tracker recorded no PUE)".to_string();
    } else {
        format!("facility energy: IT energy × PUE ({})", pues.join(", "))
    };
    if s.no_it_energy == 0 && !pues.iter().all(|p| p == "1") {
        out.push_str(&format!("; IT energy alone {}", mwh_range(s.it_energy_kwh)));
    }
    if unknown > 0 {
        out.push_str(&format!(
            "; the boundary of {} is not known (the tracker recorded no PUE)",
            text::count(unknown, "measured run", "measured runs")
        ));
    }
    out
}

fn compute_paragraph(facts: &Facts, s: &Sum) -> String {
    let words: Vec<String> =
        facts.runs.iter().filter(|r| ledger::training(r.phase)).filter_map(compute_words).collect();
    let mut p = String::from(
        "In the absence of a delegated act adopted in accordance with Article 53(5) AI Act to detail measurement and calculation methodologies, the training compute is estimated, not measured, and all operations are counted equally, independently of precision. ",
    );
    if words.is_empty() {
        p.push_str("No training run gives its compute: enter the device's peak throughput (for the hardware-based method) or the parameters and training tokens (6 × N × D).");
        return p;
    }
    let shown: Vec<String> = words.iter().take(3).cloned().collect();
    p.push_str(&format!("Per run: {}", shown.join("; ")));
    if words.len() > 3 {
        p.push_str(&format!("; and {} more", text::count(words.len() - 3, "run", "runs")));
    }
    p.push('.');
    if s.no_flops > 0 {
        p.push_str(&format!(
            " The compute of {} is not known (no peak throughput for the hardware, or a measured run) and is not in the total.",
            text::count(s.no_flops as usize, "training run", "training runs")
        ));
    }
    if let Some(f) = s.flops {
        let (below, above) = ledger::spread(f);
        if below.max(above) > ERROR_MARGIN {
            p.push_str(&format!(
                " The MFU range gives {} – {} FLOP, wider than the 30 % error margin the Commission's guidelines accept: a measured MFU would narrow it.",
                ledger::sci_text(f.low, 2),
                ledger::sci_text(f.high, 2)
            ));
        } else if below.max(above) > 0.0 {
            p.push_str(" The range stays within the 30 % error margin of the Commission's guidelines.");
        }
    }
    p
}

fn energy_paragraph(facts: &Facts, s: &Sum) -> String {
    let runs: Vec<&RunFacts> = facts.runs.iter().filter(|r| ledger::training(r.phase)).collect();
    let mut p = match (s.estimated > 0, s.measured > 0) {
        (true, false) => "Estimated, not metered. ".to_string(),
        (false, true) => "Measured by a software tracker (CodeCarbon), not metered at the facility. ".to_string(),
        _ => "Partly estimated, partly measured by a software tracker (CodeCarbon). ".to_string(),
    };
    if runs.iter().any(|r| matches!(r.detail, Detail::Estimated { .. })) {
        p.push_str("Estimated energy = devices × power per device (the vendor's rated power, TDP, unless stated otherwise) × average utilisation of that power × hours × PUE, plus host CPU and memory where entered. ");
    }
    if runs.iter().any(|r| r.is_measured()) {
        p.push_str("Measured runs use the tracker's energy as recorded, which includes the PUE the tracker was given (1.0 by default). ");
    }
    p.push_str(&format!("Boundary: {}. ", boundary(facts, s)));
    let (below, above) = s.energy_spread();
    if below.max(above) > 0.0 {
        p.push_str("The range combines the utilisation (±15 points), the PUE's published range and, where the power or the duration is itself an estimate, their ranges. ");
    }
    p.push_str(&format!("Factors: {} (every factor with its source in the project's statement).", ledger::version()));
    p
}

pub fn render(facts: &Facts) -> String {
    let training = ledger::sum(facts, ledger::training);
    let overhead = ledger::sum(facts, Phase::is_overhead);
    let inference = ledger::sum(facts, |p| p == Phase::Inference);
    let mut out = String::from("# DRAFT: computational resources and energy for the EU AI Act model documentation\n\n");
    out.push_str("**DRAFT, verify against the Commission's current form.** Information for the Model Documentation Form of the General-Purpose AI Code of Practice (Transparency chapter, July 2025), items on AI Act Annex XI, Section 1, points 2(d) (computational resources, training time) and 2(e) (known or estimated energy consumption). The item names and precisions below follow third-party transcriptions of the form, not the Commission's own document: check them, and the Commission's guidelines on estimating training compute, before you submit.\n\n");
    out.push_str(&format!("Model: {}. Written by the {}.\n\n", md(&ledger::model_name(facts)), md(&ledger::version())));
    let scope = if training.rows == 0 {
        "The project's ledger has no final-training or fine-tuning run: the training items are N/A.".to_string()
    } else {
        let mut s = format!(
            "Training = the final-training and fine-tuning runs of the project's ledger ({}, {}).",
            text::count(training.runs as usize, "run", "runs"),
            training.how()
        );
        if overhead.rows > 0 {
            s.push_str(&format!(
                " Not in these figures: exploration, hyperparameter search and failed runs ({}, {}).",
                text::count(overhead.runs as usize, "run", "runs"),
                mwh(overhead.energy_kwh.central)
            ));
        }
        if inference.rows > 0 {
            s.push_str(&format!(
                " Inference runs ({}, {}) are in the inference items.",
                text::count(inference.runs as usize, "run", "runs"),
                mwh(inference.energy_kwh.central)
            ));
        }
        s
    };
    out.push_str(&format!("{}\n\n", md(&scope)));

    let na = |why: &str| format!("N/A – {why}");
    let no_training = na("no final-training or fine-tuning run in the ledger");
    let (days, hardware_days, bucket) = if training.rows == 0 {
        (no_training.clone(), no_training.clone(), no_training.clone())
    } else {
        let days = training.wall_hours / 24.0;
        let summed = if training.runs > 1 { ", summed over the runs (parallel runs overlap)" } else { "" };
        let wall = if training.no_wall_hours < training.runs {
            let mut w = format!(
                "{} days ({} h){summed}",
                ledger::sig_fig(days, 2),
                format::significant(training.wall_hours, 4)
            );
            if let Some((low, high)) = derived_days(facts) {
                w.push_str(&format!(
                    "; derived from the compute at the assumed MFU (range {}–{} days)",
                    ledger::sig_fig(low, 2),
                    ledger::sig_fig(high, 2)
                ));
            }
            w
        } else {
            na("no training run with a recorded duration")
        };
        let hw = if training.device_hours > 0.0 {
            let partial =
                if training.no_device_hours > 0 { "; runs without a device count are not included" } else { "" };
            format!(
                "{} hardware-days ({} device-hours){partial}",
                ledger::sig_fig(training.device_hours / 24.0, 2),
                ledger::device_hours_text(training.device_hours)
            )
        } else {
            na("no device count recorded")
        };
        let bucket =
            if training.no_wall_hours < training.runs { time_range(days).to_string() } else { na("not known") };
        (wall, hw, bucket)
    };
    let methods: Vec<&str> = {
        let mut v: Vec<&str> = Vec::new();
        for r in facts.runs.iter().filter(|r| ledger::training(r.phase)) {
            if let Some((_, m)) = ledger::flops(r) {
                let name = method_name(m);
                if !v.contains(&name) {
                    v.push(name);
                }
            }
        }
        v
    };
    let (flops, magnitude) = match training.flops {
        _ if training.rows == 0 => (no_training.clone(), no_training.clone()),
        None => (
            na("compute not known: enter the device's peak throughput, or the parameters and training tokens"),
            na("not known"),
        ),
        Some(f) => {
            let partial = if training.no_flops > 0 {
                format!(
                    "; {} without a known compute not included",
                    text::count(training.no_flops as usize, "run", "runs")
                )
            } else {
                String::new()
            };
            (
                format!("{}, estimated; method: {}{partial}", flop_range(f), methods.join("; ")),
                format!("10^{} FLOP", ledger::mantissa_exponent(f.central, 2).1),
            )
        }
    };
    let energy = if training.rows == 0 {
        no_training.clone()
    } else {
        format!("{}, {}; boundary: {}", mwh_range(training.energy_kwh), training.how(), boundary(facts, &training))
    };
    let inference_runs: Vec<&RunFacts> = facts.runs.iter().filter(|r| r.phase == Phase::Inference).collect();
    let inference_flops: Option<Range> = inference_runs
        .iter()
        .filter_map(|r| ledger::flops(r).map(|(f, _)| f))
        .fold(None, |acc: Option<Range>, f| Some(acc.map_or(f, |a| a + f)));
    let inference_item = match inference_flops {
        Some(f) => format!(
            "{}, estimated, for the ledger's inference runs over their whole duration, not a benchmark task: state the task below, or give the compute of one",
            flop_range(f)
        ),
        None if inference_runs.is_empty() => {
            na("no inference run in the ledger; the form asks for the FLOPs of a benchmark task")
        }
        None => na("no inference compute given (the ledger's inference runs are estimated from energy, not FLOPs)"),
    };

    out.push_str("| Item | For the AI Office | For national competent authorities |\n| --- | --- | --- |\n");
    let rows = [
        ("Training time (wall-clock)", days.clone(), "–".to_string()),
        ("Training time (hardware)", hardware_days, "–".to_string()),
        ("Training time (range)", "–".to_string(), bucket),
        ("Amount of computation used for training (2 significant figures; order of magnitude)", flops, magnitude),
        ("Amount of energy used for training (MWh, 2 significant figures)", energy.clone(), energy),
        ("Benchmarked amount of computation used for inference (FLOPs)", inference_item.clone(), inference_item),
    ];
    for (item, office, nca) in rows {
        out.push_str(&format!("| {} | {} | {} |\n", md(item), md(&office), md(&nca)));
    }
    out.push('\n');

    out.push_str("## Measurement methodology: computation\n\n");
    out.push_str(&format!("{}\n\n", md(&compute_paragraph(facts, &training))));
    out.push_str("## Measurement methodology: energy\n\n");
    out.push_str(&format!(
        "{}\n\n",
        md(&if training.rows == 0 { no_training.clone() } else { energy_paragraph(facts, &training) })
    ));
    out.push_str("## Measurement methodology: inference\n\n");
    let mut inf = String::from(
        "[To fill in: the benchmark task (e.g. generating 100,000 tokens) and the hardware (e.g. 64 Nvidia A100s).]",
    );
    if !inference_runs.is_empty() {
        let described: Vec<String> = inference_runs
            .iter()
            .take(3)
            .map(|r| format!("{}: {}", ledger::run_title(r), ledger::compute_line(r)))
            .collect();
        inf.push_str(&format!(
            " The project's inference runs, for reference: {}; {} of electricity.",
            described.join("; "),
            mwh(inference.energy_kwh.central)
        ));
    }
    out.push_str(&format!("{}\n\n", md(&inf)));

    out.push_str("## Emissions (optional: not asked by the final form)\n\n");
    let t = &facts.totals;
    let mut e = if training.rows == 0 {
        String::from("No training run in the ledger.")
    } else {
        format!(
            "Training: {} t CO2eq (range {}–{} t), {}, {}.",
            ledger::sig_fig(training.emissions_kg.central / 1000.0, 2),
            ledger::sig_fig(training.emissions_kg.low / 1000.0, 2),
            ledger::sig_fig(training.emissions_kg.high / 1000.0, 2),
            ledger::basis(facts, ledger::training),
            training.how()
        )
    };
    if training.embodied_kg.central > 0.0 {
        e.push_str(&format!(
            " Manufacturing (embodied) share of the hardware used for training, cradle-to-gate, reported apart: {} t CO2eq (range {}–{} t){}.",
            ledger::sig_fig(training.embodied_kg.central / 1000.0, 2),
            ledger::sig_fig(training.embodied_kg.low / 1000.0, 2),
            ledger::sig_fig(training.embodied_kg.high / 1000.0, 2),
            if t.include_embodied { ", counted in the project's headline total" } else { ", not included above" }
        ));
    }
    out.push_str(&format!("{}\n\n", md(&e)));
    out.push_str("## Still to fill in\n\n");
    let mut todo = vec![
        "Check every item name, precision and recipient against the Commission's current form.".to_string(),
        "The benchmark task and hardware of the inference item.".to_string(),
    ];
    if training.rows > 0 && training.flops.is_none() {
        todo.push(
            "The training compute: enter the peak throughput of the hardware, or the parameters and training tokens."
                .into(),
        );
    }
    if !facts.invalid.is_empty() {
        todo.push(format!("{} left out: a field needs attention.", text::count(facts.invalid.len(), "run", "runs")));
    }
    for t in todo {
        out.push_str(&format!("- {}\n", md(&t)));
    }
    out
}
