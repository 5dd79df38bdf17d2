//! `ml-emissions`: the calculator's core on the command line.
//!
//! Same data, same validation, same arithmetic and same statements as the
//! web app: it builds the project the web form would hold and renders it.
//! `args` turns the command line into typed arguments, `estimate`, `advise`,
//! `compare` and `list` do the work, and this file only prints and picks the exit status:
//! 0 on success, 2 on bad input (a message on stderr), 1 when the factor
//! tables do not load or the output cannot be written. See docs/cli.md.

mod advise;
mod args;
mod compare;
mod estimate;
mod list;

use args::Parsed;
use emissions_core::Dataset;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Bad input, in words for the user; exit status 2.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage(pub String);

fn main() -> ExitCode {
    let data = match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("ml-emissions: the factor tables do not load: {e}");
            return ExitCode::from(1);
        }
    };
    let done = args::parse(std::env::args_os()).and_then(|parsed| match parsed {
        Parsed::Print(text) => Ok((text, None)),
        Parsed::List(what) => list::run(&what, data).map(|text| (text, None)),
        Parsed::Compare(what) => compare::run(what, data).map(|text| (text, None)),
        Parsed::Advise(raw) => advise::advise(raw, data),
        Parsed::Explain(raw) => advise::explain(raw, data),
        Parsed::Estimate(raw) => {
            let rendered = estimate::run(args::estimate(raw, data)?, data)?;
            Ok((rendered.text, rendered.output))
        }
    });
    match done {
        Ok((text, path)) => write_out(&text, path.as_deref()),
        Err(Usage(msg)) => {
            eprintln!("ml-emissions: {msg}");
            ExitCode::from(2)
        }
    }
}

fn write_out(text: &str, path: Option<&Path>) -> ExitCode {
    let result = match path {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write the output: {e}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ml-emissions: {e}");
            ExitCode::from(1)
        }
    }
}
