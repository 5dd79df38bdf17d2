//! The climate performance model card of Hershcovich et al. (2022), "Towards
//! Climate Awareness in NLP Research" (EMNLP 2022): the minimum card (items
//! 1–5) and the extended card (6–11), filled from the project's ledger, as a
//! Markdown table (the questions of the authors' `model_card_template.md`) and
//! as a LaTeX booktabs table (the short labels of their `model_card_template.tex`).
//!
//! The "final model" is the final-training and fine-tuning runs; "all
//! experiments" is every run but inference (serving); the inference item
//! divides the emissions of the runs estimated from requests by their
//! requests. An item the calculator cannot know (is the model public? its
//! positive impact?) says so and is left to the authors; nothing is guessed.

use super::ledger::{self, Sum};
use super::{escape, latex_runs, Facts, RunFacts};
use crate::format;
use crate::project::{Detail, Phase};
use crate::text;

/// Where the card's guidelines are published (the template links it).
pub const PAPER_URL: &str = "https://arxiv.org/abs/2205.05071";

/// An item left to the authors.
const TO_FILL: &str = "Not recorded in the calculator: to be filled in by the authors";

/// One item: its number, the question (Markdown template), the short label
/// (LaTeX template), the answer in plain text.
struct Item {
    question: &'static str,
    label: &'static str,
    answer: String,
}

fn times(s: &Sum, what: &str) -> String {
    if s.rows == 0 {
        return format!("Not known: no {what} run in the ledger");
    }
    let mut parts = Vec::new();
    if s.no_wall_hours < s.runs {
        let summed = if s.runs > 1 {
            format!(
                " summed over {} (they may have run in parallel)",
                text::count(s.runs as usize - s.no_wall_hours as usize, "run", "runs")
            )
        } else {
            String::new()
        };
        parts.push(format!("{} wall-clock{summed}", ledger::hours(s.wall_hours)));
    }
    if s.device_hours > 0.0 {
        let known = if s.no_device_hours > 0 { " (runs with a device count only)".to_string() } else { String::new() };
        parts.push(format!("{} device-hours{known}", ledger::device_hours_text(s.device_hours)));
    }
    if parts.is_empty() {
        return format!("Not known: the {what} runs have no recorded duration (estimated from requests)");
    }
    format!("{}; {}", parts.join(", "), s.how())
}

fn energy(s: &Sum) -> String {
    ledger::with_range(s.energy_kwh, format::energy_kwh)
}

/// "160.4 kg CO2eq (range 124.4–175.9 kg), location-based, estimated".
fn co2(s: &Sum, what: &str) -> String {
    if s.rows == 0 {
        return format!("Not known: no {what} run in the ledger");
    }
    let central = format::mass_kg(s.emissions_kg.central);
    let range = format::range(s.emissions_kg, format::mass_kg);
    let figure = if range == central { format!("{central} CO2eq") } else { format!("{central} CO2eq (range {range})") };
    format!("{figure}, location-based, {}", s.how())
}

/// Distinct accelerator powers: "NVIDIA H100 SXM5 80GB: 700 W rated".
fn powers(facts: &Facts) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in facts.runs.iter().filter(|r| ledger::experiment(r.phase)) {
        if let Detail::Estimated { job, .. } = &r.detail {
            if job.devices == 0 {
                continue;
            }
            let h = &job.hardware;
            let what = match (h.estimated, h.id == crate::form::CUSTOM) {
                (_, true) => "entered",
                (true, _) => "estimated",
                _ => "rated",
            };
            let s = format!(
                "{} {} W {what} at {} utilization",
                text::clean(&h.name),
                format::plain(h.power_w),
                format::percent(job.utilization)
            );
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

fn distinct(facts: &Facts, keep: impl Fn(&RunFacts) -> bool, f: impl Fn(&RunFacts) -> String) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in facts.runs.iter().filter(|r| keep(r)) {
        let s = f(r);
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn items(facts: &Facts) -> Vec<Item> {
    let final_model = ledger::sum(facts, ledger::training);
    let all = ledger::sum(facts, ledger::experiment);
    let inference = ledger::sum(facts, |p| p == Phase::Inference);
    let overhead = ledger::sum(facts, Phase::is_overhead);
    let t = &facts.totals;

    let mut energy_answer = if all.rows == 0 {
        "Not known: no training or experiment run in the ledger".to_string()
    } else {
        format!(
            "Final model: {}; all experiments: {}; {}, including the data-centre overhead (PUE)",
            if final_model.rows == 0 { "no run".to_string() } else { energy(&final_model) },
            energy(&all),
            all.how()
        )
    };
    let powers = powers(facts);
    if !powers.is_empty() {
        energy_answer.push_str(&format!(". Accelerators: {}", powers.join("; ")));
    }

    let places = distinct(facts, |r| ledger::experiment(r.phase), ledger::place);
    let location =
        if places.is_empty() { "Not known: no experiment run in the ledger".into() } else { places.join("; ") };
    let grids = distinct(
        facts,
        |r| ledger::experiment(r.phase),
        |r| {
            let (g, what) = ledger::grid(r);
            format!("{} gCO2eq/kWh ({what})", format::significant(g, 4))
        },
    );
    let mix = if grids.is_empty() {
        "Not known: no experiment run in the ledger".to_string()
    } else {
        format!(
            "{}; annual average carbon intensity of the grid, not a breakdown of the generation mix",
            grids.join("; ")
        )
    };

    let per_sample = if inference.rows == 0 {
        "Not known: no inference run in the ledger".to_string()
    } else if inference.requests > 0.0 {
        let kg = inference.requests_emissions_kg;
        let per = |x: f64| x / inference.requests;
        let central = format::mass_kg(per(kg.central));
        let range = format::range(kg.map(per), format::mass_kg);
        let range = if range == central { String::new() } else { format!(" (range {range})") };
        let others = if inference.rows > 1 && inference.requests_emissions_kg != inference.emissions_kg {
            "; inference runs not estimated from requests are not in this figure"
        } else {
            ""
        };
        format!(
            "{central} CO2eq per request{range}, over {} requests, location-based, estimated{others}",
            format::plain(inference.requests)
        )
    } else {
        "Not known: the inference runs are not estimated from a number of requests".to_string()
    };

    let mut comments = vec![format!(
        "Filled in with the {} from the project's ledger; emissions are {}; the grid intensity is an annual average",
        ledger::version(),
        ledger::basis(facts, |_| true)
    )];
    comments.push(
        "“final model” = the final-training and fine-tuning runs; “all experiments” = every run but inference (serving), exploration, hyperparameter search and failed runs included"
            .into(),
    );
    if overhead.rows > 0 && all.emissions_kg.central > 0.0 {
        comments.push(format!(
            "exploration, hyperparameter search and failed runs: {} CO2eq, {} of all experiments",
            format::mass_kg(overhead.emissions_kg.central),
            format::percent(overhead.emissions_kg.central / all.emissions_kg.central)
        ));
    }
    if t.embodied_kg.central > 0.0 {
        comments.push(format!(
            "manufacturing (embodied) share of the hardware, cradle-to-gate, reported apart: {} CO2eq (range {}), {} the figures above",
            format::mass_kg(t.embodied_kg.central),
            format::range(t.embodied_kg, format::mass_kg),
            if t.include_embodied {
                "added to the project's headline total, not to"
            } else {
                "not included in"
            }
        ));
    }
    if !facts.invalid.is_empty() {
        comments.push(format!(
            "{} left out because a field needs attention",
            text::count(facts.invalid.len(), "run", "runs")
        ));
    }

    vec![
        Item {
            question: "1. Is the resulting model publicly available?",
            label: "1. Model publicly available?",
            answer: format!("{TO_FILL} (Yes/No)"),
        },
        Item {
            question: "2. How much time does the training of the final model take?",
            label: "2. Time to train final model",
            answer: times(&final_model, "final-training or fine-tuning"),
        },
        Item {
            question: "3. How much time did all experiments take (incl. hyperparameter search)?",
            label: "3. Time for all experiments",
            answer: times(&all, "experiment"),
        },
        Item {
            question: "4. What was the energy consumption (GPU/CPU)?",
            label: "4. Energy consumption",
            answer: energy_answer,
        },
        Item {
            question: "5. At which geo location were the computations performed?",
            label: "5. Location for computations",
            answer: location,
        },
        Item {
            question: "6. What was the energy mix at the geo location?",
            label: "6. Energy mix at location",
            answer: mix,
        },
        Item {
            question: "7. How much CO2eq was emitted to train the final model?",
            label: "7. CO2eq for final model",
            answer: co2(&final_model, "final-training or fine-tuning"),
        },
        Item {
            question: "8. How much CO2eq was emitted for all experiments?",
            label: "8. CO2eq for all experiments",
            answer: co2(&all, "experiment"),
        },
        Item {
            question: "9. What is the average CO2eq emission for the inference of one sample?",
            label: "9. Average CO2eq for inference per sample",
            answer: per_sample,
        },
        Item {
            question: "10. Which positive environmental impact can be expected from this work?",
            label: "10. Positive environmental impact",
            answer: TO_FILL.into(),
        },
        Item { question: "11. Comments", label: "11. Comments", answer: comments.join("; ") },
    ]
}

/// The items of the minimum card.
const MINIMUM: usize = 5;

/// The Markdown card: a heading, the template's sentence, two tables.
pub fn markdown(facts: &Facts) -> String {
    let items = items(facts);
    let name = ledger::model_name(facts);
    let mut out = String::from("### Climate performance model card\n\n");
    out.push_str(&format!(
        "The following provides climate performance information about {}, according to the guidelines proposed by [Hershcovich et al. (2022)]({PAPER_URL}). Filled in with the {} from the project's ledger; items 1 and 10 are for the authors.\n\n",
        escape::markdown(&name),
        escape::markdown(&ledger::version()),
    ));
    for (title, part) in [("Minimum card", &items[..MINIMUM]), ("Extended card", &items[MINIMUM..])] {
        out.push_str(&format!("| {title} | |\n| --- | --- |\n"));
        for item in part {
            out.push_str(&format!("| {} | {} |\n", item.question, escape::markdown(&item.answer)));
        }
        out.push('\n');
    }
    out
}

fn tex(s: &str) -> String {
    ledger::latex_text(s)
}

/// The LaTeX card: the preamble comment, then a booktabs table.
pub fn latex(facts: &Facts) -> String {
    let items = items(facts);
    let mut out = String::new();
    latex_runs::preamble_comment(
        &mut out,
        "Climate performance model card (Hershcovich et al., 2022), from the ML Emissions Calculator.",
        true,
    );
    out.push_str(
        "% Items 1 and 10 are for the authors: replace their \"to be filled in\" text. The guidelines are\n% Hershcovich et al. (2022), Towards Climate Awareness in NLP Research, EMNLP 2022 (ACL Anthology\n% 2022.emnlp-main.159): cite them with your own entry. Refer to the card as Table~\\ref{tab:mlec-climate-card}.\n",
    );
    out.push_str(&format!("{} % \\citep as \\cite where natbib is not loaded\n\n", super::latex::CITEP_FALLBACK));
    out.push_str(
        "\\begin{table}[t]\n\\small\n\\begin{tabular}{@{}p{0.36\\linewidth}p{0.58\\linewidth}@{}}\n\\toprule\n",
    );
    out.push_str(&format!("\\multicolumn{{2}}{{@{{}}l}}{{\\textbf{{{}}}}} \\\\\n", tex(&ledger::model_name(facts))));
    for (title, part) in [("Minimum card", &items[..MINIMUM]), ("Extended card", &items[MINIMUM..])] {
        out.push_str(&format!("\\midrule\n\\multicolumn{{2}}{{@{{}}l}}{{\\emph{{{title}}}}} \\\\\n"));
        // Ragged right inside a group that ends the paragraph: long unbreakable words (units,
        // region names) never push a cell past its column, and the row's \\ stays tabular's.
        for item in part {
            out.push_str(&format!(
                "{{\\raggedright {}\\par}} & {{\\raggedright {}\\par}} \\\\\n",
                tex(item.label),
                tex(&item.answer)
            ));
        }
    }
    out.push_str("\\bottomrule\n\\end{tabular}\n");
    out.push_str(&format!(
        "\\caption{{Climate performance model card for {} (minimum and extended card of Hershcovich et al., 2022), filled in with the {}~\\citep{{mlec-calculator}} (app version {}, data version {}).}}\n\\label{{tab:mlec-climate-card}}\n\\end{{table}}\n",
        tex(&ledger::model_name(facts)),
        super::CALCULATOR_NAME,
        crate::APP_VERSION,
        crate::DATA_VERSION
    ));
    out
}
