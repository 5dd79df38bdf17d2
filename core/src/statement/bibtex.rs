//! BibTeX entries for the calculator and every data source the statement cites.

use super::{escape, Citation, Facts};

/// Corporate authors are braced so BibTeX does not split them into names.
fn author(a: &str) -> String {
    if a.contains(" and ") && a.contains(',') {
        escape::bibtex(a)
    } else {
        format!("{{{}}}", escape::bibtex(a))
    }
}

/// The raw URL for a `url` field (read verbatim by biblatex): nothing that
/// could unbalance the braces.
fn raw_url(url: &str) -> String {
    url.chars().filter(|c| !matches!(c, '{' | '}' | '\\') && !c.is_control() && *c != ' ').collect()
}

pub fn entry(c: &Citation) -> String {
    let mut fields: Vec<(String, String)> = Vec::new();
    if c.author.is_empty() {
        // Styles sort by `key` when an entry names no author.
        fields.push(("key".into(), escape::bibtex(&c.title)));
    } else {
        fields.push(("author".into(), author(&c.author)));
    }
    fields.push(("title".into(), format!("{{{}}}", escape::bibtex(&c.title))));
    for (k, v) in &c.extra {
        fields.push(((*k).into(), escape::bibtex(v)));
    }
    fields.push(("year".into(), c.year.to_string()));
    // `url` only: styles that print it (plainnat, acmart, IEEEtran, ACL's) would
    // print a `howpublished` copy a second time.
    if !c.url.is_empty() {
        fields.push(("url".into(), raw_url(&c.url)));
    }
    if !c.note.is_empty() {
        fields.push(("note".into(), escape::bibtex(&c.note)));
    }
    let mut out = format!("@{}{{{},\n", c.entry, c.key);
    for (k, v) in fields {
        out.push_str(&format!("  {k} = {{{v}}},\n"));
    }
    out.push_str("}\n");
    out
}

pub fn render(facts: &Facts) -> String {
    let mut out = String::from("% References for the emissions statement (ML Emissions Calculator).\n\n");
    for (i, c) in facts.citations.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&entry(c));
    }
    out
}
