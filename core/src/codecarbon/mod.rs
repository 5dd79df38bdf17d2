//! Import of CodeCarbon's `emissions.csv` (the file its tracker writes) into
//! ledger runs, with a report of what was read.
//!
//! - Every row of a `run_id` is the run's totals so far (`tracker.flush()`
//!   appends one), so a run is its last row; rows without a `run_id` are a run each.
//! - Rows with an empty duration, emissions or energy_consumed are skipped and
//!   reported by line; a malformed file (no header, a row of the wrong width, a
//!   value that is not a number) is refused with its line.
//! - Columns are mapped by header name, so every version's file reads; a repeated
//!   header row (files concatenated, even of different versions) starts a new
//!   section. `,`, `;` (with a decimal comma) and tab separators, CRLF and a
//!   byte-order mark are read; lines are the file's real lines.
//! - CodeCarbon's energy already includes its `pue` (1.0 unless set): the value is
//!   kept on the run and stated. On request the location's PUE is applied to runs
//!   the file records at PUE 1.0 (energy and emissions scaled, and said so).
//!   Emissions are CodeCarbon's, in kg, never recomputed from a grid factor.

mod read;
mod runs;

use crate::project::{Phase, Run};
use std::fmt;

/// Largest import accepted, in data rows (over all files): beyond this the page
/// would not stay responsive.
pub const MAX_ROWS: usize = 100_000;

/// Why nothing was imported: a malformed file, named by file and line.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// The file's name as given ("" for [`parse_emissions_csv`]).
    pub file: String,
    /// 1-based line in the file; 0 when the problem is not on one line.
    pub line: usize,
    pub message: String,
}

impl ImportError {
    fn at(line: usize, message: impl Into<String>) -> ImportError {
        ImportError { file: String::new(), line, message: message.into() }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.is_empty(), self.line) {
            (true, 0) => write!(f, "{}", self.message),
            (true, n) => write!(f, "Line {n}: {}", self.message),
            (false, 0) => write!(f, "{}: {}", self.file, self.message),
            (false, n) => write!(f, "{}, line {n}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

/// How to import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// Phase given to every imported run.
    pub phase: Phase,
    /// The location's PUE to apply to runs whose file records CodeCarbon's PUE
    /// 1.0 (no data-centre overhead): their energy and emissions are multiplied
    /// by it and the run records it. None (the default): nothing is applied.
    pub apply_pue: Option<f64>,
}

impl ImportOptions {
    pub fn new(phase: Phase) -> ImportOptions {
        ImportOptions { phase, apply_pue: None }
    }
}

/// One file to import: its name (for provenance and messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// A row of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    pub file: String,
    pub line: usize,
}

/// A data row left out because a value it needs is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    pub file: String,
    pub line: usize,
    /// What is empty, among "duration", "emissions" and "energy".
    pub missing: Vec<&'static str>,
}

impl SkippedRow {
    /// "no emissions or energy".
    pub fn reason(&self) -> String {
        format!("no {}", self.missing.join(" or "))
    }
}

/// The same `run_id` in two files: counted once, from the row with the larger
/// duration (then energy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub run_id: String,
    pub kept: RowRef,
    pub dropped: RowRef,
}

/// Something the user should know about what was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    /// 0 when it is about the whole file or import.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.is_empty(), self.line) {
            (true, 0) => write!(f, "{}", self.message),
            (true, n) => write!(f, "Line {n}: {}", self.message),
            (false, 0) => write!(f, "{}: {}", self.file, self.message),
            (false, n) => write!(f, "{}, line {n}: {}", self.file, self.message),
        }
    }
}

/// What was found in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSummary {
    pub name: String,
    /// Data rows (header rows not counted), usable or skipped.
    pub data_rows: usize,
    /// Runs kept from this file.
    pub runs: usize,
    pub skipped: usize,
    /// Rows merged into a later row of the same run (cumulative flushes).
    pub superseded: usize,
    /// The line of every header row: more than one when files were concatenated.
    pub header_lines: Vec<usize>,
    /// CodeCarbon versions named by the rows (`codecarbon_version`).
    pub versions: Vec<String>,
    pub delimiter: char,
    pub decimal_comma: bool,
    pub bom: bool,
    pub crlf: bool,
}

/// The outcome of an import, for the interface and the command line to show.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub runs: Vec<Run>,
    /// Where each run comes from (the row kept), beside `runs`.
    pub origins: Vec<RowRef>,
    pub files: Vec<FileSummary>,
    pub skipped: Vec<SkippedRow>,
    /// Rows merged into a later row of the same run, over all files.
    pub superseded: usize,
    pub duplicates: Vec<Duplicate>,
    /// Runs whose energy and emissions were scaled by [`ImportOptions::apply_pue`].
    pub pue_applied: usize,
    pub warnings: Vec<Warning>,
}

/// "6–7, 9": consecutive lines as ranges.
pub fn line_ranges(lines: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        parts.push(if j == i { lines[i].to_string() } else { format!("{}–{}", lines[i], lines[j]) });
        i = j + 1;
    }
    parts.join(", ")
}

/// "lines 6–7 have no emissions or energy, b.csv line 9 has no duration".
fn skipped_text(skipped: &[SkippedRow], named: bool) -> String {
    // Group consecutive skipped rows of one file and one reason.
    let mut groups: Vec<(&str, String, Vec<usize>)> = Vec::new();
    for s in skipped {
        let reason = s.reason();
        match groups.last_mut() {
            Some((file, r, lines)) if *file == s.file && *r == reason => lines.push(s.line),
            _ => groups.push((&s.file, reason, vec![s.line])),
        }
    }
    groups
        .iter()
        .map(|(file, reason, lines)| {
            let file = if named && !file.is_empty() { format!("{file} ") } else { String::new() };
            let (noun, verb) = if lines.len() == 1 { ("line", "has") } else { ("lines", "have") };
            format!("{file}{noun} {} {verb} {reason}", line_ranges(lines))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl ImportReport {
    /// One line: "26 runs imported; 2 rows skipped: lines 6–7 have no emissions or energy".
    pub fn summary(&self) -> String {
        let mut parts = vec![crate::text::count(self.runs.len(), "run imported", "runs imported")];
        if self.files.len() > 1 {
            parts[0].push_str(&format!(" from {} files", self.files.len()));
        }
        if !self.skipped.is_empty() {
            parts.push(format!(
                "{} skipped: {}",
                crate::text::count(self.skipped.len(), "row", "rows"),
                skipped_text(&self.skipped, self.files.len() > 1)
            ));
        }
        if self.superseded > 0 {
            parts.push(format!(
                "{} merged into the last row of {} (CodeCarbon's rows are running totals)",
                crate::text::count(self.superseded, "cumulative row", "cumulative rows"),
                if self.superseded == 1 { "its run" } else { "their run" }
            ));
        }
        if !self.duplicates.is_empty() {
            parts.push(format!(
                "{} in more than one file, counted once",
                crate::text::count(self.duplicates.len(), "run_id", "run_ids")
            ));
        }
        if let (Some(p), true) = (self.pue_applied_value(), self.pue_applied > 0) {
            parts.push(format!(
                "PUE {} applied to {} recorded at CodeCarbon's PUE 1.0",
                crate::format::plain(p),
                crate::text::count(self.pue_applied, "run", "runs")
            ));
        }
        parts.join("; ")
    }

    fn pue_applied_value(&self) -> Option<f64> {
        self.runs.iter().filter_map(Run::measured).find_map(|m| m.pue_applied)
    }

    /// Energy (kWh), emissions (kg) and duration (h) over every run.
    pub fn totals(&self) -> (f64, f64, f64) {
        self.runs
            .iter()
            .filter_map(Run::measured)
            .fold((0.0, 0.0, 0.0), |(e, c, h), m| (e + m.energy_kwh, c + m.emissions_kg, h + m.duration_h))
    }
}

/// Import one file. `file_name` names it in every run's source and message ("" for none).
pub fn import(text: &str, file_name: &str, options: &ImportOptions) -> Result<ImportReport, ImportError> {
    import_files(&[SourceFile { name: file_name, text }], options)
}

/// Import several files at once (the same `run_id` in two files is one run).
/// All or nothing for malformed files; rows that only lack values are skipped
/// and reported.
pub fn import_files(files: &[SourceFile], options: &ImportOptions) -> Result<ImportReport, ImportError> {
    if let Some(p) = options.apply_pue {
        if !(1.0..=3.0).contains(&p) {
            return Err(ImportError::at(0, "the PUE to apply must be between 1 and 3"));
        }
    }
    if files.is_empty() {
        return Err(ImportError::at(0, "no file to import"));
    }
    let names: Vec<String> = files.iter().map(|f| f.name.to_string()).collect();
    let mut read = Vec::with_capacity(files.len());
    let mut rows_before = 0;
    let mut warnings = Vec::new();
    for file in files {
        let rows = read::read_file(file.name, file.text, rows_before)?;
        rows_before += rows.data_rows;
        read.push(rows);
    }
    let mut summaries: Vec<FileSummary> = Vec::with_capacity(files.len());
    let mut skipped = Vec::new();
    let mut no_pue_column = 0;
    for (name, r) in names.iter().zip(&mut read) {
        if r.data_rows == 0 {
            warnings.push(Warning { file: name.clone(), line: 0, message: "the file has a header but no rows".into() });
        }
        no_pue_column += r.rows_without_pue_column;
        summaries.push(FileSummary {
            name: name.clone(),
            data_rows: r.data_rows,
            runs: 0,
            skipped: r.skipped.len(),
            superseded: 0,
            header_lines: std::mem::take(&mut r.header_lines),
            versions: std::mem::take(&mut r.versions),
            delimiter: r.delimiter,
            decimal_comma: r.decimal_comma,
            bom: r.bom,
            crlf: r.crlf,
        });
        skipped.append(&mut r.skipped);
        warnings.append(&mut r.notices);
    }
    let merged = runs::merge(&names, read);
    warnings.extend(merged.warnings);
    for (s, n) in summaries.iter_mut().zip(&merged.superseded) {
        s.superseded = *n;
    }
    for (f, _) in &merged.kept {
        summaries[*f].runs += 1;
    }
    if merged.kept.is_empty() {
        let total_rows: usize = summaries.iter().map(|s| s.data_rows).sum();
        let message = if total_rows == 0 {
            "the file has a header but no runs".to_string()
        } else {
            format!("no usable rows: {}", skipped_text(&skipped, files.len() > 1))
        };
        let file = if files.len() == 1 { names[0].clone() } else { String::new() };
        return Err(ImportError { file, line: 0, message });
    }
    let superseded = merged.superseded.iter().sum();
    let (runs, origins, pue_applied) = runs::build(&names, merged.kept, options);

    let measured = || runs.iter().filter_map(Run::measured);
    let at_one = measured().filter(|m| m.pue == Some(1.0) && m.pue_applied.is_none()).count();
    let unknown = measured().filter(|m| m.pue.is_none()).count();
    if at_one > 0 {
        let what = if options.apply_pue.is_some() { "" } else { " (the location's PUE can be applied on import)" };
        warnings.push(Warning {
            file: String::new(),
            line: 0,
            message: format!(
                "{} recorded with CodeCarbon's PUE 1.0: {} energy includes no data-centre overhead{what}",
                crate::text::count(at_one, "run is", "runs are"),
                if at_one == 1 { "its" } else { "their" }
            ),
        });
    }
    if unknown > 0 {
        let cause = if no_pue_column > 0 { "no pue column (an older CodeCarbon)" } else { "no pue value" };
        warnings.push(Warning {
            file: String::new(),
            line: 0,
            message: format!(
                "{} {cause}: whether the energy includes a data-centre overhead is unknown{}",
                crate::text::count(unknown, "run has", "runs have"),
                match (options.apply_pue.is_some(), unknown == 1) {
                    (false, _) => "",
                    (true, true) => ", so no PUE was applied to it",
                    (true, false) => ", so no PUE was applied to them",
                }
            ),
        });
    }
    Ok(ImportReport {
        runs,
        origins,
        files: summaries,
        skipped,
        superseded,
        duplicates: merged.duplicates,
        pue_applied,
        warnings,
    })
}

/// The runs of one file, as the interface has called it so far: merged by
/// `run_id`, empty rows skipped (see [`import`] for the report).
pub fn parse_emissions_csv(text: &str, phase: Phase) -> Result<Vec<Run>, ImportError> {
    import(text, "", &ImportOptions::new(phase)).map(|r| r.runs)
}

#[cfg(test)]
mod tests;
