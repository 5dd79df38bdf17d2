//! Region comparison: "where should this job run?"
//!
//! The job as entered (hardware × devices × hours × utilization, host CPU and
//! memory) is re-estimated in every candidate location: the regions of one cloud
//! provider, the regions of every provider, or every country and grid zone.
//!
//! Factors used for each candidate (the same rules as [`crate::form::validate`]):
//! - grid intensity: a region's provider figure when it publishes one
//!   ([`crate::form::region_intensity`]), else its grid zone's; a zone's own figure.
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

use crate::data::{Dataset, ZoneKind, PUE_ON_PREMISES};
use crate::form::{self, FormState, Job, LocationMode};
use crate::format;
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
    /// Grid intensity used, gCO2eq/kWh.
    pub intensity_g_per_kwh: f64,
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

fn join(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(", ")
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
            let here = if r.city.is_empty() { r.region_name.as_str() } else { r.city.as_str() };
            let location = join(&[here, country]);
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
                intensity_g_per_kwh: form::region_intensity(r, zone),
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
                    intensity_g_per_kwh: z.intensity_g_per_kwh,
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
}

impl Query {
    pub fn scope(scope: Scope) -> Query {
        Query { scope, continent: None, provider: None, text: String::new() }
    }
}

/// One candidate, estimated for the job.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Index into [`Catalogue::places`].
    pub place: usize,
    pub intensity_g_per_kwh: f64,
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
        let (intensity, pue) = if is_current {
            (job.location.intensity_g_per_kwh, job.pue.value)
        } else if !p.is_region() && on_premises_job {
            (p.intensity_g_per_kwh, job.pue.value)
        } else {
            (p.intensity_g_per_kwh, p.pue)
        };
        // The model's own arithmetic, as in `model::estimate` (central value).
        let energy_kwh = inputs.energy_kwh(inputs.utilization, pue);
        let emissions_kg = energy_kwh * intensity / 1000.0;
        rows.push(Row {
            place: i,
            intensity_g_per_kwh: intensity,
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
    Comparison { rows, baseline_kg, max_kg, advice }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{validate, CUSTOM};

    const HARDWARE: &str = "id,vendor,kind,name,power_w,power_basis,cores,memory_gb,released,source_url,year,note\n\
        gpu-300,Acme,gpu,G300,300,tdp,,16,2020,https://example.org/g,2020,\n";
    const ZONES: &str =
        "zone_id,name,country_iso2,kind,continent,intensity_g_per_kwh,year,basis,publisher,source_url,licence\n\
        WORLD,World,,world,World,500,2024,b,p,https://example.org/z,CC\n\
        FR,France,FR,country,Europe,50,2024,b,p,https://example.org/z,CC\n\
        SE,Sweden,SE,country,Europe,40,2024,b,p,https://example.org/z,CC\n\
        US,United States,US,country,North America,400,2024,b,p,https://example.org/z,CC\n\
        US-VA,Virginia grid,US,subnational,North America,300,2024,b,p,https://example.org/z,CC\n\
        IN,India,IN,country,Asia,700,2024,b,p,https://example.org/z,CC\n";
    const REGIONS: &str = "provider,region_code,region_name,city,subdivision,country_iso2,zone_id,provider_intensity_g_per_kwh,provider_cfe,provider_intensity_year,provider_intensity_source_url,source_url,year\n\
        aws,us-east-1,US East (N. Virginia),Ashburn,US-VA,US,US-VA,,,,,https://example.org/r,2026\n\
        aws,eu-west-3,Europe (Paris),Paris,FR-IDF,FR,FR,,,,,https://example.org/r,2026\n\
        aws,eu-north-1,Europe (Stockholm),Stockholm,SE-AB,SE,SE,,,,,https://example.org/r,2026\n\
        aws,ap-south-1,Asia Pacific (Mumbai),Mumbai,IN-MH,IN,IN,,,,,https://example.org/r,2026\n\
        gcp,us-east4,N. Virginia,Ashburn,US-VA,US,US-VA,320,0.6,2024,https://example.org/g,https://example.org/r,2026\n\
        gcp,europe-west9,Paris,Paris,FR-IDF,FR,FR,20,0.9,2024,https://example.org/g,https://example.org/r,2026\n\
        gcp,us-central9,Nowhere,,,US,US,,,,,https://example.org/r,2026\n";
    const PUE: &str = "key,label,pue,pue_low,pue_high,year,source_url,note\n\
        aws,Amazon Web Services,1.2,1.1,1.3,2025,https://example.org/p,\n\
        gcp,Google Cloud,1.1,1.05,1.15,2024,https://example.org/p,\n\
        gcp:us-east4,Ashburn campus,1.05,1.05,1.05,2022,https://example.org/p,\n\
        on-premises,On premises,1.5,1.25,2,2024,https://example.org/p,\n\
        personal,Personal,1,1,1,2016,https://example.org/p,\n";
    const EQUIVALENTS: &str = "id,label,grams_co2e_per_unit,unit,year,source_url,note\n";

    fn data() -> Dataset {
        Dataset::parse(HARDWARE, ZONES, REGIONS, PUE, EQUIVALENTS).expect("fixture parses")
    }

    /// 1 × 300 W at 100 % for 100 h: 30 kWh of IT energy before PUE.
    fn form(location: LocationMode, provider: &str, region: &str, zone: &str) -> FormState {
        FormState {
            hardware: "gpu-300".into(),
            devices: "1".into(),
            duration: "100".into(),
            utilization_pct: "100".into(),
            location,
            provider: provider.into(),
            region: region.into(),
            zone: zone.into(),
            ..FormState::default()
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    fn ids(cat: &Catalogue, c: &Comparison) -> Vec<String> {
        c.rows.iter().map(|r| cat.places[r.place].id.clone()).collect()
    }

    #[test]
    fn one_provider_sorted_with_hand_computed_emissions_and_advice() {
        let d = data();
        let cat = Catalogue::new(&d);
        let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
        let job = validate(&s, &d).expect("valid");
        let c = compare(&cat, &job, &s, &Query::scope(Scope::Provider("aws".into())));
        // 30 kWh × PUE 1.2 = 36 kWh in every AWS region;
        // SE 40 g → 1.44 kg, FR 50 → 1.8, US-VA 300 → 10.8, IN 700 → 25.2.
        assert_eq!(ids(&cat, &c), ["aws:eu-north-1", "aws:eu-west-3", "aws:us-east-1", "aws:ap-south-1"]);
        let kg: Vec<f64> = c.rows.iter().map(|r| r.emissions_kg).collect();
        for (got, want) in kg.iter().zip([1.44, 1.8, 10.8, 25.2]) {
            assert!(close(*got, want), "{kg:?}");
        }
        assert!(c.rows.iter().all(|r| close(r.energy_kwh, 36.0)));
        assert!(close(c.baseline_kg, 10.8));
        assert!(close(c.max_kg, 25.2));
        assert_eq!(c.rows.iter().filter(|r| r.current).count(), 1);
        assert!(c.rows[2].current);
        assert!(c.rows[0].cleanest && c.rows.iter().filter(|r| r.cleanest).count() == 1);
        // Saving: 10.8 − 1.44 = 9.36 kg, 9.36 / 10.8 = 86.666… %.
        match c.advice {
            Advice::Switch { row, saving_kg, saving_fraction } => {
                assert_eq!(row, 0);
                assert!(close(saving_kg, 9.36));
                assert!(close(saving_fraction, 9.36 / 10.8));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            advice_sentence(&cat, &c),
            "Running in Amazon Web Services eu-north-1 (Stockholm, Sweden) instead would emit 86.7 % less (9.36 kg CO2eq)."
        );
    }

    #[test]
    fn all_providers_uses_provider_intensity_and_each_regions_own_pue() {
        let d = data();
        let cat = Catalogue::new(&d);
        let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
        let job = validate(&s, &d).expect("valid");
        let c = compare(&cat, &job, &s, &Query::scope(Scope::AllProviders));
        let find = |id: &str| c.rows.iter().find(|r| cat.places[r.place].id == id).copied().expect(id);
        // gcp europe-west9: Google's own 20 g/kWh (not France's 50), fleet PUE 1.1:
        // 30 × 1.1 × 20 / 1000 = 0.66 kg.
        let paris = find("gcp:europe-west9");
        assert_eq!((paris.intensity_g_per_kwh, paris.pue), (20.0, 1.1));
        assert!(close(paris.emissions_kg, 0.66));
        // gcp us-east4: per-region PUE row 1.05, Google's 320 g: 30 × 1.05 × 320 / 1000 = 10.08 kg.
        let ashburn = find("gcp:us-east4");
        assert_eq!((ashburn.intensity_g_per_kwh, ashburn.pue), (320.0, 1.05));
        assert!(close(ashburn.emissions_kg, 10.08));
        // gcp us-central9 has no city: its location falls back to the region name.
        assert_eq!(cat.places[find("gcp:us-central9").place].location, "Nowhere, United States");
        assert_eq!(c.rows.len(), 7);
        assert_eq!(ids(&cat, &c)[0], "gcp:europe-west9");
        assert_eq!(
            advice_sentence(&cat, &c),
            "Running in Google Cloud europe-west9 (Paris, France) instead would emit 93.9 % less (10.14 kg CO2eq)."
        );
        // Provider filter within all providers, current choice pinned.
        let mut q = Query::scope(Scope::AllProviders);
        q.provider = Some("gcp".into());
        let c = compare(&cat, &job, &s, &q);
        assert_eq!(ids(&cat, &c), ["gcp:europe-west9", "gcp:us-east4", "aws:us-east-1", "gcp:us-central9"]);
    }

    #[test]
    fn zones_take_the_on_premises_pue_from_a_cloud_job_and_the_jobs_pue_on_premises() {
        let d = data();
        let cat = Catalogue::new(&d);
        // From the cloud: zones at the on-premises PUE 1.5 (30 × 1.5 = 45 kWh).
        let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
        let job = validate(&s, &d).expect("valid");
        let c = compare(&cat, &job, &s, &Query::scope(Scope::Zones));
        assert!(c.rows.iter().all(|r| !r.current && r.pue == 1.5));
        assert_eq!(c.rows.len(), 6);
        // Sweden: 45 × 40 / 1000 = 1.8 kg vs the AWS job's 10.8 kg: 83.3 % less.
        assert_eq!(ids(&cat, &c)[0], "SE");
        assert!(close(c.rows[0].emissions_kg, 1.8));
        assert_eq!(
            advice_sentence(&cat, &c),
            "Running in Sweden (Europe) instead would emit 83.3 % less (9 kg CO2eq)."
        );

        // On premises in France with a typed PUE 1.2: every zone uses 1.2 (36 kWh).
        let mut s = form(LocationMode::Zone, "aws", "us-east-1", "FR");
        s.pue = "1.2".into();
        let job = validate(&s, &d).expect("valid");
        let c = compare(&cat, &job, &s, &Query::scope(Scope::Zones));
        assert!(c.rows.iter().all(|r| r.pue == 1.2));
        assert!(close(c.baseline_kg, 1.8));
        let cur = c.rows.iter().find(|r| r.current).expect("France is current");
        assert!(close(cur.emissions_kg, 1.8));
        // SE 1.44, FR 1.8, US-VA 10.8, US 14.4, WORLD 18, IN 25.2 kg.
        assert_eq!(ids(&cat, &c), ["SE", "FR", "US-VA", "US", "WORLD", "IN"]);
        assert_eq!(cat.places[c.rows[2].place].location, "United States");
        // Sweden 36 × 40 / 1000 = 1.44 kg: 20 % less, 0.36 kg = 360 g.
        assert_eq!(advice_sentence(&cat, &c), "Running in Sweden (Europe) instead would emit 20 % less (360 g CO2eq).");
    }

    #[test]
    fn already_cleanest_nothing_cleaner_and_empty() {
        let d = data();
        let cat = Catalogue::new(&d);
        let s = form(LocationMode::Cloud, "aws", "eu-north-1", "");
        let job = validate(&s, &d).expect("valid");
        let c = compare(&cat, &job, &s, &Query::scope(Scope::Provider("aws".into())));
        assert_eq!(c.advice, Advice::AlreadyCleanest { row: 0 });
        assert!(c.rows[0].current && c.rows[0].cleanest);
        assert_eq!(
            advice_sentence(&cat, &c),
            "Your current choice, Amazon Web Services eu-north-1 (Stockholm, Sweden), is already the cleanest in view."
        );

        // The current choice is not in scope (zones) and only India matches: nothing cleaner.
        let mut q = Query::scope(Scope::Zones);
        q.text = "india".into();
        let c = compare(&cat, &job, &s, &q);
        assert_eq!(ids(&cat, &c), ["IN"]);
        assert_eq!(c.advice, Advice::NothingCleaner);
        assert_eq!(
            advice_sentence(&cat, &c),
            "None of the 1 location in view would emit less than your current choice."
        );

        q.text = "atlantis".into();
        let c = compare(&cat, &job, &s, &q);
        assert!(c.rows.is_empty());
        assert_eq!((c.advice, c.max_kg), (Advice::Empty, 0.0));
        assert_eq!(advice_sentence(&cat, &c), "No location matches these filters.");
    }

    #[test]
    fn a_tie_with_the_current_choice_counts_as_already_cleanest() {
        // Sweden given France's 50 g/kWh, and chosen in the form.
        let zones = ZONES.replace("SE,Sweden,SE,country,Europe,40", "SE,Sweden,SE,country,Europe,50");
        let d = Dataset::parse(HARDWARE, &zones, REGIONS, PUE, EQUIVALENTS).expect("parses");
        let cat = Catalogue::new(&d);
        let s = form(LocationMode::Zone, "aws", "us-east-1", "SE");
        let job = validate(&s, &d).expect("valid");
        let c = compare(&cat, &job, &s, &Query::scope(Scope::Zones));
        // France and Sweden tie at 50 g: France sorts first by name, but the current
        // choice (Sweden) is the one marked cleanest.
        assert_eq!(ids(&cat, &c)[..2], ["FR", "SE"]);
        assert!(c.rows[1].current && c.rows[1].cleanest && !c.rows[0].cleanest);
        assert_eq!(c.advice, Advice::AlreadyCleanest { row: 1 });
    }

    #[test]
    fn filters_by_continent_and_text_keep_the_current_choice() {
        let d = data();
        let cat = Catalogue::new(&d);
        let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
        let job = validate(&s, &d).expect("valid");
        let mut q = Query::scope(Scope::Provider("aws".into()));
        q.continent = Some("Europe".into());
        let c = compare(&cat, &job, &s, &q);
        assert_eq!(ids(&cat, &c), ["aws:eu-north-1", "aws:eu-west-3", "aws:us-east-1"]);
        q.continent = None;
        q.text = "  PARIS  ".into();
        let c = compare(&cat, &job, &s, &q);
        assert_eq!(ids(&cat, &c), ["aws:eu-west-3", "aws:us-east-1"]);
        q.text = "europe stockholm".into();
        assert_eq!(ids(&cat, &compare(&cat, &job, &s, &q)), ["aws:eu-north-1", "aws:us-east-1"]);
        assert_eq!(cat.continents(&Scope::Provider("aws".into())), ["Asia", "Europe", "North America"]);
        assert_eq!(cat.continents(&Scope::Zones), ["Asia", "Europe", "North America", "World"]);
    }

    #[test]
    fn custom_intensity_has_no_current_bar_and_compares_with_the_estimate() {
        let d = data();
        let cat = Catalogue::new(&d);
        let mut s = form(LocationMode::Custom, "aws", "us-east-1", "");
        s.custom_intensity = "100".into();
        let job = validate(&s, &d).expect("valid");
        // 30 kWh × on-premises 1.5 × 100 g = 4.5 kg; zones at the job's PUE 1.5.
        let c = compare(&cat, &job, &s, &Query::scope(Scope::Zones));
        assert!(close(c.baseline_kg, 4.5));
        assert!(c.rows.iter().all(|r| !r.current));
        match c.advice {
            Advice::Switch { saving_kg, .. } => assert!(close(saving_kg, 4.5 - 45.0 * 40.0 / 1000.0)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn selecting_any_bar_makes_the_form_give_that_bars_emissions() {
        let d = data();
        let cat = Catalogue::new(&d);
        let mut typed = form(LocationMode::Cloud, "aws", "us-east-1", "");
        typed.pue = "1.3".into();
        let mut on_prem = form(LocationMode::Zone, "aws", "us-east-1", "FR");
        on_prem.pue = "1.4".into();
        let mut custom = form(LocationMode::Custom, "aws", "us-east-1", "");
        custom.custom_intensity = "123".into();
        let starts = [form(LocationMode::Cloud, "aws", "us-east-1", ""), typed, on_prem, custom];
        for start in &starts {
            let job = validate(start, &d).expect("valid");
            for scope in [Scope::AllProviders, Scope::Zones] {
                let c = compare(&cat, &job, start, &Query::scope(scope));
                for row in &c.rows {
                    let mut s = start.clone();
                    cat.places[row.place].target.apply(&mut s);
                    let after = validate(&s, &d).expect("still valid").estimate().emissions_kg.central;
                    assert_eq!(after, row.emissions_kg, "{} from {start:?}", cat.places[row.place].id);
                }
            }
        }
        // Selecting the current choice changes nothing, typed PUE included.
        let mut s = starts[1].clone();
        Target::Region { provider: "aws".into(), region: "us-east-1".into() }.apply(&mut s);
        assert_eq!(s, starts[1]);
        // Between on-premises zones the typed PUE stays.
        let mut s = starts[2].clone();
        Target::Zone("SE".into()).apply(&mut s);
        assert_eq!((s.location, s.zone.as_str(), s.pue.as_str()), (LocationMode::Zone, "SE", "1.4"));
    }

    #[test]
    fn ids_round_trip_and_scaling() {
        let d = data();
        let cat = Catalogue::new(&d);
        for (i, p) in cat.places.iter().enumerate() {
            assert_eq!(cat.find_id(&p.id), Some(i));
        }
        assert_eq!(cat.find_id("aws:nowhere-1"), None);
        assert_eq!(cat.find_id(""), None);
        assert_eq!(bar_fraction(5.0, 20.0), 0.25);
        assert_eq!(bar_fraction(20.0, 20.0), 1.0);
        assert_eq!(bar_fraction(0.0, 20.0), 0.0);
        assert_eq!(bar_fraction(1.0, 0.0), 0.0);
        assert_eq!(bar_fraction(f64::NAN, 1.0), 0.0);
        assert_eq!(saving_percent(0.99999), "99.9 %");
        assert_eq!(saving_percent(1.0), "100 %");
        assert_eq!(saving_percent(0.8666666), "86.7 %");
    }

    #[test]
    fn table_sorting() {
        let d = data();
        let cat = Catalogue::new(&d);
        let s = form(LocationMode::Cloud, "aws", "us-east-1", "");
        let job = validate(&s, &d).expect("valid");
        let mut c = compare(&cat, &job, &s, &Query::scope(Scope::Provider("aws".into())));
        sort_rows(&cat, &mut c.rows, Column::Name, false);
        assert_eq!(ids(&cat, &c), ["aws:ap-south-1", "aws:eu-north-1", "aws:eu-west-3", "aws:us-east-1"]);
        sort_rows(&cat, &mut c.rows, Column::Emissions, true);
        assert_eq!(ids(&cat, &c), ["aws:ap-south-1", "aws:us-east-1", "aws:eu-west-3", "aws:eu-north-1"]);
        // Equal PUE everywhere: ties fall back to emissions ascending.
        sort_rows(&cat, &mut c.rows, Column::Pue, true);
        assert_eq!(ids(&cat, &c), ["aws:eu-north-1", "aws:eu-west-3", "aws:us-east-1", "aws:ap-south-1"]);
        sort_rows(&cat, &mut c.rows, Column::Continent, false);
        assert_eq!(ids(&cat, &c)[0], "aws:ap-south-1");
    }

    #[test]
    fn embedded_tables_cover_every_region_and_zone() {
        let d = Dataset::embedded().expect("embedded tables");
        let cat = Catalogue::new(d);
        assert_eq!(cat.places.len(), d.regions.len() + d.zones.len());
        let s = FormState { hardware: CUSTOM.into(), custom_power_w: "1000".into(), ..FormState::default() };
        let job = validate(&s, d).expect("valid");
        let c = compare(&cat, &job, &s, &Query::scope(Scope::AllProviders));
        assert_eq!(c.rows.len(), d.regions.len());
        assert!(c.rows.windows(2).all(|w| w[0].emissions_kg <= w[1].emissions_kg));
        // The default choice (aws us-east-1) is current and matches the estimate exactly.
        let cur = c.rows.iter().find(|r| r.current).expect("current in view");
        assert_eq!(cur.emissions_kg, job.estimate().emissions_kg.central);
    }
}
