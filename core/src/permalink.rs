//! Permalinks and saved sessions: a whole [`Project`] as a short, readable,
//! versioned `key=value&…` string (the URL fragment, and the browser's saved
//! session), and back.
//!
//! ```text
//! v=1&d=2026.11&hardware=nvidia-h100-sxm&devices=8&duration=72&unit=hours&utilization=100
//!    &location=cloud&provider=aws&region=us-east-1&used_intensity=282.5821&used_pue=1.14&used_power=700
//! ```
//!
//! * `v` is the format version, `d` the data version the link was made with.
//! * A one-run project writes its run's keys as they are; a project with several
//!   runs writes `runs=N&active=I` and prefixes each run's keys with `r<i>.`
//!   (`r0.hardware=…&r1.hardware=…`).
//! * Keys are [`FieldId::key`] where the field has one. A key is written when the
//!   estimate uses it, or when its value differs from the format's default, so a
//!   decoded project equals the encoded one exactly.
//! * `used_intensity`, `used_pue` and `used_power` record the table values the
//!   estimate used when the link was made. Opening the link always uses today's
//!   tables; the recorded values only let the notice say which factors changed.
//!
//! Decoding is total: any string gives a valid project, with a plain-language
//! notice for everything that could not be read. See `docs/permalinks.md`.

use crate::data::{Dataset, DATA_VERSION};
use crate::fields::{self, FieldId};
use crate::form::{self, DurationUnit, FormState, LocationMode, CUSTOM, NO_ACCELERATOR};
use crate::format;
use crate::project::{MeasuredRun, PerRequest, Phase, Project, Run};
use std::collections::BTreeMap;

/// Version of the link format written by [`encode`].
pub const FORMAT_VERSION: u32 = 1;
/// Longest text kept for any one value (a hostile link cannot freeze the page).
pub const MAX_TEXT_CHARS: usize = 200;
/// Most runs read from one link.
pub const MAX_RUNS: usize = 10_000;
/// Longest input read; the rest is ignored with a notice.
pub const MAX_INPUT_BYTES: usize = 4_000_000;
/// Most notices returned; further ones are counted in a last notice.
pub const MAX_NOTICES: usize = 12;
/// Largest measured energy (kWh), emissions (kg) accepted from a link.
pub const MAX_MEASURED: f64 = 1e12;
/// Browser storage key of the saved session (the same format as a link).
pub const STORAGE_KEY: &str = "ml-emissions-calculator/v1";

/// Where a string to decode came from: only changes the wording of notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A permalink (URL fragment).
    Link,
    /// The session saved in this browser.
    Saved,
}

impl Origin {
    fn noun(self) -> &'static str {
        match self {
            Origin::Link => "link",
            Origin::Saved => "saved session",
        }
    }
}

/// The result of decoding: always a valid project.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// Normalized: at least one run, `active` in range, texts at most [`MAX_TEXT_CHARS`].
    pub project: Project,
    /// Plain-language notices, most important first; empty when everything was read.
    pub notices: Vec<String>,
    /// The data version the link says it was made with.
    pub data_version: Option<String>,
}

// ---- keys -------------------------------------------------------------------

const K_VERSION: &str = "v";
const K_DATA: &str = "d";
const K_NAME: &str = "name";
const K_RUNS: &str = "runs";
const K_ACTIVE: &str = "active";

/// Every value a run can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Label,
    Phase,
    Repeat,
    Hardware,
    CustomName,
    CustomPower,
    Devices,
    Duration,
    Unit,
    Utilization,
    Location,
    Provider,
    Region,
    Zone,
    CustomIntensity,
    Pue,
    Host,
    Cpu,
    CpuCores,
    CpuPower,
    CpuUsage,
    MemoryGb,
    MeasuredEnergy,
    MeasuredEmissions,
    MeasuredHours,
    MeasuredSource,
    MeasuredLocation,
    MeasuredHardware,
    Requests,
    WhPerRequest,
    Basis,
    UsedIntensity,
    UsedPue,
    UsedPower,
}

impl Slot {
    const ALL: [Slot; 34] = [
        Slot::Label,
        Slot::Phase,
        Slot::Repeat,
        Slot::Hardware,
        Slot::CustomName,
        Slot::CustomPower,
        Slot::Devices,
        Slot::Duration,
        Slot::Unit,
        Slot::Utilization,
        Slot::Location,
        Slot::Provider,
        Slot::Region,
        Slot::Zone,
        Slot::CustomIntensity,
        Slot::Pue,
        Slot::Host,
        Slot::Cpu,
        Slot::CpuCores,
        Slot::CpuPower,
        Slot::CpuUsage,
        Slot::MemoryGb,
        Slot::MeasuredEnergy,
        Slot::MeasuredEmissions,
        Slot::MeasuredHours,
        Slot::MeasuredSource,
        Slot::MeasuredLocation,
        Slot::MeasuredHardware,
        Slot::Requests,
        Slot::WhPerRequest,
        Slot::Basis,
        Slot::UsedIntensity,
        Slot::UsedPue,
        Slot::UsedPower,
    ];

    /// The key in the link: [`FieldId::key`] where the field has one.
    fn key(self) -> &'static str {
        match self {
            Slot::Label => "label",
            Slot::Phase => "phase",
            Slot::Repeat => FieldId::Repeat.key(),
            Slot::Hardware => FieldId::Hardware.key(),
            Slot::CustomName => FieldId::CustomName.key(),
            Slot::CustomPower => FieldId::CustomPower.key(),
            Slot::Devices => FieldId::Devices.key(),
            Slot::Duration => FieldId::Duration.key(),
            Slot::Unit => "unit",
            Slot::Utilization => FieldId::Utilization.key(),
            Slot::Location => "location",
            Slot::Provider => "provider",
            Slot::Region => FieldId::Region.key(),
            Slot::Zone => FieldId::Zone.key(),
            Slot::CustomIntensity => FieldId::CustomIntensity.key(),
            Slot::Pue => FieldId::Pue.key(),
            Slot::Host => "host",
            Slot::Cpu => "cpu",
            Slot::CpuCores => FieldId::CpuCores.key(),
            Slot::CpuPower => FieldId::CpuPower.key(),
            Slot::CpuUsage => FieldId::CpuUsage.key(),
            Slot::MemoryGb => FieldId::MemoryGb.key(),
            Slot::MeasuredEnergy => "m_energy",
            Slot::MeasuredEmissions => "m_emissions",
            Slot::MeasuredHours => "m_hours",
            Slot::MeasuredSource => "m_source",
            Slot::MeasuredLocation => "m_location",
            Slot::MeasuredHardware => "m_hardware",
            Slot::Requests => FieldId::Requests.key(),
            Slot::WhPerRequest => FieldId::WhPerRequest.key(),
            Slot::Basis => FieldId::Basis.key(),
            Slot::UsedIntensity => "used_intensity",
            Slot::UsedPue => "used_pue",
            Slot::UsedPower => "used_power",
        }
    }

    /// The field's name in notices (the form's label where there is one).
    fn name(self) -> &'static str {
        match self {
            Slot::Label => "Run name",
            Slot::Phase => "Phase",
            Slot::Repeat => fields::REPEAT.label,
            Slot::Hardware => "Hardware",
            Slot::CustomName => "Device name",
            Slot::CustomPower => fields::CUSTOM_POWER.label,
            Slot::Devices => fields::DEVICES.label,
            Slot::Duration => fields::DURATION.label,
            Slot::Unit => "Duration unit",
            Slot::Utilization => fields::UTILIZATION.label,
            Slot::Location => "Location type",
            Slot::Provider => "Cloud provider",
            Slot::Region => "Cloud region",
            Slot::Zone => "Country or grid zone",
            Slot::CustomIntensity => fields::CUSTOM_INTENSITY.label,
            Slot::Pue => fields::PUE.label,
            Slot::Host => "Include host CPU and memory",
            Slot::Cpu => "CPU model",
            Slot::CpuCores => fields::CPU_CORES.label,
            Slot::CpuPower => fields::CPU_POWER.label,
            Slot::CpuUsage => fields::CPU_USAGE.label,
            Slot::MemoryGb => fields::MEMORY_GB.label,
            Slot::MeasuredEnergy => "Measured energy",
            Slot::MeasuredEmissions => "Measured emissions",
            Slot::MeasuredHours => "Measured duration",
            Slot::MeasuredSource => "Measurement source",
            Slot::MeasuredLocation => "Measured location",
            Slot::MeasuredHardware => "Measured hardware",
            Slot::Requests => fields::REQUESTS.label,
            Slot::WhPerRequest => fields::WH_PER_REQUEST.label,
            Slot::Basis => "Basis of the energy per request",
            Slot::UsedIntensity => "Recorded grid intensity",
            Slot::UsedPue => "Recorded PUE",
            Slot::UsedPower => "Recorded device power",
        }
    }

    fn from_key(key: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The defaults of format 1. Frozen: a key left out of a version-1 link always
/// means this value, even if the app's defaults change later.
pub fn v1_default_run() -> Run {
    Run {
        label: "Training run".into(),
        phase: Phase::FinalTraining,
        repeat: "1".into(),
        form: FormState {
            hardware: "nvidia-a100-sxm4-80gb".into(),
            custom_name: String::new(),
            custom_power_w: String::new(),
            devices: "1".into(),
            duration: "24".into(),
            duration_unit: DurationUnit::Hours,
            utilization_pct: "100".into(),
            location: LocationMode::Cloud,
            provider: "aws".into(),
            region: "us-east-1".into(),
            zone: "US".into(),
            custom_intensity: String::new(),
            pue: String::new(),
            host: false,
            cpu: CUSTOM.into(),
            cpu_cores: "0".into(),
            cpu_w_per_core: "12".into(),
            cpu_usage_pct: "100".into(),
            memory_gb: "0".into(),
        },
        measured: None,
        per_request: None,
    }
}

fn unit_key(u: DurationUnit) -> &'static str {
    match u {
        DurationUnit::Hours => "hours",
        DurationUnit::Days => "days",
    }
}

fn location_key(l: LocationMode) -> &'static str {
    match l {
        LocationMode::Cloud => "cloud",
        LocationMode::Zone => "zone",
        LocationMode::Custom => "custom",
    }
}

// ---- factors ----------------------------------------------------------------

/// Factor values taken from the tables (not typed by the user), each with what
/// it describes: recorded in a link, and compared when the link is opened.
#[derive(Debug, Default)]
struct Factors {
    intensity: Option<(f64, String)>,
    pue: Option<(f64, String)>,
    power: Option<(f64, String)>,
}

impl Factors {
    fn any(&self) -> bool {
        self.intensity.is_some() || self.pue.is_some() || self.power.is_some()
    }
}

fn table_factors(run: &Run, data: &Dataset) -> Factors {
    if run.measured.is_some() {
        return Factors::default();
    }
    let f = &run.form;
    let mut errors = form::Errors::new();
    let (location, pue) = form::validate_site(f, data, &mut errors);
    let power = if run.per_request.is_none() && f.hardware != CUSTOM && f.hardware != NO_ACCELERATOR {
        data.hardware(&f.hardware).and_then(|h| h.power_w.map(|w| (w, format!("power of the {}", h.full_name()))))
    } else {
        None
    };
    Factors {
        intensity: location
            .filter(|_| f.location != LocationMode::Custom)
            .map(|l| (l.intensity_g_per_kwh, format!("grid intensity of {}", l.label))),
        pue: pue.filter(|_| f.pue.trim().is_empty()).map(|p| (p.value, format!("PUE ({})", p.label))),
        power,
    }
}

// ---- encoding ---------------------------------------------------------------

/// Shortest text that parses back to exactly `x`.
fn number(x: f64) -> String {
    format!("{x}")
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

/// The key/value pairs of one run, in a fixed order.
fn run_pairs(run: &Run, data: &Dataset) -> Vec<(&'static str, String)> {
    let d = v1_default_run();
    let (f, df) = (&run.form, &d.form);
    let mut out: Vec<(&'static str, String)> = Vec::new();
    // Written when the estimate uses it, or when it differs from the default.
    let mut put = |slot: Slot, value: &str, default: &str, used: bool| {
        if used || value != default {
            out.push((slot.key(), value.to_string()));
        }
    };
    // What the estimate reads: measured runs only their measurements, runs
    // from energy per request only the site (location and PUE).
    let site = run.measured.is_none();
    let hardware = site && run.per_request.is_none();
    let accelerator = hardware && f.hardware != NO_ACCELERATOR;
    let host = hardware && (f.host || f.hardware == NO_ACCELERATOR);
    let cloud = site && f.location == LocationMode::Cloud;
    put(Slot::Label, &run.label, &d.label, false);
    put(Slot::Phase, run.phase.key(), d.phase.key(), false);
    put(Slot::Repeat, &run.repeat, &d.repeat, false);
    put(Slot::Hardware, &f.hardware, &df.hardware, hardware);
    put(Slot::CustomName, &f.custom_name, &df.custom_name, false);
    put(Slot::CustomPower, &f.custom_power_w, &df.custom_power_w, hardware && f.hardware == CUSTOM);
    put(Slot::Devices, &f.devices, &df.devices, accelerator);
    put(Slot::Duration, &f.duration, &df.duration, hardware);
    put(Slot::Unit, unit_key(f.duration_unit), unit_key(df.duration_unit), hardware);
    put(Slot::Utilization, &f.utilization_pct, &df.utilization_pct, accelerator);
    put(Slot::Location, location_key(f.location), location_key(df.location), site);
    put(Slot::Provider, &f.provider, &df.provider, cloud);
    put(Slot::Region, &f.region, &df.region, cloud);
    put(Slot::Zone, &f.zone, &df.zone, site && f.location == LocationMode::Zone);
    put(Slot::CustomIntensity, &f.custom_intensity, &df.custom_intensity, site && f.location == LocationMode::Custom);
    put(Slot::Pue, &f.pue, &df.pue, false);
    put(Slot::Host, flag(f.host), flag(df.host), false);
    put(Slot::Cpu, &f.cpu, &df.cpu, host);
    put(Slot::CpuCores, &f.cpu_cores, &df.cpu_cores, host);
    put(Slot::CpuPower, &f.cpu_w_per_core, &df.cpu_w_per_core, host && f.cpu == CUSTOM);
    put(Slot::CpuUsage, &f.cpu_usage_pct, &df.cpu_usage_pct, host);
    put(Slot::MemoryGb, &f.memory_gb, &df.memory_gb, host);
    if let Some(m) = &run.measured {
        out.push((Slot::MeasuredEnergy.key(), number(m.energy_kwh)));
        out.push((Slot::MeasuredEmissions.key(), number(m.emissions_kg)));
        out.push((Slot::MeasuredHours.key(), number(m.duration_h)));
        out.push((Slot::MeasuredSource.key(), m.source.clone()));
        out.push((Slot::MeasuredLocation.key(), m.location.clone()));
        out.push((Slot::MeasuredHardware.key(), m.hardware.clone()));
    }
    // All three, even when empty: their presence marks a per-request run.
    if let Some(r) = &run.per_request {
        out.push((Slot::Requests.key(), r.requests.clone()));
        out.push((Slot::WhPerRequest.key(), r.wh_per_request.clone()));
        out.push((Slot::Basis.key(), r.basis.clone()));
    }
    // The table values this estimate uses today, so that a link opened with a
    // later data version can say which of them changed.
    let used = table_factors(run, data);
    for (slot, factor) in
        [(Slot::UsedIntensity, used.intensity), (Slot::UsedPue, used.pue), (Slot::UsedPower, used.power)]
    {
        if let Some((value, _)) = factor {
            out.push((slot.key(), number(value)));
        }
    }
    out
}

/// Encode a project as `key=value&…` (without the leading `#`).
pub fn encode(project: &Project, data: &Dataset) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair(K_VERSION, &FORMAT_VERSION.to_string());
    s.append_pair(K_DATA, DATA_VERSION);
    if !project.name.is_empty() {
        s.append_pair(K_NAME, &project.name);
    }
    match project.runs.as_slice() {
        [] => {
            for (k, v) in run_pairs(&v1_default_run(), data) {
                s.append_pair(k, &v);
            }
        }
        [run] => {
            for (k, v) in run_pairs(run, data) {
                s.append_pair(k, &v);
            }
        }
        runs => {
            s.append_pair(K_RUNS, &runs.len().to_string());
            s.append_pair(K_ACTIVE, &project.active.min(runs.len() - 1).to_string());
            for (i, run) in runs.iter().enumerate() {
                for (k, v) in run_pairs(run, data) {
                    s.append_pair(&format!("r{i}.{k}"), &v);
                }
            }
        }
    }
    s.finish()
}

// ---- decoding ---------------------------------------------------------------

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
            self.list.push(format!("…and {} more {} not shown.", self.more, plural(self.more, "notice", "notices")));
        }
        self.list
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A value quoted for a notice: at most 24 characters.
fn quote(text: &str) -> String {
    format!("“{}”", crate::format::clip(text, 24))
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

/// Factor values a run recorded when its link was made.
#[derive(Default)]
struct Recorded {
    intensity: Option<f64>,
    pue: Option<f64>,
    power: Option<f64>,
}

impl Recorded {
    fn any(&self) -> bool {
        self.intensity.is_some() || self.pue.is_some() || self.power.is_some()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
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
    let mut runs: BTreeMap<usize, Vec<(Slot, String)>> = BTreeMap::new();
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
        match Slot::from_key(run_key) {
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
                    unknown.push(quote(&key));
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
                quote(v)
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
            plural(unknown_count, "setting", "settings"),
            unknown.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ));
    }
    if !top_duplicates.is_empty() {
        n.push(format!(
            "{} more than once; the last value is used: {}.",
            plural(top_duplicates.len(), "A setting appears", "Settings appear"),
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

    // The runs, each over the format's defaults.
    let several = runs.len() > 1 || runs_claimed.is_some();
    let mut project = Project { name: name.unwrap_or_default(), runs: Vec::with_capacity(runs.len()), active: 0 };
    let mut changed = Vec::new();
    let mut unchanged = 0usize;
    let mut run_indices = Vec::with_capacity(runs.len());
    for (index, pairs) in &runs {
        let mut run = v1_default_run();
        let mut run_notices = Vec::new();
        let recorded = read_run(&mut run, pairs, &mut run_notices);
        check_tables(&run, data, &mut run_notices);
        let who = if several { format!("Run {} ({}): ", index + 1, quote(&run.label)) } else { String::new() };
        for m in run_notices {
            n.push(format!("{who}{m}"));
        }
        match factor_changes(&run, &recorded, data) {
            Some(diff) if diff.is_empty() => unchanged += 1,
            Some(diff) => changed.push(format!("{who}{}.", diff.join("; "))),
            None => {}
        }
        project.runs.push(run);
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
            Ok(c) if c > project.runs.len() && !runs_beyond => n.push(format!(
                "This {noun} lists {} runs but only {} could be read: it may have been cut short.",
                format::plain(c as f64),
                format::plain(project.runs.len() as f64)
            )),
            Ok(_) => {}
            Err(_) => {
                n.push(format!("The number of runs {} is not a number; the runs found were read.", quote(&claimed)))
            }
        }
    }
    if let Some(a) = active {
        match a.trim().parse::<usize>().ok().and_then(|a| run_indices.iter().position(|i| *i == a)) {
            Some(position) => project.active = position,
            None => n.push(format!("The run to show ({}) is not in this {noun}; the first run is shown.", quote(&a))),
        }
    }

    Decoded { project: project.normalized(), notices: n.finish(), data_version }
}

fn invalid_choice(slot: Slot, value: &str, kept: &str) -> String {
    format!("{}: {} is not a valid choice, so “{kept}” is used.", slot.name(), quote(value))
}

/// Apply one run's pairs onto `run` (which holds the defaults); the last of a
/// repeated key wins. Returns the factor values the link recorded.
fn read_run(run: &mut Run, pairs: &[(Slot, String)], notices: &mut Vec<String>) -> Recorded {
    let mut seen: Vec<Slot> = Vec::new();
    let mut duplicates: Vec<&'static str> = Vec::new();
    let mut recorded = Recorded::default();
    let mut measured: [Option<String>; 6] = Default::default();
    let mut problems: Vec<String> = Vec::new();
    for (slot, raw) in pairs {
        let slot = *slot;
        if seen.contains(&slot) {
            if !duplicates.contains(&slot.key()) {
                duplicates.push(slot.key());
            }
        } else {
            seen.push(slot);
        }
        let (value, cut) = capped(raw);
        if cut {
            problems.push(format!("{} was longer than {MAX_TEXT_CHARS} characters and was cut.", slot.name()));
        }
        let v = value.trim();
        let f = &mut run.form;
        match slot {
            Slot::Phase => match Phase::from_key(v) {
                Some(p) => run.phase = p,
                None => problems.push(invalid_choice(slot, v, run.phase.label())),
            },
            Slot::Unit => match v {
                "hours" | "h" => f.duration_unit = DurationUnit::Hours,
                "days" | "d" => f.duration_unit = DurationUnit::Days,
                _ => problems.push(invalid_choice(slot, v, unit_key(f.duration_unit))),
            },
            Slot::Location => match v {
                "cloud" => f.location = LocationMode::Cloud,
                "zone" => f.location = LocationMode::Zone,
                "custom" => f.location = LocationMode::Custom,
                _ => problems.push(invalid_choice(slot, v, location_key(f.location))),
            },
            Slot::Host => match v {
                "1" | "true" | "yes" => f.host = true,
                "0" | "false" | "no" => f.host = false,
                _ => problems.push(invalid_choice(slot, v, if f.host { "included" } else { "not included" })),
            },
            Slot::UsedIntensity | Slot::UsedPue | Slot::UsedPower => match v.parse::<f64>() {
                Ok(x) if x.is_finite() && x >= 0.0 => {
                    let target = match slot {
                        Slot::UsedIntensity => &mut recorded.intensity,
                        Slot::UsedPue => &mut recorded.pue,
                        _ => &mut recorded.power,
                    };
                    *target = Some(x);
                }
                _ => problems.push(format!("{}: {} is not a number and was ignored.", slot.name(), quote(v))),
            },
            Slot::MeasuredEnergy => measured[0] = Some(value),
            Slot::MeasuredEmissions => measured[1] = Some(value),
            Slot::MeasuredHours => measured[2] = Some(value),
            Slot::MeasuredSource => measured[3] = Some(value),
            Slot::MeasuredLocation => measured[4] = Some(value),
            Slot::MeasuredHardware => measured[5] = Some(value),
            Slot::Requests => run.per_request.get_or_insert_with(PerRequest::default).requests = value,
            Slot::WhPerRequest => run.per_request.get_or_insert_with(PerRequest::default).wh_per_request = value,
            Slot::Basis => run.per_request.get_or_insert_with(PerRequest::default).basis = value,
            // Text as typed: the form validates it and shows its message on the field.
            Slot::Label => run.label = value,
            Slot::Repeat => run.repeat = value,
            Slot::Hardware => f.hardware = value,
            Slot::CustomName => f.custom_name = value,
            Slot::CustomPower => f.custom_power_w = value,
            Slot::Devices => f.devices = value,
            Slot::Duration => f.duration = value,
            Slot::Utilization => f.utilization_pct = value,
            Slot::Provider => f.provider = value,
            Slot::Region => f.region = value,
            Slot::Zone => f.zone = value,
            Slot::CustomIntensity => f.custom_intensity = value,
            Slot::Pue => f.pue = value,
            Slot::Cpu => f.cpu = value,
            Slot::CpuCores => f.cpu_cores = value,
            Slot::CpuPower => f.cpu_w_per_core = value,
            Slot::CpuUsage => f.cpu_usage_pct = value,
            Slot::MemoryGb => f.memory_gb = value,
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
        match (num(0, MAX_MEASURED), num(1, MAX_MEASURED), num(2, fields::DURATION.max)) {
            (Some(energy_kwh), Some(emissions_kg), Some(duration_h)) => {
                let text = |i: usize| measured[i].clone().unwrap_or_default();
                run.measured = Some(MeasuredRun {
                    energy_kwh,
                    emissions_kg,
                    duration_h,
                    source: text(3),
                    location: text(4),
                    hardware: text(5),
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
            plural(duplicates.len(), "A setting appears", "Settings appear"),
            duplicates.join(", ")
        ));
    }
    notices.extend(problems);
    recorded
}

/// Notices for choices today's tables do not list. The value is kept, and the
/// form shows its own message on the field.
fn check_tables(run: &Run, data: &Dataset, notices: &mut Vec<String>) {
    if run.measured.is_some() {
        return;
    }
    let f = &run.form;
    let hardware_used = run.per_request.is_none();
    if hardware_used && f.hardware != CUSTOM && f.hardware != NO_ACCELERATOR && data.hardware(&f.hardware).is_none() {
        notices.push(format!("Hardware {} is not in today's tables: choose a device, or Custom.", quote(&f.hardware)));
    }
    match f.location {
        LocationMode::Cloud if data.region(&f.provider, &f.region).is_none() => notices.push(format!(
            "Cloud region {} of provider {} is not in today's tables: choose a region.",
            quote(&f.region),
            quote(&f.provider)
        )),
        LocationMode::Zone if data.zone(&f.zone).is_none() => {
            notices.push(format!("Grid zone {} is not in today's tables: choose a country or zone.", quote(&f.zone)))
        }
        _ => {}
    }
    if hardware_used && (f.host || f.hardware == NO_ACCELERATOR) && f.cpu != CUSTOM && data.hardware(&f.cpu).is_none() {
        notices.push(format!("CPU {} is not in today's tables: choose a CPU, or Custom.", quote(&f.cpu)));
    }
}

/// The recorded factor values that differ from today's tables, in words; None
/// when nothing was recorded (or nothing can be compared).
fn factor_changes(run: &Run, recorded: &Recorded, data: &Dataset) -> Option<Vec<String>> {
    if !recorded.any() {
        return None;
    }
    let today = table_factors(run, data);
    if !today.any() {
        return None;
    }
    let mut out = Vec::new();
    for (then, now, unit) in [
        (recorded.intensity, today.intensity, fields::CUSTOM_INTENSITY.unit),
        (recorded.pue, today.pue, ""),
        (recorded.power, today.power, fields::CUSTOM_POWER.unit),
    ] {
        if let (Some(then), Some((now, what))) = (then, now) {
            if !close(then, now) {
                let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
                out.push(format!("{what} was {}{unit}, now {}{unit}", format::plain(then), format::plain(now)));
            }
        }
    }
    if let Some(first) = out.first_mut() {
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            *first = c.to_uppercase().chain(chars).collect();
        }
    }
    Some(out)
}
