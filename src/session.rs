//! The session: the project the page opens with, read once before anything is
//! drawn (a link in the address wins over the session saved in this browser),
//! and the notices about a link or saved session that was not read exactly.
//! The format and its total decoder are in the core (`emissions_core::permalink`,
//! see docs/permalinks.md); the share bar keeps the address and storage up to
//! date afterwards.

use crate::browser;
use emissions_core::data::Dataset;
use emissions_core::permalink::{self, Origin};
use emissions_core::project::Project;

/// Where the session is saved in local storage.
pub const STORAGE_KEY: &str = "ml-emissions-calculator/v1";

/// What was not read exactly in a link or saved session. Shown only as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub heading: &'static str,
    pub items: Vec<String>,
}

/// Decode a link or saved session: always a project, and a notice when something
/// in it could not be read as it was made.
pub fn decode(text: &str, origin: Origin, data: &Dataset) -> (Project, Option<Notice>) {
    let decoded = permalink::decode_from(text, data, origin);
    let notice = (!decoded.notices.is_empty()).then_some(Notice {
        heading: match origin {
            Origin::Link => "About this link",
            Origin::Saved => "About your saved session",
        },
        items: decoded.notices,
    });
    (decoded.project, notice)
}

/// The project to open: the link in the address, else the saved session, else a
/// fresh one.
pub fn initial(data: &Dataset) -> (Project, Option<Notice>) {
    match browser::current_hash() {
        Some(hash) => decode(&hash, Origin::Link, data),
        None => match browser::load(STORAGE_KEY) {
            Some(saved) => decode(&saved, Origin::Saved, data),
            None => (Project::default(), None),
        },
    }
}

/// Save the session (or forget it with `None`).
pub fn save(encoded: Option<&str>) {
    browser::save(STORAGE_KEY, encoded);
}
