//! A project: every run it took to make a model, grouped by phase.
//! The single-run calculator is a project with one run.

use crate::data::Dataset;
use crate::fields::{self, FieldId};
use crate::form::{self, Errors, FormState, Job, LocationUse, PueUse};
use crate::model::Range;
use serde::{Deserialize, Serialize};

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

    pub fn label(self) -> &'static str {
        match self {
            Phase::Exploration => "Exploration",
            Phase::HyperparameterSearch => "Hyperparameter search",
            Phase::Failed => "Failed or aborted runs",
            Phase::FinalTraining => "Final training",
            Phase::FineTuning => "Fine-tuning",
            Phase::Inference => "Inference and serving",
        }
    }

    /// Stable key for JSON, permalinks and the Hugging Face `training_type`.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Exploration => "exploration",
            Phase::HyperparameterSearch => "hyperparameter_search",
            Phase::Failed => "failed",
            Phase::FinalTraining => "final_training",
            Phase::FineTuning => "fine_tuning",
            Phase::Inference => "inference",
        }
    }

    pub fn from_key(key: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// A run whose energy was measured by a tracker (CodeCarbon). Its energy
/// already includes the data centre overhead, so no PUE is applied again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasuredRun {
    pub energy_kwh: f64,
    pub emissions_kg: f64,
    pub duration_h: f64,
    /// "CodeCarbon emissions.csv, line 12".
    pub source: String,
    /// Country/region as the tracker recorded it.
    pub location: String,
    /// Hardware as the tracker recorded it.
    pub hardware: String,
}

/// An inference estimate from a request count and an energy per request.
/// Location and PUE come from the run's form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PerRequest {
    pub requests: String,
    pub wh_per_request: String,
    /// Where the energy per request comes from (required).
    pub basis: String,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Run {
    pub label: String,
    pub phase: Phase,
    /// How many similar runs this row stands for, as typed ("50" for a 50-trial search).
    pub repeat: String,
    pub form: FormState,
    pub measured: Option<MeasuredRun>,
    /// When set, energy = requests × Wh per request × PUE (no hardware needed).
    pub per_request: Option<PerRequest>,
}

impl Default for Run {
    fn default() -> Self {
        Run {
            label: "Training run".into(),
            phase: Phase::FinalTraining,
            repeat: fields::REPEAT.default.into(),
            form: FormState::default(),
            measured: None,
            per_request: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    pub name: String,
    pub runs: Vec<Run>,
    /// Index of the run shown in the calculator.
    pub active: usize,
}

impl Default for Project {
    fn default() -> Self {
        Project { name: String::new(), runs: vec![Run::default()], active: 0 }
    }
}

impl Project {
    /// Clamp `active` and make sure there is at least one run.
    pub fn normalized(mut self) -> Project {
        if self.runs.is_empty() {
            self.runs.push(Run::default());
        }
        self.active = self.active.min(self.runs.len() - 1);
        self
    }
}

/// One run's result: the validated job (for estimated runs), and its totals
/// including the repeat count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunOutcome {
    /// Set for runs estimated from hardware.
    pub job: Option<Job>,
    /// Set for runs estimated from requests × energy per request.
    pub requests: Option<RequestsUse>,
    pub repeat: u32,
    pub energy_kwh: Range,
    pub emissions_kg: Range,
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
    pub emissions_kg: Range,
    /// Runs left out of the totals because a field is invalid.
    pub invalid_runs: usize,
}

pub fn evaluate_run(run: &Run, data: &Dataset) -> Result<RunOutcome, Errors> {
    let repeat = fields::REPEAT.parse(&run.repeat).map_err(|m| Errors::from([(FieldId::Repeat, m)]));
    if let Some(m) = &run.measured {
        let repeat = repeat?;
        let energy = Range { low: m.energy_kwh, central: m.energy_kwh, high: m.energy_kwh };
        let emissions = Range { low: m.emissions_kg, central: m.emissions_kg, high: m.emissions_kg };
        return Ok(RunOutcome {
            job: None,
            requests: None,
            repeat: repeat as u32,
            energy_kwh: energy.map(|x| x * repeat),
            emissions_kg: emissions.map(|x| x * repeat),
        });
    }
    if let Some(pr) = &run.per_request {
        return evaluate_requests(pr, &run.form, data, repeat);
    }
    let job = form::validate(&run.form, data);
    match (job, repeat) {
        (Ok(job), Ok(repeat)) => {
            let e = job.estimate();
            Ok(RunOutcome {
                job: Some(job),
                requests: None,
                repeat: repeat as u32,
                energy_kwh: e.energy_kwh.map(|x| x * repeat),
                emissions_kg: e.emissions_kg.map(|x| x * repeat),
            })
        }
        (Err(mut errors), repeat) => {
            if let Err(r) = repeat {
                errors.extend(r);
            }
            Err(errors)
        }
        (Ok(_), Err(r)) => Err(r),
    }
}

fn evaluate_requests(
    pr: &PerRequest,
    form: &FormState,
    data: &Dataset,
    repeat: Result<f64, Errors>,
) -> Result<RunOutcome, Errors> {
    let mut errors = repeat.as_ref().err().cloned().unwrap_or_default();
    let mut num = |spec: &fields::FieldSpec, raw: &str| match spec.parse(raw) {
        Ok(v) => Some(v),
        Err(m) => {
            errors.insert(spec.id, m);
            None
        }
    };
    let requests = num(&fields::REQUESTS, &pr.requests);
    let wh = num(&fields::WH_PER_REQUEST, &pr.wh_per_request);
    let basis = pr.basis.trim();
    if basis.is_empty() {
        errors.insert(FieldId::Basis, "State where the energy per request comes from.".into());
    } else if basis.chars().count() > 200 {
        errors.insert(FieldId::Basis, "Keep the basis under 200 characters.".into());
    }
    let (location, pue) = form::validate_site(form, data, &mut errors);
    match (requests, wh, location, pue, repeat) {
        (Some(requests), Some(wh_per_request), Some(location), Some(pue), Ok(repeat)) if errors.is_empty() => {
            let kwh = |p: f64| requests * wh_per_request * p / 1000.0 * repeat;
            let energy = Range { low: kwh(pue.low), central: kwh(pue.value), high: kwh(pue.high) };
            let ci = location.intensity_g_per_kwh;
            Ok(RunOutcome {
                job: None,
                repeat: repeat as u32,
                energy_kwh: energy,
                emissions_kg: energy.map(|e| e * ci / 1000.0),
                requests: Some(RequestsUse { requests, wh_per_request, basis: basis.to_string(), location, pue }),
            })
        }
        _ => Err(errors),
    }
}

pub fn evaluate(project: &Project, data: &Dataset) -> ProjectTotals {
    let runs: Vec<_> = project.runs.iter().map(|r| evaluate_run(r, data)).collect();
    let mut phases: Vec<PhaseTotal> = Vec::new();
    let (mut energy, mut emissions, mut invalid) = (Range::ZERO, Range::ZERO, 0);
    for (run, outcome) in project.runs.iter().zip(&runs) {
        match outcome {
            Ok(o) => {
                energy = energy + o.energy_kwh;
                emissions = emissions + o.emissions_kg;
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
            Err(_) => invalid += 1,
        }
    }
    phases.sort_by_key(|p| p.phase);
    ProjectTotals { runs, phases, energy_kwh: energy, emissions_kg: emissions, invalid_runs: invalid }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{LocationMode, CUSTOM};

    fn run(phase: Phase, repeat: &str, watts: &str, hours: &str) -> Run {
        Run {
            label: phase.label().into(),
            phase,
            repeat: repeat.into(),
            form: FormState {
                hardware: CUSTOM.into(),
                custom_power_w: watts.into(),
                duration: hours.into(),
                location: LocationMode::Custom,
                custom_intensity: "500".into(),
                pue: "1".into(),
                ..FormState::default()
            },
            measured: None,
            per_request: None,
        }
    }

    #[test]
    fn inference_from_requests_applies_pue_and_intensity() {
        let data = Dataset::embedded().expect("data");
        let mut r = run(Phase::Inference, "1", "1", "1");
        r.form.pue = "1.2".into();
        r.per_request =
            Some(PerRequest { requests: "1000000".into(), wh_per_request: "0.3".into(), basis: "measured".into() });
        // 1e6 × 0.3 Wh = 300 kWh IT; × 1.2 = 360 kWh; × 500 g = 180 kg. PUE band 1.15–1.25.
        let o = evaluate_run(&r, data).expect("valid");
        assert!((o.energy_kwh.central - 360.0).abs() < 1e-9);
        assert!((o.emissions_kg.central - 180.0).abs() < 1e-9);
        assert!((o.energy_kwh.low - 345.0).abs() < 1e-9);
        assert!(o.job.is_none() && o.requests.is_some());
        r.per_request = Some(PerRequest { requests: "-1".into(), wh_per_request: "x".into(), basis: " ".into() });
        let e = evaluate_run(&r, data).expect_err("invalid");
        assert_eq!(e.get(&FieldId::Basis).map(String::as_str), Some("State where the energy per request comes from."));
        assert!(e.contains_key(&FieldId::Requests) && e.contains_key(&FieldId::WhPerRequest));
    }

    #[test]
    fn totals_per_phase_and_overall() {
        let data = Dataset::embedded().expect("data");
        let p = Project {
            name: "test".into(),
            runs: vec![
                // 50 trials × 300 W × 2 h = 30 kWh → 15 kg at 500 g/kWh
                run(Phase::HyperparameterSearch, "50", "300", "2"),
                // 1000 W × 10 h = 10 kWh → 5 kg
                run(Phase::FinalTraining, "1", "1000", "10"),
                // invalid: left out and counted
                run(Phase::Exploration, "1", "abc", "10"),
            ],
            active: 0,
        };
        let t = evaluate(&p, data);
        assert_eq!(t.invalid_runs, 1);
        assert_eq!(t.phases.len(), 2);
        assert_eq!(t.phases[0].phase, Phase::HyperparameterSearch);
        assert_eq!(t.phases[0].runs, 50);
        assert!((t.phases[0].energy_kwh.central - 30.0).abs() < 1e-9);
        assert!((t.emissions_kg.central - 20.0).abs() < 1e-9);
        // Custom PUE 1.0 has band 1.0–1.05; utilization band 85–100 %.
        assert!((t.energy_kwh.low - 40.0 * 0.85).abs() < 1e-9);
        assert!((t.energy_kwh.high - 40.0 * 1.05).abs() < 1e-9);
    }

    #[test]
    fn measured_runs_never_get_pue_again() {
        let data = Dataset::embedded().expect("data");
        let mut r = Run { repeat: "2".into(), ..Run::default() };
        r.form.pue = "2.0".into();
        r.measured = Some(MeasuredRun {
            energy_kwh: 1.5,
            emissions_kg: 0.6,
            duration_h: 3.0,
            source: "CodeCarbon".into(),
            location: "France".into(),
            hardware: "1 x A100".into(),
        });
        r.per_request = None;
        let o = evaluate_run(&r, data).expect("valid");
        assert_eq!(o.energy_kwh.central, 3.0);
        assert_eq!(o.emissions_kg.central, 1.2);
        assert_eq!(o.emissions_kg.low, 1.2);
    }

    #[test]
    fn empty_project_normalizes_to_one_run() {
        let p = Project { name: String::new(), runs: vec![], active: 7 }.normalized();
        assert_eq!(p.runs.len(), 1);
        assert_eq!(p.active, 0);
    }
}
