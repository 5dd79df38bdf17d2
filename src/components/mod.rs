//! One component per file.

pub mod hardware_picker;
pub mod host_fields;
pub mod location_picker;
pub mod number_field;
pub mod pue_field;
pub mod results;
pub mod source_link;
