//! LaTeX: a booktabs table of the project's runs by phase (runs, device-hours,
//! energy, emissions with their ranges, measured or estimated), for the paper
//! beside the statement paragraph.
//!
//! One unit per column, chosen from the total (kWh or MWh, kg or t CO2eq), so
//! that the rows compare at a glance; each range sits under its value, so the
//! table fits the text width of a one-column template (llncs, 12.2 cm). The table is a `table*`: it spans both
//! columns of a two-column template (ACL, ACM sigconf, IEEE conference) and is
//! an ordinary table in a one-column one. It cites only the calculator
//! (`mlec-calculator`, always in the statement's BibTeX file).

use super::ledger::{self, Sum};
use super::{escape, latex, Facts};
use crate::format;
use crate::model::Range;

/// Preamble lines the table needs: the statement's, and booktabs.
pub const BOOKTABS: (&str, &str) = ("\\usepackage{booktabs}", "\\toprule, \\midrule and \\bottomrule in the table");

/// The label of the table, for `Table~\ref{tab:mlec-runs}`.
pub const LABEL: &str = "tab:mlec-runs";

/// The preamble comment every LaTeX target starts with: the packages to add.
pub(crate) fn preamble_comment(out: &mut String, first_line: &str, booktabs: bool) {
    out.push_str(&format!("% {first_line}\n% Put these lines in the preamble if it does not have them yet:\n"));
    for (line, why) in latex::PACKAGES.iter().chain(booktabs.then_some(&BOOKTABS)) {
        out.push_str(&format!("%   {line} % {why}\n"));
    }
}

/// A column's unit: its name in the header, and the factor from kWh or kg.
struct Unit {
    header: &'static str,
    per: f64,
}

/// The unit of a column: the middle one (kWh, kg) up to 100,000, so that small
/// rows keep readable digits; the big one above; the small one below 1.
const BIG: f64 = 100_000.0;

fn energy_unit(total_kwh: f64) -> Unit {
    if total_kwh >= BIG {
        Unit { header: "MWh", per: 1000.0 }
    } else if total_kwh > 0.0 && total_kwh < 1.0 {
        Unit { header: "Wh", per: 0.001 }
    } else {
        Unit { header: "kWh", per: 1.0 }
    }
}

fn mass_unit(total_kg: f64) -> Unit {
    if total_kg >= BIG {
        Unit { header: "t", per: 1000.0 }
    } else if total_kg > 0.0 && total_kg < 1.0 {
        Unit { header: "g", per: 0.001 }
    } else {
        Unit { header: "kg", per: 1.0 }
    }
}

/// Two lines in one cell, right-aligned: a nested tabular needs no package.
fn stack(top: &str, bottom: &str) -> String {
    format!("\\begin{{tabular}}[t]{{@{{}}r@{{}}}}{top}\\\\{bottom}\\end{{tabular}}")
}

/// The central value in the column's unit with its range below it in a smaller
/// size ("13,728" over "(10,176--17,875)"), or "710" alone with no spread: the
/// range under the value keeps the table within a one-column text width.
fn cell(r: Range, unit: &Unit) -> String {
    let v = |x: f64| format::significant(x / unit.per, 4);
    let (low, central, high) = (v(r.low), v(r.central), v(r.high));
    if low == high {
        central
    } else {
        stack(&central, &format!("\\footnotesize ({low}--{high})"))
    }
}

/// Device-hours of a group: "21,504", with a dagger when some runs have none, or "--".
fn device_hours_cell(s: &Sum) -> String {
    match (s.device_hours > 0.0, s.no_device_hours > 0) {
        (false, true) => "--".into(),
        (true, true) => format!("{}$^\\dagger$", ledger::device_hours_text(s.device_hours)),
        _ => ledger::device_hours_text(s.device_hours),
    }
}

/// "estimated", "measured", or "both" (explained in the caption).
fn how(s: &Sum) -> &'static str {
    match s.how() {
        "estimated and measured" => "both",
        h => h,
    }
}

/// The table (with its caption) for `facts`, without the preamble comment.
pub fn table(facts: &Facts) -> String {
    let t = &facts.totals;
    let all = ledger::sum(facts, |_| true);
    let energy = energy_unit(t.energy_kwh.central);
    let mass = mass_unit(t.headline_kg().central.max(t.emissions_kg.central));
    // Narrower gaps between columns: with the ranges under their values, the table fits the
    // 345 pt text width of the article class and llncs.
    let mut out = String::from(
        "\\begin{table*}[t]\n\\centering\n\\small\n\\setlength{\\tabcolsep}{4pt}\n\\begin{tabular}{@{}lrrrrl@{}}\n\\toprule\n",
    );
    out.push_str(&format!(
        "Phase & Runs & {} & {} & {} & Figures \\\\\n\\midrule\n",
        stack("Device-", "hours"),
        stack("Energy", &format!("({})", energy.header)),
        stack("Emissions", &format!("({} CO\\textsubscript{{2}}eq)", mass.header)),
    ));
    let mut dagger = false;
    for p in &t.phases {
        let s = ledger::sum(facts, |phase| phase == p.phase);
        dagger |= s.device_hours > 0.0 && s.no_device_hours > 0;
        out.push_str(&format!(
            "{} & {} & {} & {} & {} & {} \\\\\n",
            escape::latex(p.phase.label()),
            format::plain(s.runs as f64),
            device_hours_cell(&s),
            cell(s.energy_kwh, &energy),
            cell(s.emissions_kg, &mass),
            how(&s)
        ));
    }
    dagger |= all.device_hours > 0.0 && all.no_device_hours > 0;
    out.push_str("\\midrule\n");
    out.push_str(&format!(
        "Total & {} & {} & {} & {} & {} \\\\\n",
        format::plain(all.runs as f64),
        device_hours_cell(&all),
        cell(t.energy_kwh, &energy),
        cell(t.emissions_kg, &mass),
        how(&all)
    ));
    let embodied = t.embodied_kg.central > 0.0;
    if embodied {
        out.push_str("\\midrule\n");
        out.push_str(&format!(
            "\\multicolumn{{4}}{{@{{}}l}}{{Manufacturing (embodied), cradle-to-gate, {}}} & {} & estimated \\\\\n",
            if t.include_embodied { "included below" } else { "reported apart" },
            cell(t.embodied_kg, &mass)
        ));
        if t.include_embodied {
            out.push_str(&format!(
                "\\multicolumn{{4}}{{@{{}}l}}{{Total with manufacturing}} & {} & estimated \\\\\n",
                cell(t.headline_kg(), &mass)
            ));
        }
    }
    out.push_str("\\bottomrule\n\\end{tabular}\n");
    let name = escape::latex(&ledger::model_name(facts));
    let mut caption = format!(
        "Compute, energy and emissions of {} by phase (every run of the project's ledger, repeats included), compiled with the {}~\\citep{{mlec-calculator}} (app version {}, data version {}). Energy includes the data-centre overhead (PUE) where the run states one; emissions are {}; ranges in parentheses.",
        if facts.name.trim().is_empty() { "the development of the model".to_string() } else { format!("the development of {name}") },
        super::CALCULATOR_NAME,
        crate::APP_VERSION,
        crate::DATA_VERSION,
        escape::latex(&ledger::basis(facts, |_| true)),
    );
    if all.estimated > 0 && all.measured > 0 {
        caption.push_str(" Figures: estimated, measured by a tracker, or both (runs of each kind).");
    }
    if dagger {
        caption.push_str(" $^\\dagger$Runs without a device count (from requests, or measured without one) are not in the device-hours.");
    }
    if embodied && !t.include_embodied {
        caption.push_str(" The manufacturing share is not included in the total.");
    }
    if !facts.invalid.is_empty() {
        caption.push_str(&format!(
            " {} left out: a field needs attention.",
            crate::text::count(facts.invalid.len(), "run", "runs")
        ));
    }
    out.push_str(&format!("\\caption{{{caption}}}\n\\label{{{LABEL}}}\n\\end{{table*}}\n"));
    out
}

/// The file: the packages as comments, the `\citep` fallback, the table.
pub fn render(facts: &Facts) -> String {
    let mut out = String::new();
    preamble_comment(&mut out, "Table of the runs by phase, from the ML Emissions Calculator.", true);
    out.push_str(&format!(
        "% Refer to it as Table~\\ref{{{LABEL}}}. \\citep{{mlec-calculator}} is defined in the BibTeX file of the\n% same statement (emissions-references.bib). table* spans both columns of a two-column template;\n% in a one-column template it is an ordinary table.\n"
    ));
    out.push_str(&format!("{} % \\citep as \\cite where natbib is not loaded\n\n", latex::CITEP_FALLBACK));
    out.push_str(&table(facts));
    out
}
