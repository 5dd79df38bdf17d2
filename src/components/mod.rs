//! One component per file.

pub mod codecarbon_import;
pub mod hardware_picker;
pub mod host_fields;
pub mod ledger;
pub mod location_picker;
pub mod measured_run;
pub mod number_field;
pub mod number_input;
pub mod phase_chart;
pub mod pue_field;
pub mod region_comparison;
pub mod region_table;
pub mod requests_fields;
pub mod results;
pub mod select_field;
pub mod share_bar;
pub mod source_link;
pub mod statement_import;
pub mod statement_panel;
pub mod summary_bar;
pub mod update_notice;
