//! The command line, from raw arguments to typed ones, validated once
//! (ripgrep's layout: raw arguments, then typed ones).
//!
//! - here: clap's derive describes the commands (`estimate`, `list …`) and
//!   their help, and [`parse`] runs it;
//! - [`flags`]: the `estimate` flags for the inputs of a run, generated from
//!   the field registry (every field whose `cli` is set), with the field's
//!   help, unit and default, so a new field gets its flag without an edit here;
//! - [`typed`]: [`estimate`] turns the raw values into [`EstimateArgs`]: names
//!   are looked up in the tables, composite flags become the fields they set
//!   (`--region aws:us-east-1` sets the location, provider and region), and
//!   every conflict is a message naming the flags. Numbers stay as typed: the
//!   core's validation parses them with the web form's parser and messages;
//! - [`errors`]: clap's usage errors in the tool's words, with "did you mean".

use crate::Usage;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use emissions_core::output::Format;
use emissions_core::{APP_VERSION, DATA_VERSION};
use std::ffi::OsString;
use std::path::PathBuf;

mod errors;
mod flags;
mod typed;

pub use flags::RunFlags;
pub use flags::{flag_of, DAYS};
pub use typed::{estimate, settings, EstimateArgs, Input, JsonSource};

const ABOUT: &str = "\
ml-emissions: carbon footprint of machine-learning training and inference
(the ML Emissions Calculator's core on the command line)";

const USAGE: &str = "\
ml-emissions estimate [OPTIONS]
       ml-emissions advise [OPTIONS]
       ml-emissions explain [OPTIONS]
       ml-emissions compare hardware [OPTIONS]
       ml-emissions compare regions [OPTIONS]
       ml-emissions list hardware [WORDS]...
       ml-emissions list regions [WORDS]...
       ml-emissions list zones [WORDS]...
       ml-emissions list formats
       ml-emissions list changes [WORDS]...
       ml-emissions --help | --version";

const EXAMPLE: &str = "\
Example:
  ml-emissions estimate --hardware \"H100 SXM\" --devices 8 --hours 72 --region aws:us-east-1

Exit status: 0 printed, 1 the output could not be written, 2 bad input (message on stderr).
Documentation: docs/cli.md";

const ESTIMATE_AFTER: &str = "\
Numbers are read like the web form reads them (a percentage may carry its sign: 85%).
Defaults are the web app's: 1 × NVIDIA A100 SXM4 80GB for 24 h at 100 %, in AWS us-east-1.
Any of --cpu, --cpu-cores, --cpu-power, --cpu-usage, --memory adds the host CPU and memory.
--requests estimates from requests × energy per request (phase inference unless --phase).";

const IO_HEADING: &str = "Project, input and output";

#[derive(Parser, Debug)]
#[command(
    name = "ml-emissions",
    about = ABOUT,
    override_usage = USAGE,
    after_help = EXAMPLE,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Estimate one run from flags, or a whole project from an export, and print a statement
    #[command(after_help = ESTIMATE_AFTER, max_term_width = 100)]
    Estimate(RawEstimate),
    /// What would cut the emissions most, ranked, from the project's own numbers
    #[command(after_help = ADVISE_AFTER, max_term_width = 100)]
    Advise(RawAdvise),
    /// The worked calculation: every number substituted, with where it comes from
    #[command(after_help = ESTIMATE_AFTER, max_term_width = 100)]
    Explain(RawAdvise),
    /// The same job elsewhere: on every accelerator, or in every region or grid zone
    #[command(subcommand, max_term_width = 100)]
    Compare(CompareWhat),
    /// List what the options accept (hardware, regions, zones, formats) and the data's changes
    #[command(subcommand, max_term_width = 100)]
    List(ListWhat),
}

/// What `compare` compares.
#[derive(Subcommand, Debug)]
pub enum CompareWhat {
    /// The job's work on every accelerator with a peak throughput, same MFU, devices and place
    #[command(after_help = ESTIMATE_AFTER, max_term_width = 100)]
    Hardware(RawCompareHardware),
    /// The job in every cloud region of its provider, of every provider, or in every grid zone
    #[command(after_help = ESTIMATE_AFTER, max_term_width = 100)]
    Regions(RawCompareRegions),
}

const COMPARE_HEADING: &str = "Comparison";

/// `compare hardware` as given.
#[derive(Args, Debug)]
pub struct RawCompareHardware {
    #[command(flatten)]
    pub run: RunFlags,
    /// Only this vendor's accelerators (NVIDIA, AMD, Intel, Google, AWS, Apple)
    #[arg(long, value_name = "NAME", help_heading = COMPARE_HEADING)]
    pub vendor: Option<String>,
    /// Only this kind: gpu, tpu, accelerator, soc
    #[arg(long, value_name = "KIND", help_heading = COMPARE_HEADING)]
    pub kind: Option<String>,
    /// Only devices with at least this much memory, GB
    #[arg(long = "min-memory", value_name = "GB", help_heading = COMPARE_HEADING)]
    pub min_memory: Option<String>,
    /// Show at most this many rows (cleanest first) [default: 20]
    #[arg(long, value_name = "N", help_heading = COMPARE_HEADING)]
    pub top: Option<String>,
}

/// `compare regions` as given.
#[derive(Args, Debug)]
pub struct RawCompareRegions {
    #[command(flatten)]
    pub run: RunFlags,
    /// provider (the job's provider's regions, default), all (every provider's), zones (countries
    /// and grid zones)
    #[arg(long, value_name = "SCOPE", help_heading = COMPARE_HEADING)]
    pub scope: Option<String>,
    /// Basis of every grid intensity: lifecycle (default) or direct
    #[arg(long = "grid-basis", value_name = "KEY", help_heading = COMPARE_HEADING)]
    pub grid_basis: Option<String>,
    /// Show at most this many rows (cleanest first) [default: 20]
    #[arg(long, value_name = "N", help_heading = COMPARE_HEADING)]
    pub top: Option<String>,
}

#[derive(Subcommand, Debug, Clone, PartialEq)]
pub enum ListWhat {
    /// Hardware ids, names, kinds and power (`list hardware h100`)
    Hardware {
        /// Words that every row shown contains (vendor, name, kind or id)
        words: Vec<String>,
    },
    /// Cloud regions as provider:code (`list regions gcp`)
    Regions {
        /// Words that every row shown contains (provider, code, name or country)
        words: Vec<String>,
    },
    /// Grid zones (countries, sub-national grids) with their intensity and source
    Zones {
        /// Words that every row shown contains (id or name)
        words: Vec<String>,
    },
    /// Output formats and the file names the web app downloads them as
    Formats,
    /// What changed in the tables since the previous data version (`list changes US-VA`)
    Changes {
        /// Words that every change shown contains (table, key, column or note); none: a summary
        words: Vec<String>,
    },
}

/// What `estimate`, `advise` and `explain` read: the run's flags, or a project from
/// CodeCarbon files or an export, and where to write.
#[derive(Args, Debug)]
pub struct RawInput {
    #[command(flatten)]
    pub run: RunFlags,
    /// Project (model) name used in the statement
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, help_heading = IO_HEADING)]
    pub project: Option<String>,
    /// Basis of every grid intensity: lifecycle (default, like for like everywhere) or direct
    /// (combustion or scope 2, where the publisher gives one; lifecycle elsewhere, said so)
    #[arg(long = "grid-basis", value_name = "KEY", allow_hyphen_values = true, help_heading = IO_HEADING)]
    pub grid_basis: Option<String>,
    /// Add the hardware's manufacturing (embodied) share to the headline total; it is always
    /// reported apart
    #[arg(long = "include-embodied", help_heading = IO_HEADING)]
    pub include_embodied: bool,
    /// CodeCarbon emissions.csv files (one or more): one run per run_id, as CodeCarbon measured
    /// it; --phase, --project and --apply-pue may be added
    #[arg(long = "from-codecarbon", value_name = "FILE", num_args = 1.., help_heading = IO_HEADING)]
    pub from_codecarbon: Vec<String>,
    /// With --from-codecarbon: a PUE to apply to runs whose file records CodeCarbon's PUE 1.0
    /// (no data-centre overhead included), e.g. the data centre's published PUE
    #[arg(long = "apply-pue", value_name = "PUE", allow_hyphen_values = true, help_heading = IO_HEADING)]
    pub apply_pue: Option<String>,
    /// An export of the web app or of this tool ('-' reads standard input). It restores a whole
    /// project: only the output options (--format, --output) may be added
    #[arg(long = "from-json", value_name = "FILE", allow_hyphen_values = true, help_heading = IO_HEADING)]
    pub from_json: Option<String>,
    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE", allow_hyphen_values = true, help_heading = IO_HEADING)]
    pub output: Option<PathBuf>,
}

/// `estimate` as given: its inputs and the format to write.
#[derive(Args, Debug)]
pub struct RawEstimate {
    #[command(flatten)]
    pub input: RawInput,
    #[arg(long, value_name = "FORMAT", allow_hyphen_values = true, help = format_help(), help_heading = IO_HEADING)]
    pub format: Option<String>,
}

const ADVISE_AFTER: &str = "\
Each saving is counted from the project as entered, so savings do not add up. Percentages are of the
operational emissions. A provider's carbon-free-energy share is market-based: it is shown apart and
nothing is subtracted for it.";

/// `advise` and `explain` as given: the inputs of `estimate`, without a format.
#[derive(Args, Debug)]
pub struct RawAdvise {
    #[command(flatten)]
    pub input: RawInput,
}

impl RawAdvise {
    /// The same inputs as `estimate` reads them (the text format).
    pub fn into_estimate(self) -> RawEstimate {
        RawEstimate { input: self.input, format: None }
    }
}

fn format_help() -> String {
    let keys: Vec<&str> = Format::ALL.iter().map(|f| f.key()).collect();
    format!("Output format: {} (ml-emissions list formats) [default: text]", keys.join(", "))
}

/// The whole command line, as the program acts on it.
#[derive(Debug)]
pub enum Parsed {
    /// Print this (help, version) and exit 0.
    Print(String),
    Estimate(RawEstimate),
    Advise(RawAdvise),
    Explain(RawAdvise),
    Compare(CompareWhat),
    List(ListWhat),
}

fn command() -> clap::Command {
    Cli::command().version(format!("{APP_VERSION} (data version {DATA_VERSION})"))
}

/// Parse the arguments (the program name first). Help and version are
/// [`Parsed::Print`]; a usage error is a message in the tool's own words.
pub fn parse<I, T>(argv: I) -> Result<Parsed, Usage>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let argv: Vec<OsString> = argv.into_iter().map(Into::into).collect();
    let mut cmd = command();
    let matches = match cmd.try_get_matches_from_mut(&argv) {
        Ok(m) => m,
        Err(e) => return errors::from_clap(e, &argv),
    };
    let cli = Cli::from_arg_matches(&matches).map_err(|e| Usage(e.to_string()))?;
    Ok(match cli.command {
        None => Parsed::Print(cmd.render_help().to_string()),
        Some(Cmd::Estimate(raw)) => Parsed::Estimate(raw),
        Some(Cmd::Advise(raw)) => Parsed::Advise(raw),
        Some(Cmd::Explain(raw)) => Parsed::Explain(raw),
        Some(Cmd::Compare(what)) => Parsed::Compare(what),
        Some(Cmd::List(what)) => Parsed::List(what),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_accepts_the_command_definition() {
        command().debug_assert();
    }

    #[test]
    fn help_and_version_are_printed() {
        for argv in [
            &[][..],
            &["--help"],
            &["-h"],
            &["help"],
            &["estimate", "--help"],
            &["list", "-h"],
            &["help", "list", "zones"],
        ] {
            match parse(std::iter::once("ml-emissions").chain(argv.iter().copied())) {
                Ok(Parsed::Print(text)) => assert!(text.contains("Usage: ml-emissions"), "{argv:?}: {text}"),
                other => panic!("{argv:?}: {other:?}"),
            }
        }
        match parse(["ml-emissions", "--version"]) {
            Ok(Parsed::Print(text)) => {
                assert_eq!(text, format!("ml-emissions {APP_VERSION} (data version {DATA_VERSION})\n"))
            }
            other => panic!("{other:?}"),
        }
    }
}
