//! The comparison bar chart, drawn as one SVG string. One chart serves both
//! dimensions compared: where the job runs (`regions`) and on which hardware
//! (`hardware`).
//!
//! The chart can hold several hundred bars and must update within a frame, so
//! it is written as one SVG string (every text escaped) and set with `innerHTML`,
//! then patched attribute by attribute while the same rows stay in the same
//! order; the component listens for clicks and keys on its container (event
//! delegation) instead of holding a reactive node per bar.
//!
//! - [`layout`]: what goes where (geometry, label fitting, each bar's values),
//!   for any [`layout::Series`] of rows;
//! - [`regions`], [`hardware`]: the two comparisons as series;
//! - [`svg`]: the markup;
//! - `dom` (browser only): drawing into the page, patching, keyboard focus.
//!
//! All but `dom` are plain functions of the comparison, tested natively
//! (`cargo test -p ml-emissions-app`).

pub mod hardware;
pub mod layout;
pub mod regions;
pub mod svg;

#[cfg(any(target_arch = "wasm32", feature = "shell"))]
pub mod dom;
