//! Reading one emissions.csv into rows: the separator sniffed from the header
//! (`,`, `;` or tab; with `;` or tab a decimal comma is read too), a repeated
//! header row starting a new section with its own columns (files concatenated,
//! possibly from different CodeCarbon versions), and every row named by the
//! file's real line (CRLF, CR, blank lines and quoted newlines counted).

use super::{ImportError, SkippedRow, Warning};
use std::rc::Rc;

/// One usable data row, its numbers checked.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub line: usize,
    pub duration_s: f64,
    pub emissions_kg: f64,
    pub energy_kwh: f64,
    pub pue: Option<f64>,
    pub cpu_kwh: Option<f64>,
    pub gpu_kwh: Option<f64>,
    pub ram_kwh: Option<f64>,
    pub run_id: Rc<str>,
    pub project: Rc<str>,
    pub version: Rc<str>,
    pub tracking_mode: Rc<str>,
    pub hardware: Rc<str>,
    pub location: Rc<str>,
}

/// The text made from the previous row's cells, reused while the cells repeat
/// (a file's rows nearly always share them): one allocation per change, not per row.
struct Recent {
    key: String,
    scratch: String,
    value: Rc<str>,
}

impl Recent {
    fn new() -> Recent {
        Recent { key: String::new(), scratch: String::new(), value: Rc::from("") }
    }

    /// `make` must give "" when every cell is empty.
    fn get(&mut self, cells: &[&str], make: impl FnOnce() -> String) -> Rc<str> {
        self.scratch.clear();
        for c in cells {
            self.scratch.push_str(c);
            self.scratch.push('\u{1f}');
        }
        if self.scratch != self.key {
            std::mem::swap(&mut self.scratch, &mut self.key);
            self.value = Rc::from(make());
        }
        Rc::clone(&self.value)
    }
}

/// What was read from one file.
#[derive(Debug, Default)]
pub(super) struct FileRows {
    pub rows: Vec<Row>,
    pub skipped: Vec<SkippedRow>,
    pub notices: Vec<Warning>,
    pub header_lines: Vec<usize>,
    pub versions: Vec<String>,
    pub delimiter: char,
    pub decimal_comma: bool,
    pub bom: bool,
    pub crlf: bool,
    /// Data rows read (usable and skipped), for the row limit.
    pub data_rows: usize,
    /// Rows whose section has no `pue` column.
    pub rows_without_pue_column: usize,
}

struct Recents {
    run_id: Recent,
    project: Recent,
    version: Recent,
    tracking_mode: Recent,
    hardware: Recent,
    location: Recent,
}

/// Column positions of one header row.
struct Columns {
    width: usize,
    line: usize,
    duration: usize,
    emissions: usize,
    energy: usize,
    pue: Option<usize>,
    cpu_energy: Option<usize>,
    gpu_energy: Option<usize>,
    ram_energy: Option<usize>,
    project: Option<usize>,
    run_id: Option<usize>,
    country: Option<usize>,
    region: Option<usize>,
    cloud_provider: Option<usize>,
    cloud_region: Option<usize>,
    gpu_count: Option<usize>,
    gpu_model: Option<usize>,
    cpu_model: Option<usize>,
    version: Option<usize>,
    tracking_mode: Option<usize>,
}

const REQUIRED: [&str; 3] = ["duration", "emissions", "energy_consumed"];

fn same(a: &str, b: &str) -> bool {
    // A byte-order mark can start a later part of concatenated files.
    a.trim().trim_start_matches('\u{feff}').trim_matches('"').trim().eq_ignore_ascii_case(b)
}

/// A row naming the three required columns is a header row.
fn is_header<'a>(fields: impl Iterator<Item = &'a str> + Clone) -> bool {
    REQUIRED.iter().all(|name| fields.clone().any(|f| same(f, name)))
}

impl Columns {
    fn new(record: &csv::StringRecord, line: usize) -> Result<Columns, ImportError> {
        let find = |name: &str| record.iter().position(|h| same(h, name));
        let need = |name: &str| {
            find(name).ok_or_else(|| {
                ImportError::at(
                    line,
                    format!("no “{name}” column: this does not look like CodeCarbon's emissions.csv (it needs duration, emissions and energy_consumed)"),
                )
            })
        };
        Ok(Columns {
            width: record.len(),
            line,
            duration: need("duration")?,
            emissions: need("emissions")?,
            energy: need("energy_consumed")?,
            pue: find("pue"),
            cpu_energy: find("cpu_energy"),
            gpu_energy: find("gpu_energy"),
            ram_energy: find("ram_energy"),
            project: find("project_name"),
            run_id: find("run_id"),
            country: find("country_name"),
            region: find("region"),
            cloud_provider: find("cloud_provider"),
            cloud_region: find("cloud_region"),
            gpu_count: find("gpu_count"),
            gpu_model: find("gpu_model"),
            cpu_model: find("cpu_model"),
            version: find("codecarbon_version"),
            tracking_mode: find("tracking_mode"),
        })
    }
}

/// The separator of the first line: the one that splits it into the required
/// column names, else the most frequent of `,`, `;` and tab (`,` on a tie).
fn sniff(first_line: &str) -> u8 {
    let candidates = [b',', b';', b'\t'];
    for d in candidates {
        if is_header(first_line.split(d as char)) {
            return d;
        }
    }
    let count = |d: u8| first_line.bytes().filter(|&b| b == d).count();
    candidates.into_iter().max_by_key(|&d| (count(d), d == b',')).unwrap_or(b',')
}

/// Counts line breaks (`\r\n`, `\n` or a lone `\r`) incrementally, so that the
/// line of every record is found in one pass over the file.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    /// Whether some `\r` is not followed by `\n` (old Mac line ends): the slow count.
    lone_cr: bool,
}

impl LineCounter<'_> {
    /// The line of the first character at or after `byte` that is not a line
    /// break (the csv reader's position may point at skipped blank lines).
    fn line_at(&mut self, byte: usize) -> usize {
        let mut byte = byte.min(self.bytes.len());
        while byte < self.bytes.len() && matches!(self.bytes[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte < self.pos {
            return self.line;
        }
        let span = &self.bytes[self.pos..byte];
        if self.lone_cr {
            for (i, &b) in span.iter().enumerate() {
                let next = self.bytes.get(self.pos + i + 1);
                if b == b'\n' || (b == b'\r' && next != Some(&b'\n')) {
                    self.line += 1;
                }
            }
        } else {
            self.line += span.iter().filter(|&&b| b == b'\n').count();
        }
        self.pos = byte;
        self.line
    }
}

/// A number read from a cell: None when empty (or "nan", pandas' missing value).
fn number(raw: &str, decimal_comma: bool, comma_used: &mut bool) -> Result<Option<f64>, String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.eq_ignore_ascii_case("nan") {
        return Ok(None);
    }
    let replaced;
    let text = if decimal_comma && raw.contains(',') && !raw.contains('.') {
        *comma_used = true;
        replaced = raw.replacen(',', ".", 1);
        replaced.as_str()
    } else {
        raw
    };
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        Ok(_) => Err(format!("{} is not a finite number", crate::text::quote(raw, 20))),
        Err(_) if raw.contains(',') && !decimal_comma => Err(format!(
            "{} is not a number (a decimal comma is read only in files separated by semicolons or tabs)",
            crate::text::quote(raw, 20)
        )),
        Err(_) => Err(format!("{} is not a number", crate::text::quote(raw, 20))),
    }
}

/// Read one file. `name` only labels messages; `rows_before` counts the rows of
/// earlier files against [`super::MAX_ROWS`].
pub(super) fn read_file(name: &str, text: &str, rows_before: usize) -> Result<FileRows, ImportError> {
    let at = |line: usize, message: String| ImportError { file: name.to_string(), line, message };
    let mut out = FileRows::default();
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            out.bom = true;
            rest
        }
        None => text,
    };
    if text.trim().is_empty() {
        return Err(at(0, "the file is empty".into()));
    }
    out.crlf = text.contains("\r\n");
    let first_line = text.trim_start_matches(['\r', '\n']).split(['\r', '\n']).next().unwrap_or("");
    let delimiter = sniff(first_line);
    out.delimiter = delimiter as char;
    let decimal_comma = delimiter != b',';
    let mut comma_used = false;

    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let lone_cr = text.bytes().zip(text.bytes().skip(1).chain([b'\n'])).any(|(a, b)| a == b'\r' && b != b'\n');
    let mut lines = LineCounter { bytes: text.as_bytes(), pos: 0, line: 1, lone_cr };
    let mut columns: Option<Columns> = None;
    let mut recent = Recents {
        run_id: Recent::new(),
        project: Recent::new(),
        version: Recent::new(),
        tracking_mode: Recent::new(),
        hardware: Recent::new(),
        location: Recent::new(),
    };
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let byte = e.position().map(|p| p.byte() as usize).unwrap_or(start);
                return Err(at(lines.line_at(byte), format!("cannot be read ({e})")));
            }
        }
        let byte = record.position().map(|p| p.byte() as usize).unwrap_or(start);
        let line = lines.line_at(byte);
        if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) {
            continue; // a line of spaces
        }
        let Some(cols) = &columns else {
            let found = Columns::new(&record, line).map_err(|e| at(e.line, e.message))?;
            out.header_lines.push(line);
            columns = Some(found);
            continue;
        };
        // Only a row whose duration is not a number can be a header (a cheap test first).
        let numeric =
            record.get(cols.duration).map(str::trim).is_some_and(|d| d.starts_with(|c: char| c.is_ascii_digit()));
        if !numeric && is_header(record.iter()) {
            // A repeated header row: files concatenated, perhaps of another version.
            let found = Columns::new(&record, line).map_err(|e| at(e.line, e.message))?;
            out.header_lines.push(line);
            columns = Some(found);
            continue;
        }
        if record.len() != cols.width {
            let joined = record.iter().collect::<Vec<_>>().join(",");
            let message = if REQUIRED.iter().all(|n| joined.to_ascii_lowercase().contains(n)) {
                "a header row with another separator: files with different separators cannot be joined into one; import them as separate files".to_string()
            } else if out.header_lines.len() == 1 {
                format!("{} fields where the header has {}", record.len(), cols.width)
            } else {
                format!("{} fields where the header on line {} has {}", record.len(), cols.line, cols.width)
            };
            return Err(at(line, message));
        }
        out.data_rows += 1;
        if rows_before + out.data_rows > super::MAX_ROWS {
            return Err(at(line, format!("more than {} rows: split the file", super::MAX_ROWS)));
        }
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").trim();
        let mut required = |c: usize, what: &str, max: f64| -> Result<Option<f64>, ImportError> {
            let v =
                number(cell(Some(c)), decimal_comma, &mut comma_used).map_err(|m| at(line, format!("{what} {m}")))?;
            match v {
                Some(v) if v < 0.0 => Err(at(line, format!("{what} must be a finite, non-negative number"))),
                Some(v) if v > max => {
                    Err(at(line, format!("{what} {} is implausibly large", crate::text::quote(cell(Some(c)), 20))))
                }
                v => Ok(v),
            }
        };
        let duration = required(cols.duration, "duration (s)", 1e10)?;
        let emissions = required(cols.emissions, "emissions (kg)", 1e9)?;
        let energy = required(cols.energy, "energy_consumed (kWh)", 1e10)?;
        let (Some(duration_s), Some(emissions_kg), Some(energy_kwh)) = (duration, emissions, energy) else {
            let missing = [(duration, "duration"), (emissions, "emissions"), (energy, "energy")]
                .into_iter()
                .filter(|(v, _)| v.is_none())
                .map(|(_, n)| n)
                .collect();
            out.skipped.push(SkippedRow { file: name.to_string(), line, missing });
            continue;
        };
        let mut optional = |c: Option<usize>| {
            c.and_then(|c| number(cell(Some(c)), decimal_comma, &mut comma_used).ok().flatten())
                .filter(|v| *v >= 0.0 && *v <= 1e10)
        };
        let cpu_kwh = optional(cols.cpu_energy);
        let gpu_kwh = optional(cols.gpu_energy);
        let ram_kwh = optional(cols.ram_energy);
        let pue = match cols.pue {
            None => {
                out.rows_without_pue_column += 1;
                None
            }
            Some(c) => match number(cell(Some(c)), decimal_comma, &mut comma_used) {
                Ok(Some(p)) if p > 0.0 && p <= 10.0 => Some(p),
                Ok(None) => None,
                _ => {
                    out.notices.push(Warning {
                        file: name.to_string(),
                        line,
                        message: format!(
                            "PUE {} is not a PUE: the run's data-centre overhead is taken as unknown",
                            crate::text::quote(cell(Some(c)), 20)
                        ),
                    });
                    None
                }
            },
        };

        // CodeCarbon's gpu_model already carries the count ("4 x NVIDIA A100-SXM4-80GB").
        let (count, model, cpu) = (cell(cols.gpu_count), cell(cols.gpu_model), cell(cols.cpu_model));
        let hardware = recent.hardware.get(&[count, model, cpu], || {
            let counted = model.split_once(" x ").is_some_and(|(c, _)| c.chars().all(|ch| ch.is_ascii_digit()));
            let text = match model {
                "" => cpu.to_string(),
                m if counted || count.is_empty() || count == "0" => m.to_string(),
                m => format!("{count} × {m}"),
            };
            text.chars().take(120).collect()
        });
        let place = [cell(cols.cloud_provider), cell(cols.cloud_region), cell(cols.region), cell(cols.country)];
        let location = recent.location.get(&place, || {
            let text = place.iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
            text.chars().take(120).collect()
        });
        let raw_version = cell(cols.version);
        let version = recent.version.get(&[raw_version], || {
            let v = crate::text::clip(raw_version, 20);
            if !v.is_empty() && !out.versions.contains(&v) && out.versions.len() < 10 {
                out.versions.push(v.clone());
            }
            v
        });
        let raw = (cell(cols.run_id), cell(cols.project), cell(cols.tracking_mode));
        out.rows.push(Row {
            line,
            duration_s,
            emissions_kg,
            energy_kwh,
            pue,
            cpu_kwh,
            gpu_kwh,
            ram_kwh,
            run_id: recent.run_id.get(&[raw.0], || raw.0.chars().take(80).collect()),
            project: recent.project.get(&[raw.1], || raw.1.chars().take(60).collect()),
            version,
            tracking_mode: recent.tracking_mode.get(&[raw.2], || raw.2.chars().take(20).collect()),
            hardware,
            location,
        });
    }
    if columns.is_none() {
        return Err(at(0, "the file is empty".into()));
    }
    out.decimal_comma = comma_used;
    Ok(out)
}
