//! One component per file.
//!
//! Building blocks: `number_input`, `select_field`, `text_field`, `segmented`,
//! `grouped_options` (generic: a value signal and a callback), and `number_field`,
//! `field_select` (bound to one field of the run shown). Everything else is a
//! part of the page, reading the state from context (`crate::state::use_app`).

pub mod advice_card;
pub mod codecarbon_import;
pub mod combobox;
pub mod compute_assumptions;
pub mod compute_fact;
pub mod compute_facts;
pub mod compute_fields;
pub mod data_changes;
pub mod embodied_line;
pub mod equivalents;
pub mod estimate;
pub mod factor_table;
pub mod field_errors;
pub mod field_select;
pub mod grid_fact;
pub mod grouped_options;
pub mod hardware_comparison;
pub mod hardware_picker;
pub mod hardware_table;
pub mod host_fields;
pub mod job_form;
pub mod ledger;
pub mod ledger_row;
pub mod lifetime_field;
pub mod location_picker;
pub mod measured_run;
pub mod method_link;
pub mod method_view;
pub mod number_field;
pub mod number_input;
pub mod outcome_summary;
pub mod phase_chart;
pub mod pue_field;
pub mod region_comparison;
pub mod region_table;
pub mod requests_fields;
pub mod results;
pub mod segmented;
pub mod select_field;
pub mod share_bar;
pub mod source_link;
pub mod statement_import;
pub mod statement_panel;
pub mod summary_bar;
pub mod text_field;
pub mod update_notice;
pub mod worked_calculation;
