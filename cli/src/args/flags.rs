//! The flags of a run's inputs: one per field of the registry that has a
//! `cli` name (and `--days`), with the field's help, unit, accepted keys and
//! default, and a value name from its kind. Adding a field to the registry
//! adds its flag and its help line; what the flag does is [`super::typed`]'s.

use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};
use emissions_core::fields::{self, Field, FieldId, Kind};

/// The one flag of a run that is not a field of the registry: the duration in
/// days (`--hours`, the registry's flag, gives it in hours).
pub const DAYS: &str = "days";

const RUN_HEADING: &str = "Inputs of the run (the web form's fields)";

/// A flag of a run: its name (without `--`) and the field it sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flag {
    pub name: &'static str,
    pub id: FieldId,
}

impl Flag {
    /// `--name`.
    pub fn dashed(self) -> String {
        format!("--{}", self.name)
    }
}

/// The flags of a run's inputs that were given, as typed, in command-line order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RunFlags {
    pub given: Vec<(Flag, String)>,
}

/// Every flag of a run, in the order of the help: the registry's fields that
/// have a flag, with `--days` after `--hours`.
pub fn run_flags() -> Vec<Flag> {
    let mut out = Vec::new();
    for f in fields::ALL.iter().copied() {
        if let Some(name) = f.cli {
            out.push(Flag { name, id: f.id });
            if f.id == FieldId::Duration {
                out.push(Flag { name: DAYS, id: FieldId::Duration });
            }
        }
    }
    out
}

/// The flag of a field (`--devices`); the wire name for a field without one.
pub fn flag_of(id: FieldId) -> String {
    match id.field().cli {
        Some(name) => format!("--{name}"),
        None => id.key().to_string(),
    }
}

/// "NUMBER", "TEXT", "KEY", "ID|NAME": what a flag's value is, from its field's kind.
fn value_name(f: &Field) -> &'static str {
    match f.kind {
        Kind::Number { integer: true, .. } => "N",
        Kind::Number { .. } => "NUMBER",
        Kind::Text { .. } => "TEXT",
        Kind::Choice(_) => "KEY",
        Kind::Id if f.id == FieldId::Region => "PROVIDER:CODE",
        Kind::Id => "ID|NAME",
        Kind::Flag => "0|1",
    }
}

/// The field's help, then its unit, accepted keys and default in clap's style.
fn field_help(f: &Field) -> String {
    let mut help = f.help.to_string();
    if !f.unit.is_empty() {
        help.push_str(&format!(" [unit: {}]", f.unit));
    }
    if let Kind::Choice(options) = f.kind {
        let keys: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
        help.push_str(&format!(" [possible values: {}]", keys.join(", ")));
    }
    let default = match f.id {
        FieldId::Region => format!("{}:{}", fields::PROVIDER.default, f.default),
        FieldId::Pue => "the location's published value".into(),
        // Read only when given: a zone instead of the region; the requests,
        // which the CLI asks for rather than assuming the web form's example.
        FieldId::Zone | FieldId::Requests | FieldId::WhPerRequest | FieldId::Basis => String::new(),
        _ => f.default.to_string(),
    };
    if !default.is_empty() {
        help.push_str(&format!(" [default: {default}]"));
    }
    help
}

fn flag_arg(flag: Flag) -> Arg {
    let f = flag.id.field();
    let (value_name, help) = if flag.name == DAYS {
        ("NUMBER", "The duration in days instead of hours.".to_string())
    } else {
        (value_name(f), field_help(f))
    };
    // Values are taken as they come, even "-2": the field's parser says what is wrong with them.
    Arg::new(flag.name)
        .long(flag.name)
        .value_name(value_name)
        .help(help)
        .action(ArgAction::Set)
        .allow_hyphen_values(true)
}

impl Args for RunFlags {
    fn augment_args(cmd: Command) -> Command {
        run_flags().into_iter().fold(cmd.next_help_heading(RUN_HEADING), |cmd, flag| cmd.arg(flag_arg(flag)))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for RunFlags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut given: Vec<(usize, Flag, String)> = run_flags()
            .into_iter()
            .filter_map(|flag| {
                let value = m.get_one::<String>(flag.name)?;
                Some((m.index_of(flag.name).unwrap_or(0), flag, value.clone()))
            })
            .collect();
        given.sort_by_key(|(index, _, _)| *index);
        Ok(RunFlags { given: given.into_iter().map(|(_, flag, value)| (flag, value)).collect() })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl RunFlags {
    pub(super) fn get(&self, id: FieldId) -> Option<&str> {
        self.given.iter().find(|(f, _)| f.id == id && f.name != DAYS).map(|(_, v)| v.as_str())
    }

    pub(super) fn days(&self) -> Option<&str> {
        self.given.iter().find(|(f, _)| f.name == DAYS).map(|(_, v)| v.as_str())
    }

    pub(super) fn has(&self, id: FieldId) -> bool {
        self.given.iter().any(|(f, _)| f.id == id)
    }

    pub(super) fn first_of(&self, ids: &[FieldId]) -> Option<Flag> {
        self.given.iter().map(|(f, _)| *f).find(|f| ids.contains(&f.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_with_a_cli_name_has_its_flag() {
        let names: Vec<&str> = run_flags().iter().map(|f| f.name).collect();
        for f in fields::ALL {
            assert_eq!(f.cli.is_some_and(|c| names.contains(&c)), f.cli.is_some(), "{}", f.key);
        }
        assert!(names.contains(&DAYS));
    }
}
