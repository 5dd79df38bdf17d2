//! Opening the method view at a place: the worked calculation, a factor
//! table's row (and cell), or what changed in the data. Any component asks
//! with [`Reveal::show`] (the "How is this computed?" buttons, the table-row
//! buttons beside every source); the part of the method view that holds the
//! place opens itself, then [`crate::browser::reveal`] scrolls to it, marks it
//! and moves the focus there.
//!
//! The page address is left alone: its fragment is the permalink (a
//! `#row-…` link would be read as a damaged project link), so these are
//! buttons, not in-page links.

use emissions_core::method::FactorRef;
use leptos::prelude::*;

/// Where to open the method view.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// The worked calculation of the run shown and the project's sums.
    Calculation,
    /// A cell of a factor table: `data/<table>`, row `key`, column `column`.
    Row(FactorRef),
}

/// The place last asked for, numbered so that asking twice for the same place
/// opens it again.
#[derive(Clone, Copy)]
pub struct Reveal(RwSignal<Option<(u64, Place)>>);

impl Reveal {
    /// Provide the handle to every component below.
    pub fn provide() -> Reveal {
        let r = Reveal(RwSignal::new(None));
        provide_context(r);
        r
    }

    /// Open the method view at `place`.
    pub fn show(&self, place: Place) {
        self.0.update(|last| {
            let n = last.as_ref().map_or(0, |(n, _)| n + 1);
            *last = Some((n, place));
        });
    }

    /// The place last asked for (tracked).
    pub fn wanted(&self) -> Option<Place> {
        self.0.with(|w| w.as_ref().map(|(_, p)| p.clone()))
    }
}

/// The handle provided by [`Reveal::provide`].
pub fn use_reveal() -> Reveal {
    expect_context::<Reveal>()
}
