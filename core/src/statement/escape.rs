//! Escaping of text (typed by a user or read from the factor tables) for each
//! output format. Every string that is not markup written by this crate goes
//! through one of these functions; `core/tests/statements.rs` feeds them
//! hostile strings.

pub use crate::text::{clean, one_line};

/// LaTeX text mode, for pdfLaTeX with `\usepackage[T1]{fontenc}` (UTF-8 input,
/// the default since 2018). The ten special characters and the ligature and
/// optional-argument traps are escaped; common typographic Unicode is mapped
/// to commands; characters pdfLaTeX cannot typeset with T1 become `?`, so
/// the snippet always compiles. Newlines become spaces.
pub fn latex(text: &str) -> String {
    latex_with(text, false)
}

/// Like [`latex`], for a BibTeX field value: BibTeX counts every brace, even
/// `\{`, so braces are written `\textbraceleft{}` / `\textbraceright{}`.
pub fn bibtex(text: &str) -> String {
    latex_with(text, true)
}

fn latex_with(text: &str, bib: bool) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        let mapped: &str = match c {
            '\\' => "\\textbackslash{}",
            '{' if bib => "\\textbraceleft{}",
            '}' if bib => "\\textbraceright{}",
            '{' => "\\{",
            '}' => "\\}",
            '$' => "\\$",
            '&' => "\\&",
            '#' => "\\#",
            '%' => "\\%",
            '_' => "\\_",
            '^' => "\\textasciicircum{}",
            '~' => "\\textasciitilde{}",
            '<' => "\\textless{}",
            '>' => "\\textgreater{}",
            '|' => "\\textbar{}",
            '"' => "\\textquotedbl{}",
            '`' => "\\textasciigrave{}",
            // Square brackets would be read as an optional argument after a command.
            '[' => "{[}",
            ']' => "{]}",
            '\u{A0}' => "~",
            '×' => "$\\times$",
            '÷' => "$\\div$",
            '±' => "$\\pm$",
            '≤' => "$\\leq$",
            '≥' => "$\\geq$",
            '≈' => "$\\approx$",
            '→' => "$\\rightarrow$",
            '–' => "--",
            '—' => "---",
            '‘' => "`",
            '’' => "'",
            '“' => "``",
            '”' => "''",
            '…' => "\\dots{}",
            '•' => "\\textbullet{}",
            '€' => "\\texteuro{}",
            '™' => "\\texttrademark{}",
            '₂' => "\\textsubscript{2}",
            // ASCII and the Latin-1 and Latin Extended-A letters T1 can typeset.
            ' '..='~' => {
                push_apart(&mut out, c.encode_utf8(&mut [0; 4]));
                continue;
            }
            '\u{A1}'..='\u{17F}' if !LATIN_WITHOUT_T1_GLYPH.contains(&c) => {
                push_apart(&mut out, c.encode_utf8(&mut [0; 4]));
                continue;
            }
            _ => "?",
        };
        push_apart(&mut out, mapped);
    }
    out
}

/// The distinct characters of `text` that [`latex`] replaces with "?" because
/// pdfLaTeX cannot typeset them with T1, in order of appearance.
pub fn unprintable_in_t1(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in one_line(text).chars() {
        if c != '?' && latex(c.encode_utf8(&mut [0; 4])) == "?" && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Append `chunk`, with `{}` in between when the end of `out` and the start
/// of `chunk` would form a T1 ligature (`--`, `''`, ``` `` ```, `,,`, `!``, `?``)
/// across two input characters.
fn push_apart(out: &mut String, chunk: &str) {
    let last = out.chars().last();
    let first = chunk.chars().next();
    let joins = match (last, first) {
        (Some(a), Some(b)) if a == b && matches!(a, '-' | '\'' | '`' | ',') => true,
        (Some('!' | '?'), Some('`')) => true,
        _ => false,
    };
    if joins {
        out.push_str("{}");
    }
    out.push_str(chunk);
}

/// Latin Extended-A characters that pdfLaTeX's utf8 + T1 setup has no glyph for.
const LATIN_WITHOUT_T1_GLYPH: [char; 9] = ['Ħ', 'ħ', 'ĸ', 'Ŀ', 'ŀ', 'ŉ', 'Ŧ', 'ŧ', 'ſ'];

/// Inline Markdown (CommonMark / GitHub): every character that could start
/// emphasis, a link or image (`[`; `(` and `!` are inert without it), an
/// HTML tag, a table cell, code, strikethrough, math or an entity is
/// backslash-escaped, and a leading block marker (`-`, `+`, `=`, `1.`) is
/// neutralised. Newlines become spaces.
pub fn markdown(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // "1. x" or "1) x" at the start would become an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    let mut rest = out[digits..].chars();
    if digits > 0 && matches!(rest.next(), Some('.') | Some(')')) && rest.next().is_none_or(|c| c == ' ') {
        out.insert(digits, '\\');
    }
    out
}

/// A Markdown link destination: characters that would end or break it are
/// percent-encoded.
pub fn markdown_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URL inside `\url{...}` in a LaTeX argument (BibTeX field): `%`, `#`
/// must be escaped there, braces and backslashes are dropped (never valid in
/// the URLs of the factor tables).
pub fn latex_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '%' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '{' | '}' | '\\' => {}
            c if c.is_control() || c == ' ' => {}
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted scalar, quotes included. Valid YAML 1.1 and 1.2:
/// backslash and quote escaped, every character outside YAML's printable
/// set (and the YAML line breaks U+0085, U+2028, U+2029) written as an
/// escape, so no value can end the string, start a key or a comment.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{0}' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{A0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x20 || (0x7F..=0x9F).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a YAML comment: one line, nothing that could end the comment.
pub fn yaml_comment(text: &str) -> String {
    one_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_flattens_lines_and_drops_overrides() {
        assert_eq!(clean("  a\n\r\tb\u{2028}c\u{202E}d  "), "a b cd");
        assert_eq!(clean("x\u{0}y"), "x y");
    }

    #[test]
    fn latex_specials() {
        assert_eq!(latex(r"\{}$&#^_%~"), r"\textbackslash{}\{\}\$\&\#\textasciicircum{}\_\%\textasciitilde{}");
        assert_eq!(latex("a--b"), "a-{}-b");
        assert_eq!(latex("[x]"), "{[}x{]}");
        assert_eq!(latex("Ħ中"), "??");
        assert_eq!(latex("Zoë – 8 × A100"), "Zoë -- 8 $\\times$ A100");
        assert_eq!(bibtex("{x}"), "\\textbraceleft{}x\\textbraceright{}");
    }

    #[test]
    fn markdown_specials() {
        assert_eq!(markdown("*a* _b_ [c](d) <e> |f|"), r"\*a\* \_b\_ \[c\](d) \<e\> \|f\|");
        assert_eq!(markdown("# title"), r"\# title");
        assert_eq!(markdown("- item"), r"\- item");
        assert_eq!(markdown("12. x"), r"12\. x");
    }

    #[test]
    fn yaml_specials() {
        assert_eq!(yaml_string("a: b # c"), "\"a: b # c\"");
        assert_eq!(yaml_string("\"q\"\n\\"), r#""\"q\"\n\\""#);
        assert_eq!(yaml_string("\u{1}\u{7f}\u{2028}"), r#""\x01\x7F\L""#);
    }
}
