//! Paper-ready emissions statements, rendered from a [`Project`].
//!
//! One description of the project ([`Facts`]: every run, its factors with
//! their sources, the totals) is written once as a small document of text
//! pieces ([`Doc`]) and then rendered to LaTeX, Markdown or plain text, each
//! with its own escaping ([`escape`]). The Hugging Face YAML, BibTeX and JSON
//! renderers read the same facts. With one run the statement describes that
//! run; with several it gives the total, a line per phase and a line per run.
//!
//! Wording rules: emissions are location-based; a provider's carbon-free
//! energy share is reported apart, as a market-based figure that does not
//! change the estimate; measured runs are described as measured.

pub mod bibtex;
pub mod escape;
pub mod hf;
pub mod latex;
pub mod markdown;

use crate::data::{memory_power_source, Dataset, Source, MEMORY_W_PER_GB};
use crate::form::{self, DurationUnit, Errors, Job, LocationMode, LocationUse, PueUse};
use crate::format;
use crate::model::{Bands, Estimate, Range, UTILIZATION_BAND};
use crate::project::{self, MeasuredRun, Phase, Project, ProjectTotals, RequestsUse, Run};
use crate::{APP_VERSION, DATA_VERSION};
use std::fmt;

/// Name of the calculator, as cited.
pub const CALCULATOR_NAME: &str = "ML Emissions Calculator";
/// Public address of the calculator, cited in BibTeX when known (empty: left out).
pub const CALCULATOR_URL: &str = "";

/// Runs described one by one in a statement; a bigger project (say 10,000
/// imported tracker runs) is summarised by phase, and every run stays in the
/// JSON export.
pub const MAX_LISTED_RUNS: usize = 25;

/// The output formats of the statement panel and the command-line tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Latex,
    Markdown,
    Text,
    Hf,
    Json,
    Bibtex,
}

impl Format {
    pub const ALL: [Format; 6] =
        [Format::Latex, Format::Markdown, Format::Text, Format::Hf, Format::Json, Format::Bibtex];

    /// Stable key: the CLI's `--format` value and the UI's tab id.
    pub fn key(self) -> &'static str {
        match self {
            Format::Latex => "latex",
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Hf => "hf",
            Format::Json => "json",
            Format::Bibtex => "bibtex",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Latex => "LaTeX",
            Format::Markdown => "Markdown",
            Format::Text => "Plain text",
            Format::Hf => "Hugging Face",
            Format::Json => "JSON",
            Format::Bibtex => "BibTeX",
        }
    }

    /// File name for downloads.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Latex => "emissions-statement.tex",
            Format::Markdown => "emissions-statement.md",
            Format::Text => "emissions-statement.txt",
            Format::Hf => "emissions-model-card.yaml",
            Format::Json => "emissions-estimate.json",
            Format::Bibtex => "emissions-references.bib",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Latex => "application/x-tex;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Text => "text/plain;charset=utf-8",
            Format::Hf => "application/yaml;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
            Format::Bibtex => "application/x-bibtex;charset=utf-8",
        }
    }

    pub fn from_key(key: &str) -> Option<Format> {
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "tex" => Some(Format::Latex),
            "md" => Some(Format::Markdown),
            "txt" | "plain" => Some(Format::Text),
            "yaml" | "huggingface" | "hugging-face" => Some(Format::Hf),
            "bib" => Some(Format::Bibtex),
            k => Format::ALL.into_iter().find(|f| f.key() == k),
        }
    }
}

/// Why there is no statement yet.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementError(pub String);

impl fmt::Display for StatementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StatementError {}

/// Render the statement for `project` in `format`. The JSON export works
/// for any project (it saves the state as entered); the other formats need
/// at least one run without errors.
pub fn render(format: Format, project: &Project, data: &Dataset) -> Result<String, StatementError> {
    if format == Format::Json {
        return Ok(crate::export::export_json(project, data));
    }
    let facts = Facts::new(project, data)?;
    Ok(match format {
        Format::Latex => latex::render(&facts),
        Format::Markdown => markdown::render(&facts, markdown::Style::Markdown),
        Format::Text => markdown::render(&facts, markdown::Style::Text),
        Format::Hf => hf::render(&facts),
        Format::Bibtex => bibtex::render(&facts),
        Format::Json => crate::export::export_json(project, data),
    })
}

// ---------------------------------------------------------------------------
// Facts: the project, evaluated, with every source it cites.

/// A reference in the bibliography: the calculator or a data source.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// BibTeX key.
    pub key: String,
    /// `misc` or `article`.
    pub entry: &'static str,
    /// Organisation or authors; empty when the source names none.
    pub author: String,
    pub title: String,
    pub year: u16,
    pub url: String,
    /// Extra BibTeX fields (`journal`, `volume`, `doi`…), already plain text.
    pub extra: Vec<(&'static str, String)>,
    pub note: String,
}

/// Indexes into [`Facts::citations`] for the factors of one estimated run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RunCites {
    pub hardware: Option<usize>,
    pub grid: Option<usize>,
    pub pue: Option<usize>,
    pub cpu: Option<usize>,
    pub memory: Option<usize>,
}

// A handful per statement: the size difference does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Estimated {
        job: Job,
        /// One run (before the repeat count).
        estimate: Estimate,
        bands: Bands,
        /// Grid zone of `data/grid_zones.csv` whose figure is used; None for a
        /// provider's own regional figure or a custom intensity.
        zone_id: Option<String>,
        duration_unit: DurationUnit,
        cites: RunCites,
    },
    /// Inference estimated from a request count and an energy per request.
    Requests {
        requests: RequestsUse,
        zone_id: Option<String>,
        cites: RunCites,
    },
    Measured(MeasuredRun),
}

/// One run without errors.
#[derive(Debug, Clone, PartialEq)]
pub struct RunFacts {
    /// Position in `Project::runs`.
    pub index: usize,
    pub label: String,
    pub phase: Phase,
    pub repeat: u32,
    /// Totals including the repeat count.
    pub energy_kwh: Range,
    pub emissions_kg: Range,
    pub detail: Detail,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InvalidRun {
    pub index: usize,
    pub label: String,
    pub errors: Errors,
}

/// Everything a statement says, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub name: String,
    pub runs: Vec<RunFacts>,
    pub invalid: Vec<InvalidRun>,
    pub totals: ProjectTotals,
    /// `citations[0]` is the calculator itself.
    pub citations: Vec<Citation>,
}

impl Facts {
    pub fn new(project: &Project, data: &Dataset) -> Result<Facts, StatementError> {
        let totals = project::evaluate(project, data);
        let mut citations = vec![calculator_citation()];
        let mut runs = Vec::new();
        let mut invalid = Vec::new();
        for (index, (run, outcome)) in project.runs.iter().zip(&totals.runs).enumerate() {
            match outcome {
                Err(errors) => invalid.push(InvalidRun { index, label: run.label.clone(), errors: errors.clone() }),
                Ok(o) => {
                    let detail = match (&run.measured, &o.job, &o.requests) {
                        (Some(m), _, _) => Detail::Measured(m.clone()),
                        (None, Some(job), _) => estimated(run, job, data, &mut citations),
                        (None, None, Some(req)) => Detail::Requests {
                            cites: site_cites(run, &req.location, &req.pue, data, &mut citations),
                            zone_id: zone_id(run, data),
                            requests: req.clone(),
                        },
                        (None, None, None) => {
                            invalid.push(InvalidRun { index, label: run.label.clone(), errors: Errors::new() });
                            continue;
                        }
                    };
                    runs.push(RunFacts {
                        index,
                        label: run.label.clone(),
                        phase: run.phase,
                        repeat: o.repeat,
                        energy_kwh: o.energy_kwh,
                        emissions_kg: o.emissions_kg,
                        detail,
                    });
                }
            }
        }
        if runs.is_empty() {
            let n = invalid.len();
            return Err(StatementError(if n == 1 {
                "No statement yet: the run has a field that needs attention.".into()
            } else {
                format!("No statement yet: all {n} runs have fields that need attention.")
            }));
        }
        Ok(Facts { name: project.name.clone(), runs, invalid, totals, citations })
    }

    /// True when the statement describes one run (the plain calculator).
    pub fn single(&self) -> Option<&RunFacts> {
        match (self.runs.as_slice(), self.invalid.is_empty()) {
            ([one], true) => Some(one),
            _ => None,
        }
    }

    /// Runs this statement stands for, counting repeats.
    pub fn run_count(&self) -> u64 {
        self.runs.iter().map(|r| u64::from(r.repeat)).sum()
    }
}

/// Citations for the grid intensity and the PUE of a run.
fn site_cites(
    run: &Run,
    location: &LocationUse,
    pue: &PueUse,
    data: &Dataset,
    citations: &mut Vec<Citation>,
) -> RunCites {
    let mut cites = RunCites::default();
    if let Some(s) = &pue.source {
        // A cloud provider's PUE (fleet or campus) is the provider's publication.
        let author = match run.form.location {
            LocationMode::Cloud => data.provider_label(&run.form.provider),
            _ => "",
        };
        cites.pue = Some(cite(
            citations,
            "misc",
            author,
            "pue",
            &format!("Power usage effectiveness (PUE): {}", s.name),
            s,
            vec![],
        ));
    }
    if let Some(s) = &location.source {
        cites.grid = Some(if run.form.location == LocationMode::Cloud && zone_id(run, data).is_none() {
            let provider = s.name.split(',').next().unwrap_or(&s.name);
            cite(citations, "misc", provider, "", "Carbon data for cloud regions", s, vec![])
        } else {
            cite(citations, "misc", &s.name, "", "Carbon intensity of electricity", s, vec![])
        });
    }
    cites
}

fn estimated(run: &Run, job: &Job, data: &Dataset, citations: &mut Vec<Citation>) -> Detail {
    let mut cites = RunCites::default();
    if let Some(s) = &job.hardware.source {
        cites.hardware =
            Some(cite(citations, "misc", &s.name, "", &format!("{} specifications", job.hardware.name), s, vec![]));
    }
    if let Some(h) = &job.host {
        if let Some(s) = &h.cpu_source {
            cites.cpu =
                Some(cite(citations, "misc", &s.name, "", &format!("{} specifications", h.cpu_name), s, vec![]));
        }
        let m = memory_power_source();
        if h.memory_gb > 0.0 {
            cites.memory = Some(cite(
                citations,
                "article",
                "Lannelongue, Loïc and Grealey, Jason and Inouye, Michael",
                "",
                "Green Algorithms: Quantifying the Carbon Footprint of Computation",
                &m,
                vec![
                    ("journal", "Advanced Science".into()),
                    ("volume", "8".into()),
                    ("number", "12".into()),
                    ("pages", "2100707".into()),
                    ("doi", "10.1002/advs.202100707".into()),
                ],
            ));
        }
    }
    let site = site_cites(run, &job.location, &job.pue, data, citations);
    cites.grid = site.grid;
    cites.pue = site.pue;
    Detail::Estimated {
        estimate: job.estimate(),
        bands: job.bands(),
        zone_id: zone_id(run, data),
        duration_unit: run.form.duration_unit,
        job: job.clone(),
        cites,
    }
}

/// The grid zone whose table figure the run uses.
pub fn zone_id(run: &Run, data: &Dataset) -> Option<String> {
    let f = &run.form;
    match f.location {
        LocationMode::Cloud => data
            .region(&f.provider, &f.region)
            .filter(|r| r.provider_intensity_g_per_kwh.is_none() || r.provider_intensity_year.is_none())
            .map(|r| r.zone_id.clone()),
        LocationMode::Zone => data.zone(&f.zone).map(|z| z.zone_id.clone()),
        LocationMode::Custom => None,
    }
}

fn calculator_citation() -> Citation {
    let year = DATA_VERSION.split('.').next().and_then(|y| y.parse().ok()).unwrap_or(2026);
    Citation {
        key: "mlemissionscalculator".into(),
        entry: "misc",
        author: format!("{CALCULATOR_NAME} contributors"),
        title: format!("{CALCULATOR_NAME}: carbon footprint of machine-learning training and inference"),
        year,
        url: CALCULATOR_URL.into(),
        extra: vec![],
        note: format!("Version {APP_VERSION}, data version {DATA_VERSION}"),
    }
}

/// Add a citation (or find the same source already cited) and return its index.
/// Add a citation (or find the same source already cited) and return its
/// index. The BibTeX key is `stem` (or the author's first word of three
/// letters or more) followed by the year.
fn cite(
    citations: &mut Vec<Citation>,
    entry: &'static str,
    author: &str,
    stem: &str,
    title: &str,
    source: &Source,
    extra: Vec<(&'static str, String)>,
) -> usize {
    if let Some(i) = citations.iter().position(|c| c.url == source.url && c.year == source.year && c.title == title) {
        return i;
    }
    let stem: String = if stem.is_empty() {
        author
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|w| w.len() >= 3)
            .unwrap_or("source")
            .to_ascii_lowercase()
            .chars()
            .take(16)
            .collect()
    } else {
        stem.into()
    };
    let base = format!("{stem}{}", source.year);
    let mut key = base.clone();
    let mut n = 0u8;
    while citations.iter().any(|c| c.key == key) {
        key = format!("{base}{}", char::from(b'a' + (n % 26)));
        n = n.saturating_add(1);
        if n >= 26 {
            key = format!("{base}-{}", citations.len());
            break;
        }
    }
    citations.push(Citation {
        key,
        entry,
        author: author.into(),
        title: title.into(),
        year: source.year,
        url: source.url.clone(),
        extra,
        note: format!("Cited by the {CALCULATOR_NAME}, data version {DATA_VERSION}"),
    });
    citations.len() - 1
}

// ---------------------------------------------------------------------------
// The statement as a small document, shared by LaTeX, Markdown and text.

/// An inline piece. Text is always escaped by the renderer.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    /// The emissions figure: bold where the format has bold.
    Strong(String),
    /// "CO2eq" with a subscript 2 where the format has one.
    Co2,
    /// References to `Facts::citations`.
    Cite(Vec<usize>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Vec<Piece>),
    /// A short lead-in and a bulleted list.
    List(Vec<Piece>, Vec<Vec<Piece>>),
}

#[derive(Default)]
struct Line(Vec<Piece>);

impl Line {
    fn t(mut self, s: impl Into<String>) -> Self {
        let s = s.into();
        if let Some(Piece::Text(last)) = self.0.last_mut() {
            last.push_str(&s);
        } else {
            self.0.push(Piece::Text(s));
        }
        self
    }
    fn strong(mut self, s: impl Into<String>) -> Self {
        self.0.push(Piece::Strong(s.into()));
        self
    }
    fn co2(mut self) -> Self {
        self.0.push(Piece::Co2);
        self
    }
    fn cite(mut self, refs: impl IntoIterator<Item = Option<usize>>) -> Self {
        let refs: Vec<usize> = refs.into_iter().flatten().collect();
        if !refs.is_empty() {
            self.0.push(Piece::Cite(refs));
        }
        self
    }
    fn done(self) -> Vec<Piece> {
        self.0
    }
}

fn quoted(s: &str) -> String {
    format!("“{}”", escape::clean(s))
}

/// "356.4–504 kWh", "900 g–1.1 kg" when the units differ, or "333 kWh" when
/// low and high round to the same figure.
pub(crate) fn range_of(r: Range, unit: fn(f64) -> String) -> String {
    let (low, high) = (unit(r.low), unit(r.high));
    if low == high {
        return low;
    }
    match (low.rsplit_once(' '), high.rsplit_once(' ')) {
        (Some((l, lu)), Some((_, hu))) if lu == hu => format!("{l}–{high}"),
        _ => format!("{low}–{high}"),
    }
}

/// Where a run ran: "Amazon Web Services us-east-1 (US East (N. Virginia)); US-VA, US".
fn place_phrase(l: &LocationUse) -> Option<String> {
    l.source.as_ref()?;
    Some(if l.place.is_empty() || l.place == l.label { l.label.clone() } else { format!("{}, {}", l.label, l.place) })
}

fn hours_text(hours: f64, unit: DurationUnit) -> String {
    match unit {
        DurationUnit::Hours => format!("{} h", format::plain(hours)),
        DurationUnit::Days => {
            let days = hours / 24.0;
            format!("{} h ({} {})", format::plain(hours), format::plain(days), if days == 1.0 { "day" } else { "days" })
        }
    }
}

/// Location, PUE and citations of a run estimated from hardware or from requests.
fn site(r: &RunFacts) -> Option<(&LocationUse, &PueUse, &RunCites)> {
    match &r.detail {
        Detail::Estimated { job, cites, .. } => Some((&job.location, &job.pue, cites)),
        Detail::Requests { requests, cites, .. } => Some((&requests.location, &requests.pue, cites)),
        Detail::Measured(_) => None,
    }
}

/// "8 × NVIDIA H100 SXM5 80GB (700 W each, rated power (TDP) [2]) for 72 h at an average utilization of 100 % of rated power"
fn hardware_phrase(line: Line, job: &Job, unit: DurationUnit, cites: &RunCites) -> Line {
    let mut line = if job.devices == 0 {
        line.t("no accelerator")
    } else {
        let name = if job.hardware.id == form::CUSTOM {
            format!("custom device {}", quoted(&job.hardware.name))
        } else {
            job.hardware.name.clone()
        };
        line.t(format!(
            "{} × {} ({} W each, {}",
            job.devices,
            name,
            format::plain(job.hardware.power_w),
            job.hardware.basis
        ))
        .cite([cites.hardware])
        .t(")")
    };
    if let Some(h) = &job.host {
        line = line.t(if job.devices == 0 { ": the host " } else { " plus the host " });
        if h.cores > 0.0 {
            line = line
                .t(format!(
                    "CPU ({} {} at {} W per core, {} usage",
                    format::plain(h.cores),
                    if h.cpu_name == "CPU" { "cores".to_string() } else { format!("cores of {}", h.cpu_name) },
                    format::significant(h.w_per_core, 4),
                    format::percent(h.usage)
                ))
                .cite([cites.cpu])
                .t(")");
            if h.memory_gb > 0.0 {
                line = line.t(" and ");
            }
        }
        if h.memory_gb > 0.0 {
            line = line
                .t(format!("memory ({} GB at {} W/GB", format::plain(h.memory_gb), format::plain(MEMORY_W_PER_GB)))
                .cite([cites.memory])
                .t(")");
        }
    }
    line = line.t(format!(" for {}", hours_text(job.hours, unit)));
    if job.devices > 0 {
        line = line.t(format!(
            " at an average accelerator utilization of {} of rated power",
            format::percent(job.utilization)
        ));
    }
    line
}

fn pue_phrase(line: Line, p: &PueUse, cites: &RunCites) -> Line {
    match &p.source {
        Some(s) => line
            .t(format!("a power usage effectiveness (PUE) of {} ({}, {}", format::plain(p.value), s.name, s.year))
            .cite([cites.pue])
            .t(")"),
        None => {
            line.t(format!("a power usage effectiveness (PUE) of {} (entered by the user)", format::plain(p.value)))
        }
    }
}

/// "282.6 gCO2eq/kWh (grid zone US-EGRID-SRVC, SERC …; US EPA eGRID2022, 2022 [4]; basis: …)"
fn intensity_phrase(line: Line, l: &LocationUse, zone_id: &Option<String>, cites: &RunCites) -> Line {
    let line = line.t(format!("{} gCO2eq/kWh (", format::significant(l.intensity_g_per_kwh, 4)));
    match &l.source {
        None => line.t("entered by the user; location not stated)"),
        Some(s) => {
            let zone = match zone_id {
                Some(z) if *z != l.grid => format!("grid zone {z}, {}", l.grid),
                Some(z) => format!("grid zone {z}"),
                None => format!("the provider's own figure for the {}", l.grid),
            };
            line.t(format!("{zone}; {}, {}", s.name, s.year)).cite([cites.grid]).t(format!("; basis: {})", l.basis))
        }
    }
}

fn band(low: f64, high: f64, unit: fn(f64) -> String) -> String {
    range_of(Range { low, central: low, high }, unit)
}

/// "459.6 kWh (range 356.4–504 kWh)", or "333 kWh" with no spread.
fn energy_range(r: Range) -> String {
    let range = range_of(r, format::energy_kwh);
    let central = format::energy_kwh(r.central);
    if range == central {
        central
    } else {
        format!("{central} (range {range})")
    }
}

fn range_sentence(line: Line, job: &Job, bands: &Bands) -> Line {
    let mut line = line.t(" The range combines ");
    if job.devices > 0 {
        line = line.t(format!(
            "an accelerator utilization of {} (±{} points) with ",
            band(bands.utilization_low, bands.utilization_high, format::percent),
            format::plain(UTILIZATION_BAND * 100.0)
        ));
    }
    line.t(format!(
        "a PUE of {}; the grid intensity is an annual average.",
        band(bands.pue_low, bands.pue_high, format::plain)
    ))
}

fn emissions(line: Line, r: Range) -> Line {
    let line = line.strong(format::mass_kg(r.central)).t(" ").co2();
    if r.low == r.high {
        return line;
    }
    line.t(format!(" (range {} ", range_of(r, format::mass_kg))).co2().t(")")
}

fn calculator_line(line: Line) -> Line {
    line.t(format!("the {CALCULATOR_NAME}"))
        .cite([Some(0)])
        .t(format!(" (app version {APP_VERSION}, data version {DATA_VERSION})"))
}

fn subject(facts: &Facts, what: &str) -> String {
    let name = escape::clean(&facts.name);
    if name.is_empty() {
        format!("{what} of the model")
    } else {
        format!("{what} of {}", quoted(&name))
    }
}

fn measured_phrase(line: Line, m: &MeasuredRun, repeat: u32, strong: bool) -> Line {
    let each = if repeat > 1 { " per run" } else { "" };
    let line = line.t(format!(
        "measured with {} ({}; {}; {} h{each}): {} of electricity{each}, taken to include the data-centre overhead (no PUE applied on top), and ",
        escape::clean(&m.source),
        escape::clean(&m.hardware),
        escape::clean(&m.location),
        format::plain(m.duration_h),
        format::energy_kwh(m.energy_kwh),
    ));
    let figure = format::mass_kg(m.emissions_kg);
    let line = if strong { line.strong(figure) } else { line.t(figure) };
    line.t(" ").co2().t(format!("{each} as reported by the tracker with its own grid intensity"))
}

fn cfe_notes(facts: &Facts) -> Option<Vec<Piece>> {
    let mut line = Line::default();
    let mut seen: Vec<&str> = Vec::new();
    for (location, _, cites) in facts.runs.iter().filter_map(site) {
        let (Some(cfe), Some(s)) = (location.provider_cfe, &location.source) else { continue };
        if seen.contains(&location.label.as_str()) {
            continue;
        }
        line = line
            .t(format!(
                "{}{} reports a carbon-free energy (CFE) share of {} for {} ({})",
                if seen.is_empty() { "" } else { " " },
                s.name.split(',').next().unwrap_or(&s.name),
                format::percent(cfe),
                location.label,
                s.year
            ))
            .cite([cites.grid])
            .t(".");
        seen.push(&location.label);
    }
    (!seen.is_empty()).then(|| {
        line.t(if seen.len() == 1 {
            " This is a market-based figure about the provider's energy supply, reported here separately: it is not subtracted from the location-based emissions above and does not reduce them."
        } else {
            " These are market-based figures about the provider's energy supply, reported here separately: they are not subtracted from the location-based emissions above and do not reduce them."
        })
            .done()
    })
}

/// " in Amazon Web Services us-east-1 (…)", or nothing for a custom intensity.
fn in_place(l: &LocationUse) -> String {
    place_phrase(l).map(|p| format!(" in {p}")).unwrap_or_default()
}

/// "1,000,000 requests × 0.3 Wh per request (basis: …)"
fn requests_phrase(line: Line, r: &RequestsUse) -> Line {
    line.t(format!(
        "{} requests × {} Wh per request (basis: {})",
        format::plain(r.requests),
        format::plain(r.wh_per_request),
        quoted(&r.basis)
    ))
}

impl Facts {
    /// The statement as blocks of pieces, for LaTeX, Markdown and text.
    pub fn doc(&self) -> Vec<Block> {
        match self.single() {
            Some(run) => self.single_doc(run),
            None => self.project_doc(),
        }
    }

    fn single_doc(&self, run: &RunFacts) -> Vec<Block> {
        let mut blocks = Vec::new();
        let what = subject(self, &run.phase.label().to_lowercase());
        match &run.detail {
            Detail::Estimated { job, estimate, bands, zone_id, duration_unit, cites } => {
                let mut line =
                    calculator_line(Line::default().t(format!("We estimate the emissions of the {what} with ")))
                        .t(". ");
                line = if run.repeat > 1 {
                    hardware_phrase(
                        line.t(format!("Each of the {} runs{} used ", run.repeat, in_place(&job.location))),
                        job,
                        *duration_unit,
                        cites,
                    )
                } else {
                    hardware_phrase(
                        line.t(format!("The job ran{} on ", in_place(&job.location))),
                        job,
                        *duration_unit,
                        cites,
                    )
                };
                line = pue_phrase(line.t(". With "), &job.pue, cites);
                line = if run.repeat > 1 {
                    line.t(format!(
                        ", the {} runs used an estimated {} of electricity in total ({} per run)",
                        run.repeat,
                        energy_range(run.energy_kwh),
                        format::energy_kwh(estimate.energy_kwh.central)
                    ))
                } else {
                    line.t(format!(", it used an estimated {} of electricity", energy_range(run.energy_kwh)))
                };
                line = intensity_phrase(
                    line.t(". At a location-based grid carbon intensity of "),
                    &job.location,
                    zone_id,
                    cites,
                );
                line = emissions(line.t(", this corresponds to emissions of "), run.emissions_kg).t(".");
                line = range_sentence(line, job, bands);
                blocks.push(Block::Para(line.done()));
            }
            Detail::Requests { requests, zone_id, cites } => {
                let mut line =
                    calculator_line(Line::default().t(format!("We estimate the emissions of the {what} with ")))
                        .t(format!(". It served{} ", in_place(&requests.location)));
                line = requests_phrase(line, requests);
                if run.repeat > 1 {
                    line = line.t(format!(", repeated {} times", run.repeat));
                }
                line = pue_phrase(line.t(". With "), &requests.pue, cites);
                line = line.t(format!(", it used an estimated {} of electricity", energy_range(run.energy_kwh)));
                line = intensity_phrase(
                    line.t(". At a location-based grid carbon intensity of "),
                    &requests.location,
                    zone_id,
                    cites,
                );
                line = emissions(line.t(", this corresponds to emissions of "), run.emissions_kg).t(".");
                line = line.t(format!(
                    " The range comes from the PUE range {}; the grid intensity is an annual average.",
                    band(requests.pue.low, requests.pue.high, format::plain)
                ));
                blocks.push(Block::Para(line.done()));
            }
            Detail::Measured(m) => {
                let mut line = measured_phrase(
                    Line::default().t(format!("The energy of the {what} was ")),
                    m,
                    run.repeat,
                    run.repeat == 1,
                );
                if run.repeat > 1 {
                    line = line.t(format!(
                        ". In total, over the {} runs: {} of electricity and ",
                        run.repeat,
                        format::energy_kwh(run.energy_kwh.central)
                    ));
                    line = emissions(line, run.emissions_kg);
                }
                line = line.t(". Compiled with ");
                line = calculator_line(line).t(".");
                blocks.push(Block::Para(line.done()));
            }
        }
        if let Some(cfe) = cfe_notes(self) {
            blocks.push(Block::Para(cfe));
        }
        blocks
    }

    fn project_doc(&self) -> Vec<Block> {
        let t = &self.totals;
        let n = self.run_count();
        let mut blocks = Vec::new();
        let what = subject(self, "computation behind the development");
        let mut line = calculator_line(Line::default().t(format!("We estimate the emissions of all the {what} with ")));
        line = line.t(format!(
            ": {} {} in {} {}. In total they used an estimated {} of electricity and emitted ",
            n,
            if n == 1 { "run" } else { "runs" },
            t.phases.len(),
            if t.phases.len() == 1 { "phase" } else { "phases" },
            energy_range(t.energy_kwh),
        ));
        line = emissions(line, t.emissions_kg).t(", location-based.");
        if !self.invalid.is_empty() {
            let labels: Vec<String> = self.invalid.iter().map(|r| quoted(&r.label)).collect();
            line = line.t(format!(
                " Left out because a field needs attention: {} ({}).",
                if labels.len() == 1 { "one run".to_string() } else { format!("{} runs", labels.len()) },
                labels.join(", ")
            ));
        }
        blocks.push(Block::Para(line.done()));

        let mut items: Vec<Vec<Piece>> = t
            .phases
            .iter()
            .map(|p| {
                let l = Line::default().t(format!(
                    "{} ({} {}): ",
                    p.phase.label(),
                    p.runs,
                    if p.runs == 1 { "run" } else { "runs" }
                ));
                emissions(l, p.emissions_kg).t(format!(", {}", format::energy_kwh(p.energy_kwh.central))).done()
            })
            .collect();
        let total = Line::default().t(format!("Total ({n} {}): ", if n == 1 { "run" } else { "runs" }));
        items
            .push(emissions(total, t.emissions_kg).t(format!(", {}", format::energy_kwh(t.energy_kwh.central))).done());
        blocks.push(Block::List(Line::default().t("By phase:").done(), items));

        let mut runs: Vec<_> = self
            .runs
            .iter()
            .take(MAX_LISTED_RUNS)
            .map(|r| {
                let mut line = Line::default().t(format!("{}, {}", r.phase.label(), quoted(&r.label)));
                if r.repeat > 1 {
                    line = line.t(format!(", {} runs, each", r.repeat));
                }
                line = line.t(": ");
                if let Some((l, _, _)) = site(r) {
                    if let Some(p) = place_phrase(l) {
                        line = line.t(format!("in {p}, "));
                    }
                }
                match &r.detail {
                    Detail::Estimated { job, bands, zone_id, duration_unit, cites, .. } => {
                        line = hardware_phrase(line, job, *duration_unit, cites);
                        line = pue_phrase(line.t("; "), &job.pue, cites);
                        line = intensity_phrase(line.t("; grid intensity "), &job.location, zone_id, cites);
                        line = line.t(format!("; energy {}; emissions ", energy_range(r.energy_kwh)));
                        line = emissions(line, r.emissions_kg);
                        line = line.t(if job.devices > 0 {
                            format!(
                                "; ranges from utilization {} and PUE {}.",
                                band(bands.utilization_low, bands.utilization_high, format::percent),
                                band(bands.pue_low, bands.pue_high, format::plain)
                            )
                        } else {
                            format!("; range from PUE {}.", band(bands.pue_low, bands.pue_high, format::plain))
                        });
                    }
                    Detail::Requests { requests, zone_id, cites } => {
                        line = requests_phrase(line, requests);
                        line = pue_phrase(line.t("; "), &requests.pue, cites);
                        line = intensity_phrase(line.t("; grid intensity "), &requests.location, zone_id, cites);
                        line = line.t(format!("; energy {}; emissions ", energy_range(r.energy_kwh)));
                        line = emissions(line, r.emissions_kg).t(format!(
                            "; range from PUE {}.",
                            band(requests.pue.low, requests.pue.high, format::plain)
                        ));
                    }
                    Detail::Measured(m) => {
                        line = measured_phrase(line, m, r.repeat, false);
                        line = line.t("; total ");
                        line = emissions(line, r.emissions_kg).t(".");
                    }
                }
                line.done()
            })
            .collect();
        if self.runs.len() > MAX_LISTED_RUNS {
            let more = self.runs.len() - MAX_LISTED_RUNS;
            runs.push(
                Line::default()
                    .t(format!(
                        "… and {} more {}, counted in the totals above; the JSON export lists every run.",
                        format::plain(more as f64),
                        if more == 1 { "run" } else { "runs" }
                    ))
                    .done(),
            );
        }
        blocks.push(Block::List(Line::default().t("Runs:").done(), runs));
        blocks.push(Block::Para(
            Line::default()
                .t("Energy = devices × power × utilization × hours × PUE (plus host CPU and memory where given), or requests × energy per request × PUE; emissions = energy × the location-based annual grid carbon intensity. Measured runs use the tracker's energy as recorded.")
                .done(),
        ));
        if let Some(cfe) = cfe_notes(self) {
            blocks.push(Block::Para(cfe));
        }
        blocks
    }

    /// Distinct hardware of the valid runs: "8 × NVIDIA H100 SXM5 80GB".
    pub fn hardware_summary(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.runs {
            let s = match &r.detail {
                Detail::Estimated { job, .. } if job.devices == 0 => match &job.host {
                    Some(h) if h.cores > 0.0 => format!("{} CPU cores ({})", format::plain(h.cores), h.cpu_name),
                    _ => "CPU and memory".to_string(),
                },
                Detail::Estimated { job, .. } => format!("{} × {}", job.devices, job.hardware.name),
                Detail::Requests { .. } => "not stated (estimated from energy per request)".to_string(),
                Detail::Measured(m) => escape::clean(&m.hardware),
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Distinct locations of the valid runs.
    pub fn location_summary(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.runs {
            let s = match site(r) {
                Some((l, _, _)) => {
                    if l.source.is_none() {
                        "not stated (custom grid intensity)".to_string()
                    } else if l.place.is_empty() || l.place == l.label {
                        l.label.clone()
                    } else {
                        format!("{}, {}", l.label, l.place)
                    }
                }
                None => match &r.detail {
                    Detail::Measured(m) => escape::clean(&m.location),
                    _ => String::new(),
                },
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}
