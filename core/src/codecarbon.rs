//! Import of CodeCarbon's `emissions.csv` (the file its tracker writes) into
//! ledger runs. Columns are mapped by header name, so older files with fewer
//! columns import too. CodeCarbon's energy already includes its PUE and its
//! emissions are in kg: both are kept as measured, never recomputed.

use crate::project::{MeasuredRun, Phase, Run, RunKind};
use std::fmt;

/// Largest file accepted, in rows: beyond this the page would not stay responsive.
pub const MAX_ROWS: usize = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    /// 1-based line in the file; 0 when the problem is not on one line.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "Line {}: {}", self.line, self.message)
        }
    }
}

fn err(line: usize, message: impl Into<String>) -> ImportError {
    ImportError { line, message: message.into() }
}

struct Columns {
    duration: usize,
    emissions: usize,
    energy: usize,
    project: Option<usize>,
    run_id: Option<usize>,
    timestamp: Option<usize>,
    country: Option<usize>,
    region: Option<usize>,
    cloud_provider: Option<usize>,
    cloud_region: Option<usize>,
    gpu_count: Option<usize>,
    gpu_model: Option<usize>,
    cpu_model: Option<usize>,
    version: Option<usize>,
}

/// Parse a whole file into runs, all or nothing: on any error nothing is returned.
pub fn parse_emissions_csv(text: &str, phase: Phase) -> Result<Vec<Run>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| err(1, format!("the header row cannot be read ({e})")))?.clone();
    let find = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let need = |name: &str| {
        find(name).ok_or_else(|| {
            err(1, format!("no “{name}” column: this does not look like CodeCarbon's emissions.csv (it needs duration, emissions and energy_consumed)"))
        })
    };
    let cols = Columns {
        duration: need("duration")?,
        emissions: need("emissions")?,
        energy: need("energy_consumed")?,
        project: find("project_name"),
        run_id: find("run_id"),
        timestamp: find("timestamp"),
        country: find("country_name"),
        region: find("region"),
        cloud_provider: find("cloud_provider"),
        cloud_region: find("cloud_region"),
        gpu_count: find("gpu_count"),
        gpu_model: find("gpu_model"),
        cpu_model: find("cpu_model"),
        version: find("codecarbon_version"),
    };

    let mut runs = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = record.as_ref().ok().and_then(|r| r.position()).map(|p| p.line() as usize).unwrap_or(i + 2);
        let record = record.map_err(|e| match e.kind() {
            csv::ErrorKind::UnequalLengths { pos, expected_len, len } => err(
                pos.as_ref().map(|p| p.line() as usize).unwrap_or(i + 2),
                format!("{len} fields where the header has {expected_len}"),
            ),
            csv::ErrorKind::Utf8 { pos, .. } => {
                err(pos.as_ref().map(|p| p.line() as usize).unwrap_or(i + 2), "the text is not valid UTF-8")
            }
            _ => err(i + 2, format!("cannot be read ({e})")),
        })?;
        if runs.len() >= MAX_ROWS {
            return Err(err(line, format!("more than {MAX_ROWS} rows: split the file")));
        }
        let text = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_string();
        let number = |c: usize, name: &str, max: f64| -> Result<f64, ImportError> {
            let raw = record.get(c).unwrap_or("");
            let v: f64 = raw
                .parse()
                .map_err(|_| err(line, format!("{name} “{}” is not a number", crate::text::clip(raw, 20))))?;
            if !v.is_finite() || v < 0.0 {
                return Err(err(line, format!("{name} must be a finite, non-negative number")));
            }
            if v > max {
                return Err(err(line, format!("{name} {raw} is implausibly large")));
            }
            Ok(v)
        };
        let duration_s = number(cols.duration, "duration (s)", 1e10)?;
        let emissions_kg = number(cols.emissions, "emissions (kg)", 1e9)?;
        let energy_kwh = number(cols.energy, "energy_consumed (kWh)", 1e10)?;

        // CodeCarbon's gpu_model already carries the count ("4 x NVIDIA A100-SXM4-80GB").
        let hardware = match (text(cols.gpu_count), text(cols.gpu_model)) {
            (n, m) if !m.is_empty() => {
                let counted = m.split_once(" x ").is_some_and(|(c, _)| c.chars().all(|ch| ch.is_ascii_digit()));
                if counted || n.is_empty() || n == "0" {
                    m
                } else {
                    format!("{n} × {m}")
                }
            }
            _ => text(cols.cpu_model),
        };
        let location = [text(cols.cloud_provider), text(cols.cloud_region), text(cols.region), text(cols.country)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let project = text(cols.project);
        let run_id = text(cols.run_id);
        let label = match (project.is_empty(), run_id.is_empty()) {
            (false, false) => format!("{project} {}", run_id.chars().take(8).collect::<String>()),
            (false, true) => format!("{project} #{}", runs.len() + 1),
            _ => format!("CodeCarbon run {}", runs.len() + 1),
        };
        let version = text(cols.version);
        let stamp = text(cols.timestamp);
        let mut source = format!("CodeCarbon emissions.csv, line {line}");
        if !version.is_empty() {
            source.push_str(&format!(", codecarbon {version}"));
        }
        if !stamp.is_empty() {
            source.push_str(&format!(", {stamp}"));
        }
        runs.push(Run {
            label: label.chars().take(80).collect(),
            phase,
            repeat: "1".into(),
            form: Default::default(),
            kind: RunKind::Measured(MeasuredRun {
                energy_kwh,
                emissions_kg,
                duration_h: duration_s / 3600.0,
                source: source.chars().take(200).collect(),
                location: location.chars().take(120).collect(),
                hardware: hardware.chars().take(120).collect(),
            }),
        });
    }
    if runs.is_empty() {
        return Err(err(0, "the file has a header but no runs"));
    }
    Ok(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURRENT: &str = "timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,tracking_mode,on_cloud,pue
2024-05-01T10:00:00,llm,5b0fa12a-3dd7-45bb-9766-cc326314d9f1,e1,7200.5,1.2345,0.0001714,42.5,300.1,10.0,0.085,0.6,0.02,0.705,France,FRA,île-de-france,,,Linux,3.11.7,2.4.1,32,AMD EPYC 7763,4,4 x NVIDIA A100-SXM4-80GB,2.35,48.85,256,machine,N,1.0
2024-05-02T10:00:00,llm,6c1fa12a-3dd7-45bb-9766-cc326314d9f1,e1,3600,0.5,0.0001389,42.5,300.1,10.0,0.04,0.3,0.01,0.35,France,FRA,île-de-france,gcp,europe-west9,Linux,3.11.7,2.4.1,32,AMD EPYC 7763,,,2.35,48.85,256,machine,Y,1.1
";

    #[test]
    fn current_format_imports_with_measured_values_kept() {
        let runs = parse_emissions_csv(CURRENT, Phase::Exploration).expect("valid file");
        assert_eq!(runs.len(), 2);
        let m = runs[0].measured().expect("measured");
        assert_eq!(m.energy_kwh, 0.705);
        assert_eq!(m.emissions_kg, 1.2345);
        assert!((m.duration_h - 7200.5 / 3600.0).abs() < 1e-12);
        assert_eq!(m.hardware, "4 x NVIDIA A100-SXM4-80GB");
        assert_eq!(m.location, "île-de-france, France");
        assert_eq!(runs[0].label, "llm 5b0fa12a");
        assert!(m.source.starts_with("CodeCarbon emissions.csv, line 2, codecarbon 2.4.1"));
        assert_eq!(runs[1].measured().map(|m| m.hardware.as_str()), Some("AMD EPYC 7763"));
        assert_eq!(runs[1].measured().map(|m| m.location.as_str()), Some("gcp, europe-west9, île-de-france, France"));
        assert_eq!(runs[1].phase, Phase::Exploration);
    }

    #[test]
    fn old_format_without_most_columns_imports() {
        let old = "timestamp,project_name,duration,emissions,energy_consumed,country_name,country_iso_code,region,on_cloud,cloud_provider,cloud_region\n\
                   2021-03-01T12:00:00,codecarbon,120.0,0.0012,0.004,Canada,CAN,quebec,N,,\n";
        let runs = parse_emissions_csv(old, Phase::FinalTraining).expect("old file");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].label, "codecarbon #1");
        assert_eq!(runs[0].measured().map(|m| m.emissions_kg), Some(0.0012));
    }

    #[test]
    fn malformed_files_name_the_line() {
        let missing = "timestamp,duration,emissions\n1,2,3\n";
        assert_eq!(
            parse_emissions_csv(missing, Phase::Exploration).map_err(|e| e.to_string()),
            Err("Line 1: no “energy_consumed” column: this does not look like CodeCarbon's emissions.csv (it needs duration, emissions and energy_consumed)".into())
        );
        let bad_number = "duration,emissions,energy_consumed\n10,0.1,0.2\n20,abc,0.3\n";
        assert_eq!(
            parse_emissions_csv(bad_number, Phase::Exploration).map_err(|e| e.to_string()),
            Err("Line 3: emissions (kg) “abc” is not a number".into())
        );
        let short_row = "duration,emissions,energy_consumed\n10,0.1,0.2\n10,0.1,0.2\n20,0.3\n";
        assert_eq!(
            parse_emissions_csv(short_row, Phase::Exploration).map_err(|e| e.to_string()),
            Err("Line 4: 2 fields where the header has 3".into())
        );
        let negative = "duration,emissions,energy_consumed\n10,-0.1,0.2\n";
        assert_eq!(
            parse_emissions_csv(negative, Phase::Exploration).map_err(|e| e.to_string()),
            Err("Line 2: emissions (kg) must be a finite, non-negative number".into())
        );
        let nan = "duration,emissions,energy_consumed\n10,NaN,0.2\n";
        assert!(parse_emissions_csv(nan, Phase::Exploration).is_err());
        assert_eq!(
            parse_emissions_csv("duration,emissions,energy_consumed\n", Phase::Exploration).map_err(|e| e.to_string()),
            Err("the file has a header but no runs".into())
        );
        assert!(parse_emissions_csv("", Phase::Exploration).is_err());
        assert!(parse_emissions_csv("\u{0}\u{1}garbage", Phase::Exploration).is_err());
    }

    #[test]
    fn ten_thousand_rows_import() {
        let mut f = String::from("duration,emissions,energy_consumed\n");
        for i in 0..10_000 {
            f.push_str(&format!("{},{},{}\n", 3600 + i, 0.001 * i as f64, 0.002 * i as f64));
        }
        let runs = parse_emissions_csv(&f, Phase::HyperparameterSearch).expect("valid");
        assert_eq!(runs.len(), 10_000);
        let total: f64 = runs.iter().filter_map(|r| r.measured()).map(|m| m.emissions_kg).sum();
        // 0.001 × (0 + … + 9999) = 0.001 × 49,995,000 = 49,995
        assert!((total - 49_995.0).abs() < 1e-6, "{total}");
    }
}
