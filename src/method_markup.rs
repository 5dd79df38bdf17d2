//! The method view's bulk markup as strings: the rows of a factor table, the
//! worked calculation, the list of data changes. Like the region chart
//! (`crate::region_chart`), these are plain functions of the core's data, set
//! with `innerHTML` and listened to on their container (event delegation), so
//! that a 300-row table costs one string and no reactive node per cell, and
//! the code stays small. Every text is escaped; links are only `https://`.
//! Tested natively (`cargo test -p ml-emissions-app`).
//!
//! A figure that comes from a factor table is a button carrying
//! `data-table`, `data-key` and `data-col`: the container opens that row.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use crate::region_chart::layout::esc;
use emissions_core::factor_tables::Table;
use emissions_core::format;
use emissions_core::method::{End, Ends, FactorRef, Origin, ProjectMethod, RunMethod, Step, Term, Token};
use emissions_core::model::Range;
use std::fmt::Write;

/// A sum with more terms shows its first ones and its last.
pub const MAX_TERMS_SHOWN: usize = 8;

/// The `<tr>`s of `t` in `order` (indices into its rows): the key as the row's
/// header, a cell per column (`data-col` names its CSV column), the sources,
/// and the note behind a disclosure.
pub fn table_rows(t: &Table, order: &[usize]) -> String {
    let mut s = String::with_capacity(order.len() * 400);
    for &i in order {
        let Some(r) = t.rows.get(i) else { continue };
        let _ = write!(s, "<tr id=\"{}\">", esc(&r.anchor));
        for (k, (cell, c)) in r.cells.iter().zip(&t.columns).enumerate() {
            let (tag, class) = match (k, c.numeric) {
                (0, _) => ("th scope=\"row\"", ""),
                (_, true) => ("td", " class=\"num\""),
                _ => ("td", ""),
            };
            let col = if c.csv.is_empty() { String::new() } else { format!(" data-col=\"{}\"", esc(c.csv)) };
            let _ = write!(s, "<{tag}{class}{col}>{}</{}>", esc(&cell.text), &tag[..2]);
        }
        s.push_str("<td class=\"table-sources\">");
        for l in r.sources.iter().filter(|l| l.url.starts_with("https://")) {
            let _ = write!(
                s,
                "<a class=\"source\" href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{}</a> ",
                esc(&l.url),
                esc(&l.label)
            );
        }
        s.push_str("</td><td class=\"table-note\">");
        if !r.note.is_empty() {
            let _ = write!(s, "<details><summary>Note</summary><p>{}</p></details>", esc(&r.note));
        }
        s.push_str("</td></tr>");
    }
    s
}

/// `<li>`s of plain text.
pub fn list_items(items: &[String]) -> String {
    let mut s = String::with_capacity(items.len() * 80);
    for i in items {
        let _ = write!(s, "<li>{}</li>", esc(i));
    }
    s
}

/// A button that opens the table row `f`, showing `text`.
fn row_button(s: &mut String, f: &FactorRef, text: &str, label: &str, class: &str) {
    let _ = write!(
        s,
        "<button type=\"button\" class=\"link-button {class}\" data-table=\"{}\" data-key=\"{}\" data-col=\"{}\" aria-label=\"{}\">{}</button>",
        esc(&f.table),
        esc(&f.key),
        esc(&f.column),
        esc(label),
        esc(text)
    );
}

fn term(s: &mut String, t: &Term) {
    match &t.origin {
        Origin::Table(f) => {
            let label =
                format!("{}: {} (data/{}, row {}, column {}); show the row", t.text, t.what, f.table, f.key, f.column);
            row_button(s, f, &t.text, &label, "term term-link");
        }
        _ => {
            let _ = write!(s, "<span class=\"term\" title=\"{}\">{}</span>", esc(&t.what), esc(&t.text));
        }
    }
}

/// "8 × 700 W × 100 % × 72 h × 1.14 ÷ 1000 = 459.6 kWh", as `Step::expression`
/// writes it, each table figure a button; a long sum shows its first terms,
/// how many there are, and its last.
pub fn expression(s: &mut String, step: &Step) {
    s.push_str("<span class=\"expr\">");
    if let [Token::Term(t)] = step.tokens.as_slice() {
        term(s, t);
        let _ = write!(s, " ({})</span>", esc(&t.what));
        return;
    }
    let terms = step.terms().count();
    let long = terms > MAX_TERMS_SHOWN;
    let (mut seen, mut skipped) = (0, false);
    for tok in &step.tokens {
        if let Token::Term(_) = tok {
            seen += 1;
        }
        if long && seen >= MAX_TERMS_SHOWN && seen < terms {
            if !skipped {
                skipped = true;
                let _ = write!(s, "… ({terms} terms in all) + ");
            }
            continue;
        }
        match tok {
            Token::Term(t) if t.unit.is_empty() && t.text.contains('×') => {
                s.push('(');
                term(s, t);
                s.push(')');
            }
            Token::Term(t) => term(s, t),
            Token::Times => s.push_str(" × "),
            Token::Divide => s.push_str(" ÷ "),
            Token::Plus => s.push_str(" + "),
            Token::Open => s.push('('),
            Token::Close => s.push(')'),
        }
    }
    let _ = write!(s, " = <strong class=\"step-result\">{}</strong></span>", esc(&step.result.text));
}

fn steps(s: &mut String, list: &[Step]) {
    s.push_str("<ul class=\"method-steps\">");
    for step in list {
        let _ = write!(s, "<li><span class=\"step-key\">{}: </span>", esc(step.key.label()));
        expression(s, step);
        s.push_str("</li>");
    }
    s.push_str("</ul>");
}

/// The steps at each end; once when the three are the same (a measurement).
fn ends(s: &mut String, e: &Ends) {
    if e.low == e.central && e.high == e.central {
        s.push_str("<div class=\"method-end\"><p class=\"method-end-title\">Central value (both ends of the range are the same)</p>");
        steps(s, &e.central);
        s.push_str("</div>");
        return;
    }
    for end in End::ALL {
        let _ = write!(s, "<div class=\"method-end\"><p class=\"method-end-title\">{}</p>", end.label());
        steps(s, e.get(end));
        s.push_str("</div>");
    }
}

fn run(s: &mut String, r: &RunMethod, runs: usize) {
    s.push_str("<div class=\"method-run\" data-testid=\"method-run\">");
    if runs > 1 {
        let _ = write!(s, "<h4>Run {}, {} (the run shown)</h4>", r.run + 1, esc(&r.label));
    }
    ends(s, &r.operational);
    if let Some(w) = &r.work {
        s.push_str("<p class=\"method-work\">Work done (what the hardware comparison re-runs): ");
        expression(s, w);
        s.push_str("</p>");
    }
    if let Some(e) = &r.embodied {
        s.push_str("<h4>Manufacturing share of the hardware (reported apart)</h4>");
        ends(s, e);
    }
    for n in &r.notes {
        let _ = write!(s, "<p class=\"help\">{}</p>", esc(n));
    }
    s.push_str("<h4>Where the numbers come from</h4><ul class=\"method-factors\">");
    for (t, whence) in r.factors() {
        // A table cell's place is a button (a box that wraps on its own): after a
        // separator, not inside parentheses that would be left on a line of their own.
        let _ = write!(s, "<li><span class=\"term\">{}</span>: {}", esc(&t.text), esc(&t.what));
        match &t.origin {
            Origin::Table(f) => {
                s.push_str(" · ");
                row_button(s, f, &whence, &format!("{whence}: show the row"), "row-link");
            }
            _ => {
                let _ = write!(s, " ({})", esc(&whence));
            }
        }
        s.push_str("</li>");
    }
    s.push_str("</ul></div>");
}

/// The worked calculation: the run shown (`run`, None when a field needs fixing),
/// the project's sums and headline (`project`, None when too many runs to list),
/// and the figure it comes to, which reads as the results card's.
pub fn calculation(
    run_method: Option<&RunMethod>,
    project: Option<&ProjectMethod>,
    runs: usize,
    headline: Range,
) -> String {
    let mut s = String::with_capacity(8192);
    match run_method {
        Some(r) => run(&mut s, r, runs),
        None => s.push_str(
            "<p class=\"help\">The run shown has a field to fix: its calculation appears once it is valid.</p>",
        ),
    }
    match project {
        Some(m) => {
            if let Some(t) = &m.totals {
                let _ = write!(s, "<h4>The project: {runs} runs</h4>");
                ends(&mut s, t);
            }
            if m.invalid_runs > 0 {
                let _ = write!(s, "<p class=\"help\">{} left out: a field is invalid.</p>", m.invalid_runs);
            }
            if let Some(h) = &m.headline {
                s.push_str("<h4>The headline includes the manufacturing share</h4>");
                ends(&mut s, h);
            }
        }
        None => {
            let _ = write!(
                s,
                "<p class=\"help\">With {runs} runs only the run shown is worked out here; the command line's explain prints every run and the sums.</p>"
            );
        }
    }
    let headline = project.map_or(headline, |m| m.headline_kg);
    let _ = write!(
        s,
        "<p class=\"method-result\">{}: <strong data-testid=\"method-result\">{}</strong> CO2eq (range <span data-testid=\"method-result-range\">{} – {}</span>)</p>",
        if runs == 1 { "Result" } else { "Project total" },
        format::mass_kg(headline.central),
        format::mass_kg(headline.low),
        format::mass_kg(headline.high),
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use emissions_core::factor_tables::table;
    use emissions_core::form::FormState;
    use emissions_core::method::of_project;
    use emissions_core::project::{evaluate, Project, Run};
    use emissions_core::Dataset;

    fn data() -> &'static Dataset {
        Dataset::embedded().expect("tables") // ok: test
    }

    fn worked(form: FormState, label: &str) -> String {
        let p = Project::new(String::new(), vec![Run { form, label: label.into(), ..Run::default() }], 0);
        let t = evaluate(&p, data());
        let m = of_project(&p, &t, data());
        calculation(m.runs.first(), Some(&m), p.len(), t.headline_kg())
    }

    #[test]
    fn a_row_per_index_with_its_anchor_and_escaped_text() {
        let t = table(data(), "hardware.csv").expect("hardware"); // ok: test
        let order = t.order("h100", 0, false);
        let html = table_rows(&t, &order);
        assert_eq!(html.matches("<tr ").count(), order.len());
        assert!(html.contains(
            "<tr id=\"row-hardware-nvidia-h100-sxm\"><th scope=\"row\" data-col=\"id\">nvidia-h100-sxm</th>"
        ));
        assert!(html.contains("<td class=\"num\" data-col=\"power_w\">700</td>"));
        assert!(html.contains("rel=\"noopener noreferrer\">power: nvidia.com</a>"));
        // Notes hold quotes and ampersands: escaped.
        let all = table_rows(&t, &(0..t.rows.len()).collect::<Vec<_>>());
        assert_eq!(all.matches("<tr ").count(), 126);
        assert!(!all.contains("\"\""), "no empty or broken attribute quoting");
        let zones = table(data(), "grid_zones.csv").expect("zones"); // ok: test
        let html = table_rows(&zones, &[0]);
        assert!(html.starts_with("<tr id=\"row-grid-zones-WORLD\">"));
    }

    #[test]
    fn the_calculation_reads_as_the_cli_and_ends_at_the_headline() {
        let html = worked(
            FormState {
                hardware: "nvidia-h100-sxm".into(),
                devices: "8".into(),
                duration: "72".into(),
                ..FormState::default()
            },
            "Training run",
        );
        // 8 × 700 W × 100 % × 72 h × 1.14 ÷ 1000 = 459.6 kWh, each table figure a button.
        assert!(html.contains("<span class=\"step-key\">Energy: </span><span class=\"expr\"><span class=\"term\" title=\"devices\">8</span> × <button type=\"button\" class=\"link-button term term-link\" data-table=\"hardware.csv\" data-key=\"nvidia-h100-sxm\" data-col=\"power_w\""));
        assert!(html.contains(">1.14</button> ÷ <span class=\"term\""), "{html}");
        assert!(html.contains(">1000</span> = <strong class=\"step-result\">459.6 kWh</strong>"), "{html}");
        assert!(html.contains("<strong data-testid=\"method-result\">160.4 kg</strong> CO2eq (range <span data-testid=\"method-result-range\">124.4 kg – 175.9 kg</span>)"));
        assert!(html.contains("Manufacturing share of the hardware (reported apart)"));
        assert!(
            html.contains("data-table=\"embodied.csv\" data-key=\"nvidia-h100-sxm-pcf\" data-col=\"host_share_kg\"")
        );
        assert!(html.matches("<li>").count() >= 20);
        assert!(html.contains("<li><span class=\"term\">700 W</span>: rated power of the NVIDIA H100 SXM5 80GB · <button type=\"button\" class=\"link-button row-link\" data-table=\"hardware.csv\" data-key=\"nvidia-h100-sxm\" data-col=\"power_w\""), "{html}");
        assert!(html.contains("<li><span class=\"term\">8</span>: devices (entered)</li>"), "{html}");
    }

    #[test]
    fn typed_text_is_escaped() {
        let hostile = "Lab TPU \"v2\" & <b>50%</b>";
        let form = FormState {
            hardware: "custom".into(),
            custom_name: hostile.into(),
            custom_power: "300".into(),
            location: emissions_core::form::LocationMode::Custom,
            custom_intensity: "450".into(),
            ..FormState::default()
        };
        let p = Project::new(
            String::new(),
            vec![Run { form: form.clone(), label: hostile.into(), ..Run::default() }, Run { form, ..Run::default() }],
            0,
        );
        let t = evaluate(&p, data());
        let m = of_project(&p, &t, data());
        let html = calculation(m.runs.first(), Some(&m), p.len(), t.headline_kg());
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("Lab TPU &quot;v2&quot; &amp; &lt;b&gt;50%&lt;/b&gt;"));
        assert!(html.contains("<h4>The project: 2 runs</h4>"));
        assert!(html.contains("Project total: <strong"));
        assert!(list_items(&[hostile.to_string()]).starts_with("<li>Lab TPU &quot;v2&quot;"));
    }

    #[test]
    fn a_long_sum_shows_its_first_terms_and_its_last() {
        let runs: Vec<Run> = (0..12).map(|i| Run { label: format!("run {i}"), ..Run::default() }).collect();
        let p = Project::new(String::new(), runs, 0);
        let t = evaluate(&p, data());
        let m = of_project(&p, &t, data());
        let sums = m.totals.as_ref().expect("sums"); // ok: test
        let mut s = String::new();
        expression(&mut s, &sums.central[0]);
        assert!(s.contains("… (12 terms in all) + "), "{s}");
        assert_eq!(s.matches("class=\"term\"").count(), MAX_TERMS_SHOWN);
    }
}
