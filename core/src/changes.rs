//! What changed in the factor tables since the previous data version, as data
//! the UI can show: `data/changes.csv` (documented in data/README.md), one row
//! per change, compiled into the binary like the tables (in their compact form,
//! `crate::tables`; [`parse`] reads CSV text).
//!
//! A change names its table (a file of `data/`), what kind of change it is,
//! the row's key where it concerns a row (the table's first column;
//! `provider:region_code` for cloud_regions.csv), the column where it concerns
//! one, and the value before and after where there is one.

use crate::data::DataError;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The data version before [`crate::DATA_VERSION`].
pub const PREVIOUS_DATA_VERSION: &str = "2026.11";

/// The factor tables of `data/`, by file name: every change names one of them
/// (every file the core reads but this log itself, which `TABLE_FILES` lists last).
pub const TABLES: &[&str] = match crate::data::TABLE_FILES.split_last() {
    Some((_log, tables)) => tables,
    None => &[],
};

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A new table.
    TableAdded,
    ColumnAdded,
    ColumnRemoved,
    /// A new row (`key`), with the value of `column` where one is given.
    RowAdded,
    /// A row (`key`) no longer in the table, with its last value of `column` where one is given.
    RowRemoved,
    /// The value of `column` in row `key`: `before` → `after`.
    ValueChanged,
    /// How a column is used (`key` empty: every row).
    MethodChanged,
}

impl ChangeKind {
    /// "row_added": the key in data/changes.csv.
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::TableAdded => "table_added",
            ChangeKind::ColumnAdded => "column_added",
            ChangeKind::ColumnRemoved => "column_removed",
            ChangeKind::RowAdded => "row_added",
            ChangeKind::RowRemoved => "row_removed",
            ChangeKind::ValueChanged => "value_changed",
            ChangeKind::MethodChanged => "method_changed",
        }
    }

    /// "row added", "rows added" for `n`.
    fn words(self, n: usize) -> String {
        let one = n == 1;
        let (thing, verb) = match self {
            ChangeKind::TableAdded => (if one { "new table" } else { "new tables" }, ""),
            ChangeKind::ColumnAdded => (if one { "column" } else { "columns" }, " added"),
            ChangeKind::ColumnRemoved => (if one { "column" } else { "columns" }, " removed"),
            ChangeKind::RowAdded => (if one { "row" } else { "rows" }, " added"),
            ChangeKind::RowRemoved => (if one { "row" } else { "rows" }, " removed"),
            ChangeKind::ValueChanged => (if one { "value" } else { "values" }, " changed"),
            ChangeKind::MethodChanged => (if one { "change of method" } else { "changes of method" }, ""),
        };
        format!("{thing}{verb}")
    }
}

/// One change of one table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The data version that made it ("2026.12").
    pub version: String,
    /// The version it changed ("2026.11").
    pub previous: String,
    /// A file of `data/`: one of [`TABLES`].
    pub table: String,
    pub change: ChangeKind,
    /// The row's key (empty for a table, a column or a method that concerns every row).
    pub key: String,
    pub column: String,
    pub before: String,
    pub after: String,
    pub note: String,
}

impl Change {
    /// "grid_zones.csv, US-VA: lifecycle_g_per_kwh 349.06 (row added)".
    pub fn sentence(&self) -> String {
        let at = if self.key.is_empty() { self.table.clone() } else { format!("{}, {}", self.table, self.key) };
        let what = match self.change {
            ChangeKind::TableAdded => "new table".to_string(),
            ChangeKind::ColumnAdded => format!("column {} added", self.column),
            ChangeKind::ColumnRemoved => format!("column {} removed", self.column),
            ChangeKind::RowAdded if !self.after.is_empty() => format!("row added ({} {})", self.column, self.after),
            ChangeKind::RowAdded => "row added".to_string(),
            ChangeKind::RowRemoved if !self.before.is_empty() => {
                format!("row removed (it had {} {})", self.column, self.before)
            }
            ChangeKind::RowRemoved => "row removed".to_string(),
            ChangeKind::ValueChanged => {
                format!("{} {} → {}", self.column, or_empty(&self.before), or_empty(&self.after))
            }
            ChangeKind::MethodChanged => format!("{}: {} → {}", self.column, self.before, self.after),
        };
        if self.note.is_empty() {
            format!("{at}: {what}")
        } else {
            format!("{at}: {what}; {}", self.note)
        }
    }
}

fn or_empty(v: &str) -> &str {
    if v.is_empty() {
        "(empty)"
    } else {
        v
    }
}

/// Every change listed in `data/changes.csv`, in file order, parsed once.
pub fn changes() -> Result<&'static [Change], DataError> {
    static CHANGES: OnceLock<Result<Vec<Change>, DataError>> = OnceLock::new();
    CHANGES
        .get_or_init(|| {
            let bytes = include_bytes!(concat!(env!("OUT_DIR"), "/changes.tbl"));
            crate::tables::rows(bytes).map_err(|e| DataError { table: "changes.csv", message: e.to_string() })
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

/// Parse changes from CSV text in the form of `data/changes.csv`.
pub fn parse(text: &str) -> Result<Vec<Change>, DataError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| {
            row.map_err(|e| DataError { table: "changes.csv", message: format!("row on line {}: {e}", i + 2) })
        })
        .collect()
}

/// The changes made after data version `version` (a link or an export made
/// with it): empty for the current version or a later one. Versions are
/// "YYYY.MM" and compare as text.
pub fn since(version: &str) -> Result<Vec<&'static Change>, DataError> {
    Ok(changes()?.iter().filter(|c| c.version.as_str() > version).collect())
}

/// The changes of one kind in one table, for a short list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub table: String,
    pub change: ChangeKind,
    /// The keys (or columns, for column changes) concerned, in file order.
    pub keys: Vec<String>,
    pub count: usize,
}

impl Group {
    /// "grid_zones.csv: 84 rows added (IN-AN, IN-AP, IN-AR, …)", naming at most `shown` keys.
    pub fn sentence(&self, shown: usize) -> String {
        let n = if self.change == ChangeKind::TableAdded { String::new() } else { format!("{} ", self.count) };
        let mut keys: Vec<&str> = self.keys.iter().take(shown).map(String::as_str).collect();
        if self.keys.len() > shown {
            keys.push("…");
        }
        let list = if keys.is_empty() { String::new() } else { format!(" ({})", keys.join(", ")) };
        format!("{}: {n}{}{list}", self.table, self.change.words(self.count))
    }
}

/// The changes grouped by table and kind, in the order they first appear.
pub fn summary(changes: &[&Change]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for c in changes {
        let key = match c.change {
            ChangeKind::ColumnAdded | ChangeKind::ColumnRemoved => c.column.clone(),
            _ if c.key.is_empty() => c.column.clone(),
            _ => c.key.clone(),
        };
        match groups.iter_mut().find(|g| g.table == c.table && g.change == c.change) {
            Some(g) => {
                g.count += 1;
                if !key.is_empty() && !g.keys.contains(&key) {
                    g.keys.push(key);
                }
            }
            None => groups.push(Group {
                table: c.table.clone(),
                change: c.change,
                keys: if key.is_empty() { Vec::new() } else { vec![key] },
                count: 1,
            }),
        }
    }
    groups
}
