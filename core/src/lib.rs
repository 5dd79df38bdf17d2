//! Pure core of the Machine Learning Emissions Calculator.
//!
//! No web dependencies: it builds and tests natively (`cargo test -p emissions-core`)
//! and is shared by the web app and the command-line tool.

pub mod advice;
pub mod catalog;
pub mod changes;
pub mod codecarbon;
pub mod compare;
pub mod compare_hardware;
pub mod compute;
pub mod data;
pub mod embodied;
pub mod export;
pub mod factor_tables;
pub mod fields;
pub mod form;
pub mod format;
pub mod job;
pub mod lookup;
pub mod method;
pub mod model;
pub mod output;
pub mod permalink;
pub mod project;
pub mod statement;
mod tables;
pub mod text;

pub use data::{Dataset, DATA_VERSION};
pub use form::FormState;
pub use job::{validate, Job};
pub use project::{Phase, Project, Run};

/// Version of the calculator, carried by every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
