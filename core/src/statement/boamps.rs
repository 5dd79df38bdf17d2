//! BoAmps (Boavizta): a JSON energy report for an AI task, valid against the
//! report schema pinned in `core/tests/fixtures/boamps/` (Boavizta/BoAmps
//! `model/`, commit eb9db5c, CC BY 4.0), as `scripts/test.sh` checks with a
//! real JSON Schema validator.
//!
//! One report for the project: `task.taskStage` names its stages (training,
//! finetuning, inference, joined with "+" as the schema suggests), one
//! `measures[]` item per run of the ledger (its energy in kWh, repeats
//! included, so that the measures add up to the project's energy),
//! `infrastructure.components[]` the hardware, and `environment` the place.
//! Filled beyond what CodeCarbon's own BoAmps output writes:
//! * `environment.powerSourceCarbonIntensity`: the grid intensity used, in
//!   gCO2eq/kWh; with several places, the energy-weighted average (the
//!   project's emissions ÷ its energy), so that `powerConsumption` ×
//!   intensity gives the location-based emissions, which BoAmps has no field for;
//! * `quality`: from the width of the energy range, the report's main figure:
//!   BoAmps' bands are high ±10 %, medium ±25 %, low ±50 %; the band is the
//!   narrowest that holds the larger side of the range (a measured run has no
//!   modelled range: high), and "low" when the range is wider still.
//!
//! The schema requires fields the calculator cannot know. They get values the
//! schema accepts and that say what to change: `taskFamily` a "[to fill in: …]"
//! text, one `dataset` item `{"dataUsage": "input", "dataType": "other"}`,
//! one empty `algorithms` item (with `parametersNumber` when the compute was
//! given as 6 × N × D). `taskDescription` lists them. The optional `header` is
//! left out: it requires the report's publishing time, which a deterministic
//! export cannot give.

use super::ledger;
use super::{Facts, RunFacts};
use crate::compute::FlopsMethod;
use crate::project::{Detail, Phase};
use crate::text;
use serde::Serialize;

/// The schema the report is written for.
pub const SCHEMA: &str =
    "BoAmps report_schema.json, Boavizta/BoAmps model/ at eb9db5c38d8a335e867f39e39882db714c32ec6a";

/// BoAmps' quality bands: the largest relative error each allows.
pub const QUALITY_BANDS: [(&str, f64); 3] = [("high", 0.10), ("medium", 0.25), ("low", 0.50)];

/// Placeholder for the required task family.
pub const TASK_FAMILY_TO_FILL: &str = "[to fill in: the task family, e.g. text classification, image generation]";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    task: Task,
    measures: Vec<Measure>,
    infrastructure: Infrastructure,
    #[serde(skip_serializing_if = "Option::is_none")]
    environment: Option<Environment>,
    quality: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Task {
    task_stage: String,
    task_family: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nb_request: Option<f64>,
    algorithms: Vec<Algorithm>,
    dataset: Vec<Dataset>,
    task_description: String,
}

#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct Algorithm {
    #[serde(skip_serializing_if = "Option::is_none")]
    parameters_number: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dataset {
    data_usage: &'static str,
    data_type: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Measure {
    measurement_method: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cpu_tracking_mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gpu_tracking_mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    average_utilization_cpu: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    average_utilization_gpu: Option<f64>,
    power_consumption: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    measurement_duration: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Infrastructure {
    infra_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cloud_provider: Option<String>,
    components: Vec<Component>,
}

#[derive(Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Component {
    component_name: String,
    component_type: &'static str,
    nb_component: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    memory_size: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Environment {
    country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    power_supplier_type: &'static str,
    power_source_carbon_intensity: f64,
}

/// A figure for the report: nine significant digits, so that float noise
/// (35.099999999999994) does not show, far inside any quality band.
fn round(x: f64) -> f64 {
    crate::format::decimal(x, 9).parse().unwrap_or(x)
}

/// BoAmps' stage for a phase.
fn stage(p: Phase) -> &'static str {
    match p {
        Phase::FineTuning => "finetuning",
        Phase::Inference => "inference",
        _ => "training",
    }
}

/// The quality band for relative spreads (below, above) of the central value.
pub fn quality(below: f64, above: f64) -> &'static str {
    let worst = below.max(above);
    QUALITY_BANDS.iter().find(|(_, band)| worst <= *band + 1e-12).map_or("low", |(q, _)| q)
}

/// "codecarbon" and its version from a measured run's source
/// ("emissions.csv (CodeCarbon 3.3.2), run 5b0f…, line 12").
fn tracker(source: &str) -> (String, Option<String>) {
    let lower = source.to_ascii_lowercase();
    match lower.find("codecarbon") {
        Some(i) => {
            let rest = &source[i + "codecarbon".len()..];
            let version: String = rest.trim_start().chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            ("codecarbon".into(), Some(version).filter(|v| v.chars().next().is_some_and(|c| c.is_ascii_digit())))
        }
        None => ("tracker".into(), None),
    }
}

fn measure(r: &RunFacts) -> Measure {
    let repeat = f64::from(r.repeat.max(1));
    let duration = ledger::wall_hours(r).map(|h| h * 3600.0 * repeat);
    let calculator = || Some(crate::APP_VERSION.to_string());
    match &r.detail {
        Detail::Estimated { job, .. } => Measure {
            measurement_method: "ml-emissions-calculator (estimate: power × utilization × hours × PUE)".into(),
            version: calculator(),
            cpu_tracking_mode: job.host.as_ref().filter(|h| h.cores > 0.0).map(|_| "constant"),
            gpu_tracking_mode: (job.devices > 0).then_some("constant"),
            average_utilization_cpu: job.host.as_ref().filter(|h| h.cores > 0.0).map(|h| h.usage),
            average_utilization_gpu: (job.devices > 0).then_some(job.utilization),
            power_consumption: round(r.energy_kwh.central),
            measurement_duration: duration.map(round),
        },
        Detail::Requests(_) => Measure {
            measurement_method: "ml-emissions-calculator (estimate: requests × energy per request × PUE)".into(),
            version: calculator(),
            cpu_tracking_mode: None,
            gpu_tracking_mode: None,
            average_utilization_cpu: None,
            average_utilization_gpu: None,
            power_consumption: round(r.energy_kwh.central),
            measurement_duration: None,
        },
        Detail::Measured(m) => {
            let (method, version) = tracker(&m.source);
            Measure {
                measurement_method: method,
                version,
                cpu_tracking_mode: None,
                gpu_tracking_mode: None,
                average_utilization_cpu: None,
                average_utilization_gpu: None,
                power_consumption: round(r.energy_kwh.central),
                measurement_duration: duration.map(round),
            }
        }
    }
}

/// The hardware of one run, as BoAmps components.
fn components(r: &RunFacts) -> Vec<Component> {
    let mut out = Vec::new();
    match &r.detail {
        Detail::Estimated { job, .. } => {
            if job.devices > 0 {
                out.push(Component {
                    component_name: text::clean(&job.hardware.name),
                    component_type: "gpu",
                    nb_component: job.devices,
                    memory_size: None,
                });
            }
            if let Some(h) = &job.host {
                if h.cores > 0.0 {
                    out.push(Component {
                        component_name: format!(
                            "{} ({} cores)",
                            text::clean(&h.cpu_name),
                            crate::format::plain(h.cores)
                        ),
                        component_type: "cpu",
                        nb_component: 1,
                        memory_size: None,
                    });
                }
                if h.memory_gb > 0.0 {
                    out.push(Component {
                        component_name: "memory".into(),
                        component_type: "ram",
                        nb_component: 1,
                        memory_size: Some(h.memory_gb),
                    });
                }
            }
        }
        Detail::Measured(m) => {
            let name = text::clean(&m.hardware);
            if !name.is_empty() {
                // CodeCarbon writes the GPU model with its count ("4 x NVIDIA …"), and the
                // CPU model when there is no GPU.
                let (kind, n) = match ledger::devices(r) {
                    Some(n) => ("gpu", n),
                    None => ("cpu", 1),
                };
                out.push(Component { component_name: name, component_type: kind, nb_component: n, memory_size: None });
            }
        }
        Detail::Requests(_) => {}
    }
    out
}

/// The report, as pretty-printed JSON.
pub fn render(facts: &Facts) -> String {
    let t = &facts.totals;
    let all = ledger::sum(facts, |_| true);
    let mut stages: Vec<&str> = Vec::new();
    for p in &t.phases {
        let s = stage(p.phase);
        if !stages.contains(&s) {
            stages.push(s);
        }
    }
    let requests = all.requests;
    let params: Vec<f64> = {
        let mut v: Vec<f64> = Vec::new();
        for r in &facts.runs {
            if let Some((_, FlopsMethod::SixNd { params_b, .. })) = ledger::flops(r) {
                if !v.contains(&params_b) {
                    v.push(params_b);
                }
            }
        }
        v
    };
    let algorithms = if params.is_empty() {
        vec![Algorithm::default()]
    } else {
        params.iter().map(|p| Algorithm { parameters_number: Some(*p) }).collect()
    };

    let mut comps: Vec<Component> = Vec::new();
    for r in &facts.runs {
        for c in components(r) {
            // One row per device and count: the largest count of a device is listed once.
            match comps
                .iter_mut()
                .find(|x| x.component_name == c.component_name && x.component_type == c.component_type)
            {
                Some(x) => x.nb_component = x.nb_component.max(c.nb_component),
                None => comps.push(c),
            }
        }
    }
    let placeholder_component = comps.is_empty();
    if placeholder_component {
        comps.push(Component {
            component_name: "[to fill in: the hardware that served the requests]".into(),
            component_type: "other",
            nb_component: 1,
            memory_size: None,
        });
    }
    let providers: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for r in &facts.runs {
            if let Some(c) = &r.cloud {
                if !v.contains(&c.provider_key) {
                    v.push(c.provider_key.clone());
                }
            }
        }
        v
    };
    let all_cloud = facts.runs.iter().all(|r| r.cloud.is_some());
    let infra_type = if all_cloud { "publicCloud" } else { "other" };

    // ISO codes of the places estimated; a tracker's own country text only when there is none.
    let mut countries: Vec<String> = Vec::new();
    let mut tracked: Vec<String> = Vec::new();
    let mut places: Vec<String> = Vec::new();
    for r in &facts.runs {
        if let Some(c) = ledger::country(r) {
            let list = if r.is_measured() { &mut tracked } else { &mut countries };
            if !list.contains(&c) {
                list.push(c);
            }
        }
        let p = ledger::place(r);
        if !p.is_empty() && !places.contains(&p) {
            places.push(p);
        }
    }
    if countries.is_empty() {
        countries = tracked;
    }
    let intensity =
        if t.energy_kwh.central > 0.0 { t.emissions_kg.central * 1000.0 / t.energy_kwh.central } else { 0.0 };
    let environment = (!countries.is_empty()).then(|| Environment {
        country: countries.join(", "),
        location: (!places.is_empty()).then(|| places.join("; ")),
        power_supplier_type: "public",
        power_source_carbon_intensity: round(intensity),
    });
    let (below, above) = all.energy_spread();
    let q = quality(below, above);

    // The description: what BoAmps has no field for, how the figures were made, what to fill in.
    let mut d = vec![format!(
        "Energy report of {} from the {}: {}, {}.",
        ledger::model_name(facts),
        ledger::version(),
        text::count(all.runs as usize, "run", "runs"),
        all.how()
    )];
    d.push(format!(
        "powerConsumption is the energy (kWh) of each run of the project's ledger, repeats included, with the data-centre overhead (PUE) where the run states one; total {} kWh.",
        crate::format::significant(t.energy_kwh.central, 6)
    ));
    d.push(format!(
        "Emissions (no BoAmps field): {} kg CO2eq, {}; powerSourceCarbonIntensity is {}.",
        crate::format::significant(t.emissions_kg.central, 4),
        ledger::basis(facts, |_| true),
        if places.len() > 1 {
            "the energy-weighted average of the runs' grid intensities (emissions ÷ energy)"
        } else if facts.all_measured() {
            "the intensity the tracker's energy and emissions imply"
        } else {
            "the grid intensity used"
        }
    ));
    let range = if below.max(above) > 0.0 {
        format!(
            "the energy range is −{} / +{} of the central value",
            crate::format::percent(below),
            crate::format::percent(above)
        )
    } else {
        "the energy is measured, with no modelled range".into()
    };
    d.push(format!("quality \"{q}\": {range} (BoAmps: high ±10 %, medium ±25 %, low ±50 %)."));
    if facts.runs.iter().any(|r| matches!(&r.detail, Detail::Estimated { job, .. } if job.devices > 0)) {
        d.push("averageUtilizationGpu is the share of rated power drawn, as entered (not a measured load).".into());
    }
    if t.embodied_kg.central > 0.0 {
        d.push(format!(
            "Manufacturing (embodied) share of the hardware, cradle-to-gate, reported apart: {} kg CO2eq.",
            crate::format::significant(t.embodied_kg.central, 4)
        ));
    }
    let mut fill = vec![
        "taskFamily".to_string(),
        "dataset (dataType \"other\" until set; dataQuantity, source)".to_string(),
        "algorithms (algorithmType, framework…)".to_string(),
    ];
    if placeholder_component {
        fill.push("infrastructure.components (the hardware)".into());
    }
    if !all_cloud {
        fill.push("infrastructure.infraType (\"other\" until set: onPremise, privateCloud…)".into());
    }
    if environment.is_none() {
        fill.push("environment (country; the grid intensity was entered without a place)".into());
    }
    fill.push("header (reportDatetime, publisher, licensing), system and software, if you publish the report".into());
    d.push(format!("Still to fill in: {}.", fill.join("; ")));
    d.push(format!("Written for {SCHEMA}."));

    let report = Report {
        task: Task {
            task_stage: stages.join("+"),
            task_family: TASK_FAMILY_TO_FILL,
            nb_request: (requests > 0.0).then_some(requests),
            algorithms,
            dataset: vec![Dataset { data_usage: "input", data_type: "other" }],
            task_description: d.join(" "),
        },
        measures: facts.runs.iter().map(measure).collect(),
        infrastructure: Infrastructure {
            infra_type,
            cloud_provider: (!providers.is_empty()).then(|| providers.join(", ")),
            components: comps,
        },
        environment,
        quality: q,
    };
    serde_json::to_string_pretty(&report).expect("plain data serializes") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_is_the_narrowest_band_that_holds_the_range() {
        assert_eq!(quality(0.0, 0.0), "high");
        assert_eq!(quality(0.10, 0.05), "high");
        assert_eq!(quality(0.2245, 0.0966), "medium");
        assert_eq!(quality(0.26, 0.1), "low");
        assert_eq!(quality(0.5, 0.9), "low");
    }

    #[test]
    fn the_tracker_and_its_version_come_from_the_source() {
        assert_eq!(
            tracker("emissions.csv (CodeCarbon 3.3.2), run 5b0f, line 12"),
            ("codecarbon".into(), Some("3.3.2".into()))
        );
        assert_eq!(tracker("CodeCarbon emissions.csv, line 2"), ("codecarbon".into(), None));
        assert_eq!(tracker("a wattmeter"), ("tracker".into(), None));
    }
}
