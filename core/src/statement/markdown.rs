//! Markdown and plain text: the same statement, with a numbered source list.

use super::{escape, Block, Citation, Facts, Piece};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Markdown,
    Text,
}

fn text(style: Style, s: &str) -> String {
    match style {
        Style::Markdown => escape::markdown(s),
        Style::Text => escape::one_line(s),
    }
}

fn refs(refs: &[usize]) -> String {
    let n: Vec<String> = refs.iter().map(|i| (i + 1).to_string()).collect();
    format!("[{}]", n.join(", "))
}

/// "10²²" in Markdown, "10^22" in plain text.
fn power_of_ten(style: Style, exponent: i32) -> String {
    match style {
        Style::Markdown => {
            let sup: String = exponent
                .to_string()
                .chars()
                .map(|c| match c {
                    '-' => '⁻',
                    d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'][d.to_digit(10).unwrap_or(0) as usize],
                })
                .collect();
            format!("10{sup}")
        }
        Style::Text => format!("10^{exponent}"),
    }
}

fn pieces(out: &mut String, style: Style, pieces: &[Piece]) {
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Text(t) => out.push_str(&text(style, t)),
            Piece::Strong(t) => match style {
                Style::Markdown => {
                    out.push_str("**");
                    out.push_str(&text(style, t));
                    out.push_str("**");
                }
                Style::Text => out.push_str(&text(style, t)),
            },
            Piece::Co2 => out.push_str("CO2eq"),
            Piece::Cite(r) => {
                out.push(' ');
                out.push_str(&refs(r));
            }
            // "(Amazon Web Services, 2025 [3])": the publisher with the number of its entry.
            Piece::Attribution(t) => {
                out.push_str(" (");
                out.push_str(&text(style, t));
                if let Some(Piece::Cite(r)) = pieces.get(i + 1) {
                    out.push(' ');
                    out.push_str(&refs(r));
                    i += 1;
                }
                out.push(')');
            }
            Piece::Sci { mantissa, exponent } => {
                out.push_str(&text(style, mantissa));
                out.push_str(" × ");
                out.push_str(&power_of_ten(style, *exponent));
            }
        }
        i += 1;
    }
}

fn source_line(style: Style, c: &Citation) -> String {
    let mut s = String::new();
    if !c.author.is_empty() {
        s.push_str(&text(style, &c.author));
        s.push_str(". ");
    }
    match style {
        Style::Markdown => {
            s.push('*');
            s.push_str(&text(style, &c.title));
            s.push('*');
        }
        Style::Text => s.push_str(&text(style, &c.title)),
    }
    s.push_str(&format!(" ({})", c.year));
    for (field, value) in &c.extra {
        if *field == "journal" {
            s.push_str(&format!(", {}", text(style, value)));
        }
    }
    s.push('.');
    if !c.note.is_empty() {
        s.push(' ');
        s.push_str(&text(style, &c.note));
        s.push('.');
    }
    if !c.url.is_empty() {
        match style {
            Style::Markdown => s.push_str(&format!(" <{}>", escape::markdown_url(&c.url))),
            Style::Text => s.push_str(&format!(" {}", escape::one_line(&c.url))),
        }
    }
    s
}

pub fn render(facts: &Facts, style: Style) -> String {
    let mut out = String::new();
    for block in facts.doc() {
        match block {
            Block::Para(p) => {
                pieces(&mut out, style, &p);
                out.push_str("\n\n");
            }
            Block::List(lead, items) => {
                pieces(&mut out, style, &lead);
                out.push_str("\n\n");
                for item in items {
                    out.push_str("- ");
                    pieces(&mut out, style, &item);
                    out.push('\n');
                }
                out.push('\n');
            }
        }
    }
    out.push_str(match style {
        Style::Markdown => "Sources:\n\n",
        Style::Text => "Sources:\n",
    });
    for (i, c) in facts.citations.iter().enumerate() {
        match style {
            Style::Markdown => out.push_str(&format!("{}. {}\n", i + 1, source_line(style, c))),
            Style::Text => out.push_str(&format!("[{}] {}\n", i + 1, source_line(style, c))),
        }
    }
    out
}
