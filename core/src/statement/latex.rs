//! LaTeX: the paragraph for the paper body, and the packages it needs.
//!
//! Citations are `\citep{mlec-…}` placed after the clause they support, with no
//! publisher or year written beside them: `\citep` prints "(Amazon Web
//! Services, 2025)" with natbib author-year styles (ACL, ICML, NeurIPS with
//! `authoryear`) and "[3]" with numeric ones; the snippet defines `\citep` as
//! `\cite` when natbib is not loaded (plain LaTeX, IEEEtran, llncs). Keys carry
//! the `mlec-` prefix so they cannot collide with the paper's own entries.

use super::{escape, Block, Facts, Piece};

/// Preamble lines the snippet and its BibTeX entries need, with the reason.
pub const PACKAGES: [(&str, &str); 3] = [
    ("\\usepackage[T1]{fontenc}", "accented letters and straight quotes in names"),
    ("\\usepackage{lmodern}", "a T1 font with every glyph the statement uses (sharp at any size)"),
    ("\\usepackage{url}", "web addresses in the BibTeX entries"),
];

/// The first line of the snippet: `\citep` where natbib is not loaded.
pub const CITEP_FALLBACK: &str = "\\providecommand{\\citep}{\\cite}";

/// The preamble lines, one per line.
pub fn packages() -> String {
    PACKAGES.iter().map(|(line, why)| format!("{line} % {why}\n")).collect()
}

/// Tie a number to the unit or word after it with `~`, so that "459.6 kWh" or
/// "100 \%" never breaks across lines.
fn tie_units(escaped: &str) -> String {
    let chars: Vec<char> = escaped.chars().collect();
    let mut out = String::with_capacity(escaped.len());
    for (i, &c) in chars.iter().enumerate() {
        let after_number = i > 0 && chars[i - 1].is_ascii_digit();
        let before_unit = match (chars.get(i + 1), chars.get(i + 2)) {
            (Some(n), _) if n.is_alphabetic() => true,
            (Some('\\'), Some('%')) => true,
            _ => false,
        };
        out.push(if c == ' ' && after_number && before_unit { '~' } else { c });
    }
    out
}

fn pieces(out: &mut String, facts: &Facts, pieces: &[Piece]) {
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(&tie_units(&escape::latex(t))),
            Piece::Strong(t) => {
                out.push_str("\\textbf{");
                out.push_str(&tie_units(&escape::latex(t)));
                out.push('}');
            }
            Piece::Co2 => out.push_str("CO\\textsubscript{2}eq"),
            Piece::Cite(refs) => {
                let keys: Vec<&str> =
                    refs.iter().filter_map(|i| facts.citations.get(*i)).map(|c| c.key.as_str()).collect();
                out.push_str("~\\citep{");
                out.push_str(&keys.join(","));
                out.push('}');
            }
            // The citation prints the publisher and year (or a number) itself.
            Piece::Attribution(_) => {}
            Piece::Sci { mantissa, exponent } => {
                out.push_str(&format!("${}\\times10^{{{exponent}}}$", escape::latex(mantissa)));
            }
        }
    }
}

/// The paragraph(s) for the paper body, without comments.
pub fn body(facts: &Facts) -> String {
    let mut out = String::new();
    for (i, block) in facts.doc().iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Para(p) => {
                pieces(&mut out, facts, p);
                out.push('\n');
            }
            Block::List(lead, items) => {
                pieces(&mut out, facts, lead);
                out.push_str("\n\\begin{itemize}\n");
                for item in items {
                    out.push_str("  \\item ");
                    pieces(&mut out, facts, item);
                    out.push('\n');
                }
                out.push_str("\\end{itemize}\n");
            }
        }
    }
    out
}

/// Names in the statement with characters pdfLaTeX cannot print with T1 (they
/// become "?"): one warning per name, for the panel and for stderr.
pub fn warnings(facts: &Facts) -> Vec<String> {
    let mut names: Vec<&str> = vec![facts.name.as_str()];
    for r in &facts.runs {
        names.push(&r.label);
        if let crate::project::Detail::Estimated { job, .. } = &r.detail {
            names.push(&job.hardware.name);
            names.push(&job.location.label);
        }
        if let crate::project::Detail::Measured(m) = &r.detail {
            names.extend([m.hardware.as_str(), m.location.as_str(), m.source.as_str()]);
        }
    }
    let mut out: Vec<String> = Vec::new();
    // Runs share their names (a sweep of 10,000 runs has a few devices and grids), and a
    // name of printable ASCII is always printable: check each other name once.
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if name.bytes().all(|b| (0x20..0x7f).contains(&b)) || !seen.insert(name) {
            continue;
        }
        let bad = escape::unprintable_in_t1(name);
        if bad.is_empty() {
            continue;
        }
        let chars = bad.iter().map(char::to_string).collect::<Vec<_>>().join(", ");
        let w = format!(
            "{} has characters pdfLaTeX cannot print with the T1 encoding ({chars}): the LaTeX shows “?” for them. Rename it, or compile with XeLaTeX or LuaLaTeX and a font that has them.",
            crate::text::quote(name, 40)
        );
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// The LaTeX file: the packages as comments, then the body.
pub fn render(facts: &Facts) -> String {
    let mut out = String::from("% Emissions statement from the ML Emissions Calculator.\n% Put these lines in the preamble if it does not have them yet:\n");
    for (line, why) in PACKAGES {
        out.push_str(&format!("%   {line} % {why}\n"));
    }
    out.push_str(
        "% The \\citep keys are defined in the BibTeX file of the same statement (emissions-references.bib);\n% they start with mlec- so they cannot clash with your own entries.\n",
    );
    for w in warnings(facts) {
        out.push_str(&format!("% Warning: {}\n", escape::latex(&w)));
    }
    out.push_str(&format!("{CITEP_FALLBACK} % \\citep as \\cite where natbib is not loaded\n\n"));
    out.push_str(&body(facts));
    out
}
