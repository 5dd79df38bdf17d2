//! Finding a row of the factor tables from what a person typed: a hardware
//! id or name ("H100 SXM"), a grid zone id or name ("France"), a cloud region
//! as `provider:code`, and the word filters of the lists. A miss says what is
//! closest, so a front end can offer it ("did you mean"); the wording of the
//! message is the front end's (the CLI names its flags and its `list` command).
//!
//! Matching is case-insensitive and ignores punctuation: every character that
//! is not a letter or a digit separates words.

use crate::data::{CloudRegion, Dataset, GridZone, Hardware, HardwareKind};

/// Text lowercased, with every character that is not alphanumeric turned into
/// a space: "H100-SXM5 (80GB)" → "h100 sxm5  80gb ".
pub fn normalize(text: &str) -> String {
    text.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect()
}

/// Whether every word of every query is found in `haystack` (as a substring of
/// its normalized text). No query matches everything.
pub fn matches_all<S: AsRef<str>>(queries: &[S], haystack: &str) -> bool {
    let hay = normalize(haystack);
    queries.iter().all(|q| normalize(q.as_ref()).split_whitespace().all(|w| hay.contains(w)))
}

/// Levenshtein distance between two strings, counted in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Up to `n` candidates close to `query` (case-insensitive edit distance of at
/// most half its length, and at least 2), closest first, ties in text order.
pub fn closest<'a>(query: &str, candidates: impl Iterator<Item = &'a str>, n: usize) -> Vec<&'a str> {
    let q = query.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates.map(|c| (distance(&q, &c.to_lowercase()), c)).collect();
    scored.sort();
    let limit = (q.chars().count() / 2).max(2);
    scored.into_iter().filter(|(d, _)| *d <= limit).take(n).map(|(_, c)| c).collect()
}

/// Why a hardware query found no single row.
#[derive(Debug, Clone, PartialEq)]
pub enum HardwareMiss<'d> {
    /// The query has no letter or digit.
    Empty,
    /// Nothing matches; the closest rows (at most 5), closest first.
    NotFound { closest: Vec<&'d Hardware> },
    /// Several rows match every word, in table order.
    Ambiguous { matches: Vec<&'d Hardware> },
}

/// How many close rows a [`HardwareMiss::NotFound`] or a zone miss offers.
pub const CLOSEST: usize = 5;

/// An accelerator (anything but a CPU) by id or name; see [`find_in`].
pub fn accelerator<'d>(data: &'d Dataset, query: &str) -> Result<&'d Hardware, HardwareMiss<'d>> {
    find_in(data.hardware.iter().filter(|h| h.kind != HardwareKind::Cpu).collect(), query)
}

/// A CPU by id or name; see [`find_in`].
pub fn cpu<'d>(data: &'d Dataset, query: &str) -> Result<&'d Hardware, HardwareMiss<'d>> {
    find_in(data.hardware.iter().filter(|h| h.kind == HardwareKind::Cpu).collect(), query)
}

/// "vendor name kind id": what the words of a hardware query are looked for in.
pub fn hardware_haystack(h: &Hardware) -> String {
    format!("{} {} {} {}", h.vendor, h.name, h.kind.label(), h.id)
}

/// A row of `pool` by, in this order: its id (any case); its name or its
/// vendor and name, word for word; or the one row whose vendor, name, kind and
/// id contain every word of the query.
fn find_in<'d>(pool: Vec<&'d Hardware>, query: &str) -> Result<&'d Hardware, HardwareMiss<'d>> {
    let q = query.trim();
    if let Some(h) = pool.iter().find(|h| h.id.eq_ignore_ascii_case(q)) {
        return Ok(h);
    }
    let nq = normalize(q);
    let words: Vec<&str> = nq.split_whitespace().collect();
    if words.is_empty() {
        return Err(HardwareMiss::Empty);
    }
    let joined = words.join(" ");
    let same_words = |text: &str| normalize(text).split_whitespace().collect::<Vec<_>>().join(" ") == joined;
    let exact: Vec<&Hardware> =
        pool.iter().copied().filter(|h| same_words(&h.name) || same_words(&h.full_name())).collect();
    if let [h] = exact[..] {
        return Ok(h);
    }
    let matches: Vec<&Hardware> = pool
        .iter()
        .copied()
        .filter(|h| {
            let hay = normalize(&hardware_haystack(h));
            words.iter().all(|w| hay.contains(w))
        })
        .collect();
    match matches.len() {
        1 => Ok(matches[0]),
        0 => {
            // Each query word scores its distance to the closest word of the row.
            let mut scored: Vec<(usize, &Hardware)> = pool
                .iter()
                .map(|h| {
                    let hay = normalize(&format!("{} {} {}", h.vendor, h.name, h.id));
                    let row: Vec<&str> = hay.split_whitespace().collect();
                    let score = words
                        .iter()
                        .map(|q| {
                            row.iter().map(|w| if w.contains(q) { 0 } else { distance(q, w) }).min().unwrap_or(q.len())
                        })
                        .sum();
                    (score, *h)
                })
                .collect();
            scored.sort_by_key(|(d, _)| *d);
            Err(HardwareMiss::NotFound { closest: scored.into_iter().take(CLOSEST).map(|(_, h)| h).collect() })
        }
        _ => Err(HardwareMiss::Ambiguous { matches }),
    }
}

/// A grid zone by id or name (any case), or the closest zones (at most
/// [`CLOSEST`]) by edit distance to either.
pub fn zone<'d>(data: &'d Dataset, query: &str) -> Result<&'d GridZone, Vec<&'d GridZone>> {
    let q = query.trim();
    if let Some(z) = data.zones.iter().find(|z| z.zone_id.eq_ignore_ascii_case(q) || z.name.eq_ignore_ascii_case(q)) {
        return Ok(z);
    }
    let q = q.to_lowercase();
    let mut scored: Vec<(usize, &str, &str, &GridZone)> = data
        .zones
        .iter()
        .map(|z| {
            let d = distance(&q, &z.zone_id.to_lowercase()).min(distance(&q, &z.name.to_lowercase()));
            (d, z.zone_id.as_str(), z.name.as_str(), z)
        })
        .collect();
    scored.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    Err(scored.into_iter().take(CLOSEST).map(|s| s.3).collect())
}

/// Why a `provider:code` query found no cloud region.
#[derive(Debug, Clone, PartialEq)]
pub enum RegionMiss<'d> {
    /// No colon: not `provider:code`.
    NotProviderCode,
    /// The provider (lowercased) has no regions; the providers that have some.
    UnknownProvider { provider: String, providers: Vec<&'d str> },
    /// The provider has no such region (both lowercased); the closest codes.
    UnknownRegion { provider: String, code: String, closest: Vec<&'d str> },
}

/// A cloud region from `provider:code`, both case-insensitive (`GCP:Europe-West4`).
pub fn region<'d>(data: &'d Dataset, query: &str) -> Result<&'d CloudRegion, RegionMiss<'d>> {
    let Some((provider, code)) = query.trim().split_once(':') else {
        return Err(RegionMiss::NotProviderCode);
    };
    let provider = provider.trim().to_lowercase();
    let code = code.trim().to_lowercase();
    let providers: Vec<&str> = data.providers().into_iter().map(|p| p.key.as_str()).collect();
    let Some(&provider_key) = providers.iter().find(|p| **p == provider) else {
        return Err(RegionMiss::UnknownProvider { provider, providers });
    };
    if let Some(r) = data.regions_of(provider_key).find(|r| r.region_code.eq_ignore_ascii_case(&code)) {
        return Ok(r);
    }
    let closest = closest(&code, data.regions_of(provider_key).map(|r| r.region_code.as_str()), CLOSEST);
    Err(RegionMiss::UnknownRegion { provider, code, closest })
}

/// Hardware rows whose vendor, name, kind and id contain every word of `words`.
pub fn search_hardware<'d, S: AsRef<str>>(
    data: &'d Dataset,
    words: &'d [S],
) -> impl Iterator<Item = &'d Hardware> + 'd {
    data.hardware.iter().filter(move |h| matches_all(words, &hardware_haystack(h)))
}

/// Cloud regions whose provider, code, name and country contain every word.
pub fn search_regions<'d, S: AsRef<str>>(data: &'d Dataset, words: &'d [S]) -> impl Iterator<Item = &'d CloudRegion> {
    data.regions.iter().filter(move |r| {
        matches_all(words, &format!("{} {} {} {}", r.provider, r.region_code, r.region_name, r.country_iso2))
    })
}

/// Grid zones whose id and name contain every word.
pub fn search_zones<'d, S: AsRef<str>>(data: &'d Dataset, words: &'d [S]) -> impl Iterator<Item = &'d GridZone> {
    data.zones.iter().filter(move |z| matches_all(words, &format!("{} {}", z.zone_id, z.name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> &'static Dataset {
        match Dataset::embedded() {
            Ok(d) => d,
            Err(e) => panic!("embedded tables do not parse: {e}"),
        }
    }

    fn ids(rows: &[&Hardware]) -> Vec<String> {
        rows.iter().map(|h| h.id.clone()).collect()
    }

    #[test]
    fn edit_distance_and_close_words() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("frnace", "france"), 2);
        assert_eq!(distance("été", "ete"), 2, "counted in characters, not bytes");
        assert_eq!(
            closest("US-EAST-9", ["us-east-1", "us-west-2", "eu-north-1"].into_iter(), 5),
            ["us-east-1", "us-west-2"]
        );
        assert!(closest("zz", ["us-east-1"].into_iter(), 5).is_empty());
    }

    #[test]
    fn word_filters_ignore_case_and_punctuation() {
        assert_eq!(normalize("H100-SXM5 (80GB)"), "h100 sxm5  80gb ");
        assert!(matches_all(&["h100 sxm"], "NVIDIA H100-SXM5 80GB"));
        assert!(matches_all(&["nvidia", "80gb"], "NVIDIA H100-SXM5 80GB"));
        assert!(!matches_all(&["h100", "pcie"], "NVIDIA H100-SXM5 80GB"));
        assert!(matches_all::<&str>(&[], "anything"));
        assert_eq!(search_hardware(data(), &["h100"]).count(), 3);
        assert!(search_regions(data(), &["gcp"]).any(|r| r.region_code == "us-central1"));
        assert_eq!(search_zones(data(), &["france"]).next().map(|z| z.zone_id.as_str()), Some("FR"));
    }

    #[test]
    fn hardware_by_id_name_or_words() {
        let d = data();
        for q in
            ["nvidia-h100-sxm", "NVIDIA-H100-SXM", "h100 sxm5 80gb", "NVIDIA H100 SXM5 80GB", "H100 SXM", " h100-sxm "]
        {
            assert_eq!(accelerator(d, q).map(|h| h.id.as_str()), Ok("nvidia-h100-sxm"), "{q}");
        }
        assert_eq!(accelerator(d, " - "), Err(HardwareMiss::Empty));
        match accelerator(d, "H100") {
            Err(HardwareMiss::Ambiguous { matches }) => {
                assert_eq!(ids(&matches), ["nvidia-h100-pcie", "nvidia-h100-sxm", "nvidia-h100-nvl"], "table order");
            }
            other => panic!("{other:?}"),
        }
        match accelerator(d, "H100 SXN") {
            Err(HardwareMiss::NotFound { closest }) => {
                assert_eq!(closest.len(), CLOSEST);
                assert!(ids(&closest).contains(&"nvidia-h100-sxm".to_string()), "{:?}", ids(&closest));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn cpus_and_accelerators_are_separate_pools() {
        let d = data();
        let graviton = cpu(d, "graviton3").expect("a CPU");
        assert_eq!(graviton.kind, HardwareKind::Cpu);
        assert!(graviton.power_w.is_none(), "its power is unpublished: validation reports it on --cpu");
        assert!(matches!(accelerator(d, "aws-graviton3"), Err(HardwareMiss::NotFound { .. })));
        assert!(matches!(cpu(d, "nvidia-h100-sxm"), Err(HardwareMiss::NotFound { .. })));
    }

    #[test]
    fn zones_by_id_or_name_with_the_closest_on_a_miss() {
        let d = data();
        assert_eq!(zone(d, "fr").map(|z| z.zone_id.as_str()), Ok("FR"));
        assert_eq!(zone(d, " France ").map(|z| z.zone_id.as_str()), Ok("FR"));
        assert_eq!(zone(d, "us-va").map(|z| z.zone_id.as_str()), Ok("US-VA"));
        assert_eq!(zone(d, "Quebec").map(|z| z.zone_id.as_str()), Ok("CA-QC"));
        let close = zone(d, "Frnace").expect_err("a miss");
        assert_eq!(close.len(), CLOSEST);
        assert_eq!(close[0].zone_id, "FR");
    }

    #[test]
    fn regions_as_provider_and_code() {
        let d = data();
        let r = region(d, "GCP:Europe-West4").expect("found");
        assert_eq!((r.provider.as_str(), r.region_code.as_str()), ("gcp", "europe-west4"));
        assert_eq!(region(d, "us-east-1"), Err(RegionMiss::NotProviderCode));
        match region(d, "IBM:x") {
            Err(RegionMiss::UnknownProvider { provider, providers }) => {
                assert_eq!(provider, "ibm");
                assert_eq!(providers, ["aws", "azure", "gcp", "oci"]);
            }
            other => panic!("{other:?}"),
        }
        match region(d, "aws:us-east-9") {
            Err(RegionMiss::UnknownRegion { provider, code, closest }) => {
                assert_eq!((provider.as_str(), code.as_str()), ("aws", "us-east-9"));
                assert_eq!(closest.first(), Some(&"us-east-1"));
            }
            other => panic!("{other:?}"),
        }
    }
}
