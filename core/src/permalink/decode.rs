//! Decoding a link or a saved session. Total: any string gives a valid
//! project, with a plain-language notice for everything that could not be read.

use super::factors::{check_tables, factor_changes, Recorded};
use super::keys::{v1_default_run, Key, K_ACTIVE, K_DATA, K_EMBODIED, K_GRID_BASIS, K_NAME, K_RUNS, K_VERSION};
use super::{Decoded, Origin, FORMAT_VERSION, MAX_INPUT_BYTES, MAX_NOTICES, MAX_RUNS, MAX_TEXT_CHARS};
use crate::data::{Basis, Dataset, DATA_VERSION};
use crate::fields::{self, FieldId};
use crate::format;
use crate::project::{MeasuredRun, Project, Run, RunKind, MAX_MEASURED};
use crate::text::{self, quote};
use std::collections::BTreeMap;

/// Collects notices, keeping at most [`MAX_NOTICES`].
struct Notices {
    list: Vec<String>,
    more: usize,
}

impl Notices {
    fn push(&mut self, s: String) {
        if self.list.len() < MAX_NOTICES {
            self.list.push(s);
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.more > 0 {
            self.list.push(format!(
                "…and {} more {} not shown.",
                self.more,
                text::plural(self.more, "notice", "notices")
            ));
        }
        self.list
    }
}

/// Text cut to [`MAX_TEXT_CHARS`]; `true` if it was cut.
fn capped(text: &str) -> (String, bool) {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((i, _)) => (text[..i].to_string(), true),
        None => (text.to_string(), false),
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `r12.devices` → (Some(12), "devices"); `devices` → (None, "devices").
/// An index too long to be real becomes `usize::MAX` (out of range).
fn split_run_key(key: &str) -> (Option<usize>, &str) {
    if let Some((head, rest)) = key.split_once('.') {
        if let Some(digits) = head.strip_prefix('r') {
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                let index = if digits.len() > 9 { usize::MAX } else { digits.parse().unwrap_or(usize::MAX) };
                return (Some(index), rest);
            }
        }
    }
    (None, key)
}

/// Decode a permalink: the whole URL, or its fragment with or without `#`.
pub fn decode(input: &str, data: &Dataset) -> Decoded {
    decode_from(input, data, Origin::Link)
}

/// Decode a link or a saved session. Total: never panics, and the project is
/// always valid (normalized, texts capped), whatever the input.
pub fn decode_from(input: &str, data: &Dataset, origin: Origin) -> Decoded {
    let noun = origin.noun();
    let mut n = Notices { list: Vec::new(), more: 0 };
    let mut text = input.trim();
    if let Some((_, fragment)) = text.split_once('#') {
        text = fragment;
    } else if let Some((_, query)) = text.split_once('?') {
        text = query;
    }
    let text_cut = text.len() > MAX_INPUT_BYTES;
    let text = prefix(text, MAX_INPUT_BYTES);
    if text.trim().is_empty() {
        return Decoded { project: Project::default(), notices: Vec::new(), data_version: None };
    }

    // Sort every pair into the project's own keys and each run's keys.
    let mut version: Option<String> = None;
    let mut data_version: Option<String> = None;
    let mut name: Option<String> = None;
    let mut runs_claimed: Option<String> = None;
    let mut active: Option<String> = None;
    let mut grid_basis: Option<String> = None;
    let mut include_embodied: Option<String> = None;
    let mut runs: BTreeMap<usize, Vec<(Key, String)>> = BTreeMap::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut unknown_count = 0usize;
    let mut runs_beyond = false;
    let mut top_duplicates: Vec<&'static str> = Vec::new();
    let mut name_cut = false;
    for (key, value) in form_urlencoded::parse(text.as_bytes()) {
        let top = match key.as_ref() {
            K_VERSION => Some((&mut version, K_VERSION)),
            K_DATA => Some((&mut data_version, K_DATA)),
            K_NAME => Some((&mut name, K_NAME)),
            K_RUNS => Some((&mut runs_claimed, K_RUNS)),
            K_ACTIVE => Some((&mut active, K_ACTIVE)),
            K_GRID_BASIS => Some((&mut grid_basis, K_GRID_BASIS)),
            K_EMBODIED => Some((&mut include_embodied, K_EMBODIED)),
            _ => None,
        };
        if let Some((slot, k)) = top {
            if slot.is_some() && !top_duplicates.contains(&k) {
                top_duplicates.push(k);
            }
            let (value, cut) = capped(&value);
            name_cut |= cut && k == K_NAME;
            *slot = Some(value);
            continue;
        }
        let (index, run_key) = split_run_key(&key);
        match Key::from_key(run_key) {
            Some(slot) => {
                let index = index.unwrap_or(0);
                if index >= MAX_RUNS {
                    runs_beyond = true;
                } else {
                    runs.entry(index).or_default().push((slot, value.into_owned()));
                }
            }
            None => {
                unknown_count += 1;
                if unknown.len() < 5 {
                    unknown.push(quote(&key, 24));
                }
            }
        }
    }

    let recognised = version.is_some() || data_version.is_some() || name.is_some() || !runs.is_empty();
    if !recognised {
        n.push(format!(
            "This {noun} could not be read: it holds no calculator settings. The default inputs are shown."
        ));
        return Decoded { project: Project::default(), notices: n.finish(), data_version: None };
    }

    // Format and data versions.
    match version.as_deref().map(str::trim) {
        None => n.push(format!(
            "This {noun} does not say which format it uses; it was read as format {FORMAT_VERSION}."
        )),
        Some(v) => match v.parse::<u32>() {
            Ok(FORMAT_VERSION) => {}
            Ok(newer) if newer > FORMAT_VERSION => n.push(format!(
                "This {noun} was made by a newer version of the calculator (format {newer}); it was read as format {FORMAT_VERSION}, so some settings may be missing."
            )),
            _ => n.push(format!(
                "This {noun}'s format {} is not recognised; it was read as format {FORMAT_VERSION}.",
                quote(v, 24)
            )),
        },
    }
    let data_version = data_version.map(|d| prefix(d.trim(), 32).to_string()).filter(|d| !d.is_empty());
    let older_data = match &data_version {
        None => {
            n.push(format!(
                "This {noun} does not say which data version it was made with; today's data ({DATA_VERSION}) is used."
            ));
            false
        }
        Some(d) if d == DATA_VERSION => false,
        Some(d) => {
            n.push(format!(
                "This {noun} was made with data version {d}; today's data ({DATA_VERSION}) is used, so the numbers can differ from those seen when it was made."
            ));
            true
        }
    };
    if text_cut {
        n.push(format!(
            "This {noun} is longer than {} characters; the rest was ignored.",
            format::plain(MAX_INPUT_BYTES as f64)
        ));
    }
    if unknown_count > 0 {
        let more = unknown_count - unknown.len();
        n.push(format!(
            "Unknown {} ignored: {}{}.",
            text::plural(unknown_count, "setting", "settings"),
            unknown.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ));
    }
    if !top_duplicates.is_empty() {
        n.push(format!(
            "{} more than once; the last value is used: {}.",
            text::plural(top_duplicates.len(), "A setting appears", "Settings appear"),
            top_duplicates.join(", ")
        ));
    }
    if name_cut {
        n.push(format!("The project name was longer than {MAX_TEXT_CHARS} characters and was cut."));
    }
    if runs_beyond {
        n.push(format!(
            "Only the first {} runs are read; settings of later runs were ignored.",
            format::plain(MAX_RUNS as f64)
        ));
    }

    // The grid basis of the whole project (lifecycle unless the link says otherwise).
    let basis = match grid_basis.as_deref().map(str::trim) {
        None => Basis::Lifecycle,
        Some(b) => Basis::from_key(b).unwrap_or_else(|| {
            n.push(format!("The grid basis {} is not recognised; lifecycle intensities are used.", quote(b, 24)));
            Basis::Lifecycle
        }),
    };

    // The runs, each over the format's defaults.
    let several = runs.len() > 1 || runs_claimed.is_some();
    let mut project_runs = Vec::with_capacity(runs.len());
    let mut shown = 0;
    let mut changed = Vec::new();
    let mut unchanged = 0usize;
    let mut run_indices = Vec::with_capacity(runs.len());
    for (index, pairs) in &runs {
        let mut run = v1_default_run();
        let mut run_notices = Vec::new();
        let recorded = read_run(&mut run, pairs, &mut run_notices);
        check_tables(&run, data, &mut run_notices);
        let who = if several { format!("Run {} ({}): ", index + 1, quote(&run.label, 24)) } else { String::new() };
        for m in run_notices {
            n.push(format!("{who}{m}"));
        }
        match factor_changes(&run, &recorded, data, basis) {
            Some(diff) if diff.is_empty() => unchanged += 1,
            Some(diff) => changed.push(format!("{who}{}.", diff.join("; "))),
            None => {}
        }
        project_runs.push(run);
        run_indices.push(*index);
    }

    // Recorded factor values against today's tables.
    if older_data && changed.is_empty() && unchanged > 0 {
        n.push(format!(
            "The grid intensity, PUE and device power recorded in the {noun} are the same in today's data."
        ));
    }
    if !changed.is_empty() {
        if older_data {
            n.push("Factors that changed since then (today's values are used):".into());
        } else {
            n.push(format!(
                "The factor values recorded in the {noun} differ from the tables of its data version (it may have been edited); the tables' values are used:"
            ));
        }
        for c in changed {
            n.push(c);
        }
    }

    // Run count and the run shown.
    if let Some(claimed) = runs_claimed {
        match claimed.trim().parse::<usize>() {
            Ok(c) if c > project_runs.len() && !runs_beyond => n.push(format!(
                "This {noun} lists {} runs but only {} could be read: it may have been cut short.",
                format::plain(c as f64),
                format::plain(project_runs.len() as f64)
            )),
            Ok(_) => {}
            Err(_) => {
                n.push(format!("The number of runs {} is not a number; the runs found were read.", quote(&claimed, 24)))
            }
        }
    }
    if let Some(a) = active {
        match a.trim().parse::<usize>().ok().and_then(|a| run_indices.iter().position(|i| *i == a)) {
            Some(position) => shown = position,
            None => {
                n.push(format!("The run to show ({}) is not in this {noun}; the first run is shown.", quote(&a, 24)))
            }
        }
    }

    let mut project = Project::new(name.unwrap_or_default(), project_runs, shown);
    project.grid_basis = basis;
    project.include_embodied = match include_embodied.as_deref().map(str::trim) {
        None => false,
        Some(v) => crate::form::flag_from_key(v).unwrap_or_else(|| {
            n.push(format!(
                "Whether to include manufacturing emissions ({}) is not recognised; they are reported apart.",
                quote(v, 24)
            ));
            false
        }),
    };
    Decoded { project, notices: n.finish(), data_version }
}

/// "Phase: “x” is not a valid choice, so “Final training” is used."
fn invalid_choice(key: Key, value: &str, kept: &str) -> String {
    format!("{}: {} is not a valid choice, so “{kept}” is used.", key.name(), quote(value, 24))
}

/// The current value of a choice, in words for a notice.
fn kept(run: &Run, id: FieldId) -> String {
    match id {
        FieldId::Phase => run.phase.label().to_string(),
        FieldId::Host => (if run.form.host { "included" } else { "not included" }).to_string(),
        _ => run.get(id).unwrap_or_default().to_string(),
    }
}

/// Apply one run's pairs onto `run` (which holds the defaults); the last of a
/// repeated key wins. Returns the factor values the link recorded.
fn read_run(run: &mut Run, pairs: &[(Key, String)], notices: &mut Vec<String>) -> Recorded {
    let mut seen: Vec<Key> = Vec::new();
    let mut duplicates: Vec<&'static str> = Vec::new();
    let mut recorded = Recorded::default();
    let mut measured: [Option<String>; 6] = Default::default();
    let mut problems: Vec<String> = Vec::new();
    for (key, raw) in pairs {
        let key = *key;
        if seen.contains(&key) {
            if !duplicates.contains(&key.key()) {
                duplicates.push(key.key());
            }
        } else {
            seen.push(key);
        }
        let (value, cut) = capped(raw);
        if cut {
            problems.push(format!("{} was longer than {MAX_TEXT_CHARS} characters and was cut.", key.name()));
        }
        match key {
            // Text as typed: the form validates it and shows its message on the field.
            Key::Field(id) => {
                if run.set(id, &value).is_err() {
                    problems.push(invalid_choice(key, value.trim(), &kept(run, id)));
                }
            }
            Key::Used(factor) => match value.trim().parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => *recorded.slot(factor) = Some(x),
                _ => problems.push(format!(
                    "{}: {} is not a number and was ignored.",
                    key.name(),
                    quote(value.trim(), 24)
                )),
            },
            Key::Measured(m) => measured[m as usize] = Some(value),
        }
    }

    // A measured run needs its three numbers; without them it is estimated from its inputs.
    if measured.iter().any(Option::is_some) {
        let num = |i: usize, max: f64| {
            measured[i]
                .as_deref()
                .map(str::trim)
                .and_then(|t| t.parse::<f64>().ok())
                .filter(|x| x.is_finite() && *x >= 0.0 && *x <= max)
        };
        match (num(0, MAX_MEASURED), num(1, MAX_MEASURED), num(2, fields::DURATION.max())) {
            (Some(energy_kwh), Some(emissions_kg), Some(duration_h)) => {
                let text = |i: usize| measured[i].clone().unwrap_or_default();
                run.kind = RunKind::Measured(MeasuredRun {
                    energy_kwh,
                    emissions_kg,
                    duration_h,
                    source: text(3),
                    location: text(4),
                    hardware: text(5),
                    ..MeasuredRun::default()
                });
            }
            _ => problems.push(
                "The measured energy, emissions or duration could not be read, so this run is estimated from its inputs instead."
                    .into(),
            ),
        }
    }

    if !duplicates.is_empty() {
        notices.push(format!(
            "{} more than once; the last value is used: {}.",
            text::plural(duplicates.len(), "A setting appears", "Settings appear"),
            duplicates.join(", ")
        ));
    }
    notices.extend(problems);
    recorded
}
