//! The factor tables as the method view lists them: one row per CSV row, each
//! with its key (the key a [`crate::method::FactorRef`] names), an anchor id
//! for links, its figures as text with a number to sort by, its sources, year,
//! licence and status, and its note. Built from the parsed [`Dataset`] on
//! demand (one table at a time), so a view that is never opened costs nothing.
//!
//! Licence and status follow `data/README.md` ("Licences and attribution" and
//! each table's section): where a table has a licence or status column it is
//! used (grid sources, embodied figures, hardware power bases); otherwise the
//! README's rule for that table's sources is stated per row (figures taken as
//! facts with attribution, Microsoft Learn's CC BY 4.0, EPA's public domain,
//! the UK's Open Government Licence, Google's Apache-2.0 carbon data).
//!
//! Longer than 450 lines because it lists six tables, each with its columns, its figures as text
//! and as numbers to sort by, and its licence rule; one function per table, side by side, so that a
//! column added to a CSV is seen next to the others.

use crate::data::{Dataset, LifecycleMethod, PowerBasis, ThroughputStatus, ZoneKind};
use crate::format;

/// The tables the method view lists, in its order (files of `data/`).
pub const FILES: [&str; 6] =
    ["hardware.csv", "grid_zones.csv", "cloud_regions.csv", "pue.csv", "embodied.csv", "equivalents.csv"];

/// The licence of a figure taken from a publisher's page or datasheet, used
/// as a fact and cited (data/README.md).
pub const FACTS: &str = "facts, with attribution";

/// A column of a listed table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub label: &'static str,
    /// The CSV column it shows ("" when it combines several), so that a link to
    /// one cell ([`crate::method::FactorRef::column`]) can mark it.
    pub csv: &'static str,
    /// Sorts as a number (and is aligned right).
    pub numeric: bool,
}

const fn col(label: &'static str, csv: &'static str, numeric: bool) -> Column {
    Column { label, csv, numeric }
}

/// One cell: its text, and the number it sorts by (None: sorts as text, after every number).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub number: Option<f64>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell { text: s.into(), number: None }
}

fn num(v: Option<f64>) -> Cell {
    match v {
        Some(v) => Cell { text: format::plain(v), number: Some(v) },
        None => text(""),
    }
}

fn year(y: Option<u16>) -> Cell {
    match y {
        Some(y) => Cell { text: y.to_string(), number: Some(f64::from(y)) },
        None => text(""),
    }
}

/// A source link: its address and a short label (the host name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub url: String,
}

impl Link {
    /// A link labelled `what` and the site's host name ("power: nvidia.com").
    fn new(what: &str, url: &str) -> Option<Link> {
        let url = url.trim();
        if url.is_empty() {
            return None;
        }
        let host = url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or(url);
        let host = host.strip_prefix("www.").unwrap_or(host);
        let label = if what.is_empty() { host.to_string() } else { format!("{what}: {host}") };
        Some(Link { label, url: url.to_string() })
    }
}

/// One row of a listed table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's key: `id`, `zone_id`, `provider:region_code` or `key`, as in
    /// [`crate::method::FactorRef::key`].
    pub key: String,
    /// Its element id in the page ([`anchor`]).
    pub anchor: String,
    /// One per column of the table; the first is the key.
    pub cells: Vec<Cell>,
    pub sources: Vec<Link>,
    pub note: String,
    /// Lower-case text of the whole row, for [`Table::order`].
    search: String,
}

impl Row {
    fn new(file: &str, key: String, cells: Vec<Cell>, sources: Vec<Option<Link>>, note: &str) -> Row {
        let sources: Vec<Link> = sources.into_iter().flatten().collect();
        let mut search = key.to_lowercase();
        for c in &cells {
            search.push('\n');
            search.push_str(&c.text.to_lowercase());
        }
        for s in &sources {
            search.push('\n');
            search.push_str(&s.label.to_lowercase());
        }
        search.push('\n');
        search.push_str(&note.to_lowercase());
        Row { anchor: anchor(file, &key), key, cells, sources, note: note.to_string(), search }
    }

    /// Whether every word of `query` occurs in the row (its key, cells, sources or note), ignoring case.
    pub fn matches(&self, query: &str) -> bool {
        query.split_whitespace().all(|w| self.search.contains(&w.to_lowercase()))
    }
}

/// A factor table as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file of `data/`: "hardware.csv".
    pub file: &'static str,
    pub title: &'static str,
    /// What its rows are, in one sentence.
    pub about: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// "row-hardware-nvidia-h100-sxm", "row-cloud-regions-aws-us-east-1": the id of a
/// table row in the page. Letters, digits, `-` and `_` of the key are kept, any
/// other character becomes `-`; the table's stem has its `_` as `-`.
pub fn anchor(file: &str, key: &str) -> String {
    let stem = file.strip_suffix(".csv").unwrap_or(file).replace('_', "-");
    let key: String =
        key.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    format!("row-{stem}-{key}")
}

/// "Hardware", "Grid zones": a table's title, or None for a file the view does not list.
pub fn title(file: &str) -> Option<&'static str> {
    Some(match file {
        "hardware.csv" => "Hardware",
        "grid_zones.csv" => "Grid zones",
        "cloud_regions.csv" => "Cloud regions",
        "pue.csv" => "PUE",
        "embodied.csv" => "Embodied emissions",
        "equivalents.csv" => "Equivalents",
        _ => return None,
    })
}

impl Table {
    /// The rows whose text holds every word of `query`, sorted by `column`
    /// (numbers in order, then text without case, then empty cells; `descending`
    /// reverses numbers and text but keeps empty cells last), as indices into
    /// [`Table::rows`]. Ties keep the table's order.
    pub fn order(&self, query: &str, column: usize, descending: bool) -> Vec<usize> {
        use std::cmp::Ordering;
        let mut shown: Vec<usize> = (0..self.rows.len()).filter(|&i| self.rows[i].matches(query)).collect();
        let cell = |i: usize| self.rows[i].cells.get(column);
        let lower: Vec<String> =
            (0..self.rows.len()).map(|i| cell(i).map_or(String::new(), |c| c.text.to_lowercase())).collect();
        shown.sort_by(|&a, &b| {
            let (ca, cb) = (cell(a), cell(b));
            let empty = |c: Option<&Cell>| c.is_none_or(|c| c.text.is_empty());
            let by = match (empty(ca), empty(cb)) {
                (true, true) => return Ordering::Equal,
                (true, false) => return Ordering::Greater,
                (false, true) => return Ordering::Less,
                _ => match (ca.and_then(|c| c.number), cb.and_then(|c| c.number)) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => lower[a].cmp(&lower[b]),
                },
            };
            if descending {
                by.reverse()
            } else {
                by
            }
        });
        shown
    }
}

/// The table of `data/<file>` as listed, or None for a file the view does not list.
pub fn table(data: &Dataset, file: &str) -> Option<Table> {
    let t = |columns: Vec<Column>, rows: Vec<Row>, about: &'static str| {
        let file = FILES.into_iter().find(|f| *f == file)?;
        Some(Table { file, title: title(file)?, about, columns, rows })
    };
    match file {
        "hardware.csv" => t(hardware_columns(), data.hardware.iter().map(hardware_row).collect(), HARDWARE_ABOUT),
        "grid_zones.csv" => t(zone_columns(), data.zones.iter().map(zone_row).collect(), ZONES_ABOUT),
        "cloud_regions.csv" => t(region_columns(), data.regions.iter().map(region_row).collect(), REGIONS_ABOUT),
        "pue.csv" => t(pue_columns(), data.pue.iter().map(pue_row).collect(), PUE_ABOUT),
        "embodied.csv" => t(embodied_columns(), data.embodied.iter().map(embodied_row).collect(), EMBODIED_ABOUT),
        "equivalents.csv" => {
            t(equivalent_columns(), data.equivalents.iter().map(equivalent_row).collect(), EQUIVALENTS_ABOUT)
        }
        _ => None,
    }
}

const HARDWARE_ABOUT: &str =
    "Rated power (W) and peak dense throughput (TFLOP/s) of each device, per its counting unit.";
const ZONES_ABOUT: &str = "Grid carbon intensity of every country and sub-national grid (gCO2eq/kWh): the lifecycle value every zone has, and the publisher's direct figure where there is one.";
const REGIONS_ABOUT: &str = "Every cloud region and the grid zone it is in; Google's own figure and carbon-free-energy share are context, not one of the bases.";
const PUE_ABOUT: &str =
    "Power usage effectiveness of each operator (facility energy ÷ IT energy), with the range for one of its sites.";
const EMBODIED_ABOUT: &str = "Manufacturing (cradle-to-gate) emissions per device and its host server's share (kg CO2eq), and the years of service they are shared over; fallback rows apply to a kind of device without a figure of its own.";
const EQUIVALENTS_ABOUT: &str = "The everyday equivalents the results show (grams of CO2eq per unit).";

fn hardware_columns() -> Vec<Column> {
    vec![
        col("Id", "id", false),
        col("Device", "name", false),
        col("Kind", "kind", false),
        col("Power (W)", "power_w", true),
        col("Power low (W)", "power_low_w", true),
        col("Power high (W)", "power_high_w", true),
        col("Cores", "cores", true),
        col("Memory (GB)", "memory_gb", true),
        col("BF16 (TFLOP/s)", "bf16_tflops", true),
        col("FP16 (TFLOP/s)", "fp16_tflops", true),
        col("FP8 (TFLOP/s)", "fp8_tflops", true),
        col("FP32 (TFLOP/s)", "fp32_tflops", true),
        col("Counting unit", "counting_unit", false),
        col("Year", "year", true),
        col("Licence", "", false),
        col("Power status", "power_basis", false),
        col("Throughput status", "throughput_status", false),
    ]
}

fn power_status(b: PowerBasis) -> &'static str {
    match b {
        PowerBasis::Tdp => "published",
        PowerBasis::MeasuredAvg => "published (measured average)",
        PowerBasis::SystemWall => "published (wall power)",
        PowerBasis::Estimated => "estimated",
        PowerBasis::Unpublished => "not published",
    }
}

fn figure_status(s: ThroughputStatus) -> &'static str {
    match s {
        ThroughputStatus::Verified => "published",
        ThroughputStatus::Secondary => "published (third-party source)",
        ThroughputStatus::Derived => "derived from published figures",
    }
}

fn hardware_row(h: &crate::data::Hardware) -> Row {
    let f = |v: Option<u32>| num(v.map(f64::from));
    let note = [h.note.as_str(), h.power_method.as_str(), h.throughput_note.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Row::new(
        "hardware.csv",
        h.id.clone(),
        vec![
            text(&h.id),
            text(h.full_name()),
            text(h.kind.label()),
            num(h.power_w),
            num(h.power_low_w),
            num(h.power_high_w),
            f(h.cores),
            num(h.memory_gb),
            num(h.bf16_tflops),
            num(h.fp16_tflops),
            num(h.fp8_tflops),
            num(h.fp32_tflops),
            text(&h.counting_unit),
            year(Some(h.year)),
            text(FACTS),
            text(power_status(h.power_basis)),
            text(h.throughput_status.map_or("", figure_status)),
        ],
        vec![Link::new("power", &h.source_url), Link::new("throughput", &h.throughput_source_url)],
        &note,
    )
}

fn zone_columns() -> Vec<Column> {
    vec![
        col("Zone", "zone_id", false),
        col("Name", "name", false),
        col("Kind", "kind", false),
        col("Country", "country_iso2", false),
        col("Continent", "continent", false),
        col("Lifecycle (g/kWh)", "lifecycle_g_per_kwh", true),
        col("Year", "lifecycle_year", true),
        col("Lifecycle method", "lifecycle_method", false),
        col("Direct (g/kWh)", "direct_g_per_kwh", true),
        col("Direct year", "direct_year", true),
        col("Licence", "", false),
        col("Status", "", false),
    ]
}

fn zone_row(z: &crate::data::GridZone) -> Row {
    let kind = match z.kind {
        ZoneKind::World => "world",
        ZoneKind::Country => "country",
        ZoneKind::Subnational => "sub-national",
    };
    let method = match z.lifecycle_method {
        LifecycleMethod::Published => "published",
        LifecycleMethod::CountryMix => "country mix × country factors",
        LifecycleMethod::ZoneMix => "zone mix × country factors",
        LifecycleMethod::ZoneMixFloor => "zone mix × country factors, floor at direct",
    };
    let mut licence = z.licence.clone();
    if z.direct().is_some() && !z.direct_licence.is_empty() && z.direct_licence != z.licence {
        licence = format!("{licence}; direct: {}", z.direct_licence);
    }
    let mut status =
        if z.lifecycle_method.from_mix() { "computed here from published figures" } else { "published" }.to_string();
    if z.source_status == "secondary" {
        status.push_str(" (third-party source)");
    }
    Row::new(
        "grid_zones.csv",
        z.zone_id.clone(),
        vec![
            text(&z.zone_id),
            text(&z.name),
            text(kind),
            text(&z.country_iso2),
            text(&z.continent),
            num(Some(z.intensity_g_per_kwh)),
            year(Some(z.year)),
            text(method),
            num(z.direct_g_per_kwh),
            year(z.direct_year),
            text(licence),
            text(status),
        ],
        vec![Link::new("lifecycle", &z.source_url), Link::new("direct", &z.direct_source_url)],
        &z.correction,
    )
}

fn region_columns() -> Vec<Column> {
    vec![
        col("Region", "region_code", false),
        col("Name", "region_name", false),
        col("City", "city", false),
        col("Subdivision", "subdivision", false),
        col("Country", "country_iso2", false),
        col("Grid zone", "zone_id", false),
        col("Google's figure (g/kWh)", "provider_intensity_g_per_kwh", true),
        col("Carbon-free energy (%)", "provider_cfe", true),
        col("Figure year", "provider_intensity_year", true),
        col("Year", "year", true),
        col("Licence", "", false),
        col("Status", "", false),
    ]
}

/// The licence of a region list's row, by where it was read (data/README.md).
fn region_licence(url: &str) -> &'static str {
    if url.contains("learn.microsoft.com") {
        "CC BY 4.0 (Microsoft Learn)"
    } else if url.contains("mcp-server-cloud-regions") {
        "MIT (compiled list)"
    } else if url.contains("region-carbon-info") {
        "Apache-2.0 (Google)"
    } else {
        FACTS
    }
}

fn region_row(r: &crate::data::CloudRegion) -> Row {
    let mut licence = region_licence(&r.source_url).to_string();
    if r.provider_intensity_g_per_kwh.is_some() && !r.source_url.contains("region-carbon-info") {
        licence.push_str("; Google's figure: Apache-2.0");
    }
    Row::new(
        "cloud_regions.csv",
        format!("{}:{}", r.provider, r.region_code),
        vec![
            text(format!("{}:{}", r.provider, r.region_code)),
            text(&r.region_name),
            text(&r.city),
            text(&r.subdivision),
            text(&r.country_iso2),
            text(&r.zone_id),
            num(r.provider_intensity_g_per_kwh),
            num(r.provider_cfe.map(|c| c * 100.0)),
            year(r.provider_intensity_year),
            year(Some(r.year)),
            text(licence),
            text("published"),
        ],
        vec![Link::new("region list", &r.source_url), Link::new("Google's figure", &r.provider_intensity_source_url)],
        "",
    )
}

fn pue_columns() -> Vec<Column> {
    vec![
        col("Key", "key", false),
        col("Operator", "label", false),
        col("PUE", "pue", true),
        col("Low", "pue_low", true),
        col("High", "pue_high", true),
        col("Publisher", "publisher", false),
        col("Year", "year", true),
        col("Licence", "", false),
        col("Status", "", false),
    ]
}

fn pue_row(p: &crate::data::Pue) -> Row {
    Row::new(
        "pue.csv",
        p.key.clone(),
        vec![
            text(&p.key),
            text(&p.label),
            num(Some(p.pue)),
            num(Some(p.pue_low)),
            num(Some(p.pue_high)),
            text(&p.publisher),
            year(Some(p.year)),
            text(FACTS),
            text("published"),
        ],
        vec![Link::new("", &p.source_url)],
        &p.note,
    )
}

fn embodied_columns() -> Vec<Column> {
    vec![
        col("Id", "id", false),
        col("Applies to", "applies_to", false),
        col("Kind", "kind", false),
        col("Fallback", "fallback", false),
        col("Device (kg)", "embodied_kg", true),
        col("Device low (kg)", "embodied_low_kg", true),
        col("Device high (kg)", "embodied_high_kg", true),
        col("Covers", "includes", false),
        col("Host share (kg)", "host_share_kg", true),
        col("Host low (kg)", "host_share_low_kg", true),
        col("Host high (kg)", "host_share_high_kg", true),
        col("Lifetime (years)", "lifetime_years", true),
        col("Lifetime low", "lifetime_low_years", true),
        col("Lifetime high", "lifetime_high_years", true),
        col("Scope", "scope", false),
        col("Publisher", "publisher", false),
        col("Year", "year", true),
        col("Licence", "", false),
        col("Status", "status", false),
    ]
}

fn embodied_row(e: &crate::data::Embodied) -> Row {
    let note = [e.note.as_str(), e.host_share_basis.as_str(), e.lifetime_basis.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Row::new(
        "embodied.csv",
        e.id.clone(),
        vec![
            text(&e.id),
            text(if e.applies_to.is_empty() {
                format!("any {} without a row", e.kind.label())
            } else {
                e.applies_to.clone()
            }),
            text(e.kind.label()),
            text(if e.fallback { "yes" } else { "no" }),
            num(Some(e.embodied_kg)),
            num(Some(e.embodied_low_kg)),
            num(Some(e.embodied_high_kg)),
            text(e.includes.label()),
            num(e.host_share_kg),
            num(e.host_share_low_kg),
            num(e.host_share_high_kg),
            num(Some(e.lifetime_years)),
            num(Some(e.lifetime_low_years)),
            num(Some(e.lifetime_high_years)),
            text(&e.scope),
            text(&e.publisher),
            year(Some(e.year)),
            text(FACTS),
            text(figure_status(e.status)),
        ],
        vec![Link::new("", &e.source_url)],
        &note,
    )
}

fn equivalent_columns() -> Vec<Column> {
    vec![
        col("Id", "id", false),
        col("Label", "label", false),
        col("gCO2eq per unit", "grams_co2e_per_unit", true),
        col("Unit", "unit", false),
        col("Publisher", "publisher", false),
        col("Year", "year", true),
        col("Licence", "", false),
        col("Status", "", false),
    ]
}

/// EPA content is US Government public domain, DESNZ's factors Crown copyright
/// under the Open Government Licence v3.0 (data/README.md).
fn equivalent_licence(publisher: &str) -> &'static str {
    match publisher {
        "US EPA" => "public domain (US Government)",
        "UK DESNZ" => "Open Government Licence v3.0",
        _ => FACTS,
    }
}

fn equivalent_row(q: &crate::data::Equivalent) -> Row {
    Row::new(
        "equivalents.csv",
        q.id.clone(),
        vec![
            text(&q.id),
            text(&q.label),
            num(Some(q.grams_co2e_per_unit)),
            text(&q.unit),
            text(&q.publisher),
            year(Some(q.year)),
            text(equivalent_licence(&q.publisher)),
            text("published"),
        ],
        vec![Link::new("", &q.source_url)],
        &q.note,
    )
}
