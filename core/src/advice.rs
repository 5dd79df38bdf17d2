//! "What would cut this most?": a short ranked list computed from the user's
//! own evaluated project, never generic tips. Each item is left out when it
//! does not apply.
//!
//! - [`Kind::Region`]: every run estimated from hardware or requests moved to
//!   the cleanest place of its scope (its provider's regions for a cloud run,
//!   every country and grid zone for an on-premises run), on the project's grid
//!   basis. Each run's figures come from [`compare::compare`], the region
//!   comparison's own function, so they equal that view's bars and advice: the
//!   saving of a run is the comparison's saving × the run's repeat count.
//! - [`Kind::Hardware`]: every run with compute facts on the accelerator that
//!   does its work with the least emissions, at the same MFU, from
//!   [`crate::compare_hardware::compare_hardware`] (the "which hardware" view).
//! - [`Kind::Overhead`]: the share of the project in exploration,
//!   hyperparameter search and failed runs ([`Phase::is_overhead`]) and what a
//!   stated reduction saves: half the trials of every search that repeats (a
//!   random search of half as many trials), or else half of that share.
//! - [`Kind::ProviderCfe`]: the provider's carbon-free-energy claim for a
//!   region the project uses. It is market-based, so it is kept apart in
//!   [`Advice::market`] and no saving is counted against the location-based
//!   total.
//!
//! Savings are of the project as entered, item by item: they do not add up
//! (a run moved to a cleaner region saves less from new hardware).
//! Fractions are of the project's operational emissions (central value), the
//! figure of the results: the manufacturing share is not changed by any item.
//!
//! Longer than 450 lines because each of the four kinds of advice computes its saving from the
//! evaluated project in its own function, with the rules for leaving it out; they share the ranking
//! and the sentence builder below them.

use crate::compare::{self, Catalogue, Scope};
use crate::compare_hardware as hw;
use crate::data::{Basis, Dataset, Precision, Source};
use crate::form::{FormState, LocationMode};
use crate::format;
use crate::job::{HardwareUse, Job};
use crate::project::{Detail, Phase, Project, ProjectTotals, RequestsUse, RunOutcome};
use crate::text;
use serde::Serialize;

/// The share of a search's trials kept by the suggested reduction: half,
/// rounded up (a 50-trial search becomes 25 trials, a 3-trial one 2).
pub fn kept_trials(trials: u32) -> u32 {
    trials.div_ceil(2)
}

/// Share of the overhead avoided by the suggested reduction when no search repeats.
pub const OVERHEAD_CUT: f64 = 0.5;

/// What an empty list of location-based items says: what was looked for.
pub const NOTHING_FOUND: &str = "No saving found from this project's own numbers: no cleaner place in any run's scope, no more efficient accelerator for a run whose work is known, no runs outside the final model (measured runs are not compared).";

/// Items are counted from the project as entered, one at a time.
pub const NOT_ADDITIVE: &str = "Each saving is counted from the project as entered: they do not add up.";

/// What an item is about: its stable key is [`Kind::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Region,
    Hardware,
    Overhead,
    ProviderCfe,
}

impl Kind {
    /// "region", "hardware", "overhead", "provider_cfe".
    pub fn key(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Hardware => "hardware",
            Kind::Overhead => "overhead",
            Kind::ProviderCfe => "provider_cfe",
        }
    }
}

/// One run's part in an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunPart {
    /// Index into [`Project::runs`].
    pub run: usize,
    /// The run's operational emissions as entered (repeat count included), kg.
    pub current_kg: f64,
    /// What the item saves on this run, kg (repeat count included); None for a
    /// market-based claim.
    pub saving_kg: Option<f64>,
    /// Where the item points for this run: a place id of the region comparison
    /// ([`compare::Target::id`]: "aws:ca-central-1", "FR"), a hardware id, or
    /// the run's own region for a market-based claim.
    pub target: Option<String>,
    /// That target in words ("Amazon Web Services ca-central-1 (Quebec, Canada)").
    pub target_name: String,
}

/// The reduction an overhead item counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Reduction {
    /// Every hyperparameter search that repeats keeps [`kept_trials`] of its
    /// trials; `run` is the largest such search.
    HalveSearchTrials { run: usize, trials: u32, kept: u32, searches: usize },
    /// [`OVERHEAD_CUT`] of the overhead runs' emissions avoided.
    CutOverhead { fraction: f64 },
}

/// What the UI needs to open the view behind an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Link {
    /// The region comparison of run `run` with `place` (a [`compare::Target::id`]) in view.
    Region { run: usize, place: String, scope: String },
    /// The hardware comparison of run `run` with `hardware` (a `hardware.csv` id) in view.
    Hardware { run: usize, hardware: String, precision: Precision },
    /// These runs of the ledger.
    Runs { runs: Vec<usize> },
}

/// One line of advice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub kind: Kind,
    /// Short, imperative: "Run in Amazon Web Services ca-central-1".
    pub title: String,
    /// One sentence with the numbers.
    pub explanation: String,
    /// Location-based saving over the project as entered, kg CO2eq (central
    /// value); None for a market-based claim.
    pub saving_kg: Option<f64>,
    /// `saving_kg` ÷ the project's operational emissions (central value).
    pub saving_fraction: Option<f64>,
    /// The run the title names (the largest concerned), index into [`Project::runs`].
    pub run: usize,
    pub link: Link,
    /// Every run concerned, largest first.
    pub runs: Vec<RunPart>,
    /// What the figure assumes or mixes, when the view must say it (same MFU,
    /// a provider's own figure beside zone figures).
    pub caveat: Option<String>,
    /// The overhead item's facts: what it counts.
    pub reduction: Option<Reduction>,
    /// The overhead's emissions and share (overhead item), kg and fraction.
    pub overhead_kg: Option<f64>,
    pub overhead_fraction: Option<f64>,
    /// The claimed carbon-free-energy share, 0–1 (market-based item), and its source.
    pub cfe: Option<f64>,
    pub source: Option<Source>,
}

impl Item {
    fn new(kind: Kind, run: usize, link: Link, runs: Vec<RunPart>) -> Item {
        Item {
            kind,
            title: String::new(),
            explanation: String::new(),
            saving_kg: None,
            saving_fraction: None,
            run,
            link,
            runs,
            caveat: None,
            reduction: None,
            overhead_kg: None,
            overhead_fraction: None,
            cfe: None,
            source: None,
        }
    }
}

/// The advice for a project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    /// Location-based items, the largest saving first (ties in [`Kind`] order).
    pub items: Vec<Item>,
    /// Market-based claims, shown apart: no saving is counted.
    pub market: Vec<Item>,
    /// The project's operational emissions (central), kg: what fractions are of.
    pub total_kg: f64,
    /// The project's grid basis (every region figure is on it).
    pub basis: Basis,
    /// Runs left out because a field is invalid (as in the totals).
    pub invalid_runs: usize,
}

impl Advice {
    /// Every item, location-based first, then the market-based ones.
    pub fn all(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().chain(&self.market)
    }

    /// The advice as plain text: a numbered list, then the market-based claims apart.
    pub fn text(&self) -> String {
        let mut out = String::new();
        if self.items.is_empty() {
            out.push_str(NOTHING_FOUND);
            out.push('\n');
        }
        for (i, item) in self.items.iter().enumerate() {
            let saving = match (item.saving_kg, item.saving_fraction) {
                (Some(kg), Some(f)) => format!(" (−{} CO2eq, {})", format::mass_kg(kg), compare::saving_percent(f)),
                _ => String::new(),
            };
            out.push_str(&format!("{}. {}{saving}\n   {}\n", i + 1, item.title, item.explanation));
            if let Some(c) = &item.caveat {
                out.push_str(&format!("   {c}\n"));
            }
        }
        if !self.market.is_empty() {
            out.push_str("\nMarket-based, shown apart (not subtracted from the estimate):\n");
            for item in &self.market {
                out.push_str(&format!("- {}\n  {}\n", item.title, item.explanation));
            }
        }
        out
    }
}

/// The advice for `project`, from its evaluation `totals` (of the same project
/// on the same `data`) and the region catalogue of `data`.
pub fn advise(project: &Project, totals: &ProjectTotals, data: &Dataset, catalogue: &Catalogue) -> Advice {
    let total_kg = totals.emissions_kg.central;
    let runs: Vec<(usize, &RunOutcome)> =
        totals.runs.iter().enumerate().filter_map(|(i, o)| o.as_ref().ok().map(|o| (i, o))).collect();
    let ctx = Ctx { project, data, catalogue, total_kg, basis: project.grid_basis };
    let mut items: Vec<Item> = [ctx.region(&runs), ctx.hardware(&runs), ctx.overhead(&runs, totals)]
        .into_iter()
        .flatten()
        .filter(|i| i.saving_kg.is_some_and(|s| s > 0.0))
        .collect();
    items.sort_by(|a, b| {
        let (sa, sb) = (a.saving_kg.unwrap_or(0.0), b.saving_kg.unwrap_or(0.0));
        sb.total_cmp(&sa).then(a.kind.cmp(&b.kind))
    });
    let market = ctx.provider_cfe(&runs);
    Advice { items, market, total_kg, basis: project.grid_basis, invalid_runs: totals.invalid_runs }
}

struct Ctx<'a> {
    project: &'a Project,
    data: &'a Dataset,
    catalogue: &'a Catalogue,
    total_kg: f64,
    basis: Basis,
}

/// The job the region comparison compares for a run from requests: one
/// "device" drawing requests × Wh for one hour at full utilization, with the
/// run's place and PUE, so that the model's energy (W × h × PUE ÷ 1000) is
/// exactly requests × Wh per request × PUE ÷ 1000, the run's own arithmetic.
pub fn requests_job(r: &RequestsUse) -> Job {
    let wh = r.requests * r.wh_per_request;
    Job {
        hardware: HardwareUse {
            id: "requests".into(),
            name: "requests".into(),
            power_w: wh,
            power_basis: None,
            estimated: false,
            power_low_w: wh,
            power_high_w: wh,
            basis: r.basis.clone(),
            source: None,
        },
        devices: 1,
        hours: 1.0,
        utilization: 1.0,
        host: None,
        location: r.location.clone(),
        pue: r.pue.clone(),
        compute: None,
        lifetime_years: None,
    }
}

/// "this job" for a one-run project, else the run's label in quotation marks.
fn run_name(project: &Project, run: usize) -> String {
    if project.len() == 1 {
        "this job".to_string()
    } else {
        project.run(run).map_or_else(|| format!("run {}", run + 1), |r| text::quote(&r.label, 40))
    }
}

fn fraction(saving: f64, total: f64) -> Option<f64> {
    (total > 0.0).then(|| saving / total)
}

/// Largest first, then in ledger order.
fn by_size(parts: &mut [RunPart]) {
    parts.sort_by(|a, b| b.current_kg.total_cmp(&a.current_kg).then(a.run.cmp(&b.run)));
}

impl Ctx<'_> {
    fn form(&self, run: usize) -> &FormState {
        &self.project.runs()[run].form
    }

    fn region(&self, runs: &[(usize, &RunOutcome)]) -> Option<Item> {
        let mut parts = Vec::new();
        let mut other_basis = Vec::new();
        let mut scopes = Vec::new();
        for &(i, o) in runs {
            let form = self.form(i);
            let job = match &o.detail {
                Detail::Estimated { job, .. } => job.clone(),
                Detail::Requests(r) => requests_job(r),
                Detail::Measured(_) => continue,
            };
            let scope = match form.location {
                LocationMode::Cloud => Scope::Provider(form.provider.clone()),
                LocationMode::Zone | LocationMode::Custom => Scope::Zones,
            };
            let c = compare::compare(
                self.catalogue,
                &job,
                form,
                &compare::Query { basis: self.basis, ..compare::Query::scope(scope.clone()) },
            );
            let compare::Advice::Switch { row, saving_kg, .. } = c.advice else { continue };
            let place = &self.catalogue.places[c.rows[row].place];
            if let Some(kind) = c.current_basis {
                other_basis.push((i, kind));
            }
            scopes.push((i, scope));
            parts.push(RunPart {
                run: i,
                current_kg: o.emissions_kg.central,
                saving_kg: Some(saving_kg * f64::from(o.repeat)),
                target: Some(place.id.clone()),
                target_name: format!("{} ({})", place.title(), place.location),
            });
        }
        by_size(&mut parts);
        let first = parts.first()?;
        let saving: f64 = parts.iter().filter_map(|p| p.saving_kg).sum();
        let place_id = first.target.clone().unwrap_or_default();
        let scope_key = match scopes.iter().find(|(i, _)| *i == first.run) {
            Some((_, Scope::Provider(p))) => p.clone(),
            _ => "zones".into(),
        };
        let place = self.catalogue.find_id(&place_id).map(|k| &self.catalogue.places[k]);
        let mut item = Item::new(
            Kind::Region,
            first.run,
            Link::Region { run: first.run, place: place_id, scope: scope_key },
            parts.clone(),
        );
        let pct = fraction(saving, self.total_kg);
        item.saving_kg = Some(saving);
        item.saving_fraction = pct;
        item.title = match place {
            Some(p) if p.is_region() => format!("Run in {}", p.title()),
            Some(p) => format!("Run on the grid of {}", p.title()),
            None => "Run in a cleaner place".into(),
        };
        let share =
            pct.map_or(String::new(), |f| format!(", {} of the project's emissions", compare::saving_percent(f)));
        let cloud = scopes.iter().filter(|(_, s)| matches!(s, Scope::Provider(_))).count();
        let where_to = if cloud == scopes.len() {
            "the cleanest region of its provider"
        } else if cloud == 0 {
            "the cleanest country or grid zone"
        } else {
            "the cleanest place of its scope (its provider's regions in the cloud, every country and grid zone on premises)"
        };
        item.explanation = if parts.len() == 1 {
            format!(
                "On {} grid intensities, running {} in {} instead would save {} CO2eq{share}.",
                self.basis.label(),
                run_name(self.project, first.run),
                first.target_name,
                format::mass_kg(saving),
            )
        } else {
            format!(
                "On {} grid intensities, running each of {} runs in {where_to} would save {} CO2eq{share}; for the largest, {}, that is {}.",
                self.basis.label(),
                parts.len(),
                format::mass_kg(saving),
                run_name(self.project, first.run),
                first.target_name,
            )
        };
        if let Some((i, kind)) = other_basis.first() {
            item.caveat = Some(format!(
                "The grid intensity of {} is {}; the places it is compared with use zone figures.",
                run_name(self.project, *i),
                kind.label()
            ));
        }
        Some(item)
    }

    fn hardware(&self, runs: &[(usize, &RunOutcome)]) -> Option<Item> {
        struct Found {
            part: RunPart,
            precision: Precision,
            /// The job's own device and the hours on each.
            current: String,
            best_time: String,
            current_time: String,
            devices: u32,
            mfu: f64,
        }
        let mut found = Vec::new();
        for &(i, o) in runs {
            let Some(job) = o.job() else { continue };
            let Some(c) = &job.compute else { continue };
            let q = hw::Query::new(c.peak.precision);
            let Ok(cmp) = hw::compare_hardware(self.data, job, &q) else { continue };
            let hw::Advice::Switch { row, saving_kg, .. } = cmp.advice else { continue };
            let best = &cmp.rows[row];
            let Some(current) = cmp.rows.iter().find(|r| r.current) else { continue };
            let id = best.hardware.and_then(|k| self.data.hardware.get(k)).map(|h| h.id.clone());
            found.push(Found {
                part: RunPart {
                    run: i,
                    current_kg: o.emissions_kg.central,
                    saving_kg: Some(saving_kg * f64::from(o.repeat)),
                    target: id,
                    target_name: best.name.clone(),
                },
                precision: c.peak.precision,
                current: current.name.clone(),
                best_time: hw::duration(best.wall_hours),
                current_time: hw::duration(current.wall_hours),
                devices: cmp.devices,
                mfu: cmp.mfu,
            });
        }
        found.sort_by(|a, b| b.part.current_kg.total_cmp(&a.part.current_kg).then(a.part.run.cmp(&b.part.run)));
        let first = found.first()?;
        let saving: f64 = found.iter().filter_map(|f| f.part.saving_kg).sum();
        let pct = fraction(saving, self.total_kg);
        let parts: Vec<RunPart> = found.iter().map(|f| f.part.clone()).collect();
        let mut item = Item::new(
            Kind::Hardware,
            first.part.run,
            Link::Hardware {
                run: first.part.run,
                hardware: first.part.target.clone().unwrap_or_default(),
                precision: first.precision,
            },
            parts,
        );
        item.saving_kg = Some(saving);
        item.saving_fraction = pct;
        let Found { current, best_time, current_time, devices: n, mfu, .. } = first;
        let best = &first.part.target_name;
        item.title = format!("Run on {best}");
        let share =
            pct.map_or(String::new(), |f| format!(", {} of the project's emissions", compare::saving_percent(f)));
        item.explanation = if found.len() == 1 {
            format!(
                "The same work on {n} × {best} instead of {n} × {current} would take {best_time} instead of {current_time} and save {} CO2eq{share}.",
                format::mass_kg(saving)
            )
        } else {
            format!(
                "The work of each of {} runs on the accelerator that does it with the least emissions would save {} CO2eq{share}; for the largest, {}, that is {n} × {best} instead of {n} × {current} ({best_time} instead of {current_time}).",
                found.len(),
                format::mass_kg(saving),
                run_name(self.project, first.part.run),
            )
        };
        item.caveat = Some(format!(
            "At the same MFU ({}) and number of devices, in the same place: a newer device often runs at a lower MFU.",
            format::percent(*mfu)
        ));
        Some(item)
    }

    fn overhead(&self, runs: &[(usize, &RunOutcome)], totals: &ProjectTotals) -> Option<Item> {
        let overhead_kg: f64 =
            totals.phases.iter().filter(|p| p.phase.is_overhead()).map(|p| p.emissions_kg.central).sum();
        if overhead_kg <= 0.0 {
            return None;
        }
        let overhead_runs: Vec<(usize, &RunOutcome)> =
            runs.iter().copied().filter(|(i, _)| self.project.runs()[*i].phase.is_overhead()).collect();
        let searches: Vec<(usize, &RunOutcome)> = overhead_runs
            .iter()
            .copied()
            .filter(|(i, o)| self.project.runs()[*i].phase == Phase::HyperparameterSearch && o.repeat > 1)
            .collect();
        let share = fraction(overhead_kg, self.total_kg);
        let share_text =
            share.map_or(String::new(), |f| format!(" ({} of the project's emissions)", format::percent(f)));
        let mut parts: Vec<RunPart>;
        let reduction;
        let explanation;
        let title;
        if searches.is_empty() {
            parts = overhead_runs
                .iter()
                .map(|(i, o)| RunPart {
                    run: *i,
                    current_kg: o.emissions_kg.central,
                    saving_kg: Some(o.emissions_kg.central * OVERHEAD_CUT),
                    target: None,
                    target_name: String::new(),
                })
                .collect();
            by_size(&mut parts);
            let saving: f64 = parts.iter().filter_map(|p| p.saving_kg).sum();
            reduction = Reduction::CutOverhead { fraction: OVERHEAD_CUT };
            title = "Spend less on runs that did not make the final model".to_string();
            explanation = format!(
                "Exploration, hyperparameter search and failed runs emitted {} CO2eq{share_text}; avoiding {} of them would save {} CO2eq.",
                format::mass_kg(overhead_kg),
                format::percent(OVERHEAD_CUT),
                format::mass_kg(saving)
            );
        } else {
            parts = searches
                .iter()
                .map(|(i, o)| {
                    let per_trial = o.emissions_kg.central / f64::from(o.repeat);
                    RunPart {
                        run: *i,
                        current_kg: o.emissions_kg.central,
                        saving_kg: Some(per_trial * f64::from(o.repeat - kept_trials(o.repeat))),
                        target: None,
                        target_name: format!("{} trials", kept_trials(o.repeat)),
                    }
                })
                .collect();
            by_size(&mut parts);
            let largest = parts[0].run;
            let trials = totals.runs[largest].as_ref().map_or(0, |o| o.repeat);
            let kept = kept_trials(trials);
            let saving: f64 = parts.iter().filter_map(|p| p.saving_kg).sum();
            reduction = Reduction::HalveSearchTrials { run: largest, trials, kept, searches: parts.len() };
            title = if parts.len() == 1 {
                format!("Search with {kept} trials instead of {trials}")
            } else {
                "Search with half the trials".to_string()
            };
            let which = if parts.len() == 1 {
                format!("the {trials}-trial search {}", run_name(self.project, largest))
            } else {
                format!(
                    "each of {} searches (the largest, {}, from {trials} to {kept} trials)",
                    parts.len(),
                    run_name(self.project, largest)
                )
            };
            let by = if parts.len() == 1 { format!(" by a random search of {kept} trials") } else { String::new() };
            explanation = format!(
                "Exploration, hyperparameter search and failed runs emitted {} CO2eq{share_text}; replacing half the trials of {which}{by} would save {} CO2eq, and random search has been found to match a grid search with fewer trials (Bergstra & Bengio, 2012), though whether it does depends on the search.",
                format::mass_kg(overhead_kg),
                format::mass_kg(saving)
            );
        }
        let saving: f64 = parts.iter().filter_map(|p| p.saving_kg).sum();
        let first = parts.first()?.run;
        let mut item = Item::new(
            Kind::Overhead,
            first,
            Link::Runs { runs: overhead_runs.iter().map(|(i, _)| *i).collect() },
            parts,
        );
        item.title = title;
        item.explanation = explanation;
        item.saving_kg = Some(saving);
        item.saving_fraction = fraction(saving, self.total_kg);
        item.reduction = Some(reduction);
        item.overhead_kg = Some(overhead_kg);
        item.overhead_fraction = share;
        Some(item)
    }

    /// One item per cloud region with a carbon-free-energy figure, the region
    /// with the largest emissions first.
    fn provider_cfe(&self, runs: &[(usize, &RunOutcome)]) -> Vec<Item> {
        let mut items: Vec<Item> = Vec::new();
        for &(i, o) in runs {
            let Some((location, _)) = o.site() else { continue };
            let (Some(cfe), LocationMode::Cloud) = (location.provider_cfe, self.form(i).location) else { continue };
            let form = self.form(i);
            let place = compare::Target::Region { provider: form.provider.clone(), region: form.region.clone() }.id();
            let part = RunPart {
                run: i,
                current_kg: o.emissions_kg.central,
                saving_kg: None,
                target: Some(place.clone()),
                target_name: location.label.clone(),
            };
            if let Some(item) = items.iter_mut().find(|it| it.runs[0].target.as_deref() == Some(place.as_str())) {
                item.runs.push(part);
                continue;
            }
            let provider = self.data.provider_label(&form.provider).to_string();
            let source = location.provider_figure.as_ref().map(|f| f.source.clone());
            let cited = source.as_ref().map_or(String::new(), |s| format!(" ({}, {})", s.name, s.year));
            let mut item = Item::new(
                Kind::ProviderCfe,
                i,
                Link::Region { run: i, place, scope: form.provider.clone() },
                vec![part],
            );
            item.title = format!("{provider}'s carbon-free energy in {}: {}", form.region, format::percent(cfe));
            item.explanation = format!(
                "{provider} reports matching {} of its hourly use in {} with carbon-free energy{cited}: a market-based figure, shown apart and not subtracted from the location-based estimate.",
                format::percent(cfe),
                form.region,
            );
            item.cfe = Some(cfe);
            item.source = source;
            items.push(item);
        }
        for item in &mut items {
            by_size(&mut item.runs);
            item.run = item.runs[0].run;
            if let Link::Region { run, .. } = &mut item.link {
                *run = item.run;
            }
        }
        let kg = |it: &Item| it.runs.iter().map(|p| p.current_kg).sum::<f64>();
        items.sort_by(|a, b| kg(b).total_cmp(&kg(a)).then(a.run.cmp(&b.run)));
        items
    }
}
