//! The method laid open: the worked calculation of a run with the user's own
//! numbers substituted, for the central value and both ends of the range,
//!
//! ```text
//! 8 × 700 W × 100 % × 72 h × 1.14 ÷ 1000 = 459.6 kWh
//! 459.6 kWh × 349.06 g/kWh ÷ 1000 = 160.4 kg CO2eq
//! ```
//!
//! as structured [`Step`]s: each term has its value, its unit and where it
//! comes from ([`Origin`]: a cell of a factor table, the user's entry, a
//! documented constant or band, an earlier step, a tracker's record), so that
//! the UI can render every factor as a link to its table row, and
//! [`RunMethod::text`] renders the same steps as plain text.
//!
//! Every step's result is computed from its own terms ([`Step::evaluate`], the
//! usual precedence, × and ÷ from left to right), in the order the model
//! computes it ([`crate::model`], [`crate::compute`], [`crate::embodied`],
//! [`crate::project::evaluate`]): the central value is the model's to the last
//! bit, and both ends equal the model's to display precision (the model scales
//! the power and the hours by factors; here the scaled figures are the terms).
//! Terms that come from a table or from the user are shown as given (349.06
//! g/kWh); results, and results reused as terms, to four significant digits.
//!
//! Longer than 450 lines because the worked calculation is one walk over a run: each kind of run
//! (hardware by time or by compute, requests, measured) writes its steps here with the same term
//! builders, and every term names the table cell it comes from; splitting by run kind would
//! duplicate the builders.

use crate::data::{memory_power_source, Dataset, Source};
use crate::embodied::{self, EmbodiedUse, CORES_PER_PACKAGE, HOURS_PER_YEAR};
use crate::form::{FormState, CUSTOM, NO_ACCELERATOR};
use crate::format;
use crate::job::{self, IntensityBasis, Job, LocationUse, PueUse};
use crate::model::Range;
use crate::project::{Detail, MeasuredRun, Project, ProjectTotals, RequestsUse, Run, RunOutcome};
use crate::text;
use serde::Serialize;
use Token::{Close as C, Divide as D, Open as O, Plus as P, Times as X};

/// A cell of a factor table: `data/<table>`, the row whose key is `key`, the
/// column `column`. Keys: `id` (hardware.csv, embodied.csv), `zone_id`
/// (grid_zones.csv), `key` (pue.csv), `provider:region_code` (cloud_regions.csv).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactorRef {
    pub table: String,
    pub key: String,
    pub column: String,
}

impl FactorRef {
    pub fn new(table: &str, key: &str, column: &str) -> FactorRef {
        FactorRef { table: table.into(), key: key.into(), column: column.into() }
    }
}

/// Where a number comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Origin {
    /// A cell of a factor table.
    Table(FactorRef),
    /// Entered by the user (or the form's default for that input).
    Entered,
    /// A unit conversion or a documented constant, with its source when it has one.
    Constant { source: Option<Source> },
    /// An end of a documented band around a value: `rule` says which.
    Band { rule: String },
    /// The result of an earlier step.
    Step,
    /// A tracker's figure as recorded: `source` names the file and line.
    Measured { source: String },
}

/// One number of a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// Full precision, in `unit`.
    pub value: f64,
    /// "W", "h", "%" (the value is then a fraction), "g/kWh", "kWh", "kg", "" (a pure number).
    pub unit: String,
    /// As shown: "700 W", "100 %", "8.4 × 10^22 FLOP".
    pub text: String,
    /// What it is: "rated power of the NVIDIA H100 SXM5 80GB".
    pub what: String,
    pub origin: Origin,
}

/// One token of a step's expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "term")]
pub enum Token {
    Term(Term),
    Times,
    Divide,
    Plus,
    Open,
    Close,
}

/// What a step computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKey {
    /// 6 × parameters × tokens.
    Flops,
    /// FLOPs ÷ (peak × MFU) ÷ 3600 ÷ devices.
    Hours,
    /// A listed CPU's power ÷ its cores.
    CorePower,
    /// The work a job described by time did (what the hardware comparison re-runs).
    Work,
    /// Energy of one run.
    Energy,
    /// Operational emissions of one run.
    Emissions,
    /// Energy × the repeat count.
    EnergyRuns,
    /// Emissions × the repeat count.
    EmissionsRuns,
    /// Device-hours charged for the manufacturing share.
    DeviceHours,
    /// The manufacturing share.
    Embodied,
    /// Sums over the runs of a project.
    TotalEnergy,
    TotalEmissions,
    TotalEmbodied,
    /// Operational emissions + the manufacturing share, when the project includes it.
    Headline,
}

impl StepKey {
    /// "Energy", "Emissions": the step's label in the plain-text rendering.
    pub fn label(self) -> &'static str {
        match self {
            StepKey::Flops => "Compute",
            StepKey::Hours => "Hours",
            StepKey::CorePower => "Power per CPU core",
            StepKey::Work => "Work done",
            StepKey::Energy => "Energy",
            StepKey::Emissions => "Emissions",
            StepKey::EnergyRuns => "Energy, every run",
            StepKey::EmissionsRuns => "Emissions, every run",
            StepKey::DeviceHours => "Device-hours",
            StepKey::Embodied => "Manufacturing share",
            StepKey::TotalEnergy => "Energy, all runs",
            StepKey::TotalEmissions => "Emissions, all runs",
            StepKey::TotalEmbodied => "Manufacturing share, all runs",
            StepKey::Headline => "Total with the manufacturing share",
        }
    }
}

/// One line of the calculation: `tokens` = `result`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub key: StepKey,
    pub tokens: Vec<Token>,
    pub result: Term,
}

impl Step {
    /// The expression's value from its terms: × and ÷ before +, left to right,
    /// parentheses first. `result.value` is this.
    pub fn evaluate(&self) -> f64 {
        evaluate(&self.tokens)
    }

    /// The terms of the expression.
    pub fn terms(&self) -> impl Iterator<Item = &Term> {
        self.tokens.iter().filter_map(|t| match t {
            Token::Term(t) => Some(t),
            _ => None,
        })
    }

    /// "8 × 700 W × 100 % × 72 h × 1.14 ÷ 1000 = 459.6 kWh"; a figure given as
    /// it is (a measurement) reads "12.5 kWh (recorded by the tracker)".
    pub fn expression(&self) -> String {
        if let [Token::Term(t)] = self.tokens.as_slice() {
            return format!("{} ({})", t.text, t.what);
        }
        let mut out = String::new();
        for t in &self.tokens {
            match t {
                Token::Term(t) if t.unit.is_empty() && t.text.contains('×') => {
                    out.push('(');
                    out.push_str(&t.text);
                    out.push(')');
                }
                Token::Term(t) => out.push_str(&t.text),
                Token::Times => out.push_str(" × "),
                Token::Divide => out.push_str(" ÷ "),
                Token::Plus => out.push_str(" + "),
                Token::Open => out.push('('),
                Token::Close => out.push(')'),
            }
        }
        format!("{out} = {}", self.result.text)
    }
}

/// The value of an expression: × and ÷ before +, left to right, parentheses first.
pub fn evaluate(tokens: &[Token]) -> f64 {
    let mut pos = 0;
    sum(tokens, &mut pos)
}

fn sum(t: &[Token], pos: &mut usize) -> f64 {
    let mut v = product(t, pos);
    while let Some(Token::Plus) = t.get(*pos) {
        *pos += 1;
        v += product(t, pos);
    }
    v
}

fn product(t: &[Token], pos: &mut usize) -> f64 {
    let mut v = atom(t, pos);
    loop {
        match t.get(*pos) {
            Some(Token::Times) => {
                *pos += 1;
                v *= atom(t, pos);
            }
            Some(Token::Divide) => {
                *pos += 1;
                v /= atom(t, pos);
            }
            _ => return v,
        }
    }
}

fn atom(t: &[Token], pos: &mut usize) -> f64 {
    let v = match t.get(*pos) {
        Some(Token::Term(term)) => term.value,
        Some(Token::Open) => {
            *pos += 1;
            let v = sum(t, pos);
            debug_assert!(matches!(t.get(*pos), Some(Token::Close)), "an open parenthesis is closed");
            v
        }
        _ => f64::NAN,
    };
    *pos += 1;
    v
}

/// Which end of the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    Low,
    Central,
    High,
}

impl End {
    pub const ALL: [End; 3] = [End::Central, End::Low, End::High];

    pub fn label(self) -> &'static str {
        match self {
            End::Low => "Low end",
            End::Central => "Central value",
            End::High => "High end",
        }
    }
}

/// The steps at each end of the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ends {
    pub low: Vec<Step>,
    pub central: Vec<Step>,
    pub high: Vec<Step>,
}

impl Ends {
    pub fn get(&self, end: End) -> &[Step] {
        match end {
            End::Low => &self.low,
            End::Central => &self.central,
            End::High => &self.high,
        }
    }

    /// The result of the last step with one of these keys, at every end.
    fn result(&self, keys: &[StepKey]) -> Option<Range> {
        let at = |steps: &[Step]| steps.iter().rev().find(|s| keys.contains(&s.key)).map(|s| s.result.value);
        Some(Range { low: at(&self.low)?, central: at(&self.central)?, high: at(&self.high)? })
    }

    fn build(mut f: impl FnMut(End) -> Vec<Step>) -> Ends {
        Ends { central: f(End::Central), low: f(End::Low), high: f(End::High) }
    }
}

/// The worked calculation of one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunMethod {
    /// Index into [`Project::runs`].
    pub run: usize,
    pub label: String,
    /// "hardware", "requests" or "measured".
    pub kind: &'static str,
    pub repeat: u32,
    /// Compute, hours, energy and operational emissions at each end.
    pub operational: Ends,
    /// The work a job described by time did (what the hardware comparison re-runs).
    pub work: Option<Step>,
    /// The results: the last energy and emissions steps (repeat count included).
    pub energy_kwh: Range,
    pub emissions_kg: Range,
    /// The manufacturing share (reported apart), when the run has one.
    pub embodied: Option<Ends>,
    pub embodied_kg: Option<Range>,
    /// What the reader should know ("A measurement has no range.").
    pub notes: Vec<String>,
}

/// The worked calculation of a project: every valid run, then the sums.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectMethod {
    pub runs: Vec<RunMethod>,
    /// Runs left out because a field is invalid (as in the totals).
    pub invalid_runs: usize,
    /// Energy, emissions and manufacturing share summed over the runs (more than one run).
    pub totals: Option<Ends>,
    /// Operational emissions + the manufacturing share (the project includes it).
    pub headline: Option<Ends>,
    pub energy_kwh: Range,
    pub emissions_kg: Range,
    pub embodied_kg: Range,
    /// The figure a reader sees first ([`ProjectTotals::headline_kg`]).
    pub headline_kg: Range,
}

// ---------------------------------------------------------------------------
// Terms.

fn term(value: f64, unit: &str, text: String, what: impl Into<String>, origin: Origin) -> Term {
    Term { value, unit: unit.into(), text, what: what.into(), origin }
}

fn with_unit(number: String, unit: &str) -> String {
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

/// A figure from a table or the user, as given.
fn given(value: f64, unit: &str, what: impl Into<String>, origin: Origin) -> Term {
    term(value, unit, with_unit(format::plain(value), unit), what, origin)
}

fn percent(value: f64, what: impl Into<String>, origin: Origin) -> Term {
    term(value, "%", format!("{} %", format::plain(value * 100.0)), what, origin)
}

fn constant(value: f64, text: &str, what: &str) -> Term {
    term(value, "", text.into(), what, Origin::Constant { source: None })
}

/// A result reused as a term: four significant digits.
fn derived(value: f64, unit: &str, what: impl Into<String>) -> Term {
    let number = if unit == "FLOP" { format::scientific(value) } else { format::significant(value, 4) };
    term(value, unit, with_unit(number, unit), what, Origin::Step)
}

fn table(t: &str, key: &str, column: &str) -> Origin {
    Origin::Table(FactorRef::new(t, key, column))
}

fn band(rule: impl Into<String>) -> Origin {
    Origin::Band { rule: rule.into() }
}

/// The result of a step, as the results card shows it.
fn result(key: StepKey, value: f64) -> Term {
    let (unit, text) = match key {
        StepKey::Energy | StepKey::EnergyRuns | StepKey::TotalEnergy => ("kWh", format::energy_kwh(value)),
        StepKey::Hours => ("h", format!("{} h", format::significant(value, 4))),
        StepKey::CorePower => ("W", format!("{} W", format::significant(value, 4))),
        StepKey::DeviceHours => ("device-h", format!("{} device-h", format::significant(value, 4))),
        StepKey::Flops | StepKey::Work => ("FLOP", format!("{} FLOP", format::scientific(value))),
        _ => ("kg", format!("{} CO2eq", format::mass_kg(value))),
    };
    term(value, unit, text, key.label().to_lowercase(), Origin::Step)
}

/// Build a step from its tokens; the result is their value.
fn step(key: StepKey, tokens: Vec<Token>) -> Step {
    let value = evaluate(&tokens);
    Step { key, tokens, result: result(key, value) }
}

fn t(term: Term) -> Token {
    Token::Term(term)
}

fn per_thousand(what: &str) -> Token {
    t(constant(1000.0, "1000", what))
}

// ---------------------------------------------------------------------------
// Factors of a site: grid intensity and PUE.

fn intensity_term(location: &LocationUse, form: &FormState) -> Term {
    let v = location.intensity_g_per_kwh;
    let what = format!("grid intensity of {} ({})", location.grid, location.short_basis);
    let origin = match (location.intensity_basis, &location.zone_id) {
        (IntensityBasis::Lifecycle, Some(z)) => table("grid_zones.csv", z, "lifecycle_g_per_kwh"),
        (IntensityBasis::Direct, Some(z)) => table("grid_zones.csv", z, "direct_g_per_kwh"),
        (IntensityBasis::Provider, _) => {
            table("cloud_regions.csv", &format!("{}:{}", form.provider, form.region), "provider_intensity_g_per_kwh")
        }
        _ => Origin::Entered,
    };
    given(v, "g/kWh", what, origin)
}

fn pue_term(pue: &PueUse, form: &FormState, data: &Dataset, end: End) -> Term {
    let value = match end {
        End::Low => pue.low,
        End::Central => pue.value,
        End::High => pue.high,
    };
    let row = if form.pue.trim().is_empty() { job::default_pue(form, data) } else { None };
    let (what, origin) = match (row, end) {
        (Some(r), _) => {
            let column = match end {
                End::Low => "pue_low",
                End::Central => "pue",
                End::High => "pue_high",
            };
            let at = if end == End::Central { String::new() } else { format!(", {}", end_word(end)) };
            (format!("PUE{at} ({})", pue.label), table("pue.csv", &r.key, column))
        }
        (None, End::Central) => ("PUE".to_string(), Origin::Entered),
        (None, End::Low) => (
            "PUE, low end".to_string(),
            band(format!("entered PUE {} − {}, not below 1", format::plain(pue.value), crate::model::CUSTOM_PUE_BAND)),
        ),
        (None, End::High) => (
            "PUE, high end".to_string(),
            band(format!("entered PUE {} + {}", format::plain(pue.value), crate::model::CUSTOM_PUE_BAND)),
        ),
    };
    given(value, "", what, origin)
}

fn end_word(end: End) -> &'static str {
    match end {
        End::Low => "low end",
        End::Central => "central value",
        End::High => "high end",
    }
}

// ---------------------------------------------------------------------------
// Runs.

/// The worked calculation of run `index` of a project, from its evaluation.
pub fn of_run(index: usize, run: &Run, outcome: &RunOutcome, data: &Dataset) -> RunMethod {
    let repeat = outcome.repeat;
    let (operational, work, mut notes) = match &outcome.detail {
        Detail::Estimated { job, .. } => hardware_steps(job, &run.form, data, repeat),
        Detail::Requests(r) => (requests_steps(r, &run.form, data, repeat), None, Vec::new()),
        Detail::Measured(m) => measured_steps(m, repeat),
    };
    let embodied = match (&outcome.detail, &outcome.embodied) {
        (Detail::Estimated { job, .. }, Some(_)) => embodied_steps(job, data, repeat),
        _ => None,
    };
    if repeat > 1 {
        notes.push(format!("This row stands for {repeat} similar runs: its figures are multiplied by {repeat}."));
    }
    let energy_kwh = operational.result(&[StepKey::Energy, StepKey::EnergyRuns]).unwrap_or(Range::ZERO);
    let emissions_kg = operational.result(&[StepKey::Emissions, StepKey::EmissionsRuns]).unwrap_or(Range::ZERO);
    let embodied_kg = embodied.as_ref().and_then(|e| e.result(&[StepKey::Embodied]));
    RunMethod {
        run: index,
        label: run.label.clone(),
        kind: run.kind.key(),
        repeat,
        operational,
        work,
        energy_kwh,
        emissions_kg,
        embodied,
        embodied_kg,
        notes,
    }
}

/// The worked calculation of the run shown in the calculator, when it is valid.
pub fn of_active(project: &Project, totals: &ProjectTotals, data: &Dataset) -> Option<RunMethod> {
    let i = project.active();
    let outcome = totals.runs.get(i)?.as_ref().ok()?;
    Some(of_run(i, project.active_run(), outcome, data))
}

/// The repeat count as a term.
fn repeat_term(repeat: u32) -> Term {
    given(f64::from(repeat), "runs", "similar runs this row stands for", Origin::Entered)
}

fn hardware_steps(job: &Job, form: &FormState, data: &Dataset, repeat: u32) -> (Ends, Option<Step>, Vec<String>) {
    let bands = job.bands();
    let hw = &job.hardware;
    let accelerator = job.devices > 0 && hw.id != NO_ACCELERATOR;
    let devices = || given(f64::from(job.devices), "", "devices", Origin::Entered);
    let mut notes = Vec::new();

    // The hours: as entered, or from the compute at this end's MFU.
    let compute = job.compute.as_ref().filter(|c| c.by_compute);
    let duration = || {
        let what = if form.unit == crate::form::DurationUnit::Days {
            format!("duration ({} days)", format::plain(job.hours / 24.0))
        } else {
            "duration".to_string()
        };
        given(job.hours, "h", what, Origin::Entered)
    };
    let hours_steps = |end: End| -> (Vec<Step>, Term) {
        let Some(c) = compute else { return (Vec::new(), duration()) };
        let mut steps = Vec::new();
        let flops = match c.method {
            crate::compute::FlopsMethod::SixNd { params_b, tokens_b } => {
                let p = params_b * 1e9;
                let n = tokens_b * 1e9;
                let s = step(
                    StepKey::Flops,
                    vec![
                        t(constant(6.0, "6", "FLOPs per parameter per token (forward and backward pass)")),
                        X,
                        t(term(
                            p,
                            "",
                            format::scientific(p),
                            format!("parameters ({} billion)", format::plain(params_b)),
                            Origin::Entered,
                        )),
                        X,
                        t(term(
                            n,
                            "",
                            format::scientific(n),
                            format!("training tokens ({} billion)", format::plain(tokens_b)),
                            Origin::Entered,
                        )),
                    ],
                );
                let f = derived(s.result.value, "FLOP", "training compute");
                steps.push(s);
                f
            }
            _ => term(
                c.flops.central,
                "FLOP",
                format!("{} FLOP", format::scientific(c.flops.central)),
                "training compute",
                Origin::Entered,
            ),
        };
        let (mfu, mfu_origin, mfu_what) = match end {
            End::Central => (c.mfu, Origin::Entered, "model FLOPs utilization (MFU)".to_string()),
            End::Low => (
                c.mfu_high,
                band(format!("{} × the MFU (at most 100 %): the job finishes sooner", crate::compute::MFU_HIGH_FACTOR)),
                "MFU, high (the low end of the range)".to_string(),
            ),
            End::High => (
                c.mfu_low,
                band(format!("{} × the MFU: the job takes longer", crate::compute::MFU_LOW_FACTOR)),
                "MFU, low (the high end of the range)".to_string(),
            ),
        };
        let peak = peak_term(job, form, data);
        let s = step(
            StepKey::Hours,
            vec![
                t(flops),
                D,
                O,
                t(peak),
                X,
                t(constant(1e12, "10^12", "FLOP/s per TFLOP/s")),
                X,
                t(percent(mfu, mfu_what, mfu_origin)),
                C,
                D,
                t(constant(3600.0, "3600", "seconds per hour")),
                D,
                t(devices()),
            ],
        );
        let hours = derived(s.result.value, "h", "wall-clock hours on these devices");
        steps.push(s);
        (steps, hours)
    };

    let power = |end: End| -> Term {
        let (factor, column) = match end {
            End::Low => (bands.power_low, "power_low_w"),
            End::Central => (1.0, "power_w"),
            End::High => (bands.power_high, "power_high_w"),
        };
        let value = if factor == 1.0 { hw.power_w } else { hw.power_w * factor };
        let (what, origin) = if hw.id == CUSTOM {
            (format!("power of the {}", hw.name), Origin::Entered)
        } else if hw.estimated {
            (format!("estimated power of the {}, {}", hw.name, end_word(end)), table("hardware.csv", &hw.id, column))
        } else {
            (format!("rated power of the {}", hw.name), table("hardware.csv", &hw.id, "power_w"))
        };
        given(value, "W", what, origin)
    };
    let utilization = |end: End| -> Term {
        match end {
            End::Central => percent(job.utilization, "accelerator utilization (share of rated power)", Origin::Entered),
            End::Low => percent(
                bands.utilization_low,
                "utilization, low end",
                band(format!(
                    "{} − {} points, at least 1 %",
                    format::percent(job.utilization),
                    crate::model::UTILIZATION_BAND * 100.0
                )),
            ),
            End::High => percent(
                bands.utilization_high,
                "utilization, high end",
                band(format!(
                    "{} + {} points, at most 100 %",
                    format::percent(job.utilization),
                    crate::model::UTILIZATION_BAND * 100.0
                )),
            ),
        }
    };

    let ends = Ends::build(|end| {
        let (mut steps, hours) = hours_steps(end);
        let mut tokens = Vec::new();
        let host = job.host.as_ref();
        let grouped = host.is_some();
        if grouped {
            tokens.push(O);
        }
        if accelerator {
            tokens.extend([t(devices()), X, t(power(end)), X, t(utilization(end))]);
        }
        if let Some(h) = host {
            if accelerator {
                tokens.push(P);
            }
            let cpu = data.hardware(&form.cpu).filter(|_| h.cpu_source.is_some() && form.cpu != CUSTOM);
            let w_per_core = match cpu.and_then(|c| Some((c, c.power_w?, c.cores?))) {
                Some((c, w, cores)) => {
                    let s = step(
                        StepKey::CorePower,
                        vec![
                            t(given(
                                w,
                                "W",
                                format!("power of the {}", h.cpu_name),
                                table("hardware.csv", &c.id, "power_w"),
                            )),
                            D,
                            t(given(
                                f64::from(cores),
                                "",
                                format!("cores of the {}", h.cpu_name),
                                table("hardware.csv", &c.id, "cores"),
                            )),
                        ],
                    );
                    let term = derived(s.result.value, "W", format!("power per core of the {}", h.cpu_name));
                    steps.push(s);
                    term
                }
                None => given(h.w_per_core, "W", "power per CPU core", Origin::Entered),
            };
            tokens.extend([
                t(given(h.cores, "", "CPU cores", Origin::Entered)),
                X,
                t(w_per_core),
                X,
                t(percent(h.usage, "CPU usage", Origin::Entered)),
                P,
                t(given(h.memory_gb, "GB", "memory", Origin::Entered)),
                X,
                t(given(
                    crate::data::MEMORY_W_PER_GB,
                    "W/GB",
                    "power per GB of memory",
                    Origin::Constant { source: Some(memory_power_source()) },
                )),
                C,
            ]);
        }
        tokens.extend([X, t(hours), X, t(pue_term(&job.pue, form, data, end)), D, per_thousand("Wh per kWh")]);
        steps.push(step(StepKey::Energy, tokens));
        emissions_and_repeat(&mut steps, &job.location, form, repeat, true);
        steps
    });

    let work = job.compute.as_ref().filter(|c| !c.by_compute && accelerator).map(|c| {
        step(
            StepKey::Work,
            vec![
                t(devices()),
                X,
                t(duration()),
                X,
                t(constant(3600.0, "3600", "seconds per hour")),
                X,
                t(peak_term(job, form, data)),
                X,
                t(constant(1e12, "10^12", "FLOP/s per TFLOP/s")),
                X,
                t(percent(c.mfu, "model FLOPs utilization (MFU)", Origin::Entered)),
            ],
        )
    });
    if compute.is_some() {
        notes.push(
            "The hours come from the compute: the MFU's range (half to one and a half times it) makes the range of the hours."
                .into(),
        );
    }
    if job.location.basis_fallback {
        notes.push(format!("{}.", text::capitalize(&job.location.basis)));
    }
    (ends, work, notes)
}

/// The peak throughput of the job's device at its precision.
fn peak_term(job: &Job, form: &FormState, data: &Dataset) -> Term {
    let Some(c) = &job.compute else { return given(0.0, "TFLOP/s", "peak throughput", Origin::Entered) };
    let precision = c.peak.precision;
    let what = format!("peak dense {} throughput of the {}", precision.label(), job.hardware.name);
    let origin = if form.hardware != CUSTOM && data.hardware(&job.hardware.id).is_some() {
        table("hardware.csv", &job.hardware.id, &format!("{}_tflops", precision.key()))
    } else {
        Origin::Entered
    };
    given(c.peak.tflops, "TFLOP/s", what, origin)
}

/// The emissions step from the last energy step, then × the repeat count.
/// `per_run`: the energy step is of one run (hardware), so both are multiplied;
/// else the repeat count is already in the energy (requests).
fn emissions_and_repeat(steps: &mut Vec<Step>, location: &LocationUse, form: &FormState, repeat: u32, per_run: bool) {
    let energy = steps.last().map_or(0.0, |s| s.result.value);
    let what = if per_run && repeat > 1 { "energy of one run" } else { "energy" };
    steps.push(step(
        StepKey::Emissions,
        vec![t(derived(energy, "kWh", what)), X, t(intensity_term(location, form)), D, per_thousand("g per kg")],
    ));
    if per_run && repeat > 1 {
        let emissions = steps.last().map_or(0.0, |s| s.result.value);
        steps.push(step(
            StepKey::EnergyRuns,
            vec![t(derived(energy, "kWh", "energy of one run")), X, t(repeat_term(repeat))],
        ));
        steps.push(step(
            StepKey::EmissionsRuns,
            vec![t(derived(emissions, "kg", "emissions of one run")), X, t(repeat_term(repeat))],
        ));
    }
}

fn requests_steps(r: &RequestsUse, form: &FormState, data: &Dataset, repeat: u32) -> Ends {
    Ends::build(|end| {
        let mut tokens = vec![
            t(given(r.requests, "", "requests", Origin::Entered)),
            X,
            t(given(r.wh_per_request, "Wh", format!("energy per request ({})", r.basis), Origin::Entered)),
            X,
            t(pue_term(&r.pue, form, data, end)),
            D,
            per_thousand("Wh per kWh"),
        ];
        if repeat > 1 {
            tokens.extend([X, t(repeat_term(repeat))]);
        }
        let mut steps = vec![step(StepKey::Energy, tokens)];
        emissions_and_repeat(&mut steps, &r.location, form, repeat, false);
        steps
    })
}

fn measured_steps(m: &MeasuredRun, repeat: u32) -> (Ends, Option<Step>, Vec<String>) {
    let origin = || Origin::Measured { source: m.source.clone() };
    let mut notes = vec!["A measurement has no range: both ends are the recorded figures.".to_string()];
    if let Some(p) = m.pue_applied {
        notes.push(format!("A PUE of {} was applied on import to the tracker's figures.", format::plain(p)));
    }
    let energy_what = if m.pue_applied.is_some() {
        "energy recorded by the tracker, with the PUE applied on import"
    } else {
        "energy recorded by the tracker"
    };
    let ends = Ends::build(|_| {
        let energy = given(m.energy_kwh, "kWh", energy_what, origin());
        let emissions = given(m.emissions_kg, "kg", "emissions recorded by the tracker", origin());
        let mut steps = Vec::new();
        if repeat > 1 {
            steps.push(step(StepKey::Energy, vec![t(energy), X, t(repeat_term(repeat))]));
            steps.push(step(StepKey::Emissions, vec![t(emissions), X, t(repeat_term(repeat))]));
        } else {
            steps.push(step(StepKey::Energy, vec![t(energy)]));
            steps.push(step(StepKey::Emissions, vec![t(emissions)]));
        }
        steps
    });
    (ends, None, notes)
}

fn embodied_steps(job: &Job, data: &Dataset, repeat: u32) -> Option<Ends> {
    // The share of one run, as the embodied module computes it; the outcome's is × repeat.
    let e: EmbodiedUse = embodied::of_job(job, data, job.lifetime_years)?;
    let row = data.embodied.iter().find(|r| r.id == e.row)?;
    let hours_what = if job.compute.as_ref().is_some_and(|c| c.by_compute) {
        "wall-clock hours (from the compute)"
    } else {
        "duration"
    };
    let hours = || {
        let o = if job.compute.as_ref().is_some_and(|c| c.by_compute) { Origin::Step } else { Origin::Entered };
        let text = if matches!(o, Origin::Step) { format::significant(job.hours, 4) } else { format::plain(job.hours) };
        term(job.hours, "h", format!("{text} h"), hours_what, o)
    };
    let device_hours = if job.hardware.id == NO_ACCELERATOR {
        let host = job.host.as_ref()?;
        let cpu =
            data.hardware.iter().find(|h| h.kind == crate::data::HardwareKind::Cpu && h.full_name() == host.cpu_name);
        let package = match cpu.and_then(|h| h.cores.map(|c| (h, c))) {
            Some((h, c)) => given(
                f64::from(c),
                "",
                format!("cores per {} package", h.full_name()),
                table("hardware.csv", &h.id, "cores"),
            ),
            None => term(
                CORES_PER_PACKAGE,
                "",
                format::plain(CORES_PER_PACKAGE),
                "cores per CPU package assumed for a custom CPU (one host server per package)",
                Origin::Constant { source: None },
            ),
        };
        step(
            StepKey::DeviceHours,
            vec![t(given(host.cores, "", "CPU cores", Origin::Entered)), D, t(package), X, t(hours())],
        )
    } else {
        step(
            StepKey::DeviceHours,
            vec![t(given(f64::from(job.devices), "", "devices", Origin::Entered)), X, t(hours())],
        )
    };
    let dh = device_hours.result.value;
    let typed = job.lifetime_years.is_some();
    let host_column = |end: End, value: Option<f64>| match (end, value) {
        (End::Low, Some(_)) => "host_share_low_kg",
        (End::High, Some(_)) => "host_share_high_kg",
        _ => "host_share_kg",
    };
    Some(Ends::build(|end| {
        let (device, device_col, host, host_col, years, years_col) = match end {
            End::Central => {
                (e.device_kg, "embodied_kg", e.host_kg, "host_share_kg", e.lifetime_years, "lifetime_years")
            }
            End::Low => (
                e.device_low_kg,
                "embodied_low_kg",
                e.host_low_kg,
                host_column(end, row.host_share_low_kg),
                e.lifetime_high_years,
                "lifetime_high_years",
            ),
            End::High => (
                e.device_high_kg,
                "embodied_high_kg",
                e.host_high_kg,
                host_column(end, row.host_share_high_kg),
                e.lifetime_low_years,
                "lifetime_low_years",
            ),
        };
        let which = match end {
            End::Central => "",
            End::Low => ", low figure",
            End::High => ", high figure",
        };
        let device = given(
            device,
            "kg",
            format!("manufacturing emissions per device ({}){which}", row.includes.label()),
            table("embodied.csv", &row.id, device_col),
        );
        let years_term = if typed {
            let origin = match end {
                End::Central => Origin::Entered,
                _ => band(format!(
                    "the entered lifetime × the table's relative band ({}–{} years around {})",
                    format::plain(row.lifetime_low_years),
                    format::plain(row.lifetime_high_years),
                    format::plain(row.lifetime_years)
                )),
            };
            given(years, "years", format!("years of service, {}", end_word(end)), origin)
        } else {
            given(
                years,
                "years",
                format!("years of service, {}", end_word(end)),
                table("embodied.csv", &row.id, years_col),
            )
        };
        let mut tokens = Vec::new();
        if row.host_share_kg.is_some() {
            tokens.extend([
                O,
                t(device),
                P,
                t(given(
                    host,
                    "kg",
                    format!("host server share per device{which}"),
                    table("embodied.csv", &row.id, host_col),
                )),
                C,
            ]);
        } else {
            tokens.push(t(device));
        }
        tokens.extend([
            X,
            t(derived(dh, "device-h", "device-hours")),
            D,
            O,
            t(years_term),
            X,
            t(given(HOURS_PER_YEAR, "h", "hours per year", Origin::Constant { source: None })),
            C,
        ]);
        if repeat > 1 {
            tokens.extend([X, t(repeat_term(repeat))]);
        }
        vec![device_hours.clone(), step(StepKey::Embodied, tokens)]
    }))
}

// ---------------------------------------------------------------------------
// Projects.

/// The worked calculation of every valid run of `project` and of its totals,
/// from its evaluation `totals` (of the same project on the same `data`).
pub fn of_project(project: &Project, totals: &ProjectTotals, data: &Dataset) -> ProjectMethod {
    let runs: Vec<RunMethod> = project
        .runs()
        .iter()
        .zip(&totals.runs)
        .enumerate()
        .filter_map(|(i, (run, outcome))| outcome.as_ref().ok().map(|o| of_run(i, run, o, data)))
        .collect();
    let sum_of = |key: StepKey, value: &dyn Fn(&RunMethod) -> Option<Range>, end: End, unit: &str| -> Option<Step> {
        let mut tokens = Vec::new();
        for r in &runs {
            let Some(v) = value(r) else { continue };
            if !tokens.is_empty() {
                tokens.push(P);
            }
            let v = match end {
                End::Low => v.low,
                End::Central => v.central,
                End::High => v.high,
            };
            tokens.push(t(derived(v, unit, format!("run {}, {}", r.run + 1, text::quote(&r.label, 40)))));
        }
        (!tokens.is_empty()).then(|| step(key, tokens))
    };
    let totals_steps = (runs.len() > 1).then(|| {
        Ends::build(|end| {
            [
                sum_of(StepKey::TotalEnergy, &|r| Some(r.energy_kwh), end, "kWh"),
                sum_of(StepKey::TotalEmissions, &|r| Some(r.emissions_kg), end, "kg"),
                sum_of(StepKey::TotalEmbodied, &|r| r.embodied_kg, end, "kg"),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
    });
    let pick = |keys: &[StepKey], one: &dyn Fn(&RunMethod) -> Option<Range>| -> Range {
        match &totals_steps {
            Some(e) => e.result(keys).unwrap_or(Range::ZERO),
            None => runs.first().and_then(one).unwrap_or(Range::ZERO),
        }
    };
    let energy_kwh = pick(&[StepKey::TotalEnergy], &|r| Some(r.energy_kwh));
    let emissions_kg = pick(&[StepKey::TotalEmissions], &|r| Some(r.emissions_kg));
    let embodied_kg = pick(&[StepKey::TotalEmbodied], &|r| r.embodied_kg);
    let headline = project.include_embodied.then(|| {
        Ends::build(|end| {
            let at = |r: Range| match end {
                End::Low => r.low,
                End::Central => r.central,
                End::High => r.high,
            };
            vec![step(
                StepKey::Headline,
                vec![
                    t(derived(at(emissions_kg), "kg", "operational emissions")),
                    P,
                    t(derived(at(embodied_kg), "kg", "manufacturing share")),
                ],
            )]
        })
    });
    let headline_kg = headline.as_ref().and_then(|h| h.result(&[StepKey::Headline])).unwrap_or(emissions_kg);
    ProjectMethod {
        runs,
        invalid_runs: totals.invalid_runs,
        totals: totals_steps,
        headline,
        energy_kwh,
        emissions_kg,
        embodied_kg,
        headline_kg,
    }
}

// ---------------------------------------------------------------------------
// Plain text.

fn ends_text(out: &mut String, ends: &Ends, indent: &str) {
    if ends.low == ends.central && ends.high == ends.central {
        out.push_str(&format!("{indent}Central value (both ends of the range are the same):\n"));
        for s in &ends.central {
            out.push_str(&format!("{indent}  {}: {}\n", s.key.label(), s.expression()));
        }
        return;
    }
    for end in End::ALL {
        out.push_str(&format!("{indent}{}:\n", end.label()));
        for s in ends.get(end) {
            out.push_str(&format!("{indent}  {}: {}\n", s.key.label(), s.expression()));
        }
    }
}

impl Origin {
    /// Where a term comes from, in words: "data/hardware.csv, row nvidia-h100-sxm,
    /// column power_w", "entered", a band's rule, a constant's source, a
    /// tracker's record; None for a constant without a source and a step's result.
    pub fn whence(&self) -> Option<String> {
        Some(match self {
            Origin::Table(r) => format!("data/{}, row {}, column {}", r.table, r.key, r.column),
            Origin::Entered => "entered".into(),
            Origin::Constant { source: Some(s) } => format!("{}, {}", s.name, s.year),
            Origin::Band { rule } => rule.clone(),
            Origin::Measured { source } => source.clone(),
            Origin::Constant { source: None } | Origin::Step => return None,
        })
    }
}

/// The terms of `steps` that come from somewhere ([`Origin::whence`]), each
/// (text, what) once, in the order they first appear, with where they come from.
fn sourced<'a>(steps: &[&'a Step]) -> Vec<(&'a Term, String)> {
    let mut out: Vec<(&Term, String)> = Vec::new();
    for s in steps {
        for term in s.terms() {
            let Some(whence) = term.origin.whence() else { continue };
            if out.iter().any(|(t, _)| t.text == term.text && t.what == term.what) {
                continue;
            }
            out.push((term, whence));
        }
    }
    out
}

/// "  700 W: rated power of the NVIDIA H100 SXM5 80GB (data/hardware.csv, row nvidia-h100-sxm, column power_w)".
fn factors_text(out: &mut String, steps: &[&Step]) {
    let lines = sourced(steps);
    if !lines.is_empty() {
        out.push_str("Where the numbers come from:\n");
        for (term, whence) in lines {
            out.push_str(&format!("  {}: {} ({whence})\n", term.text, term.what));
        }
    }
}

impl RunMethod {
    /// Every cell of a factor table the calculation uses (central value, both
    /// ends, the work and the manufacturing share), once each, in the order
    /// they first appear: what the results card links to.
    pub fn table_refs(&self) -> Vec<&FactorRef> {
        let mut refs: Vec<&FactorRef> = Vec::new();
        for s in self.all_steps() {
            for term in s.terms() {
                if let Origin::Table(r) = &term.origin {
                    if !refs.contains(&r) {
                        refs.push(r);
                    }
                }
            }
        }
        refs
    }

    /// Every term that comes from a table, an entry, a band, a documented
    /// constant or a measurement, once each, with where it comes from: the
    /// "Where the numbers come from" list of [`RunMethod::text`].
    pub fn factors(&self) -> Vec<(&Term, String)> {
        sourced(&self.all_steps())
    }

    fn all_steps(&self) -> Vec<&Step> {
        let mut v: Vec<&Step> = Vec::new();
        for end in End::ALL {
            v.extend(self.operational.get(end));
        }
        v.extend(&self.work);
        if let Some(e) = &self.embodied {
            for end in End::ALL {
                v.extend(e.get(end));
            }
        }
        v
    }

    /// The calculation as plain text: each end, the manufacturing share, the
    /// notes, and where every number comes from.
    pub fn text(&self) -> String {
        let mut out = String::new();
        ends_text(&mut out, &self.operational, "");
        if let Some(w) = &self.work {
            out.push_str(&format!("{} (what the hardware comparison re-runs): {}\n", w.key.label(), w.expression()));
        }
        if let Some(e) = &self.embodied {
            out.push_str("Manufacturing share of the hardware (reported apart):\n");
            ends_text(&mut out, e, "  ");
        }
        for n in &self.notes {
            out.push_str(n);
            out.push('\n');
        }
        factors_text(&mut out, &self.all_steps());
        out
    }
}

impl ProjectMethod {
    /// Every run's calculation, then the sums and the headline, as plain text
    /// (sections apart by a blank line).
    pub fn text(&self) -> String {
        let mut sections = Vec::new();
        let many = self.runs.len() > 1;
        for r in &self.runs {
            let mut out = String::new();
            if many {
                let kind = match r.kind {
                    "requests" => "from requests",
                    "measured" => "measured",
                    _ => "from hardware",
                };
                out.push_str(&format!("Run {}, {} ({kind}):\n", r.run + 1, text::quote(&r.label, 60)));
            }
            out.push_str(&r.text());
            sections.push(out);
        }
        if self.invalid_runs > 0 {
            sections.push(format!(
                "{} left out: a field is invalid.\n",
                text::capitalize(&text::count(self.invalid_runs, "run", "runs"))
            ));
        }
        if let Some(t) = &self.totals {
            let mut out = "Project:\n".to_string();
            ends_text(&mut out, t, "");
            sections.push(out);
        }
        if let Some(h) = &self.headline {
            let mut out = "The headline includes the manufacturing share:\n".to_string();
            ends_text(&mut out, h, "");
            sections.push(out);
        }
        sections.join("\n")
    }
}
