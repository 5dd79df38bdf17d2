//! LaTeX: the paragraph for the paper body, and the packages it needs.

use super::{escape, Block, Facts, Piece};

/// Preamble lines the snippet and its BibTeX entries need, with the reason.
pub const PACKAGES: [(&str, &str); 2] = [
    ("\\usepackage[T1]{fontenc}", "accented letters and straight quotes in names"),
    ("\\usepackage{url}", "web addresses in the BibTeX entries"),
];

/// The preamble lines, one per line.
pub fn packages() -> String {
    PACKAGES.iter().map(|(line, why)| format!("{line} % {why}\n")).collect()
}

fn pieces(out: &mut String, facts: &Facts, pieces: &[Piece]) {
    for p in pieces {
        match p {
            Piece::Text(t) => out.push_str(&escape::latex(t)),
            Piece::Strong(t) => {
                out.push_str("\\textbf{");
                out.push_str(&escape::latex(t));
                out.push('}');
            }
            Piece::Co2 => out.push_str("CO\\textsubscript{2}eq"),
            Piece::Cite(refs) => {
                let keys: Vec<&str> =
                    refs.iter().filter_map(|i| facts.citations.get(*i)).map(|c| c.key.as_str()).collect();
                out.push_str("~\\cite{");
                out.push_str(&keys.join(","));
                out.push('}');
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

/// The LaTeX file: the packages as comments, then the body.
pub fn render(facts: &Facts) -> String {
    let mut out = String::from("% Emissions statement from the ML Emissions Calculator.\n% Put these lines in the preamble if it does not have them yet:\n");
    for (line, why) in PACKAGES {
        out.push_str(&format!("%   {line} % {why}\n"));
    }
    out.push_str(
        "% The \\cite keys are defined in the BibTeX file of the same statement (emissions-references.bib).\n\n",
    );
    out.push_str(&body(facts));
    out
}
