//! What a statement says, gathered once from the evaluated project: every
//! valid run with its factors, the runs left out, the totals, and every source
//! cited (the calculator first).

use super::{StatementError, CALCULATOR_NAME, CALCULATOR_URL};
use crate::data::{memory_power_source, Source};
use crate::embodied::EmbodiedUse;
use crate::form::DurationUnit;
use crate::job::{Errors, IntensityBasis, Job, LocationUse, PueUse};
use crate::model::Range;
use crate::project::{Detail, Phase, Project, ProjectTotals};
use crate::text;
use crate::{APP_VERSION, DATA_VERSION};

/// The prefix of every BibTeX key: a paper's own keys never start with it.
pub const KEY_PREFIX: &str = "mlec-";

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

/// Indexes into [`Facts::citations`] for the factors of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RunCites {
    pub hardware: Option<usize>,
    pub grid: Option<usize>,
    pub pue: Option<usize>,
    pub cpu: Option<usize>,
    pub memory: Option<usize>,
    /// The provider's own carbon data for the region (its figure and CFE share).
    pub provider: Option<usize>,
    /// The device's peak throughput (jobs whose compute is known).
    pub peak: Option<usize>,
    /// The hardware's embodied (manufacturing) footprint.
    pub embodied: Option<usize>,
}

/// One run without errors.
#[derive(Debug, Clone, PartialEq)]
pub struct RunFacts {
    /// Position in the project's runs.
    pub index: usize,
    pub label: String,
    pub phase: Phase,
    pub repeat: u32,
    /// Totals including the repeat count.
    pub energy_kwh: Range,
    pub emissions_kg: Range,
    pub detail: Detail,
    /// The manufacturing share, including the repeat count.
    pub embodied: Option<EmbodiedUse>,
    /// The unit the duration was typed in (the statement repeats it).
    pub unit: DurationUnit,
    pub cites: RunCites,
    /// The cloud provider and region, for a run placed in a cloud region.
    pub cloud: Option<CloudSite>,
}

/// A cloud region as the form chose it.
#[derive(Debug, Clone, PartialEq)]
pub struct CloudSite {
    /// The provider's key ("aws", "gcp").
    pub provider_key: String,
    /// The provider's name ("Amazon Web Services").
    pub provider: String,
    /// The region code ("us-east-1").
    pub region: String,
}

impl RunFacts {
    /// Location, PUE and citations of a run estimated from hardware or from requests.
    pub fn site(&self) -> Option<(&LocationUse, &PueUse, &RunCites)> {
        match &self.detail {
            Detail::Estimated { job, .. } => Some((&job.location, &job.pue, &self.cites)),
            Detail::Requests(r) => Some((&r.location, &r.pue, &self.cites)),
            Detail::Measured(_) => None,
        }
    }

    pub fn is_measured(&self) -> bool {
        matches!(self.detail, Detail::Measured(_))
    }
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
    /// The facts of `project`, read from its evaluation `totals` (nothing is
    /// evaluated again). Needs at least one run without errors.
    pub fn new(project: &Project, totals: &ProjectTotals) -> Result<Facts, StatementError> {
        let mut citations = vec![calculator_citation()];
        let mut runs = Vec::new();
        let mut invalid = Vec::new();
        for (index, (run, outcome)) in project.runs().iter().zip(&totals.runs).enumerate() {
            match outcome {
                Err(errors) => invalid.push(InvalidRun { index, label: run.label.clone(), errors: errors.clone() }),
                Ok(o) => {
                    let mut cites = match &o.detail {
                        Detail::Estimated { job, .. } => job_cites(job, &mut citations),
                        Detail::Requests(r) => site_cites(&r.location, &r.pue, &mut citations),
                        Detail::Measured(_) => RunCites::default(),
                    };
                    if let (Some(e), Detail::Estimated { job, .. }) = (&o.embodied, &o.detail) {
                        let title = if e.fallback {
                            format!("Embodied emissions: default per device ({})", e.includes.label())
                        } else {
                            format!("Embodied emissions of the {}", job.hardware.name)
                        };
                        cites.embodied =
                            Some(cite(&mut citations, "misc", &e.source.name, "embodied", &title, &e.source, vec![]));
                    }
                    runs.push(RunFacts {
                        index,
                        label: run.label.clone(),
                        phase: run.phase,
                        repeat: o.repeat,
                        energy_kwh: o.energy_kwh,
                        emissions_kg: o.emissions_kg,
                        detail: o.detail.clone(),
                        embodied: o.embodied.clone(),
                        unit: run.form.unit,
                        cites,
                        cloud: cloud_site(run, &o.detail),
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
        Ok(Facts { name: project.name.clone(), runs, invalid, totals: totals.clone(), citations })
    }

    /// The run, when the statement describes one run (the plain calculator).
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

    /// True when every run's figures come from a tracker.
    pub fn all_measured(&self) -> bool {
        self.runs.iter().all(RunFacts::is_measured)
    }

    /// Distinct hardware of the valid runs: "8 × NVIDIA H100 SXM5 80GB".
    pub fn hardware_summary(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.runs {
            let s = match &r.detail {
                Detail::Estimated { job, .. } if job.devices == 0 => match &job.host {
                    Some(h) if h.cores > 0.0 => {
                        format!("{} CPU cores ({})", crate::format::plain(h.cores), h.cpu_name)
                    }
                    _ => "CPU and memory".to_string(),
                },
                Detail::Estimated { job, .. } => format!("{} × {}", job.devices, job.hardware.name),
                Detail::Requests(_) => "not stated (estimated from energy per request)".to_string(),
                Detail::Measured(m) => text::clean(&m.hardware),
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
            let s = match (&r.detail, r.site()) {
                (_, Some((l, _, _))) if l.source.is_none() => "not stated (custom grid intensity)".to_string(),
                (_, Some((l, _, _))) if l.place.is_empty() || l.place == l.label => l.label.clone(),
                (_, Some((l, _, _))) => format!("{}, {}", l.label, l.place),
                (Detail::Measured(m), None) => text::clean(&m.location),
                _ => String::new(),
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

/// The cloud region of a run estimated from hardware or requests in a cloud
/// region. The provider's name is the start of the location's label
/// ("Amazon Web Services us-east-1 (US East (N. Virginia))").
fn cloud_site(run: &crate::project::Run, detail: &Detail) -> Option<CloudSite> {
    let location = match detail {
        Detail::Estimated { job, .. } => &job.location,
        Detail::Requests(r) => &r.location,
        Detail::Measured(_) => return None,
    };
    if run.form.location != crate::form::LocationMode::Cloud {
        return None;
    }
    let region = run.form.region.trim().to_string();
    let provider = location
        .label
        .split_once(&format!(" {region} ("))
        .map_or_else(|| run.form.provider.clone(), |(p, _)| p.to_string());
    Some(CloudSite { provider_key: run.form.provider.clone(), provider, region })
}

/// Citations for the grid intensity and the PUE of a run.
fn site_cites(location: &LocationUse, pue: &PueUse, citations: &mut Vec<Citation>) -> RunCites {
    let mut cites = RunCites::default();
    if let Some(s) = &pue.source {
        // The PUE table names the organisation behind each figure (the provider,
        // Uptime Institute, …); its title names the figure.
        let title = format!("Power usage effectiveness (PUE): {}", pue.label);
        cites.pue = Some(cite(citations, "misc", &s.name, "pue", &title, s, vec![]));
    }
    // Numbered in the order the statement names them: the grid figure used, then
    // the provider's own data beside it.
    let provider = |citations: &mut Vec<Citation>| {
        location.provider_figure.as_ref().map(|f| {
            let s = &f.source;
            let provider = s.name.split(',').next().unwrap_or(&s.name);
            cite(citations, "misc", provider, "region", "Carbon data for cloud regions", s, vec![])
        })
    };
    if location.intensity_basis == IntensityBasis::Provider {
        cites.provider = provider(citations);
        cites.grid = cites.provider;
    } else {
        if let Some(s) = &location.source {
            cites.grid = Some(cite(citations, "misc", &s.name, "grid", "Carbon intensity of electricity", s, vec![]));
        }
        cites.provider = provider(citations);
    }
    cites
}

/// Citations for every factor of a run estimated from hardware.
fn job_cites(job: &Job, citations: &mut Vec<Citation>) -> RunCites {
    let mut cites = RunCites::default();
    if let Some(s) = &job.hardware.source {
        let title = format!("{} specifications", job.hardware.name);
        cites.hardware = Some(cite(citations, "misc", &s.name, "", &title, s, vec![]));
    }
    if let Some(h) = &job.host {
        if let Some(s) = &h.cpu_source {
            let title = format!("{} specifications", h.cpu_name);
            cites.cpu = Some(cite(citations, "misc", &s.name, "", &title, s, vec![]));
        }
        if h.memory_gb > 0.0 {
            cites.memory = Some(cite(
                citations,
                "article",
                "Lannelongue, Loïc and Grealey, Jason and Inouye, Michael",
                "",
                "Green Algorithms: Quantifying the Carbon Footprint of Computation",
                &memory_power_source(),
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
    if let Some(c) = job.compute.as_ref().filter(|c| c.by_compute) {
        if let Some(s) = &c.peak.source {
            let title = format!("{}: peak dense {} throughput", job.hardware.name, c.peak.precision.label());
            cites.peak = Some(cite(citations, "misc", &s.name, "peak", &title, s, vec![]));
        }
    }
    let site = site_cites(&job.location, &job.pue, citations);
    RunCites { grid: site.grid, pue: site.pue, provider: site.provider, ..cites }
}

fn calculator_citation() -> Citation {
    Citation {
        key: format!("{KEY_PREFIX}calculator"),
        entry: "misc",
        author: format!("{CALCULATOR_NAME} contributors"),
        title: format!("{CALCULATOR_NAME}: carbon footprint of machine-learning training and inference"),
        year: crate::data::DATA_YEAR,
        url: CALCULATOR_URL.into(),
        extra: vec![],
        note: format!("Version {APP_VERSION}, data version {DATA_VERSION}"),
    }
}

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
    // "mlec-" + what it supports + the author's first word + the year: keys
    // the user's own bibliography cannot hold ("mlec-pue-amazon-2025").
    let word: String = author
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| w.len() >= 3)
        .unwrap_or("source")
        .to_ascii_lowercase()
        .chars()
        .take(16)
        .collect();
    let base = if stem.is_empty() {
        format!("{KEY_PREFIX}{word}-{}", source.year)
    } else {
        format!("{KEY_PREFIX}{stem}-{word}-{}", source.year)
    };
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
        title: if source.title.is_empty() { title.into() } else { source.title.clone() },
        year: source.year,
        url: source.url.clone(),
        extra,
        note: format!("Cited by the {CALCULATOR_NAME}, data version {DATA_VERSION}"),
    });
    citations.len() - 1
}
