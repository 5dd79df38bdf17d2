//! The page's first paint, rendered at build time (issue 16): the same `App`, drawn
//! natively by leptos' server-side renderer for a fresh visit (no link, nothing saved),
//! so `index.html` shows the header, the form with its default values and the default
//! estimate, with the numbers the core computes, before the wasm has arrived.
//!
//! `src/bin/shell.rs` writes [`render`]'s output to `target/shell/shell.html` (Trunk's
//! `pre_build` hook); `scripts/gen-sw.mjs` puts it in place of `<div id="app-shell">` in
//! the built `index.html`. When the app mounts (src/main.rs) it removes the shell in the
//! same task and draws the page in its place: same markup, so the same layout.
//!
//! What the server-side renderer cannot know is added here: the values of the form's
//! controls (bound with `prop:value` / `prop:checked`, which are DOM properties and never
//! HTML), the `selected` option of each select. What must differ from the live page is
//! changed here too: no `data-app-ready` (the tests wait for it as the sign that the app
//! has mounted), the form is `inert` (typing into it before the app has mounted would be
//! lost), and a "Loading your estimate…" line, hidden unless `assets/shell.js` marks the
//! shell stale (a link or a saved session will show other numbers).
//! `e2e/first_paint.test.mjs` checks the shell against the mounted page: element boxes,
//! the headline's text, and every control's value.

use crate::app::App;
use emissions_core::fields::FieldId;
use emissions_core::project::{Project, Run};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// The element `index.html` carries in place of `<div id="app-shell"></div>`.
pub fn render() -> String {
    let owner = Owner::new();
    let html = owner.with(|| view! { <App/> }.to_html());
    let project = Project::default();
    let html = finish(&html, project.active_run());
    format!("<div id=\"app-shell\" class=\"app-shell\" aria-busy=\"true\" data-testid=\"app-shell\">{html}</div>")
}

/// The post-processing described in the module's notes; panics (failing the build)
/// when the page no longer has what it relies on.
fn finish(html: &str, run: &Run) -> String {
    let html = html.replace(" data-app-ready=\"\"", "");
    let html = with_values(&html, run);
    let html = insert_after(&html, "<div class=\"headline\"", ">", LOADING);
    inert_controls(&html)
}

/// Shown in place of the headline while the shell is stale (see `style/main.css`).
const LOADING: &str = "<p class=\"shell-loading\" role=\"status\">Loading your estimate…</p>";

/// Insert `what` after the first `close` that follows the first `anchor`.
fn insert_after(html: &str, anchor: &str, close: &str, what: &str) -> String {
    let at = html.find(anchor).unwrap_or_else(|| panic!("shell: the page has no {anchor}"));
    let end = at + html[at..].find(close).unwrap_or_else(|| panic!("shell: no {close} after {anchor}")) + close.len();
    format!("{}{what}{}", &html[..end], &html[end..])
}

/// Make the page's controls `inert` until the app has mounted: every `<form>`, and
/// every `<section>` but the results card (which stays readable by screen readers).
fn inert_controls(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let len = tag_len(rest);
        let tag = &rest[..len];
        let results = attr(tag, "class").is_some_and(|c| c.split(' ').any(|c| c == "results"));
        if tag.starts_with("<form ") || (tag.starts_with("<section ") && !results) {
            let name_end = tag.find(' ').unwrap_or(len);
            out.push_str(&tag[..name_end]);
            out.push_str(" inert");
            out.push_str(&tag[name_end..]);
        } else {
            out.push_str(tag);
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// The value a control of the form shows: the run's raw text of the field its id or
/// name names (`field-<key>` or `<key>`).
fn field_value<'a>(run: &'a Run, tag: &str) -> Option<&'a str> {
    let id = attr(tag, "id").and_then(|id| id.strip_prefix("field-").map(str::to_string));
    let key = id.or_else(|| attr(tag, "name"))?;
    run.get(FieldId::from_key(&key)?)
}

/// Give every `<input>` bound to a field its value (text) or checked state (radio), and
/// every `<select>` bound to a field its selected option.
fn with_values(html: &str, run: &Run) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    // The value of the <select> being copied, until its </select>.
    let mut selecting: Option<String> = None;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let len = tag_len(rest);
        let tag = &rest[..len];
        let name = tag[1..].split(|c: char| c.is_whitespace() || c == '>' || c == '/').next().unwrap_or("");
        let mut extra = String::new();
        match name {
            "input" => match (attr(tag, "type").as_deref(), field_value(run, tag)) {
                (Some("radio") | Some("checkbox"), Some(v))
                    if attr(tag, "value").as_deref() == Some(v) && attr(tag, "checked").is_none() =>
                {
                    extra.push_str(" checked");
                }
                (Some("radio") | Some("checkbox"), _) => {}
                (_, Some(v)) if attr(tag, "value").is_none() && !v.is_empty() => {
                    extra = format!(" value=\"{}\"", escape_attr(v));
                }
                _ => {}
            },
            "select" => selecting = field_value(run, tag).map(str::to_string),
            "/select" => selecting = None,
            "option" => {
                if let Some(v) = &selecting {
                    if attr(tag, "value").as_deref() == Some(v.as_str()) {
                        extra.push_str(" selected");
                    }
                }
            }
            _ => {}
        }
        if extra.is_empty() {
            out.push_str(tag);
        } else {
            let end = if tag.ends_with("/>") { len - 2 } else { len - 1 };
            out.push_str(&tag[..end]);
            out.push_str(&extra);
            out.push_str(&tag[end..]);
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// The length of the tag (or comment) at the start of `html`, quotes respected.
fn tag_len(html: &str) -> usize {
    if html.starts_with("<!--") {
        return html.find("-->").map_or(html.len(), |i| i + 3);
    }
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The value of attribute `name` in a tag, unescaped enough for ids, names and values.
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    let pattern = format!(" {name}");
    while let Some(i) = rest.find(&pattern) {
        let after = &rest[i + pattern.len()..];
        if let Some(value) = after.strip_prefix("=\"") {
            let end = value.find('"')?;
            return Some(
                value[..end].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"),
            );
        }
        if after.starts_with([' ', '>', '/']) {
            return Some(String::new());
        }
        rest = after;
    }
    None
}

fn escape_attr(v: &str) -> String {
    v.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_get_the_values_of_their_fields() {
        let run = Project::default().active_run().clone();
        let duration = run.get(FieldId::Duration).expect("a duration"); // ok: test
        let hardware = run.get(FieldId::Hardware).expect("a device"); // ok: test
        let html = format!(
            "<div data-app-ready=\"\"><input id=\"field-duration\" type=\"text\"/><select id=\"field-hardware\">\
             <option value=\"x\">X</option><option value=\"{hardware}\">Y</option></select>\
             <input id=\"other\" type=\"text\"></div>"
        );
        let out = with_values(&html, &run);
        assert!(out.contains(&format!("<input id=\"field-duration\" type=\"text\" value=\"{duration}\"/>")), "{out}");
        assert!(out.contains(&format!("<option value=\"{hardware}\" selected>")), "{out}");
        assert!(out.contains("<option value=\"x\">"), "{out}");
        assert!(out.contains("<input id=\"other\" type=\"text\">"), "{out}");
    }

    #[test]
    fn the_shell_is_the_page_without_its_ready_mark() {
        let html = render();
        assert!(html.starts_with("<div id=\"app-shell\""));
        assert!(!html.contains("data-app-ready"));
        assert!(html.contains("data-testid=\"emissions\""));
        assert!(html.contains("Loading your estimate"));
        assert!(html.contains("<form inert"));
        assert!(html.contains("<section inert aria-label=\"Share and save\""));
        assert!(!html.contains("<section inert aria-labelledby=\"results-title\""));
        assert!(html.contains("<input type=\"radio\" name=\"run-kind\" value=\"hardware\" checked"));
    }
}
