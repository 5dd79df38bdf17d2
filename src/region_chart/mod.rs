//! The region comparison's bar chart, drawn as one SVG string.
//!
//! The chart can hold several hundred bars and must update within a frame, so
//! it is written as one SVG string (every text escaped) and set with `innerHTML`,
//! then patched attribute by attribute while the same locations stay in the same
//! order; the component listens for clicks and keys on its container (event
//! delegation) instead of holding a reactive node per bar.
//!
//! - [`layout`]: what goes where (geometry, label fitting, each bar's values);
//! - [`svg`]: the markup;
//! - `dom` (browser only): drawing into the page, patching, keyboard focus.
//!
//! The first two are plain functions of the comparison, tested natively
//! (`cargo test -p ml-emissions-app`).

pub mod layout;
pub mod svg;

#[cfg(any(target_arch = "wasm32", feature = "shell"))]
pub mod dom;
