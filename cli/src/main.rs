//! `ml-emissions`: the calculator's core on the command line.
//!
//! Same data, same validation, same arithmetic and same statements as the
//! web app: it builds the project the web form would hold and renders it.
//! Usage: `ml-emissions --help` (documented in docs/cli.md).
//! Exit status: 0 on success, 2 on bad input (with a message on stderr),
//! 1 when an output file cannot be written.

use emissions_core::data::{Dataset, Hardware, HardwareKind};
use emissions_core::export;
use emissions_core::fields::FieldId;
use emissions_core::form::{DurationUnit, FormState, LocationMode, CUSTOM, NO_ACCELERATOR};
use emissions_core::output::{self, Format};
use emissions_core::project::{self, PerRequest, Phase, Project, Run, RunKind};
use emissions_core::text;
use emissions_core::{format, APP_VERSION, DATA_VERSION};
use std::io::{Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
ml-emissions: carbon footprint of machine-learning training and inference
(the ML Emissions Calculator's core on the command line)

USAGE:
  ml-emissions estimate [OPTIONS]        estimate and print a statement
  ml-emissions list hardware [WORDS]     hardware ids and names (filtered by WORDS)
  ml-emissions list regions [PROVIDER]   cloud regions, as provider:code
  ml-emissions list zones [WORDS]        grid zones (countries, sub-national grids)
  ml-emissions list formats              output formats
  ml-emissions --help | --version

ESTIMATE OPTIONS (defaults are the web app's):
  --hardware ID|NAME     accelerator id or name, case-insensitive (\"H100 SXM\");
                         'custom' (with --power, --name) or 'none' (host only)
  --power W              power per device of a custom device
  --name TEXT            name of a custom device
  --devices N            number of devices (default 1)
  --hours H | --days D   duration (default 24 h)
  --utilization PCT      average power as % of rated power (default 100)
  --region PROVIDER:CODE cloud region, e.g. aws:us-east-1, gcp:europe-west4
  --zone ID|NAME         grid zone instead of a cloud region, e.g. FR, US-EGRID-SRVC
  --intensity G          grid carbon intensity in gCO2eq/kWh instead of a location
  --pue X                PUE (default: the location's published value)
  --cpu ID|custom        host CPU (adds host CPU and memory power)
  --cpu-cores N          host CPU cores used
  --cpu-power W          power per CPU core (custom CPU)
  --cpu-usage PCT        average CPU load (default 100)
  --memory GB            host memory
  --requests N           inference: number of requests (with --wh-per-request, --basis)
  --wh-per-request WH    inference: energy per request, Wh
  --basis TEXT           inference: where the energy per request comes from
  --project TEXT         project (model) name used in the statement
  --label TEXT           run label
  --phase KEY            exploration, hyperparameter_search, failed, final_training
                         (default), fine_tuning, inference
  --repeat N             number of similar runs (default 1)
  --from-json FILE       read an export of the web app or of this tool ('-' = stdin);
                         then only --format and --output may be given
  --format F             latex, markdown, text (default), hf, json, bibtex
  --output FILE          write to FILE instead of standard output

EXAMPLE:
  ml-emissions estimate --hardware \"H100 SXM\" --devices 8 --hours 72 \\
      --region aws:us-east-1 --format latex
";

/// A message for the user; exit status 2.
struct Usage(String);

fn fail<T>(msg: impl Into<String>) -> Result<T, Usage> {
    Err(Usage(msg.into()))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("ml-emissions: the factor tables do not load: {e}");
            return ExitCode::from(1);
        }
    };
    match run(&args, data) {
        Ok(Output::Text(text, path)) => write_out(&text, path.as_deref()),
        Err(Usage(msg)) => {
            eprintln!("ml-emissions: {msg}");
            ExitCode::from(2)
        }
    }
}

enum Output {
    Text(String, Option<String>),
}

fn write_out(text: &str, path: Option<&str>) -> ExitCode {
    let result = match path {
        Some(p) => std::fs::write(p, text).map_err(|e| format!("cannot write {p}: {e}")),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write the output: {e}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ml-emissions: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String], data: &Dataset) -> Result<Output, Usage> {
    match args.first().map(String::as_str) {
        None | Some("-h") | Some("--help") | Some("help") => Ok(Output::Text(HELP.into(), None)),
        Some("-V") | Some("--version") => {
            Ok(Output::Text(format!("ml-emissions {APP_VERSION} (data version {DATA_VERSION})\n"), None))
        }
        Some("estimate") => estimate(&args[1..], data),
        Some("list") => list(&args[1..], data).map(|t| Output::Text(t, None)),
        Some(other) => fail(format!("unknown command “{other}”: use 'estimate' or 'list' (see --help)")),
    }
}

// ---------------------------------------------------------------------------
// Option parsing.

/// Options that take a value, in the order of the help text.
const VALUE_OPTIONS: [&str; 26] = [
    "--hardware",
    "--power",
    "--name",
    "--devices",
    "--hours",
    "--days",
    "--utilization",
    "--region",
    "--zone",
    "--intensity",
    "--pue",
    "--cpu",
    "--cpu-cores",
    "--cpu-power",
    "--cpu-usage",
    "--memory",
    "--requests",
    "--wh-per-request",
    "--basis",
    "--project",
    "--label",
    "--phase",
    "--repeat",
    "--from-json",
    "--format",
    "--output",
];

/// `--flag value` and `--flag=value` pairs, in order; each flag at most once.
fn parse_options(args: &[String]) -> Result<Vec<(&'static str, String)>, Usage> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        if arg == "-h" || arg == "--help" {
            return fail(format!("for help run: ml-emissions --help\n{HELP}"));
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg, None),
        };
        let Some(flag) = VALUE_OPTIONS.iter().copied().find(|f| *f == name) else {
            let close = close_matches(name, VALUE_OPTIONS.iter().copied(), 3);
            return fail(if name.starts_with('-') {
                format!("unknown option “{name}”{}", did_you_mean(&close))
            } else {
                format!("unexpected argument “{name}”: values follow an option, e.g. --devices 8")
            });
        };
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                match args.get(i) {
                    Some(v) => v.clone(),
                    None => return fail(format!("{flag} needs a value")),
                }
            }
        };
        if out.iter().any(|(f, _)| *f == flag) {
            return fail(format!("{flag} is given twice"));
        }
        out.push((flag, value));
        i += 1;
    }
    Ok(out)
}

fn did_you_mean(close: &[String]) -> String {
    if close.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", close.join(", "))
    }
}

/// Levenshtein distance, for "did you mean".
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn close_matches<'a>(query: &str, candidates: impl Iterator<Item = &'a str>, n: usize) -> Vec<String> {
    let q = query.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates.map(|c| (distance(&q, &c.to_lowercase()), c)).collect();
    scored.sort();
    let limit = (q.chars().count() / 2).max(2);
    scored.into_iter().filter(|(d, _)| *d <= limit).take(n).map(|(_, c)| c.to_string()).collect()
}

fn norm(s: &str) -> String {
    s.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect()
}

/// Hardware by id or case-insensitive name: exact id, exact name, then every
/// word of the query found in "vendor name id". Ambiguity is an error.
fn find_hardware<'d>(data: &'d Dataset, query: &str, cpu: bool) -> Result<&'d Hardware, Usage> {
    let what = if cpu { "CPU" } else { "hardware" };
    let pool: Vec<&Hardware> = data.hardware.iter().filter(|h| (h.kind == HardwareKind::Cpu) == cpu).collect();
    let q = query.trim();
    if let Some(h) = pool.iter().find(|h| h.id.eq_ignore_ascii_case(q)) {
        return Ok(h);
    }
    let nq = norm(q);
    let nq_words: Vec<&str> = nq.split_whitespace().collect();
    if nq_words.is_empty() {
        return fail(format!("--{} needs an id or a name", if cpu { "cpu" } else { "hardware" }));
    }
    let exact: Vec<&&Hardware> = pool
        .iter()
        .filter(|h| {
            let joined = nq_words.join(" ");
            norm(&h.name).split_whitespace().collect::<Vec<_>>().join(" ") == joined
                || norm(&h.full_name()).split_whitespace().collect::<Vec<_>>().join(" ") == joined
        })
        .collect();
    if exact.len() == 1 {
        return Ok(exact[0]);
    }
    let matches: Vec<&&Hardware> = pool
        .iter()
        .filter(|h| {
            let hay = norm(&format!("{} {} {} {}", h.vendor, h.name, h.kind.label(), h.id));
            nq_words.iter().all(|w| hay.contains(w))
        })
        .collect();
    let line = |h: &Hardware| format!("  {:<28} {}", h.id, h.full_name());
    match matches.len() {
        1 => Ok(matches[0]),
        0 => {
            // Each query word scores its distance to the closest word of the entry.
            let mut scored: Vec<(usize, &Hardware)> = pool
                .iter()
                .map(|h| {
                    let hay = norm(&format!("{} {} {}", h.vendor, h.name, h.id));
                    let words: Vec<&str> = hay.split_whitespace().collect();
                    let score = nq_words
                        .iter()
                        .map(|q| {
                            words
                                .iter()
                                .map(|w| if w.contains(q) { 0 } else { distance(q, w) })
                                .min()
                                .unwrap_or(q.len())
                        })
                        .sum();
                    (score, *h)
                })
                .collect();
            scored.sort_by_key(|(d, _)| *d);
            let close: Vec<String> = scored.iter().take(5).map(|(_, h)| line(h)).collect();
            fail(format!(
                "no {what} matches “{}”. Close matches:\n{}\n(list all with: ml-emissions list hardware)",
                text::clean(q),
                close.join("\n")
            ))
        }
        n => {
            let shown: Vec<String> = matches.iter().take(12).map(|h| line(h)).collect();
            fail(format!(
                "“{}” matches {n} {what} entries; give one of these ids:\n{}{}",
                text::clean(q),
                shown.join("\n"),
                if n > 12 { "\n  …" } else { "" }
            ))
        }
    }
}

fn find_zone(data: &Dataset, query: &str) -> Result<String, Usage> {
    let q = query.trim();
    if let Some(z) = data.zones.iter().find(|z| z.zone_id.eq_ignore_ascii_case(q) || z.name.eq_ignore_ascii_case(q)) {
        return Ok(z.zone_id.clone());
    }
    let mut scored: Vec<(usize, String)> = data
        .zones
        .iter()
        .map(|z| {
            let d = distance(&q.to_lowercase(), &z.zone_id.to_lowercase())
                .min(distance(&q.to_lowercase(), &z.name.to_lowercase()));
            (d, format!("  {:<20} {}", z.zone_id, z.name))
        })
        .collect();
    scored.sort();
    let close: Vec<String> = scored.into_iter().take(5).map(|(_, s)| s).collect();
    fail(format!(
        "no grid zone “{}”. Close matches:\n{}\n(list all with: ml-emissions list zones)",
        text::clean(q),
        close.join("\n")
    ))
}

fn find_region(data: &Dataset, value: &str) -> Result<(String, String), Usage> {
    let Some((provider, code)) = value.trim().split_once(':') else {
        return fail(format!("--region takes PROVIDER:CODE, e.g. aws:us-east-1 (got “{}”)", text::clean(value)));
    };
    let provider = provider.trim().to_lowercase();
    let code = code.trim().to_lowercase();
    let providers: Vec<&str> = data.providers().into_iter().map(|p| p.key.as_str()).collect();
    if !providers.contains(&provider.as_str()) {
        return fail(format!(
            "unknown cloud provider “{}”: use one of {}",
            text::clean(&provider),
            providers.join(", ")
        ));
    }
    if let Some(r) = data.regions_of(&provider).find(|r| r.region_code.eq_ignore_ascii_case(&code)) {
        return Ok((r.provider.clone(), r.region_code.clone()));
    }
    let close = close_matches(&code, data.regions_of(&provider).map(|r| r.region_code.as_str()), 5);
    fail(format!(
        "{provider} has no region “{}”{}\n(list them with: ml-emissions list regions {provider})",
        text::clean(&code),
        did_you_mean(&close.iter().map(|c| format!("{provider}:{c}")).collect::<Vec<_>>())
    ))
}

// ---------------------------------------------------------------------------
// estimate

fn estimate(args: &[String], data: &Dataset) -> Result<Output, Usage> {
    let opts = parse_options(args)?;
    let get = |flag: &str| opts.iter().find(|(f, _)| *f == flag).map(|(_, v)| v.as_str());
    let fmt = match get("--format") {
        None => Format::Text,
        Some(f) => match Format::from_key(f) {
            Some(f) => f,
            None => {
                let keys: Vec<&str> = Format::ALL.iter().map(|f| f.key()).collect();
                return fail(format!("unknown format “{}”: use one of {}", text::clean(f), keys.join(", ")));
            }
        },
    };
    let output = get("--output").map(str::to_string);

    let project = if let Some(path) = get("--from-json") {
        let others: Vec<&str> =
            opts.iter().map(|(f, _)| *f).filter(|f| !matches!(*f, "--from-json" | "--format" | "--output")).collect();
        if !others.is_empty() {
            return fail(format!(
                "--from-json restores a whole project: it cannot be combined with {} (edit the file, or leave out --from-json)",
                others.join(", ")
            ));
        }
        let text = read_input(path)?;
        let imported = export::import_json(&text).map_err(|e| Usage(format!("{path}: {e}")))?;
        for note in &imported.notes {
            eprintln!("ml-emissions: note: {note}");
        }
        imported.project
    } else {
        project_from_flags(&get, data)?
    };

    // Every run must be valid, or the statement would leave runs out silently.
    let totals = project::evaluate(&project, data);
    let mut problems = Vec::new();
    for (i, (run, outcome)) in project.runs().iter().zip(&totals.runs).enumerate() {
        if let Err(errors) = outcome {
            let lead = if project.len() > 1 || get("--from-json").is_some() {
                format!("run {} (“{}”): ", i + 1, text::clean(&run.label))
            } else {
                String::new()
            };
            for (id, msg) in errors {
                let flag = if get("--from-json").is_some() { id.key().to_string() } else { flag_of(*id, run) };
                problems.push(format!("  {lead}{flag}: {msg}"));
            }
        }
    }
    if !problems.is_empty() {
        return fail(format!("the input needs attention:\n{}", problems.join("\n")));
    }
    let text = output::render(fmt, &project, &totals).map_err(|e| Usage(e.to_string()))?;
    Ok(Output::Text(text, output))
}

fn read_input(path: &str) -> Result<String, Usage> {
    let mut bytes = Vec::new();
    let limit = export::MAX_IMPORT_BYTES as u64 + 1;
    let read = if path == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        return fail(format!("cannot read {path}: {e}"));
    }
    String::from_utf8(bytes).map_err(|_| Usage(format!("{path} is not UTF-8 text: is it an exported .json file?")))
}

/// The option that sets a field, for messages.
fn flag_of(id: FieldId, run: &Run) -> String {
    match id {
        FieldId::Hardware => "--hardware",
        FieldId::CustomName => "--name",
        FieldId::CustomPower => "--power",
        FieldId::Devices => "--devices",
        FieldId::Duration if run.form.unit == DurationUnit::Days => "--days",
        FieldId::Duration => "--hours",
        FieldId::Utilization => "--utilization",
        FieldId::Region => "--region",
        FieldId::Zone => "--zone",
        FieldId::CustomIntensity => "--intensity",
        FieldId::Pue => "--pue",
        FieldId::CpuCores => "--cpu-cores",
        FieldId::CpuPower => "--cpu-power",
        FieldId::Cpu => "--cpu",
        FieldId::CpuUsage => "--cpu-usage",
        FieldId::MemoryGb => "--memory",
        FieldId::Repeat => "--repeat",
        FieldId::Requests => "--requests",
        FieldId::WhPerRequest => "--wh-per-request",
        FieldId::Basis => "--basis",
        FieldId::Label => "--label",
        FieldId::Phase => "--phase",
        other => return other.key().to_string(),
    }
    .to_string()
}

/// The project the web form would hold for these flags. Numbers stay text:
/// the shared validation parses and bounds them, with the web app's messages.
fn project_from_flags<'a>(get: &impl Fn(&str) -> Option<&'a str>, data: &Dataset) -> Result<Project, Usage> {
    let mut form = FormState::default();
    if let Some(h) = get("--hardware") {
        form.hardware = match h.trim().to_lowercase().as_str() {
            CUSTOM => CUSTOM.into(),
            NO_ACCELERATOR => NO_ACCELERATOR.into(),
            _ => find_hardware(data, h, false)?.id.clone(),
        };
    } else if get("--power").is_some() {
        form.hardware = CUSTOM.into();
    }
    if form.hardware != CUSTOM && (get("--power").is_some() || get("--name").is_some()) {
        return fail("--power and --name describe a custom device: use them with --hardware custom");
    }
    if let Some(v) = get("--power") {
        form.custom_power = v.into();
    }
    if let Some(v) = get("--name") {
        form.custom_name = v.into();
    }
    if let Some(v) = get("--devices") {
        form.devices = v.into();
    }
    match (get("--hours"), get("--days")) {
        (Some(_), Some(_)) => return fail("give the duration once: --hours or --days"),
        (Some(h), None) => {
            form.duration = h.into();
            form.unit = DurationUnit::Hours;
        }
        (None, Some(d)) => {
            form.duration = d.into();
            form.unit = DurationUnit::Days;
        }
        (None, None) => {}
    }
    if let Some(v) = get("--utilization") {
        form.utilization = v.into();
    }
    let locations = ["--region", "--zone", "--intensity"].into_iter().filter(|f| get(f).is_some()).count();
    if locations > 1 {
        return fail("give one location: --region, --zone or --intensity");
    }
    if let Some(v) = get("--region") {
        let (p, r) = find_region(data, v)?;
        form.location = LocationMode::Cloud;
        form.provider = p;
        form.region = r;
    }
    if let Some(v) = get("--zone") {
        form.location = LocationMode::Zone;
        form.zone = find_zone(data, v)?;
    }
    if let Some(v) = get("--intensity") {
        form.location = LocationMode::Custom;
        form.custom_intensity = v.into();
    }
    if let Some(v) = get("--pue") {
        form.pue = v.into();
    }
    let host_flags = ["--cpu", "--cpu-cores", "--cpu-power", "--cpu-usage", "--memory"];
    if host_flags.iter().any(|f| get(f).is_some()) || form.hardware == NO_ACCELERATOR {
        form.host = true;
    }
    if let Some(v) = get("--cpu") {
        form.cpu = if v.trim().eq_ignore_ascii_case(CUSTOM) {
            CUSTOM.into()
        } else {
            find_hardware(data, v, true)?.id.clone()
        };
    }
    if let Some(v) = get("--cpu-cores") {
        form.cpu_cores = v.into();
    }
    if let Some(v) = get("--cpu-power") {
        form.cpu_power = v.into();
    }
    if let Some(v) = get("--cpu-usage") {
        form.cpu_usage = v.into();
    }
    if let Some(v) = get("--memory") {
        form.memory_gb = v.into();
    }
    let mut run = Run { form, ..Run::default() };
    if let Some(v) = get("--label") {
        run.label = v.into();
    }
    if let Some(v) = get("--phase") {
        run.phase = match Phase::from_key(v.trim()) {
            Some(p) => p,
            None => {
                let keys: Vec<&str> = Phase::ALL.iter().map(|p| p.key()).collect();
                return fail(format!("unknown phase “{}”: use one of {}", text::clean(v), keys.join(", ")));
            }
        };
    }
    if let Some(v) = get("--repeat") {
        run.repeat = v.into();
    }
    let request_flags = ["--requests", "--wh-per-request", "--basis"];
    if request_flags.iter().any(|f| get(f).is_some()) {
        let hardware_flags = ["--hardware", "--power", "--name", "--devices", "--hours", "--days", "--utilization"];
        if let Some(f) = hardware_flags.iter().find(|f| get(f).is_some()) {
            return fail(format!("{f} describes hardware; --requests estimates from the energy per request instead: give one or the other"));
        }
        run.kind = RunKind::PerRequest(PerRequest {
            requests: get("--requests").unwrap_or_default().into(),
            wh_per_request: get("--wh-per-request").unwrap_or_default().into(),
            basis: get("--basis").unwrap_or_default().into(),
        });
        if get("--phase").is_none() {
            run.phase = Phase::Inference;
        }
    }
    let name = get("--project").unwrap_or_default().to_string();
    Ok(Project::new(name, vec![run], 0))
}

// ---------------------------------------------------------------------------
// list

fn list(args: &[String], data: &Dataset) -> Result<String, Usage> {
    let words: Vec<String> = args.iter().skip(1).map(|w| norm(w)).collect();
    let keep = |hay: &str| {
        let hay = norm(hay);
        words.iter().all(|w| w.split_whitespace().all(|w| hay.contains(w)))
    };
    let mut out = String::new();
    match args.first().map(String::as_str) {
        Some("hardware") => {
            for h in
                data.hardware.iter().filter(|h| keep(&format!("{} {} {} {}", h.vendor, h.name, h.kind.label(), h.id)))
            {
                let power = match h.power_w {
                    Some(w) => format!("{} W", format::plain(w)),
                    None => "power unpublished".into(),
                };
                out.push_str(&format!("{:<30} {:<44} {:<6} {}\n", h.id, h.full_name(), h.kind.label(), power));
            }
        }
        Some("regions") => {
            for r in data
                .regions
                .iter()
                .filter(|r| keep(&format!("{} {} {} {}", r.provider, r.region_code, r.region_name, r.country_iso2)))
            {
                out.push_str(&format!(
                    "{:<32} {} ({})\n",
                    format!("{}:{}", r.provider, r.region_code),
                    r.region_name,
                    r.country_iso2
                ));
            }
        }
        Some("zones") => {
            for z in data.zones.iter().filter(|z| keep(&format!("{} {}", z.zone_id, z.name))) {
                out.push_str(&format!(
                    "{:<20} {:<44} {} gCO2eq/kWh ({}, {})\n",
                    z.zone_id,
                    z.name,
                    format::significant(z.intensity_g_per_kwh, 4),
                    z.publisher,
                    z.year
                ));
            }
        }
        Some("formats") => {
            for f in Format::ALL {
                out.push_str(&format!("{:<10} {:<14} {}\n", f.key(), f.label(), f.file_name()));
            }
        }
        _ => return fail("list what? hardware, regions, zones or formats"),
    }
    if out.is_empty() {
        return fail("nothing matches");
    }
    Ok(out)
}
