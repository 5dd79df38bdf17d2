//! `ml-emissions estimate`: build the project the web form would hold (or
//! read an export), check every run with the core's validation, and render it.

use crate::args::{flag_of, EstimateArgs, Input, JsonSource, DAYS};
use crate::Usage;
use emissions_core::codecarbon;
use emissions_core::data::Dataset;
use emissions_core::export;
use emissions_core::fields::FieldId;
use emissions_core::form::DurationUnit;
use emissions_core::output;
use emissions_core::project::{self, Project, ProjectTotals, Run};
use emissions_core::text;
use std::io::Read;
use std::path::PathBuf;

/// The text to print and where (standard output when `None`).
pub struct Rendered {
    pub text: String,
    pub output: Option<PathBuf>,
}

pub fn run(args: EstimateArgs, data: &Dataset) -> Result<Rendered, Usage> {
    let (project, totals) = checked_project(args.input, data)?;
    let text = output::render(args.format, &project, &totals).map_err(|e| Usage(e.to_string()))?;
    if args.format == output::Format::Latex {
        if let Ok(facts) = emissions_core::statement::Facts::new(&project, &totals) {
            for w in emissions_core::statement::latex::warnings(&facts) {
                eprintln!("ml-emissions: warning: {w}");
            }
        }
    }
    Ok(Rendered { text, output: args.output })
}

/// The project the input describes, evaluated: every run must be valid, or
/// what is printed would leave runs out silently. Notes and warnings of an
/// import go to standard error.
pub fn checked_project(input: Input, data: &Dataset) -> Result<(Project, ProjectTotals), Usage> {
    let from_json = matches!(input, Input::Json(_));
    let project = match input {
        Input::Flags { project, settings, grid_basis, include_embodied } => {
            let mut run = Run::default();
            for (id, value) in &settings {
                // The flags were checked; a refusal here is a choice they let through.
                run.set(*id, value).map_err(|e| Usage(format!("{}: {e}", flag_of(*id))))?;
            }
            let mut p = Project::new(project, vec![run], 0);
            p.grid_basis = grid_basis;
            p.include_embodied = include_embodied;
            p
        }
        Input::CodeCarbon { files, apply_pue, phase, project } => {
            let texts: Vec<(String, String)> = files
                .iter()
                .map(|path| {
                    let text = std::fs::read(path).map_err(|e| Usage(format!("cannot read {path}: {e}")))?;
                    let text = String::from_utf8(text)
                        .map_err(|_| Usage(format!("{path} is not UTF-8 text: is it CodeCarbon's emissions.csv?")))?;
                    let name = std::path::Path::new(path)
                        .file_name()
                        .map_or(path.clone(), |n| n.to_string_lossy().into_owned());
                    Ok((name, text))
                })
                .collect::<Result<_, Usage>>()?;
            let sources: Vec<codecarbon::SourceFile> =
                texts.iter().map(|(name, text)| codecarbon::SourceFile { name, text }).collect();
            let report = codecarbon::import_files(&sources, &codecarbon::ImportOptions { phase, apply_pue })
                .map_err(|e| Usage(e.to_string()))?;
            eprintln!("ml-emissions: note: {}", report.summary());
            for w in &report.warnings {
                eprintln!("ml-emissions: warning: {}", w.message);
            }
            if report.runs.len() > export::MAX_RUNS {
                return Err(Usage(format!(
                    "{} runs: a project holds at most {} runs (split the files)",
                    report.runs.len(),
                    export::MAX_RUNS
                )));
            }
            Project::new(project, report.runs, 0)
        }
        Input::Json(source) => {
            let text = read_input(&source)?;
            let imported = export::import_json(&text).map_err(|e| Usage(format!("{}: {e}", source.name())))?;
            for note in &imported.notes {
                eprintln!("ml-emissions: note: {note}");
            }
            imported.project
        }
    };

    let totals = project::evaluate(&project, data);
    let mut problems = Vec::new();
    for (i, (run, outcome)) in project.runs().iter().zip(&totals.runs).enumerate() {
        if let Err(errors) = outcome {
            let lead = if project.len() > 1 || from_json {
                format!("run {} (“{}”): ", i + 1, text::clean(&run.label))
            } else {
                String::new()
            };
            for (id, msg) in errors {
                // A file is fixed by its keys, flags by their names.
                let name = if from_json { id.key().to_string() } else { flag_for(*id, run) };
                problems.push(format!("  {lead}{name}: {msg}"));
            }
        }
    }
    if !problems.is_empty() {
        return Err(Usage(format!("the input needs attention:\n{}", problems.join("\n"))));
    }
    Ok((project, totals))
}

/// The flag that set a field: the registry's, except a duration given in days.
fn flag_for(id: FieldId, run: &Run) -> String {
    if id == FieldId::Duration && run.form.unit == DurationUnit::Days {
        format!("--{DAYS}")
    } else {
        flag_of(id)
    }
}

/// The export, at most [`export::MAX_IMPORT_BYTES`] (and one more, so that the
/// import can say it is too large).
fn read_input(source: &JsonSource) -> Result<String, Usage> {
    let name = source.name();
    let cannot = |e: std::io::Error| Usage(format!("cannot read {name}: {e}"));
    let too_big = |e: export::ImportError| Usage(format!("{name}: {e}"));
    let mut bytes = Vec::new();
    let limit = export::MAX_IMPORT_BYTES as u64 + 1;
    match source {
        JsonSource::Stdin => {
            let mut stdin = std::io::stdin().lock();
            (&mut stdin).take(limit).read_to_end(&mut bytes).map_err(cannot)?;
            if bytes.len() as u64 == limit {
                // Count the rest, so the message gives the real size.
                let rest = std::io::copy(&mut stdin, &mut std::io::sink()).map_err(cannot)?;
                export::check_size(limit + rest).map_err(too_big)?;
            }
        }
        JsonSource::File(path) => {
            let size = std::fs::metadata(path).map_err(cannot)?.len();
            export::check_size(size).map_err(too_big)?;
            std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes)).map_err(cannot)?;
        }
    }
    String::from_utf8(bytes).map_err(|_| Usage(format!("{name} is not UTF-8 text: is it an exported .json file?")))
}
