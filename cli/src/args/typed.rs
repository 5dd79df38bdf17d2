//! `estimate`'s raw flags, validated once into [`EstimateArgs`].

use super::errors::{did_you_mean, or_list, suggest};
use super::flags::{flag_of, RunFlags, DAYS};
use super::RawEstimate;
use crate::Usage;
use emissions_core::data::{Basis, Dataset, GridZone, Hardware};
use emissions_core::fields::{self, FieldId, Kind};
use emissions_core::form::{flag_key, DurationUnit, JobBy, LocationMode, CUSTOM, NO_ACCELERATOR};
use emissions_core::lookup::{self, HardwareMiss, RegionMiss};
use emissions_core::output::Format;
use emissions_core::project::Phase;
use emissions_core::text;
use std::path::PathBuf;

/// The inputs that describe the accelerator: a run from requests has none.
const HARDWARE_FIELDS: [FieldId; 6] = [
    FieldId::Hardware,
    FieldId::CustomName,
    FieldId::CustomPower,
    FieldId::Devices,
    FieldId::Duration,
    FieldId::Utilization,
];
/// A device the tables do not list.
const CUSTOM_DEVICE_FIELDS: [FieldId; 3] = [FieldId::CustomPower, FieldId::CustomName, FieldId::CustomTflops];
/// Any of these describes the job by its compute (the hours are derived).
const COMPUTE_FIELDS: [FieldId; 3] = [FieldId::Flops, FieldId::Params, FieldId::Tokens];
/// Three ways to say where the job ran; one at most.
const LOCATION_FIELDS: [FieldId; 3] = [FieldId::Region, FieldId::Zone, FieldId::CustomIntensity];
/// Any of these turns the host CPU and memory on.
const HOST_FIELDS: [FieldId; 5] =
    [FieldId::Cpu, FieldId::CpuCores, FieldId::CpuPower, FieldId::CpuUsage, FieldId::MemoryGb];
/// Any of these makes the run an estimate from requests.
const REQUEST_FIELDS: [FieldId; 3] = [FieldId::Requests, FieldId::WhPerRequest, FieldId::Basis];

/// `estimate`, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateArgs {
    pub input: Input,
    pub format: Format,
    pub output: Option<PathBuf>,
}

/// Where the project comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One run from flags: the fields to set on a default run, with their wire
    /// text, in order (a cloud region sets the location, then the provider and
    /// the region; the host flags turn the host on first).
    Flags { project: String, settings: Vec<(FieldId, String)>, grid_basis: Basis, include_embodied: bool },
    /// A whole project from an export.
    Json(JsonSource),
    /// Runs measured by CodeCarbon, from its emissions.csv files.
    CodeCarbon { files: Vec<String>, apply_pue: Option<f64>, phase: Phase, project: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum JsonSource {
    Stdin,
    File(String),
}

impl JsonSource {
    /// How messages name it: the path, or "-".
    pub fn name(&self) -> &str {
        match self {
            JsonSource::Stdin => "-",
            JsonSource::File(path) => path,
        }
    }
}

/// Validate `estimate`'s flags once: the format, whether the flags go
/// together, and every name, which is looked up in the tables.
pub fn estimate(raw: RawEstimate, data: &Dataset) -> Result<EstimateArgs, Usage> {
    let format = match raw.format.as_deref() {
        None => Format::Text,
        Some(key) => Format::from_key(key).ok_or_else(|| {
            let keys: Vec<&str> = Format::ALL.iter().map(|f| f.key()).collect();
            Usage(format!(
                "unknown format “{}”: use one of {}{}",
                text::clean(key),
                keys.join(", "),
                did_you_mean(&suggest(key, &keys))
            ))
        })?,
    };
    if !raw.input.from_codecarbon.is_empty() {
        if raw.input.from_json.is_some() {
            return Err(Usage("give one input: --from-codecarbon or --from-json".into()));
        }
        let others: Vec<String> =
            raw.input.run.given.iter().filter(|(f, _)| f.id != FieldId::Phase).map(|(f, _)| f.dashed()).collect();
        if !others.is_empty() || raw.input.grid_basis.is_some() {
            let mut others = others;
            if raw.input.grid_basis.is_some() {
                others.push("--grid-basis".into());
            }
            return Err(Usage(format!(
                "--from-codecarbon reads runs CodeCarbon measured: it cannot be combined with {} (only --phase, --project, --apply-pue, --format and --output)",
                others.join(", ")
            )));
        }
        let apply_pue = match raw.input.apply_pue.as_deref() {
            None => None,
            Some(v) => Some(fields::PUE.parse(v).map_err(|m| Usage(format!("--apply-pue: {m}")))?),
        };
        let phase = match raw.input.run.get(FieldId::Phase) {
            None => Phase::default(),
            Some(v) => Phase::from_key(v.trim()).ok_or_else(|| {
                let keys: Vec<&str> = Phase::ALL.iter().map(|p| p.key()).collect();
                Usage(format!(
                    "unknown phase “{}”: use one of {}{}",
                    text::clean(v),
                    keys.join(", "),
                    did_you_mean(&suggest(v, &keys))
                ))
            })?,
        };
        let input = Input::CodeCarbon {
            files: raw.input.from_codecarbon,
            apply_pue,
            phase,
            project: raw.input.project.unwrap_or_default(),
        };
        return Ok(EstimateArgs { input, format, output: raw.input.output });
    }
    if raw.input.apply_pue.is_some() {
        return Err(Usage("--apply-pue goes with --from-codecarbon".into()));
    }
    let input = match raw.input.from_json {
        Some(path) => {
            let mut others: Vec<String> = raw.input.run.given.iter().map(|(f, _)| f.dashed()).collect();
            if raw.input.project.is_some() {
                others.push("--project".into());
            }
            if raw.input.grid_basis.is_some() {
                others.push("--grid-basis".into());
            }
            if raw.input.include_embodied {
                others.push("--include-embodied".into());
            }
            if !others.is_empty() {
                return Err(Usage(format!(
                    "--from-json restores a whole project: it cannot be combined with {} (edit the file, or leave out --from-json)",
                    others.join(", ")
                )));
            }
            Input::Json(if path == "-" { JsonSource::Stdin } else { JsonSource::File(path) })
        }
        None => {
            let grid_basis = match raw.input.grid_basis.as_deref().map(str::trim) {
                None => Basis::Lifecycle,
                Some(key) => Basis::from_key(key).ok_or_else(|| {
                    let keys: Vec<&str> = Basis::ALL.iter().map(|b| b.key()).collect();
                    Usage(format!(
                        "unknown grid basis “{}”: use one of {}{}",
                        text::clean(key),
                        keys.join(", "),
                        did_you_mean(&suggest(key, &keys))
                    ))
                })?,
            };
            Input::Flags {
                project: raw.input.project.unwrap_or_default(),
                settings: settings(&raw.input.run, data)?,
                grid_basis,
                include_embodied: raw.input.include_embodied,
            }
        }
    };
    Ok(EstimateArgs { input, format, output: raw.input.output })
}

/// The fields that the flags of one run set, in the order to set them.
pub fn settings(run: &RunFlags, data: &Dataset) -> Result<Vec<(FieldId, String)>, Usage> {
    let mut out: Vec<(FieldId, String)> = Vec::new();
    let mut set = |id: FieldId, value: &str| out.push((id, value.to_string()));

    // The accelerator.
    let hardware = match run.get(FieldId::Hardware) {
        Some(h) => match h.trim().to_lowercase().as_str() {
            CUSTOM => CUSTOM.to_string(),
            NO_ACCELERATOR => NO_ACCELERATOR.to_string(),
            _ => lookup::accelerator(data, h).map_err(|miss| hardware_miss(miss, h, FieldId::Hardware))?.id.clone(),
        },
        None if run.has(FieldId::CustomPower) => CUSTOM.to_string(),
        None => fields::HARDWARE.default.to_string(),
    };
    if hardware != CUSTOM && CUSTOM_DEVICE_FIELDS.iter().any(|id| run.has(*id)) {
        return Err(Usage(format!(
            "{} describe a custom device: use them with {} custom",
            and_list(&CUSTOM_DEVICE_FIELDS),
            flag_of(FieldId::Hardware)
        )));
    }
    if run.has(FieldId::Hardware) || hardware == CUSTOM {
        set(FieldId::Hardware, &hardware);
    }

    // The duration, in hours or days.
    if let (Some(_), Some(_)) = (run.get(FieldId::Duration), run.days()) {
        return Err(Usage(format!("give the duration once: {} or --{DAYS}", flag_of(FieldId::Duration))));
    }
    if let Some(days) = run.days() {
        set(FieldId::Duration, days);
        set(FieldId::Unit, DurationUnit::Days.key());
    }

    // By compute: the FLOPs (or parameters × tokens) give the hours.
    if COMPUTE_FIELDS.iter().any(|id| run.has(*id)) {
        if run.has(FieldId::Duration) || run.days().is_some() {
            return Err(Usage(format!(
                "describe the job by its duration ({} or --{DAYS}) or by its compute ({}, or {} and {}), not both",
                flag_of(FieldId::Duration),
                flag_of(FieldId::Flops),
                flag_of(FieldId::Params),
                flag_of(FieldId::Tokens)
            )));
        }
        set(FieldId::JobBy, JobBy::Compute.key());
    }

    // Where it ran.
    if LOCATION_FIELDS.iter().filter(|id| run.has(**id)).count() > 1 {
        return Err(Usage(format!("give one location: {}", or_list(&flags(&LOCATION_FIELDS)))));
    }
    if let Some(v) = run.get(FieldId::Region) {
        let r = lookup::region(data, v).map_err(|miss| region_miss(miss, v))?;
        set(FieldId::Location, LocationMode::Cloud.key());
        set(FieldId::Provider, &r.provider);
        set(FieldId::Region, &r.region_code);
    }
    if let Some(v) = run.get(FieldId::Zone) {
        let z = lookup::zone(data, v).map_err(|close| zone_miss(&close, v))?;
        set(FieldId::Location, LocationMode::Zone.key());
        set(FieldId::Zone, &z.zone_id);
    }
    if run.has(FieldId::CustomIntensity) {
        set(FieldId::Location, LocationMode::Custom.key());
    }

    // The host: any of its flags, or no accelerator, turns it on.
    if HOST_FIELDS.iter().any(|id| run.has(*id)) || hardware == NO_ACCELERATOR {
        set(FieldId::Host, flag_key(true));
    }
    if let Some(v) = run.get(FieldId::Cpu) {
        let cpu = if v.trim().eq_ignore_ascii_case(CUSTOM) {
            CUSTOM.to_string()
        } else {
            lookup::cpu(data, v).map_err(|miss| hardware_miss(miss, v, FieldId::Cpu))?.id.clone()
        };
        set(FieldId::Cpu, &cpu);
    }

    // A run from requests: no hardware, phase "inference" unless given.
    let by_requests = REQUEST_FIELDS.iter().any(|id| run.has(*id));
    if by_requests {
        if let Some(flag) = run.first_of(&HARDWARE_FIELDS) {
            return Err(Usage(format!(
                "{} describes hardware; {} estimates from the energy per request instead: give one or the other",
                flag.dashed(),
                flag_of(FieldId::Requests)
            )));
        }
        // What is not given is empty, so that the validation asks for it.
        for id in REQUEST_FIELDS {
            set(id, run.get(id).unwrap_or_default());
        }
        if !run.has(FieldId::Phase) {
            set(FieldId::Phase, Phase::Inference.key());
        }
    }

    // Every other flag sets its field as typed; a choice must be one of its keys.
    for (flag, value) in &run.given {
        let done = matches!(flag.id, FieldId::Hardware | FieldId::Region | FieldId::Zone | FieldId::Cpu)
            || flag.name == DAYS
            || REQUEST_FIELDS.contains(&flag.id);
        if done {
            continue;
        }
        let field = flag.id.field();
        if let Kind::Choice(options) = field.kind {
            if !options.iter().any(|(key, _)| *key == value.trim()) {
                let keys: Vec<&str> = options.iter().map(|(k, _)| *k).collect();
                return Err(Usage(format!(
                    "unknown {} “{}”: use one of {}{}",
                    flag.name,
                    text::clean(value),
                    keys.join(", "),
                    did_you_mean(&suggest(value, &keys))
                )));
            }
            set(flag.id, value.trim());
        } else {
            set(flag.id, value);
        }
    }
    Ok(out)
}

fn flags(ids: &[FieldId]) -> Vec<String> {
    ids.iter().map(|id| flag_of(*id)).collect()
}

/// "--power and --name".
fn and_list(ids: &[FieldId]) -> String {
    let names = flags(ids);
    match &names[..] {
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => names.join(""),
    }
}

fn hardware_line(h: &Hardware) -> String {
    format!("  {:<28} {}", h.id, h.full_name())
}

/// At most this many ids listed when a hardware name is ambiguous.
const AMBIGUOUS_SHOWN: usize = 12;

fn hardware_miss(miss: HardwareMiss<'_>, query: &str, id: FieldId) -> Usage {
    let what = if id == FieldId::Cpu { "CPU" } else { "hardware" };
    let q = text::clean(query);
    Usage(match miss {
        HardwareMiss::Empty => format!("{} needs an id or a name", flag_of(id)),
        HardwareMiss::NotFound { closest } => {
            let lines: Vec<String> = closest.into_iter().map(hardware_line).collect();
            format!(
                "no {what} matches “{q}”. Close matches:\n{}\n(list all with: ml-emissions list hardware)",
                lines.join("\n")
            )
        }
        HardwareMiss::Ambiguous { matches } => {
            let n = matches.len();
            let lines: Vec<String> = matches.into_iter().take(AMBIGUOUS_SHOWN).map(hardware_line).collect();
            format!(
                "“{q}” matches {n} {what} entries; give one of these ids:\n{}{}",
                lines.join("\n"),
                if n > AMBIGUOUS_SHOWN { "\n  …" } else { "" }
            )
        }
    })
}

fn zone_miss(close: &[&GridZone], query: &str) -> Usage {
    let lines: Vec<String> = close.iter().map(|z| format!("  {:<20} {}", z.zone_id, z.name)).collect();
    Usage(format!(
        "no grid zone “{}”. Close matches:\n{}\n(list all with: ml-emissions list zones)",
        text::clean(query.trim()),
        lines.join("\n")
    ))
}

fn region_miss(miss: RegionMiss<'_>, value: &str) -> Usage {
    let region = flag_of(FieldId::Region);
    Usage(match miss {
        RegionMiss::NotProviderCode => {
            format!("{region} takes PROVIDER:CODE, e.g. aws:us-east-1 (got “{}”)", text::clean(value))
        }
        RegionMiss::UnknownProvider { provider, providers } => {
            format!("unknown cloud provider “{}”: use one of {}", text::clean(&provider), providers.join(", "))
        }
        RegionMiss::UnknownRegion { provider, code, closest } => {
            let close: Vec<String> = closest.iter().map(|c| format!("{provider}:{c}")).collect();
            format!(
                "{provider} has no region “{}”{}\n(list them with: ml-emissions list regions {provider})",
                text::clean(&code),
                did_you_mean(&close)
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Parsed};
    use super::*;

    fn data() -> &'static Dataset {
        match Dataset::embedded() {
            Ok(d) => d,
            Err(e) => panic!("embedded tables do not parse: {e}"),
        }
    }

    fn raw(args: &[&str]) -> RawEstimate {
        let argv = std::iter::once("ml-emissions").chain(std::iter::once("estimate")).chain(args.iter().copied());
        match parse(argv) {
            Ok(Parsed::Estimate(raw)) => raw,
            Ok(other) => panic!("{other:?}"),
            Err(Usage(e)) => panic!("{e}"),
        }
    }

    fn settings_of(args: &[&str]) -> Vec<(FieldId, String)> {
        match estimate(raw(args), data()) {
            Ok(EstimateArgs { input: Input::Flags { settings, .. }, .. }) => settings,
            Ok(other) => panic!("{other:?}"),
            Err(Usage(e)) => panic!("{e}"),
        }
    }

    fn pairs(list: &[(FieldId, &str)]) -> Vec<(FieldId, String)> {
        list.iter().map(|(id, v)| (*id, v.to_string())).collect()
    }

    #[test]
    fn every_field_of_a_group_has_a_flag() {
        for id in HARDWARE_FIELDS
            .iter()
            .chain(&CUSTOM_DEVICE_FIELDS)
            .chain(&LOCATION_FIELDS)
            .chain(&HOST_FIELDS)
            .chain(&REQUEST_FIELDS)
        {
            assert!(id.field().cli.is_some(), "{id:?} has a flag");
        }
    }

    #[test]
    fn composite_flags_set_the_fields_they_stand_for() {
        assert_eq!(
            settings_of(&["--days", "3", "--region", "GCP:europe-west4", "--cpu-cores", "8"]),
            pairs(&[
                (FieldId::Duration, "3"),
                (FieldId::Unit, "days"),
                (FieldId::Location, "cloud"),
                (FieldId::Provider, "gcp"),
                (FieldId::Region, "europe-west4"),
                (FieldId::Host, "1"),
                (FieldId::CpuCores, "8"),
            ])
        );
        assert_eq!(
            settings_of(&["--zone", "France", "--hardware", "h100 sxm"]),
            pairs(&[(FieldId::Hardware, "nvidia-h100-sxm"), (FieldId::Location, "zone"), (FieldId::Zone, "FR")])
        );
        assert_eq!(
            settings_of(&["--power", "300", "--intensity", "50"]),
            pairs(&[
                (FieldId::Hardware, "custom"),
                (FieldId::Location, "custom"),
                (FieldId::CustomPower, "300"),
                (FieldId::CustomIntensity, "50"),
            ])
        );
        assert_eq!(
            settings_of(&["--requests", "10", "--basis", "a paper", "--pue", "1.1"]),
            pairs(&[
                (FieldId::Requests, "10"),
                (FieldId::WhPerRequest, ""),
                (FieldId::Basis, "a paper"),
                (FieldId::Phase, "inference"),
                (FieldId::Pue, "1.1"),
            ])
        );
    }

    fn error_of(args: &[&str]) -> String {
        match estimate(raw(args), data()) {
            Ok(ok) => panic!("{args:?} gave {ok:?}"),
            Err(Usage(e)) => e,
        }
    }

    #[test]
    fn flags_that_do_not_go_together_are_named() {
        assert_eq!(
            error_of(&["--requests", "10", "--utilization=85%"]),
            "--utilization describes hardware; --requests estimates from the energy per request instead: give one or the other"
        );
        assert_eq!(
            error_of(&["--name", "x"]),
            "--power, --name and --tflops describe a custom device: use them with --hardware custom"
        );
        assert_eq!(error_of(&["--hours", "1", "--days", "1"]), "give the duration once: --hours or --days");
        assert_eq!(
            error_of(&["--intensity", "1", "--region", "aws:us-east-1"]),
            "give one location: --region, --zone or --intensity"
        );
        assert_eq!(
            error_of(&["--phase", "finetuning"]),
            "unknown phase “finetuning”: use one of exploration, hyperparameter_search, failed, final_training, fine_tuning, inference; did you mean fine_tuning?"
        );
        assert_eq!(
            error_of(&["--format", "lattex"]),
            "unknown format “lattex”: use one of latex, markdown, text, hf, json, bibtex, latex-runs, neurips, acl, hf-body, hf-card, climate, climate-tex, eu-ai-act, boamps; did you mean latex?"
        );
    }
}
