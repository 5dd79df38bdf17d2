//! The import half of the export: a file (or pasted text) back into a project.
//!
//! The file is untrusted. Every way it can be wrong is one message for the
//! user, and a value of the wrong kind is named where it is: the run (number
//! and label) and the field (its wire key and its label in the form). A value
//! that can be recovered without guessing is read: a number where the form
//! keeps text (`"devices": 8`, from hand-edited or older files) is read as its
//! text, a number written as text where a measurement expects a number is read
//! as that number, and older wire names (`utilization_pct`, …) are read as the
//! field they name. See `docs/export-schema.md`, "Import".
//!
//! Longer than 450 lines because every way an untrusted file can be wrong has its own message here,
//! next to the reading it guards; the messages are the point of the module.

use super::{MAX_IMPORT_BYTES, MAX_RUNS, MAX_TEXT_CHARS, SCHEMA, SCHEMA_VERSION};
use crate::data::{Basis, Dataset};
use crate::fields::{self, Field, Kind};
use crate::form::{FormState, CUSTOM, NO_ACCELERATOR};
use crate::format;
use crate::job::Errors;
use crate::project::{self, Detail, Project, Run, RunOutcome, MAX_MEASURED};
use crate::text::{self, quote};
use crate::DATA_VERSION;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// A project read from an export, with notes for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub project: Project,
    /// For example: the file was made with another data version, and which
    /// factors changed since.
    pub notes: Vec<String>,
}

/// Why a file could not be imported, in words for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

fn err<T>(msg: impl Into<String>) -> Result<T, ImportError> {
    Err(ImportError(msg.into()))
}

/// Short, one-line excerpt of untrusted text for a message.
fn excerpt(s: &str) -> String {
    text::clip(&text::clean(s), 40)
}

/// "850 kB", "19.7 MB": a size in the unit that reads best (decimal units).
fn size_text(bytes: u64) -> String {
    let b = bytes as f64;
    if b < 1e6 {
        format!("{} kB", format::fixed(b / 1e3, 1))
    } else {
        format!("{} MB", format::fixed(b / 1e6, 1))
    }
}

/// Whether a file of `bytes` bytes can be imported; the message gives its real
/// size. Call it before reading a file (the web app with `File.size`, the
/// command line with the file's length or the byte count of its input);
/// [`import_json`] calls it on the text too.
pub fn check_size(bytes: u64) -> Result<(), ImportError> {
    let max = MAX_IMPORT_BYTES as u64;
    if bytes <= max {
        return Ok(());
    }
    let (size, limit) = match (size_text(bytes), size_text(max)) {
        // Just over the limit: rounded, both would read "100 MB".
        (s, l) if s == l => {
            (format!("{} bytes", format::plain(bytes as f64)), format!("{} bytes", format::plain(max as f64)))
        }
        pair => pair,
    };
    err(format!(
        "This file is too large ({size}): an export of this calculator is at most {limit} (a project of up to {} runs).",
        format::plain(MAX_RUNS as f64)
    ))
}

/// The longest string anywhere in `v`, in characters.
fn longest_text(v: &Value) -> usize {
    match v {
        Value::String(s) => s.chars().count(),
        Value::Array(a) => a.iter().map(longest_text).max().unwrap_or(0),
        Value::Object(o) => o.iter().map(|(k, v)| k.chars().count().max(longest_text(v))).max().unwrap_or(0),
        _ => 0,
    }
}

/// Read an export (file or pasted text) back into a project, comparing the
/// factors it recorded with the embedded tables.
pub fn import_json(text: &str) -> Result<Imported, ImportError> {
    read(text, Dataset::embedded().ok())
}

/// [`import_json`] against these tables.
pub fn import_json_with(text: &str, data: &Dataset) -> Result<Imported, ImportError> {
    read(text, Some(data))
}

fn read(text: &str, data: Option<&Dataset>) -> Result<Imported, ImportError> {
    check_size(text.len() as u64)?;
    let text = text.trim_start_matches('\u{FEFF}').trim();
    if text.is_empty() {
        return err("Nothing to import: choose an exported .json file or paste its content.");
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return err(format!(
                "This is not valid JSON (line {}, column {}): {}. Import a file exported by this calculator (emissions-estimate.json).",
                e.line(),
                e.column(),
                excerpt(e.to_string().split(" at line").next().unwrap_or("syntax error"))
            ))
        }
    };
    let Value::Object(mut obj) = value else {
        return err("This JSON is not an export of this calculator: it should be an object with \"schema\", \"schema_version\" and \"project\".");
    };
    match obj.get("schema") {
        Some(Value::String(s)) if s == SCHEMA => {}
        Some(Value::String(s)) => {
            return err(format!(
                "This JSON is not an export of this calculator: its schema is “{}”, expected “{SCHEMA}”.",
                excerpt(s)
            ))
        }
        _ => return err(format!("This JSON is not an export of this calculator: it has no \"schema\": \"{SCHEMA}\".")),
    }
    match obj.get("schema_version").and_then(Value::as_u64) {
        Some(SCHEMA_VERSION) => {}
        Some(v) if v > SCHEMA_VERSION => {
            return err(format!(
                "This file was written by a newer version of the calculator (schema version {v}); this one reads version {SCHEMA_VERSION}. Update the calculator, or export again with this version."
            ))
        }
        _ => return err(format!("This export has no valid \"schema_version\" (expected {SCHEMA_VERSION}).")),
    }
    let Some(project_value) = obj.remove("project") else {
        return err("This export has no \"project\": there is nothing to restore.");
    };
    if !project_value.is_object() {
        return err("The \"project\" in this export is not an object.");
    }
    if longest_text(&project_value) > MAX_TEXT_CHARS {
        return err(format!(
            "A text in this export is longer than {MAX_TEXT_CHARS} characters: it was not written by this calculator."
        ));
    }
    let project = read_project(project_value)?;

    let mut notes = Vec::new();
    let data_version = obj.get("data_version").and_then(Value::as_str);
    match data_version {
        Some(v) if v == DATA_VERSION => {}
        Some(v) => notes.push(format!(
            "This export was made with data version {}; the numbers are recomputed with data version {DATA_VERSION}, so they may differ.",
            excerpt(v)
        )),
        None => notes.push(format!("This export names no data version; the numbers are computed with data version {DATA_VERSION}.")),
    }
    if data_version != Some(DATA_VERSION) {
        if let Some(data) = data {
            notes.extend(factor_notes(&project, obj.get("results"), data, data_version.is_some()));
        }
    }
    Ok(Imported { project, notes })
}

// ---------------------------------------------------------------------------
// The project, value by value.

/// What a value of the file should be.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Text, as typed (with an example for the message); a number is read as its text.
    Text(&'static str),
    /// One of these keys.
    Choice(&'static [(&'static str, &'static str)]),
    /// true or false.
    Flag,
    /// A number; text holding a finite number is read as that number.
    Number,
    /// An object, or null for none.
    OptionalObject,
    /// A whole number from 0.
    Index,
}

/// The grid bases a project can name ([`Basis`] keys).
const GRID_BASES: &[(&str, &str)] = &[("lifecycle", "lifecycle"), ("direct", "direct")];

impl Expect {
    fn of(f: &Field) -> Expect {
        match f.kind {
            Kind::Number { .. } => Expect::Text(if f.default.is_empty() { "1" } else { f.default }),
            Kind::Text { .. } | Kind::Id => Expect::Text(f.default),
            Kind::Choice(options) => Expect::Choice(options),
            Kind::Flag => Expect::Flag,
        }
    }

    fn describe(self) -> String {
        match self {
            Expect::Text("") => "expected text".into(),
            Expect::Text(example) => format!("expected text such as \"{example}\""),
            Expect::Choice(options) => format!(
                "expected one of {}",
                options.iter().map(|(k, _)| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")
            ),
            Expect::Flag => "expected true or false".into(),
            Expect::Number => "expected a number such as 1.5".into(),
            Expect::OptionalObject => "expected an object (or null)".into(),
            Expect::Index => "expected a whole number such as 0".into(),
        }
    }
}

/// A value of the file in words: "a number 8", "text “abc”", "true".
fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("a number {n}"),
        Value::String(s) => format!("text {}", quote(s, 24)),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Check `v` against `expect`, converting a recoverable value in place; the
/// message fragment ("expected …, found …") when it is wrong.
fn check(v: &mut Value, expect: Expect) -> Result<(), String> {
    let (ok, replacement) = match (expect, &*v) {
        (Expect::Text(_), Value::String(_)) => (true, None),
        (Expect::Text(_), Value::Number(n)) => (true, Some(Value::String(n.to_string()))),
        (Expect::Choice(options), Value::String(s)) => (options.iter().any(|(k, _)| k == s), None),
        (Expect::Flag, Value::Bool(_)) => (true, None),
        (Expect::Number, Value::Number(_)) => (true, None),
        (Expect::Number, Value::String(s)) => match s.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => (true, Some(Value::from(x))),
            _ => (false, None),
        },
        (Expect::OptionalObject, Value::Object(_) | Value::Null) => (true, None),
        (Expect::Index, Value::Number(n)) if n.is_u64() => (true, None),
        _ => (false, None),
    };
    if let Some(r) = replacement {
        *v = r;
    }
    if ok {
        Ok(())
    } else {
        Err(format!("{}, found {}", expect.describe(), found(v)))
    }
}

/// Problems found so far: the first few are listed, the rest counted.
#[derive(Default)]
struct Problems {
    list: Vec<String>,
    more: usize,
}

const MAX_PROBLEMS_LISTED: usize = 3;

impl Problems {
    fn push(&mut self, p: String) {
        if self.list.len() < MAX_PROBLEMS_LISTED {
            self.list.push(p);
        } else {
            self.more += 1;
        }
    }

    /// Check the value at `key` of `obj`, if there is one; `name` is how the
    /// message names the field ("devices (Number of devices)").
    fn check(&mut self, who: &str, obj: &mut Map<String, Value>, key: &str, name: &str, expect: Expect) -> bool {
        match obj.get_mut(key) {
            None => true,
            Some(v) => match check(v, expect) {
                Ok(()) => true,
                Err(m) => {
                    self.push(format!("{who}: {name}: {m}."));
                    false
                }
            },
        }
    }

    fn into_error(self) -> Result<(), ImportError> {
        if self.list.is_empty() {
            return Ok(());
        }
        let more = match self.more {
            0 => String::new(),
            n => format!(" …and {} more {}.", format::plain(n as f64), text::plural(n, "problem", "problems")),
        };
        err(format!("The project in this export cannot be read: {}{more}", self.list.join(" ")))
    }
}

/// "devices (Number of devices)".
fn named(key: &str, label: &str) -> String {
    format!("{key} ({label})")
}

fn read_project(value: Value) -> Result<Project, ImportError> {
    let Value::Object(mut p) = value else {
        return err("The \"project\" in this export is not an object.");
    };
    let mut problems = Problems::default();
    let who = "The project";
    problems.check(who, &mut p, "name", &named("name", "project name"), Expect::Text(""));
    problems.check(who, &mut p, "grid_basis", &named("grid_basis", "grid basis"), Expect::Choice(GRID_BASES));
    problems.check(who, &mut p, "active", &named("active", "the run shown"), Expect::Index);
    let mut runs = match p.remove("runs") {
        None => return err("The project in this export has no \"runs\": there is nothing to restore."),
        Some(Value::Array(runs)) => runs,
        Some(other) => {
            return err(format!(
                "The project in this export cannot be read: {who}: runs: expected a list of runs, found {}.",
                found(&other)
            ))
        }
    };
    if runs.is_empty() {
        return err("The project in this export has no runs (\"runs\" is empty): there is nothing to restore. A project has at least one run.");
    }
    if runs.len() > MAX_RUNS {
        return err(format!(
            "This export has {} runs; a project holds at most {} runs, so it cannot be imported.",
            format::plain(runs.len() as f64),
            format::plain(MAX_RUNS as f64)
        ));
    }
    for (i, run) in runs.iter_mut().enumerate() {
        read_run(i, run, &mut problems);
    }
    problems.into_error()?;

    let runs = runs
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            // Every value was checked above: serde cannot fail on what is left,
            // but if it does the message still names the run.
            serde_json::from_value::<Run>(v).map_err(|e| {
                ImportError(format!(
                    "The project in this export cannot be read: Run {}: {}.",
                    i + 1,
                    text::clip(&text::clean(&e.to_string()), 160)
                ))
            })
        })
        .collect::<Result<Vec<Run>, ImportError>>()?;
    let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
    let basis = p.get("grid_basis").and_then(Value::as_str).and_then(Basis::from_key).unwrap_or_default();
    // Out of range (or too large for this machine): the first run is shown.
    let active = p.get("active").and_then(Value::as_u64).map_or(0, |a| usize::try_from(a).unwrap_or(usize::MAX));
    let mut project = Project::new(name, runs, active);
    project.grid_basis = basis;
    Ok(project)
}

/// Check one run (`i` from 0) in place: its values of the wrong kind become
/// problems, recoverable ones are converted, older field names renamed.
fn read_run(i: usize, v: &mut Value, problems: &mut Problems) {
    let Value::Object(run) = v else {
        problems.push(format!("Run {}: expected an object (one run of the ledger), found {}.", i + 1, found(v)));
        return;
    };
    let n = i + 1;
    let label_ok = problems.check(
        &format!("Run {n}"),
        run,
        "label",
        &named("label", fields::LABEL.label),
        Expect::of(&fields::LABEL),
    );
    let who = match run.get("label") {
        _ if !label_ok => format!("Run {n}"),
        Some(Value::String(l)) => format!("Run {n} ({})", quote(l, 40)),
        _ => format!("Run {n} ({})", quote(fields::LABEL.default, 40)),
    };
    for f in [&fields::PHASE, &fields::REPEAT] {
        problems.check(&who, run, f.key, &named(f.key, f.label), Expect::of(f));
    }
    match run.get_mut("form") {
        None => {}
        Some(Value::Object(form)) => read_form(&who, form, problems),
        Some(other) => {
            problems.push(format!("{who}: form: expected an object (the calculator's inputs), found {}.", found(other)))
        }
    }
    if problems.check(&who, run, "measured", "measured", Expect::OptionalObject) {
        if let Some(Value::Object(m)) = run.get_mut("measured") {
            read_measured(&who, m, problems);
        }
    }
    if problems.check(&who, run, "per_request", "per_request", Expect::OptionalObject) {
        if let Some(Value::Object(pr)) = run.get_mut("per_request") {
            for f in [&fields::REQUESTS, &fields::WH_PER_REQUEST, &fields::BASIS] {
                problems.check(&who, pr, f.key, &named(&format!("per_request.{}", f.key), f.label), Expect::of(f));
            }
        }
    }
}

/// The fields of the calculator form, each under its wire key or an older name.
fn read_form(who: &str, form: &mut Map<String, Value>, problems: &mut Problems) {
    let defaults = FormState::default();
    for f in fields::ALL.iter().filter(|f| defaults.get(f.id).is_some()) {
        for key in std::iter::once(&f.key).chain(f.aliases) {
            problems.check(who, form, key, &named(key, f.label), Expect::of(f));
        }
        // An older name is read as the field; beside the current one it is ignored.
        for alias in f.aliases {
            if let Some(v) = form.remove(*alias) {
                form.entry(f.key.to_string()).or_insert(v);
            }
        }
    }
}

/// A tracker's measurement: three numbers within bounds and three texts.
fn read_measured(who: &str, m: &mut Map<String, Value>, problems: &mut Problems) {
    for (key, label) in [
        ("energy_kwh", "measured energy, kWh"),
        ("emissions_kg", "measured emissions, kg CO2eq"),
        ("duration_h", "measured duration, h"),
    ] {
        let name = named(&format!("measured.{key}"), label);
        if !m.contains_key(key) {
            problems.push(format!("{who}: {name}: missing (a measured run has its energy, emissions and duration)."));
        } else if problems.check(who, m, key, &name, Expect::Number) {
            let v = m.get(key).and_then(Value::as_f64).unwrap_or(f64::NAN);
            if !(v.is_finite() && (0.0..=MAX_MEASURED).contains(&v)) {
                problems.push(format!(
                    "{who}: {name}: expected a number between 0 and {}, found {}.",
                    format::plain(MAX_MEASURED),
                    found(&m[key])
                ));
            }
        }
    }
    for (key, label) in
        [("source", "measured by"), ("location", "measured location"), ("hardware", "measured hardware")]
    {
        if !m.contains_key(key) {
            m.insert(key.into(), Value::String(String::new()));
        }
        problems.check(who, m, key, &named(&format!("measured.{key}"), label), Expect::Text(""));
    }
}

// ---------------------------------------------------------------------------
// Factors recorded in the file against today's tables.

/// Most groups of runs listed in the notes; the other runs are counted.
const MAX_CHANGE_LINES: usize = 10;

/// The table values an export recorded for one run (`results.runs[i]`).
#[derive(Default)]
struct Recorded {
    intensity: Option<f64>,
    pue: Option<f64>,
    power: Option<f64>,
}

fn recorded(entry: &Value) -> Recorded {
    let num = |v: &Value, path: &[&str]| path.iter().try_fold(v, |v, k| v.get(k)).and_then(Value::as_f64);
    if let Some(f) = entry.get("factors") {
        Recorded {
            intensity: num(f, &["grid", "intensity_g_per_kwh"]),
            pue: num(f, &["pue", "value"]),
            power: num(f, &["hardware", "power_w"]),
        }
    } else if let Some(r) = entry.get("per_request") {
        Recorded { intensity: num(r, &["grid", "intensity_g_per_kwh"]), pue: num(r, &["pue", "value"]), power: None }
    } else {
        Recorded::default()
    }
}

/// Today's table values for one run (values typed by the user are not table
/// values: they cannot have changed), each with what it describes.
fn today(outcome: &Result<RunOutcome, Errors>) -> [Option<(f64, String)>; 3] {
    let site = |l: &crate::job::LocationUse, p: &crate::job::PueUse| {
        [
            l.source.as_ref().map(|_| (l.intensity_g_per_kwh, format!("grid intensity of {}", l.label))),
            p.source.as_ref().map(|_| (p.value, format!("PUE ({})", p.label))),
        ]
    };
    match outcome.as_ref().map(|o| &o.detail) {
        Ok(Detail::Estimated { job, .. }) => {
            let [intensity, pue] = site(&job.location, &job.pue);
            let h = &job.hardware;
            let table_device = job.devices > 0 && h.id != CUSTOM && h.id != NO_ACCELERATOR && h.source.is_some();
            [intensity, pue, table_device.then(|| (h.power_w, format!("power of the {}", h.name)))]
        }
        Ok(Detail::Requests(r)) => {
            let [intensity, pue] = site(&r.location, &r.pue);
            [intensity, pue, None]
        }
        _ => [None, None, None],
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// "Run 3 (“Sweep”): ", "Runs 1, 2 and 5: ", "Runs 1, 2, 3 and 9,997 more: ".
fn runs_lead(project: &Project, runs: &[usize]) -> String {
    match runs {
        [] => String::new(),
        [i] => format!("Run {} ({}): ", i + 1, quote(project.runs()[*i].label.as_str(), 40)),
        _ => {
            let shown = runs.len().min(3);
            let numbers: Vec<String> = runs[..shown].iter().map(|i| format::plain((i + 1) as f64)).collect();
            if runs.len() > shown {
                format!("Runs {} and {} more: ", numbers.join(", "), format::plain((runs.len() - shown) as f64))
            } else {
                let (last, first) = numbers.split_last().expect("two or three runs");
                format!("Runs {} and {last}: ", first.join(", "))
            }
        }
    }
}

/// Notes comparing the grid intensity, PUE and device power the file recorded
/// (`results.runs[i]`) with today's evaluation of the same inputs, in the
/// words of the permalink notices. Runs with the same changes share a line.
fn factor_notes(project: &Project, results: Option<&Value>, data: &Dataset, named_version: bool) -> Vec<String> {
    let Some(entries) = results.and_then(|r| r.get("runs")).and_then(Value::as_array) else {
        return Vec::new();
    };
    let totals = project::evaluate(project, data);
    let mut compared = 0usize;
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (position, entry) in entries.iter().enumerate() {
        let i = entry.get("index").and_then(Value::as_u64).map_or(position, |i| i as usize);
        let Some(outcome) = totals.runs.get(i) else { continue };
        let then = recorded(entry);
        let [intensity, pue, power] = today(outcome);
        let mut diffs = Vec::new();
        let mut any = false;
        for (then, now, unit) in [
            (then.intensity, intensity, fields::CUSTOM_INTENSITY.unit),
            (then.pue, pue, ""),
            (then.power, power, fields::CUSTOM_POWER.unit),
        ] {
            if let (Some(then), Some((now, what))) = (then, now) {
                any = true;
                if !close(then, now) {
                    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                    diffs.push(format!("{what} was {}{unit}, now {}{unit}", format::plain(then), format::plain(now)));
                }
            }
        }
        compared += usize::from(any);
        if !diffs.is_empty() {
            let line = text::capitalize(&diffs.join("; "));
            let runs = groups.entry(line.clone()).or_default();
            if runs.is_empty() {
                order.push(line);
            }
            runs.push(i);
        }
    }
    if order.is_empty() {
        return if compared > 0 {
            vec!["The grid intensity, PUE and device power recorded in the export are the same in today's data.".into()]
        } else {
            Vec::new()
        };
    }
    let mut notes = vec![if named_version {
        "Factors that changed since then (today's values are used):".to_string()
    } else {
        "Factors recorded in the export that differ from today's data (today's values are used):".to_string()
    }];
    for line in order.iter().take(MAX_CHANGE_LINES) {
        let runs = &groups[line];
        let lead = if project.len() > 1 { runs_lead(project, runs) } else { String::new() };
        notes.push(format!("{lead}{line}."));
    }
    let rest: usize = order.iter().skip(MAX_CHANGE_LINES).map(|l| groups[l].len()).sum();
    if rest > 0 {
        notes.push(format!(
            "…and {} more {} whose factors changed.",
            format::plain(rest as f64),
            text::plural(rest, "run", "runs")
        ));
    }
    notes
}
