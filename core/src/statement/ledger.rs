//! The figures the disclosure targets share, read from [`Facts`]: per run its
//! wall-clock time, device-hours, FLOPs, IT energy and how it is known; sums
//! over groups of phases (the reported experiments, the training, all
//! experiments); and the few wordings every target repeats (the basis, the
//! data version, measured or estimated).
//!
//! Groups of phases, one definition each:
//! * **reported experiments** ([`reported`]): final training, fine-tuning and
//!   inference; the rest of the ledger (exploration, hyperparameter search,
//!   failed runs, [`crate::project::Phase::is_overhead`]) is what a paper
//!   usually leaves out;
//! * **training of the model** ([`training`]): final training and fine-tuning;
//! * **all experiments** ([`experiment`]): every run but inference (serving).
//!
//! Longer than 450 lines because it is the one place every disclosure target reads its shared
//! figures from (so that they cannot disagree); its tests, the last 30 lines, pin each figure.

use super::facts::{Facts, RunFacts};
use crate::compute::FlopsMethod;
use crate::format;
use crate::job::IntensityBasis;
use crate::model::Range;
use crate::project::{Detail, Phase};
use crate::text;
use crate::{APP_VERSION, DATA_VERSION};

/// A run the paper reports: final training, fine-tuning, inference.
pub fn reported(p: Phase) -> bool {
    !p.is_overhead()
}

/// A run that trains the model: final training or fine-tuning.
pub fn training(p: Phase) -> bool {
    matches!(p, Phase::FinalTraining | Phase::FineTuning)
}

/// An experiment: every run but inference (serving).
pub fn experiment(p: Phase) -> bool {
    p != Phase::Inference
}

fn repeat(r: &RunFacts) -> f64 {
    f64::from(r.repeat.max(1))
}

/// The count at the start of a tracker's hardware text: CodeCarbon writes
/// `gpu_model` as "4 x NVIDIA A100-SXM4-80GB", the importer "4 × …".
fn counted(hardware: &str) -> Option<u32> {
    let t = hardware.trim();
    let (count, _) = t.split_once(" x ").or_else(|| t.split_once(" × "))?;
    count.trim().parse().ok().filter(|n| *n > 0)
}

/// Accelerators of one run: the job's device count (None without an
/// accelerator); for a measured run the count the tracker wrote, if any.
pub fn devices(r: &RunFacts) -> Option<u32> {
    match &r.detail {
        Detail::Estimated { job, .. } => Some(job.devices).filter(|d| *d > 0),
        Detail::Measured(m) => counted(&m.hardware),
        Detail::Requests(_) => None,
    }
}

/// Wall-clock hours of one run (before the repeat count).
pub fn wall_hours(r: &RunFacts) -> Option<f64> {
    match &r.detail {
        Detail::Estimated { job, .. } => Some(job.hours),
        Detail::Measured(m) => Some(m.duration_h).filter(|h| *h > 0.0),
        Detail::Requests(_) => None,
    }
}

/// Device-hours (accelerator-hours, GPU-hours) of the run, every repeat included.
pub fn device_hours(r: &RunFacts) -> Option<f64> {
    Some(f64::from(devices(r)?) * wall_hours(r)? * repeat(r))
}

/// The run's FLOPs, every repeat included, and how they are known.
pub fn flops(r: &RunFacts) -> Option<(Range, FlopsMethod)> {
    match &r.detail {
        Detail::Estimated { job, .. } => job.compute.as_ref().map(|c| (c.flops.map(|f| f * repeat(r)), c.method)),
        _ => None,
    }
}

/// The model's parameters in billions, when the run's compute was given as 6 × N × D.
pub fn params_b(r: &RunFacts) -> Option<f64> {
    match flops(r)? {
        (_, FlopsMethod::SixNd { params_b, .. }) => Some(params_b),
        _ => None,
    }
}

/// The PUE in the run's energy: the one applied by the estimate, or the one the
/// tracker recorded (or was applied on import). None: not known.
pub fn pue(r: &RunFacts) -> Option<f64> {
    match &r.detail {
        Detail::Estimated { job, .. } => Some(job.pue.value),
        Detail::Requests(q) => Some(q.pue.value),
        Detail::Measured(m) => m.pue_applied.or(m.pue).filter(|p| p.is_finite() && *p > 0.0),
    }
}

/// The run's IT energy (without the data-centre overhead), every repeat
/// included: the energy divided by the PUE at each end of the range.
pub fn it_energy(r: &RunFacts) -> Option<Range> {
    let e = r.energy_kwh;
    let site =
        |low: f64, value: f64, high: f64| Range { low: e.low / low, central: e.central / value, high: e.high / high };
    match &r.detail {
        Detail::Estimated { job, .. } => Some(site(job.pue.low, job.pue.value, job.pue.high)),
        Detail::Requests(q) => Some(site(q.pue.low, q.pue.value, q.pue.high)),
        Detail::Measured(_) => pue(r).map(|p| e.map(|x| x / p)),
    }
}

/// Sums over a group of runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sum {
    /// Runs, with their repeat counts.
    pub runs: u64,
    /// Rows of the ledger.
    pub rows: usize,
    pub device_hours: f64,
    /// Runs (with repeats) whose device-hours are not known.
    pub no_device_hours: u64,
    /// Wall-clock hours, summed over the runs (they may have run in parallel).
    pub wall_hours: f64,
    pub no_wall_hours: u64,
    pub flops: Option<Range>,
    /// Runs (with repeats) whose FLOPs are not known.
    pub no_flops: u64,
    pub energy_kwh: Range,
    /// IT energy of the runs where it is known.
    pub it_energy_kwh: Range,
    pub no_it_energy: u64,
    pub emissions_kg: Range,
    pub measured: u64,
    pub estimated: u64,
    /// Inference requests of the runs estimated from requests, and their emissions.
    pub requests: f64,
    pub requests_emissions_kg: Range,
    /// The manufacturing share of the runs that have one.
    pub embodied_kg: Range,
}

impl Sum {
    /// "estimated", "measured" or "estimated and measured".
    pub fn how(&self) -> &'static str {
        match (self.estimated > 0, self.measured > 0) {
            (true, true) => "estimated and measured",
            (false, true) => "measured",
            _ => "estimated",
        }
    }

    /// The relative half-widths of the energy range below and above the central value.
    pub fn energy_spread(&self) -> (f64, f64) {
        spread(self.energy_kwh)
    }
}

/// (central − low, high − central) as fractions of the central value (0 for a zero value).
pub fn spread(r: Range) -> (f64, f64) {
    if r.central > 0.0 {
        ((r.central - r.low) / r.central, (r.high - r.central) / r.central)
    } else {
        (0.0, 0.0)
    }
}

impl Default for Sum {
    fn default() -> Sum {
        Sum {
            runs: 0,
            rows: 0,
            device_hours: 0.0,
            no_device_hours: 0,
            wall_hours: 0.0,
            no_wall_hours: 0,
            flops: None,
            no_flops: 0,
            energy_kwh: Range::ZERO,
            it_energy_kwh: Range::ZERO,
            no_it_energy: 0,
            emissions_kg: Range::ZERO,
            measured: 0,
            estimated: 0,
            requests: 0.0,
            requests_emissions_kg: Range::ZERO,
            embodied_kg: Range::ZERO,
        }
    }
}

/// Sums over the runs whose phase passes `keep`.
pub fn sum(facts: &Facts, keep: impl Fn(Phase) -> bool) -> Sum {
    let mut s = Sum::default();
    for r in facts.runs.iter().filter(|r| keep(r.phase)) {
        let n = u64::from(r.repeat.max(1));
        s.runs += n;
        s.rows += 1;
        match device_hours(r) {
            Some(h) => s.device_hours += h,
            None => s.no_device_hours += n,
        }
        match wall_hours(r) {
            Some(h) => s.wall_hours += h * repeat(r),
            None => s.no_wall_hours += n,
        }
        match flops(r) {
            Some((f, _)) => s.flops = Some(s.flops.map_or(f, |t| t + f)),
            None => s.no_flops += n,
        }
        s.energy_kwh = s.energy_kwh + r.energy_kwh;
        s.emissions_kg = s.emissions_kg + r.emissions_kg;
        match it_energy(r) {
            Some(e) => s.it_energy_kwh = s.it_energy_kwh + e,
            None => s.no_it_energy += n,
        }
        if r.is_measured() {
            s.measured += n;
        } else {
            s.estimated += n;
        }
        if let Detail::Requests(q) = &r.detail {
            s.requests += q.requests * repeat(r);
            s.requests_emissions_kg = s.requests_emissions_kg + r.emissions_kg;
        }
        if let Some(e) = &r.embodied {
            s.embodied_kg = s.embodied_kg + e.kg;
        }
    }
    s
}

/// `x` rounded to `sig` significant digits, with thousands separators and
/// the zeros that are significant: `sig_fig(13_732.4, 2)` = "14,000",
/// `sig_fig(0.4596, 2)` = "0.46", `sig_fig(0.4, 2)` = "0.40".
pub fn sig_fig(x: f64, sig: u32) -> String {
    if x == 0.0 || !x.is_finite() {
        return format::fixed(x, 0);
    }
    let magnitude = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(sig as i32 - 1 - magnitude);
    let rounded = (x * scale).round() / scale;
    // Rounding may carry into the next power of ten (9.96 → 10): one digit fewer after the point.
    let magnitude = rounded.abs().log10().floor() as i32;
    let decimals = (sig as i32 - 1 - magnitude).max(0) as usize;
    let text = format!("{:.*}", decimals, rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// (mantissa with `sig` significant digits, exponent), 1 ≤ |mantissa| < 10.
pub fn mantissa_exponent(x: f64, sig: u32) -> (String, i32) {
    if x == 0.0 || !x.is_finite() {
        return (format::fixed(x, 0), 0);
    }
    let mut exponent = x.abs().log10().floor() as i32;
    let mut mantissa = x / 10f64.powi(exponent);
    let fixed = |m: f64| format!("{:.*}", (sig.max(1) - 1) as usize, m);
    if fixed(mantissa.abs()).starts_with("10") {
        mantissa /= 10.0;
        exponent += 1;
    }
    (fixed(mantissa), exponent)
}

/// "8.2 × 10^20" (plain text), `sig` significant digits.
pub fn sci_text(x: f64, sig: u32) -> String {
    let (m, e) = mantissa_exponent(x, sig);
    format!("{m} × 10^{e}")
}

/// "8.2\times10^{20}" inside `$…$` for LaTeX.
pub fn sci_latex(x: f64, sig: u32) -> String {
    let (m, e) = mantissa_exponent(x, sig);
    format!("${m}\\times10^{{{e}}}$")
}

/// Hours as "336 h (14 days)", or "6 h".
pub fn hours(h: f64) -> String {
    if h >= 48.0 {
        format!("{} h ({} days)", format::significant(h, 4), format::significant(h / 24.0, 3))
    } else {
        format!("{} h", format::significant(h, 4))
    }
}

/// Device-hours, four significant digits at most.
pub fn device_hours_text(h: f64) -> String {
    format::significant(h, 4)
}

/// "459.6 kWh (range 356.4–504 kWh)": a central value and its range, one unit function.
pub fn with_range(r: Range, unit: fn(f64) -> String) -> String {
    let central = unit(r.central);
    let range = format::range(r, unit);
    if range == central {
        central
    } else {
        format!("{central} (range {range})")
    }
}

/// What one run is, in a few words: "8 × NVIDIA H100 SXM5 80GB", "32 CPU cores (…)",
/// "1,000,000 requests × 0.3 Wh", "1 x NVIDIA A100-SXM4-80GB (measured)".
pub fn hardware(r: &RunFacts) -> String {
    match &r.detail {
        Detail::Estimated { job, .. } if job.devices == 0 => match &job.host {
            Some(h) if h.cores > 0.0 => format!("{} CPU cores ({})", format::plain(h.cores), text::clean(&h.cpu_name)),
            _ => "CPU and memory (no accelerator)".into(),
        },
        Detail::Estimated { job, .. } => format!("{} × {}", job.devices, text::clean(&job.hardware.name)),
        Detail::Requests(_) => "hardware not stated (estimated from energy per request)".into(),
        Detail::Measured(m) => text::clean(&m.hardware),
    }
}

/// Where one run ran: "Amazon Web Services us-east-1 (US East (N. Virginia))", "France",
/// "location not stated (custom grid intensity)", or the tracker's record.
pub fn place(r: &RunFacts) -> String {
    match (&r.detail, r.site()) {
        (_, Some((l, _, _))) if l.source.is_none() => "location not stated (custom grid intensity)".into(),
        (_, Some((l, _, _))) => text::clean(&l.label),
        (Detail::Measured(m), None) => text::clean(&m.location),
        _ => String::new(),
    }
}

/// The ISO country code of a run's location (the zone's, or the last part of
/// the place), or the tracker's country as recorded.
pub fn country(r: &RunFacts) -> Option<String> {
    match (&r.detail, r.site()) {
        (_, Some((l, _, _))) => {
            if let Some(z) = &l.zone_id {
                return z.split('-').next().map(str::to_string);
            }
            let last = l.place.rsplit(',').next().unwrap_or_default().trim();
            (last.len() == 2 && last.chars().all(|c| c.is_ascii_uppercase())).then(|| last.to_string())
        }
        (Detail::Measured(m), None) => {
            let c = text::clean(&m.location);
            (!c.is_empty()).then_some(c)
        }
        _ => None,
    }
}

/// The grid intensity of a run (gCO2eq/kWh) and what it is: the location's
/// figure with its kind, source and year, or for a measured run the
/// intensity its figures imply.
pub fn grid(r: &RunFacts) -> (f64, String) {
    match r.site() {
        Some((l, _, _)) => {
            let kind = match l.intensity_basis {
                IntensityBasis::Lifecycle => "lifecycle",
                IntensityBasis::Direct if l.basis_fallback => "lifecycle (no direct figure published)",
                IntensityBasis::Direct => "direct (combustion / scope 2)",
                IntensityBasis::Provider => "the provider's own figure",
                IntensityBasis::Entered => "entered by the user",
            };
            let what = match &l.source {
                Some(s) => format!("{}, {kind}, {} {}", text::clean(&l.grid), text::clean(&s.name), s.year),
                None => kind.to_string(),
            };
            (l.intensity_g_per_kwh, what)
        }
        None => {
            let implied =
                if r.energy_kwh.central > 0.0 { r.emissions_kg.central * 1000.0 / r.energy_kwh.central } else { 0.0 };
            (implied, "the tracker's own figure, implied by its energy and emissions".into())
        }
    }
}

/// The kinds of grid figure behind a set of runs, in a few words:
/// "location-based (lifecycle grid figures)", "location-based (lifecycle grid
/// figures; measured runs: the tracker's own grid intensity)".
pub fn basis(facts: &Facts, keep: impl Fn(Phase) -> bool) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    let mut measured = false;
    for r in facts.runs.iter().filter(|r| keep(r.phase)) {
        match r.site() {
            Some((l, _, _)) => {
                let k = match l.intensity_basis {
                    IntensityBasis::Lifecycle => "lifecycle grid figures",
                    IntensityBasis::Direct if l.basis_fallback => "lifecycle grid figures",
                    IntensityBasis::Direct => "direct (combustion / scope 2) grid figures",
                    IntensityBasis::Provider => "the provider's own grid figures",
                    IntensityBasis::Entered => "a grid intensity entered by the user",
                };
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
            None => measured = true,
        }
    }
    let mut parts = vec![kinds.join(" and ")];
    if measured {
        parts.push(
            if kinds.is_empty() {
                "measured: the tracker's own grid intensity"
            } else {
                "measured runs: the tracker's own grid intensity"
            }
            .to_string(),
        );
    }
    parts.retain(|p| !p.is_empty());
    format!("location-based ({})", parts.join("; "))
}

/// "ML Emissions Calculator 0.1.0 (data version 2026.12)".
pub fn version() -> String {
    format!("{} {APP_VERSION} (data version {DATA_VERSION})", super::CALCULATOR_NAME)
}

/// Plain text for LaTeX, with every "10^N" of [`sci_text`] as a power of ten
/// and "CO2eq" as CO\textsubscript{2}eq.
pub fn latex_text(s: &str) -> String {
    let s = s.replace("CO2eq", "CO₂eq");
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find("10^") {
        let after = &rest[i + 3..];
        let digits: String = after
            .chars()
            .enumerate()
            .take_while(|(k, c)| c.is_ascii_digit() || (*k == 0 && *c == '-'))
            .map(|(_, c)| c)
            .collect();
        if digits.is_empty() || digits == "-" {
            out.push_str(&super::escape::latex(&rest[..i + 3]));
            rest = after;
            continue;
        }
        out.push_str(&super::escape::latex(&rest[..i]));
        out.push_str(&format!("$10^{{{digits}}}$"));
        rest = &after[digits.len()..];
    }
    out.push_str(&super::escape::latex(rest));
    out
}

/// "is" or "are" for a count.
pub fn is_are(n: u64) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// What ran where, for lists of infrastructure: "64 × NVIDIA H100 SXM5 80GB in Amazon
/// Web Services us-east-1 (…)", "serving in Google Cloud us-central1 (Iowa), hardware not stated".
pub fn worker(r: &RunFacts) -> String {
    let place = place(r);
    match &r.detail {
        Detail::Requests(_) => format!("serving in {place} (hardware not stated: estimated from energy per request)"),
        _ if place.is_empty() => hardware(r),
        _ => format!("{} in {place}", hardware(r)),
    }
}

/// "the model" or "“Name”".
pub fn model_name(facts: &Facts) -> String {
    let name = text::clean(&facts.name);
    if name.is_empty() {
        "the model".into()
    } else {
        format!("“{name}”")
    }
}

/// The runs to describe one by one (at most [`super::MAX_LISTED_RUNS`]) and how many are left.
pub fn listed(facts: &Facts) -> (&[RunFacts], usize) {
    let n = facts.runs.len().min(super::MAX_LISTED_RUNS);
    (&facts.runs[..n], facts.runs.len() - n)
}

/// "Final training, “Final 7B run”, 20 runs".
pub fn run_title(r: &RunFacts) -> String {
    let mut t = format!("{}, “{}”", r.phase.label(), text::clean(&r.label));
    if r.repeat > 1 {
        t.push_str(&format!(", {} runs", r.repeat));
    }
    t
}

/// What one run used, for lists: hardware, time each, device-hours in total,
/// FLOPs, and measured or estimated: "64 × NVIDIA H100 SXM5 80GB for 336 h (14 days):
/// 21,504 device-hours; 3.2 × 10^22 FLOP (devices × hours × peak throughput × MFU); estimated".
pub fn compute_line(r: &RunFacts) -> String {
    let mut parts = vec![hardware(r)];
    if let Some(h) = wall_hours(r) {
        let each = if r.repeat > 1 { " each" } else { "" };
        parts[0].push_str(&format!(" for {}{each}", hours(h)));
    }
    if let Detail::Requests(q) = &r.detail {
        parts.push(format!(
            "{} requests × {} Wh per request",
            format::plain(q.requests * repeat(r)),
            format::plain(q.wh_per_request)
        ));
    }
    let mut out = parts.join(": ");
    match device_hours(r) {
        Some(dh) => out.push_str(&format!(
            ": {} device-hours{}",
            device_hours_text(dh),
            if r.repeat > 1 { " in total" } else { "" }
        )),
        None if !matches!(r.detail, Detail::Requests(_)) => out.push_str(": device-hours not known"),
        None => {}
    }
    if let Some((f, method)) = flops(r) {
        out.push_str(&format!("; {} FLOP ({})", sci_text(f.central, 2), method.label()));
    }
    out.push_str(if r.is_measured() { "; measured" } else { "; estimated" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_figures_round_integer_digits_too() {
        assert_eq!(sig_fig(13_732.4, 2), "14,000");
        assert_eq!(sig_fig(0.4596, 2), "0.46");
        assert_eq!(sig_fig(9.96, 2), "10");
        assert_eq!(sig_fig(0.0996, 2), "0.10");
        assert_eq!(sig_fig(0.4, 2), "0.40");
        assert_eq!(sig_fig(3.0, 2), "3.0");
        assert_eq!(sig_fig(896.1, 2), "900");
        assert_eq!(sig_fig(0.0, 2), "0");
        assert_eq!(mantissa_exponent(8.2028e20, 2), ("8.2".into(), 20));
        assert_eq!(mantissa_exponent(9.96e20, 2), ("1.0".into(), 21));
        assert_eq!(sci_text(8.4e22, 2), "8.4 × 10^22");
        assert_eq!(sci_latex(5.1e17, 2), "$5.1\\times10^{17}$");
        assert_eq!(counted("4 x NVIDIA A100-SXM4-80GB"), Some(4));
        assert_eq!(counted("2 × GPU"), Some(2));
        assert_eq!(counted("AMD EPYC 7763"), None);
        assert_eq!(hours(336.0), "336 h (14 days)");
        assert_eq!(hours(6.0), "6 h");
        assert_eq!(
            latex_text("2.2 × 10^20 FLOP, 10^-3 and 10^x"),
            "2.2 $\\times$ $10^{20}$ FLOP, $10^{-3}$ and 10\\textasciicircum{}x"
        );
    }
}
