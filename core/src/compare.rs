//! Region comparison: "where should this job run?"
//!
//! The job as entered (hardware × devices × hours × utilization, host CPU and
//! memory) is re-estimated in every candidate location: the regions of one cloud
//! provider, the regions of every provider, or every country and grid zone.
//!
//! Factors used for each candidate (the same rules as [`crate::job::validate`]):
//! - grid intensity: the figure of the region's grid zone, or the zone's own, on the
//!   comparison's basis ([`Query::basis`]: lifecycle, or direct where published and
//!   lifecycle elsewhere, marked on the row), so that every bar is on one basis and
//!   two regions in the same place get the same number. A provider's own figure is
//!   never a candidate's figure; when the job itself uses one (or a typed
//!   intensity), [`Comparison::current_basis`] says so.
//! - PUE: a cloud region's own published PUE ([`Dataset::region_pue`]: per-region row,
//!   else the provider's fleet value). A country or grid zone gets the job's PUE when
//!   the job is itself on premises (location "country or grid" or "custom intensity":
//!   the user's facility, default or typed, moved elsewhere, so that bars differ by
//!   grid only); when the job is in the cloud, zones get the on-premises industry PUE
//!   (a cloud PUE says nothing about a facility in another country).
//! - The current choice always uses the job's own intensity and PUE, so its bar equals
//!   the estimate shown in the results, and the savings are measured from that estimate.
//!
//! [`Target::apply`] selects a candidate in the form such that validating the form
//! afterwards gives exactly that candidate's emissions (a typed PUE is dropped when it
//! no longer describes the facility; see there).
//!
//! Everything is plain f64 arithmetic (the model's own [`Inputs::energy_kwh`]);
//! rounding happens only in the sentences, through [`crate::format`].
//!
//! Longer than 450 lines because one comparison is one room: the scopes, the query and its filters,
//! the re-estimate in each place, the sort and the basis marks share their types, and splitting
//! them would only move `pub(crate)` items around.

use crate::data::{Basis, Dataset, ZoneKind, PUE_ON_PREMISES};
use crate::form::{FormState, LocationMode};
use crate::format;
use crate::job::{self, IntensityBasis, Job};
use crate::model::Inputs;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Which candidates are compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The regions of one provider (its key: "aws", "gcp", ...).
    Provider(String),
    /// Every region of every provider.
    AllProviders,
    /// Every country and sub-national grid zone (on-premises work).
    Zones,
}

/// A location that can be selected in the form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Region { provider: String, region: String },
    Zone(String),
}

impl Target {
    /// "aws:us-east-1" for a region, the zone id ("FR", "US-EGRID-SRVC") for a zone.
    pub fn id(&self) -> String {
        match self {
            Target::Region { provider, region } => format!("{provider}:{region}"),
            Target::Zone(z) => z.clone(),
        }
    }

    /// The location chosen in the form; `None` for a custom intensity.
    pub fn of_form(state: &FormState) -> Option<Target> {
        match state.location {
            LocationMode::Cloud => {
                Some(Target::Region { provider: state.provider.clone(), region: state.region.clone() })
            }
            LocationMode::Zone => Some(Target::Zone(state.zone.clone())),
            LocationMode::Custom => None,
        }
    }

    /// Select this location in the form. Choosing the current location changes nothing.
    ///
    /// A typed PUE describes the facility of the current choice, so it is cleared
    /// (the location's published PUE then applies, as on its bar) when moving to a
    /// different cloud region, or from the cloud to a country or grid zone. Moving
    /// between on-premises locations keeps it: it is the user's own facility.
    pub fn apply(&self, state: &mut FormState) {
        if Target::of_form(state).as_ref() == Some(self) {
            return;
        }
        match self {
            Target::Region { provider, region } => {
                state.location = LocationMode::Cloud;
                state.provider = provider.clone();
                state.region = region.clone();
                state.pue.clear();
            }
            Target::Zone(zone) => {
                if state.location == LocationMode::Cloud {
                    state.pue.clear();
                }
                state.location = LocationMode::Zone;
                state.zone = zone.clone();
            }
        }
    }
}

/// A candidate location and its fixed factors, independent of the job.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub target: Target,
    /// [`Target::id`].
    pub id: String,
    /// Region code ("eu-north-1") or zone name ("France").
    pub name: String,
    /// Provider key for a region, empty for a zone.
    pub provider: String,
    /// Provider label ("Amazon Web Services") for a region, empty for a zone.
    pub provider_label: String,
    /// Where it is: "Stockholm, Sweden" for a region; the country (sub-national
    /// zones) or continent (countries) for a zone.
    pub location: String,
    /// Continent of the region's grid zone, or of the zone.
    pub continent: String,
    /// Grid zone whose figures apply.
    pub zone_id: String,
    /// The zone's lifecycle intensity, gCO2eq/kWh.
    pub lifecycle_g_per_kwh: f64,
    /// The zone's direct intensity, where one is published.
    pub direct_g_per_kwh: Option<f64>,
    /// The location's own PUE (region's published PUE; on-premises PUE for zones).
    pub pue: f64,
    /// Lower-case text the search matches against.
    haystack: String,
}

impl Place {
    /// Provider and region code ("Amazon Web Services eu-north-1"), or the zone name.
    pub fn title(&self) -> String {
        if self.provider_label.is_empty() {
            self.name.clone()
        } else {
            format!("{} {}", self.provider_label, self.name)
        }
    }

    /// The intensity on `basis`, and whether it fell back to lifecycle (direct
    /// asked, none published).
    pub fn intensity(&self, basis: Basis) -> (f64, bool) {
        match (basis, self.direct_g_per_kwh) {
            (Basis::Lifecycle, _) => (self.lifecycle_g_per_kwh, false),
            (Basis::Direct, Some(d)) => (d, false),
            (Basis::Direct, None) => (self.lifecycle_g_per_kwh, true),
        }
    }

    pub fn is_region(&self) -> bool {
        matches!(self.target, Target::Region { .. })
    }

    /// Every whitespace-separated word of `query` occurs (case-insensitively) in the
    /// name, code, location, continent or provider.
    pub fn matches(&self, query: &str) -> bool {
        query.split_whitespace().all(|w| {
            if w.chars().any(char::is_uppercase) {
                self.haystack.contains(&w.to_lowercase())
            } else {
                self.haystack.contains(w)
            }
        })
    }
}

/// Every candidate location of a dataset, built once.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub places: Vec<Place>,
    index: HashMap<Target, usize>,
    /// Provider keys with regions, in table order.
    pub providers: Vec<(String, String)>,
}

impl Catalogue {
    /// Regions whose grid zone or PUE is missing (a data error that
    /// [`Dataset::problems`] reports) are left out, as are zones when the
    /// on-premises PUE row is missing.
    pub fn new(data: &Dataset) -> Catalogue {
        let zones: HashMap<&str, &crate::data::GridZone> = data.zones.iter().map(|z| (z.zone_id.as_str(), z)).collect();
        let mut places = Vec::with_capacity(data.regions.len() + data.zones.len());

        for r in &data.regions {
            let (Some(zone), Some(pue)) = (zones.get(r.zone_id.as_str()), data.region_pue(r)) else {
                continue;
            };
            let country = zones.get(r.country_iso2.as_str()).map_or(r.country_iso2.as_str(), |c| c.name.as_str());
            // The city, else the state or province of its grid zone, else the region's name.
            let here = if !r.city.is_empty() {
                r.city.as_str()
            } else if zone.kind == ZoneKind::Subnational {
                zone.name.as_str()
            } else {
                r.region_name.as_str()
            };
            let location = crate::text::join_nonempty(&[here, country]);
            let provider_label = data.provider_label(&r.provider).to_string();
            let haystack = format!(
                "{} {} {} {} {} {} {}",
                r.region_code, r.region_name, location, zone.continent, provider_label, r.provider, r.zone_id
            )
            .to_lowercase();
            let target = Target::Region { provider: r.provider.clone(), region: r.region_code.clone() };
            places.push(Place {
                id: target.id(),
                target,
                name: r.region_code.clone(),
                provider: r.provider.clone(),
                provider_label,
                location,
                continent: zone.continent.clone(),
                zone_id: zone.zone_id.clone(),
                lifecycle_g_per_kwh: job::zone_intensity(zone, Basis::Lifecycle),
                direct_g_per_kwh: zone.direct().map(|d| d.value),
                pue: pue.pue,
                haystack,
            });
        }

        if let Some(on_prem) = data.pue(PUE_ON_PREMISES) {
            for z in &data.zones {
                let location = match z.kind {
                    ZoneKind::World => "world average".to_string(),
                    ZoneKind::Country => z.continent.clone(),
                    ZoneKind::Subnational => {
                        zones.get(z.country_iso2.as_str()).map_or(z.country_iso2.clone(), |c| c.name.clone())
                    }
                };
                let haystack = format!("{} {} {} {}", z.name, z.zone_id, location, z.continent).to_lowercase();
                let target = Target::Zone(z.zone_id.clone());
                places.push(Place {
                    id: target.id(),
                    target,
                    name: z.name.clone(),
                    provider: String::new(),
                    provider_label: String::new(),
                    location,
                    continent: z.continent.clone(),
                    zone_id: z.zone_id.clone(),
                    lifecycle_g_per_kwh: job::zone_intensity(z, Basis::Lifecycle),
                    direct_g_per_kwh: z.direct().map(|d| d.value),
                    pue: on_prem.pue,
                    haystack,
                });
            }
        }

        let index = places.iter().enumerate().map(|(i, p)| (p.target.clone(), i)).collect();
        let providers = data.providers().into_iter().map(|p| (p.key.clone(), p.label.clone())).collect();
        Catalogue { places, index, providers }
    }

    /// Position of a target in [`Catalogue::places`].
    pub fn find(&self, target: &Target) -> Option<usize> {
        self.index.get(target).copied()
    }

    /// Position of the place with this [`Target::id`].
    pub fn find_id(&self, id: &str) -> Option<usize> {
        let target = match id.split_once(':') {
            Some((provider, region)) => Target::Region { provider: provider.into(), region: region.into() },
            None => Target::Zone(id.into()),
        };
        self.find(&target)
    }

    pub fn in_scope(&self, place: &Place, scope: &Scope) -> bool {
        match scope {
            Scope::Provider(key) => place.is_region() && place.provider == *key,
            Scope::AllProviders => place.is_region(),
            Scope::Zones => !place.is_region(),
        }
    }

    /// Continents present in a scope, sorted.
    pub fn continents(&self, scope: &Scope) -> Vec<String> {
        let mut out: Vec<String> =
            self.places.iter().filter(|p| self.in_scope(p, scope)).map(|p| p.continent.clone()).collect();
        out.sort();
        out.dedup();
        out
    }
}

/// What narrows the candidates of a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub scope: Scope,
    /// Only this continent ("Europe"); `None` = every continent.
    pub continent: Option<String>,
    /// Only this provider's regions (with [`Scope::AllProviders`]); `None` = all.
    pub provider: Option<String>,
    /// Words that must all occur in the name, location, continent or provider.
    pub text: String,
    /// The basis of every candidate's grid intensity.
    pub basis: Basis,
}

impl Query {
    pub fn scope(scope: Scope) -> Query {
        Query { scope, continent: None, provider: None, text: String::new(), basis: Basis::Lifecycle }
    }
}

/// One candidate, estimated for the job.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Index into [`Catalogue::places`].
    pub place: usize,
    pub intensity_g_per_kwh: f64,
    /// Direct asked, but this zone publishes none: its lifecycle figure is used.
    pub fallback: bool,
    pub pue: f64,
    pub energy_kwh: f64,
    pub emissions_kg: f64,
    /// The location chosen in the form.
    pub current: bool,
    /// The cleanest in view (exactly one row when any is in view).
    pub cleanest: bool,
}

/// The one sentence of advice, as data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Advice {
    /// No candidate in view.
    Empty,
    /// Row `row` (index into [`Comparison::rows`]) is the cleanest in view and emits
    /// less than the job as entered.
    Switch { row: usize, saving_kg: f64, saving_fraction: f64 },
    /// The current choice (row `row`) is in view and nothing in view emits less.
    AlreadyCleanest { row: usize },
    /// The current choice is not in view and nothing in view emits less than it.
    NothingCleaner,
}

/// The job in every candidate location in view, cleanest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub rows: Vec<Row>,
    /// The job's central estimate as entered (the results' figure), kg CO2eq.
    pub baseline_kg: f64,
    /// Largest emissions in view (0 when none), for scaling bars.
    pub max_kg: f64,
    pub advice: Advice,
    /// The basis of the other bars.
    pub basis: Basis,
    /// When the job's own intensity is not on [`Comparison::basis`] (the provider's
    /// figure, or a typed value), its kind: the current bar then shows the job's
    /// estimate, on that other basis, and the view must say so.
    pub current_basis: Option<IntensityBasis>,
}

/// Estimate `job` in every candidate of `query` (see the module documentation for
/// the factors), filtered, sorted by emissions ascending (ties by title, then id).
/// The current choice of `state` is kept in view whenever it belongs to the scope,
/// even if the continent, provider or text filters would hide it.
pub fn compare(cat: &Catalogue, job: &Job, state: &FormState, query: &Query) -> Comparison {
    let inputs: Inputs = job.inputs();
    let baseline_kg = job.estimate().emissions_kg.central;
    let current = Target::of_form(state).and_then(|t| cat.find(&t));
    let on_premises_job = state.location != LocationMode::Cloud;
    let text = query.text.trim();

    let mut rows: Vec<Row> = Vec::with_capacity(cat.places.len());
    for (i, p) in cat.places.iter().enumerate() {
        if !cat.in_scope(p, &query.scope) {
            continue;
        }
        let is_current = current == Some(i);
        if !is_current {
            if query.continent.as_ref().is_some_and(|c| *c != p.continent) {
                continue;
            }
            if p.is_region() && query.provider.as_ref().is_some_and(|k| *k != p.provider) {
                continue;
            }
            if !text.is_empty() && !p.matches(text) {
                continue;
            }
        }
        let (zone_intensity, fallback) = p.intensity(query.basis);
        let (intensity, fallback, pue) = if is_current {
            (job.location.intensity_g_per_kwh, job.location.basis_fallback, job.pue.value)
        } else if !p.is_region() && on_premises_job {
            (zone_intensity, fallback, job.pue.value)
        } else {
            (zone_intensity, fallback, p.pue)
        };
        // The model's own arithmetic, as in `model::estimate` (central value).
        let energy_kwh = inputs.energy_kwh(inputs.utilization, pue);
        let emissions_kg = energy_kwh * intensity / 1000.0;
        rows.push(Row {
            place: i,
            intensity_g_per_kwh: intensity,
            fallback,
            pue,
            energy_kwh,
            emissions_kg,
            current: is_current,
            cleanest: false,
        });
    }

    // Titles are only needed to break exact ties, which are rare: compare them lazily.
    rows.sort_by(|a, b| {
        a.emissions_kg.total_cmp(&b.emissions_kg).then_with(|| by_title(&cat.places[a.place], &cat.places[b.place]))
    });

    let max_kg = rows.iter().map(|r| r.emissions_kg).fold(0.0, f64::max);
    let advice = advise(&mut rows, baseline_kg);
    let on_basis = match (job.location.intensity_basis, query.basis) {
        (IntensityBasis::Lifecycle, Basis::Lifecycle) | (IntensityBasis::Direct, Basis::Direct) => true,
        // A direct request that fell back to lifecycle is on the same footing as its peers.
        (IntensityBasis::Lifecycle, Basis::Direct) => job.location.basis_fallback,
        _ => false,
    };
    let current_basis = (!on_basis).then_some(job.location.intensity_basis);
    Comparison { rows, baseline_kg, max_kg, advice, basis: query.basis, current_basis }
}

/// Title order without allocating: provider label, then name, then id.
fn by_title(a: &Place, b: &Place) -> Ordering {
    a.provider_label.cmp(&b.provider_label).then_with(|| a.name.cmp(&b.name)).then_with(|| a.id.cmp(&b.id))
}

/// Mark the cleanest row and decide the advice. `rows` must be sorted ascending.
/// The current choice counts as the cleanest when it ties with the minimum.
fn advise(rows: &mut [Row], baseline_kg: f64) -> Advice {
    let Some(first) = rows.first() else {
        return Advice::Empty;
    };
    let min = first.emissions_kg;
    let current = rows.iter().position(|r| r.current);
    let best = match current {
        Some(c) if rows[c].emissions_kg <= min => c,
        _ => 0,
    };
    rows[best].cleanest = true;
    let best_kg = rows[best].emissions_kg;
    if best_kg < baseline_kg && !rows[best].current {
        let saving_kg = baseline_kg - best_kg;
        Advice::Switch { row: best, saving_kg, saving_fraction: saving_kg / baseline_kg }
    } else if rows[best].current {
        Advice::AlreadyCleanest { row: best }
    } else {
        Advice::NothingCleaner
    }
}

/// A saving as a percentage for the sentence: three significant digits, but never
/// rounded up to "100 %" when something is still emitted.
pub fn saving_percent(fraction: f64) -> String {
    let text = format::percent(fraction);
    if fraction < 1.0 && text == "100 %" {
        "99.9 %".to_string()
    } else {
        text
    }
}

/// The advice as one sentence:
/// "Running in <region> (<location>) instead would emit N % less (M kg CO2eq)."
pub fn advice_sentence(cat: &Catalogue, cmp: &Comparison) -> String {
    let place = |row: usize| cmp.rows.get(row).and_then(|r| cat.places.get(r.place));
    match cmp.advice {
        Advice::Empty => "No location matches these filters.".to_string(),
        Advice::Switch { row, saving_kg, saving_fraction } => match place(row) {
            Some(p) => format!(
                "Running in {} ({}) instead would emit {} less ({} CO2eq).",
                p.title(),
                p.location,
                saving_percent(saving_fraction),
                format::mass_kg(saving_kg)
            ),
            None => String::new(),
        },
        Advice::AlreadyCleanest { row } => match place(row) {
            Some(p) => format!("Your current choice, {} ({}), is already the cleanest in view.", p.title(), p.location),
            None => String::new(),
        },
        Advice::NothingCleaner => {
            let n = cmp.rows.len();
            format!(
                "None of the {n} location{} in view would emit less than your current choice.",
                if n == 1 { "" } else { "s" }
            )
        }
    }
}

/// Length of a bar as a fraction (0 to 1) of the longest one, whose value is `max`.
/// Linear from zero, so lengths compare like the numbers they show.
pub fn bar_fraction(value: f64, max: f64) -> f64 {
    if max > 0.0 && max.is_finite() && value.is_finite() && value > 0.0 {
        (value / max).min(1.0)
    } else {
        0.0
    }
}

/// Columns of the table view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Location,
    Continent,
    Intensity,
    Pue,
    Energy,
    Emissions,
}

impl Column {
    pub const ALL: [Column; 7] = [
        Column::Name,
        Column::Location,
        Column::Continent,
        Column::Intensity,
        Column::Pue,
        Column::Energy,
        Column::Emissions,
    ];

    /// Numeric columns sort numerically and are right-aligned.
    pub fn numeric(self) -> bool {
        matches!(self, Column::Intensity | Column::Pue | Column::Energy | Column::Emissions)
    }
}

/// Sort rows for the table by `column` (stable; ties in emissions order, then title).
pub fn sort_rows(cat: &Catalogue, rows: &mut [Row], column: Column, descending: bool) {
    rows.sort_by(|a, b| {
        let (pa, pb) = (&cat.places[a.place], &cat.places[b.place]);
        let primary = match column {
            Column::Name => by_title(pa, pb),
            Column::Location => pa.location.cmp(&pb.location),
            Column::Continent => pa.continent.cmp(&pb.continent),
            Column::Intensity => a.intensity_g_per_kwh.total_cmp(&b.intensity_g_per_kwh),
            Column::Pue => a.pue.total_cmp(&b.pue),
            Column::Energy => a.energy_kwh.total_cmp(&b.energy_kwh),
            Column::Emissions => a.emissions_kg.total_cmp(&b.emissions_kg),
        };
        let primary = if descending { primary.reverse() } else { primary };
        primary.then_with(|| a.emissions_kg.total_cmp(&b.emissions_kg)).then_with(|| by_title(pa, pb))
    });
}
