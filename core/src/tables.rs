//! The factor tables as the binaries embed them. `core/build.rs` reads every CSV of
//! `data/` at build time (with the csv crate, trimming cells as the tables are read) and
//! writes it in a compact form: every distinct text once, in a string pool, and every
//! cell an index into that pool. Here that form is decoded into typed rows with serde,
//! matching columns to fields by name, as reading the CSV did: the row types keep their
//! `Deserialize` derives, a table may gain columns, and a field missing from a table
//! takes its `#[serde(default)]`. So the web app carries neither the CSV text nor a CSV
//! parser for it (issue 16): the pool is about half the size of the text, and decoding
//! is a few loops.
//!
//! The format, all numbers as LEB128 varints (7 bits a byte, low bits first):
//!
//! ```text
//! S, then S byte lengths, then the S strings' UTF-8 bytes one after the other
//! C, then C string indices: the header
//! R, then R × C string indices: the cells, row by row
//! ```
//!
//! `Dataset::from_csv` (tests) reads the same files as text; a test checks both readings
//! give the same tables.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use std::fmt;

#[cfg(test)]
mod encode;

/// A table decoded from its compact form: texts borrowed from the embedded bytes.
struct Table {
    strings: Vec<&'static str>,
    header: Vec<u32>,
    cells: Vec<u32>,
}

/// Why an embedded table could not be read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Reader {
    bytes: &'static [u8],
    at: usize,
}

impl Reader {
    fn varint(&mut self) -> Result<usize, Error> {
        let mut n = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let byte = *self.bytes.get(self.at).ok_or_else(|| Error("truncated table".into()))?;
            self.at += 1;
            n |= usize::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(n);
            }
        }
        Err(Error("bad number in table".into()))
    }

    fn indices(&mut self, n: usize, strings: usize) -> Result<Vec<u32>, Error> {
        (0..n)
            .map(|_| match self.varint()? {
                i if i < strings => Ok(i as u32),
                _ => Err(Error("cell names no text of the table".into())),
            })
            .collect()
    }
}

fn read(bytes: &'static [u8]) -> Result<Table, Error> {
    let mut r = Reader { bytes, at: 0 };
    let count = r.varint()?;
    let lengths = (0..count).map(|_| r.varint()).collect::<Result<Vec<_>, _>>()?;
    let mut strings = Vec::with_capacity(count);
    for len in lengths {
        let text = bytes.get(r.at..r.at + len).ok_or_else(|| Error("truncated table".into()))?;
        strings.push(std::str::from_utf8(text).map_err(|_| Error("table text is not UTF-8".into()))?);
        r.at += len;
    }
    let cols = r.varint()?;
    let header = r.indices(cols, count)?;
    let rows = r.varint()?;
    let cells = r.indices(rows * cols, count)?;
    if r.at != bytes.len() {
        return Err(Error("bytes after the table".into()));
    }
    Ok(Table { strings, header, cells })
}

/// Every row of an embedded table, typed. Errors say the line the row has in the CSV.
pub(crate) fn rows<T: DeserializeOwned>(bytes: &'static [u8]) -> Result<Vec<T>, Error> {
    let table = read(bytes)?;
    let cols = table.header.len();
    let mut fields: Option<Vec<(u64, usize)>> = None;
    let mut out = Vec::with_capacity(table.cells.len().checked_div(cols).unwrap_or(0));
    for (i, row) in table.cells.chunks(cols.max(1)).enumerate() {
        let cells: Vec<&'static str> = row.iter().map(|&c| table.strings[c as usize]).collect();
        let header = &table.header;
        let strings = &table.strings;
        let row = T::deserialize(Row { header, strings, cells: &cells, fields: &mut fields })
            .map_err(|e| Error(format!("row on line {}: {e}", i + 2)))?;
        out.push(row);
    }
    Ok(out)
}

/// One row: a struct whose fields are the columns of the same name.
struct Row<'a> {
    header: &'a [u32],
    strings: &'a [&'static str],
    cells: &'a [&'static str],
    /// (field index, column) for every field that has a column, found on the first row.
    fields: &'a mut Option<Vec<(u64, usize)>>,
}

impl<'de> de::Deserializer<'de> for Row<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(Error("a row reads only as a struct".into()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        names: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (header, strings) = (self.header, self.strings);
        let fields = self.fields.get_or_insert_with(|| {
            names
                .iter()
                .enumerate()
                .filter_map(|(f, name)| {
                    header.iter().position(|&h| strings[h as usize] == *name).map(|c| (f as u64, c))
                })
                .collect()
        });
        visitor.visit_map(Fields { fields, cells: self.cells, at: 0 })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The fields of one row as a map: keys are field indices, so no name is compared per row.
struct Fields<'a> {
    fields: &'a [(u64, usize)],
    cells: &'a [&'static str],
    at: usize,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        match self.fields.get(self.at) {
            Some(&(field, _)) => seed.deserialize(field.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let col = self.fields[self.at].1;
        self.at += 1;
        seed.deserialize(Cell(self.cells[col]))
    }
}

/// One cell: its text, read as the field's type (an empty cell is `None` for an option).
struct Cell(&'static str);

impl Cell {
    fn parse<T: std::str::FromStr>(&self, what: &str) -> Result<T, Error> {
        self.0.parse().map_err(|_| Error(format!("{:?} is not {what}", self.0)))
    }
}

macro_rules! numbers {
    ($($method:ident $visit:ident $ty:ty, $what:literal;)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.$visit(self.parse::<$ty>($what)?)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Cell {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Error(format!("{:?} is not true or false", self.0))),
        }
    }

    numbers! {
        deserialize_u8 visit_u8 u8, "a whole number";
        deserialize_u16 visit_u16 u16, "a whole number";
        deserialize_u32 visit_u32 u32, "a whole number";
        deserialize_u64 visit_u64 u64, "a whole number";
        deserialize_i8 visit_i8 i8, "a whole number";
        deserialize_i16 visit_i16 i16, "a whole number";
        deserialize_i32 visit_i32 i32, "a whole number";
        deserialize_i64 visit_i64 i64, "a whole number";
        deserialize_f32 visit_f32 f32, "a number";
        deserialize_f64 visit_f64 f64, "a number";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Gpu,
        Cpu,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Row {
        id: String,
        kind: Kind,
        watts: Option<f64>,
        year: u16,
        flag: bool,
        status: Option<Kind>,
        #[serde(default)]
        note: String,
        #[serde(default)]
        extra: Option<u32>,
    }

    fn encoded(header: &[&str], rows: &[&[&str]]) -> &'static [u8] {
        let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.to_vec()).collect();
        Vec::leak(encode::encode(header, &rows).expect("encodes"))
    }

    #[test]
    fn rows_read_by_column_name_with_defaults_for_missing_columns() {
        // Columns in another order than the fields, one column no field reads, two fields without a column.
        let bytes = encoded(
            &["year", "id", "unused", "kind", "watts", "flag", "status"],
            &[&["2024", "h100", "x", "gpu", "700", "true", ""], &["2023", "epyc", "x", "cpu", "", "false", "cpu"]],
        );
        let rows: Vec<Row> = rows(bytes).expect("decodes");
        assert_eq!(
            rows,
            [
                Row {
                    id: "h100".into(),
                    kind: Kind::Gpu,
                    watts: Some(700.0),
                    year: 2024,
                    flag: true,
                    status: None,
                    note: String::new(),
                    extra: None
                },
                Row {
                    id: "epyc".into(),
                    kind: Kind::Cpu,
                    watts: None,
                    year: 2023,
                    flag: false,
                    status: Some(Kind::Cpu),
                    note: String::new(),
                    extra: None
                },
            ]
        );
    }

    #[test]
    fn bad_cells_name_their_line() {
        let header = ["id", "kind", "watts", "year", "flag", "status"];
        let bad_year =
            encoded(&header, &[&["a", "gpu", "1", "2024", "true", ""], &["b", "gpu", "1", "20x4", "true", ""]]);
        let err = rows::<Row>(bad_year).expect_err("bad year");
        assert_eq!(err.to_string(), "row on line 3: \"20x4\" is not a whole number");
        let bad_kind = encoded(&header, &[&["a", "tpu", "1", "2024", "true", ""]]);
        assert!(rows::<Row>(bad_kind)
            .expect_err("bad kind")
            .to_string()
            .starts_with("row on line 2: unknown variant `tpu`"));
        let missing = encoded(&["id"], &[&["a"]]);
        assert_eq!(rows::<Row>(missing).expect_err("no kind").to_string(), "row on line 2: missing field `kind`");
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        let bytes = encoded(&["id", "kind"], &[&["a", "gpu"]]);
        for n in 0..bytes.len() {
            assert!(read(&bytes[..n]).is_err(), "truncated at {n}");
        }
        assert!(read(bytes).is_ok());
    }
}
