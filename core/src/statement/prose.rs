//! The statement's prose: one paragraph for a single run, or the totals, a
//! line per phase and a line per run for a project.

use super::doc::{Block, Line, Piece};
use super::facts::{Facts, RunFacts};
use super::phrases::*;
use super::MAX_LISTED_RUNS;
use crate::format;
use crate::project::Detail;

impl Facts {
    /// The statement as blocks of pieces, for LaTeX, Markdown and text.
    pub fn doc(&self) -> Vec<Block> {
        match self.single() {
            Some(run) => self.single_doc(run),
            None => self.project_doc(),
        }
    }

    fn single_doc(&self, run: &RunFacts) -> Vec<Block> {
        let mut blocks = Vec::new();
        let what = subject(self, &run.phase.label().to_lowercase());
        match &run.detail {
            Detail::Estimated { job, estimate } => {
                let (bands, unit, cites) = (&job.bands(), run.unit, &run.cites);
                let mut line =
                    calculator_line(Line::default().t(format!("We estimate the emissions of the {what} with ")))
                        .t(". ");
                line = if run.repeat > 1 {
                    hardware_phrase(
                        line.t(format!("Each of the {} runs{} used ", run.repeat, in_place(&job.location))),
                        job,
                        unit,
                        cites,
                    )
                } else {
                    hardware_phrase(line.t(format!("The job ran{} on ", in_place(&job.location))), job, unit, cites)
                };
                line = line.t(".");
                if let Some(c) = job.compute.as_ref().filter(|c| c.by_compute) {
                    line = compute_sentence(line, c, cites);
                }
                line = pue_phrase(line.t(" With "), &job.pue, cites);
                line = if run.repeat > 1 {
                    line.t(format!(
                        ", the {} runs used an estimated {} of electricity in total ({} per run)",
                        run.repeat,
                        energy_range(run.energy_kwh),
                        format::energy_kwh(estimate.energy_kwh.central)
                    ))
                } else {
                    line.t(format!(", it used an estimated {} of electricity", energy_range(run.energy_kwh)))
                };
                line =
                    intensity_phrase(line.t(". At a location-based grid carbon intensity of "), &job.location, cites);
                line = emissions(line.t(", this corresponds to emissions of "), run.emissions_kg).t(".");
                line = range_sentence(line, job, bands);
                blocks.push(Block::Para(line.done()));
            }
            Detail::Requests(requests) => {
                let cites = &run.cites;
                let mut line =
                    calculator_line(Line::default().t(format!("We estimate the emissions of the {what} with ")))
                        .t(format!(". It served{} ", in_place(&requests.location)));
                line = requests_phrase(line, requests);
                if run.repeat > 1 {
                    line = line.t(format!(", repeated {} times", run.repeat));
                }
                line = pue_phrase(line.t(". With "), &requests.pue, cites);
                line = line.t(format!(", it used an estimated {} of electricity", energy_range(run.energy_kwh)));
                line = intensity_phrase(
                    line.t(". At a location-based grid carbon intensity of "),
                    &requests.location,
                    cites,
                );
                line = emissions(line.t(", this corresponds to emissions of "), run.emissions_kg).t(".");
                line = line.t(format!(
                    " The range comes from the PUE range {}; the grid intensity is an annual average.",
                    band(requests.pue.low, requests.pue.high, format::plain)
                ));
                blocks.push(Block::Para(line.done()));
            }
            Detail::Measured(m) => {
                let mut line = measured_phrase(
                    Line::default().t(format!("The energy of the {what} was ")),
                    m,
                    run.repeat,
                    run.repeat == 1,
                );
                if run.repeat > 1 {
                    line = line.t(format!(
                        ". In total, over the {} runs: {} of electricity and ",
                        run.repeat,
                        format::energy_kwh(run.energy_kwh.central)
                    ));
                    line = emissions(line, run.emissions_kg);
                }
                line = line.t(". Compiled with ");
                line = calculator_line(line).t(".");
                blocks.push(Block::Para(line.done()));
            }
        }
        if let Some(e) = embodied_para(self) {
            blocks.push(Block::Para(e));
        }
        if let Some(cfe) = cfe_notes(self) {
            blocks.push(Block::Para(cfe));
        }
        blocks
    }

    fn project_doc(&self) -> Vec<Block> {
        let t = &self.totals;
        let n = self.run_count();
        let mut blocks = Vec::new();
        let what = subject(self, "computation behind the development");
        let mut line = calculator_line(Line::default().t(format!("We estimate the emissions of all the {what} with ")));
        line = line.t(format!(
            ": {} {} in {} {}. In total they used an estimated {} of electricity and emitted ",
            n,
            if n == 1 { "run" } else { "runs" },
            t.phases.len(),
            if t.phases.len() == 1 { "phase" } else { "phases" },
            energy_range(t.energy_kwh),
        ));
        line = emissions(line, t.emissions_kg).t(", location-based.");
        if !self.invalid.is_empty() {
            let labels: Vec<String> = self.invalid.iter().map(|r| quoted(&r.label)).collect();
            line = line.t(format!(
                " Left out because a field needs attention: {} ({}).",
                if labels.len() == 1 { "one run".to_string() } else { format!("{} runs", labels.len()) },
                labels.join(", ")
            ));
        }
        blocks.push(Block::Para(line.done()));

        let mut items: Vec<Vec<Piece>> = t
            .phases
            .iter()
            .map(|p| {
                let l = Line::default().t(format!(
                    "{} ({} {}): ",
                    p.phase.label(),
                    p.runs,
                    if p.runs == 1 { "run" } else { "runs" }
                ));
                emissions(l, p.emissions_kg).t(format!(", {}", format::energy_kwh(p.energy_kwh.central))).done()
            })
            .collect();
        let total = Line::default().t(format!("Total ({n} {}): ", if n == 1 { "run" } else { "runs" }));
        items
            .push(emissions(total, t.emissions_kg).t(format!(", {}", format::energy_kwh(t.energy_kwh.central))).done());
        blocks.push(Block::List(Line::default().t("By phase:").done(), items));

        let mut runs: Vec<_> = self
            .runs
            .iter()
            .take(MAX_LISTED_RUNS)
            .map(|r| {
                let mut line = Line::default().t(format!("{}, {}", r.phase.label(), quoted(&r.label)));
                if r.repeat > 1 {
                    line = line.t(format!(", {} runs, each", r.repeat));
                }
                line = line.t(": ");
                if let Some((l, _, _)) = r.site() {
                    if let Some(p) = place_phrase(l) {
                        line = line.t(format!("in {p}, "));
                    }
                }
                match &r.detail {
                    Detail::Estimated { job, .. } => {
                        let (bands, unit, cites) = (&job.bands(), r.unit, &r.cites);
                        line = hardware_phrase(line, job, unit, cites);
                        line = pue_phrase(line.t("; "), &job.pue, cites);
                        line = intensity_phrase(line.t("; grid intensity "), &job.location, cites);
                        line = line.t(format!("; energy {}; emissions ", energy_range(r.energy_kwh)));
                        line = emissions(line, r.emissions_kg);
                        line = line.t(if job.devices > 0 {
                            format!(
                                "; ranges from utilization {} and PUE {}.",
                                band(bands.utilization_low, bands.utilization_high, format::percent),
                                band(bands.pue_low, bands.pue_high, format::plain)
                            )
                        } else {
                            format!("; range from PUE {}.", band(bands.pue_low, bands.pue_high, format::plain))
                        });
                    }
                    Detail::Requests(requests) => {
                        let cites = &r.cites;
                        line = requests_phrase(line, requests);
                        line = pue_phrase(line.t("; "), &requests.pue, cites);
                        line = intensity_phrase(line.t("; grid intensity "), &requests.location, cites);
                        line = line.t(format!("; energy {}; emissions ", energy_range(r.energy_kwh)));
                        line = emissions(line, r.emissions_kg).t(format!(
                            "; range from PUE {}.",
                            band(requests.pue.low, requests.pue.high, format::plain)
                        ));
                    }
                    Detail::Measured(m) => {
                        line = measured_phrase(line, m, r.repeat, false);
                        line = line.t("; total ");
                        line = emissions(line, r.emissions_kg).t(".");
                    }
                }
                line.done()
            })
            .collect();
        if self.runs.len() > MAX_LISTED_RUNS {
            let more = self.runs.len() - MAX_LISTED_RUNS;
            runs.push(
                Line::default()
                    .t(format!(
                        "… and {} more {}, counted in the totals above; the JSON export lists every run.",
                        format::plain(more as f64),
                        if more == 1 { "run" } else { "runs" }
                    ))
                    .done(),
            );
        }
        blocks.push(Block::List(Line::default().t("Runs:").done(), runs));
        blocks.push(Block::Para(
            Line::default()
                .t("Energy = devices × power × utilization × hours × PUE (plus host CPU and memory where given), or requests × energy per request × PUE; emissions = energy × the location-based annual grid carbon intensity. Measured runs use the tracker's energy as recorded.")
                .done(),
        ));
        if let Some(e) = embodied_para(self) {
            blocks.push(Block::Para(e));
        }
        if let Some(cfe) = cfe_notes(self) {
            blocks.push(Block::Para(cfe));
        }
        blocks
    }
}
