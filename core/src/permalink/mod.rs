//! Permalinks and saved sessions: a whole [`Project`] as a short, readable,
//! versioned `key=value&…` string (the URL fragment, and the browser's saved
//! session), and back.
//!
//! ```text
//! v=1&d=2026.11&hardware=nvidia-h100-sxm&devices=8&duration=72&unit=hours&utilization=100
//!    &location=cloud&provider=aws&region=us-east-1&used_intensity=282.5821&used_pue=1.14&used_power=700
//! ```
//!
//! * `v` is the format version, `d` the data version the link was made with.
//! * A one-run project writes its run's keys as they are; a project with several
//!   runs writes `runs=N&active=I` and prefixes each run's keys with `r<i>.`
//!   (`r0.hardware=…&r1.hardware=…`).
//! * A run's keys are the field registry's wire names ([`crate::fields`]), plus
//!   the measurement of a tracked run and the recorded factors ([`keys`]). A key
//!   is written when the estimate uses it, or when its value differs from the
//!   format's default, so a decoded project equals the encoded one exactly.
//! * `used_intensity`, `used_pue` and `used_power` record the table values the
//!   estimate used when the link was made. Opening the link always uses today's
//!   tables; the recorded values only let the notice say which factors changed
//!   ([`factors`]).
//!
//! Decoding is total: any string gives a valid project, with a plain-language
//! notice for everything that could not be read. See `docs/permalinks.md`.

mod decode;
mod encode;
mod factors;
mod keys;

pub use decode::{decode, decode_from};
pub use encode::encode;
pub use keys::v1_default_run;

use crate::project::Project;

/// Version of the link format written by [`encode`].
pub const FORMAT_VERSION: u32 = 1;
/// Longest text kept for any one value (a hostile link cannot freeze the page).
pub const MAX_TEXT_CHARS: usize = 200;
/// Most runs read from one link.
pub const MAX_RUNS: usize = 10_000;
/// Longest input read; the rest is ignored with a notice.
pub const MAX_INPUT_BYTES: usize = 4_000_000;
/// Most notices returned; further ones are counted in a last notice.
pub const MAX_NOTICES: usize = 12;

/// Where a string to decode came from: only changes the wording of notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A permalink (URL fragment).
    Link,
    /// The session saved in this browser.
    Saved,
}

impl Origin {
    fn noun(self) -> &'static str {
        match self {
            Origin::Link => "link",
            Origin::Saved => "saved session",
        }
    }
}

/// The result of decoding: always a valid project.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// At least one run, `active` in range, texts at most [`MAX_TEXT_CHARS`].
    pub project: Project,
    /// Plain-language notices, most important first; empty when everything was read.
    pub notices: Vec<String>,
    /// The data version the link says it was made with.
    pub data_version: Option<String>,
}
