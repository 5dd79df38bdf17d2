//! The output formats of the statement panel and the command-line tool, and
//! the one dispatch that renders any of them from an evaluated project. It sits
//! above [`crate::statement`] and [`crate::export`], which do not know each other.

use crate::data::Dataset;
use crate::project::{Project, ProjectTotals};
use crate::statement::{
    acl, bibtex, boamps, climate_card, eu_ai_act, hf, hf_body, latex, latex_runs, markdown, neurips, Facts,
    StatementError,
};

/// The output formats of the statement panel and the command-line tool: the
/// statement itself (the first six) and the disclosure targets filled from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Latex,
    Markdown,
    Text,
    Hf,
    Json,
    Bibtex,
    /// A booktabs table of the runs by phase, for the paper (LaTeX).
    LatexRuns,
    /// NeurIPS paper checklist, item 8 "Experiments compute resources" (LaTeX).
    Neurips,
    /// ACL Rolling Review Responsible NLP checklist, item C1 (plain text).
    Acl,
    /// The "Environmental Impact" section of the Hugging Face model card body (Markdown).
    HfBody,
    /// A whole Hugging Face README.md: the YAML front matter and that section.
    HfCard,
    /// Climate performance model card (Hershcovich et al., 2022), Markdown table.
    Climate,
    /// The same card as a LaTeX (booktabs) table.
    ClimateLatex,
    /// EU AI Act model documentation, energy and compute items (a draft, Markdown).
    EuAiAct,
    /// BoAmps energy report (Boavizta), JSON.
    Boamps,
}

/// Where a text goes: the statement panel's first choice, each with its formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Destination {
    /// The paper: the LaTeX paragraph and its BibTeX, the runs table, the checklists.
    Paper,
    /// A model card: the Hugging Face card (whole, body, metadata) and the climate card.
    ModelCard,
    /// A regulator or registry: the EU AI Act items, BoAmps.
    Report,
    /// The statement as Markdown or plain text, and the JSON export.
    Other,
}

impl Destination {
    pub const ALL: [Destination; 4] =
        [Destination::Paper, Destination::ModelCard, Destination::Report, Destination::Other];

    pub fn key(self) -> &'static str {
        match self {
            Destination::Paper => "paper",
            Destination::ModelCard => "model-card",
            Destination::Report => "report",
            Destination::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Destination::Paper => "Paper",
            Destination::ModelCard => "Model card",
            Destination::Report => "EU AI Act, BoAmps",
            Destination::Other => "Text, JSON",
        }
    }

    /// Its formats, the most asked-for first (each format is in exactly one destination).
    pub fn formats(self) -> &'static [Format] {
        match self {
            Destination::Paper => {
                &[Format::Latex, Format::Bibtex, Format::LatexRuns, Format::Neurips, Format::Acl, Format::ClimateLatex]
            }
            Destination::ModelCard => &[Format::HfCard, Format::HfBody, Format::Hf, Format::Climate],
            Destination::Report => &[Format::EuAiAct, Format::Boamps],
            Destination::Other => &[Format::Markdown, Format::Text, Format::Json],
        }
    }

    /// The destination that holds `f`.
    pub fn of(f: Format) -> Destination {
        Destination::ALL.into_iter().find(|d| d.formats().contains(&f)).unwrap_or(Destination::Other)
    }
}

impl Format {
    pub const ALL: [Format; 15] = [
        Format::Latex,
        Format::Markdown,
        Format::Text,
        Format::Hf,
        Format::Json,
        Format::Bibtex,
        Format::LatexRuns,
        Format::Neurips,
        Format::Acl,
        Format::HfBody,
        Format::HfCard,
        Format::Climate,
        Format::ClimateLatex,
        Format::EuAiAct,
        Format::Boamps,
    ];

    /// Stable key: the CLI's `--format` value and the UI's tab id.
    pub fn key(self) -> &'static str {
        match self {
            Format::Latex => "latex",
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Hf => "hf",
            Format::Json => "json",
            Format::Bibtex => "bibtex",
            Format::LatexRuns => "latex-runs",
            Format::Neurips => "neurips",
            Format::Acl => "acl",
            Format::HfBody => "hf-body",
            Format::HfCard => "hf-card",
            Format::Climate => "climate",
            Format::ClimateLatex => "climate-tex",
            Format::EuAiAct => "eu-ai-act",
            Format::Boamps => "boamps",
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
            Format::LatexRuns => "LaTeX table",
            Format::Neurips => "NeurIPS Q8",
            Format::Acl => "ACL C1",
            Format::HfBody => "HF card body",
            Format::HfCard => "HF model card",
            Format::Climate => "Climate card",
            Format::ClimateLatex => "Climate (TeX)",
            Format::EuAiAct => "EU AI Act",
            Format::Boamps => "BoAmps",
        }
    }

    /// What the text is, for messages ("Copied the NeurIPS checklist answer").
    pub fn description(self) -> &'static str {
        match self {
            Format::Latex => "the LaTeX paragraph",
            Format::Markdown => "the Markdown statement",
            Format::Text => "the plain-text statement",
            Format::Hf => "the Hugging Face metadata",
            Format::Json => "the JSON export",
            Format::Bibtex => "the BibTeX entries",
            Format::LatexRuns => "the LaTeX table of runs by phase",
            Format::Neurips => "the NeurIPS checklist answer (item 8, compute)",
            Format::Acl => "the ACL checklist answer (C1)",
            Format::HfBody => "the model card's Environmental Impact section",
            Format::HfCard => "the Hugging Face model card",
            Format::Climate => "the climate performance model card",
            Format::ClimateLatex => "the climate performance model card (LaTeX)",
            Format::EuAiAct => "the EU AI Act energy and compute draft",
            Format::Boamps => "the BoAmps report",
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
            Format::LatexRuns => "emissions-runs-table.tex",
            Format::Neurips => "neurips-checklist-compute.tex",
            Format::Acl => "acl-checklist-c1.txt",
            Format::HfBody => "model-card-environmental-impact.md",
            Format::HfCard => "README.md",
            Format::Climate => "climate-performance-model-card.md",
            Format::ClimateLatex => "climate-performance-model-card.tex",
            Format::EuAiAct => "eu-ai-act-energy-compute-DRAFT.md",
            Format::Boamps => "emissions-boamps-report.json",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Latex => "application/x-tex;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Text => "text/plain;charset=utf-8",
            Format::Hf => "application/yaml;charset=utf-8",
            Format::Json | Format::Boamps => "application/json;charset=utf-8",
            Format::Bibtex => "application/x-bibtex;charset=utf-8",
            Format::LatexRuns | Format::Neurips | Format::ClimateLatex => "application/x-tex;charset=utf-8",
            Format::Acl => "text/plain;charset=utf-8",
            Format::HfBody | Format::HfCard | Format::Climate | Format::EuAiAct => "text/markdown;charset=utf-8",
        }
    }

    /// The format named by a key or a common alias ("tex", "md", "yaml", "bib", "model-card").
    pub fn from_key(key: &str) -> Option<Format> {
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "tex" => Some(Format::Latex),
            "md" => Some(Format::Markdown),
            "txt" | "plain" => Some(Format::Text),
            "yaml" | "huggingface" | "hugging-face" => Some(Format::Hf),
            "bib" => Some(Format::Bibtex),
            "runs-table" | "latex-table" => Some(Format::LatexRuns),
            "neurips-checklist" => Some(Format::Neurips),
            "acl-checklist" | "acl-c1" => Some(Format::Acl),
            "model-card" | "readme" => Some(Format::HfCard),
            "climate-card" | "climate-md" => Some(Format::Climate),
            "climate-latex" => Some(Format::ClimateLatex),
            "eu" | "ai-act" | "eu-ai-act-draft" => Some(Format::EuAiAct),
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
        Format::LatexRuns => latex_runs::render(&facts()?),
        Format::Neurips => neurips::render(&facts()?),
        Format::Acl => acl::render(&facts()?),
        Format::HfBody => hf_body::render(&facts()?),
        Format::HfCard => hf_body::card(&facts()?),
        Format::Climate => climate_card::markdown(&facts()?),
        Format::ClimateLatex => climate_card::latex(&facts()?),
        Format::EuAiAct => eu_ai_act::render(&facts()?),
        Format::Boamps => boamps::render(&facts()?),
    })
}

/// [`render`] for a project not evaluated yet (the CLI, tests).
pub fn render_project(format: Format, project: &Project, data: &Dataset) -> Result<String, StatementError> {
    render(format, project, &crate::project::evaluate(project, data))
}
