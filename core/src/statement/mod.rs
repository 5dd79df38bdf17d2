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
//! The disclosure targets are filled from the same facts, one file each:
//! [`latex_runs`] (a booktabs table of the runs by phase), [`neurips`] (the
//! NeurIPS checklist's compute item), [`acl`] (ACL's Responsible NLP checklist
//! C1), [`hf_body`] (the model card's "Environmental Impact" section, and a
//! whole card with the YAML front matter), [`climate_card`] (Hershcovich et
//! al.'s climate performance model card), [`eu_ai_act`] (the energy and
//! compute items of the EU AI Act model documentation, a draft) and
//! [`boamps`] (Boavizta's BoAmps JSON report). The figures they share (device-
//! hours, FLOPs, IT energy, sums over groups of phases) are in [`ledger`].
//!
//! Wording rules: emissions are location-based; a provider's carbon-free
//! energy share is reported apart, as a market-based figure that does not
//! change the estimate; measured runs are described as measured.

pub mod acl;
pub mod bibtex;
pub mod boamps;
pub mod climate_card;
pub mod doc;
pub mod escape;
pub mod eu_ai_act;
pub mod facts;
pub mod hf;
pub mod hf_body;
pub mod latex;
pub mod latex_runs;
pub mod ledger;
pub mod markdown;
pub mod neurips;
pub(crate) mod phrases;
mod prose;

pub use doc::{Block, Piece};
pub use facts::{Citation, CloudSite, Facts, InvalidRun, RunCites, RunFacts};
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
