//! The output formats of the statement panel and the command-line tool, and
//! the one dispatch that renders any of them from an evaluated project. It sits
//! above [`crate::statement`] and [`crate::export`], which do not know each other.

use crate::data::Dataset;
use crate::project::{Project, ProjectTotals};
use crate::statement::{bibtex, hf, latex, markdown, Facts, StatementError};

/// The output formats of the statement panel and the command-line tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Latex,
    Markdown,
    Text,
    Hf,
    Json,
    Bibtex,
}

impl Format {
    pub const ALL: [Format; 6] =
        [Format::Latex, Format::Markdown, Format::Text, Format::Hf, Format::Json, Format::Bibtex];

    /// Stable key: the CLI's `--format` value and the UI's tab id.
    pub fn key(self) -> &'static str {
        match self {
            Format::Latex => "latex",
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Hf => "hf",
            Format::Json => "json",
            Format::Bibtex => "bibtex",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Latex => "LaTeX",
            Format::Markdown => "Markdown",
            Format::Text => "Plain text",
            Format::Hf => "Hugging Face",
            Format::Json => "JSON",
            Format::Bibtex => "BibTeX",
        }
    }

    /// File name for downloads.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Latex => "emissions-statement.tex",
            Format::Markdown => "emissions-statement.md",
            Format::Text => "emissions-statement.txt",
            Format::Hf => "emissions-model-card.yaml",
            Format::Json => "emissions-estimate.json",
            Format::Bibtex => "emissions-references.bib",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Latex => "application/x-tex;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Text => "text/plain;charset=utf-8",
            Format::Hf => "application/yaml;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
            Format::Bibtex => "application/x-bibtex;charset=utf-8",
        }
    }

    /// The format named by a key or a common alias ("tex", "md", "yaml", "bib").
    pub fn from_key(key: &str) -> Option<Format> {
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "tex" => Some(Format::Latex),
            "md" => Some(Format::Markdown),
            "txt" | "plain" => Some(Format::Text),
            "yaml" | "huggingface" | "hugging-face" => Some(Format::Hf),
            "bib" => Some(Format::Bibtex),
            k => Format::ALL.into_iter().find(|f| f.key() == k),
        }
    }
}

/// Render `project`, evaluated as `totals`, in `format`. The JSON export works
/// for any project (it saves the state as entered); the other formats need at
/// least one run without errors.
pub fn render(format: Format, project: &Project, totals: &ProjectTotals) -> Result<String, StatementError> {
    let facts = || Facts::new(project, totals);
    Ok(match format {
        Format::Json => crate::export::export_json(project, totals),
        Format::Latex => latex::render(&facts()?),
        Format::Markdown => markdown::render(&facts()?, markdown::Style::Markdown),
        Format::Text => markdown::render(&facts()?, markdown::Style::Text),
        Format::Hf => hf::render(&facts()?),
        Format::Bibtex => bibtex::render(&facts()?),
    })
}

/// [`render`] for a project not evaluated yet (the CLI, tests).
pub fn render_project(format: Format, project: &Project, data: &Dataset) -> Result<String, StatementError> {
    render(format, project, &crate::project::evaluate(project, data))
}
