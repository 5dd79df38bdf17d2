//! A project: every run it took to make a model, grouped by phase. The
//! single-run calculator is a project with one run. [`Project`] keeps its
//! invariant (at least one run, the active index in range) itself: every
//! change goes through its methods. [`evaluate`] computes every run and the
//! totals once; everything the app shows reads that one [`ProjectTotals`].
//!
//! Longer than 450 lines because the project's invariant is kept by its own methods (every change
//! goes through them) and `evaluate` sits beside them; moving either out would open the invariant
//! to other modules.

use crate::data::{Basis, Dataset};
use crate::embodied::{self, EmbodiedUse};
use crate::fields::{self, FieldId};
use crate::form::{self, DurationUnit, FormState};
use crate::job::{self, Errors, Job, LocationUse, PueUse};
use crate::model::{Estimate, Range};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Exploration,
    HyperparameterSearch,
    Failed,
    #[default]
    FinalTraining,
    FineTuning,
    Inference,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Exploration,
        Phase::HyperparameterSearch,
        Phase::Failed,
        Phase::FinalTraining,
        Phase::FineTuning,
        Phase::Inference,
    ];

    fn choice(self) -> (&'static str, &'static str) {
        fields::PHASE.choices()[self as usize]
    }

    /// "Hyperparameter search" (the registry's label for this choice).
    pub fn label(self) -> &'static str {
        self.choice().1
    }

    /// Stable key for JSON, permalinks and the CLI (the registry's choice key).
    pub fn key(self) -> &'static str {
        self.choice().0
    }

    pub fn from_key(key: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Phases whose runs did not make the final model (the waste a project can cut).
    pub fn is_overhead(self) -> bool {
        matches!(self, Phase::Exploration | Phase::HyperparameterSearch | Phase::Failed)
    }
}

/// Largest measured energy (kWh) or emissions (kg) accepted from a file or a link.
pub const MAX_MEASURED: f64 = 1e12;

/// A run whose energy was measured by a tracker (CodeCarbon).
///
/// The fields after `hardware` came with the importer's report (2026.12): older
/// exports and links lack them and read as "not recorded".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MeasuredRun {
    /// Energy as recorded (× `pue_applied` when one was applied).
    pub energy_kwh: f64,
    /// Emissions as recorded (× `pue_applied` when one was applied).
    pub emissions_kg: f64,
    pub duration_h: f64,
    /// "emissions.csv (CodeCarbon 3.3.2), run 5b0fa12a, line 12".
    pub source: String,
    /// Country/region as the tracker recorded it.
    pub location: String,
    /// Hardware as the tracker recorded it.
    pub hardware: String,
    /// The PUE the tracker recorded (CodeCarbon's `pue` column): its energy is
    /// already multiplied by it. CodeCarbon's default is 1.0, no data-centre
    /// overhead. None: not recorded (older CodeCarbon versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pue: Option<f64>,
    /// A PUE applied on import to a run recorded at PUE 1.0: energy, emissions
    /// and the per-component energies above are the tracker's × this value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pue_applied: Option<f64>,
    /// CodeCarbon's tracking mode: "machine" or "process".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tracking_mode: String,
    /// The tracker's run_id (CodeCarbon: a UUID per tracker).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub run_id: String,
    /// Per-component energy as recorded (kWh, PUE included like the total).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_energy_kwh: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpu_energy_kwh: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ram_energy_kwh: Option<f64>,
}

/// An inference estimate from a request count and an energy per request.
/// Location and PUE come from the run's form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PerRequest {
    pub requests: String,
    pub wh_per_request: String,
    /// Where the energy per request comes from (required).
    pub basis: String,
}

impl Default for PerRequest {
    /// The registry's defaults: a million requests at 0.3 Wh, basis to be stated.
    fn default() -> Self {
        PerRequest {
            requests: fields::REQUESTS.default.into(),
            wh_per_request: fields::WH_PER_REQUEST.default.into(),
            basis: fields::BASIS.default.into(),
        }
    }
}

/// What a run is estimated from.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RunKind {
    /// Hardware × devices × hours (the calculator's form).
    #[default]
    Hardware,
    /// Requests × energy per request × PUE (no hardware needed).
    PerRequest(PerRequest),
    /// A tracker's measurement: its energy already includes the data centre
    /// overhead, so no PUE is applied again.
    Measured(MeasuredRun),
}

impl RunKind {
    /// "hardware", "requests" or "measured".
    pub fn key(&self) -> &'static str {
        match self {
            RunKind::Hardware => "hardware",
            RunKind::PerRequest(_) => "requests",
            RunKind::Measured(_) => "measured",
        }
    }
}

/// One run of a project. Serialized in the export's version-1 shape (`measured`
/// and `per_request` as optional objects beside the form).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "RunWire")]
pub struct Run {
    pub label: String,
    pub phase: Phase,
    /// How many similar runs this row stands for, as typed ("50" for a 50-trial search).
    pub repeat: String,
    /// Hardware, duration, location and PUE as typed. Runs from requests read
    /// only the location and PUE; measured runs none of it.
    pub form: FormState,
    pub kind: RunKind,
}

#[derive(Deserialize)]
#[serde(default)]
struct RunWire {
    label: String,
    phase: Phase,
    repeat: String,
    form: FormState,
    measured: Option<MeasuredRun>,
    per_request: Option<PerRequest>,
}

impl Default for RunWire {
    fn default() -> Self {
        let r = Run::default();
        RunWire { label: r.label, phase: r.phase, repeat: r.repeat, form: r.form, measured: None, per_request: None }
    }
}

/// The same shape, borrowed, for writing.
#[derive(Serialize)]
struct RunRef<'a> {
    label: &'a str,
    phase: Phase,
    repeat: &'a str,
    form: &'a FormState,
    measured: Option<&'a MeasuredRun>,
    per_request: Option<&'a PerRequest>,
}

impl Serialize for Run {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RunRef {
            label: &self.label,
            phase: self.phase,
            repeat: &self.repeat,
            form: &self.form,
            measured: self.measured(),
            per_request: self.per_request(),
        }
        .serialize(s)
    }
}

impl From<RunWire> for Run {
    /// A file naming both a measurement and requests is read as measured, as
    /// every version has done.
    fn from(w: RunWire) -> Run {
        let kind = match (w.measured, w.per_request) {
            (Some(m), _) => RunKind::Measured(m),
            (None, Some(p)) => RunKind::PerRequest(p),
            (None, None) => RunKind::Hardware,
        };
        Run { label: w.label, phase: w.phase, repeat: w.repeat, form: w.form, kind }
    }
}

impl Default for Run {
    fn default() -> Self {
        Run {
            label: fields::LABEL.default.into(),
            phase: Phase::FinalTraining,
            repeat: fields::REPEAT.default.into(),
            form: FormState::default(),
            kind: RunKind::Hardware,
        }
    }
}

impl Run {
    pub fn measured(&self) -> Option<&MeasuredRun> {
        match &self.kind {
            RunKind::Measured(m) => Some(m),
            _ => None,
        }
    }

    pub fn per_request(&self) -> Option<&PerRequest> {
        match &self.kind {
            RunKind::PerRequest(p) => Some(p),
            _ => None,
        }
    }

    /// Switch between estimating from hardware and from requests (a measured
    /// run stays measured). Requests typed before are kept for the way back
    /// only while the run stays per-request.
    pub fn set_by_requests(&mut self, on: bool) {
        match (&self.kind, on) {
            (RunKind::Hardware, true) => self.kind = RunKind::PerRequest(PerRequest::default()),
            (RunKind::PerRequest(_), false) => self.kind = RunKind::Hardware,
            _ => {}
        }
    }

    /// The value of any field as its wire text; `None` for a field this run
    /// does not hold (the requests of a hardware run).
    pub fn get(&self, id: FieldId) -> Option<&str> {
        match id {
            FieldId::Label => Some(&self.label),
            FieldId::Phase => Some(self.phase.key()),
            FieldId::Repeat => Some(&self.repeat),
            FieldId::Requests => self.per_request().map(|p| p.requests.as_str()),
            FieldId::WhPerRequest => self.per_request().map(|p| p.wh_per_request.as_str()),
            FieldId::Basis => self.per_request().map(|p| p.basis.as_str()),
            _ => self.form.get(id),
        }
    }

    /// Set any field from its wire text (as typed; validation reports on it
    /// later). Setting a request field makes a hardware run per-request. A choice
    /// that cannot be read is refused with a message and nothing changes.
    pub fn set(&mut self, id: FieldId, value: &str) -> Result<(), String> {
        match id {
            FieldId::Label => self.label = value.to_string(),
            FieldId::Phase => {
                self.phase = Phase::from_key(value.trim()).ok_or_else(|| form::invalid_choice(id, value))?
            }
            FieldId::Repeat => self.repeat = value.to_string(),
            FieldId::Requests | FieldId::WhPerRequest | FieldId::Basis => {
                self.set_by_requests(true);
                if let RunKind::PerRequest(p) = &mut self.kind {
                    let slot = match id {
                        FieldId::Requests => &mut p.requests,
                        FieldId::WhPerRequest => &mut p.wh_per_request,
                        _ => &mut p.basis,
                    };
                    *slot = value.to_string();
                }
            }
            _ => {
                self.form.set(id, value)?;
            }
        }
        Ok(())
    }

    /// Whether the estimate of this run reads this input of its form or of its
    /// requests (a link records these even at their default value). The label,
    /// phase and repeat count belong to every run and are not counted here.
    pub fn uses(&self, id: FieldId) -> bool {
        match &self.kind {
            RunKind::Measured(_) => false,
            RunKind::PerRequest(_) => {
                matches!(id, FieldId::Requests | FieldId::WhPerRequest | FieldId::Basis) || self.form.uses(id, false)
            }
            RunKind::Hardware => self.form.uses(id, true),
        }
    }

    /// A copy of this run placed after it in the ledger.
    pub fn copy(&self) -> Run {
        let label = crate::text::clip(&format!("{} (copy)", self.label), fields::LABEL_MAX_CHARS);
        Run { label, ..self.clone() }
    }

    /// Another run like `base` (same hardware and place), estimated from its
    /// hardware: the ledger's "Add a run".
    pub fn exploration_like(base: &Run) -> Run {
        Run { label: "Exploration".into(), phase: Phase::Exploration, kind: RunKind::Hardware, ..base.clone() }
    }

    /// A 50-trial search of 2-hour runs like `base`: "Add a search".
    pub fn search_like(base: &Run) -> Run {
        let mut r = Run {
            label: "Hyperparameter search".into(),
            phase: Phase::HyperparameterSearch,
            repeat: "50".into(),
            kind: RunKind::Hardware,
            ..base.clone()
        };
        r.form.duration = "2".into();
        r.form.unit = DurationUnit::Hours;
        r
    }

    /// Serving in the same place as `base`, from requests: "Add inference".
    pub fn inference_like(base: &Run) -> Run {
        Run {
            label: "Serving".into(),
            phase: Phase::Inference,
            repeat: "1".into(),
            kind: RunKind::PerRequest(PerRequest::default()),
            ..base.clone()
        }
    }
}

/// Every run of a project and the one shown in the calculator.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub name: String,
    /// The basis of every zone's grid intensity in this project: lifecycle (the
    /// default) or direct (combustion / scope 2, where published).
    pub grid_basis: Basis,
    /// Add the hardware's manufacturing share to the headline total (it is
    /// always reported apart).
    pub include_embodied: bool,
    /// Never empty.
    runs: Vec<Run>,
    /// Index of the run shown in the calculator; always in range.
    active: usize,
}

/// The export's shape of a project (`runs` may be empty or `active` out of
/// range in a file: reading normalizes).
#[derive(Serialize, Deserialize)]
#[serde(default)]
struct ProjectWire {
    name: String,
    grid_basis: Basis,
    include_embodied: bool,
    runs: Vec<Run>,
    active: usize,
}

impl Default for ProjectWire {
    fn default() -> Self {
        ProjectWire {
            name: String::new(),
            grid_basis: Basis::Lifecycle,
            include_embodied: false,
            runs: vec![Run::default()],
            active: 0,
        }
    }
}

#[derive(Serialize)]
struct ProjectRef<'a> {
    name: &'a str,
    grid_basis: Basis,
    include_embodied: bool,
    runs: &'a [Run],
    active: usize,
}

impl Serialize for Project {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ProjectRef {
            name: &self.name,
            grid_basis: self.grid_basis,
            include_embodied: self.include_embodied,
            runs: &self.runs,
            active: self.active,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Project {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = ProjectWire::deserialize(d)?;
        let mut p = Project::new(w.name, w.runs, w.active);
        p.grid_basis = w.grid_basis;
        p.include_embodied = w.include_embodied;
        Ok(p)
    }
}

impl Default for Project {
    fn default() -> Self {
        Project::new(String::new(), vec![Run::default()], 0)
    }
}

impl Project {
    /// A project of these runs (a default run when there is none), showing run
    /// `active` (the first when out of range).
    pub fn new(name: String, mut runs: Vec<Run>, active: usize) -> Project {
        if runs.is_empty() {
            runs.push(Run::default());
        }
        let active = if active < runs.len() { active } else { 0 };
        Project { name, grid_basis: Basis::Lifecycle, include_embodied: false, runs, active }
    }

    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    pub fn len(&self) -> usize {
        self.runs.len()
    }

    /// Never true: a project always has a run. (For clippy's `len` rule.)
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    pub fn run(&self, i: usize) -> Option<&Run> {
        self.runs.get(i)
    }

    pub fn run_mut(&mut self, i: usize) -> Option<&mut Run> {
        self.runs.get_mut(i)
    }

    /// Index of the run shown in the calculator.
    pub fn active(&self) -> usize {
        self.active
    }

    pub fn active_run(&self) -> &Run {
        &self.runs[self.active]
    }

    pub fn active_run_mut(&mut self) -> &mut Run {
        &mut self.runs[self.active]
    }

    /// Show run `i`; false (and nothing changes) when there is no such run.
    pub fn select(&mut self, i: usize) -> bool {
        let ok = i < self.runs.len();
        if ok {
            self.active = i;
        }
        ok
    }

    /// Add a run at the end and show it; returns its index.
    pub fn push(&mut self, run: Run) -> usize {
        self.runs.push(run);
        self.active = self.runs.len() - 1;
        self.active
    }

    /// Insert a copy of run `i` after it and show the copy; its index, or None.
    pub fn duplicate(&mut self, i: usize) -> Option<usize> {
        let copy = self.runs.get(i)?.copy();
        self.runs.insert(i + 1, copy);
        self.active = i + 1;
        Some(self.active)
    }

    /// Remove run `i` unless it is the last one. The run shown stays the same
    /// run when it is another one; when it is the removed one, its neighbour
    /// takes its place. Returns whether a run was removed.
    pub fn remove(&mut self, i: usize) -> bool {
        if self.runs.len() <= 1 || i >= self.runs.len() {
            return false;
        }
        self.runs.remove(i);
        if self.active > i || self.active >= self.runs.len() {
            self.active -= 1;
        }
        true
    }

    /// True for the project a new visitor starts with (one default run, no name).
    pub fn is_fresh(&self) -> bool {
        self.name.is_empty()
            && self.grid_basis == Basis::Lifecycle
            && !self.include_embodied
            && self.runs.len() == 1
            && self.runs[0] == Run::default()
    }

    /// Add imported runs: they replace a fresh default project, else they are
    /// appended. The run shown does not change (the first import shows run 1).
    pub fn import(&mut self, runs: Vec<Run>) {
        if runs.is_empty() {
            return;
        }
        if self.is_fresh() {
            self.runs = runs;
            self.active = 0;
        } else {
            self.runs.extend(runs);
        }
    }
}

/// How one valid run was evaluated.
// The detail of one run per outcome: size differences do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Detail {
    /// From hardware: the validated job and its estimate for one run.
    Estimated { job: Job, estimate: Estimate },
    /// From requests × energy per request.
    Requests(RequestsUse),
    /// A tracker's figures, as recorded.
    Measured(MeasuredRun),
}

/// A validated per-request estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestsUse {
    pub requests: f64,
    pub wh_per_request: f64,
    pub basis: String,
    pub location: LocationUse,
    pub pue: PueUse,
}

/// One run's result, including the repeat count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunOutcome {
    pub detail: Detail,
    pub repeat: u32,
    pub energy_kwh: Range,
    /// Operational (electricity) emissions, including the repeat count.
    pub emissions_kg: Range,
    /// The hardware's manufacturing share, including the repeat count; None
    /// where no figure applies (runs from requests or measurements).
    #[serde(default)]
    pub embodied: Option<EmbodiedUse>,
}

impl RunOutcome {
    /// The validated job of a run estimated from hardware.
    pub fn job(&self) -> Option<&Job> {
        match &self.detail {
            Detail::Estimated { job, .. } => Some(job),
            _ => None,
        }
    }

    /// Operational emissions plus, when `include_embodied`, the manufacturing
    /// share (repeat count included).
    pub fn total_kg(&self, include_embodied: bool) -> Range {
        match (&self.embodied, include_embodied) {
            (Some(e), true) => self.emissions_kg + e.kg,
            _ => self.emissions_kg,
        }
    }

    /// The manufacturing share of one run, before the repeat count.
    pub fn embodied_one_run_kg(&self) -> Option<Range> {
        let repeat = f64::from(self.repeat.max(1));
        self.embodied.as_ref().map(|e| e.kg.map(|x| x / repeat))
    }

    /// The figure the results card leads with: one run (before the repeat
    /// count) for a run estimated from hardware, the whole outcome otherwise;
    /// with the manufacturing share when `include_embodied`.
    pub fn headline_kg(&self, include_embodied: bool) -> Range {
        match &self.detail {
            Detail::Estimated { estimate, .. } => match (include_embodied, self.embodied_one_run_kg()) {
                (true, Some(e)) => estimate.emissions_kg + e,
                _ => estimate.emissions_kg,
            },
            _ => self.total_kg(include_embodied),
        }
    }

    /// Where the run ran and its PUE (runs estimated from hardware or requests).
    pub fn site(&self) -> Option<(&LocationUse, &PueUse)> {
        match &self.detail {
            Detail::Estimated { job, .. } => Some((&job.location, &job.pue)),
            Detail::Requests(r) => Some((&r.location, &r.pue)),
            Detail::Measured(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseTotal {
    pub phase: Phase,
    pub runs: usize,
    pub energy_kwh: Range,
    pub emissions_kg: Range,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectTotals {
    pub runs: Vec<Result<RunOutcome, Errors>>,
    /// Phases that have at least one valid run, in `Phase::ALL` order.
    pub phases: Vec<PhaseTotal>,
    pub energy_kwh: Range,
    /// Operational (electricity) emissions: never the manufacturing share.
    pub emissions_kg: Range,
    /// Runs left out of the totals because a field is invalid.
    pub invalid_runs: usize,
    /// The manufacturing share of the valid runs that have one.
    pub embodied_kg: Range,
    /// Valid runs without a manufacturing figure (from requests or measurements).
    pub embodied_missing: usize,
    /// Whether the headline adds the manufacturing share (the project's choice).
    pub include_embodied: bool,
}

impl ProjectTotals {
    /// The figure a reader sees first: operational emissions, plus the
    /// manufacturing share when the project includes it.
    pub fn headline_kg(&self) -> Range {
        if self.include_embodied {
            self.emissions_kg + self.embodied_kg
        } else {
            self.emissions_kg
        }
    }

    /// Runs counted in the totals, with their repeat counts.
    pub fn run_count(&self) -> usize {
        self.phases.iter().map(|p| p.runs).sum()
    }
}

/// Evaluate one run, with zone intensities on `basis`.
pub fn evaluate_run(run: &Run, data: &Dataset, basis: Basis) -> Result<RunOutcome, Errors> {
    let repeat = fields::REPEAT.parse(&run.repeat).map_err(|m| Errors::from([(FieldId::Repeat, m)]));
    match &run.kind {
        RunKind::Measured(m) => {
            let repeat = repeat?;
            Ok(RunOutcome {
                repeat: repeat as u32,
                energy_kwh: Range::exact(m.energy_kwh * repeat),
                emissions_kg: Range::exact(m.emissions_kg * repeat),
                detail: Detail::Measured(m.clone()),
                embodied: None,
            })
        }
        RunKind::PerRequest(pr) => evaluate_requests(pr, &run.form, data, basis, repeat),
        RunKind::Hardware => match (job::validate_on(&run.form, data, basis), repeat) {
            (Ok(job), Ok(repeat)) => {
                let estimate = job.estimate();
                let embodied = embodied::of_job(&job, data, job.lifetime_years).map(|e| EmbodiedUse {
                    kg: e.kg.map(|x| x * repeat),
                    device_hours: e.device_hours * repeat,
                    ..e
                });
                Ok(RunOutcome {
                    repeat: repeat as u32,
                    energy_kwh: estimate.energy_kwh.map(|x| x * repeat),
                    emissions_kg: estimate.emissions_kg.map(|x| x * repeat),
                    detail: Detail::Estimated { job, estimate },
                    embodied,
                })
            }
            (Err(mut errors), repeat) => {
                if let Err(r) = repeat {
                    errors.extend(r);
                }
                Err(errors)
            }
            (Ok(_), Err(r)) => Err(r),
        },
    }
}

fn evaluate_requests(
    pr: &PerRequest,
    form: &FormState,
    data: &Dataset,
    basis: Basis,
    repeat: Result<f64, Errors>,
) -> Result<RunOutcome, Errors> {
    let mut errors = repeat.as_ref().err().cloned().unwrap_or_default();
    let requests = job::number(&mut errors, &fields::REQUESTS, &pr.requests);
    let wh = job::number(&mut errors, &fields::WH_PER_REQUEST, &pr.wh_per_request);
    let stated = pr.basis.trim();
    if stated.is_empty() {
        errors.insert(FieldId::Basis, "State where the energy per request comes from.".into());
    } else if stated.chars().count() > fields::BASIS_MAX_CHARS {
        errors.insert(FieldId::Basis, format!("Keep the basis under {} characters.", fields::BASIS_MAX_CHARS));
    }
    let (location, pue) = job::validate_site(form, data, basis, &mut errors);
    match (requests, wh, location, pue, repeat) {
        (Some(requests), Some(wh_per_request), Some(location), Some(pue), Ok(repeat)) if errors.is_empty() => {
            let kwh = |p: f64| requests * wh_per_request * p / 1000.0 * repeat;
            let energy = Range { low: kwh(pue.low), central: kwh(pue.value), high: kwh(pue.high) };
            let ci = location.intensity_g_per_kwh;
            Ok(RunOutcome {
                repeat: repeat as u32,
                energy_kwh: energy,
                emissions_kg: energy.map(|e| e * ci / 1000.0),
                embodied: None,
                detail: Detail::Requests(RequestsUse {
                    requests,
                    wh_per_request,
                    basis: stated.to_string(),
                    location,
                    pue,
                }),
            })
        }
        _ => Err(errors),
    }
}

static EVALUATIONS: AtomicUsize = AtomicUsize::new(0);

/// How many times [`evaluate`] has run in this process: the benchmark counts
/// evaluations per keystroke with it.
pub fn evaluations() -> usize {
    EVALUATIONS.load(Ordering::Relaxed)
}

/// Evaluate every run and the totals by phase and overall.
pub fn evaluate(project: &Project, data: &Dataset) -> ProjectTotals {
    EVALUATIONS.fetch_add(1, Ordering::Relaxed);
    let runs: Vec<_> = project.runs.iter().map(|r| evaluate_run(r, data, project.grid_basis)).collect();
    let mut phases: Vec<PhaseTotal> = Vec::new();
    let (mut energy, mut emissions, mut invalid) = (Range::ZERO, Range::ZERO, 0);
    let (mut embodied, mut embodied_missing) = (Range::ZERO, 0);
    for (run, outcome) in project.runs.iter().zip(&runs) {
        let Ok(o) = outcome else {
            invalid += 1;
            continue;
        };
        energy = energy + o.energy_kwh;
        emissions = emissions + o.emissions_kg;
        match &o.embodied {
            Some(e) => embodied = embodied + e.kg,
            None => embodied_missing += 1,
        }
        match phases.iter_mut().find(|p| p.phase == run.phase) {
            Some(p) => {
                p.runs += o.repeat as usize;
                p.energy_kwh = p.energy_kwh + o.energy_kwh;
                p.emissions_kg = p.emissions_kg + o.emissions_kg;
            }
            None => phases.push(PhaseTotal {
                phase: run.phase,
                runs: o.repeat as usize,
                energy_kwh: o.energy_kwh,
                emissions_kg: o.emissions_kg,
            }),
        }
    }
    phases.sort_by_key(|p| p.phase);
    ProjectTotals {
        runs,
        phases,
        energy_kwh: energy,
        emissions_kg: emissions,
        invalid_runs: invalid,
        embodied_kg: embodied,
        embodied_missing,
        include_embodied: project.include_embodied,
    }
}
