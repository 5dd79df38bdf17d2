// The encoder of the compact table format (see `core/src/tables.rs`). Used by
// `core/build.rs` (included with `#[path]`, so it needs nothing but std) and by the
// decoder's unit tests.

/// Encode one table: its header and rows of cells (already trimmed as the table is read).
/// Every distinct text is stored once; the most frequent texts get the smallest indices.
pub fn encode(header: &[&str], rows: &[Vec<&str>]) -> Result<Vec<u8>, String> {
    use std::collections::HashMap;
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new(); // text -> (uses, first seen)
    for text in header.iter().copied().chain(rows.iter().flatten().copied()) {
        let next = count.len();
        count.entry(text).or_insert((0, next)).0 += 1;
    }
    let mut strings: Vec<&str> = count.keys().copied().collect();
    strings.sort_by_key(|s| (std::cmp::Reverse(count[s].0), count[s].1));
    let index: HashMap<&str, usize> = strings.iter().enumerate().map(|(i, s)| (*s, i)).collect();

    let mut out = Vec::new();
    varint(&mut out, strings.len());
    for s in &strings {
        varint(&mut out, s.len());
    }
    for s in &strings {
        out.extend_from_slice(s.as_bytes());
    }
    varint(&mut out, header.len());
    for h in header {
        varint(&mut out, index[h]);
    }
    varint(&mut out, rows.len());
    for (i, row) in rows.iter().enumerate() {
        if row.len() != header.len() {
            return Err(format!("row on line {} has {} cells, the header {}", i + 2, row.len(), header.len()));
        }
        for cell in row {
            varint(&mut out, index[cell]);
        }
    }
    Ok(out)
}

/// LEB128: 7 bits a byte, low bits first, the high bit set on every byte but the last.
fn varint(out: &mut Vec<u8>, mut n: usize) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
