//! Small text helpers shared by every output and message: one definition each.
//! Untrusted text (names typed by a user, values read from a link or a file)
//! is flattened by [`clean`] before it is placed in a sentence, and quoted or
//! clipped by [`quote`] and [`clip`] when a message echoes it.

/// Make text safe to place on one line of any format: control characters
/// (newlines, tabs, NUL, C1 controls), Unicode line/paragraph separators and
/// bidirectional overrides become a space or disappear; runs of spaces
/// collapse; the ends are trimmed. Statements are single-line per fact, so a
/// name can never start a new Markdown block, YAML key or LaTeX paragraph.
pub fn clean(text: &str) -> String {
    let flat = one_line(text);
    let mut out = String::with_capacity(flat.len());
    for word in flat.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Like [`clean`] but keeps the spacing (no trimming): used by the escapers on
/// pieces of a sentence, whose leading and trailing spaces matter.
pub fn one_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' => None,
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || c.is_whitespace() => Some(' '),
            c => Some(c),
        })
        .collect()
}

/// At most `max` characters of `text`, with "…" when something was cut: for
/// echoing what a user typed in a message.
pub fn clip(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// Untrusted text in quotation marks for a message: flattened, at most `max`
/// characters. `quote("8 × A100", 24)` = "“8 × A100”".
pub fn quote(text: &str, max: usize) -> String {
    format!("“{}”", clip(&clean(text), max))
}

/// "1 run", "3 runs".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", crate::format::plain(n as f64), plural(n, one, many))
}

/// `one` when `n` is 1, else `many`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The text with its first character in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The non-empty parts joined with ", ": `join_nonempty(&["Paris", "", "FR"])` = "Paris, FR".
pub fn join_nonempty(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(clean("  a\n\r\tb\u{2028}c\u{202E}d  "), "a b cd");
        assert_eq!(clean("x\u{0}y"), "x y");
        assert_eq!(clip("abcdef", 4), "abcd…");
        assert_eq!(clip("abc", 4), "abc");
        assert_eq!(quote("a\nb", 24), "“a b”");
        assert_eq!(quote("abcdef", 3), "“abc…”");
        assert_eq!(count(1, "run", "runs"), "1 run");
        assert_eq!(count(12000, "run", "runs"), "12,000 runs");
        assert_eq!(capitalize("éte"), "Éte");
        assert_eq!(capitalize(""), "");
        assert_eq!(join_nonempty(&["Paris", "", "FR"]), "Paris, FR");
    }
}
