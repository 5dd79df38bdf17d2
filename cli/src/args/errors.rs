//! clap's usage errors in the tool's own words: the messages the tests and the
//! docs quote ("unknown option “--devcies”; did you mean --devices?"), each
//! with a pointer to the right `--help`. Other errors keep clap's wording.

use super::{command, Parsed};
use crate::Usage;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::Command;
use emissions_core::{lookup, text};
use std::ffi::OsString;

/// The subcommand names given before the error ("estimate", or "list"), for hints.
fn command_path(argv: &[OsString]) -> (String, Command) {
    let mut cmd = command();
    let mut path = String::from("ml-emissions");
    for arg in argv.iter().skip(1).filter_map(|a| a.to_str()) {
        match cmd.find_subcommand(arg) {
            Some(sub) => {
                path = format!("{path} {arg}");
                let sub = sub.clone();
                cmd = sub;
            }
            None => break,
        }
    }
    (path, cmd)
}

/// clap's usage errors, in the tool's words (the messages that the tests and
/// docs quote); any other error in clap's.
pub(super) fn from_clap(e: clap::Error, argv: &[OsString]) -> Result<Parsed, Usage> {
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    // "--devices <N>" → "--devices".
    let arg = || context(ContextKind::InvalidArg).map(|a| a.split(' ').next().unwrap_or_default().to_string());
    let (path, cmd) = command_path(argv);
    let see = format!("(see: {path} --help)");
    let msg = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return Ok(Parsed::Print(e.render().to_string())),
        ErrorKind::UnknownArgument => match arg() {
            Some(a) if a.starts_with('-') => {
                let close: Vec<String> = context(ContextKind::SuggestedArg).into_iter().collect();
                format!("unknown option “{a}”{}\n{see}", did_you_mean(&close))
            }
            Some(a) if path.ends_with(" estimate") => {
                format!("unexpected argument “{}”: values follow an option, e.g. --devices 8\n{see}", text::clean(&a))
            }
            Some(a) => format!("unexpected argument “{}”\n{see}", text::clean(&a)),
            None => format!("unexpected argument\n{see}"),
        },
        ErrorKind::InvalidSubcommand
        | ErrorKind::MissingSubcommand
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).filter(|n| *n != "help").collect();
            let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
            let choices = or_list(&quoted);
            match context(ContextKind::InvalidSubcommand) {
                Some(sub) if e.kind() == ErrorKind::InvalidSubcommand => {
                    let close: Vec<String> = context(ContextKind::SuggestedSubcommand).into_iter().collect();
                    format!(
                        "unknown command “{}”: use {choices}{} (see: {path} --help)",
                        text::clean(&sub),
                        did_you_mean(&close)
                    )
                }
                _ => {
                    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                    format!("{} what? {}", path.trim_start_matches("ml-emissions "), or_list(&names))
                }
            }
        }
        ErrorKind::ArgumentConflict => {
            let a = arg().unwrap_or_default();
            let prior = context(ContextKind::PriorArg).map(|p| p.split(' ').next().unwrap_or_default().to_string());
            match prior {
                Some(p) if p != a => format!("{a} cannot be used with {p}"),
                _ => format!("{a} is given twice"),
            }
        }
        ErrorKind::InvalidValue if context(ContextKind::InvalidValue).is_some_and(|v| v.is_empty()) => {
            format!("{} needs a value", arg().unwrap_or_default())
        }
        _ => {
            let rendered = e.render().to_string();
            rendered.trim_start_matches("error: ").trim_end().to_string()
        }
    };
    Err(Usage(msg))
}

/// "; did you mean a, b?" or nothing.
pub fn did_you_mean<S: AsRef<str>>(close: &[S]) -> String {
    if close.is_empty() {
        String::new()
    } else {
        let close: Vec<&str> = close.iter().map(AsRef::as_ref).collect();
        format!("; did you mean {}?", close.join(", "))
    }
}

/// The key a mistyped value was most likely meant to be: at most one edit in
/// three characters away ("lattex" → latex, but not "pdf" → hf).
pub(super) fn suggest<'k>(value: &str, keys: &[&'k str]) -> Vec<&'k str> {
    let value = value.trim().to_lowercase();
    let limit = (value.chars().count() / 3).max(1);
    let best = keys.iter().map(|k| (lookup::distance(&value, k), *k)).min();
    best.filter(|(d, _)| *d <= limit).map(|(_, k)| k).into_iter().collect()
}

/// "a, b or c".
pub(super) fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn usage_of(argv: &[&str]) -> String {
        match parse(std::iter::once("ml-emissions").chain(argv.iter().copied())) {
            Ok(ok) => panic!("{argv:?} gave {ok:?}"),
            Err(Usage(e)) => e,
        }
    }

    #[test]
    fn clap_errors_in_the_tools_words() {
        assert_eq!(
            usage_of(&["estimate", "--devcies", "8"]),
            "unknown option “--devcies”; did you mean --devices?\n(see: ml-emissions estimate --help)"
        );
        assert_eq!(usage_of(&["estimate", "--devices"]), "--devices needs a value");
        assert_eq!(usage_of(&["estimate", "--devices", "1", "--devices=2"]), "--devices is given twice");
        assert_eq!(
            usage_of(&["estimate", "8"]),
            "unexpected argument “8”: values follow an option, e.g. --devices 8\n(see: ml-emissions estimate --help)"
        );
        assert_eq!(
            usage_of(&["frobnicate"]),
            "unknown command “frobnicate”: use 'estimate', 'advise', 'explain', 'compare' or 'list' (see: ml-emissions --help)"
        );
        assert_eq!(
            usage_of(&["list", "zone"]),
            "unknown command “zone”: use 'hardware', 'regions', 'zones', 'formats' or 'changes'; did you mean zones? (see: ml-emissions list --help)"
        );
        assert_eq!(usage_of(&["list"]), "list what? hardware, regions, zones, formats or changes");
    }
}
