//! Paper-ready emissions statements, rendered from an evaluated [`crate::project::Project`].
//!
//! One description of the project ([`Facts`]: every run, its factors with
//! their sources, the totals) is written once as a small document of text
//! pieces ([`doc`], worded in [`phrases`] and [`prose`]) and then rendered to
//! LaTeX, Markdown or plain text, each with its own escaping ([`escape`]). The
//! Hugging Face YAML and BibTeX renderers read the same facts. With one run the
//! statement describes that run; with several it gives the total, a line per
//! phase and a line per run. Formats and their dispatch are in [`crate::output`].
//!
//! Wording rules: emissions are location-based; a provider's carbon-free
//! energy share is reported apart, as a market-based figure that does not
//! change the estimate; measured runs are described as measured.

pub mod bibtex;
pub mod doc;
pub mod escape;
pub mod facts;
pub mod hf;
pub mod latex;
pub mod markdown;
pub(crate) mod phrases;
mod prose;

pub use doc::{Block, Piece};
pub use facts::{Citation, Facts, InvalidRun, RunCites, RunFacts};
use std::fmt;

/// Name of the calculator, as cited.
pub const CALCULATOR_NAME: &str = "ML Emissions Calculator";
/// Public address of the calculator, cited in BibTeX when known (empty: left out).
pub const CALCULATOR_URL: &str = "";

/// Runs described one by one in a statement; a bigger project (say 10,000
/// imported tracker runs) is summarised by phase, and every run stays in the
/// JSON export.
pub const MAX_LISTED_RUNS: usize = 25;

/// Why there is no statement yet.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementError(pub String);

impl fmt::Display for StatementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StatementError {}
