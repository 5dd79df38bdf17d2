//! `ml-emissions compare hardware|regions`: the job, as `estimate` would build
//! it from the same flags, on every accelerator or in every location, as a
//! table sorted cleanest first with the one-sentence advice.

use crate::args::{settings, CompareWhat, RawCompareHardware, RawCompareRegions, RunFlags};
use crate::Usage;
use emissions_core::compare::{self, Catalogue, Query, Scope};
use emissions_core::compare_hardware as hw;
use emissions_core::data::{Basis, Dataset, HardwareKind};
use emissions_core::fields;
use emissions_core::form::{FormState, LocationMode};
use emissions_core::format;
use emissions_core::job::{self, Job};
use emissions_core::project::Run;

/// Rows shown unless `--top` says otherwise.
const TOP: usize = 20;

pub fn run(what: CompareWhat, data: &Dataset) -> Result<String, Usage> {
    match what {
        CompareWhat::Hardware(raw) => hardware(raw, data),
        CompareWhat::Regions(raw) => regions(raw, data),
    }
}

/// The run the flags describe, validated on `basis`.
fn job_of(flags: &RunFlags, data: &Dataset, basis: Basis) -> Result<(FormState, Job), Usage> {
    let mut run = Run::default();
    for (id, value) in settings(flags, data)? {
        run.set(id, &value).map_err(|e| Usage(format!("{}: {e}", crate::args::flag_of(id))))?;
    }
    let job = job::validate_on(&run.form, data, basis).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|(id, m)| format!("  {}: {m}", crate::args::flag_of(*id))).collect();
        Usage(format!("the input needs attention:\n{}", lines.join("\n")))
    })?;
    Ok((run.form, job))
}

fn top(raw: Option<&str>) -> Result<usize, Usage> {
    match raw {
        None => Ok(TOP),
        Some(v) => v.trim().parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
            Usage(format!("--top: “{}” is not a number of rows (1 or more)", emissions_core::text::clean(v)))
        }),
    }
}

fn hardware(raw: RawCompareHardware, data: &Dataset) -> Result<String, Usage> {
    let (form, job) = job_of(&raw.run, data, Basis::Lifecycle)?;
    let mut q = hw::Query::new(form.precision);
    q.vendor = raw.vendor;
    q.kind = match raw.kind.as_deref().map(str::trim) {
        None => None,
        Some(k) => Some(
            [HardwareKind::Gpu, HardwareKind::Tpu, HardwareKind::Accelerator, HardwareKind::Soc]
                .into_iter()
                .find(|kind| kind.label().eq_ignore_ascii_case(k) || format!("{kind:?}").eq_ignore_ascii_case(k))
                .ok_or_else(|| {
                    Usage(format!(
                        "--kind: use gpu, tpu, accelerator or soc (got “{}”)",
                        emissions_core::text::clean(k)
                    ))
                })?,
        ),
    };
    q.min_memory_gb = match raw.min_memory.as_deref() {
        None => None,
        Some(v) => Some(fields::MEMORY_GB.parse(v).map_err(|m| Usage(format!("--min-memory: {m}")))?),
    };
    let n = top(raw.top.as_deref())?;
    let c = hw::compare_hardware(data, &job, &q).map_err(|u| Usage(u.message().to_string()))?;
    let mut out = format!(
        "The same work ({} FLOP, {}) on {} devices, at an MFU of {} and {} in the same place:\n\n",
        format::scientific(c.flops),
        if c.flops_given { "as given" } else { "performed by the job's hours" },
        c.devices,
        format::percent(c.mfu),
        if job.pue.source.is_some() { format!("PUE {}", format::plain(job.pue.value)) } else { "the job's PUE".into() },
    );
    out.push_str(&format!(
        "{:<40} {:>12} {:>10} {:>12} {:>12}\n",
        "accelerator", "peak TFLOP/s", "power W", "wall time", "CO2eq"
    ));
    for r in c.rows.iter().take(n) {
        let mark = if r.current { " (this job)" } else { "" };
        let power = if r.estimated_power { format!("~{}", format::plain(r.power_w)) } else { format::plain(r.power_w) };
        out.push_str(&format!(
            "{:<40} {:>12} {:>10} {:>12} {:>12}\n",
            format!("{}{mark}", r.name),
            format::plain(r.peak_tflops),
            power,
            hw::duration(r.wall_hours),
            format::mass_kg(r.emissions_kg)
        ));
    }
    if c.rows.len() > n {
        out.push_str(&format!("… {} more (--top {})\n", c.rows.len() - n, c.rows.len()));
    }
    out.push_str("~ = estimated power (no vendor rating).\n\n");
    out.push_str(&hw::advice_sentence(&c));
    out.push('\n');
    Ok(out)
}

fn regions(raw: RawCompareRegions, data: &Dataset) -> Result<String, Usage> {
    let basis = match raw.grid_basis.as_deref().map(str::trim) {
        None => Basis::Lifecycle,
        Some(k) => Basis::from_key(k).ok_or_else(|| {
            Usage(format!("--grid-basis: use lifecycle or direct (got “{}”)", emissions_core::text::clean(k)))
        })?,
    };
    let (form, job) = job_of(&raw.run, data, basis)?;
    let scope = match raw.scope.as_deref().map(str::trim) {
        None | Some("provider") if form.location == LocationMode::Cloud => Scope::Provider(form.provider.clone()),
        None | Some("zones") => Scope::Zones,
        Some("provider") => return Err(Usage("--scope provider needs a cloud region (--region)".into())),
        Some("all") => Scope::AllProviders,
        Some(other) => {
            return Err(Usage(format!(
                "--scope: use provider, all or zones (got “{}”)",
                emissions_core::text::clean(other)
            )))
        }
    };
    let n = top(raw.top.as_deref())?;
    let cat = Catalogue::new(data);
    let c = compare::compare(&cat, &job, &form, &Query { basis, ..Query::scope(scope) });
    let mut out = format!("The same job in every location in view ({} grid intensities):\n\n", basis.label());
    out.push_str(&format!("{:<44} {:<28} {:>10} {:>6} {:>12}\n", "location", "where", "g/kWh", "PUE", "CO2eq"));
    for r in c.rows.iter().take(n) {
        let p = &cat.places[r.place];
        let mark = if r.current { " (this job)" } else { "" };
        let fallback = if r.fallback { "*" } else { "" };
        out.push_str(&format!(
            "{:<44} {:<28} {:>10} {:>6} {:>12}\n",
            format!("{}{mark}", p.title()),
            emissions_core::text::clip(&p.location, 27),
            format!("{}{fallback}", format::significant(r.intensity_g_per_kwh, 4)),
            format::plain(r.pue),
            format::mass_kg(r.emissions_kg)
        ));
    }
    if c.rows.len() > n {
        out.push_str(&format!("… {} more (--top {})\n", c.rows.len() - n, c.rows.len()));
    }
    if c.rows.iter().any(|r| r.fallback) {
        out.push_str("* no direct figure published there: lifecycle shown.\n");
    }
    if let Some(kind) = c.current_basis {
        out.push_str(&format!("This job's own intensity is {}; the other rows are zone figures.\n", kind.label()));
    }
    out.push('\n');
    out.push_str(&compare::advice_sentence(&cat, &c));
    out.push('\n');
    Ok(out)
}
