//! What the calculator offers to choose from, and how it is searched: hardware
//! grouped by vendor and kind, countries and grid zones grouped by country,
//! CPUs with a per-core power, a provider's regions in order; the everyday
//! equivalents that read naturally for an amount; and the short sentences the
//! results and the region comparison show beside the numbers. The web form and
//! the command-line tool share these definitions, so a search finds the same
//! rows in both.

use crate::compare::{self, Comparison, Scope};
use crate::compute::FlopsMethod;
use crate::data::{
    Basis, CloudRegion, Dataset, Equivalent, GridZone, Hardware, HardwareKind, Precision, Source, ZoneKind,
    PUE_ON_PREMISES,
};
use crate::form::{FormState, LocationMode};
use crate::format;
use crate::job::Job;
use crate::statement::{phrases, Piece};

/// Every whitespace-separated word of `query` occurs, case-insensitively, in
/// `haystack` (already in lower case). An empty query matches everything. The
/// same rule as [`crate::compare::Place::matches`].
pub fn words_match(haystack: &str, query: &str) -> bool {
    query.split_whitespace().all(|w| {
        if w.chars().any(char::is_uppercase) {
            haystack.contains(&w.to_lowercase())
        } else {
            haystack.contains(w)
        }
    })
}

/// Which of `options` (key, label) a picker highlights for `query`: an exact key
/// or label first ("US", "France"), then a label that starts with the query
/// ("h100 sxm" → "H100 SXM5 80GB"), then one with a word that starts with the
/// query's first word, then the first in list order. `None` when there are none.
pub fn best_match<'a>(options: impl IntoIterator<Item = (&'a str, &'a str)>, query: &str) -> Option<usize> {
    let q = query.trim().to_lowercase();
    let first_word = q.split_whitespace().next().unwrap_or("");
    let score = |key: &str, label: &str| {
        let label = label.to_lowercase();
        if key.eq_ignore_ascii_case(&q) || label == q {
            0
        } else if !q.is_empty() && label.starts_with(&q) {
            1
        } else if !first_word.is_empty()
            && label.split(|c: char| !c.is_alphanumeric()).any(|w| w.starts_with(first_word))
        {
            2
        } else {
            3
        }
    };
    options.into_iter().enumerate().min_by_key(|(i, (k, l))| (score(k, l), *i)).map(|(i, _)| i)
}

/// Rows of a list under one heading ("NVIDIA · GPU", "Countries").
#[derive(Debug, Clone, PartialEq)]
pub struct Group<'a, T> {
    pub label: String,
    pub items: Vec<&'a T>,
}

/// Add `item` to the group `label`, creating it at the end if it is new.
fn push_to<'a, T>(groups: &mut Vec<Group<'a, T>>, label: String, item: &'a T) {
    match groups.iter_mut().find(|g| g.label == label) {
        Some(g) => g.items.push(item),
        None => groups.push(Group { label, items: vec![item] }),
    }
}

/// What a hardware search looks at: vendor, name, kind and id.
pub fn hardware_matches(h: &Hardware, query: &str) -> bool {
    let haystack = format!("{} {} {} {}", h.vendor, h.name, h.kind.label(), h.id).to_lowercase();
    words_match(&haystack, query)
}

/// The hardware matching `query`, grouped by vendor and kind ("NVIDIA · GPU",
/// "AMD · CPU") in table order. The device `keep` (the current choice) is
/// always listed, so a search never hides what is selected.
pub fn hardware_groups<'a>(data: &'a Dataset, query: &str, keep: &str) -> Vec<Group<'a, Hardware>> {
    let mut out = Vec::new();
    for h in data.hardware.iter().filter(|h| h.id == keep || hardware_matches(h, query)) {
        push_to(&mut out, format!("{} · {}", h.vendor, h.kind.label()), h);
    }
    out
}

/// A device as the form's list shows it, with the power figure it is estimated
/// at: "H100 SXM5 80GB — 700 W", "TPU v5e — ~124 W, estimated" (no vendor
/// rating: a documented estimate), "Graviton2 — power unpublished".
pub fn hardware_option_label(h: &Hardware) -> String {
    match h.power_w {
        Some(w) if h.power_is_estimated() => format!("{} — ~{} W, estimated", h.name, format::plain(w)),
        Some(w) => format!("{} — {} W", h.name, format::plain(w)),
        None => format!("{} — power unpublished", h.name),
    }
}

/// How many devices match `query`.
pub fn hardware_count(data: &Dataset, query: &str) -> usize {
    data.hardware.iter().filter(|h| hardware_matches(h, query)).count()
}

/// What a zone search looks at: name, id and continent.
pub fn zone_matches(z: &GridZone, query: &str) -> bool {
    let haystack = format!("{} {} {}", z.name, z.zone_id, z.continent).to_lowercase();
    words_match(&haystack, query)
}

/// Zones matching `query` (and always `keep`, the current choice): first
/// "Countries" (the world average, then countries by name), then the
/// sub-national zones of each country ("United States: grid regions") in
/// table order. Empty groups are left out.
pub fn zone_groups<'a>(data: &'a Dataset, query: &str, keep: &str) -> Vec<Group<'a, GridZone>> {
    let shown = |z: &GridZone| z.zone_id == keep || zone_matches(z, query);
    let mut countries: Vec<&GridZone> =
        data.zones.iter().filter(|z| z.kind != ZoneKind::Subnational && shown(z)).collect();
    countries.sort_by(|a, b| (a.kind != ZoneKind::World, &a.name).cmp(&(b.kind != ZoneKind::World, &b.name)));
    let mut out = vec![Group { label: "Countries".to_string(), items: countries }];
    for z in data.zones.iter().filter(|z| z.kind == ZoneKind::Subnational && shown(z)) {
        let country = data.zone(&z.country_iso2).map_or(z.country_iso2.as_str(), |c| c.name.as_str());
        push_to(&mut out, format!("{country}: grid regions"), z);
    }
    out.retain(|g| !g.items.is_empty());
    out
}

/// A zone as the form's list shows it, its figure on `basis`:
/// "France — 44.2 g/kWh (lifecycle, 2024)", "Texas — 372.6 g/kWh (direct, 2022)",
/// "France — 44.2 g/kWh (lifecycle: no direct figure, 2024)".
pub fn zone_option_label(z: &GridZone, basis: Basis) -> String {
    let f = z.intensity(basis);
    let kind = if f.fallback { "lifecycle: no direct figure" } else { f.basis.key() };
    format!("{} — {} g/kWh ({kind}, {})", z.name, format::significant(f.value, 4), f.year)
}

/// CPUs with a published power and core count, with their watts per core, in table order.
pub fn cpus(data: &Dataset) -> impl Iterator<Item = (&Hardware, f64)> {
    data.hardware.iter().filter(|h| h.kind == HardwareKind::Cpu).filter_map(|h| Some((h, h.watts_per_core()?)))
}

/// A provider's regions sorted by region code (the order of the form's list).
pub fn regions_sorted<'a>(data: &'a Dataset, provider: &str) -> Vec<&'a CloudRegion> {
    let mut list: Vec<&CloudRegion> = data.regions.iter().filter(|r| r.provider == provider).collect();
    list.sort_by(|a, b| a.region_code.cmp(&b.region_code));
    list
}

/// Equivalents shown for one amount at most.
pub const MAX_EQUIVALENTS: usize = 5;

impl Dataset {
    /// The comparisons that read naturally for `grams` of CO2eq (between 0.1
    /// and ten million units, not "0.0005 homes"), in table order, at most
    /// [`MAX_EQUIVALENTS`], each with its count of units.
    pub fn equivalents_for(&self, grams: f64) -> Vec<(&Equivalent, f64)> {
        self.equivalents
            .iter()
            .map(|q| (q, grams / q.grams_co2e_per_unit))
            .filter(|(_, n)| (0.1..1e7).contains(n))
            .take(MAX_EQUIVALENTS)
            .collect()
    }
}

/// Where an equivalent comes from, named by its publisher (the table's column).
pub fn equivalent_source(q: &Equivalent) -> Source {
    Source::new(&q.publisher, &q.source_url, q.year)
}

/// Plain text of statement pieces (no citations, "CO2eq" spelled out).
fn plain(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Text(t) | Piece::Strong(t) => out.push_str(t),
            Piece::Co2 => out.push_str("CO2eq"),
            Piece::Cite(_) | Piece::Attribution(_) => {}
            Piece::Sci { mantissa, exponent } => out.push_str(&format!("{mantissa} × 10^{exponent}")),
        }
    }
    out
}

/// What the range of an estimate combines, in the statement's words: "The
/// range combines an accelerator utilization of 85–100 % (±15 points) with a
/// PUE of 1.04–1.25; the grid intensity is an annual average."
pub fn range_assumptions(job: &Job) -> String {
    let line = phrases::range_sentence(Default::default(), job, &job.bands());
    plain(&line.done()).trim().to_string()
}

/// One sentence under the region comparison: how many locations are in view,
/// what each bar is (the job's IT energy × the PUE that applies × the grid),
/// and the current estimate. The PUE named is the one [`crate::compare`] uses.
pub fn comparison_summary(data: &Dataset, job: &Job, state: &FormState, scope: &Scope, cmp: &Comparison) -> String {
    let it_kwh = job.inputs().energy_kwh(job.utilization, 1.0);
    let pue = if *scope != Scope::Zones {
        "the region's own published PUE".to_string()
    } else if state.location == LocationMode::Cloud {
        match data.pue(PUE_ON_PREMISES) {
            Some(p) => format!("an on-premises data centre's PUE ({}, industry average)", format::plain(p.pue)),
            None => "an on-premises data centre's PUE".to_string(),
        }
    } else {
        format!("your PUE ({})", format::plain(job.pue.value))
    };
    let n = cmp.rows.len();
    let basis = match cmp.basis {
        Basis::Lifecycle => "lifecycle grid intensity (Ember's method)",
        Basis::Direct => "direct grid intensity (combustion or scope 2)",
    };
    let mut s = format!(
        "{n} {} in view, cleanest first. Each bar: this job's {} of IT energy × {pue} × the location's {basis}. Your current estimate: {}.",
        crate::text::plural(n, "location", "locations"),
        format::energy_kwh(it_kwh),
        format::mass_kg(cmp.baseline_kg),
    );
    s.push_str(&comparison_notes(cmp));
    s
}

/// What a reader of the comparison must know about rows off its basis, each
/// sentence with a leading space ("" when every bar is on the basis): the
/// current choice on another kind of figure (marked †), and zones without a
/// direct figure shown on their lifecycle one (marked *).
pub fn comparison_notes(cmp: &Comparison) -> String {
    let mut s = String::new();
    if let Some(b) = cmp.current_basis {
        s.push_str(&format!(
            " {CURRENT_MARK} Your choice uses {}, not the {} figure of the other bars: compare it with care.",
            b.label(),
            cmp.basis.key()
        ));
    }
    let fallbacks = cmp.rows.iter().filter(|r| row_mark(cmp, r) == FALLBACK_MARK).count();
    if fallbacks > 0 {
        s.push_str(&format!(
            " {FALLBACK_MARK} {fallbacks} {} no direct figure: {} lifecycle figure is shown.",
            crate::text::plural(fallbacks, "location publishes", "locations publish"),
            if fallbacks == 1 { "its" } else { "their" }
        ));
    }
    s
}

/// Marks a comparison row whose figure is the zone's lifecycle one because it
/// publishes no direct figure.
pub const FALLBACK_MARK: &str = "*";
/// Marks the current choice when its figure is on another basis than the comparison's.
pub const CURRENT_MARK: &str = "†";

/// The mark after a comparison row's value ("", [`FALLBACK_MARK`], [`CURRENT_MARK`]).
pub fn row_mark(cmp: &Comparison, row: &compare::Row) -> &'static str {
    if row.current && cmp.current_basis.is_some() {
        CURRENT_MARK
    } else if row.fallback {
        FALLBACK_MARK
    } else {
        ""
    }
}

/// "4.1 × 10^20–1.23 × 10^21": a range of FLOPs.
fn flops_range(low: f64, high: f64) -> String {
    let (low, high) = (format::scientific(low), format::scientific(high));
    if low == high {
        low
    } else {
        format!("{low} – {high}")
    }
}

/// "39,321–117,964": a range of counts or hours, four significant digits.
fn number_range(low: f64, high: f64) -> String {
    let (low, high) = (format::significant(low, 4), format::significant(high, 4));
    if low == high {
        low
    } else {
        format!("{low}–{high}")
    }
}

/// "230.4 h (9.6 days)", or "20.5 h" under two days.
fn wall_clock(hours: f64) -> String {
    let h = format!("{} h", format::significant(hours, 4));
    if hours >= 48.0 {
        format!("{h} ({})", crate::compare_hardware::duration(hours))
    } else {
        h
    }
}

/// What the job's compute says beside the form, for a job on accelerators.
///
/// By compute: "8.4 × 10^22 FLOP (6 × 7 billion parameters × 2,000 billion
/// tokens) at an MFU of 40 % (range 20–60 %) of the BF16 peak, 989 TFLOP/s per
/// device: 58,982 device-hours (range 39,321–117,964), that is 230.4 h (9.6 days)
/// of wall-clock time on 256 devices (range 153.6–460.8 h)."
///
/// By time, when the device's peak is known: "576 device-hours at an MFU of
/// 40 % (range 20–60 %) of the BF16 peak, 989 TFLOP/s per device, perform about
/// 8.2 × 10^20 FLOP (range 4.1 × 10^20 – 1.23 × 10^21)."; else why the FLOPs are
/// not derived. Empty with no accelerator.
pub fn compute_facts(job: &Job, precision: Precision) -> String {
    if job.devices == 0 {
        return String::new();
    }
    let Some(c) = &job.compute else {
        return if job.hardware.id == crate::form::CUSTOM {
            "Enter the device's peak throughput to derive the FLOPs the job performed.".to_string()
        } else {
            format!(
                "The FLOPs are not derived: no dense {} peak throughput is published for this device.",
                precision.label()
            )
        };
    };
    let mfu = format!(
        "an MFU of {} (range {}) of the {} peak, {} TFLOP/s per device",
        format::percent(c.mfu),
        number_range(c.mfu_low * 100.0, c.mfu_high * 100.0) + " %",
        c.peak.precision.label(),
        format::significant(c.peak.tflops, 4),
    );
    if c.by_compute {
        let method = match c.method {
            FlopsMethod::SixNd { params_b, tokens_b } => format!(
                " (6 × {} billion parameters × {} billion tokens)",
                format::plain(params_b),
                format::plain(tokens_b)
            ),
            _ => String::new(),
        };
        let d = f64::from(job.devices);
        format!(
            "{} FLOP{method} at {mfu}: {} device-hours (range {}), that is {} of wall-clock time on {} {} (range {} h).",
            format::scientific(c.flops.central),
            format::significant(c.device_hours.central, 4),
            number_range(c.device_hours.low, c.device_hours.high),
            wall_clock(job.hours),
            job.devices,
            crate::text::plural(job.devices as usize, "device", "devices"),
            number_range(c.device_hours.low / d, c.device_hours.high / d),
        )
    } else {
        format!(
            "{} device-hours at {mfu}, perform about {} FLOP (range {}).",
            format::significant(c.device_hours.central, 4),
            format::scientific(c.flops.central),
            flops_range(c.flops.low, c.flops.high),
        )
    }
}

/// One sentence under the "which hardware?" chart: how many accelerators are in
/// view, what each bar is (the same work at the same MFU on as many of each
/// device, in the same place), the current estimate, and the assumptions.
pub fn hardware_comparison_summary(
    job: &Job,
    precision: Precision,
    cmp: &crate::compare_hardware::Comparison,
) -> String {
    let n = cmp.rows.len();
    let work = if cmp.flops_given { "this job's" } else { "the work this job's hours performed," };
    let mut s = format!(
        "{n} {} in view, cleanest first. Each bar: {work} {} FLOP on {} of each device at an MFU of {} of its dense {} peak{}, at its power × {} utilization × PUE {} × {} gCO2eq/kWh. Your current estimate: {}.",
        crate::text::plural(n, "accelerator", "accelerators"),
        format::scientific(cmp.flops),
        cmp.devices,
        format::percent(cmp.mfu),
        precision.label(),
        match precision {
            Precision::Bf16 => " (FP16 where it publishes only that)",
            Precision::Fp16 => " (BF16 where it publishes only that)",
            _ => "",
        },
        format::percent(job.utilization),
        format::plain(job.pue.value),
        format::significant(job.location.intensity_g_per_kwh, 4),
        format::mass_kg(cmp.baseline_kg),
    );
    if cmp.rows.iter().any(|r| r.estimated_power) {
        s.push_str(" ~ marks a power estimated from published figures (no vendor rating).");
    }
    s.push_str(" The same MFU everywhere is an assumption: newer devices often run at a lower one.");
    s
}
