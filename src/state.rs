//! The app's shared state: the whole project, and the form of the run being edited.

use emissions_core::data::Dataset;
use emissions_core::form::{self, Errors, FormState, Job};
use emissions_core::project::{self, Project, ProjectTotals, Run, RunOutcome};
use leptos::prelude::*;

/// Handles shared by every component (all `Copy`).
#[derive(Clone, Copy)]
pub struct AppState {
    pub data: &'static Dataset,
    /// Every run of the project. `project.runs[active].form` mirrors `form`.
    pub project: RwSignal<Project>,
    /// The run being edited in the calculator.
    pub form: RwSignal<FormState>,
    /// Validation of `form`: the job, or a message per field.
    pub result: Memo<Result<Job, Errors>>,
    /// Totals over the whole project.
    pub totals: Memo<ProjectTotals>,
    /// The run being edited (with its label, phase, repeat, measured or per-request data).
    pub active_run: Memo<Run>,
    /// That run's outcome, including its repeat count.
    pub active_outcome: Memo<Result<RunOutcome, Errors>>,
}

impl AppState {
    pub fn new(data: &'static Dataset, initial: Project) -> AppState {
        let initial = initial.normalized();
        let form = RwSignal::new(initial.runs[initial.active].form.clone());
        let project = RwSignal::new(initial);
        let result = Memo::new(move |_| form.with(|f| form::validate(f, data)));
        let totals = Memo::new(move |_| project.with(|p| project::evaluate(p, data)));
        // Edits in the calculator flow into the project's active run.
        Effect::new(move |_| {
            let f = form.get();
            let differs = project.with_untracked(|p| p.runs.get(p.active).is_some_and(|r| r.form != f));
            if differs {
                project.update(|p| {
                    let a = p.active;
                    if let Some(run) = p.runs.get_mut(a) {
                        run.form = f;
                    }
                });
            }
        });
        let active_run = Memo::new(move |_| project.with(|p| p.runs.get(p.active).cloned().unwrap_or_default()));
        // The project totals already evaluated every run: take the active one from there.
        let active_outcome = Memo::new(move |_| {
            let active = project.with(|p| p.active);
            totals
                .with(|t| t.runs.get(active).cloned())
                .unwrap_or_else(|| active_run.with(|r| project::evaluate_run(r, data)))
        });
        AppState { data, project, form, result, totals, active_run, active_outcome }
    }

    /// Replace the whole project (import, permalink, reset) and show its active run.
    pub fn replace_project(&self, p: Project) {
        let p = p.normalized();
        let f = p.runs[p.active].form.clone();
        self.project.set(p);
        self.form.set(f);
    }

    /// Change the run being edited (label, phase, repeat, per-request data).
    pub fn update_active(&self, f: impl FnOnce(&mut Run)) {
        self.project.update(|p| {
            let a = p.active;
            if let Some(run) = p.runs.get_mut(a) {
                f(run);
            }
        });
    }

    /// Show run `i` in the calculator.
    pub fn select_run(&self, i: usize) {
        let f = self.project.try_update(|p| {
            if i < p.runs.len() {
                p.active = i;
            }
            p.runs.get(p.active).map(|r| r.form.clone())
        });
        if let Some(f) = f.flatten() {
            self.form.set(f);
        }
    }
}
