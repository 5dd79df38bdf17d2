//! The app's one state: the project. Every run, the one shown in the
//! calculator and the project's name live in one signal; everything the page
//! shows is derived from it. It is evaluated once per change of its runs into
//! [`AppState::totals`], which the results, the ledger, the phase chart, the
//! region comparison, the statement and the export all read.
//!
//! Writes go through the methods of [`AppState`] (the write half of the signal
//! is private); those that can change a run also notify the one trigger the
//! totals follow, so renaming the project or showing another run evaluates
//! nothing. Components read through memos that only notify when their slice
//! changed: the value of one field, the active run's form, its outcome, a
//! ledger row. So typing a duration re-evaluates the project once, and does not
//! rebuild the hardware list or a ledger row whose numbers did not change.
//!
//! The state is provided to every component with `provide_context`
//! ([`AppState::provide`]) and read with [`use_app`].

use emissions_core::compare::Catalogue;
use emissions_core::data::Dataset;
use emissions_core::fields::FieldId;
use emissions_core::form::FormState;
use emissions_core::job::Errors;
use emissions_core::method::{self, FactorRef};
use emissions_core::project::{self, Project, ProjectTotals, Run, RunKind, RunOutcome};
use leptos::prelude::*;
use std::sync::OnceLock;

/// What the run shown in the calculator is estimated from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Hardware,
    Requests,
    Measured,
}

impl Kind {
    fn of(run: &Run) -> Kind {
        match run.kind {
            RunKind::Hardware => Kind::Hardware,
            RunKind::PerRequest(_) => Kind::Requests,
            RunKind::Measured(_) => Kind::Measured,
        }
    }
}

/// Handles shared by every component (all `Copy`).
#[derive(Clone, Copy)]
pub struct AppState {
    pub data: &'static Dataset,
    /// The project, read-only: write it through the methods below.
    pub project: ReadSignal<Project>,
    write: WriteSignal<Project>,
    /// Notified by every write that may change a run (all but the project's name).
    runs_changed: Trigger,
    /// Every run evaluated, and the totals: one evaluation per change of the runs
    /// (renaming the project evaluates nothing).
    pub totals: Memo<ProjectTotals>,
    /// Index of the run shown in the calculator.
    pub active: Memo<usize>,
    pub run_count: Memo<usize>,
    /// What the run shown is estimated from.
    pub kind: Memo<Kind>,
    /// The form of the run shown.
    pub active_form: Memo<FormState>,
    /// The outcome of the run shown (its job and estimate, or a message per field),
    /// taken from `totals`.
    pub outcome: Memo<Result<RunOutcome, Errors>>,
}

/// The state provided by [`AppState::provide`].
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// The state of a page that opens `initial` (read from the address or storage
    /// before anything is drawn), provided to every component below.
    pub fn provide(data: &'static Dataset, initial: Project) -> AppState {
        let (project, write) = signal(initial);
        let runs_changed = Trigger::new();
        let totals = Memo::new(move |_| {
            runs_changed.track();
            project.with_untracked(|p| project::evaluate(p, data))
        });
        let active = Memo::new(move |_| project.with(Project::active));
        let run_count = Memo::new(move |_| project.with(Project::len));
        let kind = Memo::new(move |_| project.with(|p| Kind::of(p.active_run())));
        let active_form = Memo::new(move |_| project.with(|p| p.active_run().form.clone()));
        let outcome = Memo::new(move |_| {
            let i = active.get();
            totals.with(|t| t.runs.get(i).cloned()).unwrap_or_else(|| Err(Errors::new()))
        });
        let app =
            AppState { data, project, write, runs_changed, totals, active, run_count, kind, active_form, outcome };
        provide_context(app);
        app
    }

    // ---- reads -------------------------------------------------------------------

    /// The raw text of one field of the run shown, as typed.
    pub fn field(&self, id: FieldId) -> Memo<String> {
        let project = self.project;
        Memo::new(move |_| project.with(|p| p.active_run().get(id).unwrap_or_default().to_string()))
    }

    /// The message on one field of the run shown, if any.
    pub fn error(&self, id: FieldId) -> Memo<Option<String>> {
        let outcome = self.outcome;
        Memo::new(move |_| outcome.with(|o| o.as_ref().err().and_then(|e| e.get(&id).cloned())))
    }

    /// A slice of the form of the run shown, notifying only when it changes.
    pub fn form_slice<T>(&self, f: impl Fn(&FormState) -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let project = self.project;
        Memo::new(move |_| project.with(|p| f(&p.active_run().form)))
    }

    /// A slice of run `i` (`None` once there is no such run).
    pub fn run_slice<T>(&self, i: usize, f: impl Fn(&Run) -> T + Send + Sync + 'static) -> Memo<Option<T>>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let project = self.project;
        Memo::new(move |_| project.with(|p| p.run(i).map(&f)))
    }

    /// The job of the run shown, when it is estimated from hardware and valid.
    pub fn job(&self) -> Memo<Option<emissions_core::job::Job>> {
        let outcome = self.outcome;
        Memo::new(move |_| outcome.with(|o| o.as_ref().ok().and_then(RunOutcome::job).cloned()))
    }

    /// Whether the headline adds the hardware's manufacturing share.
    pub fn include_embodied(&self) -> Memo<bool> {
        let project = self.project;
        Memo::new(move |_| project.with(|p| p.include_embodied))
    }

    /// The factor-table cells the worked calculation of the run shown uses
    /// (`method::RunMethod::table_refs`), for the links beside its figures.
    pub fn table_refs(&self) -> Memo<Vec<FactorRef>> {
        let (project, totals, data) = (self.project, self.totals, self.data);
        Memo::new(move |_| {
            totals.with(|t| {
                project.with(|p| {
                    method::of_active(p, t, data)
                        .map(|m| m.table_refs().into_iter().cloned().collect())
                        .unwrap_or_default()
                })
            })
        })
    }

    // ---- writes ------------------------------------------------------------------

    /// Change the runs with `f`, which says whether it changed anything; nothing is
    /// notified (or evaluated) when it did not.
    fn change(&self, f: impl FnOnce(&mut Project) -> bool) {
        let changed = self
            .write
            .try_maybe_update(|p| {
                let changed = f(p);
                (changed, changed)
            })
            .unwrap_or(false);
        if changed {
            self.runs_changed.notify();
        }
    }

    /// Edit the run shown in the calculator.
    pub fn edit_run(&self, f: impl FnOnce(&mut Run)) {
        self.change(|p| {
            f(p.active_run_mut());
            true
        });
    }

    /// Edit the form of the run shown.
    pub fn edit_form(&self, f: impl FnOnce(&mut FormState)) {
        self.edit_run(|r| f(&mut r.form));
    }

    /// Set one field of the run shown, as typed. Nothing changes (and nothing is
    /// re-evaluated) when the value is the same, or a choice cannot be read (the
    /// form only offers valid ones).
    pub fn set_field(&self, id: FieldId, value: String) {
        self.change(|p| {
            let run = p.active_run_mut();
            run.get(id) != Some(value.as_str()) && run.set(id, &value).is_ok()
        });
    }

    /// [`AppState::set_field`] as a callback, for inputs.
    pub fn setter(&self, id: FieldId) -> Callback<String> {
        let app = *self;
        Callback::new(move |v: String| app.set_field(id, v))
    }

    /// Edit run `i` of the ledger (nothing happens if there is none).
    pub fn edit_run_at(&self, i: usize, f: impl FnOnce(&mut Run)) {
        self.change(|p| p.run_mut(i).map(f).is_some());
    }

    /// Show run `i` in the calculator (the runs, and so the totals, stay as they are).
    pub fn select(&self, i: usize) {
        self.write.maybe_update(|p| p.active() != i && p.select(i));
    }

    /// Add a run at the end and show it; its index.
    pub fn push(&self, run: Run) -> usize {
        let mut i = 0;
        self.change(|p| {
            i = p.push(run);
            true
        });
        i
    }

    /// Insert a copy of run `i` after it and show the copy.
    pub fn duplicate(&self, i: usize) {
        self.change(|p| p.duplicate(i).is_some());
    }

    /// Remove run `i` (never the last one); the run shown stays shown when it is another.
    pub fn remove(&self, i: usize) {
        self.change(|p| p.remove(i));
    }

    /// Add imported runs ([`Project::import`]: they replace a fresh project).
    pub fn import(&self, runs: Vec<Run>) {
        self.change(|p| {
            let any = !runs.is_empty();
            p.import(runs);
            any
        });
    }

    /// The basis of every zone's grid intensity (the whole project follows it).
    pub fn set_grid_basis(&self, basis: emissions_core::data::Basis) {
        self.change(|p| {
            let changed = p.grid_basis != basis;
            p.grid_basis = basis;
            changed
        });
    }

    /// Whether the headline adds the hardware's manufacturing share.
    pub fn set_include_embodied(&self, on: bool) {
        self.change(|p| {
            let changed = p.include_embodied != on;
            p.include_embodied = on;
            changed
        });
    }

    /// Rename the project: its runs, and so its totals, stay as they are.
    pub fn set_name(&self, name: String) {
        self.write.maybe_update(|p| {
            let changed = p.name != name;
            p.name = name;
            changed
        });
    }

    /// Replace the whole project (a link, a restored export, reset and undo).
    pub fn replace_project(&self, p: Project) {
        self.change(|old| {
            *old = p;
            true
        });
    }
}

/// Candidates of the region comparison, built on first use from the embedded
/// tables. There is one dataset per page (`Dataset::embedded`), so one
/// catalogue, shared by the region comparison and the advice.
pub fn catalogue(data: &'static Dataset) -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::new(data))
}
